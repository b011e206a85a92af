import { statusConcernsProfile, useAppStore } from '../store/app-store';
import type { ServerState, ServerStatus } from '../../../shared/domain/status';

/** Icon and word for each state: status is never shown by colour alone. */
export const STATE_PRESENTATION: Record<ServerState, { icon: string; word: string }> = {
  ok: { icon: '●', word: 'Connected' },
  degraded: { icon: '▲', word: 'Limited' },
  down: { icon: '✖', word: 'Unreachable' },
  off: { icon: '○', word: 'Not configured' },
  connecting: { icon: '◌', word: 'Connecting' },
};

/** Each system's overall line first (UCCX, Unity Connection, Reports), then its nodes. */
function orderForFrame(statuses: ServerStatus[]): ServerStatus[] {
  const rank = (s: ServerStatus) => (s.id.includes(':') ? 1 : 0);
  const kindOrder = ['uccx', 'cupi', 'reports'];
  return [...statuses].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || rank(a) - rank(b));
}

export function StatusBar() {
  const allStatuses = useAppStore((s) => s.statuses);
  const systems = useAppStore((s) => s.info?.systems ?? null);
  const hostDisconnected = useAppStore((s) => s.hostDisconnected);
  // Only the servers the active profile uses; "not configured" lines are left out too (the profile says so already).
  const statuses = allStatuses.filter((status) => status.state !== 'off' && statusConcernsProfile(status.id, systems));
  return (
    <div className={`status-bar${hostDisconnected ? ' host-disconnected' : ''}`} role="status" aria-label="Server connections" aria-live="polite">
      {hostDisconnected && (
        <span className="status-chip state-down host-unreachable" title="This page lost its connection to the console host and reconnects by itself; the states beside this are the last ones it heard.">
          <span aria-hidden="true">✖</span> <span>Console host unreachable</span>
        </span>
      )}
      {statuses.length === 0 && !hostDisconnected && <span className="status-chip state-off">No servers configured</span>}
      {orderForFrame(statuses).map((status) => {
        const view = STATE_PRESENTATION[status.state];
        const standby = status.state === 'ok' && status.detail.startsWith('Standby');
        // A node's own word ("Slow (2.1 s)", "Answering with errors (HTTP 500)") already says what is wrong; its sentence is the tooltip.
        const word = status.word ?? (standby ? 'Standby' : view.word);
        return (
          <span key={status.id} className={`status-chip state-${status.state}`} title={status.detail} data-server={status.id}>
            <span aria-hidden="true">{view.icon}</span> {status.label}: {word}
            {status.unencrypted ? <span className="status-unencrypted"> · not encrypted</span> : null}
            {status.detail && status.state !== 'ok' && !status.word ? <span className="status-detail"> · {status.detail}</span> : null}
          </span>
        );
      })}
    </div>
  );
}

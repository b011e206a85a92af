import { useAppStore } from '../store/app-store';
import type { ServerState } from '../../../shared/domain/status';

/** Icon and word for each state: status is never shown by colour alone. */
export const STATE_PRESENTATION: Record<ServerState, { icon: string; word: string }> = {
  ok: { icon: '●', word: 'Connected' },
  degraded: { icon: '▲', word: 'Limited' },
  down: { icon: '✖', word: 'Unreachable' },
  off: { icon: '○', word: 'Not configured' },
  connecting: { icon: '◌', word: 'Connecting' },
};

export function StatusBar() {
  const statuses = useAppStore((s) => s.statuses);
  const hostDisconnected = useAppStore((s) => s.hostDisconnected);
  return (
    <div className="status-bar" role="status" aria-label="Server connections" aria-live="polite">
      {hostDisconnected && (
        <span className="status-chip state-down">
          <span aria-hidden="true">✖</span> Console host unreachable, reconnecting
        </span>
      )}
      {statuses.length === 0 && !hostDisconnected && <span className="status-chip state-off">No servers configured</span>}
      {statuses.map((status) => {
        const view = STATE_PRESENTATION[status.state];
        return (
          <span key={status.id} className={`status-chip state-${status.state}`} title={status.detail} data-server={status.id}>
            <span aria-hidden="true">{view.icon}</span> {status.label}: {view.word}
            {status.detail && status.state !== 'ok' ? <span className="status-detail"> · {status.detail}</span> : null}
          </span>
        );
      })}
    </div>
  );
}

import { statusConcernsProfile, useAppStore } from '../store/app-store';
import type { ServerState, ServerStatus } from '../../../shared/domain/status';
import { sayMain, useT, type MessageId } from '../i18n/i18n';

/** Icon and word for each state: status is never shown by colour alone. */
export const STATE_PRESENTATION: Record<ServerState, { icon: string; word: MessageId }> = {
  ok: { icon: '●', word: 'status.state.ok' },
  degraded: { icon: '▲', word: 'status.state.degraded' },
  down: { icon: '✖', word: 'status.state.down' },
  off: { icon: '○', word: 'status.state.off' },
  connecting: { icon: '◌', word: 'status.state.connecting' },
};

/** The systems' names, by the first part of a status id ("uccx", "uccx:ccx-a", "finesse"). */
const SYSTEM_NAMES: Record<string, MessageId> = {
  uccx: 'status.system.uccx',
  cupi: 'status.system.cupi',
  reports: 'status.system.reports',
  finesse: 'status.system.finesse',
};

/** Each system's overall line first (UCCX, Unity Connection, Reports), then its nodes. */
function orderForFrame(statuses: ServerStatus[]): ServerStatus[] {
  const rank = (s: ServerStatus) => (s.id.includes(':') ? 1 : 0);
  const kindOrder = ['uccx', 'cupi', 'reports'];
  return [...statuses].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || rank(a) - rank(b));
}

export function StatusBar() {
  const t = useT();
  const allStatuses = useAppStore((s) => s.statuses);
  const systems = useAppStore((s) => s.info?.systems ?? null);
  const hostDisconnected = useAppStore((s) => s.hostDisconnected);
  // Only the servers the active profile uses; "not configured" lines are left out too (the profile says so already).
  const statuses = allStatuses.filter((status) => status.state !== 'off' && statusConcernsProfile(status.id, systems));
  return (
    <div className={`status-bar${hostDisconnected ? ' host-disconnected' : ''}`} role="status" aria-label={t('status.label')} aria-live="polite">
      {hostDisconnected && (
        <span className="status-chip state-down host-unreachable" title={t('status.hostUnreachable.detail')}>
          <span aria-hidden="true">✖</span> <span>{t('status.hostUnreachable')}</span>
        </span>
      )}
      {statuses.length === 0 && !hostDisconnected && <span className="status-chip state-off">{t('status.noServers')}</span>}
      {orderForFrame(statuses).map((status) => {
        const view = STATE_PRESENTATION[status.state];
        const standby = status.state === 'ok' && status.detail.startsWith('Standby');
        // A node's own word ("Slow (2.1 s)", "Answering with errors (HTTP 500)") already says what is wrong; its sentence is the tooltip.
        const word = status.word ? sayMain(status.wordMessage, status.word) : standby ? t('status.state.standby') : t(view.word);
        // A system's own line is named by us; a node's line adds the node's name (server data, never translated).
        const systemName = SYSTEM_NAMES[status.id.split(':')[0]!];
        const system = systemName ? t(systemName) : status.label;
        const detail = sayMain(status.detailMessage, status.detail);
        // A node's line without its name apart (an older sender) shows main's label as it is, so the node is never lost.
        const unnamedNode = status.id.includes(':') && !status.nodeName;
        return (
          <span
            key={status.id}
            className={`status-chip state-${status.state}`}
            title={detail}
            data-server={status.id}
            {...(status.detail && !status.detailMessage ? { 'data-main-title': '' } : {})}
          >
            <span aria-hidden="true">{view.icon}</span>{' '}
            {unnamedNode ? (
              <span translate="no">{status.label}</span>
            ) : (
              <>
                {system}
                {status.nodeName ? (
                  <>
                    {' '}
                    <span translate="no">{status.nodeName}</span>
                  </>
                ) : null}
              </>
            )}
            : {word}
            {status.unencrypted ? <span className="status-unencrypted"> · {t('status.notEncrypted')}</span> : null}
            {status.detail && status.state !== 'ok' && !status.word ? (
              // A system's sentence ("UCCX read-only: …"), said by id; one main sends in English only is marked as such (docs/i18n.md, "Words from main").
              <span className="status-detail" data-main-text={status.detailMessage ? undefined : ''}>
                {' '}
                · {detail}
              </span>
            ) : null}
          </span>
        );
      })}
    </div>
  );
}

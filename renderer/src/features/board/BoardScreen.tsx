import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { EmptyState } from '../../components/Placeholder';
import { FieldErrorText, invalidProps } from '../../components/Field';
import type { FieldError } from '../../../../shared/domain/validation';
import { MEMBER_STATUSES, MEMBER_TYPES, validateQueueThresholds, validateThresholdRules, type BoardConnection, type BoardMember, type BoardRejections, type MemberStatus } from '../../../../shared/domain/board';
import { navigate, useAppStore } from '../../store/app-store';
import { useBoardStore, startBoardBridge } from './board-store';
import { useBoardView, initialiseView, updateView } from './board-view-store';
import { askNotificationPermission, describeQueue, queueAlertKey, resumeAlerts, snoozeAll, snoozeMember, snoozeQueue, startAlertChecks, useAlertStore, SNOOZE_MINUTES } from './board-alerts';
import { QueueStrip } from './QueueStrip';
import { startQueueBridge } from './queue-store';
import {
  alertLevel,
  CLEARED_FILTERS,
  deriveRows,
  formatElapsed,
  noMatchMessage,
  statusLabel,
  timeSortWords,
  typeLabel,
  type AlertLevel,
  type BoardRow,
  type SortColumn,
  type StatusCounts,
  type QueueThresholds,
  type ThresholdRule,
} from './board-model';
import { wallboardHash } from './wallboard-model';
import { STATUS_ICONS, useMoments, useNow } from './board-ui';
import { sayMain, t as translate, useT, type MessageId } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { ActionMenu } from './ActionMenu';
import { ActionNotes, BulkProgressPanel, FinesseLine, SignOutConfirm } from './BoardActions';
import { TeamMessageDialog } from './TeamMessageDialog';
import { askSignOut, chooseAction, setSelection, startFinesseBridge, toggleSelected, useFinesseStore } from './finesse-store';
import { statusForAgentState } from '../../../../shared/domain/finesse';
import { agentStateLabel } from './finesse-words';
import { useDialogFocus } from '../../components/useDialogFocus';
import { describeTrace, visibleTrace, type ReconnectTrace } from './reconnect-trace';
import { ReplayBanner, ReplayBar } from './ReplayBar';
import { replayedBoard, useReplayStore } from './replay-store';
import type { BoardTeam } from '../../../../shared/domain/board';
import './board.css';

const ALERT_ICONS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: '▲', red: '⬣' };
const ROW_HEIGHT = 34;

interface ShownBoard {
  teams: BoardTeam[];
  members: ReadonlyMap<string, BoardMember>;
  /** The replayed moment, or null for the live board. */
  replayAt: number | null;
  /** While replaying: why there is nothing to show (loading, not observed, an error). */
  emptyReason: string | null;
}

const NO_MEMBERS: ReadonlyMap<string, BoardMember> = new Map();

/** The board on screen: the live one, or the one replayed from history at the slider's moment. */
function useShownBoard(): ShownBoard {
  const liveTeams = useBoardStore((s) => s.teams);
  const liveMembers = useBoardStore((s) => s.members);
  const at = useReplayStore((s) => s.at);
  const board = useReplayStore((s) => s.board);
  const error = useReplayStore((s) => s.error);
  // Built once per answer: while the slider moves, `at` changes on every step but the board shown only when an answer comes.
  const replayed = useMemo(() => (board?.observed ? replayedBoard(board) : null), [board]);
  return useMemo(() => {
    if (at === null) return { teams: liveTeams, members: liveMembers, replayAt: null, emptyReason: null };
    if (!board) return { teams: [], members: NO_MEMBERS, replayAt: at, emptyReason: error ? `⚠ ${error}` : translate('board.replay.loadingMoment') };
    if (!board.observed || !replayed) return { teams: [], members: NO_MEMBERS, replayAt: board.at, emptyReason: translate('board.replay.notObserved', { detail: board.detail }) };
    return { ...replayed, replayAt: board.at, emptyReason: null };
  }, [liveTeams, liveMembers, at, board, error, replayed]);
}

export function BoardScreen() {
  useEffect(() => {
    startBoardBridge();
    startFinesseBridge();
    startQueueBridge();
    initialiseView();
    startAlertChecks();
  }, []);
  const loaded = useBoardStore((s) => s.loaded);
  const configured = useBoardStore((s) => s.configured);
  const t = useT();

  if (!loaded) {
    return (
      <section className="board-screen" aria-busy="true">
        <h1 className="board-title">{t('board.title')}</h1>
        <p className="muted">{t('board.loading')}</p>
      </section>
    );
  }
  if (!configured) {
    return (
      <EmptyState title={t('board.title')}>
        <p>{t('board.notConfigured')}</p>
        <p className="muted">{t('board.notConfigured.hint')}</p>
      </EmptyState>
    );
  }
  return <BoardView />;
}

function BoardView() {
  const [showThresholds, setShowThresholds] = useState(false);
  const connection = useBoardStore((s) => s.connection);
  const rejections = useBoardStore((s) => s.rejections);
  const limitNotice = useBoardStore((s) => s.limitNotice);
  const limitNoticeMessage = useBoardStore((s) => s.limitNoticeMessage);
  const permission = useAlertStore((s) => s.permission);
  const rejected = Object.values(rejections).reduce((a, b) => a + b, 0);
  const finesseOn = useFinesseStore((s) => s.state.mode !== 'off');
  const [messaging, setMessaging] = useState(false);
  const messageButton = useRef<HTMLButtonElement>(null);
  // While replaying, only what history recorded is shown: no live alerts, queue figures or actions.
  const replaying = useReplayStore((s) => s.at !== null);
  const live = !replaying;
  const t = useT();

  return (
    <section className={`board-screen${replaying ? ' replaying' : ''}`}>
      <div className="screen-header">
        <h1>{t('board.title')}</h1>
        <div className="toolbar">
          {permission === 'default' && (
            <button type="button" onClick={() => void askNotificationPermission()}>
              {t('board.enableAlerts')}
            </button>
          )}
          {finesseOn && live && <SignOutSelectedButton />}
          {finesseOn && live && (
            <button type="button" ref={messageButton} aria-haspopup="dialog" onClick={() => setMessaging(true)}>
              {t('board.teamMessage')}
            </button>
          )}
          <button type="button" aria-expanded={showThresholds} onClick={() => setShowThresholds((v) => !v)}>
            {t('board.thresholds')}
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => {
              // The wallboard's own address (which a TV can open directly), with the board's choice of queues.
              const queueCsqs = useBoardView.getState().view.queueCsqs;
              window.location.hash = wallboardHash({ csqs: queueCsqs ?? undefined });
              navigate('wallboard');
              void document.documentElement.requestFullscreen?.().catch(() => undefined);
            }}
          >
            {t('wallboard.title')}
          </button>
        </div>
      </div>
      <ReplayBar />
      {replaying ? <ReplayBanner /> : <ConnectionBanner connection={connection} />}
      {permission === 'denied' && (
        <p className="board-alerts-blocked" role="status" data-testid="alerts-blocked">
          <span aria-hidden="true">⊘</span> <strong>{t('board.alertsBlocked.title')}</strong> {t('board.alertsBlocked.body')}
        </p>
      )}
      {live && <FinesseLine />}
      {live && rejected > 0 && (
        <p className="muted board-rejected" data-testid="board-rejected">
          {t('board.rejected', { count: rejected, details: describeRejections(rejections) })}
        </p>
      )}
      {live && limitNotice && (
        <p className="board-limit" role="alert" data-testid="board-limit">
          ⚠ <span data-main-text={limitNoticeMessage ? undefined : ''}>{sayMain(limitNoticeMessage ?? undefined, limitNotice)}</span>
        </p>
      )}
      {showThresholds && <ThresholdEditor onClose={() => setShowThresholds(false)} />}
      {live && <AlertList />}
      {live && <ReconnectTraceNote />}
      <BulkProgressPanel />
      <ActionNotes />
      {live ? (
        <QueueStrip />
      ) : (
        <section className="panel replay-queues" aria-label={t('board.replayQueues.label')}>
          <strong>{t('board.replayQueues.title')}</strong> <span className="muted">{t('board.replayQueues.body')}</span>
        </section>
      )}
      <Filters />
      <TeamSummaries />
      <MemberTable />
      <SignOutConfirm />
      {messaging && (
        <TeamMessageDialog
          onClose={() => {
            setMessaging(false);
            messageButton.current?.focus();
          }}
        />
      )}
    </section>
  );
}

/** End of shift: sign out every ticked row, after one confirmation. */
function SignOutSelectedButton() {
  const selected = useFinesseStore((s) => s.selected);
  const running = useFinesseStore((s) => s.bulk !== null && s.bulk.current !== null);
  const members = useBoardStore((s) => s.members);
  const t = useT();
  if (selected.size === 0) return null;
  const chosen = [...selected].map((id) => members.get(id)).filter((m): m is BoardMember => m !== undefined);
  return (
    <button type="button" className="danger" disabled={running || chosen.length === 0} onClick={() => askSignOut(chosen)}>
      {t('board.signOutSelected', { count: chosen.length })}
    </button>
  );
}

function describeRejections(r: BoardRejections): string {
  const names: Record<keyof BoardRejections, MessageId> = {
    invalidJson: 'board.rejection.invalidJson',
    notText: 'board.rejection.notText',
    unknownEvent: 'board.rejection.unknownEvent',
    missingFields: 'board.rejection.missingFields',
    unknownStatus: 'board.rejection.unknownStatus',
    unknownType: 'board.rejection.unknownType',
    unknownTeam: 'board.rejection.unknownTeam',
    unexpectedResponse: 'board.rejection.unexpectedResponse',
  };
  return Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => translate(names[k as keyof BoardRejections], { count: n }))
    .join(', ');
}

function ConnectionBanner({ connection }: { connection: BoardConnection }) {
  useNow(1_000);
  const hostDisconnected = useAppStore((s) => s.hostDisconnected);
  const t = useT();
  const moments = useMoments();
  // The board is live at the console host, but this page no longer hears it: what it shows is frozen.
  if (connection.state === 'live' && hostDisconnected) {
    return (
      <div className="banner banner-warning" role="status" data-testid="board-connection">
        <strong>{t('board.connection.paused')}</strong> {t('board.connection.pausedBody')}
      </div>
    );
  }
  if (connection.state === 'live') {
    return (
      <p className="board-live" role="status">
        <span aria-hidden="true">●</span> {t('board.connection.live')}
      </p>
    );
  }
  const retry = connection.retryAt ? t('board.connection.retry', { seconds: Math.max(0, Math.ceil((connection.retryAt - Date.now()) / 1000)) }) : '';
  const tone = connection.state === 'connecting' && !connection.asOf ? 'banner-info' : connection.state === 'refused' ? 'banner-error' : 'banner-warning';
  // A board with a time is old data: say how old, first.
  const headline = connection.asOf ? (
    <Message id="board.connection.asOf" parts={{ time: <time dateTime={new Date(connection.asOf).toISOString()}>{moments.dayAndClock(connection.asOf)}</time> }} />
  ) : connection.state === 'connecting' ? (
    t('board.connection.connecting')
  ) : connection.state === 'refused' ? (
    t('board.connection.refused')
  ) : (
    t('board.connection.disconnected')
  );
  return (
    <div className={`banner ${tone}`} role="status" data-testid="board-connection">
      <strong>{headline}</strong> <span data-main-text={connection.detailMessage ? undefined : ''}>{sayMain(connection.detailMessage, connection.detail)}</span>
      {retry ? ` ${retry}` : ''}
    </div>
  );
}

function Filters() {
  const view = useBoardView((s) => s.view);
  const { teams } = useShownBoard();
  const t = useT();
  const toggle = <T,>(list: T[], value: T): T[] => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  return (
    <div className="toolbar board-filters" role="group" aria-label={t('board.filters')}>
      <label>
        {t('board.filters.team')}{' '}
        <select value={view.teamId ?? ''} onChange={(e) => updateView({ teamId: e.target.value || null })}>
          <option value="">{t('board.filters.allTeams')}</option>
          {teams.map((team) => (
            <option key={team.teamId} value={team.teamId} translate="no">
              {team.teamName}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="board-chips">
        <legend className="visually-hidden">{t('board.column.status')}</legend>
        {MEMBER_STATUSES.map((status) => (
          <label key={status} className="chip">
            <input type="checkbox" checked={view.statuses.includes(status)} onChange={() => updateView({ statuses: toggle(view.statuses, status) })} />
            {statusLabel(status)}
          </label>
        ))}
      </fieldset>
      <fieldset className="board-chips">
        <legend className="visually-hidden">{t('board.filters.type')}</legend>
        {MEMBER_TYPES.map((type) => (
          <label key={type} className="chip">
            <input type="checkbox" checked={view.types.includes(type)} onChange={() => updateView({ types: toggle(view.types, type) })} />
            {typeLabel(type)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('board.column.name')} <input type="search" value={view.name} maxLength={100} onChange={(e) => updateView({ name: e.target.value })} placeholder={t('board.filters.namePlaceholder')} />
      </label>
    </div>
  );
}

function Counts({ counts }: { counts: StatusCounts }) {
  const t = useT();
  return (
    <span className="board-counts">
      <span className="count status-ready">
        {STATUS_ICONS.ready} {t('board.counts.ready', { count: counts.ready })}
      </span>
      <span className="count status-not_ready">
        {STATUS_ICONS.not_ready} {t('board.counts.not_ready', { count: counts.not_ready })}
      </span>
      <span className="count status-ACW">
        {STATUS_ICONS.ACW} {t('board.counts.ACW', { count: counts.ACW })}
      </span>
    </span>
  );
}

function TeamSummaries() {
  const { teams, members, emptyReason } = useShownBoard();
  const selected = useBoardView((s) => s.view.teamId);
  const t = useT();
  const summaries = useMemo(
    () =>
      teams.map((team) => {
        const counts = { ready: 0, not_ready: 0, ACW: 0, total: 0 };
        for (const id of team.memberIds) {
          const m = members.get(id);
          if (m) {
            counts[m.status]++;
            counts.total++;
          }
        }
        return { team, counts };
      }),
    [teams, members],
  );
  if (emptyReason) return <p className="muted board-replay-empty">{emptyReason}</p>;
  if (teams.length === 0) return <p className="muted">{t('board.noTeams')}</p>;
  return (
    <ul className="board-summaries" aria-label={t('board.teamSummaries')}>
      {summaries.map(({ team, counts }) => (
        <li key={team.teamId} data-team-id={team.teamId} className={selected === team.teamId ? 'selected' : undefined}>
          <button type="button" className="summary" aria-pressed={selected === team.teamId} onClick={() => updateView({ teamId: selected === team.teamId ? null : team.teamId })}>
            <span className="summary-name" translate="no">
              {team.teamName}
            </span>
            <Counts counts={counts} />
          </button>
        </li>
      ))}
    </ul>
  );
}

function AlertList() {
  const red = useAlertStore((s) => s.red);
  const redQueues = useAlertStore((s) => s.redQueues);
  const snoozedUntil = useAlertStore((s) => s.snoozedUntil);
  const snoozeAllUntil = useAlertStore((s) => s.snoozeAllUntil);
  const now = useNow(1_000);
  const t = useT();
  const moments = useMoments();
  if (red.length === 0 && redQueues.length === 0) return null;
  const allSnoozed = snoozeAllUntil > now;
  const headline =
    redQueues.length && red.length
      ? t('board.alerts.queuesAndMembers', { queues: redQueues.length, members: red.length })
      : redQueues.length
        ? t('board.alerts.queues', { count: redQueues.length })
        : t('board.alerts.members', { count: red.length });
  return (
    <section className="panel board-alerts" aria-label={t('board.alerts.label')}>
      <div className="board-alerts-head">
        <strong>
          {ALERT_ICONS.red} {headline}
        </strong>
        {allSnoozed ? (
          <span className="board-alerts-paused">
            {/* One piece of text: the line lays out its children as flex items. */}
            <span>
              <Message id="board.alerts.snoozedUntil" parts={{ time: <time dateTime={new Date(snoozeAllUntil).toISOString()}>{moments.clock(snoozeAllUntil)}</time> }} />
            </span>{' '}
            <button type="button" onClick={() => resumeAlerts()}>
              {t('board.alerts.resume')}
            </button>
          </span>
        ) : (
          <button type="button" onClick={() => snoozeAll()}>
            {t('board.alerts.snoozeAll', { minutes: SNOOZE_MINUTES })}
          </button>
        )}
      </div>
      <ul>
        {redQueues.map((queue) => (
          <li key={`queue:${queue.name}`}>
            <Message id="board.alerts.queue" values={{ description: describeQueue(queue) }} parts={{ name: <span translate="no">{queue.name}</span> }} />{' '}
            {(snoozedUntil[queueAlertKey(queue.name)] ?? 0) > now ? (
              <span className="muted">{t('board.alerts.snoozed')}</span>
            ) : (
              <button type="button" className="link" onClick={() => snoozeQueue(queue.name)} aria-label={t('board.alerts.snoozeQueueLabel', { name: queue.name, minutes: SNOOZE_MINUTES })}>
                {t('board.alerts.snooze')}
              </button>
            )}
          </li>
        ))}
        {red.slice(0, 8).map((m) => (
          <li key={m.memberId}>
            <Message
              id={m.reason ? 'board.alerts.memberWithReason' : 'board.alerts.member'}
              values={{ status: statusLabel(m.status), elapsed: `${m.sinceAtLeast ? '≥ ' : ''}${formatElapsed(now - m.since)}` }}
              parts={{ name: <span translate="no">{m.memberName}</span>, reason: <span translate="no">{m.reason}</span> }}
            />{' '}
            {(snoozedUntil[m.memberId] ?? 0) > now ? (
              <span className="muted">{t('board.alerts.snoozed')}</span>
            ) : (
              <button type="button" className="link" onClick={() => snoozeMember(m.memberId)} aria-label={t('board.alerts.snoozeMemberLabel', { name: m.memberName, minutes: SNOOZE_MINUTES })}>
                {t('board.alerts.snooze')}
              </button>
            )}
          </li>
        ))}
        {red.length > 8 && <li className="muted">{t('board.alerts.more', { count: red.length - 8 })}</li>}
      </ul>
    </section>
  );
}

/** Members whose red the last report-server reconnect hid (their clocks restarted), named until their state changes. */
function ReconnectTraceNote() {
  const traces = useBoardStore((s) => s.traces);
  const members = useBoardStore((s) => s.members);
  const thresholds = useBoardView((s) => s.view.thresholds);
  const now = useNow(1_000);
  const t = useT();
  const wasRed: BoardMember[] = [];
  for (const [id, trace] of traces) {
    const member = members.get(id);
    if (member && visibleTrace(trace, alertLevel(member, thresholds, now))?.level === 'red') wasRed.push(member);
  }
  if (wasRed.length === 0) return null;
  return (
    <p className="board-trace-note" data-testid="board-trace-note">
      <span aria-hidden="true">↻{ALERT_ICONS.red}</span>{' '}
      <Message
        id={wasRed.length > 8 ? 'board.trace.noteMore' : 'board.trace.note'}
        values={{ count: wasRed.length, more: wasRed.length - 8 }}
        parts={{
          // Names and reason codes are the server's; each member's status word is ours, said inside the list.
          names: (
            <span translate="no">
              {wasRed
                .slice(0, 8)
                .map((m) => t(m.reason ? 'board.trace.memberWithReason' : 'board.trace.member', { name: m.memberName, status: statusLabel(m.status), reason: m.reason }))
                .join(', ')}
            </span>
          ),
        }}
      />
    </p>
  );
}

const COLUMNS: ReadonlyArray<{ column: SortColumn; label: MessageId }> = [
  { column: 'name', label: 'board.column.name' },
  { column: 'type', label: 'board.column.type' },
  { column: 'status', label: 'board.column.status' },
  { column: 'reason', label: 'board.column.reason' },
  { column: 'time', label: 'board.column.time' },
];

function MemberTable() {
  const { teams, members, replayAt } = useShownBoard();
  const view = useBoardView((s) => s.view);
  const clock = useNow(1_000);
  const t = useT();
  // A replayed board's time in state is counted to the replayed moment.
  const now = replayAt ?? clock;
  const rows = useMemo(() => deriveRows(teams, members, view), [teams, members, view]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rows[index]!.key,
  });
  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const sort = view.sort;
  // Once per set of rows, not on every tick of the clock: a loop over 5,000 rows, no array per row.
  const { memberRows, shownIds } = useMemo(() => {
    let count = 0;
    const ids = new Set<string>();
    for (const row of rows) {
      if (row.kind !== 'member') continue;
      count++;
      ids.add(row.member.memberId);
    }
    return { memberRows: count, shownIds: [...ids] };
  }, [rows]);
  // Actions act on the live board: a replayed row offers none.
  const finesseOn = useFinesseStore((s) => s.state.mode !== 'off') && replayAt === null;
  const selected = useFinesseStore((s) => s.selected);
  const columns = COLUMNS.length + (finesseOn ? 2 : 0);
  const allShownSelected = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
  const traces = useBoardStore((s) => s.traces);
  const nothingMatches = memberRows === 0 && members.size > 0;

  return (
    <div className="board-table-wrap">
      <p className="muted board-row-count" aria-live="polite">
        {t('board.rowCount', { count: memberRows })}
      </p>
      {nothingMatches && (
        <div className="panel board-no-match" role="status" data-testid="board-no-match">
          <p>{noMatchMessage(view)}</p>
          <button type="button" onClick={() => updateView(CLEARED_FILTERS)}>
            {t('board.clearFilters')}
          </button>
        </div>
      )}
      <div className="board-scroll" ref={scrollRef} tabIndex={0} aria-label={t('board.members')} hidden={nothingMatches}>
        <table className={`data board-table${finesseOn ? ' with-actions' : ''}`} aria-rowcount={rows.length + 1}>
          <thead>
            <tr>
              {finesseOn && (
                <th scope="col" className="select-cell">
                  <input type="checkbox" aria-label={t('board.selectAll')} checked={allShownSelected} onChange={(e) => setSelection(e.target.checked ? shownIds : [])} />
                </th>
              )}
              {COLUMNS.map(({ column, label }) => (
                <th key={column} scope="col" aria-sort={sort.column === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button
                    type="button"
                    className="sort"
                    onClick={() => updateView({ sort: { column, descending: sort.column === column ? !sort.descending : false } })}
                  >
                    {t(label)}
                    <span aria-hidden="true">{sort.column === column ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    {/* The time column's arrow is about when the state began, so it says which comes first in words. */}
                    {column === 'time' && sort.column === 'time' && <span className="sort-words"> {timeSortWords(sort.descending)}</span>}
                  </button>
                </th>
              ))}
              {finesseOn && (
                <th scope="col" className="actions-cell">
                  <span className="visually-hidden">{t('board.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {top > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={columns} style={{ height: top }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rows[item.index]!;
              return row.kind === 'team' ? (
                <TeamRow key={row.key} row={row} columns={columns} />
              ) : (
                <MemberRow
                  key={row.key}
                  member={row.member}
                  now={now}
                  thresholds={view.thresholds}
                  actions={finesseOn}
                  selected={selected.has(row.member.memberId)}
                  trace={replayAt === null ? traces.get(row.member.memberId) : undefined}
                />
              );
            })}
            {bottom > 0 && (
              <tr aria-hidden="true" className="spacer">
                <td colSpan={columns} style={{ height: bottom }} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function TeamRow({ row, columns }: { row: Extract<BoardRow, { kind: 'team' }>; columns: number }) {
  const t = useT();
  return (
    <tr className="team-row" data-team-id={row.team.teamId}>
      <th colSpan={columns} scope="rowgroup">
        <span className="team-name" translate="no">
          {row.team.teamName}
        </span>{' '}
        <Counts counts={row.counts} />
        {row.shown !== row.counts.total && <span className="muted"> {t('board.team.shown', { count: row.shown })}</span>}
      </th>
    </tr>
  );
}

const MemberRow = memo(function MemberRow({
  member,
  now,
  thresholds,
  actions,
  selected,
  trace,
}: {
  member: BoardMember;
  now: number;
  thresholds: ThresholdRule[];
  actions: boolean;
  selected: boolean;
  trace: ReconnectTrace | undefined;
}) {
  const t = useT();
  const level = alertLevel(member, thresholds, now);
  const traced = visibleTrace(trace, level);
  const agent = member.agentState;
  // Finesse knows states the report server cannot say (signed out, on a call): show those in its words.
  const own = agent && statusForAgentState(agent.state) === null ? agentStateLabel(agent.state) : null;
  return (
    <tr
      className={`member-row level-${level}${selected ? ' selected' : ''}${traced ? ` traced traced-${traced.level}` : ''}`}
      data-member-id={member.memberId}
      data-agent-state={agent?.state}
    >
      {actions && (
        <td className="select-cell">
          <input type="checkbox" aria-label={t('board.select', { name: member.memberName })} checked={selected} onChange={(e) => toggleSelected(member.memberId, e.target.checked)} />
        </td>
      )}
      <td className="name" translate="no">
        {member.memberName}
      </td>
      <td>{typeLabel(member.memberType)}</td>
      <td className={`status status-${member.status}${own ? ' status-finesse' : ''}`}>
        <span aria-hidden="true">{own ? FINESSE_ICON : STATUS_ICONS[member.status]} </span>
        {own ?? statusLabel(member.status)}
      </td>
      <td className="reason">{agent?.pendingState === 'LOGOUT' ? <span className="pending-note" title={t('board.signOutPending.title')}>{t('board.signOutPending')}</span> : <span translate="no">{member.reason}</span>}</td>
      <td className="time">
        {traced && (
          <span className="reconnect-trace" title={t('board.trace.title', { level: traced.level })}>
            <span aria-hidden="true">↻{ALERT_ICONS[traced.level]}</span>
            <span className="visually-hidden">{describeTrace(traced)}, </span>{' '}
          </span>
        )}
        {level !== 'normal' && (
          <span className="level-icon" aria-label={level === 'red' ? t('board.level.red') : t('board.level.amber')}>
            {ALERT_ICONS[level]}{' '}
          </span>
        )}
        <span title={member.sinceAtLeast ? t('board.sinceAtLeast') : undefined}>
          {member.sinceAtLeast ? '≥ ' : ''}
          {formatElapsed(now - member.since)}
        </span>
      </td>
      {actions && (
        <td className="actions-cell">
          <ActionMenu member={member} onChoose={(target) => chooseAction(member, target)} />
        </td>
      )}
    </tr>
  );
});

const FINESSE_ICON = '◆';

/** The thresholds as edited, before Save: the board keeps using the saved ones until then. */
interface ThresholdDraft {
  thresholds: ThresholdRule[];
  queueThresholds: QueueThresholds;
}

function QueueThresholdFields({ rules, errors, onChange }: { rules: QueueThresholds; errors: FieldError[]; onChange: (rules: QueueThresholds) => void }) {
  const t = useT();
  const field = (key: keyof QueueThresholds) => {
    const label = t(`board.thresholds.${key}`);
    const message = problemAt(errors, `queueThresholds.${key}`);
    const errorId = `queue-threshold-${key}-error`;
    return (
      <label>
        {label}
        <input type="number" min={0} max={100_000} value={Number.isNaN(rules[key]) ? '' : rules[key]} onChange={(e) => onChange({ ...rules, [key]: e.target.value === '' ? Number.NaN : Number(e.target.value) })} {...invalidProps(errorId, message)} />
        <FieldErrorText id={errorId} message={message} />
      </label>
    );
  };
  return (
    <fieldset className="queue-thresholds">
      <legend>{t('board.thresholds.queues')}</legend>
      <p className="muted">{t('board.thresholds.queuesIntro')}</p>
      {field('waitingAmber')}
      {field('waitingRed')}
      {field('waitAmberSeconds')}
      {field('waitRedSeconds')}
    </fieldset>
  );
}

/**
 * Member and queue thresholds, edited as a draft and saved with one button.
 * The rules are checked as they are typed (the same checks main runs before
 * it stores them): each problem shows at its field and Save waits until none is left.
 */
function ThresholdEditor({ onClose }: { onClose: () => void }) {
  const saved = useBoardView((s) => s.view);
  const t = useT();
  const [draft, setDraft] = useState<ThresholdDraft>(() => ({ thresholds: saved.thresholds, queueThresholds: saved.queueThresholds }));
  const thresholds = draft.thresholds;
  const errors = [...validateThresholdRules(thresholds), ...validateQueueThresholds(draft.queueThresholds)];
  const changed = JSON.stringify(draft) !== JSON.stringify({ thresholds: saved.thresholds, queueThresholds: saved.queueThresholds });
  const set = (index: number, patch: Partial<ThresholdRule>) => setDraft({ ...draft, thresholds: thresholds.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)) });
  const minutes = (value: string) => (value === '' ? Number.NaN : Number(value));
  const cellError = (index: number, key: keyof ThresholdRule) => {
    const message = problemAt(errors, `thresholds.${index}.${key}`);
    const id = `threshold-${index}-${key}-error`;
    return { props: invalidProps(id, message), text: <FieldErrorText id={id} message={message} /> };
  };
  const reason = cannotSaveReason(errors);
  const panelRef = useRef<HTMLElement>(null);
  // Focus goes to the first rule on open; Esc closes; focus returns to the Thresholds… button.
  useDialogFocus(panelRef, { onClose });
  return (
    <section ref={panelRef} className="panel board-thresholds" aria-label={t('board.thresholds.title')}>
      <div className="panel-head">
        <h2>{t('board.thresholds.title')}</h2>
        <button type="button" onClick={onClose}>
          {t('board.close')}
        </button>
      </div>
      <p className="muted">{t('board.thresholds.intro')}</p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('board.column.status')}</th>
            <th scope="col">{t('board.thresholds.reason')}</th>
            <th scope="col">{t('board.thresholds.amber')}</th>
            <th scope="col">{t('board.thresholds.red')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('board.thresholds.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {thresholds.map((rule, index) => {
            const reasonError = cellError(index, 'reason');
            const amberError = cellError(index, 'amberMinutes');
            const redError = cellError(index, 'redMinutes');
            return (
              <tr key={index}>
                <td>
                  <select aria-label={t('board.thresholds.statusOf', { number: index + 1 })} value={rule.status} onChange={(e) => set(index, { status: e.target.value as MemberStatus })}>
                    {MEMBER_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {statusLabel(s)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={t('board.thresholds.reasonOf', { number: index + 1 })} value={rule.reason} maxLength={64} placeholder={t('board.thresholds.anyReason')} onChange={(e) => set(index, { reason: e.target.value })} {...reasonError.props} />
                  {reasonError.text}
                </td>
                <td>
                  <input aria-label={t('board.thresholds.amberOf', { number: index + 1 })} type="number" min={0} max={1440} step="any" value={Number.isNaN(rule.amberMinutes) ? '' : rule.amberMinutes} onChange={(e) => set(index, { amberMinutes: minutes(e.target.value) })} {...amberError.props} />
                  {amberError.text}
                </td>
                <td>
                  <input aria-label={t('board.thresholds.redOf', { number: index + 1 })} type="number" min={0} max={1440} step="any" value={Number.isNaN(rule.redMinutes) ? '' : rule.redMinutes} onChange={(e) => set(index, { redMinutes: minutes(e.target.value) })} {...redError.props} />
                  {redError.text}
                </td>
                <td>
                  <button type="button" onClick={() => setDraft({ ...draft, thresholds: thresholds.filter((_, i) => i !== index) })} aria-label={t('board.thresholds.removeRule', { number: index + 1 })}>
                    {t('board.thresholds.remove')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" onClick={() => setDraft({ ...draft, thresholds: [...thresholds, { status: 'not_ready', reason: '', amberMinutes: 10, redMinutes: 20 }] })}>
        {t('board.thresholds.addRule')}
      </button>
      <QueueThresholdFields rules={draft.queueThresholds} errors={errors} onChange={(queueThresholds) => setDraft({ ...draft, queueThresholds })} />
      {reason ? (
        <p className="banner banner-warning" id="thresholds-save-reason">
          {reason}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={!changed || errors.length > 0} aria-describedby={reason ? 'thresholds-save-reason' : undefined} onClick={() => updateView(draft)}>
          {t('board.thresholds.save')}
        </button>
        <button type="button" disabled={!changed} onClick={() => setDraft({ thresholds: saved.thresholds, queueThresholds: saved.queueThresholds })}>
          {t('board.thresholds.undo')}
        </button>
        {!changed ? <span className="muted">{t('board.thresholds.saved')}</span> : errors.length === 0 ? <span className="muted">{t('board.thresholds.notSaved')}</span> : null}
      </div>
    </section>
  );
}

/** The problem at one field, in the active language (the rule's English where the catalogue has no words for it). */
function problemAt(errors: readonly FieldError[], field: string): string | null {
  const error = errors.find((candidate) => candidate.field === field);
  return error ? sayMain(error.said, error.message) : null;
}

/** Why Save waits: the first problem with its field's name, and how many more there are. */
function cannotSaveReason(errors: readonly FieldError[]): string | null {
  const first = errors[0];
  if (!first) return null;
  const values = { field: describeThresholdField(first.field), problem: sayMain(first.said, first.message) };
  return errors.length === 1 ? translate('board.thresholds.cannotSave', values) : translate('board.thresholds.cannotSaveMore', { ...values, count: errors.length - 1 });
}

/** "thresholds.1.redMinutes" → "Rule 2, red minutes". */
function describeThresholdField(field: string): string {
  const [group, row, key] = field.split('.');
  const ruleWords: Record<string, MessageId> = { amberMinutes: 'board.thresholds.field.ruleAmber', redMinutes: 'board.thresholds.field.ruleRed', reason: 'board.thresholds.field.ruleReason', status: 'board.thresholds.field.ruleStatus' };
  if (group === 'thresholds' && row !== undefined) return translate((key && ruleWords[key]) || 'board.thresholds.field.rule', { number: Number(row) + 1 });
  const queueWords: Record<string, MessageId> = {
    waitingAmber: 'board.thresholds.field.waitingAmber',
    waitingRed: 'board.thresholds.field.waitingRed',
    waitAmberSeconds: 'board.thresholds.field.waitAmberSeconds',
    waitRedSeconds: 'board.thresholds.field.waitRedSeconds',
  };
  const queueWord = queueWords[row ?? ''];
  return queueWord ? translate(queueWord) : field;
}

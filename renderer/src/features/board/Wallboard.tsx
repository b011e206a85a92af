import { useEffect, useId, useMemo, useRef, useState, type CSSProperties } from 'react';
import { useT } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { MainText } from '../../components/ErrorDetails';
import type { MainMessage } from '../../../../shared/domain/main-message';
import { navigate, useAppStore } from '../../store/app-store';
import { startBoardBridge, useBoardStore } from './board-store';
import { initialiseView, useBoardView } from './board-view-store';
import { startQueueBridge, useQueueStore } from './queue-store';
import { alertLevel, countStatuses, formatElapsed, shownQueues, statusLabel, type AlertLevel, type ShownQueue } from './board-model';
import { STATUS_ICONS, useMoments, useNow } from './board-ui';
import { longestNotReady, MAX_QUEUES, parseWallboardHash, pickTeams, staleReason, teamPage, tileColumns, type WallboardConfig } from './wallboard-model';
import './board.css';

const LEVEL_ICONS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: '▲', red: '⬣' };
const AGENTS_SHOWN = 6;

const count = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));

function useWallboardConfig(): WallboardConfig {
  const [config, setConfig] = useState(() => parseWallboardHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setConfig(parseWallboardHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return config;
}

/** `#/wallboard?…`: the whole window, fed like the board, configured by its address. */
export function WallboardScreen() {
  useEffect(() => {
    startBoardBridge();
    startQueueBridge();
    initialiseView();
  }, []);
  return <Wallboard />;
}

/**
 * For a TV read from across the room: the queues first (calls waiting,
 * longest wait), then each team's Ready / Not Ready / ACW, then the agents
 * longest in Not Ready. Tiles and type scale with the screen; teams that do
 * not fit rotate in pages. When the figures stop being current it says so in
 * large type. Esc (or the button) goes back to the board.
 */
export function Wallboard() {
  const config = useWallboardConfig();
  const now = useNow(1_000);
  const boardLoaded = useBoardStore((s) => s.loaded);
  const configured = useBoardStore((s) => s.configured);
  const teams = useBoardStore((s) => s.teams);
  const members = useBoardStore((s) => s.members);
  const connection = useBoardStore((s) => s.connection);
  const queueState = useQueueStore((s) => s.state);
  const queuesReceivedAt = useQueueStore((s) => s.receivedAt);
  const hostDisconnected = useAppStore((s) => s.hostDisconnected);
  const view = useBoardView((s) => s.view);
  const [pageIndex, setPageIndex] = useState(0);
  const t = useT();
  const { clock } = useMoments();
  const tileIds = useId();
  const screenRef = useRef<HTMLElement>(null);
  // The wallboard takes focus when it opens, so a keyboard user is on it (Tab reaches Leave, Esc leaves).
  useEffect(() => screenRef.current?.focus(), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') leave();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shownTeams = useMemo(() => pickTeams(teams, config.teams), [teams, config.teams]);
  const { items: pageTeams, page, pages } = teamPage(shownTeams, pageIndex);
  useEffect(() => {
    if (config.rotateSeconds === 0 || pages < 2) return;
    const timer = setInterval(() => setPageIndex((i) => i + 1), config.rotateSeconds * 1_000);
    return () => clearInterval(timer);
  }, [config.rotateSeconds, pages]);

  const queues = queueState.mode === 'off' ? [] : shownQueues(queueState, config.csqs ?? view.queueCsqs, view.queueThresholds, now).slice(0, MAX_QUEUES);
  const agents = useMemo(() => longestNotReady(shownTeams, members, AGENTS_SHOWN), [shownTeams, members]);

  // The last moment everything was current, for "No data since 10:42".
  const stale = staleReason({ hostDisconnected, board: connection.state, queuesExpected: queueState.mode !== 'off', queuesReceivedAt, now });
  const freshAt = useRef<number | null>(null);
  if (!stale && boardLoaded) freshAt.current = now;
  const since = freshAt.current ?? connection.asOf;

  return (
    <section ref={screenRef} tabIndex={-1} className={`wb${stale ? ' wb-is-stale' : ''}`} aria-label={t('wallboard.title')}>
      <header className="wb-head">
        <h1>{t('wallboard.title')}</h1>
        <time className="wb-clock" dateTime={new Date(now).toISOString()}>
          {clock(now)}
        </time>
        <span className={stale ? 'wb-state wb-state-stale' : 'wb-state wb-state-live'}>{stale ? t('wallboard.notLive') : t('wallboard.live')}</span>
        <button type="button" className="wb-leave" onClick={leave}>
          {t('wallboard.leave')}
        </button>
      </header>
      {stale && (
        <div className="wb-stale" role="alert" data-testid="wallboard-stale">
          <strong>
            {since !== null ? <Message id="wallboard.noDataSince" parts={{ time: <time dateTime={new Date(since).toISOString()}>{clock(since)}</time> }} /> : t('wallboard.noDataYet')}
          </strong>
          <span>{t('wallboard.reconnecting', { reason: stale })}</span>
        </div>
      )}
      <QueueSection queues={queues} mode={queueState.mode} detail={queueState.detail} detailMessage={queueState.detailMessage} />
      <section className="wb-section wb-teams" aria-label={t('wallboard.teams')}>
        <h2>
          {t('wallboard.teams')}
          <span className="wb-page">{pages > 1 ? ` ${t('wallboard.page', { page: page + 1, pages })}` : ''}</span>
          <span className="wb-legend">
            {(['ready', 'not_ready', 'ACW'] as const).map((status) => (
              <span key={status} className={`status-${status}`}>
                {STATUS_ICONS[status]} {statusLabel(status)}
              </span>
            ))}
          </span>
        </h2>
        {!boardLoaded && <p className="wb-note">{t('wallboard.loading')}</p>}
        {boardLoaded && !configured && <p className="wb-note">{t('wallboard.noReports')}</p>}
        {boardLoaded && configured && pageTeams.length === 0 && (
          <p className="wb-note">{config.teams ? <Message id="wallboard.noTeamNamed" parts={{ names: <span translate="no">{config.teams.join(', ')}</span> }} /> : t('wallboard.noTeams')}</p>
        )}
        {pageTeams.length > 0 && (
          <div className="wb-grid" style={gridStyle(pageTeams.length, 4)}>
            {pageTeams.map((team, index) => {
              const counts = countStatuses(team, members);
              return (
                <div key={team.teamId} className="wb-tile wb-team-tile" role="group" aria-labelledby={`${tileIds}-${index}`}>
                  <div className="wb-name" id={`${tileIds}-${index}`} title={team.teamName} translate="no">
                    {team.teamName}
                  </div>
                  <div className="wb-counts">
                    {(['ready', 'not_ready', 'ACW'] as const).map((status) => (
                      <span key={status} className={`wb-count status-${status}`} data-status={status}>
                        <span className="wb-count-number">
                          <span aria-hidden="true">{STATUS_ICONS[status]}</span> {counts[status]}
                        </span>
                        <span className="visually-hidden"> {statusLabel(status)}</span>
                      </span>
                    ))}
                  </div>
                </div>
              );
            })}
          </div>
        )}
      </section>
      <section className="wb-section wb-agents" aria-label={t('wallboard.longest.label')}>
        <h2>{t('wallboard.longest.title')}</h2>
        {agents.length === 0 ? (
          <p className="wb-note">{t('wallboard.longest.none')}</p>
        ) : (
          <ol className="wb-agent-list">
            {agents.map((m) => {
              const level = alertLevel(m, view.thresholds, now);
              return (
                <li key={m.memberId} className={`wb-agent level-${level}`} data-level={level}>
                  <span className="wb-agent-name" translate="no">
                    {m.memberName}
                  </span>
                  <span className="wb-agent-state">
                    {statusLabel(m.status)}
                    {m.reason ? ' · ' : ''}
                    {m.reason ? <span translate="no">{m.reason}</span> : null}
                  </span>
                  <span className="wb-agent-time">
                    <LevelWord level={level} />
                    {m.sinceAtLeast ? '≥ ' : ''}
                    {formatElapsed(now - m.since)}
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </section>
  );
}

function leave(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  navigate('board');
}

function gridStyle(n: number, maxColumns: number): CSSProperties {
  const columns = tileColumns(n, maxColumns);
  return { '--cols': columns, '--rows': Math.ceil(n / columns) } as CSSProperties;
}

function QueueSection({ queues, mode, detail, detailMessage }: { queues: ShownQueue[]; mode: string; detail: string; detailMessage: MainMessage | undefined }) {
  const t = useT();
  return (
    <section className="wb-section wb-queues" aria-label={t('wallboard.queues')}>
      <h2>{t('wallboard.queues')}</h2>
      {mode === 'off' && <p className="wb-note">{t('wallboard.queues.off')}</p>}
      {mode === 'connecting' && <p className="wb-note">{t('wallboard.queues.reading')}</p>}
      {mode === 'unavailable' && (
        <p className="wb-note wb-warn">
          <Message id="wallboard.queues.unavailable" parts={{ detail: <MainText said={detailMessage} english={detail} /> }} />
        </p>
      )}
      {mode === 'ok' && queues.length === 0 && <p className="wb-note">{t('wallboard.queues.none')}</p>}
      {mode === 'ok' && queues.length > 0 && (
        <div className="wb-grid" style={gridStyle(queues.length, 6)}>
          {queues.map((queue) => (
            <QueueTile key={queue.name} queue={queue} />
          ))}
        </div>
      )}
    </section>
  );
}

function QueueTile({ queue }: { queue: ShownQueue }) {
  const t = useT();
  const nameId = useId();
  return (
    <div className={`wb-tile wb-queue level-${queue.levels.level}`} role="group" aria-labelledby={nameId} data-level={queue.levels.level}>
      <div className="wb-name">
        <span className="wb-name-text" id={nameId} title={queue.name} translate="no">
          {queue.name}
        </span>
        <LevelWord level={queue.levels.level} />
      </div>
      {queue.figures ? (
        <div className="wb-figures">
          <div className={`wb-figure level-${queue.levels.waiting}`} data-level={queue.levels.waiting}>
            <span className="wb-figure-number">{count(queue.figures.waiting)}</span>
            <span className="wb-figure-label">
              <FigureIcon level={queue.levels.waiting} />
              {t('wallboard.queues.waiting')}
            </span>
          </div>
          <div className={`wb-figure level-${queue.levels.wait}`} data-level={queue.levels.wait}>
            <span className="wb-figure-number">{queue.longestWaitMs === null ? '—' : formatElapsed(queue.longestWaitMs)}</span>
            <span className="wb-figure-label">
              <FigureIcon level={queue.levels.wait} />
              {t('wallboard.queues.longestWait')}
            </span>
          </div>
        </div>
      ) : (
        <div className="wb-note">{t('wallboard.queues.notReported')}</div>
      )}
    </div>
  );
}

/** A level as an icon and a word, so it never rests on colour alone. */
function LevelWord({ level }: { level: AlertLevel }) {
  const t = useT();
  if (level === 'normal') return null;
  return (
    <span className={`wb-level wb-level-${level}`}>
      <span aria-hidden="true">{LEVEL_ICONS[level]}</span> {level === 'red' ? t('wallboard.level.red') : t('wallboard.level.amber')}
    </span>
  );
}

function FigureIcon({ level }: { level: AlertLevel }) {
  const t = useT();
  if (level === 'normal') return null;
  return (
    <span className="wb-figure-icon" role="img" aria-label={level === 'red' ? t('wallboard.level.overRed') : t('wallboard.level.overAmber')}>
      {LEVEL_ICONS[level]}{' '}
    </span>
  );
}

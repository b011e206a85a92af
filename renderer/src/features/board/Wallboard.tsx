import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { formatClock } from '../../../../shared/domain/time-words';
import { navigate, useAppStore } from '../../store/app-store';
import { startBoardBridge, useBoardStore } from './board-store';
import { initialiseView, useBoardView } from './board-view-store';
import { startQueueBridge, useQueueStore } from './queue-store';
import { alertLevel, countStatuses, formatElapsed, shownQueues, statusLabel, type AlertLevel, type ShownQueue } from './board-model';
import { STATUS_ICONS, useNow } from './board-ui';
import { longestNotReady, MAX_QUEUES, parseWallboardHash, pickTeams, staleReason, teamPage, tileColumns, type WallboardConfig } from './wallboard-model';
import './board.css';

const LEVEL_ICONS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: '▲', red: '⬣' };
const LEVEL_WORDS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: 'Amber', red: 'Red' };
const AGENTS_SHOWN = 6;

const count = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));
const clock = formatClock;

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
    <section ref={screenRef} tabIndex={-1} className={`wb${stale ? ' wb-is-stale' : ''}`} aria-label="Wallboard">
      <header className="wb-head">
        <h1>Wallboard</h1>
        <span className="wb-clock">{clock(now)}</span>
        <span className={stale ? 'wb-state wb-state-stale' : 'wb-state wb-state-live'}>{stale ? '⚠ Not live' : '● Live'}</span>
        <button type="button" className="wb-leave" onClick={leave}>
          Leave (Esc)
        </button>
      </header>
      {stale && (
        <div className="wb-stale" role="alert" data-testid="wallboard-stale">
          <strong>⚠ {since !== null ? `No data since ${clock(since)}` : 'No data yet'}</strong>
          <span>{stale}; reconnecting by itself.</span>
        </div>
      )}
      <QueueSection queues={queues} mode={queueState.mode} detail={queueState.detail} />
      <section className="wb-section wb-teams" aria-label="Teams">
        <h2>
          Teams<span className="wb-page">{pages > 1 ? ` · page ${page + 1} of ${pages}` : ''}</span>
          <span className="wb-legend">
            {(['ready', 'not_ready', 'ACW'] as const).map((status) => (
              <span key={status} className={`status-${status}`}>
                {STATUS_ICONS[status]} {statusLabel(status)}
              </span>
            ))}
          </span>
        </h2>
        {!boardLoaded && <p className="wb-note">Loading the board…</p>}
        {boardLoaded && !configured && <p className="wb-note">No report server in this profile, so no team figures.</p>}
        {boardLoaded && configured && pageTeams.length === 0 && <p className="wb-note">{config.teams ? `No team named ${config.teams.join(', ')}.` : 'No teams yet.'}</p>}
        {pageTeams.length > 0 && (
          <div className="wb-grid" style={gridStyle(pageTeams.length, 4)}>
            {pageTeams.map((team) => {
              const counts = countStatuses(team, members);
              return (
                <div key={team.teamId} className="wb-tile wb-team-tile" role="group" aria-label={team.teamName}>
                  <div className="wb-name" title={team.teamName}>
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
      <section className="wb-section wb-agents" aria-label="Longest not ready">
        <h2>Longest Not Ready</h2>
        {agents.length === 0 ? (
          <p className="wb-note">Nobody is Not Ready or in ACW.</p>
        ) : (
          <ol className="wb-agent-list">
            {agents.map((m) => {
              const level = alertLevel(m, view.thresholds, now);
              return (
                <li key={m.memberId} className={`wb-agent level-${level}`} data-level={level}>
                  <span className="wb-agent-name">{m.memberName}</span>
                  <span className="wb-agent-state">
                    {statusLabel(m.status)}
                    {m.reason ? ` · ${m.reason}` : ''}
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

function QueueSection({ queues, mode, detail }: { queues: ShownQueue[]; mode: string; detail: string }) {
  return (
    <section className="wb-section wb-queues" aria-label="Queues">
      <h2>Queues</h2>
      {mode === 'off' && <p className="wb-note">No queue figures: this profile has no UCCX.</p>}
      {mode === 'connecting' && <p className="wb-note">Reading queue figures…</p>}
      {mode === 'unavailable' && <p className="wb-note wb-warn">⚠ Queue figures unavailable: {detail}</p>}
      {mode === 'ok' && queues.length === 0 && <p className="wb-note">No queues to show.</p>}
      {mode === 'ok' && queues.length > 0 && (
        <div className="wb-grid" style={gridStyle(queues.length, 6)}>
          {queues.map((queue) => (
            <div key={queue.name} className={`wb-tile wb-queue level-${queue.levels.level}`} role="group" aria-label={queue.name} data-level={queue.levels.level}>
              <div className="wb-name" title={queue.name}>
                <span className="wb-name-text">{queue.name}</span>
                <LevelWord level={queue.levels.level} />
              </div>
              {queue.figures ? (
                <div className="wb-figures">
                  <div className={`wb-figure level-${queue.levels.waiting}`} data-level={queue.levels.waiting}>
                    <span className="wb-figure-number">{count(queue.figures.waiting)}</span>
                    <span className="wb-figure-label">
                      <FigureIcon level={queue.levels.waiting} />
                      waiting
                    </span>
                  </div>
                  <div className={`wb-figure level-${queue.levels.wait}`} data-level={queue.levels.wait}>
                    <span className="wb-figure-number">{queue.longestWaitMs === null ? '—' : formatElapsed(queue.longestWaitMs)}</span>
                    <span className="wb-figure-label">
                      <FigureIcon level={queue.levels.wait} />
                      longest wait
                    </span>
                  </div>
                </div>
              ) : (
                <div className="wb-note">not reported by UCCX</div>
              )}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** A level as an icon and a word, so it never rests on colour alone. */
function LevelWord({ level }: { level: AlertLevel }) {
  if (level === 'normal') return null;
  return (
    <span className={`wb-level wb-level-${level}`}>
      <span aria-hidden="true">{LEVEL_ICONS[level]}</span> {LEVEL_WORDS[level]}
    </span>
  );
}

function FigureIcon({ level }: { level: AlertLevel }) {
  if (level === 'normal') return null;
  return (
    <span className="wb-figure-icon" role="img" aria-label={level === 'red' ? 'over red limit' : 'over amber limit'}>
      {LEVEL_ICONS[level]}{' '}
    </span>
  );
}

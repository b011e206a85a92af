import { useEffect, useMemo, useState } from 'react';
import { useBoardStore } from './board-store';
import { setWallboard, useBoardView } from './board-view-store';
import { countStatuses, formatElapsed, statusLabel, alertLevel } from './board-model';
import { STATUS_ICONS, formatClock, useNow } from './board-ui';

/**
 * For a TV on the wall: every team's counts in large type, and one team at a
 * time in detail, rotating. Esc (or the button) leaves.
 */
export function Wallboard() {
  const teams = useBoardStore((s) => s.teams);
  const members = useBoardStore((s) => s.members);
  const connection = useBoardStore((s) => s.connection);
  const view = useBoardView((s) => s.view);
  const now = useNow(1_000);
  const [index, setIndex] = useState(0);

  const leave = () => {
    setWallboard(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') leave();
    };
    // Leaving full screen with the browser's own key also leaves the wallboard.
    const onFullscreen = () => {
      if (!document.fullscreenElement) setWallboard(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
    };
  }, []);

  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => i + 1), view.rotateSeconds * 1_000);
    return () => clearInterval(timer);
  }, [view.rotateSeconds]);

  const summaries = useMemo(() => teams.map((team) => ({ team, counts: countStatuses(team, members) })), [teams, members]);
  const current = summaries.length > 0 ? summaries[index % summaries.length]! : null;
  const longest = useMemo(() => {
    if (!current) return [];
    return current.team.memberIds
      .map((id) => members.get(id))
      .filter((m): m is NonNullable<typeof m> => Boolean(m) && m!.status !== 'ready')
      .sort((a, b) => a.since - b.since)
      .slice(0, 8);
  }, [current, members]);

  return (
    <section className="wallboard" aria-label="Wallboard">
      <header className="wallboard-head">
        <h1>Team board</h1>
        <span className={connection.state === 'live' ? 'wallboard-live' : 'wallboard-stale'}>
          {connection.state === 'live' ? '● Live' : `⚠ ${connection.asOf ? `As of ${formatClock(connection.asOf)}, disconnected` : 'Not connected'}`}
        </span>
        <button type="button" onClick={leave}>
          Leave wallboard (Esc)
        </button>
      </header>
      {current && (
        <div className="wallboard-focus" aria-live="polite">
          <h2>{current.team.teamName}</h2>
          <div className="wallboard-big">
            {(['ready', 'not_ready', 'ACW'] as const).map((status) => (
              <div key={status} className={`big-count status-${status}`}>
                <span className="big-number">{current.counts[status]}</span>
                <span className="big-label">
                  <span aria-hidden="true">{STATUS_ICONS[status]} </span>
                  {statusLabel(status)}
                </span>
              </div>
            ))}
          </div>
          {longest.length > 0 && (
            <ol className="wallboard-longest" aria-label="Longest not ready or in ACW">
              {longest.map((m) => (
                <li key={m.memberId} className={`level-${alertLevel(m, view.thresholds, now)}`}>
                  <span>{m.memberName}</span>
                  <span>
                    {statusLabel(m.status)}
                    {m.reason ? ` · ${m.reason}` : ''}
                  </span>
                  <span>
                    {m.sinceAtLeast ? '≥ ' : ''}
                    {formatElapsed(now - m.since)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
      <ul className="wallboard-teams" aria-label="All teams">
        {summaries.map(({ team, counts }) => (
          <li key={team.teamId} className={current?.team.teamId === team.teamId ? 'current' : undefined}>
            <span className="wb-team">{team.teamName}</span>
            <span className="status-ready">
              {STATUS_ICONS.ready} {counts.ready}
            </span>
            <span className="status-not_ready">
              {STATUS_ICONS.not_ready} {counts.not_ready}
            </span>
            <span className="status-ACW">
              {STATUS_ICONS.ACW} {counts.ACW}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import { useEffect } from 'react';
import { formatCalendarDate, formatClockSeconds } from '../../../../shared/domain/time-words';
import { TabList, tabPanelProps, type TabItem } from '../../components/Tabs';
import { AgentTimelines } from './AgentTimelines';
import { DaySummaryTable } from './DaySummaryTable';
import { TeamDayChart } from './TeamDayChart';
import { chooseDay, chooseTab, chooseTeam, loadHistoryDays, refreshDay, useHistoryStore, MAX_LISTED_AGENTS, type HistoryTab } from './history-store';
import './history.css';

const TABS: ReadonlyArray<TabItem<HistoryTab>> = [
  { id: 'timeline', label: 'Agent timeline' },
  { id: 'team', label: 'Team day' },
  { id: 'summary', label: 'Summary' },
];

/**
 * The board's history (docs/history.md, "Views"): pick a kept day and a team,
 * then see each agent's day as a bar, the team's day as a chart, or the day
 * summed per agent. Everything is read from main one view at a time.
 */
export function HistoryScreen() {
  useEffect(() => {
    void loadHistoryDays();
  }, []);
  const days = useHistoryStore((s) => s.days);
  const daysError = useHistoryStore((s) => s.daysError);
  const day = useHistoryStore((s) => s.day);
  const overview = useHistoryStore((s) => s.overview);
  const overviewError = useHistoryStore((s) => s.overviewError);
  const teamId = useHistoryStore((s) => s.teamId);
  const tab = useHistoryStore((s) => s.tab);

  return (
    <section className="history-screen">
      <div className="screen-header">
        <h1>History</h1>
        <div className="toolbar">
          <label>
            Day{' '}
            <select value={day ?? ''} disabled={!days || days.days.length === 0} onChange={(e) => void chooseDay(e.target.value || null)}>
              {(days?.days ?? []).map((d) => (
                <option key={d.day} value={d.day}>
                  {formatCalendarDate(d.day)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Team{' '}
            <select value={teamId ?? ''} disabled={!overview} onChange={(e) => void chooseTeam(e.target.value || null)}>
              <option value="">All teams</option>
              {(overview?.teams ?? []).map((team) => (
                <option key={team.teamId} value={team.teamId}>
                  {team.teamName}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void refreshDay()}>
            Refresh
          </button>
        </div>
      </div>
      {daysError && (
        <p className="banner banner-error" role="alert">
          ⚠ Could not read the history: {daysError}
        </p>
      )}
      {days && days.status.state !== 'recording' && (
        <p className={`banner ${days.status.state === 'failed' ? 'banner-error' : days.status.state === 'recovered' ? 'banner-warning' : 'banner-info'}`} role="status">
          {days.status.detail}
        </p>
      )}
      {days && (
        <p className="muted history-kept">
          {days.days.length} {days.days.length === 1 ? 'day' : 'days'} kept of {days.retentionDays}.
          {overview && ` Recorded on ${formatCalendarDate(overview.day)} from ${formatClockSeconds(overview.first)} to ${formatClockSeconds(overview.last)}; times the console did not see are shown as not observed.`}
        </p>
      )}
      {days && days.days.length === 0 && <p className="muted">No history is kept yet: the console records the board while it runs.</p>}
      {overviewError && (
        <p className="banner banner-error" role="alert">
          ⚠ {overviewError}
        </p>
      )}
      {day && overview && (
        <>
          <TabList label="History views" idPrefix="history" tabs={TABS} selected={tab} onSelect={chooseTab} className="history-tabs" />
          <div {...tabPanelProps('history', tab)} className="history-panel">
            {tab === 'team' ? <TeamDayChart /> : <AgentList tab={tab} />}
          </div>
        </>
      )}
    </section>
  );
}

/** The views that list the day's agents: the timelines and the summary. */
function AgentList({ tab }: { tab: Exclude<HistoryTab, 'team'> }) {
  const day = useHistoryStore((s) => s.day)!;
  const agents = useHistoryStore((s) => s.agents);
  const total = useHistoryStore((s) => s.agentsTotal);
  const error = useHistoryStore((s) => s.agentsError);
  const teamName = useHistoryStore((s) => s.overview?.teams.find((t) => t.teamId === s.teamId)?.teamName ?? null);
  if (error)
    return (
      <p className="banner banner-error" role="alert">
        ⚠ {error}
      </p>
    );
  if (!agents) return <p className="muted">Loading the day's agents…</p>;
  if (agents.length === 0) return <p className="muted">No agent was on the board {teamName ? `in ${teamName} ` : ''}that day.</p>;
  return (
    <>
      <p className="muted" aria-live="polite">
        {agents.length} {agents.length === 1 ? 'agent' : 'agents'}
        {teamName ? ` who were in ${teamName}` : ''}
        {total > agents.length ? ` (the first ${MAX_LISTED_AGENTS} of ${total})` : ''}.
      </p>
      {tab === 'timeline' ? <AgentTimelines agents={agents} /> : <DaySummaryTable agents={agents} day={day} teamName={teamName} />}
    </>
  );
}

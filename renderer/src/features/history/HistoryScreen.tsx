import { useEffect } from 'react';
import { formatClockSeconds } from '../../../../shared/domain/time-words';
import { formatCalendarDay } from '../../i18n/format';
import { TabList, tabPanelProps, type TabItem } from '../../components/Tabs';
import { AgentTimelines } from './AgentTimelines';
import { DaySummaryTable } from './DaySummaryTable';
import { TeamDayChart } from './TeamDayChart';
import { chooseDay, chooseTab, chooseTeam, loadHistoryDays, refreshDay, useHistoryStore, MAX_LISTED_AGENTS, type HistoryTab } from './history-store';
import { useLocale, useT } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { MainText } from '../../components/ErrorDetails';
import './history.css';

const TAB_IDS = { timeline: 'history.tab.timeline', team: 'history.tab.team', summary: 'history.tab.summary' } as const;

/**
 * The board's history (docs/history.md, "Views"): pick a kept day and a team,
 * then see each agent's day as a bar, the team's day as a chart, or the day
 * summed per agent. Everything is read from main one view at a time.
 */
export function HistoryScreen() {
  const t = useT();
  const locale = useLocale();
  const tabs: ReadonlyArray<TabItem<HistoryTab>> = (Object.keys(TAB_IDS) as HistoryTab[]).map((id) => ({ id, label: t(TAB_IDS[id]) }));
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
        <h1>{t('history.title')}</h1>
        <div className="toolbar">
          <label>
            {t('history.day')}{' '}
            <select value={day ?? ''} disabled={!days || days.days.length === 0} onChange={(e) => void chooseDay(e.target.value || null)}>
              {(days?.days ?? []).map((d) => (
                // Intl's words for the day, not ours: the pseudo-locale check passes them as it does a <time>.
                <option key={d.day} value={d.day} translate="no">
                  {formatCalendarDay(d.day, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('history.team')}{' '}
            <select value={teamId ?? ''} disabled={!overview} onChange={(e) => void chooseTeam(e.target.value || null)}>
              <option value="">{t('history.allTeams')}</option>
              {(overview?.teams ?? []).map((team) => (
                <option key={team.teamId} value={team.teamId} translate="no">
                  {team.teamName}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void refreshDay()}>
            {t('history.refresh')}
          </button>
        </div>
      </div>
      {daysError && (
        <p className="banner banner-error" role="alert">
          ⚠ <Message id="history.error.read" parts={{ message: <MainText said={daysError.said} english={daysError.message} /> }} />
        </p>
      )}
      {days && days.status.state !== 'recording' && (
        <p className={`banner ${days.status.state === 'failed' ? 'banner-error' : days.status.state === 'recovered' ? 'banner-warning' : 'banner-info'}`} role="status">
          <MainText said={days.status.detailMessage} english={days.status.detail} />
        </p>
      )}
      {days && (
        <p className="muted history-kept">
          {t('history.kept', { count: days.days.length, retention: days.retentionDays })}
          {overview && ` ${t('history.recorded', { day: formatCalendarDay(overview.day, locale), from: formatClockSeconds(overview.first), to: formatClockSeconds(overview.last) })}`}
        </p>
      )}
      {days && days.days.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {overviewError && (
        <p className="banner banner-error" role="alert">
          ⚠ <MainText said={overviewError.said} english={overviewError.message} />
        </p>
      )}
      {day && overview && (
        <>
          <TabList label={t('history.views')} idPrefix="history" tabs={tabs} selected={tab} onSelect={chooseTab} className="history-tabs" />
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
  const t = useT();
  const day = useHistoryStore((s) => s.day)!;
  const agents = useHistoryStore((s) => s.agents);
  const total = useHistoryStore((s) => s.agentsTotal);
  const error = useHistoryStore((s) => s.agentsError);
  const teamName = useHistoryStore((s) => s.overview?.teams.find((t) => t.teamId === s.teamId)?.teamName ?? null);
  if (error)
    return (
      <p className="banner banner-error" role="alert">
        ⚠ <MainText said={error.said} english={error.message} />
      </p>
    );
  if (!agents) return <p className="muted">{t('history.agents.loading')}</p>;
  const team = <span translate="no">{teamName}</span>;
  if (agents.length === 0)
    return <p className="muted">{teamName ? <Message id="history.agents.noneInTeam" parts={{ team }} /> : t('history.agents.none')}</p>;
  const shown = total > agents.length ? { shown: MAX_LISTED_AGENTS, total } : null;
  return (
    <>
      <p className="muted" aria-live="polite">
        {teamName ? (
          <Message id={shown ? 'history.agents.countInTeamFirst' : 'history.agents.countInTeam'} values={{ count: agents.length, ...shown }} parts={{ team }} />
        ) : (
          t(shown ? 'history.agents.countFirst' : 'history.agents.count', { count: agents.length, ...shown })
        )}
      </p>
      {tab === 'timeline' ? <AgentTimelines agents={agents} /> : <DaySummaryTable agents={agents} day={day} teamName={teamName} />}
    </>
  );
}

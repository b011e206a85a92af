import { create } from 'zustand';
import { call } from '../../api/client';
import { MAX_SUMMARY_PAGE, type AgentDaySummary, type AgentTimeline, type HistoryDayOverview, type HistoryDays } from '../../../../shared/domain/history';

/**
 * What the History screen shows: the days kept, the chosen day (its span and
 * teams), the chosen team, and the agents of that day with their summaries.
 * Timelines are fetched one agent at a time as rows scroll into view, and
 * kept for the day. Main keeps the history; this holds only what is on screen.
 */

export type HistoryTab = 'timeline' | 'team' | 'summary';

/** More agents than this in one day are not listed (the board itself keeps 5,000 members). */
export const MAX_LISTED_AGENTS = 5_000;
/** Timelines kept in memory before the oldest are dropped (they are fetched again when shown). */
const MAX_CACHED_TIMELINES = 2_000;

export type TimelineEntry = { state: 'loading' } | { state: 'ok'; timeline: AgentTimeline } | { state: 'error'; message: string };

interface HistoryState {
  days: HistoryDays | null;
  daysError: string | null;
  day: string | null;
  overview: HistoryDayOverview | null;
  overviewError: string | null;
  /** null: every team. */
  teamId: string | null;
  tab: HistoryTab;
  agents: AgentDaySummary[] | null;
  agentsTotal: number;
  agentsError: string | null;
  /** `${day}|${memberId}` → the agent's timeline. */
  timelines: ReadonlyMap<string, TimelineEntry>;
}

export const useHistoryStore = create<HistoryState>()(() => ({
  days: null,
  daysError: null,
  day: null,
  overview: null,
  overviewError: null,
  teamId: null,
  tab: 'timeline',
  agents: null,
  agentsTotal: 0,
  agentsError: null,
  timelines: new Map(),
}));

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Each load carries a number; an answer for an older choice (day, team) is dropped. */
let generation = 0;

/** Read the days kept; keep the chosen day when it is still kept, else take the newest. */
export async function loadHistoryDays(): Promise<void> {
  try {
    const days = await call('history:days', undefined);
    const current = useHistoryStore.getState().day;
    const day = current && days.days.some((d) => d.day === current) ? current : (days.days[0]?.day ?? null);
    useHistoryStore.setState({ days, daysError: null });
    await chooseDay(day, { force: true });
  } catch (error) {
    useHistoryStore.setState({ daysError: message(error) });
  }
}

export async function chooseDay(day: string | null, options: { force?: boolean } = {}): Promise<void> {
  const state = useHistoryStore.getState();
  if (!options.force && day === state.day) return;
  const mine = ++generation;
  useHistoryStore.setState({ day, overview: null, overviewError: null, agents: null, agentsError: null, agentsTotal: 0, timelines: new Map() });
  if (!day) return;
  try {
    const overview = await call('history:day', { day });
    if (mine !== generation) return;
    // A team the day never saw is no choice for it.
    const teamId = state.teamId && overview.teams.some((t) => t.teamId === state.teamId) ? state.teamId : null;
    useHistoryStore.setState({ overview, teamId });
    await loadAgents(mine);
  } catch (error) {
    if (mine === generation) useHistoryStore.setState({ overviewError: message(error) });
  }
}

export async function chooseTeam(teamId: string | null): Promise<void> {
  if (teamId === useHistoryStore.getState().teamId) return;
  const mine = ++generation;
  useHistoryStore.setState({ teamId, agents: null, agentsError: null, agentsTotal: 0 });
  await loadAgents(mine);
}

export function chooseTab(tab: HistoryTab): void {
  useHistoryStore.setState({ tab });
}

/** The day's agents (of the chosen team), page by page, with their summaries. */
async function loadAgents(mine: number): Promise<void> {
  const { day, teamId } = useHistoryStore.getState();
  if (!day) return;
  const agents: AgentDaySummary[] = [];
  let total = 0;
  try {
    do {
      const page = await call('history:summary', { day, ...(teamId ? { teamId } : {}), offset: agents.length, limit: MAX_SUMMARY_PAGE });
      if (mine !== generation) return;
      total = page.total;
      agents.push(...page.agents);
      if (page.agents.length === 0) break;
    } while (agents.length < Math.min(total, MAX_LISTED_AGENTS));
    useHistoryStore.setState({ agents, agentsTotal: total });
  } catch (error) {
    if (mine === generation) useHistoryStore.setState({ agentsError: message(error) });
  }
}

export const timelineKey = (day: string, memberId: string) => `${day}|${memberId}`;

/** Fetch one agent's timeline unless it is already here or on its way. */
export function requestTimeline(day: string, memberId: string): void {
  const key = timelineKey(day, memberId);
  if (useHistoryStore.getState().timelines.has(key)) return;
  setTimeline(key, { state: 'loading' });
  call('history:timeline', { day, memberId }).then(
    (timeline) => setTimeline(key, { state: 'ok', timeline }),
    (error: unknown) => setTimeline(key, { state: 'error', message: message(error) }),
  );
}

function setTimeline(key: string, entry: TimelineEntry): void {
  useHistoryStore.setState((s) => {
    // A day changed meanwhile: the answer is for a day no longer shown.
    if (entry.state !== 'loading' && !s.timelines.has(key)) return s;
    const timelines = new Map(s.timelines);
    timelines.set(key, entry);
    while (timelines.size > MAX_CACHED_TIMELINES) timelines.delete(timelines.keys().next().value!);
    return { timelines };
  });
}

/** Read the chosen day again (today grows while the console records it). */
export function refreshDay(): Promise<void> {
  return loadHistoryDays();
}

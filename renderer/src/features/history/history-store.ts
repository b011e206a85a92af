import { create } from 'zustand';
import { call } from '../../api/client';
import { shownError, type ShownError } from '../../components/ErrorDetails';
import { MAX_SUMMARY_PAGE, type AgentDaySummary, type AgentTimeline, type HistoryDayOverview, type HistoryDays } from '../../../../shared/domain/history';
import type { AgentTimelineOverview } from '../../../../shared/domain/timeline-overview';

/**
 * What the History screen shows: the days kept, the chosen day (its span and
 * teams), the chosen team, and the agents of that day with their summaries.
 * Each timeline row shows its agent's day merged to the pixels of its bar
 * (`history:timelineOverview`), asked for as the row scrolls into view; a row
 * pointed at or focused also gets every stretch (`history:timeline`). Main
 * keeps the history; this holds only what is on screen.
 */

export type HistoryTab = 'timeline' | 'team' | 'summary';

/** More agents than this in one day are not listed (the board itself keeps 5,000 members). */
export const MAX_LISTED_AGENTS = 5_000;
/** Rows' day overviews kept in memory before the oldest are dropped (they are fetched again when shown). */
const MAX_CACHED_OVERVIEWS = 400;
/** Full timelines kept (a busy 8-hour day is a few hundred KB each): those of the last rows pointed at. */
const MAX_CACHED_DETAILS = 8;
/** Overview requests on their way at once: main answers in turn, so more would only queue there, out of reach. */
const MAX_OVERVIEWS_IN_FLIGHT = 2;

/** The span and width of a bar: what an overview is merged to. */
export interface BarSpan {
  from: number;
  to: number;
  pixels: number;
}

export type OverviewEntry = { state: 'ok'; span: BarSpan; overview: AgentTimelineOverview } | ({ state: 'error'; span: BarSpan } & ShownError);
export type TimelineEntry = { state: 'loading' } | { state: 'ok'; timeline: AgentTimeline } | ({ state: 'error' } & ShownError);

interface HistoryState {
  days: HistoryDays | null;
  daysError: ShownError | null;
  day: string | null;
  overview: HistoryDayOverview | null;
  overviewError: ShownError | null;
  /** null: every team. */
  teamId: string | null;
  tab: HistoryTab;
  agents: AgentDaySummary[] | null;
  agentsTotal: number;
  agentsError: ShownError | null;
  /** `${day}|${memberId}` → the agent's day merged to its bar (what the row draws). */
  overviews: ReadonlyMap<string, OverviewEntry>;
  /** `${day}|${memberId}` → every stretch of the agent's day (rows pointed at or focused). */
  details: ReadonlyMap<string, TimelineEntry>;
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
  overviews: new Map(),
  details: new Map(),
}));


/** Each load carries a number; an answer for an older choice (day, team) is dropped. */
let generation = 0;
/** The same for timelines: it changes with the day only (a team's agents are a choice among the same timelines). */
let timelineGeneration = 0;

/** Read the days kept; keep the chosen day when it is still kept, else take the newest. */
export async function loadHistoryDays(): Promise<void> {
  try {
    const days = await call('history:days', undefined);
    const current = useHistoryStore.getState().day;
    const day = current && days.days.some((d) => d.day === current) ? current : (days.days[0]?.day ?? null);
    useHistoryStore.setState({ days, daysError: null });
    await chooseDay(day, { force: true });
  } catch (error) {
    useHistoryStore.setState({ daysError: shownError(error) });
  }
}

export async function chooseDay(day: string | null, options: { force?: boolean } = {}): Promise<void> {
  const state = useHistoryStore.getState();
  if (!options.force && day === state.day) return;
  const mine = ++generation;
  waitingOverviews.length = 0;
  pendingOverviews.clear();
  timelineGeneration++;
  useHistoryStore.setState({ day, overview: null, overviewError: null, agents: null, agentsError: null, agentsTotal: 0, overviews: new Map(), details: new Map() });
  if (!day) return;
  try {
    const overview = await call('history:day', { day });
    if (mine !== generation) return;
    // A team the day never saw is no choice for it.
    const teamId = state.teamId && overview.teams.some((t) => t.teamId === state.teamId) ? state.teamId : null;
    useHistoryStore.setState({ overview, teamId });
    await loadAgents(mine);
  } catch (error) {
    if (mine === generation) useHistoryStore.setState({ overviewError: shownError(error) });
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
    if (mine === generation) useHistoryStore.setState({ agentsError: shownError(error) });
  }
}

export const timelineKey = (day: string, memberId: string) => `${day}|${memberId}`;

const sameSpan = (a: BarSpan, b: BarSpan) => a.from === b.from && a.to === b.to && a.pixels === b.pixels;

interface OverviewRequest {
  key: string;
  day: string;
  memberId: string;
  span: BarSpan;
  /** The choice of day it was asked under: an answer for another is dropped. */
  generation: number;
  /** The row is in view (not one of the few drawn beyond it): asked before those of its group. */
  inView: boolean;
  sent: boolean;
}

/**
 * Overview requests not sent yet, in groups: one group per render that asked
 * (the rows that came into view together: those in view top first, then those
 * drawn beyond the view), the newest group first, so the rows in view now are
 * answered before rows scrolled past.
 */
const waitingOverviews: OverviewRequest[][] = [];
/** Every request waiting or on its way, by key. */
const pendingOverviews = new Map<string, OverviewRequest>();
let overviewsInFlight = 0;
let openGroup: OverviewRequest[] | null = null;

/**
 * Ask for one agent's day merged to a bar (unless it is here for that bar or
 * on its way). Answers the cancel for the row to call when it scrolls away: a
 * request not sent yet is dropped (one sent is answered and kept).
 */
export function requestOverview(day: string, memberId: string, span: BarSpan, inView = true): () => void {
  const key = timelineKey(day, memberId);
  const have = useHistoryStore.getState().overviews.get(key);
  const pending = pendingOverviews.get(key);
  if ((have && sameSpan(have.span, span)) || (pending && sameSpan(pending.span, span))) return () => cancelOverview(pending);
  if (pending && !pending.sent) dropWaiting(pending);
  const request: OverviewRequest = { key, day, memberId, span, generation: timelineGeneration, inView, sent: false };
  pendingOverviews.set(key, request);
  if (!openGroup) {
    const group: OverviewRequest[] = [];
    openGroup = group;
    waitingOverviews.unshift(group);
    // Every row of this render asks before the first request goes: then the group is complete and rows that left
    // in the same render have cancelled theirs.
    queueMicrotask(() => {
      openGroup = null;
      sendOverviews();
    });
  }
  const firstBeyondView = inView ? openGroup.findIndex((other) => !other.inView) : -1;
  if (firstBeyondView >= 0) openGroup.splice(firstBeyondView, 0, request);
  else openGroup.push(request);
  return () => cancelOverview(request);
}

function cancelOverview(request: OverviewRequest | undefined): void {
  if (!request || request.sent || pendingOverviews.get(request.key) !== request) return;
  dropWaiting(request);
  pendingOverviews.delete(request.key);
}

function dropWaiting(request: OverviewRequest): void {
  for (const group of waitingOverviews) {
    const index = group.indexOf(request);
    if (index >= 0) group.splice(index, 1);
  }
}

function sendOverviews(): void {
  while (overviewsInFlight < MAX_OVERVIEWS_IN_FLIGHT) {
    const group = waitingOverviews[0];
    if (!group) return;
    const request = group.shift();
    if (group.length === 0 && group !== openGroup) waitingOverviews.shift();
    if (!request) {
      if (group === openGroup) return;
      continue;
    }
    request.sent = true;
    overviewsInFlight++;
    const { day, memberId, span } = request;
    const settle = (entry: OverviewEntry | null) => {
      overviewsInFlight--;
      if (pendingOverviews.get(request.key) === request) pendingOverviews.delete(request.key);
      if (entry && request.generation === timelineGeneration) setOverview(request.key, entry);
      sendOverviews();
    };
    call('history:timelineOverview', { day, memberId, ...span }).then(
      (overview) => settle({ state: 'ok', span, overview }),
      (error: unknown) => settle({ state: 'error', span, ...shownError(error) }),
    );
  }
}

function setOverview(key: string, entry: OverviewEntry): void {
  useHistoryStore.setState((s) => {
    const overviews = new Map(s.overviews);
    overviews.delete(key);
    overviews.set(key, entry);
    while (overviews.size > MAX_CACHED_OVERVIEWS) overviews.delete(overviews.keys().next().value!);
    return { overviews };
  });
}

/** Fetch every stretch of one agent's day (a row pointed at or focused) unless it is here or on its way. */
export function requestDetail(day: string, memberId: string): void {
  const key = timelineKey(day, memberId);
  if (useHistoryStore.getState().details.has(key)) return;
  const mine = timelineGeneration;
  setDetail(key, { state: 'loading' });
  call('history:timeline', { day, memberId }).then(
    (timeline) => mine === timelineGeneration && setDetail(key, { state: 'ok', timeline }),
    (error: unknown) => mine === timelineGeneration && setDetail(key, { state: 'error', ...shownError(error) }),
  );
}

function setDetail(key: string, entry: TimelineEntry): void {
  useHistoryStore.setState((s) => {
    // Dropped meanwhile (the day changed, or more rows were pointed at since): the answer is not wanted.
    if (entry.state !== 'loading' && !s.details.has(key)) return s;
    const details = new Map(s.details);
    details.set(key, entry);
    while (details.size > MAX_CACHED_DETAILS) details.delete(details.keys().next().value!);
    return { details };
  });
}

/** Read the chosen day again (today grows while the console records it). */
export function refreshDay(): Promise<void> {
  return loadHistoryDays();
}

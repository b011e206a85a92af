import {
  MEMBER_STATUSES,
  MEMBER_TYPES,
  type BoardMember,
  type BoardTeam,
  type MemberStatus,
  type MemberType,
  type BoardThresholdRule,
  validateQueueThresholds,
  validateThresholdRules,
} from '../../../../shared/domain/board';
import { t } from '../../i18n/i18n';
import { longestWaitNow, type QueueFigures, type QueueState } from '../../../../shared/domain/queues';

/**
 * Pure helpers of the board screen: the persisted view settings (filters,
 * sort, thresholds), how a member's time in state is graded, and how the
 * visible rows are derived. No React, no store: unit-tested on their own.
 */

export type SortColumn = 'name' | 'type' | 'status' | 'reason' | 'time';

/** When a member turns amber or red (shared/domain/board.ts, where main checks the same rules). */
export type ThresholdRule = BoardThresholdRule;

export interface BoardViewSettings {
  teamId: string | null;
  statuses: MemberStatus[];
  types: MemberType[];
  name: string;
  sort: { column: SortColumn; descending: boolean };
  thresholds: ThresholdRule[];
  /** Seconds per team in wallboard mode. */
  rotateSeconds: number;
  /** The CSQs (names) on the queue strip; null = the CSQs the supervisor's teams serve. */
  queueCsqs: string[] | null;
  queueThresholds: QueueThresholds;
}

/** When a queue tile turns amber or red: more than N waiting, the longest wait over N seconds (0 = never). */
export interface QueueThresholds {
  waitingAmber: number;
  waitingRed: number;
  waitAmberSeconds: number;
  waitRedSeconds: number;
}

export const DEFAULT_QUEUE_THRESHOLDS: QueueThresholds = { waitingAmber: 3, waitingRed: 5, waitAmberSeconds: 30, waitRedSeconds: 60 };

export const DEFAULT_THRESHOLDS: ThresholdRule[] = [
  { status: 'not_ready', reason: 'Lunch', amberMinutes: 35, redMinutes: 45 },
  { status: 'not_ready', reason: 'Break', amberMinutes: 15, redMinutes: 20 },
  { status: 'not_ready', reason: '', amberMinutes: 10, redMinutes: 20 },
  { status: 'ACW', reason: '', amberMinutes: 3, redMinutes: 6 },
];

export const DEFAULT_VIEW: BoardViewSettings = {
  teamId: null,
  statuses: [...MEMBER_STATUSES],
  types: [...MEMBER_TYPES],
  name: '',
  sort: { column: 'name', descending: false },
  thresholds: DEFAULT_THRESHOLDS,
  rotateSeconds: 10,
  queueCsqs: null,
  queueThresholds: DEFAULT_QUEUE_THRESHOLDS,
};

const SORT_COLUMNS: readonly SortColumn[] = ['name', 'type', 'status', 'reason', 'time'];

/** Read the persisted section defensively: a damaged value falls back field by field. */
export function readViewSettings(raw: unknown): BoardViewSettings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const sort = (typeof value.sort === 'object' && value.sort !== null ? value.sort : {}) as Record<string, unknown>;
  const list = <T>(input: unknown, allowed: readonly T[], fallback: T[]): T[] =>
    Array.isArray(input) ? input.filter((x): x is T => allowed.includes(x as T)) : fallback;
  const thresholds = Array.isArray(value.thresholds)
    ? value.thresholds.flatMap((r: Record<string, unknown>) => {
        if (!r || !MEMBER_STATUSES.includes(r.status as MemberStatus)) return [];
        const amber = Number(r.amberMinutes);
        const red = Number(r.redMinutes);
        const rule = { status: r.status as MemberStatus, reason: typeof r.reason === 'string' ? r.reason.slice(0, 64) : '', amberMinutes: amber, redMinutes: red };
        // A rule saved before the rules were checked (red before amber, fractions): main would refuse to save it again, so it is left out.
        return validateThresholdRules([rule]).length === 0 ? [rule] : [];
      })
    : DEFAULT_THRESHOLDS;
  const rotate = Number(value.rotateSeconds);
  return {
    teamId: typeof value.teamId === 'string' ? value.teamId : null,
    statuses: list(value.statuses, MEMBER_STATUSES, [...MEMBER_STATUSES]),
    types: list(value.types, MEMBER_TYPES, [...MEMBER_TYPES]),
    name: typeof value.name === 'string' ? value.name.slice(0, 100) : '',
    sort: {
      column: SORT_COLUMNS.includes(sort.column as SortColumn) ? (sort.column as SortColumn) : 'name',
      descending: sort.descending === true,
    },
    thresholds,
    rotateSeconds: Number.isFinite(rotate) && rotate >= 3 && rotate <= 600 ? rotate : 10,
    queueCsqs: Array.isArray(value.queueCsqs) ? value.queueCsqs.filter((name): name is string => typeof name === 'string').map((name) => name.slice(0, 200)).slice(0, 200) : null,
    queueThresholds: readQueueThresholds(value.queueThresholds),
  };
}

function readQueueThresholds(raw: unknown): QueueThresholds {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const read = (key: keyof QueueThresholds) => {
    const n = Number(value[key]);
    return Number.isFinite(n) && n >= 0 && n <= 100_000 ? n : DEFAULT_QUEUE_THRESHOLDS[key];
  };
  const rules = { waitingAmber: read('waitingAmber'), waitingRed: read('waitingRed'), waitAmberSeconds: read('waitAmberSeconds'), waitRedSeconds: read('waitRedSeconds') };
  return validateQueueThresholds(rules).length === 0 ? rules : DEFAULT_QUEUE_THRESHOLDS;
}

/** How one queue figure stands against its limits: over red, over amber, or normal ("more than", so 0 = never). */
function gradeOver(value: number | null, amber: number, red: number): AlertLevel {
  if (value === null) return 'normal';
  if (red > 0 && value > red) return 'red';
  if (amber > 0 && value > amber) return 'amber';
  return 'normal';
}

export interface QueueLevels {
  waiting: AlertLevel;
  wait: AlertLevel;
  /** The worse of the two. */
  level: AlertLevel;
}

/** A queue tile's levels: calls waiting, and the longest wait now (ms) against the limits in seconds. */
export function queueLevels(waiting: number | null, longestWaitMs: number | null, rules: QueueThresholds): QueueLevels {
  const waitingLevel = gradeOver(waiting, rules.waitingAmber, rules.waitingRed);
  const waitLevel = gradeOver(longestWaitMs === null ? null : longestWaitMs / 1000, rules.waitAmberSeconds, rules.waitRedSeconds);
  const rank = { normal: 0, amber: 1, red: 2 } as const;
  return { waiting: waitingLevel, wait: waitLevel, level: rank[waitingLevel] >= rank[waitLevel] ? waitingLevel : waitLevel };
}

export interface ShownQueue {
  name: string;
  /** The source's figures, or null when it did not report this queue. */
  figures: QueueFigures | null;
  /** The longest wait now, ticking between readings. */
  longestWaitMs: number | null;
  levels: QueueLevels;
}

/** Every queue the strip shows, with its figures and levels at `now`. */
export function shownQueues(state: QueueState, chosen: readonly string[] | null, rules: QueueThresholds, now: number): ShownQueue[] {
  const byName = new Map(state.queues.map((queue) => [queue.name, queue]));
  return shownQueueNames(chosen, state.teamCsqs, state.queues.map((queue) => queue.name)).map((name) => {
    const figures = byName.get(name) ?? null;
    const longestWaitMs = figures ? longestWaitNow(figures, state.readAt, now) : null;
    return { name, figures, longestWaitMs, levels: queueLevels(figures?.waiting ?? null, longestWaitMs, rules) };
  });
}

/** The queues the strip shows: the chosen ones (in that order), else the team CSQs, each with its figures when the source has them. */
export function shownQueueNames(chosen: readonly string[] | null, teamCsqs: readonly string[], reported: readonly string[]): string[] {
  if (chosen) return [...chosen];
  // Without team CSQs (no adminapi answer yet, or a supervisor with no team queues) the strip shows every queue reported.
  return teamCsqs.length ? [...teamCsqs] : [...reported];
}

export type AlertLevel = 'normal' | 'amber' | 'red';

export function thresholdFor(member: Pick<BoardMember, 'status' | 'reason'>, rules: readonly ThresholdRule[]): ThresholdRule | null {
  let general: ThresholdRule | null = null;
  for (const rule of rules) {
    if (rule.status !== member.status) continue;
    if (rule.reason !== '' && rule.reason.toLowerCase() === member.reason.toLowerCase()) return rule;
    if (rule.reason === '' && !general) general = rule;
  }
  return general;
}

export function alertLevel(member: BoardMember, rules: readonly ThresholdRule[], now: number): AlertLevel {
  // Signed out (Finesse says so): no longer in any state a threshold is about.
  if (member.agentState?.state === 'LOGOUT') return 'normal';
  const rule = thresholdFor(member, rules);
  if (!rule) return 'normal';
  const minutes = (now - member.since) / 60_000;
  if (rule.redMinutes > 0 && minutes >= rule.redMinutes) return 'red';
  if (rule.amberMinutes > 0 && minutes >= rule.amberMinutes) return 'amber';
  return 'normal';
}

/** 65 s → "1:05", 3,725 s → "1:02:05". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export interface StatusCounts {
  ready: number;
  not_ready: number;
  ACW: number;
  total: number;
}

export function countStatuses(team: BoardTeam, members: ReadonlyMap<string, BoardMember>): StatusCounts {
  const counts: StatusCounts = { ready: 0, not_ready: 0, ACW: 0, total: 0 };
  for (const id of team.memberIds) {
    const member = members.get(id);
    if (!member) continue;
    counts[member.status]++;
    counts.total++;
  }
  return counts;
}

export type BoardRow =
  | { kind: 'team'; key: string; team: BoardTeam; counts: StatusCounts; shown: number }
  | { kind: 'member'; key: string; member: BoardMember; teamId: string };

const STATUS_ORDER: Record<MemberStatus, number> = { ready: 0, not_ready: 1, ACW: 2 };
const TYPE_ORDER: Record<MemberType, number> = { Supervisor: 0, TeamLead: 1, Agent: 2 };

/** One collator for every comparison: String.localeCompare builds one per call, far too slow for 5,000 rows ten times a second. */
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

const byNameThenId = (a: BoardMember, b: BoardMember) => collator.compare(a.memberName, b.memberName) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);

/**
 * Every member's place in name order, kept between renders: sorting 5,000 rows
 * then compares integers, and the collator runs only when a name or a member
 * is new (rarely), not on every status patch.
 */
class NameRanks {
  private byId = new Map<string, { name: string; rank: number }>();

  /** The member's place, or -1 when the ranks do not know it under this name (rebuild, then ask again). */
  rankOf(member: BoardMember): number {
    const entry = this.byId.get(member.memberId);
    return entry !== undefined && entry.name === member.memberName ? entry.rank : -1;
  }

  rebuild(members: ReadonlyMap<string, BoardMember>): void {
    const ordered = [...members.values()].sort(byNameThenId);
    this.byId = new Map(ordered.map((m, rank) => [m.memberId, { name: m.memberName, rank }]));
  }
}

const nameRanks = new NameRanks();

/**
 * The sort column as a number per member, so that sorting compares numbers:
 * the reason as its place among the reasons shown (in collation order).
 */
function primaryKeyOf(column: SortColumn, members: ReadonlyMap<string, BoardMember>): (member: BoardMember) => number {
  switch (column) {
    case 'name':
      return () => 0;
    case 'type':
      return (m) => TYPE_ORDER[m.memberType];
    case 'status':
      return (m) => STATUS_ORDER[m.status];
    // Ascending (▲) is "longest in state first", the earliest `since` first: what a supervisor looks for.
    case 'time':
      return (m) => m.since;
    case 'reason': {
      const reasons = [...new Set(Array.from(members.values(), (m) => m.reason))].sort(collator.compare);
      // Reasons the collator holds equal ("lunch", "Lunch") share a place, so the name decides between them.
      const places = new Map<string, number>();
      let place = 0;
      reasons.forEach((reason, i) => {
        if (i > 0 && collator.compare(reasons[i - 1]!, reason) !== 0) place++;
        places.set(reason, place);
      });
      return (m) => places.get(m.reason)!;
    }
  }
}

/** The words the time column's sort state stands for: its arrow alone would read as "shortest first" to most people. */
export function timeSortWords(descending: boolean): string {
  return descending ? t('board.sort.shortestFirst') : t('board.sort.longestFirst');
}

/** The name search, the status chips or the type chips leave some members out (the team choice is not counted: it is a choice, not a search). */
export function isNarrowed(view: BoardViewSettings): boolean {
  return view.name.trim() !== '' || view.statuses.length < MEMBER_STATUSES.length || view.types.length < MEMBER_TYPES.length;
}

/** What the board says when the filters leave no member to show, in words that name the way out. */
export function noMatchMessage(view: BoardViewSettings): string {
  const name = view.name.trim();
  const chips = view.statuses.length < MEMBER_STATUSES.length || view.types.length < MEMBER_TYPES.length;
  if (name) return chips ? t('board.noMatch.nameAndChips', { name }) : t('board.noMatch.name', { name });
  return t('board.noMatch.chips');
}

/** The filters that `noMatchMessage`'s button clears: the search and the chips, not the team. */
export const CLEARED_FILTERS: Pick<BoardViewSettings, 'name' | 'statuses' | 'types'> = { name: '', statuses: [...MEMBER_STATUSES], types: [...MEMBER_TYPES] };

/**
 * Rows for the table: per team (in server order) a header row, then its
 * members that pass the filters, sorted. While a search or chip narrows the
 * board, a team with no member left is left out, header and all: a dozen
 * empty headers would hide the one that matters.
 */
export function deriveRows(teams: readonly BoardTeam[], members: ReadonlyMap<string, BoardMember>, view: BoardViewSettings): BoardRow[] {
  const rows = deriveRowsWithRanks(teams, members, view);
  if (rows) return rows;
  // A name (or a member) the ranks did not know: rank everyone again; now every member shown is known.
  nameRanks.rebuild(members);
  return deriveRowsWithRanks(teams, members, view)!;
}

/** deriveRows, or null when a member shown is missing from the name ranks. */
function deriveRowsWithRanks(teams: readonly BoardTeam[], members: ReadonlyMap<string, BoardMember>, view: BoardViewSettings): BoardRow[] | null {
  const rows: BoardRow[] = [];
  const needle = view.name.trim().toLowerCase();
  const statuses = new Set(view.statuses);
  const types = new Set(view.types);
  const primaryKey = primaryKeyOf(view.sort.column, members);
  const sign = view.sort.descending ? -1 : 1;
  const narrowed = isNarrowed(view);
  for (const team of teams) {
    if (view.teamId !== null && team.teamId !== view.teamId) continue;
    const counts: StatusCounts = { ready: 0, not_ready: 0, ACW: 0, total: 0 };
    const shown: BoardMember[] = [];
    const primary: number[] = [];
    const rank: number[] = [];
    for (const id of team.memberIds) {
      const member = members.get(id);
      if (!member) continue;
      counts[member.status]++;
      counts.total++;
      if (!statuses.has(member.status) || !types.has(member.memberType)) continue;
      if (needle && !member.memberName.toLowerCase().includes(needle)) continue;
      const place = nameRanks.rankOf(member);
      if (place < 0) return null;
      shown.push(member);
      primary.push(primaryKey(member));
      rank.push(place);
    }
    if (narrowed && shown.length === 0) continue;
    // Sort positions by the column, then by name; descending turns both round.
    const order = Array.from(shown, (_, i) => i).sort((i, j) => sign * (primary[i]! - primary[j]! || rank[i]! - rank[j]!));
    rows.push({ kind: 'team', key: `team:${team.teamId}`, team, counts, shown: shown.length });
    for (const i of order) {
      const member = shown[i]!;
      rows.push({ kind: 'member', key: `${team.teamId}:${member.memberId}`, member, teamId: team.teamId });
    }
  }
  return rows;
}

/** A status in the active language ("Ready", "Bereit", "Disponible"). */
export function statusLabel(status: MemberStatus): string {
  return t(`board.status.${status}`);
}

/** A member type in the active language; a type the server sent that we do not know is shown as sent. */
export function typeLabel(type: string): string {
  return (MEMBER_TYPES as readonly string[]).includes(type) ? t(`board.type.${type as MemberType}`) : type;
}

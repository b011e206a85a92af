import type { BoardTeam, MemberStatus, MemberType } from './board';
import type { ActionResult, SupervisorTarget } from './finesse';
import type { MainMessage } from './main-message';

/**
 * The board's history: every change the team board applied, kept per profile
 * and per day, and the answers main gives about it. Days are the console
 * computer's local calendar days, written "YYYY-MM-DD"; times are epoch ms.
 *
 * Nothing is ever shown for a time the console did not see: while the report
 * stream was down (or the console was not running) the answer is a gap.
 */

export const DEFAULT_HISTORY_RETENTION_DAYS = 14;
export const MAX_HISTORY_RETENTION_DAYS = 366;
/** One day's key, e.g. "2026-12-02". */
export const HISTORY_DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Team-day bucket widths the console answers, in minutes. */
export const TEAM_DAY_BUCKET_MINUTES = [1, 5, 10, 15, 30, 60] as const;
export type TeamDayBucketMinutes = (typeof TEAM_DAY_BUCKET_MINUTES)[number];
/** Largest page of a day summary. */
export const MAX_SUMMARY_PAGE = 500;
/** Largest page of the board at a moment (members). */
export const MAX_BOARD_AT_MEMBERS = 5_000;
/** At most this many teams are listed for a day (the board keeps far fewer). */
export const MAX_DAY_TEAMS = 1_000;

export interface HistoryStatus {
  /**
   * off: no profile, or no report server in it. recording: changes are kept.
   * recovered: the store was damaged; it was set aside and a fresh one started
   * (detail says where the old one is). failed: history cannot be written
   * (detail says why); the board works on.
   */
  state: 'off' | 'recording' | 'recovered' | 'failed';
  detail: string;
  /** The same sentence by message id, for the renderer to say in the user's language. */
  detailMessage?: MainMessage;
}

export interface HistoryDayInfo {
  day: string;
  /** Bytes on disk for the day. */
  bytes: number;
}

export interface HistoryDays {
  /** Kept days, newest first. */
  days: HistoryDayInfo[];
  retentionDays: number;
  status: HistoryStatus;
}

/** What a day holds, for choosing within it: the span of what was recorded and the teams seen. */
export interface HistoryDayOverview {
  day: string;
  /** First and last moment the day's records know (the last is now while today is recorded). */
  first: number;
  last: number;
  /** Every team on the board that day, by its last name that day, sorted by name (at most MAX_DAY_TEAMS). */
  teams: Array<{ teamId: string; teamName: string }>;
}

/** One stretch of an agent's day. */
export type TimelineSegment =
  | {
      kind: 'state';
      start: number;
      end: number;
      status: MemberStatus;
      /** Not Ready reason as the server sent it ('' when none). */
      reason: string;
      /** Finesse's state when Finesse was read (e.g. TALKING, LOGOUT), else null. */
      agentState: string | null;
      /** The state began before `start` (first seen after a gap): its real start is unknown. */
      startAtLeast: boolean;
    }
  /** The member was not on the board (in none of the supervisor's teams). */
  | { kind: 'absent'; start: number; end: number }
  /** The console did not see: report stream down, or the console not running. */
  | { kind: 'gap'; start: number; end: number };

export interface HistoryAction {
  at: number;
  memberId: string;
  memberName: string;
  action: SupervisorTarget;
  /** The Finesse user who did it. */
  by: string;
  result: ActionResult | 'failed';
  message: string;
}

export interface AgentTimeline {
  day: string;
  memberId: string;
  memberName: string;
  memberType: MemberType;
  /** Ordered, contiguous from the day's first record to its last known moment. */
  segments: TimelineSegment[];
  /** Supervisor actions on this member that day. */
  actions: HistoryAction[];
}

/**
 * One bucket of a team's day: the average number of the team's members in
 * each state over the time observed in the bucket (member-time / bucket
 * length), and how much of the bucket was observed at all (0..1).
 */
export interface TeamDayBucket {
  start: number;
  observed: number;
  ready: number;
  acw: number;
  /** By reason code ('' when none was given). */
  notReady: Record<string, number>;
}

export interface TeamDay {
  day: string;
  teamId: string;
  teamName: string;
  bucketMinutes: TeamDayBucketMinutes;
  buckets: TeamDayBucket[];
}

export interface StateTime {
  status: MemberStatus;
  reason: string;
  ms: number;
}

export interface AgentDaySummary {
  memberId: string;
  memberName: string;
  memberType: MemberType;
  /** Observed time in each status and reason, longest first. */
  byState: StateTime[];
  longestNotReady: { start: number; ms: number; reason: string } | null;
  /** How many times Finesse showed the agent signed out (entering LOGOUT). */
  signOuts: number;
  /** First and last moment the agent was observed on the board that day (null when never). */
  firstSeen: number | null;
  lastSeen: number | null;
}

export interface DaySummaryPage {
  day: string;
  /** Agents in the day (or the team), before paging. */
  total: number;
  offset: number;
  agents: AgentDaySummary[];
}

export interface BoardAtMember {
  memberId: string;
  memberName: string;
  memberType: MemberType;
  status: MemberStatus;
  reason: string;
  agentState: string | null;
  /** When the state began, as seen (with `sinceAtLeast`, no later than this). */
  since: number;
  sinceAtLeast: boolean;
  /** at − since. */
  timeInStateMs: number;
}

export interface BoardAt {
  at: number;
  /** False when `at` falls in a gap: then `teams` and `members` are empty and `detail` says why. */
  observed: boolean;
  detail: string;
  /** `detail` by message id (`main.history.*`), for the renderer to say in the user's language. */
  detailMessage?: MainMessage;
  teams: BoardTeam[];
  members: BoardAtMember[];
  /** Members on the board then, before paging. */
  totalMembers: number;
}

/** The local calendar day of an epoch-ms moment ("YYYY-MM-DD"). */
export function dayKeyOf(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local midnight at the start of a day key, epoch ms. */
export function dayStartOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** Local midnight at the end of the day (the next day's start; 23 or 25 hours on a clock change). */
export function dayEndOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}

import type { MainMessage, MainSentence } from './main-message';
import type { AgentStateView } from './finesse';
import { checkText, checkWholeNumber, within, type FieldError } from './validation';

/**
 * The live team-status board as main keeps it and the renderer shows it: a
 * normalized model (members by id, teams listing member ids) plus the state
 * of the report-server connection. Main is the source of truth; the renderer
 * holds a copy built from one snapshot and the numbered patches after it.
 */

/** The three statuses the report server documents (wire values). */
export type MemberStatus = 'ready' | 'not_ready' | 'ACW';
export type MemberType = 'Agent' | 'Supervisor' | 'TeamLead';

export const MEMBER_STATUSES: readonly MemberStatus[] = ['ready', 'not_ready', 'ACW'];
export const MEMBER_TYPES: readonly MemberType[] = ['Agent', 'Supervisor', 'TeamLead'];

export const STATUS_LABELS: Readonly<Record<MemberStatus, string>> = {
  ready: 'Ready',
  not_ready: 'Not Ready',
  ACW: 'ACW',
};

export interface BoardMember {
  memberId: string;
  memberType: MemberType;
  memberName: string;
  status: MemberStatus;
  /** Not Ready reason code as the server sends it ('' when none). */
  reason: string;
  /**
   * Epoch ms from which time in state is counted: Finesse's stateChangeTime
   * (on our clock) when Finesse is configured and gave one; otherwise, since
   * status events carry no timestamp, when main received the change.
   */
  since: number;
  /**
   * True when the real change happened earlier than `since` (member first seen
   * in a teamadded or memberadded, or re-announced after a reconnect, and no
   * time from Finesse): the board shows the time as "at least".
   */
  sinceAtLeast: boolean;
  /** The exact state from Finesse, when the profile configures Finesse and its teams list this member. */
  agentState?: AgentStateView;
}

export interface BoardTeam {
  teamId: string;
  teamName: string;
  /** Member ids in the order the server listed them; never twice. */
  memberIds: string[];
}

export type BoardConnectionState =
  /** No reports section in the active profile (or no active profile). */
  | 'off'
  | 'connecting'
  /** Subscribed: events are flowing. */
  | 'live'
  /** Lost; reconnecting with back-off. The board shows the last known state. */
  | 'disconnected'
  /** The server refused the subscription (e.g. unknown agent id); retried with back-off. */
  | 'refused'
  /** Showing the board saved on disk before any live data arrived. */
  | 'offline';

export interface BoardConnection {
  state: BoardConnectionState;
  /** One sentence for the screen, never a secret. */
  detail: string;
  /** `detail` by message id (`main.reports.*`), for the renderer to say in the user's language. */
  detailMessage?: MainSentence;
  /** Epoch ms up to which the board is known to be right (last live moment or the saved board's time); null when never. */
  asOf: number | null;
  /** Epoch ms of the next reconnect attempt while disconnected. */
  retryAt: number | null;
}

/** Frames and entries dropped because they did not match the protocol, by cause. */
export interface BoardRejections {
  invalidJson: number;
  notText: number;
  unknownEvent: number;
  missingFields: number;
  unknownStatus: number;
  unknownType: number;
  unknownTeam: number;
  unexpectedResponse: number;
}

/**
 * How much one board keeps: a report server that sends more is not allowed
 * to grow the console without bound. Profile `reports.limits` may change them.
 */
export interface BoardLimits {
  maxTeams: number;
  maxMembers: number;
  /** Largest report-server frame accepted, in bytes. */
  maxFrameBytes: number;
}

export const DEFAULT_BOARD_LIMITS: Readonly<BoardLimits> = { maxTeams: 500, maxMembers: 20_000, maxFrameBytes: 16 * 1024 * 1024 };

export const NO_REJECTIONS: BoardRejections = {
  invalidJson: 0,
  notText: 0,
  unknownEvent: 0,
  missingFields: 0,
  unknownStatus: 0,
  unknownType: 0,
  unknownTeam: 0,
  unexpectedResponse: 0,
};

export interface BoardSnapshot {
  /** Sequence number of the last patch folded into this snapshot. */
  seq: number;
  /** False when the active profile has no report server configured. */
  configured: boolean;
  /** The profile's supervisor agent id (null when not configured). */
  supervisorId: string | null;
  connection: BoardConnection;
  teams: BoardTeam[];
  members: BoardMember[];
  rejections: BoardRejections;
  /** Events applied since the console started for this profile. */
  eventsApplied: number;
  /** Set when the report server sent more teams or members than the board keeps: what was left out, in words. */
  limitNotice: string | null;
  /** `limitNotice` by message id (`main.reports.limit`), for the renderer to say in the user's language. */
  limitNoticeMessage?: MainMessage | null;
}

/**
 * Changes since the previous patch, numbered one after another. A patch with
 * `reset` replaces the whole board (profile switch); otherwise teams listed
 * replace those teams, members listed replace those members.
 */
export interface BoardPatch {
  seq: number;
  reset: boolean;
  configured: boolean;
  supervisorId: string | null;
  teams: BoardTeam[];
  removedTeamIds: string[];
  members: BoardMember[];
  removedMemberIds: string[];
  connection: BoardConnection;
  rejections: BoardRejections;
  eventsApplied: number;
  /** Epoch ms when main received the oldest event folded into this patch (null for connection-only patches). */
  oldestEventAt: number | null;
  limitNotice: string | null;
  /** `limitNotice` by message id (`main.reports.limit`). */
  limitNoticeMessage?: MainMessage | null;
}

/** One step of a call journey, as report.calljourney returns it. */
export interface JourneyStep {
  callId: string;
  device: string;
  deviceType: string;
  description: string;
  /** As formatted by the server, e.g. "00:01:23". */
  duration: string;
  /** `duration` in seconds, or null when the server's format was not understood. */
  durationSeconds: number | null;
}

export type JourneyResult =
  | { callId: string; found: true; steps: JourneyStep[]; receivedAt: number }
  /** The server's failure, its code and message verbatim. */
  | { callId: string; found: false; failure: { code: string; message: string }; receivedAt: number };

/** "HH:MM:SS", "MM:SS" or plain seconds → seconds; null when not understood. */
export function parseDurationSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const match = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?$/.exec(trimmed);
  if (!match) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** Lab endpoints as a demo page may see them (no passwords). */
export interface LabEndpointsView {
  control: string;
  reports: { url: string; agentId: string };
}

// ---- validation: call ids and the board's thresholds ----

/**
 * UCCX identifies a call by its session id, a whole number (the report
 * server's `CallId`, e.g. 16777302; the journeys the lab records look the same).
 * Twenty digits hold any 64-bit id.
 */
export const CALL_ID_PATTERN = /^\d{1,20}$/;

export function validateCallId(callId: string, field = 'callId'): FieldError[] {
  const text = callId.trim();
  if (text === '') return [{ field, message: 'Enter the call ID.', said: { id: 'validation.callId.empty' } }];
  const shown = text.slice(0, 40);
  return CALL_ID_PATTERN.test(text)
    ? []
    : [{ field, message: `A call ID is the UCCX session number, digits only (e.g. 16777302); "${shown}" is not one.`, said: { id: 'validation.callId.notDigits', values: { text: shown } } }];
}

/** When a member turns amber or red: minutes in a status (and reason); 0 = never. */
export interface BoardThresholdRule {
  status: MemberStatus;
  /** '' applies to every reason of that status; an exact reason code wins over it. */
  reason: string;
  amberMinutes: number;
  redMinutes: number;
}

/** A day: a longer threshold would never be reached by anyone on a shift. */
export const MAX_THRESHOLD_MINUTES = 1440;

/** Minutes from 0 to a day, to the hundredth (1.5 = 90 s; 0.05 = 3 s, for drills and demos). */
function checkThresholdMinutes(field: string, value: unknown): FieldError[] {
  const range = `from 0 to ${MAX_THRESHOLD_MINUTES} minutes`;
  const max = MAX_THRESHOLD_MINUTES;
  if (typeof value !== 'number' || !Number.isFinite(value)) return [{ field, message: `Enter a number of minutes ${range}.`, said: { id: 'validation.threshold.minutes', values: { max } } }];
  if (value < 0 || value > MAX_THRESHOLD_MINUTES) return [{ field, message: `Must be ${range}; ${value} is out of range.`, said: { id: 'validation.threshold.minutesRange', values: { max, value } } }];
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return [{ field, message: `Use at most two decimals (${range}).`, said: { id: 'validation.threshold.minutesDecimals', values: { max } } }];
  return [];
}

/**
 * Problems with the member threshold rules: minutes from 0 (never) to a
 * day, amber before red when both are set, one rule per status and reason.
 * Fields are named "thresholds.<row>.<key>".
 */
export function validateThresholdRules(rules: unknown): FieldError[] {
  if (!Array.isArray(rules)) return [{ field: 'thresholds', message: 'Thresholds must be a list of rules.' }];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  rules.forEach((raw: unknown, index) => {
    const rule = (raw ?? {}) as Partial<Record<keyof BoardThresholdRule, unknown>>;
    const rowErrors: FieldError[] = [];
    if (!MEMBER_STATUSES.includes(rule.status as MemberStatus)) rowErrors.push({ field: 'status', message: `Choose a status: ${MEMBER_STATUSES.map((s) => STATUS_LABELS[s]).join(', ')}.`, said: { id: 'validation.threshold.status' } });
    rowErrors.push(...checkText('reason', rule.reason ?? '', { max: 64 }));
    const amber = checkThresholdMinutes('amberMinutes', rule.amberMinutes);
    const red = checkThresholdMinutes('redMinutes', rule.redMinutes);
    rowErrors.push(...amber, ...red);
    if (amber.length === 0 && red.length === 0) {
      const a = rule.amberMinutes as number;
      const r = rule.redMinutes as number;
      if (a > 0 && r > 0 && a >= r) rowErrors.push({ field: 'redMinutes', message: `Red (${r} min) must come after amber (${a} min): set red above ${a}, or amber below ${r}.`, said: { id: 'validation.threshold.redAfterAmber', values: { red: r, amber: a } } });
    }
    const key = `${String(rule.status)}\u0000${typeof rule.reason === 'string' ? rule.reason.trim().toLowerCase() : ''}`;
    if (seen.has(key)) rowErrors.push({ field: 'reason', message: `Rule ${seen.get(key)! + 1} already covers this status and reason.`, said: { id: 'validation.threshold.duplicate', values: { rule: seen.get(key)! + 1 } } });
    else seen.set(key, index);
    errors.push(...within(`thresholds.${index}.`, rowErrors));
  });
  return errors;
}

/** Queue tile limits: whole numbers, amber below red when both are set (0 = never). Fields "queueThresholds.<key>". */
export function validateQueueThresholds(raw: unknown): FieldError[] {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const pairs: Array<[string, string, string]> = [
    ['waitingAmber', 'waitingRed', 'callers'],
    ['waitAmberSeconds', 'waitRedSeconds', 'seconds'],
  ];
  for (const [amberKey, redKey, unit] of pairs) {
    const amber = checkWholeNumber(amberKey, value[amberKey], 0, 100_000, unit);
    const red = checkWholeNumber(redKey, value[redKey], 0, 100_000, unit);
    errors.push(...amber, ...red);
    const a = value[amberKey] as number;
    const r = value[redKey] as number;
    if (amber.length === 0 && red.length === 0 && a > 0 && r > 0 && a >= r) errors.push({ field: redKey, message: `Red (${r}) must be above amber (${a}).`, said: { id: 'validation.queueThreshold.redAboveAmber', values: { red: r, amber: a } } });
  }
  return within('queueThresholds.', errors);
}

/** Problems with the board's saved view section ("board" in the preferences): its thresholds, when present. */
export function validateBoardSection(section: unknown): FieldError[] {
  if (typeof section !== 'object' || section === null) return [];
  const value = section as Record<string, unknown>;
  return [
    ...('thresholds' in value ? validateThresholdRules(value.thresholds) : []),
    ...('queueThresholds' in value ? validateQueueThresholds(value.queueThresholds) : []),
  ];
}

/** A call the demo lab recorded, as the Call journey screen lists it in demo mode (a real report server has no such list). */
export interface LabRecentCall {
  callId: string;
  /** Epoch ms when the call ended. */
  endedAt: number;
  /** The caller's number. */
  caller: string;
}

import type { AgentStateView } from './finesse';

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

/** A call the demo lab recorded, as the Call journey screen lists it in demo mode (a real report server has no such list). */
export interface LabRecentCall {
  callId: string;
  /** Epoch ms when the call ended. */
  endedAt: number;
  /** The caller's number. */
  caller: string;
}

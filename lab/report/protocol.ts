/**
 * Wire shapes of the UCCX Report Server resource ("com.openmethods.iserver.
 * processor.reporting.uccx"), as documented: requests carry `command` + `data`,
 * responses echo `command` with `result` "success" or "failure", events carry
 * `name` + `data`. Only the lab builds these frames; the console has its own
 * parser so that a mistake here cannot hide the same mistake there.
 */

export const COMMAND_BEGIN = 'report.teamstatus.begin';
export const COMMAND_END = 'report.teamstatus.end';
export const COMMAND_CALL_JOURNEY = 'report.calljourney';

/**
 * The documentation does not say what the server answers to a frame that is
 * not JSON (or has no command); the lab answers a failure whose `command` is
 * this placeholder and whose `original` is the raw text it received.
 */
export const COMMAND_UNKNOWN = 'unknown';

export type MemberStatus = 'ready' | 'not_ready' | 'ACW';
export type MemberType = 'Agent' | 'Supervisor' | 'TeamLead';

export const MEMBER_STATUSES: readonly MemberStatus[] = ['ready', 'not_ready', 'ACW'];

export type TeamStatusEventName =
  | 'teamadded'
  | 'teamchanged'
  | 'teamremoved'
  | 'memberadded'
  | 'memberremoved'
  | 'memberstatuschanged';

export const EVENT_PREFIX = 'report.teamstatus.';

/**
 * Failure codes. The documentation only says "<error-code-for-failure>"; these
 * names are the lab's choice and consoles should show `message`, not rely on codes.
 */
export const FailureCode = {
  InvalidJson: 'INVALID_JSON',
  InvalidRequest: 'INVALID_REQUEST',
  UnknownCommand: 'UNKNOWN_COMMAND',
  MissingField: 'MISSING_FIELD',
  UnknownAgent: 'UNKNOWN_AGENT',
  NotASupervisor: 'NOT_A_SUPERVISOR',
  CallNotFound: 'CALL_NOT_FOUND',
} as const;
export type FailureCode = (typeof FailureCode)[keyof typeof FailureCode];

export interface WireMember {
  memberId: string;
  memberType: MemberType;
  memberName: string;
  status: MemberStatus;
  reason: string;
}

export interface WireTeamHeader {
  teamId: string;
  teamName: string;
}

export interface WireTeamWithMembers extends WireTeamHeader {
  members: WireMember[] | Array<{ memberId: string }>;
}

export interface CallJourneyStep {
  CallId: string;
  Device: string;
  DeviceType: string;
  Description: string;
  /** Formatted as HH:MM:SS. */
  Duration: string;
}

export function successFrame(command: string, data: object): string {
  return JSON.stringify({ command, result: 'success', data });
}

export function failureFrame(
  command: string,
  failure: { code: FailureCode; message: string; context: string },
  original: unknown,
): string {
  return JSON.stringify({ command, result: 'failure', failure, original });
}

export function eventFrame(event: TeamStatusEventName, agentId: string, team: WireTeamHeader | WireTeamWithMembers): string {
  return JSON.stringify({ name: EVENT_PREFIX + event, data: { agentId, team } });
}

/** Seconds → "HH:MM:SS" (hours not wrapped at 24: a call journey never lasts that long anyway). */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

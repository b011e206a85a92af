import type { BoardRejections, MemberStatus, MemberType } from '../../../shared/domain/board';

/**
 * The console's own reading of the UCCX Report Server resource protocol:
 * requests are `{command, data}`, responses echo `command` with `result`
 * "success" or "failure", events are `{name, data:{agentId, team}}`. Every
 * frame from the server is validated here; anything that does not match is
 * returned as a rejection with its cause, never thrown.
 */

export const COMMAND_BEGIN = 'report.teamstatus.begin';
export const COMMAND_END = 'report.teamstatus.end';
export const COMMAND_CALL_JOURNEY = 'report.calljourney';
const EVENT_PREFIX = 'report.teamstatus.';

export type TeamEventName = 'teamadded' | 'teamchanged' | 'teamremoved' | 'memberadded' | 'memberstatuschanged' | 'memberremoved';
const EVENT_NAMES: ReadonlySet<string> = new Set<TeamEventName>([
  'teamadded',
  'teamchanged',
  'teamremoved',
  'memberadded',
  'memberstatuschanged',
  'memberremoved',
]);

/** A member entry as an event carries it; name and type may be absent in a status change for a member already known. */
export interface WireMemberEntry {
  memberId: string;
  memberType?: MemberType;
  memberName?: string;
  status?: MemberStatus;
  reason: string;
}

export interface TeamEvent {
  kind: 'event';
  name: TeamEventName;
  agentId: string | null;
  teamId: string;
  teamName: string | null;
  /** Valid member entries (empty for team-only events). */
  members: WireMemberEntry[];
  /** Member entries dropped from this frame, by cause. */
  droppedMembers: Partial<BoardRejections>;
}

export interface CommandResponse {
  kind: 'response';
  command: string;
  success: boolean;
  data: unknown;
  failure: { code: string; message: string } | null;
  /** The request the server echoes in a failure (`original`), when present. */
  original: unknown;
}

export interface RejectedFrame {
  kind: 'rejected';
  cause: keyof BoardRejections;
  reason: string;
}

export type ParsedFrame = TeamEvent | CommandResponse | RejectedFrame;

export function requestFrame(command: string, data: Record<string, string>): string {
  return JSON.stringify({ command, data });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Ids are numeric in UCCX: numbers are accepted and turned into strings. */
function idField(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0 && value.length <= 256) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function textField(value: unknown): string | null {
  if (typeof value === 'string') return value.length <= 1024 ? value : value.slice(0, 1024);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Status values are documented as "ready", "not_ready", "ACW". Case is
 * tolerated (unconfirmed whether real servers always use this exact case);
 * anything else is an unknown status.
 */
export function normalizeStatus(value: unknown): MemberStatus | null {
  if (typeof value !== 'string') return null;
  switch (value.toLowerCase()) {
    case 'ready':
      return 'ready';
    case 'not_ready':
      return 'not_ready';
    case 'acw':
      return 'ACW';
    default:
      return null;
  }
}

/** "Agent" | "Supervisor" | "TeamLead"; case and a separator ("Team Lead") tolerated. */
export function normalizeType(value: unknown): MemberType | null {
  if (typeof value !== 'string') return null;
  switch (value.toLowerCase().replace(/[^a-z]/g, '')) {
    case 'agent':
      return 'Agent';
    case 'supervisor':
      return 'Supervisor';
    case 'teamlead':
      return 'TeamLead';
    default:
      return null;
  }
}

/** Parse one text frame from the report server. */
export function parseFrame(text: string): ParsedFrame {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch (error) {
    return { kind: 'rejected', cause: 'invalidJson', reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(frame)) return { kind: 'rejected', cause: 'missingFields', reason: 'frame is not a JSON object' };

  if (typeof frame.command === 'string') return parseResponse(frame);
  if (typeof frame.name !== 'string') return { kind: 'rejected', cause: 'missingFields', reason: 'frame has neither "command" nor "name"' };
  if (!frame.name.startsWith(EVENT_PREFIX) || !EVENT_NAMES.has(frame.name.slice(EVENT_PREFIX.length))) {
    return { kind: 'rejected', cause: 'unknownEvent', reason: `unknown event "${frame.name.slice(0, 80)}"` };
  }
  return parseEvent(frame.name.slice(EVENT_PREFIX.length) as TeamEventName, frame.data);
}

function parseResponse(frame: Record<string, unknown>): ParsedFrame {
  const command = frame.command as string;
  if (frame.result === 'success') {
    return { kind: 'response', command, success: true, data: frame.data ?? null, failure: null, original: null };
  }
  if (frame.result === 'failure') {
    const failure = isObject(frame.failure) ? frame.failure : {};
    return {
      kind: 'response',
      command,
      success: false,
      data: null,
      failure: {
        code: textField(failure.code) ?? '',
        message: textField(failure.message) ?? 'The report server reported a failure without a message.',
      },
      original: frame.original ?? null,
    };
  }
  return { kind: 'rejected', cause: 'missingFields', reason: `response to ${command.slice(0, 80)} has no result "success" or "failure"` };
}

function parseEvent(name: TeamEventName, data: unknown): ParsedFrame {
  if (!isObject(data) || !isObject(data.team)) return { kind: 'rejected', cause: 'missingFields', reason: `${name} without data.team` };
  const team = data.team;
  const teamId = idField(team.teamId);
  if (teamId === null) return { kind: 'rejected', cause: 'missingFields', reason: `${name} without team.teamId` };
  const teamName = textField(team.teamName);
  const agentId = idField(data.agentId);
  const event: TeamEvent = { kind: 'event', name, agentId, teamId, teamName, members: [], droppedMembers: {} };

  switch (name) {
    case 'teamchanged':
      if (teamName === null) return { kind: 'rejected', cause: 'missingFields', reason: 'teamchanged without team.teamName' };
      return event;
    case 'teamremoved':
      return event;
    case 'teamadded':
      if (teamName === null) return { kind: 'rejected', cause: 'missingFields', reason: 'teamadded without team.teamName' };
      // A team with nobody in it may come without a members list.
      if (team.members === undefined) return event;
      break;
  }
  if (!Array.isArray(team.members)) return { kind: 'rejected', cause: 'missingFields', reason: `${name} without team.members` };

  const dropped: Partial<BoardRejections> = {};
  const drop = (cause: keyof BoardRejections) => {
    dropped[cause] = (dropped[cause] ?? 0) + 1;
  };
  for (const raw of team.members) {
    if (!isObject(raw)) {
      drop('missingFields');
      continue;
    }
    const memberId = idField(raw.memberId);
    if (memberId === null) {
      drop('missingFields');
      continue;
    }
    if (name === 'memberremoved') {
      event.members.push({ memberId, reason: '' });
      continue;
    }
    const status = normalizeStatus(raw.status);
    if (status === null) {
      drop(raw.status === undefined ? 'missingFields' : 'unknownStatus');
      continue;
    }
    const memberName = textField(raw.memberName) ?? undefined;
    const memberType = raw.memberType === undefined ? undefined : normalizeType(raw.memberType);
    if (memberType === null) {
      drop('unknownType');
      continue;
    }
    // Adding a member needs the whole entry; a status change may name a member already on the board.
    if (name !== 'memberstatuschanged' && (memberName === undefined || memberType === undefined)) {
      drop('missingFields');
      continue;
    }
    event.members.push({ memberId, memberType, memberName, status, reason: textField(raw.reason) ?? '' });
  }
  event.droppedMembers = dropped;
  if (event.members.length === 0 && team.members.length > 0) {
    // Every entry was bad: the frame as a whole is rejected with the first cause.
    const cause = (Object.keys(dropped)[0] as keyof BoardRejections | undefined) ?? 'missingFields';
    return { kind: 'rejected', cause, reason: `${name} for team ${teamId} had no valid member entry` };
  }
  return event;
}

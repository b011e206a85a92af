import type { BoardConnection, BoardMember, BoardPatch, BoardTeam, MemberStatus } from '../../shared/domain/board';

/**
 * Board patches as BoardService emits them, built by hand, for driving the
 * history recorder with scripted events at simulated times.
 */
export const LIVE: BoardConnection = { state: 'live', detail: 'Live.', asOf: null, retryAt: null };
export const CONNECTING: BoardConnection = { state: 'connecting', detail: 'Connecting.', asOf: null, retryAt: null };

export function downSince(asOf: number): BoardConnection {
  return { state: 'disconnected', detail: 'Lost.', asOf, retryAt: asOf + 1_000 };
}

export function member(memberId: string, status: MemberStatus, since: number, reason = '', memberName = memberId): BoardMember {
  return { memberId, memberName, memberType: 'Agent', status, reason, since, sinceAtLeast: false };
}

export function team(teamId: string, teamName: string, memberIds: string[]): BoardTeam {
  return { teamId, teamName, memberIds };
}

let seq = 0;
export function patch(parts: Partial<BoardPatch> & { connection?: BoardConnection }): BoardPatch {
  return {
    seq: ++seq,
    reset: false,
    configured: true,
    supervisorId: 'sup',
    teams: [],
    removedTeamIds: [],
    members: [],
    removedMemberIds: [],
    connection: LIVE,
    rejections: { invalidJson: 0, notText: 0, unknownEvent: 0, missingFields: 0, unknownStatus: 0, unknownType: 0, unknownTeam: 0, unexpectedResponse: 0 },
    eventsApplied: 0,
    oldestEventAt: null,
    limitNotice: null,
    ...parts,
  };
}

/** Local time on a fixed day, e.g. at('08:10:00'). */
export function localTime(day: string, time: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] = time.split(':').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hh, mm, ss).getTime();
}

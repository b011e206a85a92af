import { describe, expect, it } from 'vitest';
import { BoardState } from '../../electron/services/reports/board-state';
import { parseFrame, type TeamEvent } from '../../electron/services/reports/protocol';
import type { BoardMember, BoardPatch, BoardSnapshot } from '../../shared/domain/board';

// The reducer is fed through the real parser with frames written by hand, as
// the documented protocol shows them.

type Member = { memberId: string; memberType?: string; memberName?: string; status?: string; reason?: string };

function frame(name: string, teamId: string, teamName: string, members?: Member[]): string {
  const team: Record<string, unknown> = { teamId, teamName };
  if (members) team.members = members;
  return JSON.stringify({ name: `report.teamstatus.${name}`, data: { agentId: 'sup01', team } });
}

function event(text: string): TeamEvent {
  const parsed = parseFrame(text);
  if (parsed.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(parsed)}`);
  return parsed;
}

const jane: Member = { memberId: 'jdoe', memberType: 'Agent', memberName: 'Jane Doe', status: 'ready', reason: '' };
const ravi: Member = { memberId: 'rkhan', memberType: 'TeamLead', memberName: 'Ravi Khan', status: 'not_ready', reason: 'Lunch' };
const boss: Member = { memberId: 'sup01', memberType: 'Supervisor', memberName: 'Maria Garcia', status: 'ready', reason: '' };

function fresh(): BoardState {
  const state = new BoardState({ configured: true, supervisorId: 'sup01' });
  state.takePatch(); // the initial reset
  return state;
}

function memberOf(snapshot: BoardSnapshot, id: string): BoardMember | undefined {
  return snapshot.members.find((m) => m.memberId === id);
}

/** Apply patches to a copy the way the renderer does, to prove patches alone rebuild the board. */
function replay(patches: BoardPatch[]): { teams: Map<string, string[]>; members: Map<string, BoardMember> } {
  const teams = new Map<string, string[]>();
  const members = new Map<string, BoardMember>();
  for (const patch of patches) {
    if (patch.reset) {
      teams.clear();
      members.clear();
    }
    for (const id of patch.removedTeamIds) teams.delete(id);
    for (const id of patch.removedMemberIds) members.delete(id);
    for (const team of patch.teams) teams.set(team.teamId, team.memberIds);
    for (const member of patch.members) members.set(member.memberId, member);
  }
  return { teams, members };
}

describe('BoardState', () => {
  it('builds teams from teamadded with time "at least since subscribed"', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'Billing Team', [jane, ravi, boss])), 1_000);
    const snapshot = state.snapshot();
    expect(snapshot.teams).toEqual([{ teamId: '1', teamName: 'Billing Team', memberIds: ['jdoe', 'rkhan', 'sup01'] }]);
    expect(memberOf(snapshot, 'rkhan')).toEqual({
      memberId: 'rkhan',
      memberType: 'TeamLead',
      memberName: 'Ravi Khan',
      status: 'not_ready',
      reason: 'Lunch',
      since: 1_000,
      sinceAtLeast: true,
    });
  });

  it('starts the clock exactly on a status change, and not on a repeat of the same status', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'Billing Team', [jane])), 1_000);
    state.apply(event(frame('memberstatuschanged', '1', 'Billing Team', [{ ...jane, status: 'ACW' }])), 5_000);
    expect(memberOf(state.snapshot(), 'jdoe')).toMatchObject({ status: 'ACW', since: 5_000, sinceAtLeast: false });
    state.apply(event(frame('memberstatuschanged', '1', 'Billing Team', [{ ...jane, status: 'ACW' }])), 9_000);
    expect(memberOf(state.snapshot(), 'jdoe')).toMatchObject({ since: 5_000 });
    // A new reason is a new state.
    state.apply(event(frame('memberstatuschanged', '1', 'Billing Team', [{ ...jane, status: 'not_ready', reason: 'Lunch' }])), 10_000);
    state.apply(event(frame('memberstatuschanged', '1', 'Billing Team', [{ ...jane, status: 'not_ready', reason: 'Break' }])), 12_000);
    expect(memberOf(state.snapshot(), 'jdoe')).toMatchObject({ status: 'not_ready', reason: 'Break', since: 12_000 });
    expect(state.snapshot().eventsApplied).toBe(5);
  });

  it('renames a team on teamchanged and removes it with its members on teamremoved', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'Billing Team', [jane, boss])), 1);
    state.apply(event(frame('teamadded', '2', 'Sales East', [ravi, boss])), 1);
    state.apply(event(frame('teamchanged', '2', 'Sales North')), 2);
    expect(state.snapshot().teams.map((t) => t.teamName)).toEqual(['Billing Team', 'Sales North']);
    state.apply(event(frame('teamremoved', '1', 'Billing Team')), 3);
    const snapshot = state.snapshot();
    expect(snapshot.teams.map((t) => t.teamId)).toEqual(['2']);
    // Jane was only in team 1; the supervisor is still in team 2.
    expect(snapshot.members.map((m) => m.memberId).sort()).toEqual(['rkhan', 'sup01']);
  });

  it('adds and removes members without ever listing one twice', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'Billing Team', [jane])), 1);
    state.apply(event(frame('memberadded', '1', 'Billing Team', [ravi, ravi])), 2);
    state.apply(event(frame('memberadded', '1', 'Billing Team', [ravi])), 3);
    expect(state.snapshot().teams[0]!.memberIds).toEqual(['jdoe', 'rkhan']);
    expect(memberOf(state.snapshot(), 'rkhan')).toMatchObject({ sinceAtLeast: true, since: 2 });
    state.apply(event(frame('memberremoved', '1', 'Billing Team', [{ memberId: 'jdoe' }])), 4);
    expect(state.snapshot().teams[0]!.memberIds).toEqual(['rkhan']);
    expect(memberOf(state.snapshot(), 'jdoe')).toBeUndefined();
  });

  it('shares one status between the teams a supervisor is in', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'A', [boss])), 1);
    state.apply(event(frame('teamadded', '2', 'B', [boss])), 1);
    state.apply(event(frame('memberstatuschanged', '1', 'A', [{ ...boss, status: 'not_ready', reason: 'Meeting' }])), 7);
    state.apply(event(frame('memberstatuschanged', '2', 'B', [{ ...boss, status: 'not_ready', reason: 'Meeting' }])), 8);
    const snapshot = state.snapshot();
    expect(snapshot.members).toHaveLength(1);
    expect(snapshot.members[0]).toMatchObject({ status: 'not_ready', since: 7 });
    state.apply(event(frame('memberremoved', '1', 'A', [{ memberId: 'sup01' }])), 9);
    expect(state.snapshot().members).toHaveLength(1);
  });

  it('counts events for unknown teams instead of inventing them', () => {
    const state = fresh();
    state.apply(event(frame('memberstatuschanged', '9', 'Nowhere', [jane])), 1);
    state.apply(event(frame('teamchanged', '9', 'Nowhere')), 1);
    expect(state.snapshot().teams).toEqual([]);
    expect(state.snapshot().rejections.unknownTeam).toBe(2);
  });

  it('replaces the board after a resubscription and drops teams not announced again', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'A', [jane, boss])), 1_000);
    state.apply(event(frame('teamadded', '2', 'B', [ravi, boss])), 1_000);
    state.apply(event(frame('memberstatuschanged', '1', 'A', [{ ...jane, status: 'ACW' }])), 2_000);
    // Reconnected: the server announces team 1 only, Jane now ready, the supervisor unchanged.
    state.beginResync(50_000);
    state.apply(event(frame('teamadded', '1', 'A', [jane, boss])), 50_001);
    state.apply(event(frame('teamadded', '1', 'A', [jane, boss])), 50_002);
    expect(state.resyncing).toBe(true);
    state.endResync();
    const snapshot = state.snapshot();
    expect(snapshot.teams).toEqual([{ teamId: '1', teamName: 'A', memberIds: ['jdoe', 'sup01'] }]);
    expect(snapshot.members).toHaveLength(2);
    expect(memberOf(snapshot, 'jdoe')).toMatchObject({ status: 'ready', sinceAtLeast: true });
    // Unchanged state, but what happened while away is unknown: at least since resubscribed.
    expect(memberOf(snapshot, 'sup01')).toMatchObject({ since: 50_000, sinceAtLeast: true });
  });

  it('ends a resync at the first event that is not teamadded', () => {
    const state = fresh();
    state.apply(event(frame('teamadded', '1', 'A', [jane])), 1);
    state.apply(event(frame('teamadded', '2', 'B', [ravi])), 1);
    state.beginResync(10);
    state.apply(event(frame('teamadded', '2', 'B', [ravi])), 11);
    state.apply(event(frame('memberstatuschanged', '2', 'B', [{ ...ravi, status: 'ready', reason: '' }])), 12);
    expect(state.resyncing).toBe(false);
    expect(state.snapshot().teams.map((t) => t.teamId)).toEqual(['2']);
  });

  it('numbers patches one after another and patches alone rebuild the board', () => {
    const state = new BoardState({ configured: true, supervisorId: 'sup01', startSeq: 40 });
    const patches: BoardPatch[] = [];
    const take = () => {
      const patch = state.takePatch();
      if (patch) patches.push(patch);
    };
    take();
    state.apply(event(frame('teamadded', '1', 'A', [jane, boss])), 1);
    state.apply(event(frame('teamadded', '2', 'B', [ravi])), 1);
    take();
    expect(state.takePatch()).toBeNull();
    state.apply(event(frame('memberstatuschanged', '1', 'A', [{ ...jane, status: 'ACW' }])), 2);
    state.apply(event(frame('memberstatuschanged', '1', 'A', [{ ...jane, status: 'ready' }])), 3);
    take();
    state.apply(event(frame('memberremoved', '2', 'B', [{ memberId: 'rkhan' }])), 4);
    state.apply(event(frame('teamremoved', '2', 'B')), 5);
    state.apply(event(frame('memberadded', '1', 'A', [ravi])), 6);
    take();
    expect(patches.map((p) => p.seq)).toEqual([41, 42, 43, 44]);
    expect(patches[0]!.reset).toBe(true);
    expect(patches[2]!.members).toHaveLength(1); // coalesced: Jane once, with her last status
    expect(patches[2]!.oldestEventAt).toBe(2);
    const rebuilt = replay(patches);
    const snapshot = state.snapshot();
    expect(snapshot.seq).toBe(44);
    expect(Object.fromEntries(rebuilt.teams)).toEqual(Object.fromEntries(snapshot.teams.map((t) => [t.teamId, t.memberIds])));
    expect([...rebuilt.members.values()].sort((a, b) => a.memberId.localeCompare(b.memberId))).toEqual(
      [...snapshot.members].sort((a, b) => a.memberId.localeCompare(b.memberId)),
    );
  });

  it('loads a saved board as offline and lets the live teams replace it', () => {
    const state = new BoardState({ configured: true, supervisorId: 'sup01' });
    state.loadSaved({
      savedAt: 12_345,
      supervisorId: 'sup01',
      teams: [{ teamId: '1', teamName: 'Old', memberIds: ['jdoe', 'ghost'] }, { teamId: '7', teamName: 'Gone', memberIds: ['jdoe'] }],
      members: [{ memberId: 'jdoe', memberType: 'Agent', memberName: 'Jane Doe', status: 'ACW', reason: '', since: 100, sinceAtLeast: false }],
    });
    const offline = state.snapshot();
    expect(offline.connection).toMatchObject({ state: 'offline', asOf: 12_345 });
    expect(offline.teams[0]!.memberIds).toEqual(['jdoe']);
    state.beginResync(20_000);
    state.apply(event(frame('teamadded', '1', 'Billing Team', [jane])), 20_001);
    state.endResync();
    expect(state.snapshot().teams).toEqual([{ teamId: '1', teamName: 'Billing Team', memberIds: ['jdoe'] }]);
    expect(memberOf(state.snapshot(), 'jdoe')).toMatchObject({ status: 'ready', since: 20_001, sinceAtLeast: true });
  });
});

describe('parseFrame', () => {
  it('reads responses and failures verbatim', () => {
    expect(parseFrame('{"command":"report.teamstatus.begin","result":"success","data":{}}')).toMatchObject({ kind: 'response', success: true });
    const failure = parseFrame(
      JSON.stringify({ command: 'report.calljourney', result: 'failure', failure: { code: 'CALL_NOT_FOUND', message: 'No call journey found for call id 1', context: 'x' }, original: { command: 'report.calljourney', data: { CallId: '1' } } }),
    );
    expect(failure).toMatchObject({ kind: 'response', success: false, failure: { code: 'CALL_NOT_FOUND', message: 'No call journey found for call id 1' } });
  });

  it('rejects malformed frames with their cause', () => {
    expect(parseFrame('{"name":"report.teamstatus.memberstatuschanged","data":{"agentId":"sup01","team":{"teamId":"1","members":[{"memberId":')).toMatchObject({ kind: 'rejected', cause: 'invalidJson' });
    expect(parseFrame(frame('memberskillchanged', '1', 'A', []))).toMatchObject({ kind: 'rejected', cause: 'unknownEvent' });
    expect(parseFrame(JSON.stringify({ name: 'report.teamstatus.memberstatuschanged', data: { agentId: 'sup01', team: { teamName: 'A' } } }))).toMatchObject({ kind: 'rejected', cause: 'missingFields' });
    expect(parseFrame(frame('memberstatuschanged', '1', 'A', [{ ...jane, status: 'talking' }]))).toMatchObject({ kind: 'rejected', cause: 'unknownStatus' });
    expect(parseFrame(frame('memberadded', '1', 'A', [{ memberId: 'x', status: 'ready' }]))).toMatchObject({ kind: 'rejected', cause: 'missingFields' });
    expect(parseFrame('[1,2]')).toMatchObject({ kind: 'rejected', cause: 'missingFields' });
  });

  it('keeps the valid entries of a frame and counts the bad ones', () => {
    const parsed = parseFrame(frame('memberstatuschanged', '1', 'A', [jane, { ...ravi, status: 'talking' }, { memberId: '' }]));
    expect(parsed).toMatchObject({ kind: 'event', members: [{ memberId: 'jdoe' }], droppedMembers: { unknownStatus: 1, missingFields: 1 } });
  });

  it('accepts numeric ids and tolerates the case of status and type values', () => {
    const parsed = event(JSON.stringify({ name: 'report.teamstatus.teamadded', data: { agentId: 7, team: { teamId: 3, teamName: 'A', members: [{ memberId: 42, memberType: 'Team Lead', memberName: 'X', status: 'acw' }] } } }));
    expect(parsed).toMatchObject({ teamId: '3', agentId: '7', members: [{ memberId: '42', memberType: 'TeamLead', status: 'ACW', reason: '' }] });
  });
});

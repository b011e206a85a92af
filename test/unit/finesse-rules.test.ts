import { describe, expect, it } from 'vitest';
import { AGENT_STATES, checkTransition, SUPERVISOR_TARGETS, type AgentState } from '../../shared/domain/finesse';
import { parseApiErrors, parseFinesse, parseFinesseTime, parseSystemInfo, parseTeam, parseTeamMessages, stateChangeBody } from '../../electron/services/finesse/finesse-xml';
import { BoardState } from '../../electron/services/reports/board-state';
import type { TeamEvent } from '../../electron/services/reports/protocol';

describe('which supervisor changes are allowed (apis-2.md §1.2)', () => {
  const allowed = (state: AgentState, target: (typeof SUPERVISOR_TARGETS)[number], pendingState: AgentState | null = null) => checkTransition({ state, pendingState }, target);

  it('follows the table: NOT_READY from READY or wrap-up; LOGOUT from every logged-in state; READY from Not Ready or wrap-up', () => {
    const table = Object.fromEntries(AGENT_STATES.map((state) => [state, SUPERVISOR_TARGETS.filter((target) => allowed(state, target).allowed).join(' ')]));
    expect(table).toEqual({
      LOGIN: '',
      LOGOUT: '',
      NOT_READY: 'READY LOGOUT',
      READY: 'NOT_READY LOGOUT',
      RESERVED: 'LOGOUT',
      RESERVED_OUTBOUND: 'LOGOUT',
      RESERVED_OUTBOUND_PREVIEW: 'LOGOUT',
      TALKING: 'LOGOUT',
      HOLD: 'LOGOUT',
      WORK: 'READY NOT_READY LOGOUT',
      WORK_READY: 'READY NOT_READY LOGOUT',
      UNKNOWN: '',
    });
  });

  it('a sign-out during a call is deferred; a second one is refused; every refusal has a reason in words', () => {
    expect(allowed('TALKING', 'LOGOUT')).toEqual({ allowed: true, deferred: true });
    expect(allowed('READY', 'LOGOUT')).toEqual({ allowed: true, deferred: false });
    expect(allowed('TALKING', 'LOGOUT', 'LOGOUT')).toEqual({ allowed: false, reason: 'Already signing out after the current call.' });
    expect(allowed('READY', 'READY')).toEqual({ allowed: false, reason: 'Already Ready.' });
    expect(allowed('LOGOUT', 'LOGOUT')).toEqual({ allowed: false, reason: 'Already signed out.' });
    expect(allowed('LOGOUT', 'READY')).toMatchObject({ reason: expect.stringContaining('only the agent can sign in') });
    expect(allowed('TALKING', 'READY')).toMatchObject({ reason: expect.stringContaining('during a call') });
    expect(allowed('UNKNOWN', 'NOT_READY')).toMatchObject({ reason: expect.stringContaining('Unknown') });
  });
});

describe('reading Finesse XML', () => {
  it('reads a Team whatever the casing of reasonCode, with empty times as unknown and unknown states kept visible', () => {
    const team = parseTeam(
      `<Team><id>2</id><name>Billing</name><users>
        <User><loginId>1001</loginId><firstName>Jane</firstName><lastName>Doe</lastName><state>not_ready</state><pendingState/><stateChangeTime>2024-05-02T09:14:07.120Z</stateChangeTime>
          <reasonCode><category>NOT_READY</category><code>1</code><label>Lunch</label></reasonCode></User>
        <User><loginId>1002</loginId><state>TALKING</state><pendingState>LOGOUT</pendingState><stateChangeTime></stateChangeTime><ReasonCode><label>x</label></ReasonCode></User>
        <User><loginId>1003</loginId><state>DANCING</state><stateChangeTime>yesterday</stateChangeTime></User>
        <User><firstName>No id</firstName></User>
      </users></Team>`,
      '2',
    );
    expect(team.name).toBe('Billing');
    expect(team.users).toEqual([
      { loginId: '1001', name: 'Jane Doe', state: 'NOT_READY', unknownState: null, pendingState: null, stateChangeTime: Date.parse('2024-05-02T09:14:07.120Z'), reasonLabel: 'Lunch' },
      { loginId: '1002', name: '1002', state: 'TALKING', unknownState: null, pendingState: 'LOGOUT', stateChangeTime: null, reasonLabel: 'x' },
      { loginId: '1003', name: '1003', state: 'UNKNOWN', unknownState: 'DANCING', pendingState: null, stateChangeTime: null, reasonLabel: '' },
    ]);
  });

  it('says in words when the answer is HTML, cut off, or another document', () => {
    expect(() => parseFinesse('<!DOCTYPE html><html><body>Sign in</body></html>', 'team 2')).toThrow(/HTML page instead of XML for team 2/);
    expect(() => parseFinesse('<Team><id>2</id><users><User><loginId>1', 'team 2')).toThrow(/could not be read: malformed XML/);
    expect(() => parseSystemInfo('<User><loginId>1</loginId></User>')).toThrow(/<User> instead of <SystemInfo>/);
  });

  it('SystemInfo, times, error bodies, team messages and the request body', () => {
    expect(parseSystemInfo('<SystemInfo><status>in_service</status><currentTimestamp>2026-01-02T03:04:05.678Z</currentTimestamp><primaryNode><host>ccx-a</host></primaryNode></SystemInfo>')).toMatchObject({
      status: 'IN_SERVICE',
      currentTimestamp: Date.parse('2026-01-02T03:04:05.678Z'),
      primaryHost: 'ccx-a',
    });
    expect(parseFinesseTime('')).toBeNull();
    expect(parseFinesseTime('1714642915')).toBe(1_714_642_915_000);
    expect(parseFinesseTime('2024-05-02 09:14')).toBeNull();
    expect(parseApiErrors('<ApiErrors><ApiError><ErrorType>Invalid Supervisor</ErrorType><ErrorMessage>not yours</ErrorMessage></ApiError></ApiErrors>')).toEqual([{ type: 'Invalid Supervisor', message: 'not yours', data: '' }]);
    expect(parseApiErrors('<apiErrors><apiError><errorType>Invalid State</errorType><errorData>265</errorData></apiError></apiErrors>')).toEqual([{ type: 'Invalid State', message: '', data: '265' }]);
    expect(parseApiErrors('Service Unavailable')).toEqual([]);
    expect(parseTeamMessages('<TeamMessages><TeamMessage><id>a1</id><createdAt>1714642915</createdAt><duration>600</duration><content>Hi</content><teams><team>5</team><team>6</team></teams><createdBy><id>sup1</id><firstName>Sam</firstName></createdBy></TeamMessage></TeamMessages>', 'x')).toEqual([
      { id: 'a1', content: 'Hi', teamIds: ['5', '6'], createdAt: 1_714_642_915_000, durationSeconds: 600, createdBy: { id: 'sup1', name: 'Sam' } },
    ]);
    // A supervisor's change carries the state only: never a reasonCodeId.
    expect(stateChangeBody('NOT_READY')).toMatch(/<User><state>NOT_READY<\/state><\/User>$/);
  });
});

describe('the board with Finesse readings', () => {
  const team = (members: Array<[string, 'ready' | 'not_ready' | 'ACW']>): TeamEvent =>
    ({
      name: 'teamadded',
      teamId: 't1',
      teamName: 'Team 1',
      members: members.map(([memberId, status]) => ({ memberId, memberName: memberId, memberType: 'Agent', status, reason: '' })),
      droppedMembers: {},
    }) as TeamEvent;
  const changed = (memberId: string, status: 'ready' | 'not_ready' | 'ACW'): TeamEvent =>
    ({ name: 'memberstatuschanged', teamId: 't1', members: [{ memberId, status, reason: status === 'not_ready' ? 'Lunch' : '' }], droppedMembers: {} }) as TeamEvent;
  const view = (state: AgentState, at: number) => ({ state, pendingState: null, reasonLabel: '', source: 'finesse' as const, at });

  it('takes Finesse\'s time when its state is the one shown, drops "at least", and ignores a reading older than a stream change', () => {
    const board = new BoardState({ configured: true, supervisorId: 's' });
    board.beginResync(10_000);
    board.apply(team([['a', 'ready'], ['b', 'not_ready'], ['c', 'ACW']]), 10_000);
    board.endResync();
    expect(board.member('a')).toMatchObject({ since: 10_000, sinceAtLeast: true });
    board.applyAgentStates([
      { memberId: 'a', view: view('READY', 10_500), since: 4_000 },
      { memberId: 'b', view: view('NOT_READY', 10_500), since: null },
      { memberId: 'c', view: view('TALKING', 10_500), since: 9_000 },
      { memberId: 'zz', view: view('READY', 10_500), since: 1 },
    ]);
    expect(board.member('a')).toMatchObject({ since: 4_000, sinceAtLeast: false, agentState: { state: 'READY', source: 'finesse' } });
    // No time from Finesse: still "at least".
    expect(board.member('b')).toMatchObject({ since: 10_000, sinceAtLeast: true, agentState: { state: 'NOT_READY' } });
    // A state the report protocol cannot say (on a call): Finesse's word and time count.
    expect(board.member('c')).toMatchObject({ since: 9_000, sinceAtLeast: false, agentState: { state: 'TALKING' } });
    // The stream changes a member after Finesse was read: its state follows the stream until the next reading.
    board.apply(changed('a', 'not_ready'), 12_000);
    expect(board.member('a')).toMatchObject({ since: 12_000, sinceAtLeast: false, agentState: { state: 'NOT_READY', source: 'stream' } });
    // A reading that began before that change (still READY) is out of date.
    board.applyAgentStates([{ memberId: 'a', view: view('READY', 11_900), since: 4_000 }]);
    expect(board.member('a')).toMatchObject({ since: 12_000, agentState: { state: 'NOT_READY', source: 'stream' } });
    board.applyAgentStates([{ memberId: 'a', view: view('NOT_READY', 12_100), since: 11_950 }]);
    expect(board.member('a')).toMatchObject({ since: 11_950, agentState: { state: 'NOT_READY', source: 'finesse' } });
    const patch = board.takePatch()!;
    expect(patch.members.find((m) => m.memberId === 'a')?.since).toBe(11_950);
  });

  it('leaves members a later reading finds unchanged out of the next patch (the time wobbling with the skew is no change)', () => {
    const board = new BoardState({ configured: true, supervisorId: 's' });
    board.apply(team([['a', 'ready'], ['b', 'not_ready'], ['c', 'ACW'], ['d', 'ready']]), 10_000);
    board.applyAgentStates([
      { memberId: 'a', view: view('READY', 10_500), since: 4_000 },
      { memberId: 'b', view: view('NOT_READY', 10_500), since: 5_000 },
      { memberId: 'c', view: view('TALKING', 10_500), since: 6_000 },
      { memberId: 'd', view: view('READY', 10_500), since: 7_000 },
    ]);
    expect(board.takePatch()!.members.map((m) => m.memberId).sort()).toEqual(['a', 'b', 'c', 'd']);

    // A minute later every team is read again: new reading times, the skew moved each time by a few ms.
    const again = [
      { memberId: 'a', view: view('READY', 70_500), since: 4_007 },
      { memberId: 'b', view: view('NOT_READY', 70_500), since: 4_990 },
      { memberId: 'c', view: view('TALKING', 70_500), since: 6_000 },
      { memberId: 'd', view: view('READY', 70_500), since: 7_000 },
    ];
    expect(board.applyAgentStates(again)).toHaveLength(4);
    expect(board.takePatch()).toBeNull();
    // The board keeps what it showed, down to the reading that found it.
    expect(board.member('a')).toMatchObject({ since: 4_000, sinceAtLeast: false, agentState: { state: 'READY', at: 10_500 } });

    // What did change travels: a state Finesse alone knows, a time moved by a second or more, a pending sign-out.
    board.applyAgentStates([
      { memberId: 'a', view: view('READY', 130_500), since: 4_000 },
      { memberId: 'b', view: view('NOT_READY', 130_500), since: 6_000 },
      { memberId: 'c', view: view('HOLD', 130_500), since: 6_000 },
      { memberId: 'd', view: { ...view('READY', 130_500), pendingState: 'LOGOUT' }, since: 7_000 },
    ]);
    const patch = board.takePatch()!;
    expect(patch.members.map((m) => m.memberId).sort()).toEqual(['b', 'c', 'd']);
    expect(patch.members.find((m) => m.memberId === 'b')).toMatchObject({ since: 6_000, agentState: { at: 130_500 } });

    // A stream change, then a reading that agrees with it: Finesse's word and time replace the stream's.
    board.apply(changed('a', 'not_ready'), 140_000);
    board.takePatch();
    board.applyAgentStates([{ memberId: 'a', view: { ...view('NOT_READY', 140_500), reasonLabel: 'Lunch' }, since: 139_990 }]);
    expect(board.takePatch()!.members).toMatchObject([{ memberId: 'a', since: 139_990, agentState: { source: 'finesse' } }]);
  });
});

import { describe, expect, it } from 'vitest';
import { alertLevel, deriveRows, formatElapsed, readViewSettings, DEFAULT_VIEW } from '../../renderer/src/features/board/board-model';
import { applyPatch, fromSnapshot } from '../../renderer/src/features/board/board-store';
import { csvCell, journeyToCsv, timelineShares } from '../../renderer/src/features/journey/journey-export';
import { NO_REJECTIONS, type BoardMember, type BoardPatch } from '../../shared/domain/board';

const member = (id: string, name: string, status: BoardMember['status'], reason = '', since = 0, type: BoardMember['memberType'] = 'Agent'): BoardMember => ({
  memberId: id,
  memberName: name,
  memberType: type,
  status,
  reason,
  since,
  sinceAtLeast: false,
});

describe('board view model', () => {
  it('grades time in state by the most specific rule', () => {
    const lunch = member('a', 'A', 'not_ready', 'Lunch', 0);
    const meeting = member('b', 'B', 'not_ready', 'Meeting', 0);
    const rules = DEFAULT_VIEW.thresholds;
    expect(alertLevel(lunch, rules, 34 * 60_000)).toBe('normal');
    expect(alertLevel(lunch, rules, 36 * 60_000)).toBe('amber');
    expect(alertLevel(lunch, rules, 46 * 60_000)).toBe('red');
    // The general Not Ready rule (10 / 20) applies to other reasons.
    expect(alertLevel(meeting, rules, 21 * 60_000)).toBe('red');
    expect(alertLevel(member('c', 'C', 'ready'), rules, 999 * 60_000)).toBe('normal');
  });

  it('filters, sorts within teams and counts per team', () => {
    const members = new Map([
      ['a', member('a', 'Zoe', 'ready', '', 5)],
      ['b', member('b', 'Adam', 'ACW', '', 1)],
      ['c', member('c', 'Mia', 'not_ready', 'Lunch', 3, 'Supervisor')],
    ]);
    const teams = [
      { teamId: '1', teamName: 'One', memberIds: ['a', 'b', 'c'] },
      { teamId: '2', teamName: 'Two', memberIds: ['c'] },
    ];
    const rows = deriveRows(teams, members, { ...DEFAULT_VIEW, sort: { column: 'time', descending: false } });
    expect(rows.map((r) => (r.kind === 'team' ? `#${r.team.teamId}` : r.member.memberId))).toEqual(['#1', 'b', 'c', 'a', '#2', 'c']);
    expect(rows[0]).toMatchObject({ counts: { ready: 1, not_ready: 1, ACW: 1, total: 3 } });
    const filtered = deriveRows(teams, members, { ...DEFAULT_VIEW, statuses: ['ready', 'ACW'], name: 'a', teamId: '1' });
    expect(filtered.map((r) => (r.kind === 'team' ? `#${r.team.teamId}` : r.member.memberId))).toEqual(['#1', 'b']);
  });

  it('sorts by name in collation order, and again after a rename or a new member', () => {
    const team = [{ teamId: '1', teamName: 'One', memberIds: ['a', 'b', 'c'] }];
    const order = (members: Map<string, BoardMember>, column: 'name' | 'status' = 'name') =>
      deriveRows(team, members, { ...DEFAULT_VIEW, sort: { column, descending: false } }).flatMap((r) => (r.kind === 'member' ? [r.member.memberId] : []));
    // Numeric and case-blind: "agent 2" before "Agent 10".
    const members = new Map([
      ['a', member('a', 'Agent 10', 'ready')],
      ['b', member('b', 'agent 2', 'ready')],
      ['c', member('c', 'Bea', 'not_ready')],
    ]);
    expect(order(members)).toEqual(['b', 'a', 'c']);
    // Status changes keep the name order within a status.
    members.set('a', { ...members.get('a')!, status: 'not_ready' });
    expect(order(members, 'status')).toEqual(['b', 'a', 'c']);
    // A rename moves the member.
    members.set('c', { ...members.get('c')!, memberName: 'Aaron' });
    expect(order(members)).toEqual(['c', 'b', 'a']);
    // So does someone new in the team.
    members.set('d', member('d', 'Abe', 'ready'));
    expect(deriveRows([{ ...team[0]!, memberIds: ['a', 'b', 'c', 'd'] }], members, DEFAULT_VIEW).flatMap((r) => (r.kind === 'member' ? [r.member.memberId] : []))).toEqual(['c', 'd', 'b', 'a']);
  });

  it('sorts by every column, both ways, with the name deciding ties', () => {
    const team = [{ teamId: '1', teamName: 'One', memberIds: ['a', 'b', 'c', 'd', 'e'] }];
    const members = new Map([
      ['a', member('a', 'Dan', 'not_ready', 'lunch', 30, 'Agent')],
      ['b', member('b', 'Cleo', 'ready', '', 10, 'Supervisor')],
      ['c', member('c', 'Bo', 'not_ready', 'Lunch', 20, 'Agent')],
      ['d', member('d', 'Al', 'ACW', 'Break', 20, 'TeamLead')],
      ['e', member('e', 'Eve', 'ready', '', 10, 'Agent')],
    ]);
    const order = (column: 'name' | 'type' | 'status' | 'reason' | 'time', descending = false) =>
      deriveRows(team, members, { ...DEFAULT_VIEW, sort: { column, descending } })
        .flatMap((r) => (r.kind === 'member' ? [r.member.memberName] : []))
        .join(' ');
    expect(order('name')).toBe('Al Bo Cleo Dan Eve');
    expect(order('name', true)).toBe('Eve Dan Cleo Bo Al');
    expect(order('type')).toBe('Cleo Al Bo Dan Eve');
    expect(order('status')).toBe('Cleo Eve Bo Dan Al');
    // "lunch" and "Lunch" are the same reason to a reader: the name orders them.
    expect(order('reason')).toBe('Cleo Eve Al Bo Dan');
    expect(order('reason', true)).toBe('Dan Bo Al Eve Cleo');
    expect(order('time')).toBe('Cleo Eve Al Bo Dan');
    expect(order('time', true)).toBe('Dan Bo Al Eve Cleo');
  });

  it('reads damaged saved settings field by field', () => {
    const view = readViewSettings({ statuses: ['ready', 'bogus'], sort: { column: 'nope' }, thresholds: [{ status: 'ACW', reason: '', amberMinutes: 'x', redMinutes: 2 }], rotateSeconds: 1 });
    expect(view.statuses).toEqual(['ready']);
    expect(view.sort).toEqual({ column: 'name', descending: false });
    expect(view.thresholds).toEqual([]);
    expect(view.rotateSeconds).toBe(10);
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(65_000)).toBe('1:05');
  });
});

describe('renderer board copy', () => {
  it('applies patches onto a snapshot and a reset replaces everything', () => {
    const base = fromSnapshot({
      seq: 4,
      configured: true,
      supervisorId: 's',
      connection: { state: 'live', detail: '', asOf: null, retryAt: null },
      teams: [{ teamId: '1', teamName: 'One', memberIds: ['a'] }],
      members: [member('a', 'A', 'ready')],
      rejections: { ...NO_REJECTIONS },
      eventsApplied: 0,
      limitNotice: null,
    });
    const patch = (over: Partial<BoardPatch>): BoardPatch => ({
      seq: 5,
      reset: false,
      configured: true,
      supervisorId: 's',
      teams: [],
      removedTeamIds: [],
      members: [],
      removedMemberIds: [],
      connection: base.connection,
      rejections: base.rejections,
      eventsApplied: 1,
      oldestEventAt: null,
      limitNotice: null,
      ...over,
    });
    const next = applyPatch(base, patch({ members: [member('a', 'A', 'ACW'), member('b', 'B', 'ready')], teams: [{ teamId: '2', teamName: 'Two', memberIds: ['b'] }] }));
    expect(next.seq).toBe(5);
    expect(next.members.get('a')!.status).toBe('ACW');
    expect(next.teams.map((t) => t.teamId)).toEqual(['1', '2']);
    expect(base.members.get('a')!.status).toBe('ready'); // the previous state is untouched
    const reset = applyPatch(next, patch({ seq: 6, reset: true, teams: [], members: [] }));
    expect(reset.teams).toEqual([]);
    expect(reset.members.size).toBe(0);
  });
});

describe('journey export', () => {
  it('writes CSV that spreadsheets cannot run', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    const csv = journeyToCsv([{ callId: '1', device: '8001', deviceType: 'CTI Route Point', description: 'In, out', duration: '00:00:05', durationSeconds: 5 }]);
    expect(csv).toBe('Step,Call ID,Device,Device type,Description,Duration\r\n1,1,8001,CTI Route Point,"In, out",00:00:05\r\n');
    expect(timelineShares([
      { callId: '1', device: '', deviceType: '', description: '', duration: '', durationSeconds: 1 },
      { callId: '1', device: '', deviceType: '', description: '', duration: '', durationSeconds: 3 },
    ])).toEqual([0.25, 0.75]);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { startLab, type Lab } from '../../lab';
import { subscribeToReports, waitFor } from '../support/report-subscriber';

// Finesse in the lab, read with a plain parser and fetch: nothing shared with the console.

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => ['User', 'Team', 'team', 'TeamMessage', 'ReasonCode', 'role'].includes(name) });
type Xml = Record<string, any>;

let lab: Lab;
let supervisor: string;
let password: string;

function auth(user = supervisor, pass = password): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

async function call(node: string, method: string, path: string, body?: string, user = supervisor): Promise<{ status: number; text: string; xml: Xml }> {
  const response = await fetch(`${node}/finesse/api/${path}`, { method, headers: { authorization: auth(user), 'content-type': 'application/xml' }, body });
  const text = await response.text();
  let xml: Xml = {};
  try {
    xml = text.startsWith('<') ? (parser.parse(text) as Xml) : {};
  } catch {
    xml = {};
  }
  return { status: response.status, text, xml };
}

const nodeA = () => lab.endpoints.finesse.nodes[0];
const nodeB = () => lab.endpoints.finesse.nodes[1];
const put = (agentId: string, body: string, user = supervisor, node = nodeA()) => call(node, 'PUT', `User/${agentId}`, body, user);
const state = (value: string) => `<User><state>${value}</state></User>`;

function teamUsers(xml: Xml): Xml[] {
  return xml.Team?.[0]?.users?.User ?? xml.Team?.users?.User ?? [];
}

async function teamUser(teamId: string, agentId: string): Promise<Xml> {
  const { xml } = await call(nodeA(), 'GET', `Team/${teamId}`);
  return teamUsers(xml).find((u) => u.loginId === agentId)!;
}

/** An agent of the first team in the given Finesse state (set through the control API). */
async function agentIn(agentState: string, index = 0): Promise<{ agentId: string; teamId: string }> {
  const team = lab.reports.agents.teamsSupervisedBy(supervisor)[0]!;
  const agents = [...team.members].filter((id) => lab.reports.agents.member(id)!.memberType !== 'Supervisor');
  const agentId = agents[index]!;
  const control = await fetch(`${lab.endpoints.control}/agents/${agentId}/state`, { method: 'POST', body: JSON.stringify({ state: agentState, reason: 'Break' }) });
  expect(control.status).toBe(200);
  return { agentId, teamId: team.teamId };
}

function subscribe() {
  return subscribeToReports(lab.endpoints.reports.url, supervisor);
}

function statusFrames(frames: Xml[], agentId: string): Xml[] {
  return frames
    .filter((f) => f.name === 'report.teamstatus.memberstatuschanged')
    .flatMap((f) => f.data.team.members as Xml[])
    .filter((m) => m.memberId === agentId);
}

beforeAll(async () => {
  lab = await startLab({ rate: 0, agents: 120, teams: 6 });
  supervisor = lab.endpoints.finesse.username;
  password = lab.endpoints.finesse.password;
});
afterAll(async () => {
  await lab?.stop();
});
afterEach(() => {
  lab.uccx.setDbMaster('a');
  lab.finesse.setOutOfService('a', false);
  lab.finesse.setOutOfService('b', false);
  lab.finesse.setFail503('a', false);
  lab.finesse.setFail503('b', false);
  lab.finesse.badAnswers = 'none';
  lab.finesse.skewMs = 0;
});

describe('Finesse lab: SystemInfo and which node serves', () => {
  it('is in service on the DB master, with its clock and both nodes named; the other node answers 503 and says OUT_OF_SERVICE', async () => {
    const before = Date.now();
    const a = await call(nodeA(), 'GET', 'SystemInfo');
    expect(a.status).toBe(200);
    expect(a.xml.SystemInfo).toMatchObject({ status: 'IN_SERVICE', deploymentType: 'UCCX', primaryNode: { httpsPort: new URL(nodeA()).port }, secondaryNode: { httpsPort: new URL(nodeB()).port } });
    const clock = Date.parse(a.xml.SystemInfo.currentTimestamp);
    expect(clock).toBeGreaterThanOrEqual(before - 5);
    expect(clock).toBeLessThanOrEqual(Date.now() + 5);
    const b = await call(nodeB(), 'GET', 'SystemInfo');
    expect(b.xml.SystemInfo).toMatchObject({ status: 'OUT_OF_SERVICE', statusReason: expect.stringContaining('ccx-a') });
    const refused = await call(nodeB(), 'GET', `User/${supervisor}`);
    expect(refused.status).toBe(503);
    expect(refused.xml.ApiErrors.ApiError.ErrorType).toBe('Service Unavailable');
    // Mastership moves: so does Finesse.
    lab.uccx.setDbMaster('b');
    expect((await call(nodeB(), 'GET', 'SystemInfo')).xml.SystemInfo.status).toBe('IN_SERVICE');
    expect((await call(nodeA(), 'GET', `User/${supervisor}`)).status).toBe(503);
  });

  it('fails over to the other node when the master\'s Finesse is out of service, and serves nothing when both are down', async () => {
    lab.finesse.setOutOfService('a', true);
    expect((await call(nodeA(), 'GET', 'SystemInfo')).xml.SystemInfo.status).toBe('OUT_OF_SERVICE');
    expect((await call(nodeB(), 'GET', 'SystemInfo')).xml.SystemInfo.status).toBe('IN_SERVICE');
    expect((await call(nodeB(), 'GET', `User/${supervisor}`)).status).toBe(200);
    lab.finesse.setFail503('b', true);
    const b = await fetch(`${nodeB()}/finesse/api/SystemInfo`);
    expect(b.status).toBe(503);
    expect((await call(nodeA(), 'GET', 'SystemInfo')).xml.SystemInfo).toMatchObject({ status: 'OUT_OF_SERVICE', statusReason: expect.stringContaining('No Finesse node') });
    expect(lab.finesse.inService()).toBeNull();
  });

  it('a stopped master node hands Finesse to the other node', async () => {
    await lab.uccx.nodes[0].stop();
    try {
      expect((await call(nodeB(), 'GET', 'SystemInfo')).xml.SystemInfo.status).toBe('IN_SERVICE');
    } finally {
      await lab.uccx.nodes[0].start();
    }
  });

  it('refuses wrong credentials with 401 Authorization Failure', async () => {
    const wrong = await call(nodeA(), 'GET', `User/${supervisor}`, undefined, 'nobody');
    expect(wrong.status).toBe(401);
    expect(wrong.xml.ApiErrors.ApiError.ErrorType).toBe('Authorization Failure');
  });
});

describe('Finesse lab: User and Team', () => {
  it('lists the supervisor\'s teams and every member with state, time and reason, the same world the report server streams', async () => {
    const user = (await call(nodeA(), 'GET', `User/${supervisor}`)).xml.User[0];
    expect(user.roles.role).toEqual(['Agent', 'Supervisor']);
    const supervised = lab.reports.agents.teamsSupervisedBy(supervisor);
    expect(user.teams.Team.map((t: Xml) => t.id)).toEqual(supervised.map((t) => t.teamId));
    const snapshot = lab.reports.snapshot(supervisor)[0]!;
    const team = (await call(nodeA(), 'GET', `Team/${snapshot.teamId}`)).xml;
    const users = teamUsers(team);
    expect(users.map((u) => u.loginId)).toEqual(snapshot.members.map((m) => m.memberId));
    const statusOf: Record<string, string> = { READY: 'ready', NOT_READY: 'not_ready', WORK: 'ACW' };
    for (const u of users) {
      const shown = snapshot.members.find((m) => m.memberId === u.loginId)!;
      expect(statusOf[u.state]).toBe(shown.status);
      if (u.state === 'NOT_READY') expect(u.reasonCode.label).toBe(shown.reason);
      const time = Date.parse(u.stateChangeTime);
      expect(u.stateChangeTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(time).toBe(lab.reports.agents.member(u.loginId)!.stateChangeTime);
      // The initial states began up to 20 minutes ago, not at lab start.
      expect(Date.now() - time).toBeLessThanOrEqual(20 * 60_000 + 60_000);
    }
    expect(new Set(users.map((u) => Math.round(Date.parse(u.stateChangeTime) / 60_000))).size).toBeGreaterThan(3);
  });

  it('agents changing state by themselves (the report scenario) show in Finesse with the time of the change', async () => {
    const { socket, frames } = await subscribe();
    const before = Date.now();
    lab.reports.step(30);
    await waitFor(() => frames.some((f) => f.name === 'report.teamstatus.memberstatuschanged'));
    const changed = frames.filter((f) => f.name === 'report.teamstatus.memberstatuschanged')[0]!.data.team;
    const member = changed.members[0] as Xml;
    const user = await teamUser(changed.teamId, member.memberId);
    expect(Date.parse(user.stateChangeTime)).toBeGreaterThanOrEqual(before);
    expect({ READY: 'ready', NOT_READY: 'not_ready', WORK: 'ACW' }[user.state as string]).toBe(lab.reports.agents.member(member.memberId)!.status);
    socket.close();
  });

  it('Team for a team the caller does not supervise is 401 Invalid Supervisor; an unknown team is 404', async () => {
    const other = lab.seed.teams.find((t) => t.primarySupervisor !== supervisor && t.primarySupervisor)!;
    const otherSupervisor = other.primarySupervisor!;
    const notHis = lab.reports.agents.teams().find((t) => !t.supervisors.has(otherSupervisor))!;
    const refused = await call(nodeA(), 'GET', `Team/${notHis.teamId}`, undefined, otherSupervisor);
    expect(refused.status).toBe(401);
    expect(refused.xml.ApiErrors.ApiError.ErrorType).toBe('Invalid Supervisor');
    expect((await call(nodeA(), 'GET', 'Team/99999')).status).toBe(404);
  });

  it('serves the reason codes of a team, system codes included', async () => {
    const teamId = lab.reports.agents.teamsSupervisedBy(supervisor)[0]!.teamId;
    const codes = (await call(nodeA(), 'GET', `TeamResource/${teamId}/ReasonCodes?category=NOT_READY`)).xml.ReasonCodes.ReasonCode as Xml[];
    expect(codes.map((c) => c.label)).toEqual(expect.arrayContaining(['Lunch', 'Break', 'Supervisor initiated']));
    expect(codes.find((c) => c.code === '33')).toMatchObject({ systemCode: 'true', category: 'NOT_READY' });
    expect((await call(nodeA(), 'GET', `TeamResource/${teamId}/ReasonCodes?category=SOMETIMES`)).status).toBe(400);
  });
});

describe('Finesse lab: a supervisor changes agents\' states', () => {
  it('READY from Not Ready: 202, then the report stream and the Team both show it, with a fresh time', async () => {
    const { socket, frames } = await subscribe();
    const { agentId, teamId } = await agentIn('NOT_READY');
    const before = Date.now();
    const answer = await put(agentId, state('READY'));
    expect(answer.status).toBe(202);
    await waitFor(() => statusFrames(frames, agentId).some((m) => m.status === 'ready'));
    const user = await teamUser(teamId, agentId);
    expect(user).toMatchObject({ state: 'READY' });
    expect(Date.parse(user.stateChangeTime)).toBeGreaterThanOrEqual(before);
    expect(lab.finesse.changes.at(-1)).toMatchObject({ by: supervisor, agentId, from: 'NOT_READY', to: 'READY', deferred: false, node: 'ccx-a' });
    socket.close();
  });

  it('NOT_READY: with a reasonCodeId 400 Invalid Input; without, Finesse applies code 33', async () => {
    const { agentId, teamId } = await agentIn('READY');
    const withReason = await put(agentId, '<User><state>NOT_READY</state><reasonCodeId>2</reasonCodeId></User>');
    expect(withReason.status).toBe(400);
    expect(withReason.xml.ApiErrors.ApiError.ErrorType).toBe('Invalid Input');
    expect((await teamUser(teamId, agentId)).state).toBe('READY');
    expect((await put(agentId, state('NOT_READY'))).status).toBe(202);
    const user = await teamUser(teamId, agentId);
    expect(user).toMatchObject({ state: 'NOT_READY', reasonCode: { code: '33', category: 'NOT_READY' } });
    expect(lab.reports.agents.member(agentId)).toMatchObject({ status: 'not_ready', reason: 'Supervisor initiated' });
  });

  it('refuses transitions the table does not allow with 400 Invalid State, and states a supervisor may not set', async () => {
    const { agentId } = await agentIn('READY');
    for (const [from, to] of [
      ['READY', 'READY'],
      ['NOT_READY', 'NOT_READY'],
      ['LOGOUT', 'READY'],
      ['LOGOUT', 'NOT_READY'],
      ['LOGOUT', 'LOGOUT'],
    ] as const) {
      await fetch(`${lab.endpoints.control}/agents/${agentId}/state`, { method: 'POST', body: JSON.stringify({ state: from, reason: 'Lunch' }) });
      const refused = await put(agentId, state(to));
      expect(refused.status, `${from} → ${to}`).toBe(400);
      expect(refused.xml.ApiErrors.ApiError.ErrorType).toBe('Invalid State');
      expect(lab.reports.agents.member(agentId)!.agentState).toBe(from);
    }
    await fetch(`${lab.endpoints.control}/agents/${agentId}/state`, { method: 'POST', body: JSON.stringify({ state: 'READY' }) });
    expect((await put(agentId, state('TALKING'))).xml.ApiErrors.ApiError.ErrorType).toBe('Invalid State');
    expect((await put(agentId, '<User><status>READY</status></User>')).xml.ApiErrors.ApiError.ErrorType).toBe('Parameter Missing');
    expect((await put(agentId, '<User><state>READY</state>')).xml.ApiErrors.ApiError.ErrorType).toBe('Bad Request');
  });

  it('an agent on a team the caller does not supervise: 401 Invalid Supervisor', async () => {
    const other = lab.seed.teams.find((t) => t.primarySupervisor && t.primarySupervisor !== supervisor)!.primarySupervisor!;
    const notHis = lab.reports.agents.teams().find((t) => !t.supervisors.has(other))!;
    const agentId = [...notHis.members].find((id) => lab.reports.agents.member(id)!.memberType !== 'Supervisor')!;
    const refused = await put(agentId, state('LOGOUT'), other);
    expect(refused.status).toBe(401);
    expect(refused.xml.ApiErrors.ApiError).toMatchObject({ ErrorType: 'Invalid Supervisor', ErrorData: agentId });
  });

  it('a sign-out during a call waits for the call to end (pendingState LOGOUT), then the agent is signed out on both sides', async () => {
    const { socket, frames } = await subscribe();
    const { agentId, teamId } = await agentIn('READY', 1);
    const call = await fetch(`${lab.endpoints.control}/agents/${agentId}/call`, { method: 'POST', body: JSON.stringify({ on: true }) });
    expect(await call.json()).toMatchObject({ state: 'TALKING', reportStatus: 'ready' });
    expect((await put(agentId, state('READY'))).xml.ApiErrors.ApiError).toMatchObject({ ErrorType: 'Invalid State', ErrorData: '265' });
    expect((await put(agentId, state('NOT_READY'))).status).toBe(400);
    expect((await put(agentId, state('LOGOUT'))).status).toBe(202);
    expect(await teamUser(teamId, agentId)).toMatchObject({ state: 'TALKING', pendingState: 'LOGOUT', mediaState: 'BUSY' });
    expect(lab.finesse.changes.at(-1)).toMatchObject({ agentId, to: 'LOGOUT', deferred: true });
    expect((await put(agentId, state('LOGOUT'))).status).toBe(400);
    const ended = await fetch(`${lab.endpoints.control}/agents/${agentId}/call`, { method: 'POST', body: JSON.stringify({ on: false }) });
    expect(await ended.json()).toMatchObject({ state: 'LOGOUT', pendingState: null, reportStatus: 'not_ready', reportReason: 'Logged out' });
    await waitFor(() => statusFrames(frames, agentId).some((m) => m.reason === 'Logged out'));
    expect(await teamUser(teamId, agentId)).toMatchObject({ state: 'LOGOUT', pendingState: '', reasonCode: { code: '22', category: 'LOGOUT' } });
    socket.close();
  });

  it('a signed-out agent is not moved by the scenario until they sign in again', async () => {
    const { agentId } = await agentIn('LOGOUT', 2);
    lab.reports.step(400);
    expect(lab.reports.agents.member(agentId)!.agentState).toBe('LOGOUT');
    const back = await fetch(`${lab.endpoints.control}/agents/${agentId}/state`, { method: 'POST', body: JSON.stringify({ state: 'NOT_READY' }) });
    expect(await back.json()).toMatchObject({ state: 'NOT_READY', reason: 'Agent re-login' });
  });
});

describe('Finesse lab: faults in answers and clock', () => {
  it('answers HTML, cut-off XML, empty stateChangeTime or an unknown state when asked', async () => {
    const teamId = lab.reports.agents.teamsSupervisedBy(supervisor)[0]!.teamId;
    lab.finesse.badAnswers = 'html';
    const html = await call(nodeA(), 'GET', 'SystemInfo');
    expect(html.text).toMatch(/^<!DOCTYPE html>/);
    lab.finesse.badAnswers = 'malformed-xml';
    expect(XMLParserValid((await call(nodeA(), 'GET', `Team/${teamId}`)).text)).toBe(false);
    lab.finesse.badAnswers = 'empty-state-change-time';
    expect(teamUsers((await call(nodeA(), 'GET', `Team/${teamId}`)).xml).every((u) => u.stateChangeTime === '')).toBe(true);
    lab.finesse.badAnswers = 'unknown-state';
    expect(teamUsers((await call(nodeA(), 'GET', `Team/${teamId}`)).xml)[0]!.state).toBe('ON_A_BREAK_MAYBE');
    const control = await fetch(`${lab.endpoints.control}/finesse/bad-answers`, { method: 'POST', body: JSON.stringify({ kind: 'none' }) });
    expect(await control.json()).toMatchObject({ badAnswers: 'none' });
    expect((await fetch(`${lab.endpoints.control}/finesse/bad-answers`, { method: 'POST', body: JSON.stringify({ kind: 'gibberish' }) })).status).toBe(400);
  });

  it('a skewed Finesse clock moves currentTimestamp and every stateChangeTime alike', async () => {
    const teamId = lab.reports.agents.teamsSupervisedBy(supervisor)[0]!.teamId;
    await fetch(`${lab.endpoints.control}/finesse/skew`, { method: 'POST', body: JSON.stringify({ ms: 300_000 }) });
    const info = (await call(nodeA(), 'GET', 'SystemInfo')).xml.SystemInfo;
    expect(Date.parse(info.currentTimestamp) - Date.now()).toBeGreaterThan(299_000);
    const user = teamUsers((await call(nodeA(), 'GET', `Team/${teamId}`)).xml)[0]!;
    expect(Date.parse(user.stateChangeTime) - lab.reports.agents.member(user.loginId)!.stateChangeTime).toBe(300_000);
  });

  it('control API: Finesse node faults, latency and the state of one agent', async () => {
    const control = lab.endpoints.control;
    const down = await fetch(`${control}/finesse/nodes/ccx-a/out-of-service`, { method: 'POST', body: JSON.stringify({ on: true }) });
    expect(await down.json()).toMatchObject({ inService: 'ccx-b', faults: { 'ccx-a': { outOfService: true } } });
    await fetch(`${control}/finesse/nodes/ccx-b/fail503`, { method: 'POST', body: JSON.stringify({ on: true }) });
    expect(await (await fetch(`${control}/finesse`)).json()).toMatchObject({ inService: null });
    await fetch(`${control}/finesse/latency`, { method: 'POST', body: JSON.stringify({ ms: 150 }) });
    lab.finesse.setOutOfService('a', false);
    lab.finesse.setFail503('b', false);
    const started = Date.now();
    await call(nodeA(), 'GET', 'SystemInfo');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    lab.finesse.latencyMs = 0;
    const agent = await (await fetch(`${control}/agents/${supervisor}`)).json();
    expect(agent).toMatchObject({ agentId: supervisor, state: expect.any(String), stateChangeTime: expect.stringMatching(/Z$/) });
    expect((await fetch(`${control}/agents/nobody`)).status).toBe(404);
  });
});

describe('Finesse lab: team messages', () => {
  const message = (content: string, duration: number, teams: string[]) =>
    `<TeamMessage><duration>${duration}</duration><content>${content}</content><teams>${teams.map((t) => `<team>${t}</team>`).join('')}</teams></TeamMessage>`;

  it('creates (200), lists per team, reads, and deletes a message; only its author may delete it', async () => {
    const [first, second] = lab.reports.agents.teamsSupervisedBy(supervisor);
    const created = await call(nodeA(), 'POST', 'TeamMessage', message('Queue is long &amp; busy', 3600, [first!.teamId, second!.teamId]));
    expect(created.status).toBe(200);
    const id = created.xml.TeamMessage[0].id as string;
    expect(created.xml.TeamMessage[0]).toMatchObject({ content: 'Queue is long & busy', duration: '3600', createdBy: { id: supervisor } });
    const listed = (await call(nodeA(), 'GET', `Team/${second!.teamId}/TeamMessages`)).xml.TeamMessages.TeamMessage as Xml[];
    expect(listed.map((m) => m.id)).toContain(id);
    expect(Number(listed[0]!.createdAt)).toBeCloseTo(Date.now() / 1000, -1);
    expect((await call(nodeA(), 'GET', `TeamMessage/${id}`)).status).toBe(200);
    const otherSupervisor = [...first!.supervisors].find((s) => s !== supervisor);
    if (otherSupervisor) expect((await call(nodeA(), 'DELETE', `TeamMessage/${id}`, undefined, otherSupervisor)).status).toBe(401);
    expect((await call(nodeA(), 'DELETE', `TeamMessage/${id}`)).status).toBe(200);
    expect((await call(nodeA(), 'GET', `TeamMessage/${id}`)).status).toBe(404);
  });

  it('refuses more than 255 characters, a duration outside 5 min to 23 h 55 min, and teams not supervised', async () => {
    const teamId = lab.reports.agents.teamsSupervisedBy(supervisor)[0]!.teamId;
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('x'.repeat(256), 600, [teamId]))).xml.ApiErrors.ApiError.ErrorType).toBe('Invalid Input');
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('x'.repeat(255), 600, [teamId]))).status).toBe(200);
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('short', 299, [teamId]))).status).toBe(400);
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('long', 86_101, [teamId]))).status).toBe(400);
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('none', 600, []))).xml.ApiErrors.ApiError.ErrorType).toBe('Parameter Missing');
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('ghost', 600, ['99999']))).status).toBe(404);
    const other = lab.seed.teams.find((t) => t.primarySupervisor && t.primarySupervisor !== supervisor)!.primarySupervisor!;
    const notHis = lab.reports.agents.teams().find((t) => !t.supervisors.has(other))!;
    expect((await call(nodeA(), 'POST', 'TeamMessage', message('hi', 600, [notHis.teamId]), other)).xml.ApiErrors.ApiError.ErrorType).toBe('Invalid Supervisor');
  });
});

function XMLParserValid(text: string): boolean {
  try {
    new XMLParser().parse(text, true);
    return true;
  } catch {
    return false;
  }
}

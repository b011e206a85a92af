import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { BoardService } from '../../electron/services/reports/board-service';
import { FinesseService } from '../../electron/services/finesse/service';
import { BoardFinesseLink } from '../../electron/services/finesse/board-link';
import { AuditLog } from '../../electron/services/audit/audit-log';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { createLogger } from '../../electron/services/log/logger';
import type { BoardMember } from '../../shared/domain/board';
import type { FinesseState } from '../../shared/domain/finesse';

// The Finesse client, service and board link against the lab: a real report
// socket and real Finesse HTTP, one world.

let lab: Lab;
const trust = new TrustStore({ load: () => [], save: () => {} });
const http = new HttpClient({ trust });
const dirs: string[] = [];

beforeAll(async () => {
  lab = await startLab({ rate: 0, agents: 150, teams: 6 });
});
afterAll(async () => {
  http.close();
  await lab?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  lab.uccx.setDbMaster('a');
  for (const role of ['a', 'b'] as const) {
    lab.finesse.setOutOfService(role, false);
    lab.finesse.setFail503(role, false);
  }
  lab.finesse.badAnswers = 'none';
  lab.finesse.skewMs = 0;
  lab.finesse.latencyMs = 0;
});

function service(options: { username?: string; password?: string; nodes?: string[] } = {}): FinesseService {
  const { nodes, username, password } = lab.endpoints.finesse;
  return new FinesseService({ nodes: options.nodes ?? [...nodes], username: options.username ?? username, password: options.password ?? password, http, log: createLogger('test-finesse'), pollIntervalMs: 200, timeoutMs: 1_500 });
}

interface Rig {
  board: BoardService;
  finesse: FinesseService;
  link: BoardFinesseLink;
  audit: AuditLog;
  states: FinesseState[];
  stop(): Promise<void>;
}

async function rig(options: { username?: string } = {}): Promise<Rig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finesse-link-'));
  dirs.push(dir);
  const board = new BoardService({ log: createLogger('test-board'), resyncSettleMs: 150, batchIntervalMs: 20 });
  const finesse = service(options);
  const audit = new AuditLog(path.join(dir, 'changes'));
  const link = new BoardFinesseLink({ board, finesse: () => finesse, audit: () => audit, profileName: () => 'Lab', log: createLogger('test-link'), confirmDelaysMs: [100, 300, 800, 2_000] });
  const states: FinesseState[] = [];
  finesse.on('state', (state) => states.push(state));
  link.attach(finesse);
  await finesse.start();
  const teardown = await board.start({
    profile: { id: 'lab', name: 'Lab', reports: { url: lab.endpoints.reports.url, agentId: lab.endpoints.reports.agentId, passwordSet: false, headerNames: [] } },
    secrets: {},
    trust,
    dir,
    log: createLogger('test-board'),
  });
  return {
    board,
    finesse,
    link,
    audit,
    states,
    stop: async () => {
      link.detach();
      finesse.stop();
      await teardown();
    },
  };
}

async function waitFor<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met in time; last value ${JSON.stringify(value)?.slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The board subscribed and every member's time came from Finesse. */
async function synced(r: Rig): Promise<BoardMember[]> {
  return waitFor(() => boardMembers(r.board), (list) => list.length > 0 && list.every((m) => !m.sinceAtLeast));
}

/** Every member the demo supervisor's board holds, as the board has it. */
function boardMembers(board: BoardService): BoardMember[] {
  return board.snapshot().members;
}

function agentOf(teamIndex: number, index: number): string {
  const team = lab.reports.agents.teamsSupervisedBy(lab.endpoints.finesse.username)[teamIndex]!;
  return [...team.members].filter((id) => lab.reports.agents.member(id)!.memberType !== 'Supervisor')[index]!;
}

async function setAgent(agentId: string, state: string, reason = 'Break'): Promise<void> {
  const answer = await fetch(`${lab.endpoints.control}/agents/${agentId}/state`, { method: 'POST', body: JSON.stringify({ state, reason }) });
  expect(answer.status).toBe(200);
}

describe('Finesse client: the node in service, skew and failover', () => {
  it('finds the node in service through SystemInfo and measures Finesse\'s clock skew', async () => {
    lab.finesse.skewMs = 300_000;
    const finesse = service();
    await finesse.start();
    try {
      expect(finesse.state()).toMatchObject({ mode: 'ok', activeNode: lab.endpoints.finesse.nodes[0] });
      expect(finesse.state().skewMs).toBeGreaterThan(299_000);
      expect(finesse.state().skewMs).toBeLessThan(301_000);
      const [team] = await finesse.supervisedTeams();
      const reading = await finesse.readTeam(team!);
      for (const member of reading.members) {
        // Times on our clock: Finesse's skew removed.
        expect(Math.abs(member.since! - lab.reports.agents.member(member.loginId)!.stateChangeTime)).toBeLessThan(1_000);
      }
    } finally {
      finesse.stop();
    }
  });

  it('moves to the other node on 503 and when the node in service stops, with no request lost', async () => {
    const finesse = service();
    await finesse.start();
    try {
      lab.finesse.setOutOfService('a', true);
      // The next request meets a 503 and goes to node b.
      expect((await finesse.supervisedTeams(true)).length).toBeGreaterThan(0);
      expect(finesse.state().activeNode).toBe(lab.endpoints.finesse.nodes[1]);
      expect(finesse.state().nodes[0]).toMatchObject({ status: 'out-of-service' });
      lab.finesse.setOutOfService('a', false);
      await lab.uccx.nodes[1].stop();
      try {
        expect((await finesse.supervisedTeams(true)).length).toBeGreaterThan(0);
        expect(finesse.state().activeNode).toBe(lab.endpoints.finesse.nodes[0]);
        expect(finesse.state().nodes[1]).toMatchObject({ status: 'unreachable', problem: expect.stringContaining('connection refused') });
      } finally {
        await lab.uccx.nodes[1].start();
      }
    } finally {
      finesse.stop();
    }
  });

  it('with both nodes down every request fails at once, says why, and nothing reaches Finesse later', async () => {
    const finesse = service();
    await finesse.start();
    try {
      lab.finesse.setOutOfService('a', true);
      lab.finesse.setFail503('b', true);
      const puts = lab.finesse.putCount;
      await expect(finesse.setState(agentOf(0, 0), 'NOT_READY', 'someone')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/not in service on any node.*Nothing was sent/) });
      await waitFor(() => finesse.state().mode, (mode) => mode === 'down');
      expect(finesse.state().detail).toMatch(/nothing is queued/);
      lab.finesse.setOutOfService('a', false);
      lab.finesse.setFail503('b', false);
      await waitFor(() => finesse.state().mode, (mode) => mode === 'ok');
      await new Promise((r) => setTimeout(r, 300));
      expect(lab.finesse.putCount).toBe(puts);
    } finally {
      finesse.stop();
    }
  });

  it('an HTML page instead of SystemInfo is said in words', async () => {
    lab.finesse.badAnswers = 'html';
    const finesse = service();
    await finesse.start();
    try {
      expect(finesse.state()).toMatchObject({ mode: 'down', detail: expect.stringContaining('HTML page instead of XML') });
    } finally {
      finesse.stop();
    }
  });
});

describe('board and Finesse: exact time in state', () => {
  it('after the subscription every member\'s time is Finesse\'s stateChangeTime (skew removed), never "at least"', async () => {
    lab.finesse.skewMs = -120_000;
    const r = await rig();
    try {
      const members = await waitFor(
        () => boardMembers(r.board),
        (list) => list.length > 0 && list.every((m) => !m.sinceAtLeast),
      );
      for (const member of members) {
        const truth = lab.reports.agents.member(member.memberId)!;
        expect(Math.abs(member.since - truth.stateChangeTime), member.memberId).toBeLessThan(1_000);
        expect(member.agentState).toMatchObject({ state: truth.agentState, source: 'finesse' });
      }
      // The lab's states began minutes ago: these are real times, not "since subscribed".
      expect(Math.min(...members.map((m) => m.since))).toBeLessThan(Date.now() - 3 * 60_000);
    } finally {
      await r.stop();
    }
  });

  it('a reconnect restarts the clocks "at least", then Finesse puts the exact times back', async () => {
    const r = await rig();
    try {
      await waitFor(() => boardMembers(r.board), (list) => list.length > 0 && list.every((m) => !m.sinceAtLeast));
      lab.reports.dropAllSockets();
      await waitFor(() => boardMembers(r.board), (list) => list.some((m) => m.sinceAtLeast));
      const members = await waitFor(() => boardMembers(r.board), (list) => list.length > 0 && list.every((m) => !m.sinceAtLeast));
      for (const member of members) expect(Math.abs(member.since - lab.reports.agents.member(member.memberId)!.stateChangeTime)).toBeLessThan(1_000);
    } finally {
      await r.stop();
    }
  });

  it('unusable Finesse answers are said, members keep the board\'s own times, and the board keeps working', async () => {
    const r = await rig();
    try {
      await waitFor(() => boardMembers(r.board), (list) => list.length > 0 && list.every((m) => !m.sinceAtLeast));
      lab.finesse.badAnswers = 'malformed-xml';
      await r.link.refresh();
      expect(r.finesse.state().problem).toMatch(/could not be read: malformed XML.*keeps its own times/);
      lab.finesse.badAnswers = 'unknown-state';
      await r.link.refresh();
      expect(r.finesse.state().problem).toMatch(/state this console does not know for .*ON_A_BREAK_MAYBE/);
      expect(boardMembers(r.board).filter((m) => m.agentState?.state === 'UNKNOWN').length).toBeGreaterThan(0);
      lab.finesse.badAnswers = 'empty-state-change-time';
      await r.link.refresh();
      expect(r.finesse.state().problem).toMatch(/no time in state for \d+ members/);
      // The report stream still moves the board.
      const agentId = agentOf(0, 3);
      lab.reports.setMemberStatus(agentId, 'ACW');
      await waitFor(() => r.board.member(agentId)?.status, (status) => status === 'ACW');
      lab.finesse.badAnswers = 'none';
      await r.link.refresh();
      expect(r.finesse.state().problem).toBeNull();
    } finally {
      await r.stop();
    }
  });
});

describe('board and Finesse: actions', () => {
  it('Make ready and Make not ready: sent once, confirmed, audited with who, whom, from and to', async () => {
    const r = await rig();
    try {
      await synced(r);
      const agentId = agentOf(1, 0);
      await setAgent(agentId, 'NOT_READY', 'Lunch');
      await r.link.refresh();
      const ready = await r.link.act(agentId, 'READY');
      expect(ready).toMatchObject({ agentId, from: 'NOT_READY', target: 'READY', result: 'done', message: expect.stringMatching(/is Ready now \((seen on the report stream|confirmed by Finesse)\)/) });
      await waitFor(() => r.board.member(agentId), (m) => m?.status === 'ready' && m.agentState?.state === 'READY');
      const notReady = await r.link.act(agentId, 'NOT_READY');
      expect(notReady).toMatchObject({ from: 'READY', result: 'done' });
      expect(lab.reports.agents.member(agentId)).toMatchObject({ agentState: 'NOT_READY', reason: 'Supervisor initiated' });
      const entries = r.audit.search({ system: 'finesse' });
      expect(entries.slice(0, 2).map((e) => [e.objectId, e.before.state, e.after.state, e.result, e.user])).toEqual([
        [agentId, 'READY', 'NOT_READY', 'applied', lab.endpoints.finesse.username],
        [agentId, 'NOT_READY', 'READY', 'applied', lab.endpoints.finesse.username],
      ]);
    } finally {
      await r.stop();
    }
  });

  it('a transition that is not allowed is refused with a typed error and nothing is sent', async () => {
    const r = await rig();
    try {
      const agentId = agentOf(1, 1);
      await setAgent(agentId, 'READY');
      await r.link.refresh();
      const puts = lab.finesse.putCount;
      await expect(r.link.act(agentId, 'READY')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Already Ready. Nothing was sent.') });
      expect(lab.finesse.putCount).toBe(puts);
      expect(r.audit.search({ system: 'finesse' })[0]).toMatchObject({ objectId: agentId, result: 'failed', message: expect.stringContaining('Already Ready') });
      await expect(r.link.act('no-such-agent', 'READY')).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await r.stop();
    }
  });

  it('a sign-out during a call is pending until the call ends, then the board shows the agent signed out', async () => {
    const r = await rig();
    try {
      await synced(r);
      const agentId = agentOf(2, 0);
      await setAgent(agentId, 'READY');
      await fetch(`${lab.endpoints.control}/agents/${agentId}/call`, { method: 'POST', body: JSON.stringify({ on: true }) });
      await r.link.refresh();
      expect(r.board.member(agentId)?.agentState?.state).toBe('TALKING');
      const outcome = await r.link.act(agentId, 'LOGOUT');
      expect(outcome).toMatchObject({ from: 'TALKING', result: 'pending', message: expect.stringContaining('signs out after the current call') });
      expect(r.board.member(agentId)?.agentState).toMatchObject({ state: 'TALKING', pendingState: 'LOGOUT' });
      await expect(r.link.act(agentId, 'LOGOUT')).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Already signing out after the current call') });
      await fetch(`${lab.endpoints.control}/agents/${agentId}/call`, { method: 'POST', body: JSON.stringify({ on: false }) });
      // The stream shows a change; the link reads the agent's team again at once.
      const member = await waitFor(() => r.board.member(agentId), (m) => m?.agentState?.state === 'LOGOUT', 3_000);
      expect(member!.agentState!.source).toBe('finesse');
      // Newest first: the refused second sign-out, then the pending one.
      expect(r.audit.search({ system: 'finesse' }).slice(0, 2).map((e) => e.result)).toEqual(['failed', 'pending']);
    } finally {
      await r.stop();
    }
  });

  it('an agent of a team the Finesse user does not supervise: Finesse\'s 401 Invalid Supervisor, in its words', async () => {
    const other = lab.seed.teams.find((t) => t.primarySupervisor && t.primarySupervisor !== lab.endpoints.finesse.username)!.primarySupervisor!;
    const r = await rig({ username: other });
    try {
      const notHis = lab.reports.agents.teams().find((t) => !t.supervisors.has(other))!;
      const agentId = [...notHis.members].find((id) => lab.reports.agents.member(id)!.memberType !== 'Supervisor' && lab.reports.agents.member(id)!.agentState === 'READY')!;
      await waitFor(() => r.board.member(agentId), (m) => m !== null);
      await expect(r.link.act(agentId, 'LOGOUT')).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^Finesse refused the change for .*: Invalid Supervisor: /) });
      expect(r.audit.search({ system: 'finesse' })[0]).toMatchObject({ objectId: agentId, result: 'failed', message: expect.stringContaining('Invalid Supervisor') });
    } finally {
      await r.stop();
    }
  });

  it('team messages: sent, listed with their teams and expiry, deleted', async () => {
    const finesse = service();
    await finesse.start();
    try {
      const teams = await finesse.supervisedTeams();
      const before = Date.now();
      const listed = await finesse.sendMessage('Queue is long, please finish wrap-up quickly', [teams[0]!.id, teams[1]!.id], 900);
      const sent = listed.find((m) => m.content === 'Queue is long, please finish wrap-up quickly')!;
      expect(sent.teamIds.sort()).toEqual([teams[0]!.id, teams[1]!.id].sort());
      expect(sent.expiresAt - sent.createdAt).toBe(900_000);
      expect(sent.createdAt).toBeGreaterThanOrEqual(before - 1_000);
      await expect(finesse.sendMessage('x', ['99999'], 900)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(finesse.sendMessage('x', [teams[0]!.id], 60)).rejects.toMatchObject({ code: 'invalid_payload' });
      const after = await finesse.deleteMessage(sent.id);
      expect(after.some((m) => m.id === sent.id)).toBe(false);
    } finally {
      finesse.stop();
    }
  });
});

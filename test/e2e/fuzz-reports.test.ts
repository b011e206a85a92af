import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BoardSnapshot } from '../../shared/domain/board';
import { RawIpcClient } from '../support/ipc-client';
import { appInfoWithin, describeDeaths, fuzzSeed, LiveHost, seededRng, type Rng } from '../support/fuzz';
import { makeDataDir } from '../support/web-host-process';

/**
 * 10,000 hostile frames from a fake report server to a console whose profile
 * points at it: garbage, wrong types, deep nesting up to 100,000 levels, huge
 * strings and frames over the socket's size cap, prototype keys, binary and
 * invalid UTF-8, bogus command answers and call-journey answers. The console
 * must never exit, must answer app:info within 2 s throughout, must answer
 * every call-journey lookup with a typed result, and must still apply a valid
 * frame afterwards. FUZZ_SEED=<n> reproduces a run.
 */

const SEED = fuzzSeed(7_031_977);
const TOTAL = 10_000;
const AGENT = 'sup01';
const EVENTS = ['teamadded', 'teamchanged', 'teamremoved', 'memberadded', 'memberstatuschanged', 'memberremoved'];
const IDS = ['1', '2', '3', 1, 2, 0, -1, 1e308, '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(300), null, {}, [], true];
const STATUSES = ['ready', 'not_ready', 'ACW', 'READY', 'Ready', 'talking', '', 1, null, {}];
const TYPES = ['Agent', 'Supervisor', 'TeamLead', 'Team Lead', 'robot', 1, null, []];
const TEXTS = ['Ann', '', 'ümlaut', '\u0000', '\ud800', '<img src=x onerror=alert(1)>', 'y'.repeat(2000), 42, null, {}, ['a']];

interface ReportFrame {
  label: string;
  data: string | Buffer;
  binary?: boolean;
  /** The console closes the socket for this one (size cap, invalid UTF-8): wait for it to come back. */
  closes?: boolean;
}

function deep(rng: Rng, depth: number, leaf = '1'): string {
  return rng.chance(0.5) ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

function member(rng: Rng): unknown {
  if (rng.chance(0.05)) return rng.pick([null, 1, 'm', [], { __proto__: null }]);
  const entry: Record<string, unknown> = { memberId: rng.chance(0.7) ? `m${rng.int(200)}` : rng.pick(IDS) };
  if (rng.chance(0.9)) entry.memberType = rng.chance(0.8) ? 'Agent' : rng.pick(TYPES);
  if (rng.chance(0.9)) entry.memberName = rng.chance(0.8) ? `Agent ${rng.int(200)}` : rng.pick(TEXTS);
  if (rng.chance(0.9)) entry.status = rng.chance(0.7) ? rng.pick(['ready', 'not_ready', 'ACW']) : rng.pick(STATUSES);
  if (rng.chance(0.5)) entry.reason = rng.pick(TEXTS);
  return entry;
}

function event(rng: Rng, members = 1 + rng.int(5)): string {
  const name = rng.chance(0.9) ? `report.teamstatus.${rng.pick(EVENTS)}` : rng.pick(['report.teamstatus.', 'report.teamstatus.__proto__', 'report.other', '', 'REPORT.TEAMSTATUS.TEAMADDED']);
  const team: Record<string, unknown> = { teamId: rng.chance(0.8) ? `t${rng.int(20)}` : rng.pick(IDS) };
  if (rng.chance(0.9)) team.teamName = rng.chance(0.8) ? `Team ${rng.int(20)}` : rng.pick(TEXTS);
  if (rng.chance(0.9)) team.members = rng.chance(0.95) ? Array.from({ length: members }, () => member(rng)) : rng.pick([{}, 'all', 3, null]);
  const data: Record<string, unknown> = rng.chance(0.95) ? { agentId: rng.chance(0.9) ? AGENT : rng.pick(IDS), team } : { agentId: AGENT, team: rng.pick([null, 'team', [team]]) };
  return JSON.stringify({ name, data });
}

function makeFrame(rng: Rng, limits: { closing: number; huge: number }): ReportFrame {
  const roll = rng.next();
  if (roll < 0.3) return { label: 'valid-ish event', data: event(rng) };
  if (roll < 0.38) return { label: 'not JSON', data: rng.pick(['{', '', 'null,', '{"name":', '\u0000\u0001', '}{', 'report.teamstatus.teamadded', "{'a':1}"]) };
  if (roll < 0.42) return { label: 'non-object JSON', data: rng.pick(['1', '"x"', 'null', 'true', '[]', `[${event(rng)}]`]) };
  if (roll < 0.5) {
    const command = rng.pick(['report.teamstatus.begin', 'report.teamstatus.end', 'report.calljourney', 'report.other', '', '__proto__']);
    const result = rng.pick(['success', 'failure', 'maybe', 1, null]);
    // A refused subscription makes the console back off and reconnect: rare, so the run stays short.
    if (command === 'report.teamstatus.begin' && result === 'failure' && limits.closing-- <= 0) return { label: 'answer to a command', data: '{"command":"report.other","result":"success"}' };
    return {
      label: 'answer to a command',
      data: JSON.stringify({ command, result, data: rng.pick([null, {}, { CallJourney: 'x' }, [1, 2]]), failure: rng.pick([undefined, null, 'x', { code: 1, message: {} }, { code: 'E', message: 'm'.repeat(5000) }]), original: rng.pick([undefined, null, { data: { CallId: {} } }]) }),
    };
  }
  if (roll < 0.56) {
    const depth = rng.pick([100, 1_000, 10_000, 100_000]);
    const d = deep(rng, depth);
    const where = rng.pick([
      () => d,
      () => `{"name":"report.teamstatus.teamadded","data":${d}}`,
      () => `{"name":"report.teamstatus.teamadded","data":{"agentId":"${AGENT}","team":{"teamId":"t1","teamName":"T","members":${d}}}}`,
      () => `{"name":"report.teamstatus.memberadded","data":{"agentId":"${AGENT}","team":{"teamId":${d},"teamName":${d},"members":[{"memberId":${d},"memberName":${d},"memberType":"Agent","status":"ready","reason":${d}}]}}}`,
      () => `{"command":"report.calljourney","result":"failure","failure":${d},"original":${d}}`,
      () => `{"command":"report.teamstatus.begin","result":"success","data":${d}}`,
    ]);
    return { label: `deep (${depth})`, data: where() };
  }
  if (roll < 0.6) {
    const keys = [
      `{"__proto__":{"name":"report.teamstatus.teamadded"},"data":{}}`,
      `{"name":"report.teamstatus.teamadded","data":{"agentId":"${AGENT}","team":{"teamId":"__proto__","teamName":"P","members":[{"memberId":"__proto__","memberType":"Agent","memberName":"P","status":"ready"}]}}}`,
      `{"name":"report.teamstatus.memberstatuschanged","data":{"agentId":"${AGENT}","team":{"teamId":"constructor","members":[{"memberId":"constructor","status":"ready","__proto__":{"status":"ACW"}}]}}}`,
      `{"name":"report.teamstatus.teamadded","data":{"__proto__":{"team":{"teamId":"t1"}},"constructor":{"prototype":{"x":1}}}}`,
      `{"command":"__proto__","result":"success","data":{"__proto__":{"CallJourney":[1]}}}`,
    ];
    return { label: 'prototype keys', data: rng.pick(keys) };
  }
  if (roll < 0.62) {
    const n = rng.pick([500, 2_000, 10_000]);
    return { label: `wide team (${n} members)`, data: event(rng, n) };
  }
  if (roll < 0.645 && limits.huge > 0) {
    // Alternately over the cap (the console must close the socket) and just under it.
    if (limits.huge-- % 2 === 0) return { label: 'frame over the size cap (17 MB)', data: `{"name":"report.teamstatus.teamadded","data":"${'z'.repeat(17 * 1024 * 1024)}"}`, closes: true };
    return { label: '5 MB member name', data: `{"name":"report.teamstatus.memberadded","data":{"agentId":"${AGENT}","team":{"teamId":"t1","members":[{"memberId":"m1","memberType":"Agent","status":"ready","memberName":"${'n'.repeat(5 * 1024 * 1024)}"}]}}}` };
  }
  if (roll < 0.66) return { label: 'binary frame', data: Buffer.from(event(rng)), binary: true };
  if (roll < 0.662 && limits.closing-- > 0) return { label: 'invalid UTF-8 text', data: Buffer.from([0x7b, 0x22, 0xc0, 0xaf, 0xff, 0x22, 0x7d]), closes: true };
  return { label: 'random JSON', data: JSON.stringify({ [rng.pick(['name', 'command', 'data', 'team', 'x'])]: rng.pick(TEXTS), data: { team: { teamId: rng.pick(IDS), members: [member(rng)] } } }) };
}

/** Call-journey answers a hostile report server might give. */
function journeyAnswer(rng: Rng, callId: unknown): string {
  const d = deep(rng, rng.pick([1_000, 100_000]));
  return rng.pick([
    () => JSON.stringify({ command: 'report.calljourney', result: 'success', data: { CallJourney: [{ CallId: callId, Device: 'd'.repeat(100_000), Duration: '9'.repeat(5000), Description: null }] } }),
    () => JSON.stringify({ command: 'report.calljourney', result: 'success', data: { CallJourney: Array.from({ length: 50_000 }, (_, i) => (i % 3 ? null : { CallId: callId, Duration: '00:00:0x' })) } }),
    () => JSON.stringify({ command: 'report.calljourney', result: 'success', data: { CallJourney: 'all of it' } }),
    () => `{"command":"report.calljourney","result":"success","data":{"CallJourney":[${d}]}}`,
    () => `{"command":"report.calljourney","result":"failure","failure":{"code":${d},"message":${d}},"original":{"data":{"CallId":${JSON.stringify(callId)}}}}`,
    () => JSON.stringify({ command: 'report.calljourney', result: 'failure', original: { data: { CallId: callId } } }),
  ])();
}

/** A report server that subscribes whoever asks and lets the test push frames to the current socket. */
class FakeReportServer {
  readonly wss: WebSocketServer;
  socket: WebSocket | null = null;
  subscriptions = 0;
  private subscribedWaiters: Array<() => void> = [];

  constructor(private readonly rng: Rng) {
    this.wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    this.wss.on('connection', (ws) => {
      ws.on('error', () => {});
      ws.on('close', () => {
        if (this.socket === ws) this.socket = null;
      });
      ws.on('message', (data) => {
        let frame: { command?: string; data?: { CallId?: unknown } };
        try {
          frame = JSON.parse(data.toString());
        } catch {
          return;
        }
        if (frame.command === 'report.teamstatus.begin') {
          ws.send(JSON.stringify({ command: frame.command, result: 'success', data: {} }));
          this.socket = ws;
          this.subscriptions++;
          for (const resolve of this.subscribedWaiters.splice(0)) resolve();
        } else if (frame.command === 'report.teamstatus.end') {
          ws.send(JSON.stringify({ command: frame.command, result: 'success' }));
        } else if (frame.command === 'report.calljourney') {
          ws.send(journeyAnswer(this.rng, frame.data?.CallId));
        }
      });
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/`;
  }

  /** Resolves when a console is subscribed (at once if one is). */
  subscribed(timeoutMs: number): Promise<boolean> {
    if (this.socket && this.socket.readyState === this.socket.OPEN) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.subscribedWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

describe(`console under 10,000 hostile report frames (seed ${SEED})`, () => {
  const rng = seededRng(SEED);
  const server = new FakeReportServer(seededRng(SEED + 1));
  let live: LiveHost;
  let ipc: RawIpcClient;

  beforeAll(async () => {
    const dataDir = makeDataDir('sc-fuzz-reports-');
    const profile = path.join(dataDir, 'fuzz-profile.json');
    fs.writeFileSync(profile, JSON.stringify({ name: 'Fuzz site', reports: { url: server.url, agentId: AGENT } }));
    live = new LiveHost(['--profile', profile], { dataDir });
    await live.start();
    ipc = await RawIpcClient.connect(live.host.origin, live.host.token);
  });
  afterAll(async () => {
    ipc?.close();
    await live?.stop();
    await server.close();
    if (live?.deaths.length) console.error(`host exits during the report fuzz (seed ${SEED}):\n${describeDeaths(live.deaths)}`);
  });

  const reconnectIpc = async () => {
    ipc.close();
    ipc = await RawIpcClient.connect(live.host.origin, live.host.token);
  };

  it('never exits, stays responsive, answers call journeys with typed results and still applies a valid frame afterwards', async () => {
    expect(await server.subscribed(10_000)).toBe(true);
    const limits = { closing: 6, huge: 6 };
    const problems: string[] = [];
    const labels = new Map<string, number>();
    let sent = 0;
    let journeys = 0;

    while (sent < TOTAL) {
      const batch: ReportFrame[] = [];
      const size = 1 + rng.int(60);
      while (batch.length < size && sent + batch.length < TOTAL) {
        const frame = makeFrame(rng, limits);
        batch.push(frame);
        if (frame.closes) break;
      }
      if (!(await server.subscribed(10_000))) problems.push(`the console did not subscribe again after ${sent} frames`);
      const socket = server.socket;
      for (const frame of batch) {
        const label = frame.label.replace(/ \(\d+( members)?\)$/, '');
        labels.set(label, (labels.get(label) ?? 0) + 1);
        socket?.send(frame.data, { binary: frame.binary ?? false });
      }
      sent += batch.length;
      const names = [...new Set(batch.map((f) => f.label))].join(', ');

      // The console must stay responsive while it digests the batch.
      const info = await ipc.invoke<{ name: string }>('app:info', undefined, 2_000).catch((error: Error) => error);
      if (!(await live.checkAlive(names, info instanceof Error ? 300 : 0))) {
        await reconnectIpc();
        continue;
      }
      if (info instanceof Error) {
        problems.push(`app:info after [${names}]: ${info.message}`);
        await reconnectIpc();
      }
      if (batch.some((f) => f.closes)) {
        // The console closed the socket on purpose; it comes back with a new subscription.
        const before = server.subscriptions;
        const deadline = Date.now() + 10_000;
        while (server.subscriptions === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        if (server.subscriptions === before) problems.push(`no new subscription after [${names}]`);
      }
      if (rng.chance(0.03)) {
        journeys++;
        const answer = await ipc.invoke('board:journey', { callId: String(1000 + rng.int(9000)) }, 20_000).catch((error: Error) => error);
        if (answer instanceof Error) {
          if (!(await live.checkAlive('call journey lookup', 300))) await reconnectIpc();
          else problems.push(`board:journey: ${answer.message}`);
        } else if (!answer.ok && typeof answer.error?.code !== 'string') {
          problems.push(`board:journey answered ${JSON.stringify(answer).slice(0, 200)}`);
        }
      }
    }

    console.info(`report fuzz (seed ${SEED}): ${sent} frames, ${journeys} journey lookups, ${server.subscriptions} subscriptions; by kind: ${JSON.stringify(Object.fromEntries(labels))}`);
    expect(live.deaths, describeDeaths(live.deaths)).toEqual([]);
    expect(live.guardLines()).toEqual([]);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(journeys).toBeGreaterThan(0);
    expect(await appInfoWithin(live.host, 2_000)).toBeLessThan(2_000);

    // The garbage was seen (and counted) and the board still works: a valid team appears.
    const snapshot = await ipc.invoke<BoardSnapshot>('board:snapshot', undefined);
    expect(snapshot.ok).toBe(true);
    const rejected = snapshot.ok ? Object.values(snapshot.value.rejections).reduce((a, b) => a + b, 0) : 0;
    expect(rejected).toBeGreaterThan(1_000);
    expect(await server.subscribed(10_000)).toBe(true);
    server.socket!.send(
      JSON.stringify({
        name: 'report.teamstatus.teamadded',
        data: { agentId: AGENT, team: { teamId: 'fz-final', teamName: 'Final team', members: [{ memberId: 'fz-m1', memberType: 'Agent', memberName: 'Final Agent', status: 'ready', reason: '' }] } },
      }),
    );
    await expect
      .poll(async () => {
        const board = await ipc.invoke<BoardSnapshot>('board:snapshot', undefined);
        return board.ok ? board.value.teams.map((t) => t.teamId) : [];
      }, { timeout: 5_000 })
      .toContain('fz-final');
  }, 120_000);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed } from '../../lab/seed';
import { BoardService, BOARD_FILE, PATCH_MIN_INTERVAL_MS, type BoardSite } from '../../electron/services/reports/board-service';
import { createLogger } from '../../electron/services/log/logger';
import { TrustStore } from '../../electron/services/net/trust-store';
import type { BoardPatch, BoardSnapshot } from '../../shared/domain/board';
import type { ServerStatus } from '../../shared/domain/status';

// The board service against the lab's report server, over a real WebSocket.

const seed = createSeed({ agents: 120, teams: 6 });
const supervisorId = seed.demoSupervisor;
let lab: ReportLab;

beforeAll(async () => {
  lab = createReportLab(seed, { autoStart: false });
  await lab.start();
});
afterAll(async () => {
  await lab?.stop();
});

interface Running {
  service: BoardService;
  patches: BoardPatch[];
  /** Date.now() as each patch was emitted. */
  patchTimes: number[];
  statuses: Array<Omit<ServerStatus, 'since'>>;
  stop(): Promise<void>;
  site: BoardSite;
}

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
  lab.setSilent(false);
  lab.setIgnoreBegin(false);
  await lab.startServer();
});

function makeSite(dir: string, reports: boolean | ReportsSection = true): BoardSite {
  const r = reports === true ? { url: lab.url, agentId: supervisorId } : reports;
  return {
    profile: { id: 'p1', name: 'Test', ...(r ? { reports: { ...r, passwordSet: false, headerNames: [] } } : {}) },
    secrets: {},
    trust: new TrustStore({ load: () => [], save: () => {} }),
    dir,
    log: createLogger('test'),
  };
}

type ReportsSection = { url: string; agentId: string; limits?: { maxTeams?: number; maxMembers?: number; maxFrameBytes?: number } };

async function startService(options: { dir?: string; reports?: boolean | ReportsSection; fast?: boolean } = {}): Promise<Running> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'board-svc-'));
  const patches: BoardPatch[] = [];
  const patchTimes: number[] = [];
  const statuses: Array<Omit<ServerStatus, 'since'>> = [];
  const service = new BoardService({
    log: createLogger('test'),
    resyncSettleMs: 200,
    persistIntervalMs: 100,
    timings: { backoffBaseMs: 50, backoffMaxMs: 200, pingAfterMs: 150, deadAfterMs: 150, journeyTimeoutMs: options.fast ? 300 : 5_000, endTimeoutMs: 500, beginTimeoutMs: 400 },
  });
  // The first listener, so the time is the moment of sending, not after other listeners' work.
  service.on('patch', (patch) => {
    patchTimes.push(Date.now());
    patches.push(patch);
  });
  service.on('status', (status) => statuses.push(status));
  const site = makeSite(dir, options.reports ?? true);
  const teardown = await service.start(site);
  const entry: Running = { service, patches, patchTimes, statuses, site, stop: teardown };
  running.push(entry);
  return entry;
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000, pollMs = 20): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** The board as comparable data: team → sorted member ids, member → status/reason. */
function boardView(snapshot: BoardSnapshot) {
  return {
    teams: Object.fromEntries(snapshot.teams.map((t) => [t.teamId, { name: t.teamName, members: [...t.memberIds].sort() }])),
    members: Object.fromEntries(snapshot.members.map((m) => [m.memberId, `${m.status}/${m.reason}/${m.memberType}/${m.memberName}`])),
  };
}

function labView() {
  const teams = lab.snapshot(supervisorId);
  const members: Record<string, string> = {};
  for (const team of teams) for (const m of team.members) members[m.memberId] = `${m.status}/${m.reason}/${m.memberType}/${m.memberName}`;
  return { teams: Object.fromEntries(teams.map((t) => [t.teamId, { name: t.teamName, members: t.members.map((m) => m.memberId).sort() }])), members };
}

async function matchesLab(service: BoardService, what: string): Promise<void> {
  await until(() => isDeepStrictEqual(boardView(service.snapshot()), labView()), what).catch(() => undefined);
  expect(boardView(service.snapshot())).toEqual(labView());
}

describe('BoardService against the report lab', () => {
  it('subscribes as the supervisor and shows every team the lab says it should', async () => {
    const begins: Array<string | undefined> = [];
    const onBegin = (id: string | undefined) => begins.push(id);
    lab.on('begin', onBegin);
    const { service, statuses } = await startService();
    await matchesLab(service, 'initial teams');
    lab.off('begin', onBegin);
    expect(begins).toEqual([supervisorId]);
    expect(service.snapshot().connection.state).toBe('live');
    expect(statuses.at(-1)).toMatchObject({ id: 'reports', kind: 'reports', label: 'Reports', state: 'ok' });
    const team = service.snapshot().teams[0]!;
    expect(new Set(team.memberIds).size).toBe(team.memberIds.length);
  });

  it('applies all six events and coalesces bursts into few patches', async () => {
    const { service, patches } = await startService();
    await matchesLab(service, 'initial teams');
    const before = patches.length;
    lab.step(300);
    await matchesLab(service, 'status changes');
    // 300 changes in one go arrive as a handful of patches, not hundreds.
    expect(patches.length - before).toBeLessThan(10);
    expect(patches.map((p) => p.seq)).toEqual(patches.map((_, i) => patches[0]!.seq + i));

    const [first, second] = lab.snapshot(supervisorId);
    lab.renameTeam(first!.teamId, 'Renamed <b>Team</b>');
    await matchesLab(service, 'teamchanged');
    const mover = second!.members.find((m) => m.memberType === 'Agent')!.memberId;
    lab.addMember(first!.teamId, mover);
    await matchesLab(service, 'memberadded + memberremoved');
    lab.removeMember(first!.teamId, mover);
    await matchesLab(service, 'memberremoved');
    const agents = lab.snapshot(supervisorId)[2]!.members.filter((m) => m.memberType === 'Agent').slice(0, 3).map((m) => m.memberId);
    lab.addTeam({ teamId: '900', teamName: 'Pop-up Team', memberIds: agents }, supervisorId);
    await matchesLab(service, 'teamadded');
    lab.removeTeam('900');
    await matchesLab(service, 'teamremoved');
    expect(service.snapshot().rejections).toMatchObject({ unknownEvent: 0, missingFields: 0, unknownStatus: 0 });
  });

  it('sends the first change after a quiet moment at once, and under load at most one patch per 33 ms', async () => {
    const { service, patches, patchTimes } = await startService();
    await matchesLab(service, 'initial teams');
    await new Promise((r) => setTimeout(r, 200));
    // Quiet, then one change: its patch follows in the next turn of the event loop, well inside
    // the 100 ms coalescing window used before (the bound leaves room for a loaded machine).
    const member = lab.snapshot(supervisorId)[0]!.members[0]!;
    const before = patches.length;
    const sentAt = Date.now();
    lab.setMemberStatus(member.memberId, member.status === 'ready' ? 'not_ready' : 'ready', member.status === 'ready' ? 'Lunch' : undefined);
    await until(() => patches.length > before, 'a patch for one change', 5_000, 2);
    expect(patchTimes[patchTimes.length - 1]! - sentAt).toBeLessThan(70);
    // Load: 1,000 changes a second for one second.
    const fromIndex = patchTimes.length;
    const started = Date.now();
    while (Date.now() - started < 1000) {
      lab.step(20);
      await new Promise((r) => setTimeout(r, 20));
    }
    // Only the load itself: matchesLab reads snapshot(), which publishes what is pending at once.
    const times = patchTimes.slice(fromIndex);
    await matchesLab(service, 'after the load');
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(times.length).toBeGreaterThan(10);
    expect(times.length).toBeLessThanOrEqual(32);
    // The service spaces patches by its own clock reading; ours may be read one millisecond later.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(PATCH_MIN_INTERVAL_MS - 1);
  });

  it('resubscribes after the lab drops the socket and replaces the board without duplicates', async () => {
    const { service } = await startService();
    await matchesLab(service, 'initial teams');
    const begins: Array<string | undefined> = [];
    const onBegin = (id: string | undefined) => begins.push(id);
    lab.on('begin', onBegin);
    lab.dropAllSockets();
    // Changes while disconnected are only learnt from the fresh teamadded events.
    lab.step(50);
    const someone = lab.snapshot(supervisorId)[0]!.members[0]!.memberId;
    lab.setMemberStatus(someone, 'not_ready', 'Coaching');
    await until(() => begins.length === 1 && service.snapshot().connection.state === 'live', 'resubscription');
    await matchesLab(service, 'board after reconnect');
    lab.off('begin', onBegin);
    const snapshot = service.snapshot();
    expect(snapshot.members.find((m) => m.memberId === someone)).toMatchObject({ status: 'not_ready', reason: 'Coaching', sinceAtLeast: true });
    for (const team of snapshot.teams) expect(new Set(team.memberIds).size).toBe(team.memberIds.length);
    expect(lab.subscriptions()).toEqual([{ agentId: supervisorId }]);
  });

  it('counts malformed frames and keeps the board intact', async () => {
    const { service } = await startService();
    await matchesLab(service, 'initial teams');
    for (const kind of ['invalid-json', 'unknown-event', 'missing-fields', 'unknown-status', 'binary'] as const) lab.sendMalformed(kind);
    await until(() => Object.values(service.snapshot().rejections).reduce((a, b) => a + b, 0) >= 5, 'rejections counted');
    expect(service.snapshot().rejections).toMatchObject({ invalidJson: 1, unknownEvent: 1, missingFields: 1, unknownStatus: 1, notText: 1 });
    await matchesLab(service, 'board unchanged by malformed frames');
    lab.step(20);
    await matchesLab(service, 'still applying events');
  });

  it('drops a silent socket and reconnects', async () => {
    const { service, statuses } = await startService();
    await matchesLab(service, 'initial teams');
    lab.setSilent(true);
    await until(() => service.snapshot().connection.state !== 'live', 'silent socket detected', 3_000);
    expect(statuses.some((s) => s.state === 'down' && /stopped answering/.test(s.detail))).toBe(true);
    lab.setSilent(false);
    await until(() => service.snapshot().connection.state === 'live', 'live again');
    await matchesLab(service, 'board after silent period');
  });

  it('gives up on a server that answers pings but never the subscription, and subscribes again once it does', async () => {
    lab.setIgnoreBegin(true);
    let begins = 0;
    const onBegin = () => begins++;
    lab.on('begin', onBegin);
    const { service, statuses } = await startService();
    await until(() => begins >= 2, 'a second subscription attempt on a new socket', 5_000);
    expect(service.snapshot().connection.state).not.toBe('live');
    expect(statuses.some((s) => /did not answer the team status subscription/.test(s.detail))).toBe(true);
    // While it tries again, the reason stays on screen.
    await until(() => /Reconnecting.*Last attempt: The report server did not answer/.test(service.snapshot().connection.detail), 'the reason kept while reconnecting');
    lab.setIgnoreBegin(false);
    await until(() => service.snapshot().connection.state === 'live', 'live once the server answers', 5_000);
    await matchesLab(service, 'board after the server recovered');
    lab.off('begin', onBegin);
  });

  it('keeps at most the configured teams and members, and says what it left out', async () => {
    const { service } = await startService({ reports: { url: lab.url, agentId: supervisorId, limits: { maxTeams: 2, maxMembers: 5 } } });
    await until(() => service.snapshot().limitNotice !== null && service.snapshot().members.length === 5, 'a full board');
    const snapshot = service.snapshot();
    const expectedTeams = lab.snapshot(supervisorId);
    expect(snapshot.teams.length).toBeLessThanOrEqual(2);
    expect(snapshot.members).toHaveLength(5);
    expect(snapshot.limitNotice).toMatch(/incomplete: .*beyond the limit of 5/);
    if (expectedTeams.length > 2) expect(snapshot.limitNotice).toMatch(/team.* beyond the limit of 2/);
    // Status changes of members left out are expected traffic, not malformed frames.
    lab.step(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(service.snapshot().rejections.missingFields).toBe(0);
  });

  it('refuses a frame over the size limit and says so', async () => {
    const { service, statuses } = await startService({ reports: { url: lab.url, agentId: supervisorId, limits: { maxFrameBytes: 64 * 1024 } } });
    await until(() => service.snapshot().connection.state === 'live', 'live with small frames');
    lab.addTeam({ teamId: 'huge', teamName: 'Huge '.repeat(20_000), memberIds: [] }, supervisorId);
    try {
      await until(() => statuses.some((s) => /larger than the limit of 64 KiB/.test(s.detail)), 'the oversized frame refused');
      expect(service.snapshot().teams.some((t) => t.teamId === 'huge')).toBe(false);
    } finally {
      lab.removeTeam('huge');
    }
  });

  it('ends the subscription on stop and saves the board for offline viewing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-svc-'));
    const first = await startService({ dir });
    await matchesLab(first.service, 'initial teams');
    const ends: Array<string | undefined> = [];
    const onEnd = (id: string | undefined) => ends.push(id);
    lab.on('end', onEnd);
    await first.stop();
    running.splice(running.indexOf(first), 1);
    lab.off('end', onEnd);
    expect(ends).toEqual([supervisorId]);
    expect(first.statuses.at(-1)).toMatchObject({ state: 'off' });
    expect(fs.existsSync(path.join(dir, BOARD_FILE))).toBe(true);

    const expected = labView();
    const lastSeq = first.service.snapshot().seq;
    await lab.stopServer();
    // The same service, as on a profile switch back: the saved board opens at once.
    const teardown = await first.service.start(first.site);
    running.push({ ...first, stop: teardown });
    const offline = first.service.snapshot();
    expect(offline.connection.state).toBe('offline');
    expect(offline.connection.asOf).toEqual(expect.any(Number));
    expect(boardView(offline)).toEqual(expected);
    expect(offline.seq).toBeGreaterThan(lastSeq);
  });

  it('looks up call journeys one at a time and passes failures on verbatim', async () => {
    const { service } = await startService({ fast: true });
    await matchesLab(service, 'initial teams');
    const asked: Array<string | undefined> = [];
    const onJourney = (id: string | undefined) => asked.push(id);
    lab.on('calljourney', onJourney);
    const [known] = lab.callIds();
    const [found, missing] = await Promise.all([service.journey(known!), service.journey('123')]);
    lab.off('calljourney', onJourney);
    expect(asked).toEqual([known, '123']);
    expect(found).toMatchObject({ found: true, callId: known });
    if (!found.found) throw new Error('unreachable');
    expect(found.steps.length).toBeGreaterThan(1);
    expect(found.steps[0]).toMatchObject({ callId: known, duration: expect.stringMatching(/^\d\d:\d\d:\d\d$/), durationSeconds: expect.any(Number) });
    expect(missing).toEqual({ callId: '123', found: false, failure: { code: 'CALL_NOT_FOUND', message: 'No call journey found for call id 123' }, receivedAt: expect.any(Number) });

    lab.setSilent(true);
    await expect(service.journey(known!)).rejects.toMatchObject({ code: expect.stringMatching(/timeout|unavailable/) });
  });

  it('shows a clear empty state without a report server in the profile', async () => {
    const { service, statuses } = await startService({ reports: false });
    const snapshot = service.snapshot();
    expect(snapshot.configured).toBe(false);
    expect(snapshot.connection.state).toBe('off');
    expect(statuses.at(-1)).toMatchObject({ id: 'reports', state: 'off' });
    await expect(service.journey('1')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('reports a refused subscription in words and keeps retrying', async () => {
    const { service, statuses } = await startService({ reports: { url: lab.url, agentId: 'nobody' } });
    await until(() => service.snapshot().connection.state === 'refused', 'refusal');
    expect(service.snapshot().connection.detail).toContain('Unknown agent id nobody');
    expect(statuses.some((s) => s.state === 'down' && s.detail.includes('Unknown agent id nobody'))).toBe(true);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed, teamsSupervisedBy, type LabSeed } from '../../lab/seed';

// A deliberately plain client: raw ws frames, JSON.parse, nothing shared with the console.

interface Frame {
  text: string | null;
  binary: Buffer | null;
  json: any;
}

class PlainClient {
  readonly frames: Frame[] = [];
  private cursor = 0;
  private wake: (() => void) | null = null;
  closed: { code: number } | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      let json: any = undefined;
      const text = isBinary ? null : data.toString('utf8');
      if (text !== null) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      this.frames.push({ text, binary: isBinary ? data : null, json });
      this.wake?.();
    });
    socket.on('close', (code: number) => {
      this.closed = { code };
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static open(url: string): Promise<PlainClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      socket.once('open', () => resolve(new PlainClient(socket)));
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next frame not read yet, waiting up to `timeoutMs`. */
  async next(timeoutMs = 2000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.cursor >= this.frames.length) {
      const left = deadline - Date.now();
      if (left <= 0 || this.closed) throw new Error('no frame received in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.frames[this.cursor++]!;
  }

  async nextJson(timeoutMs?: number): Promise<any> {
    return (await this.next(timeoutMs)).json;
  }

  /** Frames not read yet after waiting `ms` (nothing is consumed). */
  async unreadAfter(ms: number): Promise<Frame[]> {
    await sleep(ms);
    return this.frames.slice(this.cursor);
  }

  /** Skip to the end of what has arrived. */
  drain(): Frame[] {
    const unread = this.frames.slice(this.cursor);
    this.cursor = this.frames.length;
    return unread;
  }

  /**
   * Request/response on one socket is ordered: once this answer arrives, every
   * event sent before it has arrived too. Returns the events read meanwhile.
   */
  async barrier(): Promise<any[]> {
    const marker = `barrier-${Math.random()}`;
    this.send({ command: 'report.calljourney', data: { CallId: marker } });
    const events: any[] = [];
    for (let i = 0; i < 100_000; i++) {
      const message = await this.nextJson();
      if (message?.command === 'report.calljourney' && message.original?.data?.CallId === marker) return events;
      events.push(message);
    }
    throw new Error('barrier not reached');
  }

  close(): void {
    this.socket.terminate();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const STATUSES = ['ready', 'not_ready', 'ACW'];
const MEMBER_KEYS = ['memberId', 'memberName', 'memberType', 'reason', 'status'];
const EVENT_NAMES = [
  'teamadded', 'teamchanged', 'teamremoved', 'memberadded', 'memberremoved', 'memberstatuschanged',
].map((n) => `report.teamstatus.${n}`);

/** Members a team should list, computed straight from the seed. */
function expectedMemberIds(seed: LabSeed, teamId: number): string[] {
  const team = seed.teams.find((t) => t.teamId === teamId)!;
  const ids = seed.agents.filter((a) => a.teamId === teamId).map((a) => a.userID);
  for (const s of [team.primarySupervisor, ...team.secondarySupervisors]) if (s && !ids.includes(s)) ids.push(s);
  return ids;
}

function begin(agentId: unknown) {
  return { command: 'report.teamstatus.begin', data: { agentId } };
}

async function subscribe(client: PlainClient, agentId: string, teamCount: number): Promise<any[]> {
  client.send(begin(agentId));
  const response = await client.nextJson();
  expect(response).toEqual({ command: 'report.teamstatus.begin', result: 'success', data: {} });
  const added: any[] = [];
  for (let i = 0; i < teamCount; i++) added.push(await client.nextJson());
  return added;
}

const labs: ReportLab[] = [];
const clients: PlainClient[] = [];

async function startLab(seed: LabSeed, options: Parameters<typeof createReportLab>[1] = {}): Promise<ReportLab> {
  const lab = createReportLab(seed, { autoStart: false, ...options });
  labs.push(lab);
  await lab.start();
  return lab;
}

async function connect(lab: ReportLab): Promise<PlainClient> {
  const client = await PlainClient.open(lab.url);
  clients.push(client);
  return client;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const lab of labs.splice(0)) await lab.stop();
});

const seed = createSeed();
const demo = seed.demoSupervisor;
const demoTeams = teamsSupervisedBy(seed, demo);
/** A supervisor with fewer teams than the demo one. */
const otherSupervisor = seed.agents.find((a) => a.type === 2 && a.userID !== demo && teamsSupervisedBy(seed, a.userID).length > 0)!.userID;
const plainAgent = seed.agents.find((a) => a.type === 1)!;

describe('report.teamstatus.begin', () => {
  it('answers success, then one teamadded per supervised team with every member and their current status', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    expect(lab.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    const added = await subscribe(client, otherSupervisor, teamsSupervisedBy(seed, otherSupervisor).length);

    const expectedTeams = teamsSupervisedBy(seed, otherSupervisor);
    expect(added.map((e) => e.name)).toEqual(expectedTeams.map(() => 'report.teamstatus.teamadded'));
    expect(added.map((e) => e.data.team.teamId).sort()).toEqual(expectedTeams.map((t) => String(t.teamId)).sort());
    for (const event of added) {
      expect(event.data.agentId).toBe(otherSupervisor);
      const seedTeam = expectedTeams.find((t) => String(t.teamId) === event.data.team.teamId)!;
      expect(event.data.team.teamName).toBe(seedTeam.teamname);
      const members = event.data.team.members as any[];
      expect(members.map((m) => m.memberId).sort()).toEqual(expectedMemberIds(seed, seedTeam.teamId).sort());
      for (const member of members) {
        expect(Object.keys(member).sort()).toEqual(MEMBER_KEYS);
        expect(STATUSES).toContain(member.status);
        const agent = seed.agents.find((a) => a.userID === member.memberId)!;
        expect(member.memberName).toBe(`${agent.firstName} ${agent.lastName}`);
        const supervises = seedTeam.primarySupervisor === agent.userID || seedTeam.secondarySupervisors.includes(agent.userID);
        expect(member.memberType).toEqual(agent.type === 2 || supervises ? 'Supervisor' : expect.stringMatching(/^(Agent|TeamLead)$/));
        if (member.status !== 'not_ready') expect(member.reason).toBe('');
        else expect(seed.notReadyReasons).toContain(member.reason);
      }
      const leads = members.filter((m) => m.memberType === 'TeamLead').length;
      expect(leads).toBeGreaterThanOrEqual(1);
      expect(leads).toBeLessThanOrEqual(2);
    }
    // Current statuses: what the lab holds as truth.
    expect(added.map((e) => e.data.team)).toEqual(lab.snapshot(otherSupervisor));
  });

  it('starts with a plausible, deterministic mix of statuses', () => {
    const lab = createReportLab(seed, { autoStart: false });
    const members = lab.snapshot(demo).flatMap((t) => t.members);
    const share = (status: string) => members.filter((m) => m.status === status).length / members.length;
    expect(share('ready')).toBeGreaterThan(0.45);
    expect(share('ready')).toBeLessThan(0.65);
    expect(share('not_ready')).toBeGreaterThan(0.2);
    expect(share('not_ready')).toBeLessThan(0.4);
    expect(share('ACW')).toBeGreaterThan(0.07);
    expect(share('ACW')).toBeLessThan(0.23);
    expect(createReportLab(seed, { autoStart: false }).snapshot(demo)).toEqual(lab.snapshot(demo));
  });

  it('fails for an unknown agent with code, message, context and the original request', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    const request = begin('nobody-here');
    client.send(request);
    const response = await client.nextJson();
    expect(response.command).toBe('report.teamstatus.begin');
    expect(response.result).toBe('failure');
    expect(Object.keys(response.failure).sort()).toEqual(['code', 'context', 'message']);
    expect(response.failure.code).toBe('UNKNOWN_AGENT');
    expect(response.failure.message).toContain('nobody-here');
    expect(typeof response.failure.context).toBe('string');
    expect(response.original).toEqual(request);
    expect(response.data).toBeUndefined();
    expect(lab.subscriptions()).toEqual([]);
  });

  it('fails for an agent who supervises no team, and for a request without agentId', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    client.send(begin(plainAgent.userID));
    const notSupervisor = await client.nextJson();
    expect(notSupervisor).toMatchObject({ command: 'report.teamstatus.begin', result: 'failure', failure: { code: 'NOT_A_SUPERVISOR' } });
    expect(notSupervisor.failure.message).toContain(plainAgent.userID);
    expect(notSupervisor.original).toEqual(begin(plainAgent.userID));

    const noData = { command: 'report.teamstatus.begin' };
    client.send(noData);
    expect(await client.nextJson()).toMatchObject({
      command: 'report.teamstatus.begin', result: 'failure', failure: { code: 'MISSING_FIELD' }, original: noData,
    });
    // Nothing else was sent (no teamadded after a failure).
    expect(await client.unreadAfter(150)).toEqual([]);
  });

  it('answers malformed requests and unknown commands with failures', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    client.send('{"command": "report.teamstatus.begin", ');
    const invalid = await client.nextJson();
    expect(invalid).toMatchObject({ command: 'unknown', result: 'failure', failure: { code: 'INVALID_JSON' } });
    expect(invalid.original).toBe('{"command": "report.teamstatus.begin", ');

    client.send({ data: { agentId: demo } });
    expect(await client.nextJson()).toMatchObject({ command: 'unknown', result: 'failure', failure: { code: 'INVALID_REQUEST' } });

    const unknown = { command: 'report.queuestatus.begin', data: {} };
    client.send(unknown);
    const unknownResponse = await client.nextJson();
    expect(unknownResponse).toMatchObject({ command: 'report.queuestatus.begin', result: 'failure', failure: { code: 'UNKNOWN_COMMAND' } });
    expect(unknownResponse.original).toEqual(unknown);
  });

  it('serves several supervisors on one socket, each event carrying the subscribed agentId', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
    await subscribe(client, otherSupervisor, teamsSupervisedBy(seed, otherSupervisor).length);
    expect(lab.subscriptions().map((s) => s.agentId).sort()).toEqual([demo, otherSupervisor].sort());

    const sharedTeam = teamsSupervisedBy(seed, otherSupervisor)[0]!;
    const agent = seed.agents.find((a) => a.teamId === sharedTeam.teamId && a.type === 1)!;
    lab.setMemberStatus(agent.userID, 'not_ready', 'Lunch');
    const events = [await client.nextJson(), await client.nextJson()];
    expect(events.map((e) => e.data.agentId).sort()).toEqual([demo, otherSupervisor].sort());
    for (const event of events) {
      expect(event.name).toBe('report.teamstatus.memberstatuschanged');
      expect(event.data.team.members).toEqual([
        expect.objectContaining({ memberId: agent.userID, status: 'not_ready', reason: 'Lunch' }),
      ]);
    }
  });
});

describe('report.teamstatus.end', () => {
  it('stops events for that agentId only, and emits end to listeners', async () => {
    const lab = await startLab(seed);
    const ended: Array<string | undefined> = [];
    lab.on('end', (agentId) => ended.push(agentId));
    const watcher = await connect(lab);
    const leaver = await connect(lab);
    await subscribe(watcher, demo, demoTeams.length);
    await subscribe(leaver, demo, demoTeams.length);

    leaver.send({ command: 'report.teamstatus.end', data: { agentId: demo } });
    expect(await leaver.nextJson()).toEqual({ command: 'report.teamstatus.end', result: 'success', data: {} });
    expect(ended).toEqual([demo]);
    expect(lab.subscriptions()).toEqual([{ agentId: demo }]);

    lab.setMemberStatus(plainAgent.userID, 'ACW');
    // The other socket still receives it, so an event was really sent...
    expect((await watcher.nextJson()).name).toBe('report.teamstatus.memberstatuschanged');
    // ...but not to the socket that ended its subscription.
    expect(await leaver.unreadAfter(150)).toEqual([]);
  });

  it('ends subscriptions when the socket closes, without a reported end request', async () => {
    const lab = await startLab(seed);
    const ended: Array<string | undefined> = [];
    const begun: Array<string | undefined> = [];
    lab.on('end', (agentId) => ended.push(agentId));
    lab.on('begin', (agentId) => begun.push(agentId));
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
    expect(begun).toEqual([demo]);
    expect(lab.connectionCount()).toBe(1);
    client.close();
    for (let i = 0; i < 100 && lab.connectionCount() > 0; i++) await sleep(10);
    expect(lab.connectionCount()).toBe(0);
    expect(lab.subscriptions()).toEqual([]);
    expect(ended).toEqual([]);
  });
});

describe('team status events', () => {
  it('delivers each of the six events with exactly the documented shape', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
    const team = demoTeams[1]!;
    const teamId = String(team.teamId);
    const agent = seed.agents.find((a) => a.teamId === team.teamId && a.type === 1)!;

    lab.setMemberStatus(agent.userID, 'not_ready', 'Break');
    const statusChanged = await client.nextJson();
    expect(statusChanged).toEqual({
      name: 'report.teamstatus.memberstatuschanged',
      data: {
        agentId: demo,
        team: {
          teamId,
          teamName: team.teamname,
          members: [{
            memberId: agent.userID,
            memberType: expect.stringMatching(/^(Agent|TeamLead)$/),
            memberName: `${agent.firstName} ${agent.lastName}`,
            status: 'not_ready',
            reason: 'Break',
          }],
        },
      },
    });

    lab.renameTeam(teamId, 'Renamed Team');
    expect(await client.nextJson()).toEqual({
      name: 'report.teamstatus.teamchanged',
      data: { agentId: demo, team: { teamId, teamName: 'Renamed Team' } },
    });

    lab.removeMember(teamId, agent.userID);
    expect(await client.nextJson()).toEqual({
      name: 'report.teamstatus.memberremoved',
      data: { agentId: demo, team: { teamId, teamName: 'Renamed Team', members: [{ memberId: agent.userID }] } },
    });

    lab.addMember(teamId, agent.userID);
    const memberAdded = await client.nextJson();
    expect(memberAdded.name).toBe('report.teamstatus.memberadded');
    expect(memberAdded.data.agentId).toBe(demo);
    expect(memberAdded.data.team.teamId).toBe(teamId);
    expect(memberAdded.data.team.teamName).toBe('Renamed Team');
    expect(memberAdded.data.team.members).toHaveLength(1);
    expect(Object.keys(memberAdded.data.team.members[0]).sort()).toEqual(MEMBER_KEYS);
    expect(memberAdded.data.team.members[0]).toMatchObject({ memberId: agent.userID, status: 'not_ready', reason: 'Break' });

    const newMembers = seed.agents.filter((a) => a.type === 1 && a.teamId === demoTeams[2]!.teamId).slice(0, 2);
    lab.addTeam({ teamId: '900', teamName: 'Pop-up Team', memberIds: newMembers.map((a) => a.userID) }, demo);
    // The agents leave their previous team first (an agent has one team)...
    const movedOut = await client.nextJson();
    expect(movedOut).toEqual({
      name: 'report.teamstatus.memberremoved',
      data: {
        agentId: demo,
        team: { teamId: String(demoTeams[2]!.teamId), teamName: demoTeams[2]!.teamname, members: newMembers.map((a) => ({ memberId: a.userID })) },
      },
    });
    // ...then the new team arrives with every member (the supervisor included).
    const teamAdded = await client.nextJson();
    expect(teamAdded.name).toBe('report.teamstatus.teamadded');
    expect(Object.keys(teamAdded.data).sort()).toEqual(['agentId', 'team']);
    expect(Object.keys(teamAdded.data.team).sort()).toEqual(['members', 'teamId', 'teamName']);
    expect(teamAdded.data.team.teamId).toBe('900');
    expect(teamAdded.data.team.members.map((m: any) => m.memberId)).toEqual([...newMembers.map((a) => a.userID), demo]);
    for (const member of teamAdded.data.team.members) expect(Object.keys(member).sort()).toEqual(MEMBER_KEYS);

    lab.removeTeam('900');
    expect(await client.nextJson()).toEqual({
      name: 'report.teamstatus.teamremoved',
      data: { agentId: demo, team: { teamId: '900', teamName: 'Pop-up Team' } },
    });
  });

  it('sends team changes only to supervisors of that team', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    const otherTeams = teamsSupervisedBy(seed, otherSupervisor);
    await subscribe(client, otherSupervisor, otherTeams.length);
    const foreignTeam = seed.teams.find((t) => !otherTeams.includes(t))!;
    lab.renameTeam(String(foreignTeam.teamId), 'Not yours');
    lab.renameTeam(String(otherTeams[0]!.teamId), 'Yours');
    const event = await client.nextJson();
    expect(event.data.team).toEqual({ teamId: String(otherTeams[0]!.teamId), teamName: 'Yours' });
    expect(await client.unreadAfter(100)).toEqual([]);
  });
});

describe('report.calljourney', () => {
  it('returns the recorded steps of a call and a failure for an unknown call id', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    lab.step(200);
    const ids = lab.callIds();
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(id).toMatch(/^\d{8,}$/);
    expect(Number(ids[0])).toBeGreaterThan(Number(ids[ids.length - 1]));

    const request = { command: 'report.calljourney', data: { CallId: ids[0] } };
    client.send(request);
    const response = await client.nextJson();
    expect(response.command).toBe('report.calljourney');
    expect(response.result).toBe('success');
    expect(Object.keys(response.data)).toEqual(['CallJourney']);
    const steps = response.data.CallJourney as any[];
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) {
      expect(Object.keys(step).sort()).toEqual(['CallId', 'Description', 'Device', 'DeviceType', 'Duration']);
      expect(step.CallId).toBe(ids[0]);
      expect(step.Duration).toMatch(/^\d{2}:[0-5]\d:[0-5]\d$/);
      expect(step.Device).not.toBe('');
    }
    expect(steps[0].DeviceType).toBe('CTI Route Point');
    expect(steps.map((s) => s.DeviceType)).toContain('CSQ');
    // The last step is the agent who took the call: their extension.
    const extensions = seed.agents.map((a) => a.extension);
    expect(extensions).toContain(steps[steps.length - 1].Device);

    const unknown = { command: 'report.calljourney', data: { CallId: '42' } };
    client.send(unknown);
    const failure = await client.nextJson();
    expect(failure).toMatchObject({ command: 'report.calljourney', result: 'failure', failure: { code: 'CALL_NOT_FOUND' } });
    expect(failure.failure.message).toBe('No call journey found for call id 42');
    expect(failure.original).toEqual(unknown);

    client.send({ command: 'report.calljourney', data: {} });
    expect(await client.nextJson()).toMatchObject({ result: 'failure', failure: { code: 'MISSING_FIELD' } });
  });

  it('records a journey for every agent who goes from ready into ACW', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
    const statusBefore = new Map(lab.snapshot(demo).flatMap((t) => t.members).map((m) => [m.memberId, m.status]));
    const idsBefore = lab.callIds().length;
    lab.step(100);
    const events = await client.barrier();
    const wentIntoAcw = events
      .flatMap((e) => e.data.team.members)
      .filter((m: any) => m.status === 'ACW' && statusBefore.get(m.memberId) === 'ready');
    expect(wentIntoAcw.length).toBeGreaterThan(0);
    expect(lab.callIds().length - idsBefore).toBeGreaterThanOrEqual(wentIntoAcw.length);
  });
});

describe('scenario engine', () => {
  it('sends memberstatuschanged at roughly the configured rate, and a client applying every event matches the snapshot', async () => {
    const lab = await startLab(seed, { rate: 100 });
    const client = await connect(lab);
    const board = new Map<string, Map<string, any>>();
    for (const event of await subscribe(client, demo, demoTeams.length)) {
      board.set(event.data.team.teamId, new Map(event.data.team.members.map((m: any) => [m.memberId, m])));
    }
    const started = performance.now();
    lab.resume();
    await sleep(1200);
    lab.pause();
    const elapsedSeconds = (performance.now() - started) / 1000;
    const events = await client.barrier();

    let updates = 0;
    for (const event of events) {
      expect(event.name).toBe('report.teamstatus.memberstatuschanged');
      expect(event.data.agentId).toBe(demo);
      const members = board.get(event.data.team.teamId)!;
      for (const member of event.data.team.members) {
        expect(members.has(member.memberId)).toBe(true);
        members.set(member.memberId, member);
        updates++;
      }
    }
    const perSecond = updates / elapsedSeconds;
    expect(perSecond).toBeGreaterThan(60);
    expect(perSecond).toBeLessThan(140);
    // Changes in one tick are grouped: fewer events than member updates on a busy board.
    expect(events.length).toBeLessThanOrEqual(updates);
    expect(lab.statusChangesSent()).toBe(updates);

    const truth = lab.snapshot(demo);
    expect(truth.map((t) => t.teamId)).toEqual([...board.keys()]);
    for (const team of truth) {
      expect(team.members).toEqual(team.members.map((m) => board.get(team.teamId)!.get(m.memberId)));
    }
  });

  it('groups members of the same team changed in one step into one event', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
    lab.step(120);
    const events = await client.barrier();
    const teamIds = events.map((e) => e.data.team.teamId);
    expect(new Set(teamIds).size).toBe(teamIds.length);
    expect(events.some((e) => e.data.team.members.length > 1)).toBe(true);
  });

  it('keeps the status mix plausible over a long run', () => {
    const lab = createReportLab(seed, { autoStart: false });
    lab.step(30_000);
    const members = lab.snapshot(demo).flatMap((t) => t.members);
    const share = (status: string) => members.filter((m) => m.status === status).length / members.length;
    expect(share('ready')).toBeGreaterThan(0.42);
    expect(share('ready')).toBeLessThan(0.68);
    expect(share('ACW')).toBeGreaterThan(0.06);
    expect(share('ACW')).toBeLessThan(0.25);
    for (const m of members) {
      if (m.status === 'not_ready') expect(seed.notReadyReasons).toContain(m.reason);
      else expect(m.reason).toBe('');
    }
  });

  it('is deterministic: the same seed gives the same events, another seed different ones', async () => {
    async function firstEvents(scenarioSeed: number): Promise<string[]> {
      const lab = await startLab(seed, { seed: scenarioSeed });
      const client = await connect(lab);
      await subscribe(client, demo, demoTeams.length);
      for (let i = 0; i < 5; i++) lab.step(10);
      await client.barrier();
      const frames = client.frames.map((f) => f.text!);
      // Drop the barrier answer, whose original carries a random marker.
      return frames.slice(0, -1);
    }
    const first = await firstEvents(7);
    const second = await firstEvents(7);
    const other = await firstEvents(8);
    expect(first.length).toBeGreaterThan(demoTeams.length + 5);
    expect(second).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('sends nothing while paused and nothing at rate 0', async () => {
    const lab = await startLab(seed, { autoStart: true, rate: 500 });
    const client = await connect(lab);
    lab.pause();
    await subscribe(client, demo, demoTeams.length);
    expect(await client.unreadAfter(150)).toEqual([]);
    lab.setRate(0);
    lab.resume();
    expect(await client.unreadAfter(150)).toEqual([]);
    lab.setRate(500);
    expect((await client.nextJson()).name).toBe('report.teamstatus.memberstatuschanged');
  });
});

describe('faults', () => {
  it('dropAllSockets closes every client socket abruptly', async () => {
    const lab = await startLab(seed);
    const a = await connect(lab);
    const b = await connect(lab);
    await subscribe(a, demo, demoTeams.length);
    expect(lab.connectionCount()).toBe(2);
    lab.dropAllSockets();
    for (let i = 0; i < 100 && (!a.closed || !b.closed); i++) await sleep(10);
    expect(a.closed?.code).toBe(1006);
    expect(b.closed?.code).toBe(1006);
    expect(lab.connectionCount()).toBe(0);
    expect(lab.subscriptions()).toEqual([]);
    // The server still accepts new connections.
    const again = await connect(lab);
    await subscribe(again, demo, demoTeams.length);
  });

  it('sends each malformed frame kind to subscribed sockets only', async () => {
    const lab = await startLab(seed);
    const subscribed = await connect(lab);
    const idle = await connect(lab);
    await subscribe(subscribed, demo, demoTeams.length);

    lab.sendMalformed('invalid-json');
    const invalid = await subscribed.next();
    expect(invalid.text).not.toBeNull();
    expect(() => JSON.parse(invalid.text!)).toThrow();

    lab.sendMalformed('unknown-event');
    const unknownEvent = (await subscribed.next()).json;
    expect(unknownEvent.name).toMatch(/^report\.teamstatus\./);
    expect(EVENT_NAMES).not.toContain(unknownEvent.name);

    lab.sendMalformed('missing-fields');
    const missing = (await subscribed.next()).json;
    expect(EVENT_NAMES).toContain(missing.name);
    expect(missing.data.team.teamId === undefined || missing.data.team.members === undefined).toBe(true);

    const before = lab.snapshot(demo);
    lab.sendMalformed('unknown-status');
    const unknownStatus = (await subscribed.next()).json;
    expect(unknownStatus.name).toBe('report.teamstatus.memberstatuschanged');
    expect(unknownStatus.data.team.members.length).toBeGreaterThan(0);
    for (const member of unknownStatus.data.team.members) expect(STATUSES).not.toContain(member.status);
    expect(lab.snapshot(demo)).toEqual(before);

    lab.sendMalformed('binary');
    const binary = await subscribed.next();
    expect(binary.text).toBeNull();
    expect(binary.binary!.length).toBeGreaterThan(0);

    expect(await idle.unreadAfter(100)).toEqual([]);
  });

  it('silent mode keeps the socket open but answers no ping, request or event', async () => {
    const lab = await startLab(seed);
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
    let pongs = 0;
    client.socket.on('pong', () => pongs++);

    client.socket.ping();
    for (let i = 0; i < 100 && pongs === 0; i++) await sleep(10);
    expect(pongs).toBe(1);

    lab.setSilent(true);
    client.socket.ping();
    lab.setMemberStatus(plainAgent.userID, 'ACW');
    client.send({ command: 'report.calljourney', data: { CallId: '1' } });
    expect(await client.unreadAfter(300)).toEqual([]);
    expect(pongs).toBe(1);
    expect(client.closed).toBeNull();
    expect(lab.connectionCount()).toBe(1);

    lab.setSilent(false);
    client.socket.ping();
    for (let i = 0; i < 100 && pongs < 2; i++) await sleep(10);
    expect(pongs).toBe(2);
  });

  it('stopServer refuses connections and startServer accepts again on the same port', async () => {
    const lab = await startLab(seed);
    const existing = await connect(lab);
    const url = lab.url;
    await lab.stopServer();
    for (let i = 0; i < 100 && !existing.closed; i++) await sleep(10);
    expect(existing.closed).not.toBeNull();

    const refused = await PlainClient.open(url).then(
      () => 'connected',
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe('ECONNREFUSED');

    await lab.startServer();
    expect(lab.url).toBe(url);
    const client = await connect(lab);
    await subscribe(client, demo, demoTeams.length);
  });
});

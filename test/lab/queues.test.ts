import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';

// Calls in the lab: the real-time endpoint and agentstats read with plain
// fetch, and the agents' states seen through the lab's own control API (the
// same agents Finesse and the report stream show).

let lab: Lab;
const control = (path: string, body?: unknown) =>
  fetch(`${lab.endpoints.control}${path}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));
const realtime = (node = 0, headers: Record<string, string> = {}) => fetch(`${lab.endpoints.uccx.nodes[node]}/realtime/VoiceIAQStats`, { headers });
type Stats = { esdName: string; nWaitingContacts: number; longestCurrentlyWaitingDuration: number; nAvailResources: number; nInSessionResources: number; nHandledContacts: number; nAbandonedContacts: number; nWorkResources: number };
async function figures(name: string, node = 0): Promise<Stats> {
  const list = (await (await realtime(node)).json()) as Array<{ id: string; operation: string; VoiceIAQStats: Stats }>;
  const entry = list.find((e) => e.id === name)!;
  expect(entry.operation).toBe('UPDATE');
  return entry.VoiceIAQStats;
}

beforeAll(async () => {
  lab = await startLab({ agents: 150, teams: 6 });
  lab.queues.stop();
  await control('/reports/pause', {});
});
afterAll(async () => {
  await lab?.stop();
});

describe('calls per CSQ', () => {
  const csq = () => lab.seed.csqs[0]!.name;
  const eligible = () => lab.uccx.store.agentsByCsq().get(String(lab.seed.csqs[0]!.id))!;

  it('serves every CSQ of the configuration on both nodes, in VoiceIAQStats terms', async () => {
    const a = (await (await realtime(0)).json()) as unknown[];
    const b = (await (await realtime(1)).json()) as unknown[];
    expect(a).toHaveLength(lab.seed.csqs.length);
    expect(b).toEqual(a);
  });

  it('queues calls while no agent who can take them is Ready, and a Ready agent with the skill answers one', async () => {
    expect(eligible().length).toBeGreaterThan(0);
    await control('/queues/load', { csq: csq(), callsPerMinute: 0 });
    await control('/queues/staff', { csq: csq() });
    await control('/queues/calls', { csq: csq(), count: 3, waitedSeconds: 70 });
    lab.queues.tick();
    const before = await figures(csq());
    expect(before).toMatchObject({ nWaitingContacts: 3, nAvailResources: 0 });
    expect(before.longestCurrentlyWaitingDuration).toBeGreaterThanOrEqual(70_000);
    expect(before.longestCurrentlyWaitingDuration).toBeLessThan(75_000);

    const agent = eligible().find((id) => (lab.reports.agents.member(id)?.agentState ?? 'LOGOUT') === 'NOT_READY')!;
    expect((await control(`/agents/${agent}/state`, { state: 'READY' })).status).toBe(200);
    lab.queues.tick();
    expect((await control(`/agents/${agent}`)).json).toMatchObject({ state: 'TALKING' });
    const after = await figures(csq());
    expect(after).toMatchObject({ nWaitingContacts: 2, nHandledContacts: before.nHandledContacts + 1, nInSessionResources: before.nInSessionResources + 1, nAvailResources: 0 });

    // The call ends: wrap-up in Finesse and ACW on the report stream.
    lab.queues.tick(Date.now() + 130_000);
    expect((await control(`/agents/${agent}`)).json).toMatchObject({ state: 'WORK' });
    const row = lab.reports.snapshot(lab.seed.demoSupervisor).flatMap((t) => t.members).find((m) => m.memberId === agent);
    expect(row?.status).toBe('ACW');
  });

  it('lets callers nobody answers hang up (abandoned)', async () => {
    const before = await figures(csq());
    lab.queues.tick(Date.now() + 250_000);
    const after = await figures(csq());
    expect(after.nWaitingContacts).toBe(0);
    expect(after.nAbandonedContacts).toBe(before.nAbandonedContacts + before.nWaitingContacts);
  });

  it('builds queues from the arrival rate', async () => {
    await control('/queues/staff', { csq: csq() });
    await control('/queues/load', { csq: csq(), callsPerMinute: 600 });
    lab.queues.tick(Date.now() + 3_000);
    expect((await figures(csq())).nWaitingContacts).toBeGreaterThan(5);
    await control('/queues/load', { csq: csq(), callsPerMinute: 0 });
  });

  it('counts the centre’s agents for agentstats, with the adminapi credentials only', async () => {
    const url = `${lab.endpoints.uccx.nodes[0]}/adminapi/agentstats`;
    expect((await fetch(url)).status).toBe(401);
    const { username, password } = lab.endpoints.uccx;
    const text = await (await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } })).text();
    const s = lab.queues.agentStats();
    expect(text).toContain(`<agentStats><loggedIn>${s.loggedIn}</loggedIn><ready>${s.ready}</ready><notReady>${s.notReady}</notReady><talking>${s.talking}</talking></agentStats>`);
    expect(s.loggedIn).toBeGreaterThan(100);
  });
});

describe('the endpoint’s faults', () => {
  it('answers 404, garbage, nothing or slowly, and again normally after reset', async () => {
    await control('/queues/fault', { kind: 'absent' });
    expect((await realtime()).status).toBe(404);
    await control('/queues/fault', { kind: 'garbage' });
    await expect((await realtime()).json()).rejects.toThrow();
    await control('/queues/fault', { kind: 'empty' });
    expect(await (await realtime()).text()).toBe('');
    await control('/queues/fault', { kind: 'slow', ms: 400 });
    const started = Date.now();
    expect((await realtime()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await control('/reset', {});
    expect((await control('/queues')).json.fault).toBe('none');
    expect((await realtime()).status).toBe(200);
  });

  it('needs no credentials, but refuses wrong ones', async () => {
    expect((await realtime(0, { authorization: `Basic ${Buffer.from('sup01:nope').toString('base64')}` })).status).toBe(401);
    expect((await realtime(0, { authorization: `Basic ${Buffer.from(`${lab.seed.demoSupervisor}:${lab.endpoints.finesse.password}`).toString('base64')}` })).status).toBe(200);
  });
});

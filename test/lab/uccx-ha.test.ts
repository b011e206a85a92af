import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeed } from '../../lab/seed';
import { type UccxChange, UccxApiError, createUccxLab, type UccxLab } from '../../lab/uccx';

// The HA pair, faults, the store seen by tests and the lab's speed, driven
// with node's fetch only.

const CREDENTIALS = { username: 'ccxadmin', password: 'lab-secret' };
const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
const seed = createSeed();
const agent = seed.agents.find((a) => a.type === 1 && a.skills.length > 0)!;

let lab: UccxLab;

function nodeUrl(which: 0 | 1): string {
  return lab.nodes[which].url;
}

function call(which: 0 | 1, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', AUTH);
  return fetch(`${nodeUrl(which)}${path}`, { ...init, headers });
}

async function isDbMaster(which: 0 | 1): Promise<boolean> {
  // No credentials: the probe is unauthenticated in the product.
  const response = await fetch(`${nodeUrl(which)}/uccx/isDBMaster`);
  expect(response.status).toBe(200);
  const body = await response.text();
  const match = /<DBMaster>(true|false)<\/DBMaster>/.exec(body);
  expect(match, body).not.toBeNull();
  return match![1] === 'true';
}

function createSkill(which: 0 | 1, name: string): Promise<Response> {
  return call(which, '/adminapi/skill', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: `<skill><skillName>${name}</skillName></skill>` });
}

describe('UCCX lab: HA pair', () => {
  beforeEach(async () => {
    lab = createUccxLab(seed, { credentials: CREDENTIALS });
    await lab.start();
  });
  afterEach(async () => {
    await lab.stop();
  });

  it('names its nodes ccx-a and ccx-b on distinct loopback ports', () => {
    expect(lab.nodes.map((n) => n.name)).toEqual(['ccx-a', 'ccx-b']);
    expect(nodeUrl(0)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(nodeUrl(0)).not.toBe(nodeUrl(1));
  });

  it('answers isDBMaster per node as set, with ccx-a the master by default', async () => {
    expect(lab.dbMaster()).toBe('a');
    expect([await isDbMaster(0), await isDbMaster(1)]).toEqual([true, false]);
    lab.setDbMaster('b');
    expect([await isDbMaster(0), await isDbMaster(1)]).toEqual([false, true]);
    lab.setDbMaster('both');
    expect([await isDbMaster(0), await isDbMaster(1)]).toEqual([true, true]);
    lab.setDbMaster('none');
    expect([await isDbMaster(0), await isDbMaster(1)]).toEqual([false, false]);
  });

  it('serves reads on both nodes but refuses writes on the non-master with 503 saying so', async () => {
    const fromB = await call(1, `/adminapi/resource/${agent.userID}`);
    expect(fromB.status).toBe(200);
    const xml = await fromB.text();
    expect(xml).toContain(`<self>${nodeUrl(1)}/adminapi/resource/${agent.userID}</self>`);

    const write = await createSkill(1, 'Written_On_B');
    expect(write.status).toBe(503);
    const body = await write.text();
    expect(body).toContain('<apiErrors>');
    expect(body).toMatch(/not the database master/);
    const put = await call(1, `/adminapi/resource/${agent.userID}`, { method: 'PUT', headers: { 'content-type': 'application/xml' }, body: xml });
    expect(put.status).toBe(503);
    const remove = await call(1, '/adminapi/calendar/2', { method: 'DELETE', headers: { accept: 'application/json' } });
    expect(remove.status).toBe(503);
    expect((await remove.json()).apiError[0].errorMessage).toContain('ccx-b');
    expect(lab.store.count('skill')).toBe(seed.skills.length);
    expect(lab.store.exists('calendar', '2')).toBe(true);

    expect((await createSkill(0, 'Written_On_A')).status).toBe(201);
    lab.setDbMaster('b');
    expect((await createSkill(0, 'Written_On_A_Again')).status).toBe(503);
    expect((await createSkill(1, 'Written_On_B')).status).toBe(201);
  });

  it('accepts writes on both nodes in island mode and on neither with no master', async () => {
    lab.setDbMaster('both');
    expect((await createSkill(0, 'Island_A')).status).toBe(201);
    expect((await createSkill(1, 'Island_B')).status).toBe(201);
    lab.setDbMaster('none');
    expect((await createSkill(0, 'Nobody_A')).status).toBe(503);
    expect((await createSkill(1, 'Nobody_B')).status).toBe(503);
    expect(lab.store.count('skill')).toBe(seed.skills.length + 2);
  });

  it('refuses connections on a stopped node, and mastership does not move to the survivor', async () => {
    await lab.nodes[0].stop();
    await expect(fetch(`${nodeUrl(0)}/uccx/isDBMaster`)).rejects.toThrow();
    expect(await isDbMaster(1)).toBe(false);
    expect((await createSkill(1, 'During_Outage')).status).toBe(503);
    expect((await call(1, '/adminapi/team')).status).toBe(200);
    await lab.nodes[0].start();
    expect(await isDbMaster(0)).toBe(true);
    expect((await createSkill(0, 'After_Outage')).status).toBe(201);
  });

  it('holds requests on a hung node until the client gives up, while the peer answers', async () => {
    lab.nodes[0].hang();
    const started = Date.now();
    await expect(call(0, '/adminapi/skill', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await call(1, '/adminapi/skill', { signal: AbortSignal.timeout(2_000) })).status).toBe(200);
    lab.nodes[0].resume();
    expect((await call(0, '/adminapi/skill', { signal: AbortSignal.timeout(2_000) })).status).toBe(200);
  });

  it('applies LabNode latency and forced 500s to adminapi answers', async () => {
    lab.nodes[1].latencyMs = 150;
    const started = Date.now();
    expect((await call(1, '/adminapi/skill/1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    lab.nodes[0].failWith500 = true;
    expect((await call(0, '/adminapi/skill/1')).status).toBe(500);
  });
});

describe('UCCX lab: the store behind the console', () => {
  beforeEach(async () => {
    lab = createUccxLab(seed, { credentials: CREDENTIALS });
    await lab.start();
  });
  afterEach(async () => {
    await lab.stop();
  });

  it('shows changes made behind the console on both nodes, and validates them like HTTP writes', async () => {
    const updated = lab.store.update('resource', agent.userID, (resource) => {
      resource.alias = 'Changed elsewhere';
    });
    expect(updated.alias).toBe('Changed elsewhere');
    for (const which of [0, 1] as const) {
      const json = await (await call(which, `/adminapi/resource/${agent.userID}`, { headers: { accept: 'application/json' } })).json();
      expect(json.alias).toBe('Changed elsewhere');
    }
    expect(() =>
      lab.store.update('resource', agent.userID, (resource) => {
        (resource.skillMap as any).skillCompetency[0].competencelevel = 11;
      }),
    ).toThrow(UccxApiError);
    expect((lab.store.get('resource', agent.userID)!.skillMap as any).skillCompetency[0].competencelevel).toBe(agent.skills[0]!.competencelevel);
    // get() hands out copies: changing one does not change the store.
    (lab.store.get('resource', agent.userID) as any).alias = 'not stored';
    expect(lab.store.get('resource', agent.userID)!.alias).toBe('Changed elsewhere');
  });

  it('emits change events with the previous answer, for the agent and both teams on a team move', async () => {
    const changes: UccxChange[] = [];
    lab.store.on('change', (change) => changes.push(change));
    const target = seed.teams.find((t) => t.teamId !== agent.teamId)!;
    const json = await (await call(0, `/adminapi/resource/${agent.userID}`, { headers: { accept: 'application/json' } })).json();
    json.team = { '@name': target.teamname, refURL: `${nodeUrl(0)}/adminapi/team/${target.teamId}` };
    const put = await call(0, `/adminapi/resource/${agent.userID}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
    expect(put.status).toBe(200);

    const summary = changes.map((c) => `${c.entity}/${c.id}/${c.kind}`).sort();
    expect(summary).toEqual([`resource/${agent.userID}/updated`, `team/${agent.teamId}/updated`, `team/${target.teamId}/updated`].sort());
    const resourceChange = changes.find((c) => c.entity === 'resource')!;
    expect(resourceChange.previous!.team).toMatchObject({ refURL: `/adminapi/team/${agent.teamId}` });
    const oldTeam = changes.find((c) => c.entity === 'team' && c.id === String(agent.teamId))!;
    const previousMembers = ((oldTeam.previous!.resources as any).resource as any[]).map((r) => r['@name']);
    expect(previousMembers).toContain(agent.userID);
    expect(lab.store.teamMembers(String(agent.teamId))).not.toContain(agent.userID);
    expect(lab.store.teamMembers(String(target.teamId))).toContain(agent.userID);
    expect(lab.store.teamIdOf(agent.userID)).toBe(String(target.teamId));

    changes.length = 0;
    lab.store.update('team', String(target.teamId), (team) => {
      team.teamname = 'Renamed Behind The Back';
    });
    expect(changes.map((c) => `${c.entity}/${c.id}/${c.kind}`)).toEqual([`team/${target.teamId}/updated`]);
    expect(changes[0]!.previous!.teamname).toBe(target.teamname);

    changes.length = 0;
    const created = await createSkill(0, 'Evented');
    const id = new URL(await created.text()).pathname.split('/').pop()!;
    await call(0, `/adminapi/skill/${id}`, { method: 'DELETE' });
    expect(changes.map((c) => `${c.entity}/${c.id}/${c.kind}`)).toEqual([`skill/${id}/created`, `skill/${id}/deleted`]);
  });

  it('moves the members of a deleted team to the Default team, which it creates', async () => {
    const changes: UccxChange[] = [];
    lab.store.on('change', (change) => changes.push(change));
    const team = seed.teams[4]!;
    const members = lab.store.teamMembers(String(team.teamId));
    expect(members.length).toBeGreaterThan(0);
    expect((await call(0, `/adminapi/team/${team.teamId}`, { method: 'DELETE' })).status).toBe(200);
    const teams = await (await call(0, '/adminapi/team', { headers: { accept: 'application/json' } })).json();
    const defaultTeam = teams.team.find((t: any) => t.teamname === 'Default');
    expect(defaultTeam.resources.resource.map((r: any) => r['@name']).sort()).toEqual([...members].sort());
    expect(changes.filter((c) => c.kind === 'created').map((c) => c.entity)).toEqual(['team']);
    expect(changes.find((c) => c.kind === 'deleted')).toMatchObject({ entity: 'team', id: String(team.teamId) });
    expect((await call(0, `/adminapi/team/${defaultTeam.teamId}`, { method: 'DELETE' })).status).toBe(409);
  });
});

describe('UCCX lab: scale', () => {
  it('loads the whole 400-agent configuration with 20 ms latency well under 2 s', async () => {
    lab = createUccxLab(seed, { credentials: CREDENTIALS });
    await lab.start();
    try {
      for (const node of lab.nodes) node.latencyMs = 20;
      const started = Date.now();
      const lists = await Promise.all(
        ['resource?withCsqs', 'skill', 'csq', 'team', 'resourceGroup', 'application', 'calendar'].map(async (path) => {
          const response = await call(0, `/adminapi/${path}`, { headers: { accept: 'application/json' } });
          expect(response.status).toBe(200);
          return response.json();
        }),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(lists[0].resource).toHaveLength(400);
      expect(lists[3].team).toHaveLength(seed.teams.length);
    } finally {
      await lab.stop();
    }
  });

  it('lists 5,000 agents and their teams without per-item scans', async () => {
    const big = createSeed({ agents: 5_000 });
    lab = createUccxLab(big, { credentials: CREDENTIALS });
    await lab.start();
    try {
      const started = Date.now();
      const xml = await (await call(0, '/adminapi/resource?withCsqs')).text();
      const teams = await (await call(0, '/adminapi/team', { headers: { accept: 'application/json' } })).json();
      const elapsed = Date.now() - started;
      expect((xml.match(/<userID>/g) ?? []).length).toBe(5_000);
      const members = teams.team.reduce((sum: number, t: any) => sum + t.resources.resource.length, 0);
      expect(members).toBe(5_000);
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      await lab.stop();
    }
  });
});

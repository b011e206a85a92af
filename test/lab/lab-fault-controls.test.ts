import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab, type LabWrite } from '../../lab';

/**
 * The fault controls the fault suite relies on, through the control API as
 * tests and people use them: per-node 500s, latency and hangs, the write log
 * that proves "written exactly once", the node listing and the reset.
 */
let lab: Lab;
const BASIC = `Basic ${Buffer.from('administrator:ccxLab!2026').toString('base64')}`;

async function post(path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${lab.endpoints.control}${path}`, { method: 'POST', body: JSON.stringify(body) });
}

beforeAll(async () => {
  lab = await startLab({ rate: 0 });
});
afterAll(async () => {
  await lab?.stop();
});

describe('lab fault controls', () => {
  it('answers 500 on one node only, adds latency to one node only, and hangs one node', async () => {
    const [nodeA, nodeB] = lab.endpoints.uccx.nodes;
    expect(await (await post('/nodes/ccx-a/fail500', { on: true })).json()).toMatchObject({ node: 'ccx-a', failWith500: true });
    expect((await fetch(`${nodeA}/uccx/isDBMaster`)).status).toBe(500);
    expect((await fetch(`${nodeB}/uccx/isDBMaster`)).status).toBe(200);
    await post('/nodes/ccx-a/fail500', { on: false });
    expect((await fetch(`${nodeA}/uccx/isDBMaster`)).status).toBe(200);

    await post('/nodes/ccx-b/latency', { ms: 300 });
    const timed = async (url: string) => {
      const started = Date.now();
      await (await fetch(`${url}/uccx/isDBMaster`)).text();
      return Date.now() - started;
    };
    expect(await timed(nodeB)).toBeGreaterThanOrEqual(290);
    expect(await timed(nodeA)).toBeLessThan(200);

    await post('/nodes/ccx-a/hang');
    await expect(fetch(`${nodeA}/uccx/isDBMaster`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const listed = (await (await fetch(`${lab.endpoints.control}/nodes`)).json()) as { nodes: Array<{ node: string; state: string; latencyMs: number }> };
    expect(listed.nodes.find((n) => n.node === 'ccx-a')).toMatchObject({ state: 'hung' });
    expect(listed.nodes.find((n) => n.node === 'ccx-b')).toMatchObject({ state: 'up', latencyMs: 300 });
  });

  it('ends every fault with one reset', async () => {
    await post('/nodes/cuc-pub/stop');
    await post('/nodes/cuc-sub/fail500', { on: true });
    await post('/uccx/master', { which: 'both' });
    await post('/reports/silent', { on: true });
    await post('/finesse/nodes/ccx-a/out-of-service', { on: true });
    await post('/finesse/bad-answers', { kind: 'html' });
    const reset = (await (await post('/reset')).json()) as { nodes: Array<{ state: string; latencyMs: number; failWith500: boolean }>; dbMaster: string };
    expect(reset.dbMaster).toBe('a');
    expect(reset.nodes.every((n) => n.state === 'up' && n.latencyMs === 0 && !n.failWith500)).toBe(true);
    expect((await fetch(`${lab.endpoints.uccx.nodes[0]}/uccx/isDBMaster`, { signal: AbortSignal.timeout(1000) })).status).toBe(200);
    expect((await fetch(`${lab.endpoints.cupi.publisher}/vmrest/version/product/`, { headers: { authorization: `Basic ${Buffer.from('cucadmin:cucLab!2026').toString('base64')}` } })).status).toBe(200);
    const finesse = (await (await fetch(`${lab.endpoints.control}/finesse`)).json()) as { badAnswers: string; nodes?: unknown };
    expect(finesse.badAnswers).toBe('none');
    const info = await fetch(`${lab.endpoints.finesse.nodes[0]}/finesse/api/SystemInfo`, { headers: { authorization: `Basic ${Buffer.from(`${lab.endpoints.finesse.username}:${lab.endpoints.finesse.password}`).toString('base64')}` } });
    expect(await info.text()).toContain('IN_SERVICE');
  });

  it('logs every write a node answered, with its status, and filters by path', async () => {
    const [nodeA, nodeB] = lab.endpoints.uccx.nodes;
    const path = '/adminapi/skill/1';
    const xml = (await (await fetch(`${nodeA}${path}`, { headers: { authorization: BASIC } })).text()).replace(/<skillName>[^<]*<\/skillName>/, '<skillName>Billing Desk</skillName>');
    const put = (node: string) => fetch(`${node}${path}`, { method: 'PUT', headers: { authorization: BASIC, 'content-type': 'application/xml' }, body: xml });
    expect((await put(nodeA)).status).toBe(200);
    expect((await put(nodeB)).status).toBe(503); // not the DB master
    await post('/nodes/ccx-a/fail500', { on: true });
    expect((await put(nodeA)).status).toBe(500);
    await post('/nodes/ccx-a/fail500', { on: false });
    const { writes } = (await (await fetch(`${lab.endpoints.control}/writes?path=${encodeURIComponent(path)}`)).json()) as { writes: LabWrite[] };
    expect(writes.map((w) => [w.node, w.method, w.status])).toEqual([
      ['ccx-a', 'PUT', 200],
      ['ccx-b', 'PUT', 503],
      ['ccx-a', 'PUT', 500],
    ]);
    // Reads are not writes.
    expect(lab.writes().every((w) => w.method !== 'GET')).toBe(true);
  });
});

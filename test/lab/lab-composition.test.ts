import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLab, type Lab } from '../../lab';

const auth = (lab: Lab) => `Basic ${Buffer.from(`${lab.endpoints.uccx.username}:${lab.endpoints.uccx.password}`).toString('base64')}`;

async function subscribe(lab: Lab): Promise<{ socket: WebSocket; frames: Array<Record<string, unknown>> }> {
  const socket = new WebSocket(lab.endpoints.reports.url);
  const frames: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ command: 'report.teamstatus.begin', data: { agentId: lab.endpoints.reports.agentId } }));
  await waitFor(() => frames.filter((f) => f.name === 'report.teamstatus.teamadded').length === lab.seed.teams.length);
  return { socket, frames };
}

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('lab composition and control API', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ rate: 0 });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('names every endpoint and the demo credentials', async () => {
    const endpoints = (await (await fetch(lab.endpoints.control)).json()) as Lab['endpoints'];
    expect(endpoints.uccx.nodes).toHaveLength(2);
    expect(endpoints.reports.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
    expect(endpoints.cupi.publisher).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoints.reports.agentId).toBe(lab.seed.demoSupervisor);
  });

  it('a team renamed through the adminapi is announced on the live board', async () => {
    const { socket, frames } = await subscribe(lab);
    const node = lab.endpoints.uccx.nodes[0];
    const xml = await (await fetch(`${node}/adminapi/team/2`, { headers: { authorization: auth(lab) } })).text();
    const renamed = xml.replace(/<teamname>[^<]*<\/teamname>/, '<teamname>Sales East (evening)</teamname>');
    const put = await fetch(`${node}/adminapi/team/2`, { method: 'PUT', headers: { authorization: auth(lab), 'content-type': 'application/xml' }, body: renamed });
    expect(put.status).toBe(200);
    await waitFor(() => frames.some((f) => f.name === 'report.teamstatus.teamchanged'));
    const changed = frames.find((f) => f.name === 'report.teamstatus.teamchanged') as { data: { team: { teamId: string; teamName: string } } };
    expect(changed.data.team).toEqual({ teamId: '2', teamName: 'Sales East (evening)' });
    socket.close();
  });

  it('faults through the control API: stop and start a node, move mastership', async () => {
    const control = lab.endpoints.control;
    const [nodeA, nodeB] = lab.endpoints.uccx.nodes;
    const stopped = await fetch(`${control}/nodes/ccx-a/stop`, { method: 'POST' });
    expect(await stopped.json()).toMatchObject({ node: 'ccx-a', state: 'stopped' });
    await expect(fetch(`${nodeA}/uccx/isDBMaster`)).rejects.toThrow();
    await fetch(`${control}/nodes/ccx-a/start`, { method: 'POST' });
    expect(await (await fetch(`${nodeA}/uccx/isDBMaster`)).text()).toContain('<DBMaster>true</DBMaster>');

    const moved = await fetch(`${control}/uccx/master`, { method: 'POST', body: JSON.stringify({ which: 'b' }) });
    expect(await moved.json()).toEqual({ dbMaster: 'b' });
    expect(await (await fetch(`${nodeB}/uccx/isDBMaster`)).text()).toContain('<DBMaster>true</DBMaster>');
    expect((await fetch(`${control}/uccx/master`, { method: 'POST', body: JSON.stringify({ which: 'c' }) })).status).toBe(400);
    expect((await fetch(`${control}/nodes/nope/stop`, { method: 'POST' })).status).toBe(404);
    await fetch(`${control}/uccx/master`, { method: 'POST', body: JSON.stringify({ which: 'a' }) });
  });
});

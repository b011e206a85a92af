import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { subscribeToReports, waitFor } from '../support/report-subscriber';

const auth = (lab: Lab) => `Basic ${Buffer.from(`${lab.endpoints.uccx.username}:${lab.endpoints.uccx.password}`).toString('base64')}`;

function subscribe(lab: Lab) {
  return subscribeToReports(lab.endpoints.reports.url, lab.endpoints.reports.agentId, (frames) => frames.filter((f) => f.name === 'report.teamstatus.teamadded').length === lab.seed.teams.length);
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

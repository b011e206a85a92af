import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { LabNode } from '../../lab/lab-node';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { testCupiNode, testFinesseNode, testProfile, testReports, testUccxNode } from '../../electron/services/profiles/connection-tester';
import type { SiteProfile } from '../../shared/domain/profile';

/** Every diagnosis of the Test button, against the lab and a few purpose-built nodes. */
describe('connection test diagnoses', () => {
  let lab: Lab;
  const trust = new TrustStore();
  const client = new HttpClient({ trust });
  const options = { http: client, trust, timeoutMs: 1_500 };

  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    client.close();
    await lab?.stop();
  });

  const profile = (): SiteProfile => ({
    id: 'lab',
    name: 'Lab',
    uccx: { nodes: [...lab.endpoints.uccx.nodes], username: lab.endpoints.uccx.username, passwordSet: true },
    cupi: { publisher: lab.endpoints.cupi.publisher, subscriber: lab.endpoints.cupi.subscriber, username: lab.endpoints.cupi.username, passwordSet: true },
    reports: { url: lab.endpoints.reports.url, agentId: lab.endpoints.reports.agentId, passwordSet: false, headerNames: [] },
  });

  it('all good: node 1 is the DB master, node 2 is reachable but not the master', async () => {
    lab.uccx.setDbMaster('a');
    const results = await testProfile(profile(), { uccxPassword: lab.endpoints.uccx.password, cupiPassword: lab.endpoints.cupi.password }, options);
    expect(results.map((r) => [r.server, r.role, r.outcome])).toEqual([
      ['uccx', 'node 1', 'ok'],
      ['uccx', 'node 2', 'not-db-master'],
      ['cupi', 'publisher', 'ok'],
      ['cupi', 'subscriber', 'ok'],
      ['reports', 'report server', 'ok'],
    ]);
    expect(results[1]!.message).toMatch(/is the standby: it takes over if the database master fails/);
    expect(results[2]!.message).toMatch(/Unity Connection 14/);
  });

  it('follows the master when it moves', async () => {
    lab.uccx.setDbMaster('b');
    try {
      const [a, b] = await Promise.all(lab.endpoints.uccx.nodes.map((n, i) => testUccxNode(n, `node ${i + 1}`, 'administrator', lab.endpoints.uccx.password, options)));
      expect(a!.outcome).toBe('not-db-master');
      expect(b!.outcome).toBe('ok');
    } finally {
      lab.uccx.setDbMaster('a');
    }
  });

  it('401: credentials rejected, for UCCX and Unity Connection', async () => {
    const uccx = await testUccxNode(lab.endpoints.uccx.nodes[0], 'node 1', 'administrator', 'wrong-password', options);
    expect(uccx.outcome).toBe('credentials-rejected');
    expect(uccx.message).toContain('HTTP 401');
    expect(uccx.message).not.toContain('wrong-password');
    const cupi = await testCupiNode(lab.endpoints.cupi.publisher, 'publisher', 'cucadmin', 'wrong-password', options);
    expect(cupi.outcome).toBe('credentials-rejected');
  });

  it('no saved password: says so after checking the node answers', async () => {
    expect((await testUccxNode(lab.endpoints.uccx.nodes[0], 'node 1', 'administrator', undefined, options)).outcome).toBe('no-credentials');
    expect((await testCupiNode(lab.endpoints.cupi.publisher, 'publisher', 'cucadmin', undefined, options)).outcome).toBe('no-credentials');
  });

  it('connection refused when the node is stopped', async () => {
    const node = lab.uccx.nodes[1];
    await node.stop();
    try {
      const result = await testUccxNode(node.url, 'node 2', 'administrator', lab.endpoints.uccx.password, options);
      expect(result.outcome).toBe('connection-refused');
      expect(result.message).toMatch(/refused/);
    } finally {
      await node.start();
    }
  });

  it('timed out when the node accepts but never answers', async () => {
    const node = lab.cupi.subscriber;
    node.hang();
    try {
      const started = Date.now();
      const result = await testCupiNode(node.url, 'subscriber', 'cucadmin', lab.endpoints.cupi.password, options);
      expect(result.outcome).toBe('timed-out');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      node.resume();
    }
  });

  it('name not found for a host that does not exist', async () => {
    const result = await testUccxNode('http://no-such-node.invalid', 'node 1', 'administrator', 'x', options);
    expect(result.outcome).toBe('name-not-found');
    expect(result.message).toMatch(/not found/);
  });

  it('unexpected reply from something that is not UCCX', async () => {
    const stranger = new LabNode({ name: 'web-server' }, (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
    });
    await stranger.start();
    try {
      const result = await testUccxNode(stranger.url, 'node 1', 'administrator', 'x', options);
      expect(result.outcome).toBe('unexpected-reply');
      expect(result.message).toContain('HTTP 404');
    } finally {
      await stranger.stop();
    }
  });

  it('report server: refused, credentials rejected by header check, wrong path', async () => {
    const reports = (url: string) => ({ url, agentId: 'sup01', passwordSet: false, headerNames: [] });
    await lab.reports.stopServer();
    try {
      expect((await testReports(reports(lab.endpoints.reports.url), {}, options)).outcome).toBe('connection-refused');
    } finally {
      await lab.reports.startServer();
    }
    // A report server behind a gateway that wants an API key header.
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ server, verifyClient: (info: { req: http.IncomingMessage }) => info.req.headers['x-api-key'] === 'k-123' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect((await testReports(reports(url), {}, options)).outcome).toBe('credentials-rejected');
      expect((await testReports(reports(url), { reportsHeaders: { 'X-Api-Key': 'k-123' } }, options)).outcome).toBe('ok');
      const plainHttp = new LabNode({ name: 'plain' }, (_req, res) => {
        res.writeHead(200).end('hello');
      });
      await plainHttp.start();
      try {
        const result = await testReports(reports(plainHttp.url.replace('http', 'ws')), {}, options);
        expect(result.outcome).toBe('unexpected-reply');
      } finally {
        await plainHttp.stop();
      }
    } finally {
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('Finesse: in service on the DB master, standby on the other node, wrong password, not a supervisor, HTML instead of XML', async () => {
    const { nodes, username, password } = lab.endpoints.finesse;
    const withFinesse = { ...profile(), finesse: { nodes: [...nodes], username, passwordSet: true } };
    const results = await testProfile(withFinesse, { uccxPassword: lab.endpoints.uccx.password, cupiPassword: lab.endpoints.cupi.password, finessePassword: password }, options);
    const finesse = results.filter((r) => r.server === 'finesse');
    expect(finesse.map((r) => [r.role, r.outcome])).toEqual([
      ['node 1', 'ok'],
      ['node 2', 'out-of-service'],
    ]);
    expect(finesse[0]!.message).toMatch(/in service and accepted sup01, supervisor of \d+ teams/);
    expect(finesse[1]!.message).toMatch(/Finesse is not in service on this node — .*in service/);
    const wrong = await testFinesseNode(nodes[0], 'node 1', username, 'wrong-password', options);
    expect(wrong).toMatchObject({ outcome: 'credentials-rejected', message: expect.stringContaining('HTTP 401') });
    expect(wrong.message).not.toContain('wrong-password');
    expect((await testFinesseNode(nodes[0], 'node 1', username, undefined, options)).outcome).toBe('no-credentials');
    const agent = lab.seed.agents.find((a) => a.type === 1)!.userID;
    expect(await testFinesseNode(nodes[0], 'node 1', agent, password, options)).toMatchObject({ outcome: 'unexpected-reply', message: expect.stringContaining('not a supervisor') });
    expect((await testFinesseNode(nodes[0], 'node 1', 'nobody', password, options)).outcome).toBe('credentials-rejected');
    lab.finesse.badAnswers = 'html';
    try {
      expect(await testFinesseNode(nodes[0], 'node 1', username, password, options)).toMatchObject({ outcome: 'unexpected-reply', message: expect.stringContaining('HTML page') });
    } finally {
      lab.finesse.badAnswers = 'none';
    }
    await lab.uccx.nodes[0].stop();
    try {
      expect((await testFinesseNode(nodes[0], 'node 1', username, password, options)).outcome).toBe('connection-refused');
      expect((await testFinesseNode(nodes[1], 'node 2', username, password, options)).outcome).toBe('ok');
    } finally {
      await lab.uccx.nodes[0].start();
    }
  });
});

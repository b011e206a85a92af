import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { RealtimeQueueSource, realtimeUrl, type RealtimeNode } from '../../electron/services/queues/realtime-source';
import { parseVoiceIaqStats } from '../../electron/services/queues/voice-iaq';
import { QueueService, backoffDelay, centreSummaryOf, csqsOfSupervisor, MAX_BACKOFF_MS } from '../../electron/services/queues/service';
import { QueueSourceError, type QueueReading, type QueueStatsSource } from '../../electron/services/queues/source';
import { parseXml } from '../../electron/services/uccx/xml-tree';
import type { QueueState } from '../../shared/domain/queues';

// The UCCX real-time queue source: how tolerant its reading of VoiceIAQStats
// is, how it follows the master and fails over, and how the service backs off.

const SAMPLE = JSON.stringify([
  {
    id: 'Billing_CSQ',
    operation: 'UPDATE',
    VoiceIAQStats: { id: 1, esdId: 1, esdName: 'Billing_CSQ', nWaitingContacts: 3, longestCurrentlyWaitingDuration: 102_000, nResourcesLoggedIn: 12, nAvailResources: 2, nInSessionResources: 7, nUnavailResources: 3, nHandledContacts: 140, nAbandonedContacts: 6, nSLAPercentageHighThreshold: 80, somethingNew: { a: 1 } },
  },
]);

describe('reading VoiceIAQStats', () => {
  it('reads every figure of the documented shape', () => {
    expect(parseVoiceIaqStats(SAMPLE)).toEqual([
      { name: 'Billing_CSQ', id: '1', waiting: 3, longestWaitMs: 102_000, loggedIn: 12, available: 2, talking: 7, notReady: 3, handled: 140, abandoned: 6 },
    ]);
  });

  it('keeps a queue whose fields are missing, renamed or unreadable, with those figures unknown', () => {
    const [queue] = parseVoiceIaqStats(JSON.stringify([{ id: 'Sales_CSQ', VoiceIAQStats: { esdId: '7', nWaitingContacts: '4', longestCurrentlyWaitingDuration: 'soon', nAvailResources: -1 } }]));
    expect(queue).toEqual({ name: 'Sales_CSQ', id: '7', waiting: 4, longestWaitMs: null, loggedIn: null, available: null, talking: null, notReady: null, handled: null, abandoned: null });
  });

  it('takes bare figure objects and a wrapped list, skips entries without a name and repeats', () => {
    const queues = parseVoiceIaqStats(JSON.stringify({ VoiceIAQStats: [{ esdName: 'A', nWaitingContacts: 1 }, 'noise', null, { esdName: 'A', nWaitingContacts: 9 }, { esdId: 5 }] }));
    expect(queues.map((q) => [q.name, q.waiting])).toEqual([
      ['A', 1],
      ['CSQ 5', null],
    ]);
    expect(parseVoiceIaqStats('[]')).toEqual([]);
  });

  it('refuses what is not queue statistics, saying what it was', () => {
    expect(() => parseVoiceIaqStats('')).toThrow('answered with nothing');
    expect(() => parseVoiceIaqStats('<html><body>Sign in</body></html>')).toThrow('answered a web page');
    expect(() => parseVoiceIaqStats('[{"id":"x", "VoiceIAQ')).toThrow('not JSON');
    expect(() => parseVoiceIaqStats('{"status":"ok"}')).toThrow('no list of queues');
    expect(() => parseVoiceIaqStats('[1, 2, 3]')).toThrow('no queue in the list');
  });

  it('fills the URL template from the node', () => {
    expect(realtimeUrl('http://{host}:{port}/realtime/VoiceIAQStats', 'https://ccx-a.example.com:8443', 9080)).toBe('http://ccx-a.example.com:9080/realtime/VoiceIAQStats');
    expect(realtimeUrl('{node}/realtime/VoiceIAQStats', 'http://127.0.0.1:18400/', 9080)).toBe('http://127.0.0.1:18400/realtime/VoiceIAQStats');
  });

  it('reads the supervisor’s team CSQs and the centre summary', () => {
    const ref = (id: string, name = id) => ({ id, name });
    const teams = [
      { id: '1', name: 'T1', primarySupervisor: ref('sup01'), secondarySupervisors: [], members: [], csqs: [ref('1', 'A'), ref('2', 'B')] },
      { id: '2', name: 'T2', primarySupervisor: ref('sup02'), secondarySupervisors: [ref('SUP01')], members: [], csqs: [ref('2', 'B'), ref('3', 'C')] },
      { id: '3', name: 'T3', primarySupervisor: ref('sup02'), secondarySupervisors: [], members: [], csqs: [ref('4', 'D')] },
    ];
    expect(csqsOfSupervisor(teams, 'sup01')).toEqual(['A', 'B', 'C']);
    expect(centreSummaryOf(parseXml('<agentStats><loggedIn>12</loggedIn><ready>4</ready><notReady>5</notReady><talking>x</talking></agentStats>'))).toEqual({ loggedIn: 12, ready: 4, notReady: 5, talking: null });
    expect(centreSummaryOf(parseXml('<other/>'))).toBeNull();
  });
});

describe('the real-time source against HTTP nodes', () => {
  type Behaviour = 'ok' | '404' | 'garbage' | 'empty' | 'slow' | '401';
  const servers: Array<{ server: http.Server; url: string; behaviour: Behaviour; hits: number; auth: string[] }> = [];
  const httpClient = new HttpClient({ trust: new TrustStore() });

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const entry = { server: http.createServer(), url: '', behaviour: 'ok' as Behaviour, hits: 0, auth: [] as string[] };
      entry.server.on('request', (req, res) => {
        entry.hits++;
        entry.auth.push(req.headers.authorization ?? '');
        if (req.url !== '/realtime/VoiceIAQStats') return void res.writeHead(404).end();
        switch (entry.behaviour) {
          case '404':
            return void res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
          case '401':
            return void res.writeHead(401).end();
          case 'garbage':
            return void res.writeHead(200).end('\u0000\u0001garbage{');
          case 'empty':
            return void res.writeHead(200).end();
          case 'slow':
            return void setTimeout(() => res.writeHead(200).end(SAMPLE), 1500);
          default:
            return void res.writeHead(200, { 'content-type': 'application/json' }).end(SAMPLE.replace('Billing_CSQ', `Billing_CSQ`).replace('"nWaitingContacts":3', `"nWaitingContacts":${i + 3}`));
        }
      });
      await new Promise<void>((resolve) => entry.server.listen(0, '127.0.0.1', resolve));
      entry.url = `http://127.0.0.1:${(entry.server.address() as AddressInfo).port}`;
      servers.push(entry);
    }
  });
  afterEach(() => {
    for (const s of servers) Object.assign(s, { behaviour: 'ok', hits: 0, auth: [] });
  });
  afterAll(async () => {
    await httpClient.close();
    for (const s of servers) await new Promise((resolve) => s.server.close(resolve));
  });

  const nodes = (masterIndex: number, answering = [true, true]): RealtimeNode[] => servers.map((s, i) => ({ url: s.url, master: i === masterIndex, answering: answering[i]! }));
  const source = (node: () => RealtimeNode[], credentials: { username: string; password: string } | null = null) =>
    new RealtimeQueueSource({ http: httpClient, settings: { url: '{node}/realtime/VoiceIAQStats' }, nodes: node, credentials, timeoutMs: 800 });

  it('asks the master first and follows it when mastership moves', async () => {
    let master = 1;
    const s = source(() => nodes(master));
    expect((await s.read()).queues[0]!.waiting).toBe(4);
    expect(servers.map((x) => x.hits)).toEqual([0, 1]);
    master = 0;
    expect((await s.read()).queues[0]!.waiting).toBe(3);
  });

  it('moves on to the other node when the master fails, and names the master’s failure when both do', async () => {
    const s = source(() => nodes(0));
    servers[0]!.behaviour = 'garbage';
    const reading = await s.read();
    expect(reading.node).toBe(new URL(servers[1]!.url).host);
    servers[1]!.behaviour = '404';
    await expect(s.read()).rejects.toThrow(`${new URL(servers[0]!.url).host} answered something that is not queue statistics (not JSON)`);
    servers[0]!.behaviour = '404';
    await expect(s.read()).rejects.toThrow(/answered HTTP 404: no real-time endpoint at \/realtime\/VoiceIAQStats/);
    servers[0]!.behaviour = 'empty';
    await expect(s.read()).rejects.toThrow('answered with nothing');
  });

  it('gives up on a node that does not answer in time', async () => {
    servers[0]!.behaviour = 'slow';
    servers[1]!.behaviour = 'slow';
    const started = Date.now();
    await expect(source(() => nodes(0)).read()).rejects.toThrow(/no answer within 800 ms/);
    expect(Date.now() - started).toBeLessThan(1400 * 2);
  });

  it('sends credentials only when the profile asks, and says a 401 in words', async () => {
    servers[0]!.behaviour = '401';
    servers[1]!.behaviour = '401';
    await expect(source(() => nodes(0)).read()).rejects.toThrow('refused a request without credentials (HTTP 401); set realtime.auth in the profile');
    expect(servers[0]!.auth).toEqual(['']);
    servers[0]!.behaviour = 'ok';
    await source(() => nodes(0), { username: 'sup01', password: 'pw' }).read();
    expect(servers[0]!.auth.at(-1)).toBe(`Basic ${Buffer.from('sup01:pw').toString('base64')}`);
  });
});

describe('the queue service', () => {
  afterEach(() => vi.useRealTimers());

  it('doubles the pause while the source fails, at most 10 s, and polls at the interval again once it answers', async () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(2000, n))).toEqual([2000, 4000, 8000, MAX_BACKOFF_MS, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);
    vi.useFakeTimers();
    let failing = true;
    const readAt: number[] = [];
    const fake: QueueStatsSource = {
      name: 'fake',
      read: async (): Promise<QueueReading> => {
        readAt.push(Date.now());
        if (failing) throw new QueueSourceError('ccx-a answered HTTP 404');
        return { node: 'ccx-b', queues: parseVoiceIaqStats(SAMPLE) };
      },
    };
    const states: QueueState[] = [];
    const service = new QueueService({ source: fake, pollMs: 2000, teamCsqs: async () => ['Billing_CSQ'] });
    service.on('state', (state) => states.push(state));
    service.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toMatchObject({ mode: 'unavailable', detail: 'ccx-a answered HTTP 404', queues: [], teamCsqs: ['Billing_CSQ'], pollMs: 4000 });
    await vi.advanceTimersByTimeAsync(4000 + 8000 + 10_000 + 10_000);
    const gaps = readAt.slice(1).map((at, i) => at - readAt[i]!);
    expect(gaps).toEqual([4000, 8000, 10_000, 10_000]);
    failing = false;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(states.at(-1)).toMatchObject({ mode: 'ok', node: 'ccx-b', pollMs: 2000 });
    expect(states.at(-1)!.queues[0]).toMatchObject({ name: 'Billing_CSQ', waiting: 3 });
    const before = readAt.length;
    await vi.advanceTimersByTimeAsync(6000);
    expect(readAt.length - before).toBe(3);
    service.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(readAt.length - before).toBe(3);
  });

  it('keeps its poll interval between 1 and 10 s', () => {
    const fake: QueueStatsSource = { name: 'fake', read: async () => ({ node: 'x', queues: [] }) };
    expect(new QueueService({ source: fake, pollMs: 100 }).state().pollMs).toBe(1000);
    expect(new QueueService({ source: fake, pollMs: 60_000 }).state().pollMs).toBe(10_000);
  });
});

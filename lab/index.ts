import { createSeed, type LabSeed, type SeedOptions } from './seed';
import { LabNode, readBody, type LabWrite } from './lab-node';
import { createUccxLab, type UccxLab } from './uccx';
import { createCucLab, type CucLab } from './cuc';
import { createReportLab, type MalformedKind, type ReportLab } from './report';
import { createFinesseLab, type FinesseLab } from './finesse';
import { QueueLab } from './queues';

export type { LabWrite } from './lab-node';

/**
 * The whole lab: a UCCX HA pair, a Unity Connection cluster and a report
 * server built from one seed, plus a small control API for faults. Started
 * in-process by `--demo` and by tests, standalone by `npm run lab`.
 */
export const LAB_CREDENTIALS = {
  uccx: { username: 'administrator', password: 'ccxLab!2026' },
  cupi: { username: 'cucadmin', password: 'cucLab!2026' },
  /** Every lab agent and supervisor signs in to Finesse with this password. */
  finesse: { password: 'finLab!2026' },
  /**
   * A UCCX supervisor account (not the administrator): every lab supervisor
   * signs in to the adminapi with their user id and the Finesse password, as
   * with their Unified CM end-user password in the product. sup02 supervises
   * the teams the seed gives it and manages one calendar (lab/uccx/supervisor-access.ts).
   */
  uccxSupervisor: { username: 'sup02', password: 'finLab!2026' },
} as const;

export interface LabOptions extends SeedOptions {
  host?: string;
  /** First port; the lab uses six consecutive ports from here. 0 = any free ports. */
  portBase?: number;
  /** Report status events per second. */
  rate?: number;
  /** Calls per minute arriving at each CSQ (default 2; 0 with `rate: 0`, a world held still). */
  callsPerMinute?: number;
  /** Added to every HTTP answer of every node, in ms. */
  latencyMs?: number;
  /** CUPI throttle (requests processed at once, queue timeout). */
  cupiMaxConcurrent?: number;
  cupiQueueTimeoutMs?: number;
}

export interface LabEndpoints {
  uccx: { nodes: [string, string]; username: string; password: string };
  /** The same UCCX pair signed in as a supervisor (LAB_CREDENTIALS.uccxSupervisor). */
  uccxSupervisor: { nodes: [string, string]; username: string; password: string };
  cupi: { publisher: string; subscriber: string; username: string; password: string };
  reports: { url: string; agentId: string };
  /** Finesse on both UCCX nodes, signed in as the demo supervisor. */
  finesse: { nodes: [string, string]; username: string; password: string };
  control: string;
}

export interface Lab {
  readonly seed: LabSeed;
  readonly uccx: UccxLab;
  readonly cupi: CucLab;
  readonly reports: ReportLab;
  readonly finesse: FinesseLab;
  /** Calls per CSQ and the UCCX real-time endpoint (lab/queues). */
  readonly queues: QueueLab;
  readonly control: LabNode;
  readonly endpoints: LabEndpoints;
  /** Every HTTP node, for latency and fault sweeps. */
  readonly httpNodes: LabNode[];
  setLatency(ms: number): void;
  /** Writes answered by every HTTP node, oldest first (optionally only those to one path). */
  writes(path?: string): LabWrite[];
  /** End every fault: nodes started and answering without latency or 500s, DB master ccx-a, report server accepting, talking and subscribing. */
  clearFaults(): Promise<void>;
  stop(): Promise<void>;
}

function portAt(base: number | undefined, offset: number): number {
  return base ? base + offset : 0;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const host = options.host ?? '127.0.0.1';
  const seed = createSeed(options);
  let finesse: FinesseLab | null = null;
  let queues: QueueLab | null = null;
  const uccx = createUccxLab(seed, {
    host,
    ports: [portAt(options.portBase, 0), portAt(options.portBase, 1)],
    credentials: { ...LAB_CREDENTIALS.uccx },
    supervisorPassword: LAB_CREDENTIALS.uccxSupervisor.password,
    services: [
      { prefix: '/finesse/', handler: (role) => (req, res) => finesse!.handler(role)(req, res) },
      { prefix: '/realtime/', handler: (role) => (req, res) => queues!.handler(role)(req, res) },
      { prefix: '/adminapi/agentstats', handler: (role) => (req, res) => queues!.handler(role)(req, res) },
    ],
  });
  const cupi = createCucLab(seed, {
    host,
    ports: [portAt(options.portBase, 2), portAt(options.portBase, 3)],
    credentials: { ...LAB_CREDENTIALS.cupi },
    maxConcurrent: options.cupiMaxConcurrent,
    queueTimeoutMs: options.cupiQueueTimeoutMs,
  });
  const reports = createReportLab(seed, { host, port: portAt(options.portBase, 4), rate: options.rate });
  finesse = createFinesseLab({ world: reports.agents, nodes: () => uccx.nodes, dbMaster: () => uccx.dbMaster(), password: LAB_CREDENTIALS.finesse.password });
  queues = new QueueLab({ store: uccx.store, world: reports.agents, seed: seed.options.seed, uccxCredentials: { ...LAB_CREDENTIALS.uccx }, finessePassword: LAB_CREDENTIALS.finesse.password, callsPerMinute: options.callsPerMinute ?? (options.rate === 0 ? 0 : undefined) });

  let lab: Lab | null = null;
  const control = new LabNode({ name: 'lab-control', host, port: portAt(options.portBase, 5) }, (req, res) => handleControl(lab!, req, res));

  linkConfigurationToReports(uccx, reports);
  await Promise.all([uccx.start(), cupi.start(), reports.start(), control.start()]);
  const httpNodes = [...uccx.nodes, cupi.publisher, cupi.subscriber];

  lab = {
    seed,
    uccx,
    cupi,
    reports,
    finesse,
    queues,
    control,
    httpNodes,
    endpoints: {
      uccx: { nodes: [uccx.nodes[0].url, uccx.nodes[1].url], ...LAB_CREDENTIALS.uccx },
      uccxSupervisor: { nodes: [uccx.nodes[0].url, uccx.nodes[1].url], ...LAB_CREDENTIALS.uccxSupervisor },
      cupi: { publisher: cupi.publisher.url, subscriber: cupi.subscriber.url, ...LAB_CREDENTIALS.cupi },
      reports: { url: reports.url, agentId: seed.demoSupervisor },
      finesse: { nodes: [uccx.nodes[0].url, uccx.nodes[1].url], username: seed.demoSupervisor, password: LAB_CREDENTIALS.finesse.password },
      control: control.url,
    },
    setLatency(ms: number) {
      for (const node of httpNodes) node.latencyMs = ms;
    },
    writes(path?: string) {
      return httpNodes
        .flatMap((node) => node.writes)
        .filter((write) => path === undefined || write.path === path)
        .sort((a, b) => a.at - b.at);
    },
    async clearFaults() {
      await Promise.all(httpNodes.map((node) => node.clearFaults()));
      uccx.setDbMaster('a');
      queues!.clearFaults();
      reports.setSilent(false);
      reports.setIgnoreBegin(false);
      reports.resume();
      await reports.startServer();
      for (const role of ['a', 'b'] as const) {
        finesse!.setOutOfService(role, false);
        finesse!.setFail503(role, false);
      }
      finesse!.latencyMs = 0;
      finesse!.skewMs = 0;
      finesse!.badAnswers = 'none';
    },
    async stop() {
      queues!.stop();
      await Promise.all([uccx.stop(), cupi.stop(), reports.stop(), control.stop()]);
    },
  };
  if (options.latencyMs) lab.setLatency(options.latencyMs);
  return lab;
}

/**
 * One system, as in the product: a team renamed or an agent moved through the
 * adminapi shows on the live board (teamchanged, memberremoved + memberadded).
 */
function linkConfigurationToReports(uccx: UccxLab, reports: ReportLab): void {
  uccx.store.on('change', (change) => {
    if (change.kind !== 'updated') return;
    try {
      if (change.entity === 'team') {
        const current = uccx.store.get('team', change.id);
        const name = current?.teamname;
        if (typeof name === 'string' && name !== change.previous?.teamname) reports.renameTeam(String(change.id), name);
      } else if (change.entity === 'resource') {
        const teamId = uccx.store.teamIdOf(String(change.id));
        const previousTeam = change.previous?.team as { refURL?: string } | undefined;
        const previousTeamId = previousTeam?.refURL?.split('/').pop();
        if (teamId && teamId !== previousTeamId) reports.addMember(teamId, String(change.id));
      }
    } catch {
      // A team the report server does not know (created after start) has no board yet.
    }
  });
}

type Json = Record<string, unknown>;

/**
 * Control API (plain HTTP + JSON, loopback only; see docs/lab.md):
 *   GET  /                                  endpoints and credentials
 *   POST /nodes/<name>/<stop|start|hang|resume>   name: ccx-a, ccx-b, cuc-pub, cuc-sub
 *   POST /nodes/<name>/latency   {"ms": 20}       POST /nodes/<name>/fail500 {"on": true}
 *   POST /latency {"ms": 20}                      every HTTP node
 *   POST /uccx/master {"which": "a"|"b"|"both"|"none"}
 *   POST /reports/<drop|stop|start|pause|resume>
 *   POST /reports/malformed {"kind": "invalid-json"|...}   POST /reports/silent {"on": true}   POST /reports/ignore-begin {"on": true}
 *   POST /reports/rate {"eventsPerSecond": 100}   POST /reports/status {"memberId","status","reason"}
 *   GET  /reports/calls                           recorded call ids; the last 20 calls with end time and caller
 *   GET  /reports/snapshot?supervisor=ID          what that supervisor's board should show (default: the demo supervisor)
 *   GET  /nodes                                   every HTTP node's state and faults
 *   GET  /writes?path=/adminapi/resource/x        writes answered (method, path, status, node, time), oldest first
 *   GET  /uccx/repository/steps                   upload steps of documents and prompts (uploadFile, store), oldest first
 *   POST /reset                                   end every fault
 *   /finesse/... and /agents/...                  Finesse faults and agents' calls and states (lab/finesse, docs/lab.md)
 *   /queues/...                                   calls per CSQ, the real-time endpoint's faults (lab/queues, docs/lab.md)
 */
async function handleControl(lab: Lab, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://lab.invalid');
  const parts = url.pathname.split('/').filter(Boolean);
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  let body: Json = {};
  if (req.method === 'POST') {
    const text = (await readBody(req, 64 * 1024)).toString('utf8');
    if (text.trim()) {
      try {
        body = JSON.parse(text) as Json;
      } catch {
        send(400, { error: 'body must be JSON' });
        return;
      }
    }
  }

  if (req.method === 'GET' && parts.length === 0) return send(200, lab.endpoints);
  if (req.method === 'GET' && parts[0] === 'reports' && parts[1] === 'calls') return send(200, { callIds: lab.reports.callIds(), recent: lab.reports.recentCalls(20) });
  if (req.method === 'GET' && parts[0] === 'reports' && parts[1] === 'snapshot') {
    const supervisor = url.searchParams.get('supervisor') ?? lab.seed.demoSupervisor;
    return send(200, { supervisor, teams: lab.reports.snapshot(supervisor), statusChangesSent: lab.reports.statusChangesSent(), subscriptions: lab.reports.subscriptions() });
  }
  if (req.method === 'GET' && parts[0] === 'nodes' && parts.length === 1) return send(200, { nodes: lab.httpNodes.map(describeLabNode), dbMaster: lab.uccx.dbMaster() });
  if (req.method === 'GET' && parts[0] === 'writes') return send(200, { writes: lab.writes(url.searchParams.get('path') ?? undefined) });
  if (req.method === 'GET' && parts[0] === 'uccx' && parts[1] === 'repository' && parts[2] === 'steps') return send(200, { steps: lab.uccx.store.repository.steps });
  if (parts[0] === 'queues') {
    const answer = lab.queues.control(req.method ?? 'GET', parts, body);
    return send(answer.status, answer.body);
  }
  if (parts[0] === 'finesse' || parts[0] === 'agents') {
    const answer = lab.finesse.control(req.method ?? 'GET', parts, body);
    return send(answer.status, answer.body);
  }
  if (req.method !== 'POST') return send(405, { error: 'use POST for faults' });
  if (parts[0] === 'reset' && parts.length === 1) {
    await lab.clearFaults();
    return send(200, { nodes: lab.httpNodes.map(describeLabNode), dbMaster: lab.uccx.dbMaster() });
  }

  if (parts[0] === 'nodes' && parts.length === 3) {
    const node = lab.httpNodes.find((n) => n.name === parts[1]);
    if (!node) return send(404, { error: `no node ${parts[1]}; nodes: ${lab.httpNodes.map((n) => n.name).join(', ')}` });
    switch (parts[2]) {
      case 'stop':
        await node.stop();
        break;
      case 'start':
        await node.start();
        break;
      case 'hang':
        node.hang();
        break;
      case 'resume':
        node.resume();
        break;
      case 'latency':
        node.latencyMs = Number(body.ms ?? 0);
        break;
      case 'fail500':
        node.failWith500 = body.on !== false;
        break;
      default:
        return send(404, { error: `unknown node action ${parts[2]}` });
    }
    return send(200, describeLabNode(node));
  }
  if (parts[0] === 'latency') {
    lab.setLatency(Number(body.ms ?? 0));
    return send(200, { latencyMs: Number(body.ms ?? 0) });
  }
  if (parts[0] === 'uccx' && parts[1] === 'master') {
    const which = String(body.which);
    if (!['a', 'b', 'both', 'none'].includes(which)) return send(400, { error: 'which must be a, b, both or none' });
    lab.uccx.setDbMaster(which as 'a' | 'b' | 'both' | 'none');
    return send(200, { dbMaster: lab.uccx.dbMaster() });
  }
  if (parts[0] === 'reports') {
    const reports = lab.reports;
    switch (parts[1]) {
      case 'drop':
        reports.dropAllSockets();
        break;
      case 'stop':
        await reports.stopServer();
        break;
      case 'start':
        await reports.startServer();
        break;
      case 'pause':
        reports.pause();
        break;
      case 'resume':
        reports.resume();
        break;
      case 'malformed':
        reports.sendMalformed(String(body.kind ?? 'invalid-json') as MalformedKind);
        break;
      case 'silent':
        reports.setSilent(body.on !== false);
        break;
      case 'ignore-begin':
        reports.setIgnoreBegin(body.on !== false);
        break;
      case 'rate':
        reports.setRate(Number(body.eventsPerSecond ?? 5));
        break;
      case 'status':
        reports.setMemberStatus(String(body.memberId), String(body.status) as 'ready' | 'not_ready' | 'ACW', body.reason ? String(body.reason) : undefined);
        break;
      default:
        return send(404, { error: `unknown reports action ${parts[1]}` });
    }
    return send(200, { ok: true, connections: reports.connectionCount() });
  }
  return send(404, { error: 'unknown control path; see docs/lab.md' });
}

function describeLabNode(node: LabNode): { node: string; url: string; state: string; latencyMs: number; failWith500: boolean; requests: number } {
  return { node: node.name, url: node.url, state: node.state, latencyMs: node.latencyMs, failWith500: node.failWith500, requests: node.requestCount };
}

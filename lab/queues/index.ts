import type http from 'node:http';
import { basicCredentials, type LabRequestHandler } from '../lab-node';
import { createRandom } from '../seed';
import type { UccxStore } from '../uccx';
import { CALL_STATES, type MemberState } from '../report/model';
import type { AgentWorld } from '../report';

/**
 * Calls in the lab's contact centre, one world with the agents: calls arrive
 * per CSQ, wait, and are answered by a Ready agent whose skills satisfy the
 * CSQ (the rule the adminapi's `?withCsqs` uses), the one Ready longest. The
 * agent goes TALKING (Finesse; the report stream keeps `ready`, the lab's
 * documented choice) and, when the call ends, wrap-up (`ACW` on the report
 * stream). A caller nobody answers hangs up after their patience runs out
 * (abandoned).
 *
 * Served on both UCCX nodes (the lab's choice [U]: the real standby's
 * behaviour is not known):
 *   GET /realtime/VoiceIAQStats   the per-CSQ figures as public wallboards read them
 *                                 (apis.md §1.8; no credentials needed, but
 *                                 credentials sent must be valid [U])
 *   GET /adminapi/agentstats      the centre-wide agent counts (apis-2.md §3.1)
 */

export type RealtimeFault = 'none' | 'absent' | 'slow' | 'garbage' | 'empty';

export interface QueueLabOptions {
  store: UccxStore;
  world: AgentWorld;
  seed: number;
  uccxCredentials: { username: string; password: string };
  finessePassword: string;
  /** Calls per minute per CSQ at start (default 2). */
  callsPerMinute?: number;
  /** Run the clock on start (default true). */
  autoStart?: boolean;
}

interface WaitingCall {
  arrivedAt: number;
  abandonAt: number;
}

interface CsqCalls {
  readonly id: string;
  /** Follows renames through the adminapi. */
  name: string;
  waiting: WaitingCall[];
  callsPerMinute: number;
  nextArrivalAt: number;
  total: number;
  handled: number;
  abandoned: number;
  waitSumMs: number;
  longestWaitMs: number;
  talkSumMs: number;
}

/** One CSQ's figures as VoiceIAQStats names them (durations in ms). */
export interface VoiceIaqStats {
  id: number;
  esdId: number;
  esdName: string;
  nResourcesLoggedIn: number;
  nAvailResources: number;
  nUnavailResources: number;
  nUnavailResReasonsMap: Record<string, number>;
  nWorkResources: number;
  nInSessionResources: number;
  nSelectedResources: number;
  nWaitingContacts: number;
  longestCurrentlyWaitingDuration: number;
  nTotalContacts: number;
  nHandledContacts: number;
  nAbandonedContacts: number;
  nDequeuedContacts: number;
  avgWaitDuration: number;
  longestWaitDuration: number;
  avgTalkDuration: number;
}

const TICK_MS = 250;
const PATIENCE_MS = [90_000, 240_000] as const;
const TALK_MS = [30_000, 120_000] as const;
/** How long a reading waits under the 'slow' fault unless told otherwise. */
const DEFAULT_SLOW_MS = 8_000;

export class QueueLab {
  private readonly csqs = new Map<string, CsqCalls>();
  /** agentId → when the call the lab routed to them ends. */
  private readonly calls = new Map<string, { endsAt: number; csq: CsqCalls; startedAt: number }>();
  private agentsByCsq: Map<string, string[]> | null = null;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  fault: RealtimeFault = 'none';
  slowMs = DEFAULT_SLOW_MS;
  /** Readings of /realtime/VoiceIAQStats answered, per node role. */
  readonly readings = { a: 0, b: 0 };

  constructor(private readonly options: QueueLabOptions) {
    this.random = createRandom((options.seed ^ 0xca11) >>> 0);
    const now = this.now();
    for (const csq of options.store.list('csq')) {
      const id = String(csq.id);
      const handled = 20 + Math.floor(this.random() * 180);
      this.csqs.set(id, {
        id,
        name: String(csq.name),
        waiting: [],
        callsPerMinute: options.callsPerMinute ?? 2,
        nextArrivalAt: now,
        total: 0,
        handled,
        abandoned: Math.floor(this.random() * handled * 0.06),
        waitSumMs: handled * (5_000 + Math.floor(this.random() * 20_000)),
        longestWaitMs: 60_000 + Math.floor(this.random() * 120_000),
        talkSumMs: handled * 150_000,
      });
    }
    for (const csq of this.csqs.values()) {
      csq.total = csq.handled + csq.abandoned;
      csq.nextArrivalAt = now + this.interArrival(csq);
    }
    options.store.on('change', (change) => {
      this.agentsByCsq = null;
      if (change.entity === 'csq') this.followCsq(change.id, change.kind);
    });
    if (options.autoStart !== false) this.start();
  }

  /**
   * One world: a CSQ created through the adminapi shows in the statistics at
   * once, with no calls yet and none arriving until a load is set (no script
   * routes callers to it); a deleted one leaves them; a renamed one keeps its figures.
   */
  private followCsq(id: string, kind: 'created' | 'updated' | 'deleted'): void {
    if (kind === 'deleted') {
      this.csqs.delete(id);
      return;
    }
    const name = this.options.store.displayName('csq', id) ?? id;
    const existing = this.csqs.get(id);
    if (existing) {
      existing.name = name;
      return;
    }
    this.csqs.set(id, { id, name, waiting: [], callsPerMinute: 0, nextArrivalAt: Infinity, total: 0, handled: 0, abandoned: 0, waitSumMs: 0, longestWaitMs: 0, talkSumMs: 0 });
  }

  private now(): number {
    return this.options.world.now();
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** End the endpoint faults (loads and calls stay: they are the world, not a fault). */
  clearFaults(): void {
    this.fault = 'none';
    this.slowMs = DEFAULT_SLOW_MS;
  }

  private interArrival(csq: CsqCalls): number {
    if (csq.callsPerMinute <= 0) return Infinity;
    return (-Math.log(1 - this.random()) * 60_000) / csq.callsPerMinute;
  }

  private eligible(csqId: string): string[] {
    this.agentsByCsq ??= this.options.store.agentsByCsq();
    return this.agentsByCsq.get(csqId) ?? [];
  }

  /** One step of the clock: arrivals, hang-ups, calls ending, calls answered. */
  tick(now = this.now()): void {
    for (const csq of this.csqs.values()) {
      while (csq.nextArrivalAt <= now) {
        this.arrive(csq, csq.nextArrivalAt);
        csq.nextArrivalAt += this.interArrival(csq);
      }
      const staying: WaitingCall[] = [];
      for (const call of csq.waiting) {
        if (call.abandonAt <= now) csq.abandoned++;
        else staying.push(call);
      }
      csq.waiting = staying;
    }
    for (const [agentId, call] of this.calls) {
      const member = this.options.world.member(agentId);
      if (!member || !CALL_STATES.has(member.agentState)) {
        // The call ended some other way (the control API): it is over for the lab too.
        this.calls.delete(agentId);
      } else if (call.endsAt <= now) {
        this.calls.delete(agentId);
        call.csq.talkSumMs += now - call.startedAt;
        this.options.world.endCall(agentId);
      }
    }
    this.answer(now);
  }

  private arrive(csq: CsqCalls, at: number): void {
    csq.total++;
    csq.waiting.push({ arrivedAt: at, abandonAt: at + PATIENCE_MS[0] + this.random() * (PATIENCE_MS[1] - PATIENCE_MS[0]) });
  }

  /** Oldest calls first, each to the eligible agent Ready longest. */
  private answer(now: number): void {
    const queued = [...this.csqs.values()].filter((csq) => csq.waiting.length > 0).sort((a, b) => a.waiting[0]!.arrivedAt - b.waiting[0]!.arrivedAt);
    for (const csq of queued) {
      while (csq.waiting.length > 0) {
        const agent = this.readyAgent(csq.id);
        if (!agent) break;
        const call = csq.waiting.shift()!;
        const waited = Math.max(0, now - call.arrivedAt);
        csq.handled++;
        csq.waitSumMs += waited;
        csq.longestWaitMs = Math.max(csq.longestWaitMs, waited);
        this.options.world.startCall(agent.memberId);
        this.calls.set(agent.memberId, { csq, startedAt: now, endsAt: now + TALK_MS[0] + this.random() * (TALK_MS[1] - TALK_MS[0]) });
      }
    }
  }

  private readyAgent(csqId: string): MemberState | null {
    let best: MemberState | null = null;
    for (const id of this.eligible(csqId)) {
      const member = this.options.world.member(id);
      if (member?.agentState === 'READY' && (!best || member.stateChangeTime < best.stateChangeTime)) best = member;
    }
    return best;
  }

  // ---- what the endpoint says ---------------------------------------------

  stats(now = this.now()): VoiceIaqStats[] {
    return [...this.csqs.values()].map((csq) => {
      const counts = { loggedIn: 0, available: 0, notReady: 0, work: 0, talking: 0 };
      const reasons: Record<string, number> = {};
      for (const id of this.eligible(csq.id)) {
        const member = this.options.world.member(id);
        if (!member || member.agentState === 'LOGOUT') continue;
        counts.loggedIn++;
        if (member.agentState === 'READY') counts.available++;
        else if (CALL_STATES.has(member.agentState)) counts.talking++;
        else if (member.agentState === 'WORK' || member.agentState === 'WORK_READY') counts.work++;
        else if (member.agentState === 'NOT_READY') {
          counts.notReady++;
          const code = String(member.reasonCode?.code ?? 0);
          reasons[code] = (reasons[code] ?? 0) + 1;
        }
      }
      const id = Number(csq.id);
      return {
        id,
        esdId: id,
        esdName: csq.name,
        nResourcesLoggedIn: counts.loggedIn,
        nAvailResources: counts.available,
        nUnavailResources: counts.notReady,
        nUnavailResReasonsMap: reasons,
        nWorkResources: counts.work,
        nInSessionResources: counts.talking,
        nSelectedResources: 0,
        nWaitingContacts: csq.waiting.length,
        longestCurrentlyWaitingDuration: csq.waiting.length ? Math.max(0, now - csq.waiting[0]!.arrivedAt) : 0,
        nTotalContacts: csq.total,
        nHandledContacts: csq.handled,
        nAbandonedContacts: csq.abandoned,
        nDequeuedContacts: 0,
        avgWaitDuration: csq.handled ? Math.round(csq.waitSumMs / csq.handled) : 0,
        longestWaitDuration: csq.longestWaitMs,
        avgTalkDuration: csq.handled ? Math.round(csq.talkSumMs / csq.handled) : 0,
      };
    });
  }

  /** The centre's agents as adminapi agentstats counts them (agents only, not supervisors). */
  agentStats(): { loggedIn: number; ready: number; notReady: number; talking: number } {
    const counts = { loggedIn: 0, ready: 0, notReady: 0, talking: 0 };
    for (const team of this.options.world.teams()) {
      for (const id of team.members) {
        const member = this.options.world.member(id);
        if (!member || member.memberType === 'Supervisor' || member.agentState === 'LOGOUT') continue;
        counts.loggedIn++;
        if (member.agentState === 'READY') counts.ready++;
        else if (member.agentState === 'NOT_READY') counts.notReady++;
        else if (CALL_STATES.has(member.agentState)) counts.talking++;
      }
    }
    return counts;
  }

  // ---- HTTP ---------------------------------------------------------------

  handler(role: 'a' | 'b'): LabRequestHandler {
    return async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/adminapi/agentstats') return this.serveAgentStats(req, res);
      if (path !== '/realtime/VoiceIAQStats') return void res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
      const credentials = basicCredentials(req);
      if (req.headers.authorization !== undefined && !this.validCredentials(credentials)) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="UCCX"' }).end();
      switch (this.fault) {
        case 'absent':
          return void res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>HTTP Status 404 – Not Found</body></html>');
        case 'garbage':
          return void res.writeHead(200, { 'content-type': 'application/json' }).end('[{"id":"Billing_CSQ","operation":"UPD\u0000\u0007garbage');
        case 'empty':
          return void res.writeHead(200, { 'content-type': 'application/json' }).end();
        case 'slow':
          await new Promise((resolve) => setTimeout(resolve, this.slowMs));
          break;
      }
      this.readings[role]++;
      const body = this.stats().map((stats) => ({ id: stats.esdName, operation: 'UPDATE', VoiceIAQStats: stats }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
  }

  private validCredentials(credentials: { username: string; password: string } | null): boolean {
    if (!credentials) return false;
    const { uccxCredentials, finessePassword, world } = this.options;
    if (credentials.username === uccxCredentials.username && credentials.password === uccxCredentials.password) return true;
    return world.member(credentials.username) !== undefined && credentials.password === finessePassword;
  }

  private serveAgentStats(req: http.IncomingMessage, res: http.ServerResponse): void {
    const credentials = basicCredentials(req);
    const { uccxCredentials } = this.options;
    if (credentials?.username !== uccxCredentials.username || credentials.password !== uccxCredentials.password) {
      return void res.writeHead(401, { 'www-authenticate': 'Basic realm="UCCX"' }).end();
    }
    const s = this.agentStats();
    res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?><agentStats><loggedIn>${s.loggedIn}</loggedIn><ready>${s.ready}</ready><notReady>${s.notReady}</notReady><talking>${s.talking}</talking></agentStats>`);
  }

  // ---- control ------------------------------------------------------------

  private find(which: unknown): CsqCalls[] {
    if (which === undefined || which === 'all') return [...this.csqs.values()];
    const text = String(which);
    const found = this.csqs.get(text) ?? [...this.csqs.values()].find((csq) => csq.name === text);
    if (!found) throw new Error(`no CSQ ${text}`);
    return [found];
  }

  /**
   * The control API's /queues paths (docs/lab.md):
   *   GET  /queues                                   every CSQ's figures, the fault, the loads
   *   POST /queues/fault {"kind": "absent"|"slow"|"garbage"|"empty"|"none", "ms": 8000}
   *   POST /queues/load  {"csq": "<name or id>"|"all", "callsPerMinute": 30}
   *   POST /queues/calls {"csq": "<name or id>", "count": 8, "waitedSeconds": 70}
   *   POST /queues/staff {"csq": "<name or id>", "reason": "Meeting"}   every Ready agent who could answer it goes Not Ready
   */
  control(method: string, parts: string[], body: Record<string, unknown>): { status: number; body: unknown } {
    try {
      if (method === 'GET' && parts.length === 1) return { status: 200, body: this.describe() };
      if (method !== 'POST') return { status: 405, body: { error: 'use POST for queue controls' } };
      switch (parts[1]) {
        case 'fault': {
          const kind = String(body.kind ?? 'none') as RealtimeFault;
          if (!['none', 'absent', 'slow', 'garbage', 'empty'].includes(kind)) return { status: 400, body: { error: 'kind must be absent, slow, garbage, empty or none' } };
          this.fault = kind;
          if (body.ms !== undefined) this.slowMs = Math.max(0, Number(body.ms));
          break;
        }
        case 'load': {
          const rate = Number(body.callsPerMinute);
          if (!Number.isFinite(rate) || rate < 0 || rate > 6000) return { status: 400, body: { error: 'callsPerMinute must be 0 to 6000' } };
          const now = this.now();
          for (const csq of this.find(body.csq)) {
            csq.callsPerMinute = rate;
            csq.nextArrivalAt = now + this.interArrival(csq);
          }
          break;
        }
        case 'calls': {
          const count = Math.min(500, Math.max(1, Number(body.count ?? 1)));
          const waited = Math.max(0, Number(body.waitedSeconds ?? 0)) * 1000;
          const now = this.now();
          const [csq] = this.find(body.csq);
          // Earlier callers first: the queue stays in arrival order.
          for (let i = 0; i < count; i++) this.arrive(csq!, now - waited + i);
          csq!.waiting.sort((a, b) => a.arrivedAt - b.arrivedAt);
          break;
        }
        case 'staff': {
          const reason = this.options.world.reasonByLabel(String(body.reason ?? 'Meeting'));
          const [csq] = this.find(body.csq);
          for (const id of this.eligible(csq!.id)) if (this.options.world.member(id)?.agentState === 'READY') this.options.world.setAgentState(id, 'NOT_READY', reason);
          break;
        }
        default:
          return { status: 404, body: { error: `unknown queue action ${parts[1]}` } };
      }
      return { status: 200, body: this.describe() };
    } catch (error) {
      return { status: 404, body: { error: (error as Error).message } };
    }
  }

  describe(): { fault: RealtimeFault; slowMs: number; readings: { a: number; b: number }; queues: Array<VoiceIaqStats & { callsPerMinute: number }> } {
    const loads = new Map([...this.csqs.values()].map((csq) => [csq.name, csq.callsPerMinute]));
    return { fault: this.fault, slowMs: this.slowMs, readings: { ...this.readings }, queues: this.stats().map((stats) => ({ ...stats, callsPerMinute: loads.get(stats.esdName) ?? 0 })) };
  }
}

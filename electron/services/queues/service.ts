import { EventEmitter } from 'node:events';
import { QUEUES_OFF, REALTIME_DEFAULTS, type CentreSummary, type QueueState } from '../../../shared/domain/queues';
import type { UccxTeam } from '../../../shared/domain/uccx';
import type { ActiveSite } from '../site/site-manager';
import type { UccxService } from '../uccx/service';
import { child, childText, type XmlElement } from '../uccx/xml-tree';
import type { Logger } from '../log/logger';
import { isAnswering } from '../../../shared/domain/status';
import { RealtimeQueueSource } from './realtime-source';
import { QueueSourceError, type QueueStatsSource } from './source';
import type { MainMessage } from '../../../shared/domain/main-message';

export interface QueueServiceOptions {
  source: QueueStatsSource;
  /** Poll interval while readings succeed (1–10 s; default 2 s). */
  pollMs?: number;
  /** The CSQ names the supervisor's teams serve (read again every few minutes). */
  teamCsqs?: () => Promise<string[]>;
  /** The centre-wide agent summary (adminapi agentstats), read every CENTRE_EVERY polls. */
  centre?: () => Promise<CentreSummary | null>;
  log?: Logger;
  now?: () => number;
}

/** Longest pause between readings while the source keeps failing. */
export const MAX_BACKOFF_MS = 10_000;
/** The team CSQs are read again this often (and when UCCX says its configuration changed). */
const TEAM_CSQS_EVERY_MS = 5 * 60_000;
/** The centre summary is read every this many polls. */
const CENTRE_EVERY = 5;

/** The wait after `failures` readings in a row failed: the poll interval, doubled per failure, at most MAX_BACKOFF_MS. */
export function backoffDelay(pollMs: number, failures: number): number {
  if (failures <= 0) return pollMs;
  return Math.min(MAX_BACKOFF_MS, pollMs * 2 ** failures);
}

/** The CSQs (names) served by the teams this user supervises (primary or secondary), in team order. */
export function csqsOfSupervisor(teams: readonly UccxTeam[], supervisorId: string): string[] {
  const names = new Set<string>();
  const id = supervisorId.toLowerCase();
  for (const team of teams) {
    const supervises = team.primarySupervisor?.id.toLowerCase() === id || team.secondarySupervisors.some((s) => s.id.toLowerCase() === id);
    if (supervises) for (const csq of team.csqs) if (csq.name) names.add(csq.name);
  }
  return [...names];
}

/** `<agentStats><loggedIn>12</loggedIn><ready>4</ready><notReady>5</notReady><talking>3</talking></agentStats>` (apis-2.md §3.1). */
export function centreSummaryOf(root: XmlElement | undefined): CentreSummary | null {
  if (!root) return null;
  const count = (name: string) => {
    const text = child(root, name) ? childText(root, name).trim() : '';
    return /^\d+$/.test(text) ? Number(text) : null;
  };
  const summary = { loggedIn: count('loggedIn'), ready: count('ready'), notReady: count('notReady'), talking: count('talking') };
  return Object.values(summary).every((value) => value === null) ? null : summary;
}

/**
 * Queue figures for the active site: polls one source (every 2 s by default),
 * backs off while it fails (doubling, at most 10 s), and reports every
 * reading as a 'state' event. A failed reading empties the figures and says
 * why; it never touches the rest of the board.
 */
export class QueueService extends EventEmitter<{ state: [QueueState] }> {
  private current: QueueState;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private polls = 0;
  private stopped = false;
  private teamCsqsReadAt = -Infinity;
  private readonly abort = new AbortController();
  private readonly pollMs: number;

  constructor(private readonly options: QueueServiceOptions) {
    super();
    this.pollMs = Math.min(10_000, Math.max(1000, options.pollMs ?? REALTIME_DEFAULTS.pollSeconds * 1000));
    this.current = { ...QUEUES_OFF, mode: 'connecting', detail: `Reading queue figures from ${options.source.name}…`, pollMs: this.pollMs };
  }

  static forSite(site: ActiveSite, uccx: UccxService | null): QueueService | null {
    const profile = site.profile;
    if (!uccx || !profile.uccx) return null;
    const settings = profile.realtime ?? {};
    const auth = settings.auth ?? REALTIME_DEFAULTS.auth;
    const credentials =
      auth === 'uccx'
        ? { username: profile.uccx.username, password: site.secrets.uccxPassword ?? '' }
        : auth === 'finesse' && profile.finesse
          ? { username: profile.finesse.username, password: site.secrets.finessePassword ?? '' }
          : null;
    const source = new RealtimeQueueSource({
      http: site.http,
      settings,
      credentials,
      nodes: () => uccx.client.health().nodes.map((node) => ({ url: node.url, master: node.master, answering: isAnswering(node.condition) })),
    });
    const supervisor = profile.reports?.agentId ?? profile.finesse?.username ?? '';
    const service = new QueueService({
      source,
      pollMs: (settings.pollSeconds ?? REALTIME_DEFAULTS.pollSeconds) * 1000,
      teamCsqs: async () => csqsOfSupervisor((await uccx.loadConfig()).teams, supervisor),
      centre: async () => centreSummaryOf((await uccx.client.getXml('/adminapi/agentstats'))?.root),
      log: site.log.child('queues'),
    });
    uccx.on('configChanged', () => service.refreshTeamCsqs());
    return service;
  }

  state(): QueueState {
    return this.current;
  }

  start(): void {
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Read the team CSQs again at the next poll. */
  refreshTeamCsqs(): void {
    this.teamCsqsReadAt = -Infinity;
  }

  private publish(next: QueueState): void {
    this.current = next;
    this.emit('state', next);
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    const now = this.options.now ?? Date.now;
    const [reading, teamCsqs, centre] = await Promise.all([
      this.options.source.read(this.abort.signal).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
      this.readTeamCsqs(now()),
      this.polls++ % CENTRE_EVERY === 0 && this.options.centre ? this.options.centre().catch(() => null) : Promise.resolve(this.current.centre),
    ]);
    if (this.stopped) return;
    if (reading instanceof Error) {
      this.failures++;
      const { message: reason, said } = unavailableReason(reading);
      if (this.failures === 1) this.options.log?.warn(`queue figures unavailable: ${reason}`);
      this.publish({ ...this.current, mode: 'unavailable', detail: reason, detailMessage: said, node: null, queues: [], teamCsqs, centre, pollMs: backoffDelay(this.pollMs, this.failures) });
    } else {
      if (this.failures > 0) this.options.log?.info(`queue figures back from ${reading.node}`);
      this.failures = 0;
      this.publish({ mode: 'ok', detail: `From ${this.options.source.name} on ${reading.node}`, node: reading.node, readAt: now(), pollMs: this.pollMs, queues: reading.queues, teamCsqs, centre });
    }
    this.timer = setTimeout(() => void this.poll(), backoffDelay(this.pollMs, this.failures));
    this.timer.unref?.();
  }

  private async readTeamCsqs(now: number): Promise<string[]> {
    if (!this.options.teamCsqs || now - this.teamCsqsReadAt < TEAM_CSQS_EVERY_MS) return this.current.teamCsqs;
    try {
      const names = await this.options.teamCsqs();
      this.teamCsqsReadAt = now;
      return names;
    } catch {
      // UCCX did not answer: keep the last list and try again at the next poll.
      return this.current.teamCsqs;
    }
  }
}

/**
 * Why the queue figures are unavailable: the source's own reason, or for any
 * other failure "the queue source failed: …"; by id where main has one
 * (`main.queues.*`), else only in English.
 */
export function unavailableReason(error: Error): { message: string; said?: MainMessage } {
  if (error instanceof QueueSourceError) return { message: error.message, ...(error.said ? { said: error.said } : {}) };
  return { message: `the queue source failed: ${error.message}`, said: { id: 'main.queues.sourceFailed', values: { reason: error.message } } };
}

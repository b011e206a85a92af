import { EventEmitter } from 'node:events';
import { basicAuthHeader, Semaphore, type HttpClient, type HttpResponse } from '../net/http-client';
import { NetworkError } from '../net/network-error';
import { ApplyError } from '../journal/journal';
import { NodeProber } from '../net/node-prober';
import { parseXml, serializeXml, type XmlElement } from './xml-tree';
import type { UccxNodeState } from '../../../shared/domain/uccx';
import { nodeNames as sharedNodeNames } from '../../../shared/domain/profile';
import { describeNode, type NodeCondition } from '../../../shared/domain/status';
import { httpFailureDetail, httpFailureMessage, httpFailureSentence } from '../../../shared/domain/error-words';
import type { MainMessage } from '../../../shared/domain/main-message';
import { ConsoleError, type IpcErrorCode } from '../../../shared/ipc/result';

/**
 * The UCCX adminapi client for one HA pair (apis.md section 1).
 *
 * - Polls `GET /uccx/isDBMaster` on every node (default every 5 s); a body
 *   containing `Master>true` marks the DB master [C]. Each node's probe has
 *   its own adaptive timeout (3 × its last answer time, 1 s to 10 s; see
 *   NodeProber), so a slow node is "slow", a hung one "not answering".
 * - Before every write both nodes are asked again (joining a probe already in
 *   flight): the write goes only if its node is still the one master.
 * - Reads go to the master, else to any node that answers; a read that fails
 *   on one node is tried on the next (reads are idempotent), then retried
 *   once after a short pause.
 * - Writes go ONLY to the single DB master. None (or two: island mode) means
 *   read-only: writes throw a retryable ApplyError and the journal waits.
 * - At most 4 requests in flight for the pair; every request has a deadline,
 *   so a hung node costs a timeout, never a frozen console.
 * - XML in and out; the whole object travels in a PUT (see xml-tree.ts).
 */
export interface UccxNodeConfig {
  name: string;
  url: string;
}

export interface UccxClientOptions {
  nodes: UccxNodeConfig[];
  username: string;
  password: string;
  http: HttpClient;
  pollIntervalMs?: number;
  /** Floor of the adaptive isDBMaster timeout (default 1 s); the ceiling is maxProbeTimeoutMs (default 10 s). */
  probeTimeoutMs?: number;
  maxProbeTimeoutMs?: number;
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  maxConcurrent?: number;
  /** A request not answered after this long (or twice its node's last answer time) triggers a probe of the pair (default 1.5 s). */
  slowAnswerMs?: number;
  now?: () => number;
}

export type UccxTopology = 'master' | 'no-master' | 'two-masters' | 'unreachable' | 'unknown';

export interface UccxHealth {
  topology: UccxTopology;
  master: UccxNodeConfig | null;
  nodes: UccxNodeState[];
}

/** An adminapi answer that is not a success: a plain sentence with the server's reason, and the status and address apart. */
export class UccxHttpError extends ApplyError {
  constructor(
    readonly status: number,
    message: string,
    /** "HTTP 500 from GET https://ccx-a:8443/adminapi/skill", for the log and a "Details" disclosure. */
    readonly detail?: string,
    /** The server's own reason from the error body, when it gave one. */
    readonly serverReason: string | null = null,
    /** The sentence by message id (`httpFailureMessage`), for the renderer to say in the user's language. */
    readonly said?: MainMessage,
  ) {
    // 503 (not master / busy), 500s and 409 on a node that lost mastership are worth another try later;
    // a 403 is this account lacking the permission, which no retry changes.
    super(message, status >= 500 || status === 429, status === 403);
    this.name = 'UccxHttpError';
  }
}

/**
 * A UCCX HTTP failure as the typed error a request answers with (its
 * sentence, a code the renderer acts on, the status and address as the
 * detail); any other error as it is.
 */
export function asConsoleError(error: unknown): unknown {
  if (!(error instanceof UccxHttpError)) return error;
  const status = error.status;
  const code: IpcErrorCode = status === 400 ? 'rejected' : status === 401 || status === 403 ? 'forbidden' : status === 404 ? 'not_found' : status === 409 ? 'conflict' : 'unavailable';
  return new ConsoleError(code, error.message, error.detail, error.said);
}

/** The nodes with the names the screen uses for them (profile labels, else host names; see shared nodeNames). */
export function nodeNames(urls: string[], labels: ReadonlyArray<string | undefined> = []): UccxNodeConfig[] {
  const names = sharedNodeNames(urls, labels);
  return urls.map((url, index) => ({ url: url.replace(/\/+$/, ''), name: names[index]! }));
}

/** The server's own reason in an adminapi error body (format [U]: any element ending in errorMessage), or null. */
export function serverReasonOf(response: HttpResponse): string | null {
  const text = response.text();
  const xml = /<(?:\w+:)?(?:e|E)rrorMessage>([^<]*)</.exec(text);
  const json = xml ? null : /"errorMessage"\s*:\s*"([^"]*)"/.exec(text);
  // The message is shown as the server's reason, so XML escapes (&apos;13&apos;) are read back to text.
  const reason = (xml ? decodeXmlText(xml[1]!) : json?.[1])?.trim();
  return reason ? reason.slice(0, 500) : null;
}

/**
 * An adminapi error answer in words, naming the node ("UCCX node ccx-a had an
 * internal error (HTTP 500); …"), then the server's reason when it gave one.
 */
export function errorMessageOf(response: HttpResponse, node?: string): string {
  return httpFailureSentence(response.status, { system: 'UCCX', node }, serverReasonOf(response));
}

/** The error for an adminapi answer that is not a success: the sentence, and the status and address for the Details. */
export function uccxHttpError(response: HttpResponse, node: UccxNodeConfig, method: string, path: string): UccxHttpError {
  const reason = serverReasonOf(response);
  return new UccxHttpError(
    response.status,
    errorMessageOf(response, node.name),
    httpFailureDetail(response.status, method, node.url + path),
    reason,
    httpFailureMessage(response.status, { system: 'UCCX', node: node.name }, reason),
  );
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (entity, name: string) => {
    if (name[0] !== '#') return XML_ENTITIES[name]!;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

export class UccxClient extends EventEmitter<{ health: [UccxHealth] }> {
  private readonly semaphore: Semaphore;
  private readonly probers: NodeProber[];
  /** What each node's last isDBMaster answer said. */
  private readonly masters: boolean[];
  private readonly inFlight = new Map<string, Set<AbortController>>();
  private timer: NodeJS.Timeout | null = null;
  private probedOnce = false;
  private stopped = false;
  private readonly now: () => number;
  /** Requests sent, for the benchmark's "no N+1" figure. */
  requestCount = 0;

  constructor(private readonly options: UccxClientOptions) {
    super();
    this.semaphore = new Semaphore(options.maxConcurrent ?? 4);
    this.now = options.now ?? Date.now;
    this.masters = options.nodes.map(() => false);
    this.probers = options.nodes.map(
      (node, index) =>
        new NodeProber({
          // The probe bypasses the request limit: it must answer even while reads queue.
          send: (timeoutMs) => {
            this.requestCount++;
            return this.options.http.request({ method: 'GET', url: `${node.url}/uccx/isDBMaster`, timeoutMs, place: { system: 'UCCX', node: node.name } });
          },
          minTimeoutMs: options.probeTimeoutMs,
          maxTimeoutMs: options.maxProbeTimeoutMs,
          now: this.now,
          onProbed: (response) => this.probed(index, response),
        }),
    );
  }

  get nodes(): readonly UccxNodeConfig[] {
    return this.options.nodes;
  }

  /** Start polling isDBMaster; resolves after the first probe of every node. */
  async start(): Promise<void> {
    await this.probe();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const prober of this.probers) prober.stop();
  }

  health(): UccxHealth {
    const masters = this.options.nodes.filter((_, index) => this.usable(index) && this.masters[index]);
    const reachable = this.options.nodes.some((_, index) => this.usable(index));
    const topology: UccxTopology = !this.probedOnce
      ? 'unknown'
      : masters.length === 1
        ? 'master'
        : masters.length > 1
          ? 'two-masters'
          : reachable
            ? 'no-master'
            : 'unreachable';
    const master = topology === 'master' ? masters[0]! : null;
    return { topology, master, nodes: this.options.nodes.map((node, index) => this.nodeState(node, index, topology)) };
  }

  /** A node that answered its last isDBMaster with 200 in time (maybe slowly). */
  private usable(index: number): boolean {
    return this.probers[index]!.answering;
  }

  /** One node as the frame sees it: how it answers, and its role in the pair. */
  private nodeState(node: UccxNodeConfig, index: number, topology: UccxTopology): UccxNodeState {
    const answered = this.probers[index]!.condition;
    const usable = this.usable(index);
    const master = usable && this.masters[index]!;
    let condition: NodeCondition = answered;
    if (usable && topology !== 'unknown') {
      if (topology === 'two-masters' && master) condition = { ...answered, kind: 'island' };
      else if (!master && topology !== 'master') condition = { ...answered, kind: 'not-master' };
      else if (!master) condition = answered.kind === 'slow' ? { ...answered, standby: true } : { ...answered, kind: 'standby' };
    }
    return {
      name: node.name,
      url: node.url,
      reachable: usable,
      master,
      since: answered.since,
      problem: usable ? null : describeNode(answered).phrase,
      condition,
    };
  }

  /** Probe every node now (also called after a read or write hits a network error); resolves when each has answered or given up. */
  probe(): Promise<void> {
    // Each node's probe joins the one in flight for that node only: a hung node does not hold back the other's.
    return Promise.all(this.probers.map((prober) => prober.probe())).then(() => undefined);
  }

  /** After each probe of a node (and each quick retry): note its mastership, cancel what waits on a node that stopped answering, tell listeners. */
  private probed(index: number, response: HttpResponse | null): void {
    const node = this.options.nodes[index]!;
    this.masters[index] = response !== null && response.status === 200 && /Master>\s*true/i.test(response.text());
    // A node that stopped answering: cancel what waits on it so reads fail over now.
    if (!this.usable(index)) for (const controller of this.inFlight.get(node.url) ?? []) controller.abort();
    if (this.probers.every((prober) => prober.condition.kind !== 'checking')) this.probedOnce = true;
    if (this.probedOnce && !this.stopped) this.emit('health', this.health());
  }

  private schedule(): void {
    if (this.stopped) return;
    // A fixed rhythm: a node whose probe is still waiting (hung, 10 s timeout) does not hold back the other's.
    this.timer = setTimeout(() => {
      void this.probe();
      this.schedule();
    }, this.options.pollIntervalMs ?? 5000);
    this.timer.unref?.();
  }

  /** Nodes to read from, best first: the master, then others that answered, then the rest. */
  private readOrder(): UccxNodeConfig[] {
    const rank = (index: number) => (this.usable(index) ? (this.masters[index] ? 0 : 1) : 2);
    return this.options.nodes.map((node, index) => ({ node, rank: rank(index) })).sort((a, b) => a.rank - b.rank).map((entry) => entry.node);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: basicAuthHeader(this.options.username, this.options.password), accept: 'application/xml', ...extra };
  }

  /**
   * One request to one node, within the limit of 4. A request still waiting
   * after the slow-answer delay (1.5 s, or twice the node's last answer time
   * when that is longer) makes the client probe the pair at once: if the node
   * has hung, the probe (1 s timeout for a node that answered fast) marks it
   * not answering and every request in flight to it is cancelled, so reads
   * move to the other node in about 2.5 s instead of waiting out their own
   * timeouts.
   */
  private async send(
    node: UccxNodeConfig,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    path: string,
    body?: string | Buffer,
    headers: Record<string, string> = {},
    timeoutMs?: number,
    onUploadProgress?: (sent: number, total: number) => void,
  ): Promise<HttpResponse> {
    const index = this.options.nodes.indexOf(node);
    return this.semaphore.run(async () => {
      // A read that queued for a node which has stopped answering meanwhile moves on at once instead of hanging too.
      if (method === 'GET' && !this.usable(index) && this.probedOnce && this.options.nodes.some((_, other) => this.usable(other))) {
        throw new NetworkError('timed-out', `${node.name} stopped answering while the request waited.`);
      }
      this.requestCount++;
      const controller = new AbortController();
      let inFlight = this.inFlight.get(node.url);
      if (!inFlight) this.inFlight.set(node.url, (inFlight = new Set()));
      inFlight.add(controller);
      const latency = this.probers[index]?.latencyMs ?? 0;
      const slow = setTimeout(() => void this.probe(), Math.max(this.options.slowAnswerMs ?? 1500, 2 * latency));
      try {
        return await this.options.http.request({ method, url: node.url + path, headers: this.headers(headers), body, timeoutMs, signal: controller.signal, place: { system: 'UCCX', node: node.name }, onUploadProgress });
      } finally {
        clearTimeout(slow);
        inFlight.delete(controller);
      }
    });
  }

  /**
   * GET from the best node; on a network error or 5xx try the next node,
   * then once more after a pause. Returns the response and the node that answered.
   */
  async read(path: string, accept = 'application/xml'): Promise<{ response: HttpResponse; node: UccxNodeConfig }> {
    let lastError: unknown = null;
    for (let round = 0; round < 2; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 300));
      for (const node of this.readOrder()) {
        const index = this.options.nodes.indexOf(node);
        // In the first round skip nodes known to be down: a hung node would cost a full timeout.
        if (round === 0 && this.probedOnce && !this.usable(index) && this.options.nodes.some((_, other) => this.usable(other))) continue;
        try {
          const response = await this.send(node, 'GET', path, undefined, { accept }, this.options.readTimeoutMs ?? 8000);
          if (response.status >= 500) {
            lastError = uccxHttpError(response, node, 'GET', path);
            continue;
          }
          return { response, node };
        } catch (error) {
          lastError = error;
          void this.probe();
        }
      }
    }
    throw lastError instanceof Error ? lastError : new NetworkError('connection-refused', 'No UCCX node answered.');
  }

  /** GET an object or list as XML; null for 404. */
  async getXml(path: string): Promise<{ root: XmlElement; node: UccxNodeConfig } | null> {
    const { response, node } = await this.read(path);
    if (response.status === 404) return null;
    if (response.status !== 200) throw uccxHttpError(response, node, 'GET', path);
    return { root: parseXml(response.text()), node };
  }

  /** The DB master, or a retryable error saying why writes are paused. */
  writeNode(): UccxNodeConfig {
    const health = this.health();
    if (health.master) return health.master;
    const reason =
      health.topology === 'two-masters'
        ? 'both UCCX nodes claim to be the database master; writes are paused to avoid inconsistent data'
        : health.topology === 'no-master'
          ? 'no UCCX node is the database master; configuration is read-only'
          : 'no UCCX node is reachable';
    throw new ApplyError(reason, true);
  }

  /**
   * The DB master, confirmed just now: a fresh isDBMaster of every node that
   * was answering (joining a probe already in flight), so a node that has
   * also become master (island mode) pauses writes before the first one. A
   * node already known not to answer is not waited for (its probe runs on);
   * it cannot take writes from anyone while it does not answer.
   */
  async confirmWriteNode(): Promise<UccxNodeConfig> {
    const answering = this.probers.filter((_, index) => this.usable(index));
    for (const prober of this.probers) if (!answering.includes(prober)) void prober.probe();
    await Promise.all(answering.map((prober) => prober.probe()));
    return this.writeNode();
  }

  /**
   * A write to the master, after confirming it is the only one. Network errors
   * propagate (retryable); HTTP errors become UccxHttpError. `onUploadProgress`
   * follows the body as it leaves (file uploads).
   */
  async write(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: string | Buffer, contentType = 'application/xml', onUploadProgress?: (sent: number, total: number) => void): Promise<HttpResponse> {
    const node = await this.confirmWriteNode();
    try {
      const response = await this.send(node, method, path, body, body !== undefined ? { 'content-type': contentType } : {}, this.options.writeTimeoutMs ?? 15_000, onUploadProgress);
      if (response.status >= 300) {
        // A 503 may mean the node lost mastership: look again before the retry.
        if (response.status >= 500) void this.probe();
        throw uccxHttpError(response, node, method, path);
      }
      return response;
    } catch (error) {
      if (error instanceof NetworkError) void this.probe();
      throw error;
    }
  }

  putXml(path: string, root: XmlElement): Promise<HttpResponse> {
    return this.write('PUT', path, serializeXml(root));
  }

  /** POST a new object; returns the new object's key (last segment of the returned URL) when given. */
  async postXml(path: string, root: XmlElement): Promise<string | null> {
    const response = await this.write('POST', path, serializeXml(root));
    const location = (response.headers.location as string | undefined) ?? response.text().trim();
    const match = /\/([^/]+)\/?$/.exec(location);
    return match ? decodeURIComponent(match[1]!) : null;
  }
}

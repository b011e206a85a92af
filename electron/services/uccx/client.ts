import { EventEmitter } from 'node:events';
import { basicAuthHeader, Semaphore, type HttpClient, type HttpResponse } from '../net/http-client';
import { NetworkError } from '../net/network-error';
import { ApplyError } from '../journal/journal';
import { parseXml, serializeXml, type XmlElement } from './xml-tree';
import type { UccxNodeState } from '../../../shared/domain/uccx';

/**
 * The UCCX adminapi client for one HA pair (apis.md section 1).
 *
 * - Polls `GET /uccx/isDBMaster` on every node (default every 5 s, 1 s
 *   timeout); a body containing `Master>true` marks the DB master [C].
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
  probeTimeoutMs?: number;
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  maxConcurrent?: number;
  /** A request not answered after this long triggers a probe of the pair (default 1.5 s). */
  slowAnswerMs?: number;
  now?: () => number;
}

export type UccxTopology = 'master' | 'no-master' | 'two-masters' | 'unreachable' | 'unknown';

export interface UccxHealth {
  topology: UccxTopology;
  master: UccxNodeConfig | null;
  nodes: UccxNodeState[];
}

/** An adminapi answer that is not a success, with the server's message. */
export class UccxHttpError extends ApplyError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    // 503 (not master / busy), 500s and 409 on a node that lost mastership are worth another try later.
    super(message, status >= 500 || status === 429);
    this.name = 'UccxHttpError';
  }
}

/** Display names for nodes: their host names when they differ, else host:port. */
export function nodeNames(urls: string[]): UccxNodeConfig[] {
  const hosts = urls.map((url) => {
    try {
      return new URL(url);
    } catch {
      return null;
    }
  });
  const hostnames = hosts.map((u) => u?.hostname ?? '');
  const distinct = new Set(hostnames).size === hostnames.length;
  return urls.map((url, index) => ({ url: url.replace(/\/+$/, ''), name: (distinct ? hostnames[index] : hosts[index]?.host) || `node ${index + 1}` }));
}

/** Pull the message out of an adminapi error body (format [U]: any element ending in errorMessage). */
export function errorMessageOf(response: HttpResponse): string {
  const text = response.text();
  const match = /<(?:\w+:)?(?:e|E)rrorMessage>([^<]*)</.exec(text) ?? /"errorMessage"\s*:\s*"([^"]*)"/.exec(text);
  const detail = match?.[1]?.trim();
  return detail ? `UCCX refused the change (HTTP ${response.status}): ${detail}` : `UCCX answered HTTP ${response.status}.`;
}

export class UccxClient extends EventEmitter<{ health: [UccxHealth] }> {
  private readonly semaphore: Semaphore;
  private readonly states: UccxNodeState[];
  private readonly inFlight = new Map<string, Set<AbortController>>();
  private timer: NodeJS.Timeout | null = null;
  private probing: Promise<void> | null = null;
  private probedOnce = false;
  private stopped = false;
  private readonly now: () => number;
  /** Requests sent, for the benchmark's "no N+1" figure. */
  requestCount = 0;

  constructor(private readonly options: UccxClientOptions) {
    super();
    this.semaphore = new Semaphore(options.maxConcurrent ?? 4);
    this.now = options.now ?? Date.now;
    this.states = options.nodes.map((node) => ({ name: node.name, url: node.url, reachable: false, master: false, since: this.now(), problem: 'not checked yet' }));
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
  }

  health(): UccxHealth {
    const masters = this.states.filter((state) => state.reachable && state.master);
    const reachable = this.states.some((state) => state.reachable);
    const topology: UccxTopology = !this.probedOnce
      ? 'unknown'
      : masters.length === 1
        ? 'master'
        : masters.length > 1
          ? 'two-masters'
          : reachable
            ? 'no-master'
            : 'unreachable';
    const master = topology === 'master' ? (this.options.nodes.find((node) => node.url === masters[0]!.url) ?? null) : null;
    return { topology, master, nodes: this.states.map((state) => ({ ...state })) };
  }

  /** Probe every node now (also called after a read or write hits a network error). */
  probe(): Promise<void> {
    this.probing ??= (async () => {
      const before = JSON.stringify(this.states.map((s) => [s.reachable, s.master, s.problem]));
      await Promise.all(this.options.nodes.map((node, index) => this.probeNode(node, this.states[index]!)));
      this.probedOnce = true;
      const after = JSON.stringify(this.states.map((s) => [s.reachable, s.master, s.problem]));
      this.probing = null;
      if (before !== after || !this.announcedOnce) {
        this.announcedOnce = true;
        this.emit('health', this.health());
      }
    })();
    return this.probing;
  }

  private announcedOnce = false;

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.probe().finally(() => this.schedule());
    }, this.options.pollIntervalMs ?? 5000);
    this.timer.unref?.();
  }

  private async probeNode(node: UccxNodeConfig, state: UccxNodeState): Promise<void> {
    let reachable = false;
    let master = false;
    let problem: string | null = null;
    try {
      // The probe bypasses the request limit: it must answer even while reads queue.
      const response = await this.options.http.request({ method: 'GET', url: `${node.url}/uccx/isDBMaster`, timeoutMs: this.options.probeTimeoutMs ?? 1000 });
      this.requestCount++;
      if (response.status === 200) {
        reachable = true;
        master = /Master>\s*true/i.test(response.text());
      } else {
        problem = `isDBMaster answered HTTP ${response.status}`;
      }
    } catch (error) {
      problem = describeUnreachable(error);
    }
    if (state.reachable !== reachable || state.master !== master) state.since = this.now();
    // A node that stopped answering: cancel what waits on it so reads fail over now.
    if (!reachable) for (const controller of this.inFlight.get(node.url) ?? []) controller.abort();
    state.reachable = reachable;
    state.master = master;
    state.problem = problem;
  }

  /** Nodes to read from, best first: the master, then others that answered, then the rest. */
  private readOrder(): UccxNodeConfig[] {
    const rank = (node: UccxNodeConfig) => {
      const state = this.states.find((s) => s.url === node.url);
      return state?.reachable ? (state.master ? 0 : 1) : 2;
    };
    return [...this.options.nodes].sort((a, b) => rank(a) - rank(b));
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: basicAuthHeader(this.options.username, this.options.password), accept: 'application/xml', ...extra };
  }

  /**
   * One request to one node, within the limit of 4. A request still waiting
   * after the slow-answer delay makes the client probe the pair at once: if
   * the node has hung, the probe (1 s timeout) marks it unreachable and every
   * request in flight to it is cancelled, so reads move to the other node in
   * about two seconds instead of waiting out their own timeouts.
   */
  private async send(node: UccxNodeConfig, method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: string | Buffer, headers: Record<string, string> = {}, timeoutMs?: number): Promise<HttpResponse> {
    return this.semaphore.run(async () => {
      this.requestCount++;
      const controller = new AbortController();
      let inFlight = this.inFlight.get(node.url);
      if (!inFlight) this.inFlight.set(node.url, (inFlight = new Set()));
      inFlight.add(controller);
      const slow = setTimeout(() => void this.probe(), this.options.slowAnswerMs ?? 1500);
      try {
        return await this.options.http.request({ method, url: node.url + path, headers: this.headers(headers), body, timeoutMs, signal: controller.signal });
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
        const state = this.states.find((s) => s.url === node.url)!;
        // In the first round skip nodes known to be down: a hung node would cost a full timeout.
        if (round === 0 && this.probedOnce && !state.reachable && this.states.some((s) => s.reachable)) continue;
        try {
          const response = await this.send(node, 'GET', path, undefined, { accept }, this.options.readTimeoutMs ?? 8000);
          if (response.status >= 500) {
            lastError = new UccxHttpError(response.status, errorMessageOf(response));
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
    if (response.status !== 200) throw new UccxHttpError(response.status, errorMessageOf(response));
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

  /** A write to the master. Network errors propagate (retryable); HTTP errors become UccxHttpError. */
  async write(method: 'PUT' | 'POST' | 'DELETE', path: string, body?: string | Buffer, contentType = 'application/xml'): Promise<HttpResponse> {
    const node = this.writeNode();
    try {
      const response = await this.send(node, method, path, body, body !== undefined ? { 'content-type': contentType } : {}, this.options.writeTimeoutMs ?? 15_000);
      if (response.status >= 300) {
        // A 503 may mean the node lost mastership: look again before the retry.
        if (response.status >= 500) void this.probe();
        throw new UccxHttpError(response.status, errorMessageOf(response));
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

function describeUnreachable(error: unknown): string {
  if (error instanceof NetworkError) {
    switch (error.kind) {
      case 'connection-refused':
        return 'connection refused';
      case 'timed-out':
        return 'not answering';
      case 'name-not-found':
        return 'name not found';
      case 'certificate-untrusted':
      case 'certificate-changed':
        return 'certificate not trusted';
      default:
        return 'connection failed';
    }
  }
  return error instanceof Error ? error.message : String(error);
}

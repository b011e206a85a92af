import { EventEmitter } from 'node:events';
import { ConsoleError, type IpcErrorCode } from '../../../shared/ipc/result';
import { basicAuthHeader, Semaphore, type HttpClient, type HttpResponse } from '../net/http-client';
import { NetworkError } from '../net/network-error';
import { NodeProber } from '../net/node-prober';
import { normaliseList, serverMessagesOf, parseErrorBody, toFields, type CupiErrorDetail, type CupiList } from './json';
import type { CupiFields, CupiNodeState } from '../../../shared/domain/cupi';
import { describeNode } from '../../../shared/domain/status';
import { nodeNames } from '../../../shared/domain/profile';
import { httpFailureDetail, httpFailureMessage, httpFailureSentence } from '../../../shared/domain/error-words';
import type { MainMessage } from '../../../shared/domain/main-message';

/**
 * The CUPI transport: JSON both ways, HTTP Basic with session-cookie reuse,
 * at most two requests in flight (CUPI processes only 3–5 at once for the
 * whole system, shared with the admin pages: apis.md 2.10), 503 "server busy"
 * retried with back-off, and the cluster rule of apis.md 2.11:
 *   writes go to the publisher only;
 *   reads go to the publisher, or to the subscriber while the publisher is unreachable.
 * Every answer is timed and every failure named per node by the rule the UCCX
 * client follows too (NodeProber): ok, slow, answering with errors (5xx other
 * than 503 "busy"), not answering, refused. A publisher that answers with
 * errors is treated like an unreachable one: reads move to the subscriber and
 * writes wait. The probe (GET /vmrest/version/product/) has the same adaptive
 * timeout as UCCX's isDBMaster, bypasses the request limit, and a request
 * unanswered for 1.5 s (or twice the node's last answer time) probes its node
 * at once; a node that fails its probe has its requests in flight cancelled.
 */
const PROBE_PATH = '/vmrest/version/product/';

export type CupiNode = 'publisher' | 'subscriber';

export interface CupiClientOptions {
  http: HttpClient;
  publisher: string;
  subscriber?: string;
  /** The profile's names for the publisher and the subscriber (default: their host names). */
  publisherLabel?: string;
  subscriberLabel?: string;
  username: string;
  password: string;
  /** Requests in flight at once; 1 or 2 (default 2). */
  maxConcurrent?: number;
  /** How many times a 503 is retried before giving up (default 6). */
  busyRetries?: number;
  /** First back-off after a 503, doubled each time up to maxBackoffMs (defaults 500 ms / 8 s). */
  busyBackoffMs?: number;
  maxBackoffMs?: number;
  /** Per-request deadline (default 15 s: CUPI queues requests for up to 20 s before a 503). */
  timeoutMs?: number;
  /** After a publisher failure, reads go straight to the subscriber for this long before the publisher is tried again. */
  publisherRetryMs?: number;
  /** Floor and ceiling of the adaptive probe timeout (defaults 1 s and 10 s). */
  probeTimeoutMs?: number;
  maxProbeTimeoutMs?: number;
  /** A request not answered after this long (or twice its node's last answer time) probes its node (default 1.5 s). */
  slowAnswerMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface CupiResponse<T> {
  value: T;
  node: CupiNode;
  status: number;
  headers: HttpResponse['headers'];
}

/** An error answer from CUPI, with the server's own messages and the code the renderer acts on. */
export class CupiRequestError extends ConsoleError {
  constructor(
    code: IpcErrorCode,
    message: string,
    readonly status: number,
    readonly details: CupiErrorDetail[],
    detail?: string,
    said?: MainMessage,
  ) {
    super(code, message, detail, said);
    this.name = 'CupiRequestError';
  }
}

/** The publisher cannot be reached, so a write cannot be made now. */
export class PublisherUnreachableError extends ConsoleError {
  constructor(readonly reason: string) {
    super('read_only', `The Unity Connection publisher cannot take changes now (${reason}); Unity Connection is read-only until it is back.`, undefined, {
      id: 'errors.cupi.publisherReadOnly',
      values: { reason },
    });
    this.name = 'PublisherUnreachableError';
  }
}

function codeForStatus(status: number): IpcErrorCode {
  if (status === 400 || status === 405 || status === 415) return 'rejected';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  return 'unavailable';
}

/** Failures that mean "this node cannot serve us now": not there, or answering with server errors (503 "busy" is an answer). */
export function isNodeFailure(error: unknown): error is NetworkError | CupiRequestError {
  if (error instanceof CupiRequestError) return error.status >= 500 && error.status !== 503;
  return error instanceof NetworkError && error.kind !== 'certificate-untrusted' && error.kind !== 'certificate-changed';
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, starting with /vmrest/. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: CupiFields;
}

/**
 * The notice while Unity Connection answers 503 and the request waits to try
 * again: "Unity Connection is busy (server busy); retrying in 2 s (attempt 2
 * of 7).", and the same by id (`main.cupi.busy`) for the renderer to say.
 */
export function busyNotice(waitMs: number, attempt: number, attempts: number): { message: string; said: MainMessage } {
  const milliseconds = waitMs < 1000;
  const wait = milliseconds ? waitMs : Math.round(waitMs / 1000);
  return {
    message: `Unity Connection is busy (server busy); retrying in ${wait} ${milliseconds ? 'ms' : 's'} (attempt ${attempt} of ${attempts}).`,
    said: { id: 'main.cupi.busy', values: { wait, unit: milliseconds ? 'ms' : 's', attempt, attempts } },
  };
}

export interface CupiClientEvents {
  /** A 503 back-off started (a sentence for the person, and the same by id) or ended (null). */
  busy: [message: string | null, said?: MainMessage];
  /** The publisher became unreachable (with the reason) or reachable again. */
  publisher: [reachable: boolean, reason: string | null];
  /** After every probe, and whenever a request changed how a node is described. */
  nodes: [CupiNodeState[]];
}

export class CupiClient extends EventEmitter<CupiClientEvents> {
  private readonly semaphore: Semaphore;
  private readonly cookies = new Map<CupiNode, string>();
  private publisherDownSince: number | null = null;
  private publisherDownReason: string | null = null;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly probers = new Map<CupiNode, NodeProber>();
  private readonly inFlight = new Map<CupiNode, Set<AbortController>>();
  private nodesKey = '';
  /** Counts requests sent with Authorization (tests check cookie reuse). */
  basicAuthRequests = 0;

  constructor(private readonly options: CupiClientOptions) {
    super();
    this.semaphore = new Semaphore(Math.min(2, Math.max(1, options.maxConcurrent ?? 2)));
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = options.now ?? Date.now;
    for (const node of this.configuredNodes()) {
      this.inFlight.set(node, new Set());
      this.probers.set(
        node,
        new NodeProber({
          // Outside the request limit, like UCCX's isDBMaster probe: it must answer while requests queue.
          send: (timeoutMs) => this.exchange(node, { method: 'GET', path: PROBE_PATH }, timeoutMs),
          minTimeoutMs: options.probeTimeoutMs,
          maxTimeoutMs: options.maxProbeTimeoutMs,
          now: this.now,
          onProbed: () => this.probed(node),
        }),
      );
    }
  }

  private configuredNodes(): CupiNode[] {
    return this.options.subscriber ? ['publisher', 'subscriber'] : ['publisher'];
  }

  /** Each configured node: its URL and condition. */
  nodeStates(): CupiNodeState[] {
    return this.configuredNodes().map((node) => ({ node, name: this.nodeName(node), url: this.baseUrl(node), condition: this.probers.get(node)!.condition }));
  }

  /** Stop probe retries (the service stops probing). */
  stop(): void {
    for (const prober of this.probers.values()) prober.stop();
  }

  get publisherReachable(): boolean {
    return this.publisherDownSince === null;
  }

  get hasSubscriber(): boolean {
    return Boolean(this.options.subscriber);
  }

  // ------------------------------------------------------------ typed verbs

  /** A list with the JSON quirks removed. */
  async list(path: string, itemKey: string, query?: RequestOptions['query']): Promise<CupiResponse<CupiList>> {
    const response = await this.read({ method: 'GET', path, query });
    return { ...response, value: normaliseList(response.value, itemKey) };
  }

  /** One object as flat fields. */
  async get(path: string): Promise<CupiResponse<CupiFields>> {
    const response = await this.read({ method: 'GET', path });
    return { ...response, value: toFields(response.value) };
  }

  /** GET from the publisher only (conflict checks must compare with what the write will hit). */
  async getFromPublisher(path: string): Promise<CupiFields> {
    const response = await this.send('publisher', { method: 'GET', path });
    return toFields(response.value);
  }

  /** POST to the publisher; answers the new object's ObjectId from the Location header (or the body). */
  async create(path: string, body: CupiFields, query?: RequestOptions['query']): Promise<{ objectId: string | null; fields: CupiFields }> {
    const response = await this.write({ method: 'POST', path, body, query });
    const location = response.headers.location;
    const fromLocation = typeof location === 'string' ? location.split('/').filter(Boolean).pop() ?? null : null;
    const fields = toFields(response.value);
    // [U] Real CUPI answers the new ObjectId as plain text in the body as well as in Location.
    const fromBody = typeof response.value === 'string' && /^[0-9a-f-]{36}$/i.test(response.value.trim()) ? response.value.trim() : null;
    return { objectId: fields.ObjectId ?? fromLocation ?? fromBody, fields };
  }

  async update(path: string, body: CupiFields): Promise<void> {
    await this.write({ method: 'PUT', path, body });
  }

  async remove(path: string): Promise<void> {
    await this.write({ method: 'DELETE', path });
  }

  /** GET /vmrest/version/product/ on one node (joining a probe in flight): does it answer, in time and without errors? */
  async probe(node: CupiNode): Promise<boolean> {
    const prober = this.probers.get(node);
    if (!prober) return false;
    await prober.probe();
    return prober.answering;
  }

  /** After every probe of a node: route around it or back to it, cancel what waits on a silent node, tell listeners. */
  private probed(node: CupiNode): void {
    const prober = this.probers.get(node)!;
    if (node === 'publisher') {
      if (prober.answering) this.markPublisherUp();
      else this.markPublisherDown(describeNode(prober.condition).phrase);
    }
    if (!prober.answering && prober.condition.kind !== 'errors') for (const controller of this.inFlight.get(node) ?? []) controller.abort();
    this.announceNodes(true);
  }

  /** Tell listeners about the nodes: always after a probe, else only when what the frame would say changed. */
  private announceNodes(always: boolean): void {
    const nodes = this.nodeStates();
    const key = JSON.stringify(nodes.map((n) => describeNode(n.condition)));
    if (!always && key === this.nodesKey) return;
    this.nodesKey = key;
    this.emit('nodes', nodes);
  }

  // ------------------------------------------------------------ routing

  /** Reads: publisher first; the subscriber while the publisher is unreachable. */
  async read(request: RequestOptions): Promise<CupiResponse<unknown>> {
    const retryPublisher = this.publisherDownSince === null || this.now() - this.publisherDownSince >= (this.options.publisherRetryMs ?? 15_000);
    if (retryPublisher || !this.options.subscriber) {
      try {
        return await this.viaPublisher(request);
      } catch (error) {
        if (!isNodeFailure(error) || !this.options.subscriber) throw error;
      }
    }
    return this.send('subscriber', request);
  }

  /** Writes: the publisher or nothing (never split writes across nodes). */
  async write(request: RequestOptions): Promise<CupiResponse<unknown>> {
    try {
      return await this.viaPublisher(request);
    } catch (error) {
      if (!isNodeFailure(error)) throw error;
      throw new PublisherUnreachableError(this.publisherPhrase());
    }
  }

  /** One request to the publisher, keeping its reachability current; a failure is passed on as it came. */
  private async viaPublisher(request: RequestOptions): Promise<CupiResponse<unknown>> {
    try {
      const response = await this.send('publisher', request);
      this.markPublisherUp();
      return response;
    } catch (error) {
      if (isNodeFailure(error)) this.markPublisherDown(this.publisherPhrase());
      throw error;
    }
  }

  /** How the publisher is doing, in words ("not answering since 10:42"). */
  private publisherPhrase(): string {
    return describeNode(this.probers.get('publisher')!.condition).phrase;
  }

  private markPublisherDown(reason: string): void {
    const wasUp = this.publisherDownSince === null;
    this.publisherDownSince = this.now();
    this.publisherDownReason = reason;
    if (wasUp) this.emit('publisher', false, reason);
  }

  private markPublisherUp(): void {
    if (this.publisherDownSince === null) return;
    this.publisherDownSince = null;
    this.publisherDownReason = null;
    this.emit('publisher', true, null);
  }

  get publisherFailure(): string | null {
    return this.publisherDownReason;
  }

  // ------------------------------------------------------------ one node

  /** What the screen calls a node: the profile's label, else its host name. */
  nodeName(node: CupiNode): string {
    const urls = [this.options.publisher, ...(this.options.subscriber ? [this.options.subscriber] : [])];
    return nodeNames(urls, [this.options.publisherLabel, this.options.subscriberLabel])[node === 'publisher' ? 0 : 1] ?? node;
  }

  private baseUrl(node: CupiNode): string {
    const base = node === 'publisher' ? this.options.publisher : this.options.subscriber;
    if (!base) throw new ConsoleError('unavailable', 'No Unity Connection subscriber is configured.', undefined, { id: 'errors.cupi.noSubscriber' });
    return base.replace(/\/+$/, '');
  }

  private urlFor(node: CupiNode, request: RequestOptions): string {
    const url = new URL(this.baseUrl(node) + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    // CUPI wants spaces in query=(alias startswith a) as %20, not "+" (apis.md 2.2).
    return url.toString().replace(/\+/g, '%20');
  }

  /** One request to one node, through the concurrency cap, with cookie reuse and 503 back-off. */
  async send(node: CupiNode, request: RequestOptions): Promise<CupiResponse<unknown>> {
    const retries = this.options.busyRetries ?? 6;
    let backoff = this.options.busyBackoffMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      const response = await this.semaphore.run(() => this.exchange(node, request));
      if (response.status !== 503) {
        if (attempt > 0) this.emit('busy', null);
        return this.interpret(node, request, response);
      }
      if (attempt >= retries) {
        this.emit('busy', null);
        return this.interpret(node, request, response);
      }
      const retryAfter = Number(response.headers['retry-after']);
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 30_000) : backoff;
      const notice = busyNotice(wait, attempt + 2, retries + 1);
      this.emit('busy', notice.message, notice.said);
      await this.sleep(wait);
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 8_000);
    }
  }

  /**
   * Send with the session cookie when we have one; on 401 fall back to Basic
   * once. `probeTimeoutMs` marks the node's probe, which its NodeProber times
   * and records itself.
   */
  private async exchange(node: CupiNode, request: RequestOptions, probeTimeoutMs?: number): Promise<HttpResponse> {
    const cookie = this.cookies.get(node);
    let response = await this.transmit(node, request, cookie, probeTimeoutMs);
    if (response.status === 401 && cookie) {
      this.cookies.delete(node);
      response = await this.transmit(node, request, undefined, probeTimeoutMs);
    }
    this.rememberCookies(node, response);
    return response;
  }

  /** One HTTP request, timed and recorded against its node (ordinary requests), cancelled if the node's probe finds it silent. */
  private async transmit(node: CupiNode, request: RequestOptions, cookie: string | undefined, probeTimeoutMs?: number): Promise<HttpResponse> {
    const prober = this.probers.get(node);
    if (probeTimeoutMs !== undefined || !prober) return this.httpRequest(node, request, cookie, probeTimeoutMs);
    const controller = new AbortController();
    const inFlight = this.inFlight.get(node)!;
    inFlight.add(controller);
    const slow = setTimeout(() => void prober.probe(), Math.max(this.options.slowAnswerMs ?? 1500, 2 * (prober.latencyMs ?? 0)));
    slow.unref?.();
    const started = this.now();
    try {
      const response = await this.httpRequest(node, request, cookie, undefined, controller.signal);
      prober.answered(this.now() - started, response.status);
      return response;
    } catch (error) {
      // A request cancelled because the probe found the node silent is already recorded.
      if (!controller.signal.aborted) prober.failed(error);
      throw error;
    } finally {
      clearTimeout(slow);
      inFlight.delete(controller);
      this.announceNodes(false);
    }
  }

  private httpRequest(node: CupiNode, request: RequestOptions, cookie: string | undefined, timeoutMs?: number, signal?: AbortSignal): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (cookie) headers.cookie = cookie;
    else {
      headers.authorization = basicAuthHeader(this.options.username, this.options.password);
      this.basicAuthRequests++;
    }
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    return this.options.http.request({
      method: request.method,
      url: this.urlFor(node, request),
      headers,
      body,
      timeoutMs: timeoutMs ?? this.options.timeoutMs ?? 15_000,
      signal,
      place: { system: 'Unity Connection', node: this.nodeName(node) },
    });
  }

  /** Keep JSESSIONID / JSESSIONIDSSO ([U]: verified against the lab, not a real server). */
  private rememberCookies(node: CupiNode, response: HttpResponse): void {
    const setCookie = response.headers['set-cookie'];
    if (!setCookie || setCookie.length === 0) return;
    const jar = new Map<string, string>();
    for (const part of (this.cookies.get(node) ?? '').split('; ').filter(Boolean)) {
      const eq = part.indexOf('=');
      jar.set(part.slice(0, eq), part.slice(eq + 1));
    }
    for (const line of setCookie) {
      const pair = line.split(';')[0]!.trim();
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    if (jar.size === 0) this.cookies.delete(node);
    else this.cookies.set(node, [...jar].map(([n, v]) => `${n}=${v}`).join('; '));
  }

  private interpret(node: CupiNode, request: RequestOptions, response: HttpResponse): CupiResponse<unknown> {
    const text = response.text();
    if (response.status >= 200 && response.status < 300) {
      let value: unknown = null;
      if (text.trim()) {
        try {
          value = JSON.parse(text);
        } catch {
          value = text;
        }
      }
      return { value, node, status: response.status, headers: response.headers };
    }
    // A plain sentence naming the node, then Unity Connection's own messages (ErrorDetails), which users can act on.
    const details = parseErrorBody(text);
    const place = { system: 'Unity Connection', node: this.nodeName(node) };
    const reason = serverMessagesOf(details);
    const message = httpFailureSentence(response.status, place, reason);
    throw new CupiRequestError(
      codeForStatus(response.status),
      message,
      response.status,
      details,
      httpFailureDetail(response.status, request.method, this.urlFor(node, request)),
      httpFailureMessage(response.status, place, reason),
    );
  }
}

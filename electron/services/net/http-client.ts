import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { NetworkError, describeNetworkFailure } from './network-error';
import type { FailurePlace } from '../../../shared/domain/error-words';
import { TrustStore, certificateFingerprint, describeSubject } from './trust-store';

/**
 * The one HTTP client of the main process (UCCX adminapi, CUPI, connection
 * tests). TLS is verified against the system store; a certificate the system
 * store rejects is accepted only when the user pinned its fingerprint for that
 * host. Verification happens in the agent's connection step, BEFORE the request
 * (and its Authorization header) is written to the socket.
 */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole-request deadline; default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Largest response body accepted, in bytes; default: the client's `maxResponseBytes`. */
  maxResponseBytes?: number;
  /** The system and node asked, by name: failures then read "UCCX node ccx-a refused the connection (…)". */
  place?: FailurePlace;
  /** Called as the request body is handed to the socket (bytes sent so far, of the total). */
  onUploadProgress?: (sent: number, total: number) => void;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text(): string;
}

type ConnectCallback = (error: Error | null, socket?: Duplex) => void;

/**
 * Open a TLS connection and verify it (system store, else the pin). Works as an
 * http.Agent `createConnection` and as ws's `createConnection` option.
 */
export function connectVerified(trust: TrustStore, options: tls.ConnectionOptions & { host?: string; port?: number | string }, callback: ConnectCallback): undefined {
  const host = options.host ?? 'localhost';
  const port = Number(options.port ?? 443);
  const endpoint = `${host}:${port}`;
  let settled = false;
  const finish = (error: Error | null, socket?: Duplex) => {
    if (settled) return;
    settled = true;
    callback(error, socket);
  };
  // Per-connection, not process-wide: the handshake completes so we can read
  // the certificate, and nothing is written until the checks below pass.
  const socket = tls.connect({ ...options, host, port, servername: options.servername ?? (isIp(host) ? undefined : host), rejectUnauthorized: false });
  socket.once('error', (error) => finish(describeNetworkFailure(error, endpoint)));
  socket.once('secureConnect', () => {
    if (socket.authorized) {
      finish(null, socket);
      return;
    }
    const cert = socket.getPeerCertificate();
    const fingerprint = certificateFingerprint(cert);
    const subject = describeSubject(cert);
    const verdict = trust.check(endpoint, fingerprint);
    if (verdict === 'trusted') {
      finish(null, socket);
      return;
    }
    socket.destroy();
    if (verdict === 'changed') {
      const pinned = trust.pinFor(endpoint)?.fingerprint;
      finish(
        new NetworkError(
          'certificate-changed',
          `${endpoint}: the server's certificate has CHANGED since you trusted it. This can mean the certificate was renewed, or that someone is intercepting the connection. Connection blocked until you confirm the new certificate (${fingerprint}).`,
          { endpoint, subject, fingerprint, pinnedFingerprint: pinned },
        ),
      );
    } else {
      finish(
        new NetworkError(
          'certificate-untrusted',
          `${endpoint}: the certificate is not trusted (${socket.authorizationError ?? 'unknown issuer'}). Subject ${subject}, fingerprint ${fingerprint}. Confirm it in Connections if it is your server's.`,
          { endpoint, subject, fingerprint },
        ),
      );
    }
  });
  return undefined;
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

class VerifyingAgent extends https.Agent {
  constructor(
    private readonly trust: TrustStore,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: tls.ConnectionOptions, callback: ConnectCallback): undefined {
    return connectVerified(this.trust, options, callback);
  }
}

export interface HttpClientOptions {
  trust: TrustStore;
  /** Sockets per host; the clients' own semaphores set the real concurrency. */
  maxSockets?: number;
  /** Largest response body accepted, in bytes (default DEFAULT_MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/**
 * 32 MiB: the largest real answers (a UCCX resource list of thousands of
 * agents, a 2 MB prompt) are a fraction of it; a server (or something posing
 * as one) that sends more is cut off instead of filling the memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A server's answer was larger than the client accepts; the connection was dropped. */
export class ResponseTooLargeError extends NetworkError {
  constructor(
    target: string,
    readonly limitBytes: number,
  ) {
    super('protocol', `${target}: the answer is larger than ${limitBytes} bytes, the most the console accepts; it stopped reading.`);
    this.name = 'ResponseTooLargeError';
  }
}

export class HttpClient {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly maxResponseBytes: number;
  readonly trust: TrustStore;

  constructor(options: HttpClientOptions) {
    this.trust = options.trust;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 });
    this.httpsAgent = new VerifyingAgent(options.trust, { keepAlive: true, maxSockets: options.maxSockets ?? 8 });
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    // A kept-alive socket the server has since closed (restart, idle timeout)
    // fails at once with a reset; a read is safe to send again. Several pooled
    // sockets may be stale, hence a few attempts.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request);
      } catch (error) {
        if (!(error instanceof StaleSocketError)) throw error;
        if (attempt >= 4) throw error.failure;
      }
    }
  }

  private attempt(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const secure = url.protocol === 'https:';
    const target = `${url.hostname}:${url.port || (secure ? 443 : 80)}`;
    const timeoutMs = request.timeoutMs ?? 10_000;
    const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
    const limit = request.maxResponseBytes ?? this.maxResponseBytes;

    return new Promise<HttpResponse>((resolve, reject) => {
      let done = false;
      const settle = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = (secure ? https : http).request(
        url,
        {
          method: request.method,
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let received = 0;
          const tooLarge = () => {
            req.destroy();
            settle(() => reject(new ResponseTooLargeError(target, limit)));
          };
          if (Number(res.headers['content-length']) > limit) {
            tooLarge();
            return;
          }
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (received > limit) tooLarge();
            else chunks.push(chunk);
          });
          res.on('end', () => {
            const data = Buffer.concat(chunks);
            settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data, text: () => data.toString('utf8') }));
          });
          res.on('error', (error) => settle(() => reject(describeNetworkFailure(error, target, request.place))));
        },
      );
      const timer = setTimeout(() => {
        req.destroy();
        settle(() => reject(describeNetworkFailure(new NetworkError('timed-out', `${target}: no answer within ${timeoutMs} ms.`), target, request.place)));
      }, timeoutMs);
      const onAbort = () => {
        req.destroy();
        settle(() => reject(new NetworkError('timed-out', `${target}: request cancelled.`)));
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => {
        const failure = describeNetworkFailure(error, target, request.place);
        const stale = req.reusedSocket && failure.kind === 'connection-reset' && (request.method === 'GET' || request.method === 'HEAD');
        settle(() => reject(stale ? new StaleSocketError(failure) : failure));
      });
      if (body && request.onUploadProgress) writeWithProgress(req, body, request.onUploadProgress);
      else req.end(body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** A reset on a reused keep-alive socket before any answer: retried once on a fresh connection. */
class StaleSocketError extends Error {
  constructor(readonly failure: NetworkError) {
    super(failure.message);
  }
}

/** Limits how many requests a client has in flight (UCCX: 4, CUPI: 2). */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  get inFlight(): number {
    return this.active;
  }
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Bytes per write when a request reports upload progress. */
const UPLOAD_CHUNK_BYTES = 16 * 1024;

/**
 * Write a body in chunks, each after the socket took the one before, so the
 * progress reported is what has left the process, not what was queued.
 */
function writeWithProgress(req: http.ClientRequest, body: Buffer, onProgress: (sent: number, total: number) => void): void {
  let sent = 0;
  const next = (): void => {
    if (req.destroyed) return;
    if (sent >= body.length) {
      req.end();
      return;
    }
    const chunk = body.subarray(sent, sent + UPLOAD_CHUNK_BYTES);
    req.write(chunk, (error) => {
      if (error) return;
      sent += chunk.length;
      onProgress(sent, body.length);
      next();
    });
  };
  onProgress(0, body.length);
  next();
}

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/**
 * One simulated server node on loopback, with the faults tests need:
 * stopped (connection refused), hung (accepts, never answers), added latency
 * and forced HTTP 500s. Every lab HTTP server (UCCX nodes, Unity Connection
 * nodes, the control API) is one of these, so faults behave the same everywhere.
 */
export type LabNodeState = 'up' | 'stopped' | 'hung';

/** One write a node answered: what tests count to prove a change was written exactly once. */
export interface LabWrite {
  node: string;
  method: string;
  /** Path without the query string. */
  path: string;
  status: number;
  /** Epoch ms the answer was sent. */
  at: number;
}

/** How many writes a node remembers (oldest forgotten first). */
const WRITE_LOG_LIMIT = 5000;

export type LabRequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>;

export interface LabNodeOptions {
  name: string;
  host?: string;
  /** 0 = any free port. After the first start the node keeps its port across stop/start. */
  port?: number;
  /** PEM key and certificate: serve HTTPS (self-signed certificate tests). */
  tls?: { key: string; cert: string };
}

export class LabNode {
  readonly name: string;
  private readonly host: string;
  private port: number;
  private tls: LabNodeOptions['tls'];
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly heldResponses = new Set<http.ServerResponse>();
  private stateValue: LabNodeState = 'stopped';
  latencyMs = 0;
  /** When true every request is answered with HTTP 500 and an error body. */
  failWith500 = false;
  /** Requests answered (or held) since start; used by tests and the benchmark to count round trips. */
  requestCount = 0;
  /** Every write (any method but GET and HEAD) this node answered, oldest first, with its status. */
  readonly writes: LabWrite[] = [];

  constructor(
    options: LabNodeOptions,
    private readonly handler: LabRequestHandler,
  ) {
    this.name = options.name;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.tls = options.tls;
  }

  get state(): LabNodeState {
    return this.stateValue;
  }

  get url(): string {
    const scheme = this.tls ? 'https' : 'http';
    return `${scheme}://${this.host}:${this.port}`;
  }

  /** Swap the certificate (certificate-change tests); takes effect on the next start. */
  setTls(tls: LabNodeOptions['tls']): void {
    this.tls = tls;
  }

  async start(): Promise<void> {
    if (this.server) {
      this.stateValue = 'up';
      return;
    }
    const listener = (req: http.IncomingMessage, res: http.ServerResponse) => this.onRequest(req, res);
    const server = this.tls ? https.createServer({ key: this.tls.key, cert: this.tls.cert }, listener) : http.createServer(listener);
    server.keepAliveTimeout = 5_000;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('secureConnection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.port = await listenOn(server, this.port, this.host);
    this.server = server;
    this.stateValue = 'up';
  }

  /** Close the listening socket and every connection: clients get "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.stateValue = 'stopped';
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Keep accepting connections but never answer (a hung JVM). */
  hang(): void {
    if (this.server) this.stateValue = 'hung';
  }

  /** Leave the hung state; requests held while hung are dropped. */
  resume(): void {
    for (const res of this.heldResponses) res.destroy();
    this.heldResponses.clear();
    if (this.server) this.stateValue = 'up';
  }

  /** Leave every fault: started, answering, no latency, no forced 500s. */
  async clearFaults(): Promise<void> {
    this.resume();
    this.latencyMs = 0;
    this.failWith500 = false;
    if (this.stateValue === 'stopped') await this.start();
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requestCount++;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const path = (req.url ?? '/').split('?')[0]!;
      res.on('finish', () => {
        this.writes.push({ node: this.name, method: req.method ?? '', path, status: res.statusCode, at: Date.now() });
        if (this.writes.length > WRITE_LOG_LIMIT) this.writes.splice(0, this.writes.length - WRITE_LOG_LIMIT);
      });
    }
    if (this.stateValue === 'hung') {
      this.heldResponses.add(res);
      res.on('close', () => this.heldResponses.delete(res));
      return;
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (this.failWith500) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${this.name}: simulated internal server error`);
      return;
    }
    try {
      await this.handler(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`${this.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Read a request body with a size cap (the lab must not be a memory sink either). */
export async function readBody(req: http.IncomingMessage, limitBytes = 16 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parse HTTP Basic credentials; null when absent or malformed. */
export function basicCredentials(req: http.IncomingMessage): { username: string; password: string } | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Listen on host:port (0 = any free port); resolves with the port, or rejects when it is taken. */
export function listenOn(server: import('node:net').Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

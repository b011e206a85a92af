import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConsoleCore } from '../core/console-core';
import { payloadTooLarge } from '../core/dispatcher';
import { fail } from '../../shared/ipc/result';
import { createLogger } from '../services/log/logger';
import { contentSecurityPolicy } from '../shell/content-security-policy';

/**
 * The browser host: serves the built renderer and carries the IPC contract
 * over a WebSocket. It is guarded by a random per-run token: the printed URL
 * carries it, the page and the socket are refused without it.
 */
export interface WebHostOptions {
  core: ConsoleCore;
  rendererDir: string;
  host: string;
  port: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Frame from page to host. */
interface InvokeFrame {
  type: 'invoke';
  id: number;
  channel: unknown;
  payload?: unknown;
}

const TOKEN_COOKIE = 'console_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function cookieToken(req: http.IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = createLogger('web-host');
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let origin = '';

  const authorized = (req: http.IncomingMessage, url: URL): boolean => {
    const fromQuery = url.searchParams.get('token');
    if (fromQuery && safeEqual(fromQuery, token)) return true;
    const fromCookie = cookieToken(req);
    return fromCookie !== null && safeEqual(fromCookie, token);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!authorized(req, url)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Forbidden: open the address the console printed at start (it carries the access token).\n');
      return;
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = path.resolve(rendererDir, `.${relative}`);
    // Path containment: nothing outside the renderer build is ever served.
    if (!file.startsWith(rendererDir + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    fs.readFile(file, (error, body) => {
      if (error) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
        return;
      }
      const headers: http.OutgoingHttpHeaders = {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy({ connectSources: [origin.replace(/^http/, 'ws')] }),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      };
      if (url.searchParams.has('token')) {
        headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      }
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    });
  });

  // ws would close the socket on an oversized frame without a word; accept
  // generously and answer with a typed error instead.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    const requestOrigin = req.headers.origin;
    const originAllowed = !requestOrigin || requestOrigin === origin;
    if (url.pathname !== '/ipc' || !authorized(req, url) || !originAllowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (error) => log.warn('page socket error', error));
    ws.on('message', async (data, isBinary) => {
      const send = (frame: unknown) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
      };
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      let frame: Partial<InvokeFrame>;
      try {
        const tooLarge = payloadTooLarge(size);
        if (tooLarge) {
          // Not parsed: the id is read from the frame's head so the caller still gets its answer.
          const head = /"id"\s*:\s*(\d{1,15})/.exec(Buffer.from(data as Buffer).subarray(0, 256).toString());
          send({ type: 'result', id: head ? Number(head[1]) : null, result: tooLarge });
          return;
        }
        if (isBinary) throw new Error('binary frame');
        frame = JSON.parse(data.toString()) as Partial<InvokeFrame>;
      } catch {
        send({ type: 'result', id: null, result: fail('invalid_payload', 'The message was not valid JSON text.') });
        return;
      }
      if (typeof frame !== 'object' || frame === null || frame.type !== 'invoke' || typeof frame.id !== 'number') {
        send({ type: 'result', id: null, result: fail('invalid_payload', 'Expected {"type":"invoke","id":<number>,"channel":...}.') });
        return;
      }
      const result = await options.core.dispatch(frame.channel, frame.payload);
      send({ type: 'result', id: frame.id, result });
    });
  });

  const unsubscribe = options.core.events.subscribe((channel, payload) => {
    const text = JSON.stringify({ type: 'event', channel, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const displayHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  origin = `http://${displayHost}:${port}`;

  return {
    url: `${origin}/?token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConsoleCore } from '../core/console-core';
import { dispatchFrame, frameText } from '../core/dispatcher';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc/contract';
import { fail } from '../../shared/ipc/result';
import { createLogger, registerSecret } from '../services/log/logger';
import { contentSecurityPolicy } from '../shell/content-security-policy';
import { resolveRendererFile } from '../shell/renderer-files';
import { isLoopbackAddress } from '../cli/args';

/**
 * The browser host: serves the built renderer and carries the IPC contract
 * over a WebSocket.
 *
 * - The renderer bundle is public (it holds no data) and is served to any
 *   request whose Host header names this host (a loopback name, or for a
 *   non-loopback --host one of this machine's addresses or names): a page on
 *   another site that rebinds its DNS name to this address is refused.
 * - The socket (`/ipc`) carries everything else. It needs the per-run token
 *   (in its own URL, `?token=`) and an Origin equal to the page's own origin
 *   (scheme + the Host the browser used); a request without Origin is refused.
 * - No cookie: a cookie would reach every other port of this machine too.
 *
 * Every request target is parsed by hand and every way to fail answers with a
 * status; nothing a client sends can throw out of a handler.
 */
export interface WebHostOptions {
  core: ConsoleCore;
  rendererDir: string;
  host: string;
  port: number;
  /** The access token (the host keeps it in the data folder); random when absent. */
  token?: string;
  /** Serve HTTPS/WSS with this certificate and key (PEM). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface WebHost {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** Path and query of an origin-form request target (`/path?query`); null for any other form. */
function splitTarget(target: string | undefined): { path: string; query: URLSearchParams } | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  const q = target.indexOf('?');
  return q < 0 ? { path: target, query: new URLSearchParams() } : { path: target.slice(0, q), query: new URLSearchParams(target.slice(q + 1)) };
}

/** Exactly one Host header (HTTP/1.1 requires one; two are an attack on whoever reads which). */
function singleHostHeader(req: http.IncomingMessage): boolean {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]!.toLowerCase() === 'host') count++;
  return count === 1;
}

/** Host header → lower-case name (no brackets, no trailing dot) and port; null when malformed. */
function splitHostHeader(value: string | undefined, defaultPort: number): { name: string; port: number } | null {
  if (!value || value.length > 300) return null;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+))(?::(\d{1,5}))?$/.exec(value);
  if (!match) return null;
  const name = (match[1] ?? match[2]!).toLowerCase().replace(/\.$/, '');
  return { name, port: match[3] === undefined ? defaultPort : Number(match[3]) };
}

const WILDCARD = new Set(['0.0.0.0', '::']);

/** DNS names and addresses a certificate is valid for (wildcards kept as `*.example.com`). */
function certificateNames(cert: string | Buffer): string[] {
  try {
    const alt = new crypto.X509Certificate(cert).subjectAltName ?? '';
    return alt
      .split(',')
      .map((entry) => entry.trim().replace(/^(DNS|IP Address):/i, '').toLowerCase())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The names a browser may use to reach this host: loopback names always; for a
 * non-loopback --host also that address (every local address for 0.0.0.0 or
 * ::), this machine's host name, and the names in the TLS certificate.
 */
function hostNameChecker(bindHost: string, tlsCert: string | Buffer | undefined): (name: string) => boolean {
  const bind = bindHost.toLowerCase();
  const fixed = new Set(['localhost', '127.0.0.1', '::1', bind]);
  const lan = !isLoopbackAddress(bind);
  if (lan) {
    fixed.add(os.hostname().toLowerCase());
    for (const name of tlsCert ? certificateNames(tlsCert) : []) fixed.add(name);
  }
  const wildcards = [...fixed].filter((n) => n.startsWith('*.')).map((n) => n.slice(1));
  return (name) => {
    if (fixed.has(name) || isLoopbackAddress(name)) return true;
    if (!lan) return false;
    if (wildcards.some((suffix) => name.endsWith(suffix) && !name.slice(0, -suffix.length).includes('.'))) return true;
    if (!WILDCARD.has(bind)) return false;
    // Listening on every interface: any of this machine's current addresses.
    return Object.values(os.networkInterfaces()).some((list) => list?.some((entry) => entry.address.toLowerCase() === name));
  };
}

/** End a raw socket (upgrade, CONNECT) with a bare status answer. */
function refuseSocket(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text) + 1}\r\n\r\n${text}\n`, () => socket.destroy());
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = createLogger('web-host');
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  registerSecret(token);
  const scheme = options.tls ? 'https' : 'http';
  const defaultPort = options.tls ? 443 : 80;
  const knownName = hostNameChecker(options.host, options.tls?.cert);
  let port = 0;

  /** The Host header, when it names this host on this port; null otherwise. */
  const ourHost = (req: http.IncomingMessage): string | null => {
    const header = req.headers.host;
    const parsed = splitHostHeader(header, defaultPort);
    return parsed && parsed.port === port && knownName(parsed.name) ? header! : null;
  };

  const answer = (res: http.ServerResponse, status: number, text: string, headers: http.OutgoingHttpHeaders = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
    res.end(`${text}\n`);
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      if (req.httpVersionMajor !== 1) return answer(res, 505, 'HTTP version not supported.');
      const target = splitTarget(req.url);
      if (!target) return answer(res, 400, 'Bad request: the request target must be a path.');
      if (!singleHostHeader(req)) return answer(res, 400, 'Bad request: exactly one Host header is required.');
      const host = ourHost(req);
      if (!host) return answer(res, 403, 'Forbidden: this address is not the console host.');
      if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
      const found = resolveRendererFile(options.rendererDir, target.path);
      if (!found.ok) return answer(res, found.status, found.status === 400 ? 'Bad request.' : 'Not found.');
      fs.readFile(found.file, (error, body) => {
        if (res.headersSent || res.destroyed) return;
        if (error) return answer(res, 404, 'Not found.');
        res.writeHead(200, {
          'content-type': found.contentType,
          'content-security-policy': contentSecurityPolicy({ connectSources: [`${scheme === 'https' ? 'wss' : 'ws'}://${host}`] }),
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    } catch (error) {
      log.error('a page request failed', error);
      if (!res.headersSent) answer(res, 500, 'The console could not answer this request.');
      else res.destroy();
    }
  };

  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : http.createServer(onRequest);

  // The page's socket: the contract's size limit is the frame limit (ws closes an oversized frame with 1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // After 'upgrade' Node no longer listens for errors on the socket: a reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      const target = splitTarget(req.url);
      if (!target || !singleHostHeader(req) || req.headers.upgrade?.toLowerCase() !== 'websocket') return refuseSocket(socket, 400, 'Bad Request');
      const host = ourHost(req);
      if (!host) return refuseSocket(socket, 403, 'Forbidden');
      if (target.path !== '/ipc') return refuseSocket(socket, 404, 'Not Found');
      const origin = req.headers.origin;
      const sameOrigin = typeof origin === 'string' && origin.toLowerCase() === `${scheme}://${host}`.toLowerCase();
      const given = target.query.get('token');
      if (!sameOrigin || !given || !safeEqual(given, token)) return refuseSocket(socket, 403, 'Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch (error) {
      log.error('a socket upgrade failed', error);
      socket.destroy();
    }
  });

  // Not a proxy.
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    refuseSocket(socket, 405, 'Method Not Allowed');
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (error) => log.warn('page socket error', error.message));
    ws.on('message', (data, isBinary) => {
      const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      void dispatchFrame(options.core.dispatch, bytes, isBinary).then((frame) => {
        const text = frameText(frame, () => ({ type: 'result', id: frame.id, result: fail('internal', 'The answer could not be encoded.') }));
        if (text !== null && ws.readyState === ws.OPEN) ws.send(text);
      });
    });
  });

  const unsubscribe = options.core.events.subscribe((channel, payload) => {
    const text = frameText({ type: 'event', channel, payload });
    if (text === null) return;
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // A wildcard address is no address to open: print the loopback one (any of this machine's addresses works).
  const shown = WILDCARD.has(options.host) ? '127.0.0.1' : options.host;
  const origin = `${scheme}://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;

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

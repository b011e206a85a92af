import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appInfoWithin, describeDeaths, LiveHost, rawRequest, type RawRequestOptions } from '../support/fuzz';

/**
 * Hostile HTTP against the live browser host, over raw TCP so malformed
 * request lines reach the server exactly as written. Every case must be
 * answered with the status it deserves (or, where Node's parser refuses the
 * bytes outright, a 400 and a close), and the host must stay up: a host that
 * dies is restarted and the case named, so one run lists every killer.
 */

interface Ctx {
  port: number;
  token: string;
  /** The Host header value a browser on this machine would send. */
  host: string;
}

interface HttpCase {
  name: string;
  request: (ctx: Ctx) => string | Buffer;
  /** Acceptable final statuses; null = the server may also close without a status (bytes it cannot parse). */
  expect: Array<number | null>;
  options?: RawRequestOptions;
}

const get = (target: string, extra = '') => (ctx: Ctx) => `GET ${target} HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n${extra}\r\n`;
const withToken = (target: string) => (ctx: Ctx) => get(`${target}${target.includes('?') ? '&' : '?'}token=${ctx.token}`)(ctx);
const method = (name: string, target = '/', extra = '') => (ctx: Ctx) => `${name} ${target} HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: close\r\n${extra}\r\n`;
const upgrade = (target: string | ((ctx: Ctx) => string), extra: string | ((ctx: Ctx) => string) = '', base = 'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n') => (ctx: Ctx) => {
  const t = typeof target === 'function' ? target(ctx) : target;
  const e = typeof extra === 'function' ? extra(ctx) : extra;
  return `GET ${t} HTTP/1.1\r\nHost: ${ctx.host}\r\nConnection: Upgrade\r\n${base}${e}\r\n`;
};
const origin = (ctx: Ctx) => `Origin: http://${ctx.host}\r\n`;

const BAD = [400];
const NOT_FOUND = [404];
const FORBIDDEN = [403];
/** Bytes Node's own parser refuses: it answers 400 and closes (or closes at once when it cannot even answer). */
const PARSER = [400, null];

export const HTTP_CASES: HttpCase[] = [
  // Request targets that made `new URL()` throw before any token check.
  { name: 'GET //', request: get('//'), expect: BAD },
  { name: 'GET ///', request: get('///'), expect: BAD },
  { name: 'GET //@', request: get('//@'), expect: BAD },
  { name: 'GET //:99999', request: get('//:99999'), expect: BAD },
  { name: 'GET //[', request: get('//['), expect: BAD },
  { name: 'GET /\\\\', request: get('/\\\\'), expect: BAD },
  { name: 'absolute-form http://a%20b/', request: get('http://a%20b/'), expect: BAD },
  { name: 'WebSocket upgrade to //', request: upgrade('//'), expect: BAD },
  // Percent-encodings and NULs that made decodeURIComponent or fs.readFile throw.
  { name: 'GET /%E0 with token', request: withToken('/%E0'), expect: BAD },
  { name: 'GET /% with token', request: withToken('/%'), expect: BAD },
  { name: 'GET /%00 with token', request: withToken('/%00'), expect: BAD },
  { name: 'GET /a%00b.js with token', request: withToken('/a%00b.js'), expect: BAD },
  { name: 'GET /%E0 without token', request: get('/%E0'), expect: BAD },
  { name: 'GET /%00', request: get('/%00'), expect: BAD },
  // Traversal, encoded and not.
  { name: 'encoded dots /%2e%2e/%2e%2e/etc/passwd', request: withToken('/%2e%2e/%2e%2e/etc/passwd'), expect: BAD },
  { name: 'encoded slashes /..%2f..%2fetc%2fpasswd', request: withToken('/..%2f..%2fetc%2fpasswd'), expect: BAD },
  { name: 'encoded backslashes /%2e%2e%5c%2e%2e%5cboot.ini', request: withToken('/%2e%2e%5c%2e%2e%5cboot.ini'), expect: BAD },
  { name: 'double-encoded /%252e%252e/%252e%252e/etc/passwd', request: withToken('/%252e%252e/%252e%252e/etc/passwd'), expect: NOT_FOUND },
  { name: 'overlong UTF-8 dots /%c0%ae%c0%ae/', request: withToken('/%c0%ae%c0%ae/etc/passwd'), expect: BAD },
  { name: 'overlong UTF-8 slash /%c0%af', request: withToken('/..%c0%af..%c0%afetc/passwd'), expect: BAD },
  { name: 'lone surrogate /%ed%a0%80', request: withToken('/%ed%a0%80'), expect: BAD },
  { name: 'invalid byte /%ff', request: withToken('/%ff'), expect: BAD },
  { name: 'nested percent /%%32%65', request: withToken('/%%32%65%%32%65/'), expect: BAD },
  { name: 'IIS unicode /%u002e%u002e/', request: withToken('/%u002e%u002e/'), expect: BAD },
  { name: 'NUL before extension /index.html%00.png', request: withToken('/index.html%00.png'), expect: BAD },
  { name: 'encoded slash /%2F', request: withToken('/%2F'), expect: BAD },
  { name: 'raw dot segments /assets/../../etc/passwd', request: withToken('/assets/../../etc/passwd'), expect: BAD },
  { name: 'raw backslashes /..\\..\\etc\\passwd', request: withToken('/..\\..\\etc\\passwd'), expect: BAD },
  { name: 'encoded backslash /%5c..%5c', request: withToken('/%5c..%5cindex.html'), expect: BAD },
  { name: 'dot segment /./index.html', request: withToken('/./index.html'), expect: BAD },
  { name: 'mixed /.%2e/', request: withToken('/.%2e/etc/passwd'), expect: BAD },
  { name: '2,000 parent segments', request: withToken(`/${'../'.repeat(2000)}etc/passwd`), expect: BAD },
  { name: 'directory /assets/', request: withToken('/assets/'), expect: NOT_FOUND },
  { name: 'file as directory /index.html/', request: withToken('/index.html/'), expect: NOT_FOUND },
  { name: 'path parameter /;/index.html', request: withToken('/;/index.html'), expect: NOT_FOUND },
  { name: 'device name /CON', request: withToken('/CON'), expect: NOT_FOUND },
  { name: 'control character /%01', request: withToken('/%01'), expect: BAD },
  { name: 'DEL character /%7f', request: withToken('/%7f'), expect: BAD },
  { name: 'very long path (8 KB)', request: withToken(`/${'a'.repeat(8_000)}`), expect: BAD },
  { name: 'long encoded path (3,000 × %41)', request: withToken(`/${'%41'.repeat(3_000)}`), expect: BAD },
  { name: 'path over the header limit (20 KB)', request: get(`/${'a'.repeat(20_000)}`), expect: [431, null] },
  { name: 'long query (10 KB)', request: get(`/?${'x'.repeat(10_000)}`), expect: [200] },
  { name: 'query with bad encoding ?token=%E0', request: get('/?token=%E0%'), expect: [200] },
  { name: 'token twice', request: (ctx) => get(`/index.html?token=${ctx.token}&token=x`)(ctx), expect: [200] },
  { name: 'fragment in request target', request: withToken('/index.html#frag'), expect: [...PARSER, 200, 404] },
  // Request lines and versions.
  { name: 'raw NUL in request line', request: get('/\x00'), expect: PARSER },
  { name: 'raw DEL in request line', request: get('/\x7f'), expect: PARSER },
  { name: 'raw UTF-8 bytes in path', request: get('/\xc3\xa9'), expect: [...PARSER, 404] },
  { name: 'asterisk-form GET *', request: get('*'), expect: BAD },
  { name: 'OPTIONS *', request: method('OPTIONS', '*'), expect: [400, 405] },
  { name: 'CONNECT to another port', request: (ctx) => `CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n`, expect: [405] },
  { name: 'CONNECT with garbage authority', request: () => `CONNECT [[[:::: HTTP/1.1\r\nHost: x\r\n\r\n`, expect: [400, 405] },
  { name: 'unknown method FOO', request: method('FOO'), expect: PARSER },
  { name: 'lower-case method get', request: method('get'), expect: PARSER },
  { name: 'POST with a body', request: (ctx) => `POST / HTTP/1.1\r\nHost: ${ctx.host}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`, expect: [405] },
  { name: 'PUT', request: method('PUT', '/index.html', 'Content-Length: 0\r\n'), expect: [405] },
  { name: 'DELETE', request: method('DELETE', '/index.html'), expect: [405] },
  { name: 'PATCH', request: method('PATCH', '/'), expect: [405] },
  { name: 'TRACE', request: method('TRACE', '/'), expect: [405] },
  { name: 'HEAD', request: method('HEAD', '/'), expect: [200] },
  { name: 'HTTP/2.0 version', request: (ctx) => `GET / HTTP/2.0\r\nHost: ${ctx.host}\r\n\r\n`, expect: [...PARSER, 505] },
  { name: 'HTTP/9.9 version', request: (ctx) => `GET / HTTP/9.9\r\nHost: ${ctx.host}\r\n\r\n`, expect: [...PARSER, 505] },
  { name: 'HTTP/0.9 request without version', request: () => 'GET /\r\n\r\n', expect: [...PARSER, 505] },
  { name: 'HTTP/1.0 without Host', request: () => 'GET / HTTP/1.0\r\n\r\n', expect: [...BAD, 200] },
  { name: 'HTTP/1.1 without Host', request: () => 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', expect: BAD },
  { name: 'two Host headers', request: (ctx) => `GET / HTTP/1.1\r\nHost: ${ctx.host}\r\nHost: evil.example\r\n\r\n`, expect: BAD },
  { name: 'foreign Host (DNS rebinding)', request: (ctx) => `GET / HTTP/1.1\r\nHost: evil.example:${ctx.port}\r\nConnection: close\r\n\r\n`, expect: FORBIDDEN },
  { name: 'foreign Host with the token', request: (ctx) => `GET /?token=${ctx.token} HTTP/1.1\r\nHost: evil.example:${ctx.port}\r\nConnection: close\r\n\r\n`, expect: FORBIDDEN },
  { name: 'Host with user info', request: (ctx) => `GET / HTTP/1.1\r\nHost: 127.0.0.1:${ctx.port}@evil.example\r\nConnection: close\r\n\r\n`, expect: FORBIDDEN },
  { name: 'Host on another port', request: () => `GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n`, expect: FORBIDDEN },
  { name: 'Host localhost', request: (ctx) => `GET / HTTP/1.1\r\nHost: localhost:${ctx.port}\r\nConnection: close\r\n\r\n`, expect: [200] },
  { name: 'Host 4 KB long', request: () => `GET / HTTP/1.1\r\nHost: ${'h'.repeat(4096)}\r\nConnection: close\r\n\r\n`, expect: FORBIDDEN },
  { name: 'Host [::1 unclosed', request: (ctx) => `GET / HTTP/1.1\r\nHost: [::1:${ctx.port}\r\nConnection: close\r\n\r\n`, expect: FORBIDDEN },
  // Headers.
  { name: 'header without colon', request: get('/', 'NoColonHere\r\n'), expect: PARSER },
  { name: 'obsolete line folding', request: get('/', 'X-A: a\r\n  folded\r\n'), expect: [...PARSER, 200] },
  { name: 'one 20 KB header', request: get('/', `X-Big: ${'b'.repeat(20_000)}\r\n`), expect: [431, null] },
  { name: '2,000 small headers', request: get('/', Array.from({ length: 2000 }, (_, i) => `X-${i}: v`).join('\r\n') + '\r\n'), expect: [200, 431, null] },
  { name: 'NUL in a header value', request: get('/', 'X-A: a\x00b\r\n'), expect: PARSER },
  { name: 'negative Content-Length', request: get('/', 'Content-Length: -1\r\n'), expect: PARSER },
  { name: 'huge Content-Length', request: get('/', 'Content-Length: 99999999999999999999999\r\n'), expect: PARSER },
  { name: 'Content-Length and chunked', request: get('/', 'Content-Length: 3\r\nTransfer-Encoding: chunked\r\n'), expect: PARSER },
  { name: 'bad chunk size', request: (ctx) => `POST / HTTP/1.1\r\nHost: ${ctx.host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`, expect: [...PARSER, 405] },
  { name: 'Expect: 100-continue', request: get('/', 'Expect: 100-continue\r\n'), expect: [200] },
  { name: 'malformed token cookie', request: get('/', 'Cookie: console_token=%%%; =; ;;\r\n'), expect: [200] },
  { name: 'token in a cookie only', request: (ctx) => get('/', `Cookie: console_token=${ctx.token}\r\n`)(ctx), expect: [200] },
  // Transport-level garbage.
  { name: 'TLS ClientHello on plain HTTP', request: () => Buffer.from('16030100a5010000a10303' + '00'.repeat(160), 'hex'), expect: PARSER },
  { name: '1 KB of binary garbage', request: () => Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 131 + 7) % 256)), expect: PARSER },
  { name: 'bare CRLFs then close', request: () => '\r\n\r\n\r\n', expect: [...PARSER], options: { timeoutMs: 500 } },
  { name: 'unfinished head', request: (ctx) => `GET / HTTP/1.1\r\nHost: ${ctx.host}\r\n`, expect: [null], options: { timeoutMs: 300 } },
  { name: 'request written one byte at a time', request: withToken('/index.html'), expect: [200], options: { chunkBytes: 1 } },
  { name: '50 pipelined requests', request: (ctx) => `GET / HTTP/1.1\r\nHost: ${ctx.host}\r\n\r\n`.repeat(50), expect: [200] },
  { name: 'request reset right after writing', request: get('//'), expect: [null], options: { reset: true, timeoutMs: 300 } },
  // WebSocket upgrades.
  { name: 'plain GET /ipc', request: withToken('/ipc'), expect: [400, 404] },
  {
    name: 'upgrade to /ipc without Sec-WebSocket-Key',
    request: upgrade((c) => `/ipc?token=${c.token}`, origin, 'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n'),
    expect: BAD,
  },
  { name: 'upgrade with version 99', request: upgrade((c) => `/ipc?token=${c.token}`, origin, 'Upgrade: websocket\r\nSec-WebSocket-Version: 99\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'), expect: BAD },
  { name: 'upgrade with a malformed key', request: upgrade((c) => `/ipc?token=${c.token}`, origin, 'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: !!\r\n'), expect: BAD },
  { name: 'upgrade to h2c', request: upgrade('/', '', 'Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n'), expect: BAD },
  { name: 'upgrade to /ipc without the token', request: upgrade('/ipc', origin), expect: FORBIDDEN },
  { name: 'upgrade to /ipc with a bad token encoding', request: upgrade('/ipc?token=%E0%', origin), expect: FORBIDDEN },
  { name: 'upgrade to /ipc from a foreign origin', request: upgrade((c) => `/ipc?token=${c.token}`, 'Origin: http://evil.example\r\n'), expect: FORBIDDEN },
  { name: 'upgrade to /ipc without an Origin', request: upgrade((c) => `/ipc?token=${c.token}`), expect: FORBIDDEN },
  { name: 'upgrade to /ipc with Origin null', request: upgrade((c) => `/ipc?token=${c.token}`, 'Origin: null\r\n'), expect: FORBIDDEN },
  {
    name: 'upgrade with a foreign Host and matching Origin',
    request: (c) => `GET /ipc?token=${c.token} HTTP/1.1\r\nHost: evil.example:${c.port}\r\nOrigin: http://evil.example:${c.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    expect: FORBIDDEN,
  },
  { name: 'upgrade to /ipc/../ipc', request: upgrade((c) => `/ipc/../ipc?token=${c.token}`, origin), expect: [400, 403, 404] },
  { name: 'upgrade to //ipc', request: upgrade((c) => `//ipc?token=${c.token}`, origin), expect: [400, 403, 404] },
  { name: 'upgrade absolute-form', request: upgrade((c) => `http://127.0.0.1:${c.port}/ipc?token=${c.token}`, origin), expect: [400, 403] },
  { name: 'upgrade to /%E0', request: upgrade('/%E0', origin), expect: [400, 403, 404] },
  { name: 'upgrade reset right after writing', request: upgrade('/ipc', origin), expect: [null], options: { reset: true, timeoutMs: 300 } },
  { name: 'upgrade with a body in the head', request: (c) => `${upgrade('/ipc', origin)(c)}${'\x81\x85'.repeat(100)}`, expect: FORBIDDEN },
];

describe('browser host under hostile HTTP', () => {
  const live = new LiveHost(['--demo']);
  beforeAll(() => live.start());
  afterAll(async () => {
    await live.stop();
    if (live.deaths.length) console.error(`host exits during the HTTP fuzz:\n${describeDeaths(live.deaths)}`);
  });

  it(`has at least 60 cases beyond the ones first found`, () => {
    expect(HTTP_CASES.length).toBeGreaterThanOrEqual(12 + 60);
    expect(new Set(HTTP_CASES.map((c) => c.name)).size).toBe(HTTP_CASES.length);
  });

  it.each(HTTP_CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const ctx = { port: Number(new URL(live.host.origin).port), token: live.host.token, host: new URL(live.host.origin).host };
    const reply = await rawRequest(ctx.port, c.request(ctx), { timeoutMs: 3_000, ...c.options });
    // A dying host closes the connection without a status; give its exit a moment to show.
    const alive = await live.checkAlive(name, reply.status === null ? 300 : 30);
    expect(alive, `the host exited:\n${describeDeaths(live.deaths.slice(-1))}`).toBe(true);
    expect(c.expect, `answered ${reply.text.slice(0, 200)}`).toContain(reply.status);
    expect(reply.status === null || reply.status < 500 || reply.status === 505).toBe(true);
    // A normal request is still answered at once.
    const probe = await rawRequest(ctx.port, withToken('/index.html')(ctx), { timeoutMs: 2_000 });
    expect(probe.status).toBe(200);
  });

  it('answers a valid IPC request within 2 s after all of it, without having exited once', async () => {
    expect(await appInfoWithin(live.host, 2_000)).toBeLessThan(2_000);
    expect(live.deaths, describeDeaths(live.deaths)).toEqual([]);
    expect(live.guardLines()).toEqual([]);
  });
});

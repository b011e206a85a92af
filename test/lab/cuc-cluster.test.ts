import { afterEach, describe, expect, it } from 'vitest';
import { createCucLab, type CucLab } from '../../lab/cuc/index';
import { createSeed } from '../../lab/seed';

// Sign-in, sessions, throttling, publisher/subscriber rules, faults and scale
// of the Unity Connection lab, with plain fetch.

const ADMIN = { username: 'cucadmin', password: 'Lab-Admin-Pass1' };
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const BASIC = basic(ADMIN.username, ADMIN.password);
const smallSeed = createSeed({ agents: 40, teams: 4, cucUsers: 60 });

const labs: CucLab[] = [];
async function startLab(options: Partial<Parameters<typeof createCucLab>[1]> = {}, seed = smallSeed): Promise<CucLab> {
  const lab = createCucLab(seed, { credentials: ADMIN, ...options });
  labs.push(lab);
  await lab.start();
  return lab;
}

afterEach(async () => {
  await Promise.all(labs.splice(0).map((lab) => lab.stop()));
});

function get(base: string, path: string, headers: Record<string, string> = { authorization: BASIC }) {
  return fetch(`${base}${path}`, { headers: { accept: 'application/json', ...headers } });
}

function put(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'PUT',
    headers: { authorization: BASIC, accept: 'application/json', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('sign-in and session cookie', () => {
  it('refuses missing or wrong credentials with 401', async () => {
    const lab = await startLab();
    const none = await get(lab.publisher.url, '/vmrest/users', {});
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await get(lab.publisher.url, '/vmrest/users', { authorization: basic(ADMIN.username, 'wrong') })).status).toBe(401);
    expect((await get(lab.publisher.url, '/vmrest/users', { authorization: basic('someone', ADMIN.password) })).status).toBe(401);
  });

  it('sets JSESSIONID on a Basic sign-in and accepts the cookie alone afterwards', async () => {
    const lab = await startLab();
    const first = await get(lab.publisher.url, '/vmrest/users?rowsPerPage=1');
    expect(first.status).toBe(200);
    const cookie = /JSESSIONID=([0-9A-F]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeDefined();

    const reused = await get(lab.publisher.url, '/vmrest/users?rowsPerPage=1', { cookie: `JSESSIONID=${cookie}` });
    expect(reused.status).toBe(200);
    expect(reused.headers.get('set-cookie')).toBeNull();

    expect((await get(lab.publisher.url, '/vmrest/users', { cookie: 'JSESSIONID=0123456789ABCDEF' })).status).toBe(401);
    // Each node keeps its own sessions.
    expect((await get(lab.subscriber.url, '/vmrest/users', { cookie: `JSESSIONID=${cookie}` })).status).toBe(401);
    lab.clearSessions();
    expect((await get(lab.publisher.url, '/vmrest/users', { cookie: `JSESSIONID=${cookie}` })).status).toBe(401);
  });
});

describe('content type', () => {
  it('answers a write without a JSON or XML Content-Type with 415', async () => {
    const lab = await startLab();
    const user = lab.store.findUserByAlias(smallSeed.cucUsers[5]!.alias)!;
    const path = `/vmrest/users/${user.ObjectId}`;
    const missing = await fetch(`${lab.publisher.url}${path}`, {
      method: 'PUT',
      headers: { authorization: BASIC, accept: 'application/json' },
      body: JSON.stringify({ FirstName: 'Nope' }),
    });
    expect(missing.status).toBe(415);
    expect((await missing.json()).ErrorDetails.errors.message).toMatch(/Content-Type/);
    expect((await put(lab.publisher.url, path, { FirstName: 'Nope' }, { 'content-type': 'text/plain' })).status).toBe(415);
    const post = await fetch(`${lab.publisher.url}/vmrest/contacts`, { method: 'POST', headers: { authorization: BASIC }, body: '<Contact><Alias>x</Alias></Contact>' });
    expect(post.status).toBe(415);
    expect(lab.store.getUser(user.ObjectId!).FirstName).toBe(user.FirstName);
    expect(lab.store.findContactByAlias('x')).toBeUndefined();
  });
});

describe('throttling', () => {
  it('processes only maxConcurrent requests at once; the queue drains in turn', async () => {
    const lab = await startLab({ maxConcurrent: 2, queueTimeoutMs: 2000, processingDelayMs: 80 });
    await get(lab.publisher.url, '/vmrest/version/product/');
    const started = Date.now();
    const replies = await Promise.all(Array.from({ length: 6 }, () => get(lab.publisher.url, '/vmrest/users?rowsPerPage=1')));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // Six requests, two at a time, 80 ms each: at least three rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 80 - 10);
  });

  it('answers 503 "server busy" to requests queued too long, then serves again', async () => {
    const lab = await startLab({ maxConcurrent: 2, queueTimeoutMs: 150, processingDelayMs: 100 });
    const replies = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await get(lab.publisher.url, '/vmrest/users?rowsPerPage=1');
        return { status: res.status, text: await res.text() };
      }),
    );
    const busy = replies.filter((r) => r.status === 503);
    const served = replies.filter((r) => r.status === 200);
    expect(busy.length).toBeGreaterThan(0);
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(busy.length + served.length).toBe(12);
    expect(busy[0]!.text).toMatch(/server busy/i);
    expect(JSON.parse(busy[0]!.text).ErrorDetails.errors.code).toBe('SERVER_BUSY');

    expect((await get(lab.publisher.url, '/vmrest/users?rowsPerPage=1')).status).toBe(200);
    lab.setThrottle(12, 2000);
    const relaxed = await Promise.all(Array.from({ length: 12 }, () => get(lab.publisher.url, '/vmrest/users?rowsPerPage=1')));
    expect(relaxed.every((r) => r.status === 200)).toBe(true);
  });
});

describe('publisher and subscriber', () => {
  it('reads on both nodes from the same data', async () => {
    const lab = await startLab();
    const alias = smallSeed.cucUsers[7]!.alias;
    const user = lab.store.findUserByAlias(alias)!;
    expect((await put(lab.publisher.url, `/vmrest/users/${user.ObjectId}`, { Title: 'Team Lead' })).status).toBe(204);
    const fromSubscriber = await get(lab.subscriber.url, `/vmrest/users/${user.ObjectId}`);
    expect(fromSubscriber.status).toBe(200);
    expect((await fromSubscriber.json()).Title).toBe('Team Lead');
  });

  it('refuses writes on the subscriber while the publisher is up, accepts them once it is stopped', async () => {
    const lab = await startLab();
    const user = lab.store.findUserByAlias(smallSeed.cucUsers[8]!.alias)!;
    const path = `/vmrest/users/${user.ObjectId}`;

    const refused = await put(lab.subscriber.url, path, { Title: 'From subscriber' });
    expect(refused.status).toBe(403);
    expect((await refused.json()).ErrorDetails.errors.message).toMatch(/publisher/);
    const refusedPost = await fetch(`${lab.subscriber.url}/vmrest/contacts`, {
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify({ Alias: 'sub.contact' }),
    });
    expect(refusedPost.status).toBe(403);
    expect((await fetch(`${lab.subscriber.url}${path}`, { method: 'DELETE', headers: { authorization: BASIC } })).status).toBe(403);
    expect(lab.store.getUser(user.ObjectId!).Title).toBeUndefined();

    // A hung publisher is still the primary.
    lab.publisher.hang();
    expect((await put(lab.subscriber.url, path, { Title: 'From subscriber' })).status).toBe(403);
    lab.publisher.resume();

    await lab.publisher.stop();
    expect((await put(lab.subscriber.url, path, { Title: 'From subscriber' })).status).toBe(204);
    expect(lab.store.getUser(user.ObjectId!).Title).toBe('From subscriber');

    await lab.publisher.start();
    expect((await put(lab.subscriber.url, path, { Title: 'Again' })).status).toBe(403);
    expect((await put(lab.publisher.url, path, { Title: 'Again' })).status).toBe(204);
  });
});

describe('faults', () => {
  it('passes LabNode faults through: refused, hung, 500', async () => {
    const lab = await startLab();
    lab.publisher.failWith500 = true;
    expect((await get(lab.publisher.url, '/vmrest/users')).status).toBe(500);
    lab.publisher.failWith500 = false;

    lab.publisher.hang();
    const hung = await fetch(`${lab.publisher.url}/vmrest/users`, { headers: { authorization: BASIC }, signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      () => 'timed out',
    );
    expect(hung).toBe('timed out');
    lab.publisher.resume();

    await lab.subscriber.stop();
    const refused = await fetch(`${lab.subscriber.url}/vmrest/users`, { headers: { authorization: BASIC } }).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});

describe('a 20,000-user directory', () => {
  it('answers a startswith first-page query quickly', async () => {
    const bigSeed = createSeed({ cucUsers: 20_000 });
    const lab = await startLab({}, bigSeed);
    expect(lab.store.userCount).toBe(20_000);
    // Warm the connection so the timing below is the query, not the TCP handshake.
    await get(lab.publisher.url, '/vmrest/version/product/');

    const started = performance.now();
    const res = await get(lab.publisher.url, '/vmrest/users?query=(alias%20startswith%20user1)&sort=(alias%20asc)&rowsPerPage=50&pageNumber=1');
    const body = await res.json();
    const elapsed = performance.now() - started;

    const expected = bigSeed.cucUsers.map((u) => u.alias.toLowerCase()).filter((a) => a.startsWith('user1')).sort();
    expect(res.status).toBe(200);
    expect(body['@total']).toBe(String(expected.length));
    expect(body.User.map((u: { Alias: string }) => u.Alias)).toEqual(expected.slice(0, 50));
    expect(elapsed).toBeLessThan(200);

    const deepStarted = performance.now();
    const deep = await (await get(lab.publisher.url, '/vmrest/users?sort=(lastname%20desc)&rowsPerPage=100&pageNumber=150')).json();
    expect(deep.User).toHaveLength(100);
    expect(performance.now() - deepStarted).toBeLessThan(200);
  });
});

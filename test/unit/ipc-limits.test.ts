import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createDispatcher, dispatchFrame, frameText, type Handlers } from '../../electron/core/dispatcher';
import { HttpClient, ResponseTooLargeError } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { PreferencesService } from '../../electron/services/preferences/preferences-service';
import type { KeyValueStore } from '../../electron/services/storage/key-value-store';
import { createLogger } from '../../electron/services/log/logger';
import { boundedJsonSchema } from '../../shared/domain/bounded-json';
import { FIELD_VALUE_BOUNDS } from '../../shared/domain/changes';
import { MAX_PREFERENCES_BYTES } from '../../shared/domain/preferences';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc/contract';

/** A value nested `depth` levels, built without recursion (so the test itself cannot overflow). */
function nested(depth: number, kind: 'array' | 'object' = 'array'): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

function handlers(overrides: Partial<Handlers>, calls: string[] = []): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => (calls.push(key), 'default')),
  });
}

const edit = (mine: unknown) => ({ type: 'resource', id: 'a1', operation: 'update', label: 'Agent', base: {}, mine });

describe('bounded JSON schema', () => {
  const schema = boundedJsonSchema({ maxDepth: 4, maxStringLength: 10, maxArrayLength: 3, maxKeys: 2, maxKeyLength: 5 });

  it('accepts values up to its bounds and refuses one step past each', () => {
    expect(schema.safeParse(nested(4)).success).toBe(true);
    expect(schema.safeParse(nested(4, 'object')).success).toBe(true);
    expect(schema.safeParse(nested(5)).success).toBe(false);
    expect(schema.safeParse(nested(5, 'object')).success).toBe(false);
    expect(schema.safeParse('x'.repeat(10)).success).toBe(true);
    expect(schema.safeParse('x'.repeat(11)).success).toBe(false);
    expect(schema.safeParse([1, 2, 3, 4]).success).toBe(false);
    expect(schema.safeParse({ a: 1, b: 2, c: 3 }).success).toBe(false);
    expect(schema.safeParse({ abcdef: 1 }).success).toBe(false);
    expect(schema.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });

  it('stops at its depth bound on a value 100,000 levels deep instead of exhausting the stack', () => {
    for (const kind of ['array', 'object'] as const) {
      const result = boundedJsonSchema(FIELD_VALUE_BOUNDS).safeParse(nested(100_000, kind));
      expect(result.success).toBe(false);
    }
  });
});

describe('dispatcher limits', () => {
  it('answers field values nested past the bound with invalid_payload, without calling the handler', async () => {
    const calls: string[] = [];
    const dispatch = createDispatcher(handlers({}, calls));
    for (const depth of [FIELD_VALUE_BOUNDS.maxDepth + 1, 850, 100_000]) {
      const value = nested(depth);
      expect(await dispatch('uccx:submit', { edits: [edit({ f: value })] })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(await dispatch('changes:edit', { id: 'c1', mine: { f: value } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(await dispatch('changes:resolve', { id: 'c1', resolution: { kind: 'edit', mine: { f: value } } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
      expect(await dispatch('preferences:set', { sections: { board: value } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    }
    // At the bound, the same request goes through.
    expect(await dispatch('changes:edit', { id: 'c1', mine: { f: nested(FIELD_VALUE_BOUNDS.maxDepth) } })).toMatchObject({ ok: true });
    expect(calls).toEqual(['changes:edit']);
  });

  it('answers a payload that makes validation itself throw with a typed error', async () => {
    const dispatch = createDispatcher(handlers({}));
    const hostile = {
      get theme(): string {
        throw new Error('getter exploded');
      },
    };
    const result = await dispatch('preferences:set', hostile);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('getter exploded') } });
  });

  it('answers a handler that rejects later with a typed error', async () => {
    const dispatch = createDispatcher(handlers({ 'status:get': async () => Promise.reject(new Error('later')) }));
    expect(await dispatch('status:get', undefined)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('later') } });
  });
});

describe('IPC frames of the browser host', () => {
  const dispatch = createDispatcher(handlers({ 'app:info': () => ({ name: 'Supervisor Console' }) as never }));
  const frame = (text: string, binary = false) => dispatchFrame(dispatch, Buffer.from(text), binary);

  it('answers every malformed frame with a typed error, with the id only when it was usable', async () => {
    expect(await frame('{not json')).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_payload' } } });
    expect(await frame('{"type":"invoke","id":1,"channel":"app:info"}', true)).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_payload' } } });
    for (const id of ['1.5', '-1', '"1"', '1e400', '9007199254740993', 'null']) {
      expect(await frame(`{"type":"invoke","id":${id},"channel":"app:info"}`)).toMatchObject({ id: null, result: { ok: false, error: { code: 'invalid_payload' } } });
    }
    expect(await frame('{"__proto__":{"type":"invoke","id":3,"channel":"app:info"}}')).toMatchObject({ id: null, result: { ok: false } });
    expect(await frame('{"type":"invoke","id":4,"channel":"nope"}')).toMatchObject({ id: 4, result: { ok: false, error: { code: 'unknown_channel' } } });
    expect(await frame('{"type":"invoke","id":5,"channel":"app:info"}')).toEqual({ type: 'result', id: 5, result: { ok: true, value: { name: 'Supervisor Console' } } });
  });

  it('parses a frame 100,000 levels deep and answers it', async () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const text = `{"type":"invoke","id":6,"channel":"uccx:submit","payload":{"edits":[{"type":"resource","id":"a","operation":"update","label":"l","base":{},"mine":{"f":${deep}}}]}}`;
    expect(await frame(text)).toMatchObject({ id: 6, result: { ok: false, error: { code: 'invalid_payload' } } });
  });

  it('refuses a frame over the contract limit before parsing it', async () => {
    const big = Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20);
    expect(await dispatchFrame(dispatch, big, false)).toMatchObject({ id: null, result: { ok: false, error: { code: 'payload_too_large' } } });
  });

  it('encodes an answer that cannot be encoded as its fallback instead of throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(frameText({ value: cyclic }, () => ({ fallback: true }))).toBe('{"fallback":true}');
    expect(frameText({ value: nested(100_000) })).toBeNull();
  });
});

describe('preferences are validated before they are kept', () => {
  function memoryStore(failWrites = false): KeyValueStore & { writes: number } {
    const data = new Map<string, unknown>();
    return {
      writes: 0,
      path: '/memory',
      get: <T,>(key: string) => data.get(key) as T | undefined,
      set(key: string, value: unknown) {
        if (failWrites) throw new RangeError('Maximum call stack size exceeded');
        this.writes++;
        data.set(key, JSON.parse(JSON.stringify(value)));
      },
      delete: (key: string) => void data.delete(key),
    };
  }

  it('keeps a valid update and refuses deep, oversized or unwritable ones without keeping them', () => {
    const store = memoryStore();
    const preferences = new PreferencesService(store, createLogger('test'));
    expect(preferences.update({ theme: 'dark', sections: { board: { sort: 'name' } } })).toEqual({ theme: 'dark', sections: { board: { sort: 'name' } } });

    // Straight to the service (past the request schema): the service checks the stored format itself.
    expect(() => preferences.update({ sections: { board: nested(10_000) } })).toThrow(/not saved/);
    const big = Array.from({ length: 500 }, () => 'x'.repeat(2_000));
    expect(() => preferences.update({ sections: { a: big } })).toThrow(new RegExp(`limit is ${MAX_PREFERENCES_BYTES}`));
    expect(() => preferences.update({ sections: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`s${i}`, i])) })).toThrow(/at most 32 sections/);
    expect(preferences.get()).toEqual({ theme: 'dark', sections: { board: { sort: 'name' } } });
    expect(store.writes).toBe(1);
    // The language is kept like the theme: a later patch without it leaves it alone.
    expect(preferences.update({ language: 'de' }).language).toBe('de');
    expect(preferences.update({ theme: 'light' })).toMatchObject({ theme: 'light', language: 'de' });

    const failing = new PreferencesService(memoryStore(true), createLogger('test'));
    expect(() => failing.update({ theme: 'light' })).toThrow(RangeError);
    expect(failing.get().theme).toBe('system');
  });
});

describe('HTTP response size cap', () => {
  async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
  }

  it('stops reading an answer over the cap, announced or not, with a typed error', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const server = await serve((req, res) => {
      if (req.url === '/announced') {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.write(chunk);
        return;
      }
      if (req.url === '/small') return void res.end('ok');
      // Chunked, no length announced: 3 MB, then the end.
      res.writeHead(200);
      let left = 48;
      const pump = () => {
        while (left > 0 && !res.destroyed) {
          left--;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const client = new HttpClient({ trust: new TrustStore(), maxResponseBytes: 1024 * 1024 });
    try {
      await expect(client.request({ method: 'GET', url: `${server.url}/announced` })).rejects.toBeInstanceOf(ResponseTooLargeError);
      const streamed = client.request({ method: 'GET', url: `${server.url}/stream` });
      await expect(streamed).rejects.toBeInstanceOf(ResponseTooLargeError);
      await expect(streamed).rejects.toMatchObject({ code: 'unavailable', kind: 'protocol', message: expect.stringContaining('larger than 1048576 bytes') });
      expect((await client.request({ method: 'GET', url: `${server.url}/small` })).text()).toBe('ok');
      // A request may lower (or raise) the client's cap for itself.
      await expect(client.request({ method: 'GET', url: `${server.url}/small`, maxResponseBytes: 1 })).rejects.toBeInstanceOf(ResponseTooLargeError);
    } finally {
      client.close();
      await server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher, type Handlers } from '../../electron/core/dispatcher';
import { ConsoleError } from '../../shared/ipc/result';
import { createLogger, configureLogFile, redact, registerSecret } from '../../electron/services/log/logger';
import { StatusRegistry } from '../../electron/services/status/status-registry';
import { writeFileAtomic, readJsonFile } from '../../electron/services/storage/atomic-file';

function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => 'default'),
  });
}

describe('dispatcher', () => {
  it('routes a valid request to its handler and wraps the answer', async () => {
    const dispatch = createDispatcher(handlers({ 'preferences:set': (patch) => ({ theme: patch.theme ?? 'system', sections: {} }) }));
    expect(await dispatch('preferences:set', { theme: 'dark' })).toEqual({ ok: true, value: { theme: 'dark', sections: {} } });
  });

  it('answers unknown channels, wrong types and missing fields with typed errors, without calling the handler', async () => {
    let called = 0;
    const dispatch = createDispatcher(handlers({ 'preferences:set': () => (called++, { theme: 'light', sections: {} }) }));
    expect(await dispatch('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const bad = await dispatch('preferences:set', { theme: 'purple' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(bad.ok ? [] : bad.error.issues).toEqual([expect.stringMatching(/^theme: /)]);
    expect(await dispatch('preferences:set', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(called).toBe(0);
  });

  it('turns handler failures into typed errors and never throws', async () => {
    const dispatch = createDispatcher(
      handlers({
        'app:info': () => {
          throw new ConsoleError('read_only', 'UCCX is read-only right now.');
        },
        'status:get': () => {
          throw new TypeError('boom');
        },
      }),
    );
    expect(await dispatch('app:info', undefined)).toEqual({ ok: false, error: { code: 'read_only', message: 'UCCX is read-only right now.' } });
    expect(await dispatch('status:get', undefined)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('boom') } });
  });
});

describe('logger', () => {
  it('redacts registered secrets in plain, base64 and URL-encoded form, and Authorization headers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-log-'));
    configureLogFile(dir);
    registerSecret('S3cret!Pass word');
    const log = createLogger('test');
    log.info('login with S3cret!Pass word', { header: `Basic ${Buffer.from('admin:x').toString('base64')}`, b64: Buffer.from('S3cret!Pass word').toString('base64'), url: encodeURIComponent('S3cret!Pass word') });
    const text = fs.readFileSync(path.join(dir, 'console.log'), 'utf8');
    expect(text).toContain('login with ***');
    expect(text).not.toContain('S3cret!Pass word');
    expect(text).not.toContain(Buffer.from('S3cret!Pass word').toString('base64'));
    expect(text).not.toContain(encodeURIComponent('S3cret!Pass word'));
    expect(text).toContain('Basic ***');
    expect(redact('nothing secret')).toBe('nothing secret');
  });
});

describe('status registry', () => {
  it('emits only real changes and keeps the time of the last state change', () => {
    const registry = new StatusRegistry();
    const seen: number[] = [];
    registry.on('changed', (list) => seen.push(list.length));
    registry.set({ id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'ok', detail: '', since: 1000 });
    registry.set({ id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'ok', detail: '' });
    expect(seen).toEqual([1]);
    registry.set({ id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'ok', detail: '3 changes waiting' });
    expect(registry.list()[0]!.since).toBe(1000);
    registry.set({ id: 'uccx', kind: 'uccx', label: 'UCCX', state: 'down', detail: 'unreachable' });
    expect(registry.list()[0]!.since).toBeGreaterThan(1000);
    expect(seen).toEqual([1, 1, 1]);
  });
});

describe('atomic files', () => {
  it('replaces content whole and reports a damaged file by name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-atomic-'));
    const file = path.join(dir, 'sub', 'state.json');
    writeFileAtomic(file, JSON.stringify({ a: 1 }));
    writeFileAtomic(file, JSON.stringify({ a: 2 }));
    expect(readJsonFile(file)).toEqual({ a: 2 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['state.json']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readJsonFile(path.join(dir, 'missing.json'))).toBeNull();
    fs.writeFileSync(path.join(dir, 'bad.json'), '{oops');
    expect(() => readJsonFile(path.join(dir, 'bad.json'))).toThrow(/bad\.json is not valid JSON/);
  });
});

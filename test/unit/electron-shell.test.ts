import { beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

vi.mock('electron', () => import('../support/fake-electron'));

import { recorded, resetRecorded, FakeSession, FakeWebContents } from '../support/fake-electron';
import { registerIpc } from '../../electron/shell/ipc';
import { secureWebPreferences, windowOptions } from '../../electron/shell/window';
import { guardSession, guardWebContents } from '../../electron/shell/guards';
import { createAppProtocolHandler, registerAppScheme } from '../../electron/shell/app-protocol';
import { isAppFrameUrl } from '../../electron/shell/sender-guard';
import { contentSecurityPolicy } from '../../electron/shell/content-security-policy';
import { applyRendererFlags, RENDERER_JS_FLAGS } from '../../electron/shell/renderer-flags';
import { INVOKE_CHANNELS, EVENT_CHANNELS } from '../../shared/ipc/channels';
import { invokeDefinitions } from '../../shared/ipc/contract';
import type { Dispatch } from '../../electron/core/dispatcher';
import { EventBus } from '../../electron/core/event-bus';

// Compile-time only (never called): host:connection belongs to the renderer's transport, and main's event bus refuses it.
void ((bus: EventBus) => {
  // @ts-expect-error: main never publishes host:connection
  bus.publish('host:connection', { connected: false });
});

describe('Electron shell under a fake electron module', () => {
  beforeEach(() => resetRecorded());

  it('sets the secure webPreferences', () => {
    const prefs = secureWebPreferences('/app/preload.cjs', false);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      devTools: false,
      preload: '/app/preload.cjs',
    });
    expect(prefs).not.toHaveProperty('webSecurity');
    const options = windowOptions('/p.cjs', true, { bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: false });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false });
  });

  it('keeps the renderer\'s compiled code, adding to js-flags given on the command line', () => {
    const switches = new Map<string, string>();
    const commandLine = {
      appendSwitch: (name: string, value?: string) => void switches.set(name, value ?? ''),
      getSwitchValue: (name: string) => switches.get(name) ?? '',
    };
    applyRendererFlags(commandLine);
    expect(switches.get('js-flags')).toBe('--no-flush-bytecode');
    expect(RENDERER_JS_FLAGS).toContain('--no-flush-bytecode');
    // A user's own flags stay, and ours are not added twice.
    switches.set('js-flags', '--max-old-space-size=512');
    applyRendererFlags(commandLine);
    applyRendererFlags(commandLine);
    expect(switches.get('js-flags')).toBe('--max-old-space-size=512 --no-flush-bytecode');
  });

  it('registers exactly one handler per contract channel and no other', async () => {
    const dispatched: string[] = [];
    const dispatch: Dispatch = async (channel) => {
      dispatched.push(String(channel));
      return { ok: true, value: 'handled' };
    };
    registerIpc((await import('electron')).ipcMain, dispatch);
    expect([...recorded.handlers.keys()].sort()).toEqual(Object.keys(invokeDefinitions).sort());
    expect(recorded.handleCalls).toHaveLength(new Set(recorded.handleCalls).size);
    expect(INVOKE_CHANNELS.length).toBe(Object.keys(invokeDefinitions).length);

    const handler = recorded.handlers.get('app:info')!;
    const fromApp = await handler({ senderFrame: { url: 'app://console/index.html' } }, undefined);
    expect(fromApp).toEqual({ ok: true, value: 'handled' });
    expect(dispatched).toEqual(['app:info']);
  });

  it('refuses a message from an unexpected frame without dispatching it', async () => {
    const dispatched: string[] = [];
    registerIpc((await import('electron')).ipcMain, async (channel) => {
      dispatched.push(String(channel));
      return { ok: true, value: null };
    });
    const handler = recorded.handlers.get('preferences:set')!;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', '', undefined]) {
      const result = await handler({ senderFrame: url === undefined ? null : { url } }, { theme: 'dark' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatched).toEqual([]);
    const huge = await handler({ senderFrame: { url: 'app://console/' } }, { theme: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(await handler({ senderFrame: { url: 'app://console/' } }, { sections: { board: deep } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(dispatched).toEqual([]);
  });

  it('exposes exactly the contract through the preload, refusing unknown channels', async () => {
    await import('../../electron/shell/preload');
    expect([...recorded.exposed.keys()]).toEqual(['api']);
    const api = recorded.exposed.get('api') as { invoke: (c: string, p: unknown) => Promise<unknown>; on: (c: string, l: (p: unknown) => void) => () => void };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);

    await api.invoke('app:info', undefined);
    expect(recorded.rendererSends).toEqual([{ channel: 'app:info', args: [undefined] }]);
    expect(await api.invoke('shell:openExternal', 'x')).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(recorded.rendererSends).toHaveLength(1);

    expect(() => api.on('secret:leak', () => {})).toThrow(/Unknown event channel/);
    const seen: unknown[] = [];
    const off = api.on(EVENT_CHANNELS[0], (p) => seen.push(p));
    const [listener] = recorded.rendererListeners.get(EVENT_CHANNELS[0])!;
    listener!({ sender: 'ipc-event-object' }, [{ id: 'uccx' }]);
    expect(seen).toEqual([[{ id: 'uccx' }]]);
    off();
    expect(recorded.rendererListeners.get(EVENT_CHANNELS[0])).toHaveLength(0);

    // Every store watches for reconnects; under Electron's IPC, which never drops, that listener just never fires.
    const offHost = api.on('host:connection', () => {});
    expect(recorded.rendererListeners.get('host:connection')).toHaveLength(1);
    offHost();
    expect(recorded.rendererListeners.get('host:connection')).toHaveLength(0);
  });

  it('blocks navigation, new windows, webviews, permissions and renderer networking', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as never);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://console/index.html')).toBe(false);
    expect(contents.fire('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });

    const session = new FakeSession();
    guardSession(session as never);
    const grants: Record<string, boolean> = {};
    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal']) {
      session.permissionRequest!(null, permission, (granted) => (grants[permission] = granted));
    }
    expect(grants).toEqual({ notifications: true, media: false, geolocation: false, openExternal: false });
    expect(session.permissionCheck!(null, 'clipboard-read')).toBe(false);
    let cancelled: boolean | undefined;
    session.beforeRequest!.listener({ url: 'https://uccx.example/adminapi/resource' }, (r) => (cancelled = r.cancel));
    expect(cancelled).toBe(true);
    expect(session.beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['ws://*/*', 'wss://*/*']));
  });

  it('serves the renderer from app://console with the CSP and path containment', async () => {
    registerAppScheme((await import('electron')).protocol);
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-proto-'));
    fs.mkdirSync(path.join(dir, 'renderer'));
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
    const handle = createAppProtocolHandler(path.join(dir, 'renderer'));

    const page = await handle(new Request('app://console/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<title>x</title>');
    expect((await handle(new Request('app://console/..%2Fsecret.txt'))).status).toBe(400);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(403);
    expect((await handle(new Request('app://console/index.html', { method: 'POST', body: 'x' }))).status).toBe(403);
  });

  it('answers every hostile app:// path with a status, never an exception', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-proto-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), 'x');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
    const handle = createAppProtocolHandler(path.join(dir, 'renderer'));
    const statuses: Record<string, number> = {};
    for (const p of ['/%E0', '/%', '/%00', '/a%00b.js', '/%2e%2e%2fsecret.txt', '/%5c..%5csecret.txt', '/%c0%ae%c0%ae/secret.txt', '/assets/', '/assets', '/nope.js', `/${'a'.repeat(5000)}`]) {
      statuses[p.slice(0, 30)] = (await handle(new Request(`app://console${p}`))).status;
    }
    expect(statuses).toEqual({
      '/%E0': 400,
      '/%': 400,
      '/%00': 400,
      '/a%00b.js': 400,
      '/%2e%2e%2fsecret.txt': 400,
      '/%5c..%5csecret.txt': 400,
      '/%c0%ae%c0%ae/secret.txt': 400,
      '/assets/': 404,
      '/assets': 404,
      '/nope.js': 404,
      [`/${'a'.repeat(29)}`]: 400,
    });
    // Not even a URL: refused, not thrown.
    expect((await handle({ url: 'not a url', method: 'GET' } as Request)).status).toBe(403);
  });

  it('recognises only the app origin as the console frame', () => {
    expect(isAppFrameUrl('app://console/index.html#/board')).toBe(true);
    expect(isAppFrameUrl('app://console.evil/index.html')).toBe(false);
    expect(isAppFrameUrl('http://console/')).toBe(false);
    expect(isAppFrameUrl('not a url')).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import WebSocket from 'ws';
import { RawIpcClient } from '../support/ipc-client';
import { rawRequest } from '../support/fuzz';

describe('browser host foundation', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost([]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('prints exactly one ready line carrying the token', () => {
    const lines = host.output().stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Console ready at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('opens the page with the six navigation entries and a keyboard-reachable frame', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.url);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('link').allInnerTexts()).toEqual([
      'Team board',
      'Call journey',
      'Configuration',
      'Connections',
      'Pending changes',
      'History',
    ]);
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.locator('a[aria-current="page"]').innerText()).toBe('Connections');
    // The token left the address bar (and history) for this tab's sessionStorage; no cookie carries it.
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => sessionStorage.getItem('console.token'))).toBe(host.token);
    expect(await page.context().cookies()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches between light and dark themes and remembers the choice', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const initial = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.getByRole('button', { name: /Switch to/ }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(initial);
    const chosen = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(chosen);
    await page.close();
  });

  it('serves the public bundle to its own Host only, and the socket only with the token and the page origin', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${host.origin.replace(/^http/, 'ws')}`);
    const viaLocalhost = await fetch(`${host.origin.replace('127.0.0.1', 'localhost')}/`);
    expect(viaLocalhost.status).toBe(200);
    // A page on another site whose name was rebound to this address sends its own Host: refused.
    const rebound = await rawRequest(Number(new URL(host.origin).port), `GET / HTTP/1.1\r\nHost: attacker.example:${new URL(host.origin).port}\r\nConnection: close\r\n\r\n`);
    expect(rebound.status).toBe(403);

    await expect(RawIpcClient.connect(host.origin, null)).rejects.toThrow(/403/);
    await expect(RawIpcClient.connect(host.origin, 'wrong')).rejects.toThrow(/403/);
    const socketUrl = `${host.origin.replace(/^http/, 'ws')}/ipc?token=${encodeURIComponent(host.token)}`;
    const opens = (headers: { origin?: string }) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(socketUrl, headers);
        ws.once('open', () => (ws.close(), resolve(101)));
        ws.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.once('error', () => resolve(0));
      });
    expect(await opens({})).toBe(403);
    expect(await opens({ origin: 'http://attacker.example' })).toBe(403);
    expect(await opens({ origin: host.origin.replace('127.0.0.1', 'localhost') })).toBe(403);
    expect(await opens({ origin: host.origin })).toBe(101);
  });

  it('answers malformed IPC payloads with typed errors and stays up', async () => {
    const client = await RawIpcClient.connect(host.origin, host.token);
    const unknown = await client.invoke('nope:nothing', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });

    const wrongType = await client.invoke('preferences:set', { theme: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(wrongType.ok ? [] : wrongType.error.issues).toEqual(expect.arrayContaining([expect.stringContaining('theme')]));

    const extraField = await client.invoke('preferences:set', { colour: 'red' });
    expect(extraField).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    // A section nested 100,000 levels deep is refused and not kept: the next preferences:get (every page load) still answers.
    const deepAnswer = new Promise<unknown>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as { id?: number; result?: unknown };
        if (frame.id !== 77) return;
        client.socket.off('message', onMessage);
        resolve(frame.result);
      };
      client.socket.on('message', onMessage);
    });
    client.socket.send(`{"type":"invoke","id":77,"channel":"preferences:set","payload":{"sections":{"board":${'['.repeat(100_000)}1${']'.repeat(100_000)}}}}`);
    expect(await deepAnswer).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const prefs = await client.invoke<{ sections: Record<string, unknown> }>('preferences:get', undefined);
    expect(prefs.ok && Array.isArray(prefs.value.sections.board)).toBe(false);

    client.socket.send('{not json');
    expect(await client.nextOrphan()).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    client.socket.send(JSON.stringify({ type: 'invoke', channel: 'app:info' }));
    expect(await client.nextOrphan()).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const info = await client.invoke<{ name: string }>('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { name: 'Supervisor Console', host: 'web' } });

    // A frame over the contract's 4 MiB is a protocol error: the socket is closed (1009), the host stays.
    const closed = new Promise<number>((resolve) => client.socket.once('close', (code) => resolve(code)));
    client.socket.send(JSON.stringify({ type: 'invoke', id: 99, channel: 'preferences:set', payload: { theme: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    const again = await RawIpcClient.connect(host.origin, host.token);
    expect(await again.invoke('app:info', undefined)).toMatchObject({ ok: true });
    again.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';

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

  it('opens the page with the five navigation entries and a keyboard-reachable frame', async () => {
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
    ]);
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.locator('a[aria-current="page"]').innerText()).toBe('Connections');
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

  it('refuses the page and the socket without the token', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(403);
    const wrong = await fetch(`${host.origin}/?token=not-the-token`);
    expect(wrong.status).toBe(403);
    await expect(RawIpcClient.connect(host.origin, null)).rejects.toThrow(/403/);
    await expect(RawIpcClient.connect(host.origin, 'wrong')).rejects.toThrow(/403/);
    const good = await fetch(host.url);
    expect(good.status).toBe(200);
    expect(good.headers.get('content-security-policy')).toContain("script-src 'self'");
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

    const huge = await client.invoke('preferences:set', { theme: 'x'.repeat(5 * 1024 * 1024) });
    expect(huge.ok).toBe(false);

    client.socket.send('{not json');
    expect(await client.nextOrphan()).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    client.socket.send(JSON.stringify({ type: 'invoke', channel: 'app:info' }));
    expect(await client.nextOrphan()).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const info = await client.invoke<{ name: string }>('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { name: 'Supervisor Console', host: 'web' } });
    client.close();
  });
});

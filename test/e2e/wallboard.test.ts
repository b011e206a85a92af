import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy';
import { saveScreenshot } from '../support/screenshots';
import { waitUntil } from '../support/wait';
import type { QueueState } from '../../shared/domain/queues';

/**
 * The wallboard as a TV opens it: `#/wallboard?csqs=…` on the demo host, in
 * Chromium, full window without the navigation. Its layout is checked at
 * 1920x1080 and 1280x720 with 1, 4 and 12 queues in both themes (every tile
 * inside the window, nothing cut off), and it comes back by itself, without
 * a click, after its connection to the host dropped.
 *
 * Two ways to lose the host are tried: the connection cut between page and
 * host (a proxy) while the host keeps running, and the host process stopped
 * and started again on the same port and data folder (it keeps its access
 * token there, so the page gets back in by itself).
 */
describe('the wallboard on a TV', () => {
  let host: RunningHost;
  let browser: Browser;
  let proxy: CuttableProxy;
  let context: BrowserContext;
  let ipc: RawIpcClient;
  let names: string[] = [];
  const pageErrors: string[] = [];

  const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

  const wallboardUrl = (csqs: string[], extra = '') => `${host.url}#/wallboard?csqs=${csqs.map(encodeURIComponent).join(',')}${extra}`;

  async function open(url: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    host = await startHost(['--demo']);
    ipc = await RawIpcClient.connect(host.origin, host.token);
    await waitUntil('queue figures', async () => (await value<QueueState>('queues:state')).queues.length >= 12, 30_000);
    names = (await value<QueueState>('queues:state')).queues.map((q) => q.name);
    // Callers who have waited and stay waiting (nobody Ready for them): one queue over the red limits, one over amber.
    const { control } = await value<{ control: string }>('lab:endpoints');
    await fetch(`${control}/reports/pause`, { method: 'POST', body: '{}' });
    for (const csq of names.slice(0, 4)) await fetch(`${control}/queues/staff`, { method: 'POST', body: JSON.stringify({ csq, reason: 'Meeting' }) });
    await fetch(`${control}/queues/calls`, { method: 'POST', body: JSON.stringify({ csq: names[0], count: 8, waitedSeconds: 70 }) });
    await fetch(`${control}/queues/calls`, { method: 'POST', body: JSON.stringify({ csq: names[1], count: 4, waitedSeconds: 40 }) });
    browser = await launchChromium();
    proxy = await startCuttableProxy();
    context = await browser.newContext({ proxy: { server: proxy.server } });
  }, 60_000);

  afterAll(async () => {
    ipc?.close();
    await browser?.close();
    await proxy?.close();
    await host?.stop();
    if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  });

  it('fits 1, 4 and 12 queues and the teams in the window, at 1920x1080 and 1280x720, light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await value('preferences:set', { theme });
      for (const viewport of [
        { width: 1920, height: 1080 },
        { width: 1280, height: 720 },
      ]) {
        for (const n of [1, 4, 12]) {
          const page = await open(wallboardUrl(names.slice(0, n)), viewport);
          const queues = page.getByRole('region', { name: 'Queues' });
          await queues.getByRole('group').nth(n - 1).waitFor();
          await page.locator('.wb-team-tile').first().waitFor();
          await waitUntil('the theme', async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === theme);
          // Full window: no navigation, no status bar.
          expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
          expect(await queues.getByRole('group').count()).toBe(n);
          // Queues first: the queue section sits above the teams, the teams above the agents.
          const top = (name: string) => page.getByRole('region', { name }).evaluate((el) => el.getBoundingClientRect().top);
          expect(await top('Queues')).toBeLessThan(await top('Teams'));
          expect(await top('Teams')).toBeLessThan(await top('Longest not ready'));
          // Every tile inside the window, no figure cut off, and the queues use the whole width.
          const layout = await page.evaluate(() => {
            const outside = [...document.querySelectorAll('.wb-tile, .wb-agent')].filter((el) => {
              const r = el.getBoundingClientRect();
              return r.left < 0 || r.top < 0 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5;
            }).length;
            const cut = [...document.querySelectorAll('.wb-figure-number, .wb-count-number, .wb-agent-time')].filter(
              (el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().bottom > el.closest('.wb-tile, .wb-agent')!.getBoundingClientRect().bottom + 0.5,
            ).length;
            const tiles = [...document.querySelectorAll('.wb-queues .wb-tile')].map((el) => el.getBoundingClientRect());
            const used = Math.max(...tiles.map((r) => r.right)) - Math.min(...tiles.map((r) => r.left));
            return { outside, cut, usedShare: used / window.innerWidth };
          });
          expect(layout, `${theme} ${viewport.width} ${n}`).toMatchObject({ outside: 0, cut: 0 });
          expect(layout.usedShare).toBeGreaterThan(0.9);
          if (n > 1) {
            // The red queue says so in words as well as colour.
            const red = queues.getByRole('group', { name: names[0], exact: true });
            await waitUntil('the red level', async () => (await red.getAttribute('data-level')) === 'red');
            expect(await red.locator('.wb-level').textContent()).toBe('⬣ Red');
          }
          await saveScreenshot(page, `wallboard-${viewport.width}x${viewport.height}-${n}q-${theme}.png`);
          await page.close();
        }
      }
    }
    await value('preferences:set', { theme: 'light' });
  }, 120_000);

  it('comes back by itself after the connection to the host dropped, saying meanwhile since when it has no data', async () => {
    const page = await open(wallboardUrl(names.slice(0, 4), '&rotate=0'));
    const banner = page.getByTestId('wallboard-stale');
    await page.getByRole('region', { name: 'Queues' }).getByRole('group').nth(3).waitFor();
    await page.getByText('● Live').waitFor();
    expect(await banner.count()).toBe(0);

    proxy.cut();
    await banner.waitFor({ timeout: 20_000 });
    expect(await banner.textContent()).toMatch(/No data since \d{1,2}:\d{2}/);
    await saveScreenshot(page, 'wallboard-stale.png');

    // A caller joins meanwhile; after the reconnect the wallboard shows it without a click.
    const { control } = await value<{ control: string }>('lab:endpoints');
    const before = Number(await page.getByRole('group', { name: names[3], exact: true }).locator('.wb-figure-number').first().textContent());
    await fetch(`${control}/queues/calls`, { method: 'POST', body: JSON.stringify({ csq: names[3], count: 5, waitedSeconds: 1 }) });
    proxy.restore();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('● Live').waitFor();
    await waitUntil('the new caller', async () => Number(await page.getByRole('group', { name: names[3], exact: true }).locator('.wb-figure-number').first().textContent()) >= before + 3);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 90_000);
});

describe('the wallboard across a host restart', () => {
  it('shows live data again without a click after the host process restarted', async () => {
    const dataDir = makeDataDir('sc-e2e-wall-restart-');
    const port = await freePort();
    let host = await startHost(['--demo', '--port', String(port)], { dataDir });
    const firstUrl = host.url;
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await page.goto(`${host.url}#/wallboard?rotate=0`);
      await page.getByText('● Live').waitFor({ timeout: 30_000 });
      expect(await host.stop()).toBe(0);
      await page.getByTestId('wallboard-stale').waitFor({ timeout: 20_000 });
      host = await startHost(['--demo', '--port', String(port)], { dataDir });
      // The same address and token: nobody has to set the TV up again.
      expect(host.url).toBe(firstUrl);
      await page.getByTestId('wallboard-stale').waitFor({ state: 'detached', timeout: 45_000 });
      await page.getByText('● Live').waitFor({ timeout: 30_000 });
      // The queue figures come back with the next poll after the board is live again.
      await expect.poll(() => page.getByRole('region', { name: 'Queues' }).getByRole('group').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    } finally {
      await browser.close();
      await host.stop();
    }
  }, 150_000);
});

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

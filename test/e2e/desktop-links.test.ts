import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { HOST_ENTRY, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import { describeFindings, runAxe } from '../support/axe';
import type { AlertsState, DesktopSettings } from '../../shared/ipc/areas/desktop';
import type { QueueState } from '../../shared/domain/queues';
import { waitUntil } from '../support/wait';
import { formatClock } from '../../shared/domain/time-words';
import { stopAll } from '../support/teardown';

/**
 * The browser host's side of console links: the page address
 * `#/journey/<Call ID>` looks the call up (on load and when the address
 * changes), an address naming something else is refused with a notice, and
 * the desktop app's settings say they belong to the desktop app.
 */
describe('console links in the browser host', () => {
  let host: RunningHost;
  let browser: Browser;
  let ipc: RawIpcClient;
  let page: Page;
  let callIds: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    host = await startHost(['--demo']);
    ipc = await RawIpcClient.connect(host.origin, host.token);
    const { control } = await ipc.value<{ control: string }>('lab:endpoints');
    callIds = ((await (await fetch(`${control}/reports/calls`)).json()) as { callIds: string[] }).callIds;
    browser = await launchChromium();
    // bypassCSP: axe is injected as an inline script.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(() => stopAll({ ipc, browser, host, removeDataDir: true }));

  const themes = ['light', 'dark'] as const;
  async function useTheme(theme: (typeof themes)[number]) {
    await ipc.value('preferences:set', { theme });
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
  }

  it('#/journey/<Call ID> opens the Call journey and looks the call up, on load and when the address changes', async () => {
    expect(callIds.length).toBeGreaterThan(1);
    const [first, second] = callIds as [string, string];
    await page.goto(`${host.url}#/journey/${first}`);
    await page.getByRole('region', { name: `Journey of call ${first}` }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByRole('link', { name: 'Call journey' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByLabel('Call ID').inputValue()).toBe(first);
    expect(await page.locator('table.journey-table tbody tr').count()).toBeGreaterThan(0);
    // The address still names the call (a reload or a bookmark shows it again).
    expect(new URL(page.url()).hash).toBe(`#/journey/${first}`);

    await page.evaluate((id) => (window.location.hash = `#/journey/${id}`), second);
    await page.getByRole('region', { name: `Journey of call ${second}` }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Call ID').inputValue()).toBe(second);

    for (const theme of themes) {
      await useTheme(theme);
      // The reload reads the address again and looks the call up.
      await page.getByRole('region', { name: `Journey of call ${second}` }).waitFor({ timeout: 15_000 });
      await saveScreenshot(page, `journey-from-address-${theme}.png`);
      const report = await runAxe(page);
      expect(report.findings, describeFindings(`journey from the address (${theme})`, report)).toEqual([]);
    }
  });

  it('refuses an address that names no Call ID, with a notice saying why, and looks nothing up', async () => {
    for (const theme of themes) {
      await ipc.value('preferences:set', { theme });
      await page.goto('about:blank');
      await page.goto(`${host.url}#/journey/abc'%3Cscript%3E`);
      const notices = page.getByRole('status', { name: 'Notifications' });
      await expect.poll(() => notices.innerText(), { timeout: 10_000 }).toMatch(/The address names no call to look up: A call ID is the UCCX session number, digits only/);
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await page.locator('.journey-result').count()).toBe(0);
      expect(await page.getByLabel('Call ID').inputValue()).toBe('');
      await saveScreenshot(page, `journey-address-refused-${theme}.png`);
    }
    expect(pageErrors).toEqual([]);
  });

  it('says in the settings that start at login and the tray belong to the desktop app, and main refuses them here', async () => {
    for (const theme of themes) {
      await ipc.value('preferences:set', { theme });
      await page.goto(`${host.url}#/connections`);
      const panel = page.getByRole('region', { name: 'Desktop app' });
      await panel.waitFor({ timeout: 15_000 });
      expect(await panel.innerText()).toMatch(/apply to the desktop app only/);
      expect(await panel.getByRole('checkbox').count()).toBe(0);
      await panel.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `desktop-settings-browser-${theme}.png`);
      const report = await runAxe(page);
      expect(report.findings, describeFindings(`connections with the desktop panel (${theme})`, report)).toEqual([]);
    }
    expect(await ipc.value<DesktopSettings>('desktop:settings')).toMatchObject({ available: false });
    expect(await ipc.invoke('desktop:settings-set', { startAtLogin: true })).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    // The one alert pause: set through main, read back by every page (and the desktop app's tray).
    const paused = await ipc.value<AlertsState>('alerts:pause', { minutes: 60 });
    expect(paused.pausedUntil).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect((await ipc.value<AlertsState>('alerts:state')).pausedUntil).toBe(paused.pausedUntil);
    expect(await ipc.invoke('alerts:pause', { minutes: 100_000 })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect((await ipc.value<AlertsState>('alerts:resume')).pausedUntil).toBe(0);
  });

  it('one alert pause for the board and the tray: Snooze all pauses in main, a pause from main shows on the board, and the board reports its reds', async () => {
    await waitUntil('queue figures', async () => (await ipc.value<QueueState>('queues:state')).queues.length > 0, 30_000);
    const csq = (await ipc.value<QueueState>('queues:state')).queues[0]!.name;
    const { control } = await ipc.value<{ control: string }>('lab:endpoints');
    // Callers who have waited long, nobody Ready for them: the queue turns red.
    await fetch(`${control}/queues/staff`, { method: 'POST', body: JSON.stringify({ csq, reason: 'Meeting' }) });
    await fetch(`${control}/queues/calls`, { method: 'POST', body: JSON.stringify({ csq, count: 8, waitedSeconds: 70 }) });
    for (const theme of themes) {
      await ipc.value('preferences:set', { theme });
      await page.goto(`${host.url}#/board`);
      const alerts = page.getByRole('region', { name: 'Over the red threshold' });
      await alerts.waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await ipc.value<AlertsState>('alerts:state')).redQueues, { timeout: 5_000 }).toBeGreaterThan(0);
      await alerts.getByRole('button', { name: 'Snooze all 15 min' }).click();
      const state = await ipc.value<AlertsState>('alerts:state');
      expect(state.pausedUntil).toBeGreaterThan(Date.now() + 14 * 60_000);
      await expect.poll(() => alerts.innerText()).toContain(`Alerts snoozed until ${formatClock(state.pausedUntil)}`);
      await saveScreenshot(page, `board-alerts-paused-${theme}.png`);
      await alerts.getByRole('button', { name: 'Resume alerts' }).click();
      await expect.poll(async () => (await ipc.value<AlertsState>('alerts:state')).pausedUntil).toBe(0);
      // As the tray's "Pause alerts for 1 h" does: main pauses, the board follows.
      const fromTray = await ipc.value<AlertsState>('alerts:pause', { minutes: 60 });
      await expect.poll(() => alerts.innerText()).toContain(`Alerts snoozed until ${formatClock(fromTray.pausedUntil)}`);
      await ipc.value('alerts:resume');
      await alerts.getByRole('button', { name: 'Snooze all 15 min' }).waitFor();
    }
  });

  it('refuses --open in the browser host, pointing to the page address instead', () => {
    const run = spawnSync(process.execPath, [HOST_ENTRY, '--demo', '--open', 'supervisor-console://journey/1'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--open is for the desktop app.*#\/journey\/<Call ID>/);
  });
});

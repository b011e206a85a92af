import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { runAxe, describeFindings, type AxeCounts } from '../support/axe';
import { saveScreenshot } from '../support/screenshots';

/**
 * axe-core on every view of the console, in both themes: the board (with
 * its Thresholds panel, an action menu, the team message dialog and the
 * queue strip), the wallboard, call journeys (empty, found, not found),
 * Pending changes, Connections with the profile editor, and every UCCX and
 * Unity Connection tab with an item open. No finding of impact critical,
 * serious or moderate is allowed. The demo lab serves everything but the
 * profile editor, which needs a host without the demo (a demo saves no
 * profiles).
 */
type Theme = 'light' | 'dark';
interface Row {
  view: string;
  theme: Theme;
  counts: AxeCounts;
}

describe('accessibility of every view (axe-core, both themes)', () => {
  let demo: RunningHost;
  let plain: RunningHost;
  let browser: Browser;
  let demoIpc: RawIpcClient;
  let plainIpc: RawIpcClient;
  let callId: string;
  const rows: Row[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    [demo, plain] = await Promise.all([startHost(['--demo']), startHost([])]);
    browser = await launchChromium();
    demoIpc = await RawIpcClient.connect(demo.origin, demo.token);
    plainIpc = await RawIpcClient.connect(plain.origin, plain.token);
    const endpoints = await demoIpc.invoke<{ control: string }>('lab:endpoints');
    if (!endpoints.ok) throw new Error('no lab');
    callId = ((await (await fetch(`${endpoints.value.control}/reports/calls`)).json()) as { callIds: string[] }).callIds[0]!;
  }, 60_000);

  afterAll(async () => {
    demoIpc?.close();
    plainIpc?.close();
    await browser?.close();
    await Promise.all([demo?.stop(), plain?.stop()]);
    for (const host of [demo, plain]) if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  });

  async function check(page: Page, view: string, theme: Theme): Promise<void> {
    // Let transitions and the first data settle so colours are final.
    await page.waitForTimeout(150);
    const report = await runAxe(page);
    rows.push({ view, theme, counts: report.counts });
    if (report.findings.length) failures.push(describeFindings(`${view} (${theme})`, report));
    await saveScreenshot(page, `a11y-${view.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${theme}.png`);
  }

  async function setTheme(ipc: RawIpcClient, page: Page, theme: Theme): Promise<void> {
    const result = await ipc.invoke('preferences:set', { theme });
    if (!result.ok) throw new Error(result.error.message);
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
  }

  const nav = (page: Page, name: RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

  async function boardViews(page: Page, theme: Theme) {
    await page.goto(`${demo.url}#/board`);
    await page.locator('table.board-table tbody tr').first().waitFor({ timeout: 30_000 });
    await page.locator('.queue-strip, [aria-label="Queues"]').first().waitFor({ timeout: 30_000 });
    await check(page, 'Board with queue strip', theme);
    await page.getByRole('button', { name: 'Thresholds…' }).click();
    await page.getByRole('region', { name: 'Thresholds' }).waitFor();
    await check(page, 'Board: Thresholds', theme);
    await page.keyboard.press('Escape');
    const actions = page.getByRole('button', { name: /^Actions for / }).first();
    await actions.waitFor({ timeout: 20_000 });
    // A live board redraws under the pointer; open it again if a redraw closed it.
    await expect
      .poll(async () => {
        if (!(await page.getByRole('menu').isVisible())) await actions.click();
        return page.getByRole('menu').isVisible();
      })
      .toBe(true);
    await check(page, 'Board: action menu', theme);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Team message…' }).click();
    await page.getByRole('dialog', { name: 'Team message' }).waitFor();
    await page.getByText(/No active team messages|Active messages/).first().waitFor();
    await check(page, 'Board: team message', theme);
    await page.keyboard.press('Escape');
  }

  async function journeyViews(page: Page, theme: Theme) {
    await page.goto(`${demo.url}#/journey`);
    await page.getByLabel('Call ID').waitFor();
    await check(page, 'Call journey: empty', theme);
    await page.getByLabel('Call ID').fill(callId);
    await page.getByLabel('Call ID').press('Enter');
    await page.locator('table.journey-table tbody tr').first().waitFor();
    await check(page, 'Call journey: found', theme);
    await page.getByLabel('Call ID').fill('999');
    await page.getByLabel('Call ID').press('Enter');
    await page.locator('[data-testid="journey-failure"]').waitFor();
    await check(page, 'Call journey: not found', theme);
  }

  async function uccxViews(page: Page, theme: Theme) {
    await page.goto(`${demo.url}#/config`);
    const agents = page.getByRole('listbox', { name: 'Agents' });
    await agents.getByRole('option').first().waitFor({ timeout: 30_000 });
    await agents.getByRole('option').nth(5).click();
    await page.getByRole('form').first().waitFor();
    await check(page, 'UCCX: Agents', theme);
    await page.locator('.agent-row .tick').first().click();
    await page.getByRole('button', { name: 'Bulk re-skill…' }).click();
    await page.getByRole('region', { name: 'Bulk re-skill' }).waitFor();
    await check(page, 'UCCX: Bulk re-skill', theme);
    await page.keyboard.press('Escape');
    const tabs = page.getByRole('tablist', { name: 'UCCX objects' });
    await tabs.getByRole('tab', { name: /^Skills/ }).click();
    await page.getByRole('table').first().waitFor();
    await check(page, 'UCCX: Skills', theme);
    for (const [tab, list] of [
      ['CSQs', 'CSQs'],
      ['Teams', 'teams'],
      ['Applications', 'applications'],
      ['Calendars', 'calendars'],
    ] as const) {
      await tabs.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.getByRole('listbox', { name: list }).getByRole('option').first().click();
      await page.locator('.local-list-detail .detail .panel, .local-list-detail .detail form').first().waitFor();
      await check(page, `UCCX: ${tab}`, theme);
    }
    await tabs.getByRole('tab', { name: /^Prompts/ }).click();
    await page.getByRole('tabpanel', { name: 'Prompts' }).waitFor();
    await check(page, 'UCCX: Prompts', theme);
    await tabs.getByRole('tab', { name: /^Caller lists/ }).click();
    await page.getByRole('form', { name: 'Edit caller list VIP' }).waitFor();
    await check(page, 'UCCX: Caller lists', theme);
  }

  async function cupiViews(page: Page, theme: Theme) {
    await page.goto(`${demo.url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    const tabs = page.getByRole('tablist', { name: 'Unity Connection' });
    for (const tab of ['Users', 'Contacts', 'Distribution lists', 'Call handlers']) {
      await tabs.getByRole('tab', { name: tab }).click();
      await page.locator('.cupi-row').first().waitFor({ timeout: 20_000 });
      await page.locator('.cupi-row').first().click();
      await page.locator('.cupi-detail form').first().waitFor({ timeout: 20_000 });
      await check(page, `Unity Connection: ${tab}`, theme);
    }
    await tabs.getByRole('tab', { name: 'Close now' }).click();
    await page.getByRole('button', { name: 'Close now' }).waitFor();
    await check(page, 'Unity Connection: Close now', theme);
  }

  it('has no critical, serious or moderate finding on any view, light or dark', async () => {
    // axe is injected as a script tag, which the console's Content-Security-Policy would refuse.
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    const plainPage = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    await page.goto(demo.url);
    await plainPage.goto(plain.url);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(demoIpc, page, theme);
      await boardViews(page, theme);
      await page.goto(`${demo.url}#/wallboard`);
      await page.getByRole('heading', { name: 'Wallboard' }).waitFor();
      await check(page, 'Wallboard', theme);
      await journeyViews(page, theme);
      await page.goto(`${demo.url}#/pending`);
      await page.getByRole('heading', { level: 1, name: 'Pending changes' }).waitFor();
      await check(page, 'Pending changes: queue', theme);
      await page.getByRole('tab', { name: 'Audit log' }).click();
      await check(page, 'Pending changes: audit log', theme);
      await nav(page, /^Connections/);
      await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
      await check(page, 'Connections (demo)', theme);
      await uccxViews(page, theme);
      await cupiViews(page, theme);

      await setTheme(plainIpc, plainPage, theme);
      await plainPage.goto(`${plain.url}#/connections`);
      await plainPage.getByRole('button', { name: 'New profile' }).click();
      await plainPage.getByRole('form', { name: 'New profile' }).waitFor();
      await check(plainPage, 'Connections: profile editor', theme);
    }
    const width = Math.max(...rows.map((r) => r.view.length));
    console.log(
      ['View'.padEnd(width) + ' | Theme | Critical | Serious | Moderate | Minor', ...rows.map((r) => `${r.view.padEnd(width)} | ${r.theme.padEnd(5)} | ${String(r.counts.critical).padStart(8)} | ${String(r.counts.serious).padStart(7)} | ${String(r.counts.moderate).padStart(8)} | ${String(r.counts.minor).padStart(5)}`)].join('\n'),
    );
    expect(failures).toEqual([]);
    await page.close();
    await plainPage.close();
  }, 240_000);
});

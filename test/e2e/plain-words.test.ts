import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import { waitUntil } from '../support/wait';

/**
 * Plain words on screen, in Chromium against the demo lab: script parameter
 * types, scripts, Unity Connection flags and dates, node names instead of
 * addresses, a standby node shown as normal, network errors as sentences and
 * a calendar review in words that fits a 1280 px window. Every screen is
 * checked for the raw values a supervisor must never have to decode.
 */
const RAW_VALUES = ['java.lang.', 'SCRIPT[', 'PARTTIME', 'CredMustChange', '1972-01-01', 'ECONNREFUSED', '127.0.0.1:'];

let host: RunningHost;
let browser: Browser;
let page: Page;
let ipc: RawIpcClient;
let control: string;

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

async function lab(pathname: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${control}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, pathname).toBe(200);
}

const visibleText = () => page.evaluate(() => document.body.innerText);

/** None of the raw values is visible anywhere on the page. */
async function expectNoRawValues(where: string): Promise<void> {
  const text = await visibleText();
  for (const raw of RAW_VALUES) expect(text, `${where} shows "${raw}"`).not.toContain(raw);
}

/** Switch the theme with the header's own toggle (the page keeps what is on screen), and wait until it applies. */
async function useTheme(theme: 'light' | 'dark'): Promise<void> {
  const current = () => page.evaluate(() => document.documentElement.dataset.theme);
  if ((await current()) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  await waitUntil(`the ${theme} theme`, async () => (await current()) === theme);
}

/** A screenshot in the light and the dark theme (written only with SCREENSHOT_DIR); the page is left light. */
async function shootBothThemes(name: string, target?: () => ReturnType<Page['locator']>): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await useTheme(theme);
    if (target && process.env.SCREENSHOT_DIR) await target().screenshot({ path: `${process.env.SCREENSHOT_DIR}/plain-words-${name}-${theme}.png` });
    else await saveScreenshot(page, `plain-words-${name}-${theme}.png`);
  }
  await useTheme('light');
}

async function openUccxTab(tab: string, item: string): Promise<void> {
  await page.goto(`${host.url}#/config`);
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  await page.getByRole('listbox', { name: tab.toLowerCase() }).getByRole('option', { name: item }).first().click();
}

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  control = (await value<{ control: string }>('lab:endpoints')).control;
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  ipc?.socket.close();
  await host?.stop();
});

describe('plain words on screen', () => {
  it('Applications: script parameter types and the script in words, the raw type one hover away', async () => {
    await openUccxTab('Applications', 'Customer_Service');
    const form = page.getByRole('form', { name: 'Edit application Customer_Service' });
    await expect.poll(() => form.innerText()).toContain('Script customer_service.aef');
    const text = await form.innerText();
    for (const words of ['Script application', 'Yes/No', 'Whole number', 'Text']) expect(text).toContain(words);
    // Administrators still find the server's own name of the type.
    expect(await form.locator('[title="The server calls it java.lang.Boolean"]').count()).toBeGreaterThan(0);
    await expectNoRawValues('Applications');
    await shootBothThemes('applications');
  });

  it('the calendar review reads days and times in words and fits 1280 px', async () => {
    await openUccxTab('Calendars', 'Business Hours');
    const form = page.getByRole('form', { name: 'Edit calendar Business Hours' });
    expect(await form.getByLabel('Calendar type').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).toBe('Open on working hours');
    await form.getByLabel('Monday opens').fill('09:00');
    await form.getByLabel('Monday closes').fill('17:00');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByLabel('Holiday date').last().fill('2026-12-24');
    await form.getByLabel('Holiday description').last().fill('Christmas Eve, the whole contact centre closes early and every queue plays the holiday greeting instead of the usual one');
    const review = page.getByRole('region', { name: 'Review changes' });
    await expect.poll(() => review.innerText()).toContain('Christmas Eve');
    const monday = review.getByRole('row', { name: /^Monday/ });
    expect(await monday.innerText()).toMatch(/Monday\s+08:00–18:00\s+→ 09:00–17:00/);
    expect(await review.getByRole('row', { name: /^Holiday Thu, Dec 24, 2026/ }).count()).toBe(1);
    // Unchanged days are not listed, and nothing reads as JSON.
    expect(await review.innerText()).not.toContain('Tuesday');
    expect(await review.innerText()).not.toMatch(/[{}"]|startTime|MONDAY/);
    const overflow = await page.evaluate(() => {
      const panel = document.querySelector('.review-panel')!;
      const table = panel.querySelector('table')!;
      return {
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        panel: panel.scrollWidth - panel.clientWidth,
        tableRight: table.getBoundingClientRect().right - panel.getBoundingClientRect().right,
        windowRight: panel.getBoundingClientRect().right - window.innerWidth,
      };
    });
    expect(overflow.page).toBeLessThanOrEqual(0);
    expect(overflow.panel).toBeLessThanOrEqual(0);
    expect(overflow.tableRight).toBeLessThanOrEqual(0);
    expect(overflow.windowRight).toBeLessThanOrEqual(0);
    await expectNoRawValues('the calendar review');
    await review.scrollIntoViewIfNeeded();
    await shootBothThemes('calendar-review', () => page.locator('.review-panel'));
    await review.getByRole('button', { name: 'Undo edits' }).click();
  });

  it('a team review names the CSQs it adds, not their ids', async () => {
    await openUccxTab('Teams', 'Billing Team');
    const form = page.getByRole('form', { name: 'Edit team Billing Team' });
    const box = form.getByRole('checkbox', { name: 'VIP_CSQ' });
    await box.click();
    const review = page.getByRole('region', { name: 'Review changes' });
    const row = review.getByRole('row', { name: /^CSQs/ });
    await expect.poll(() => row.innerText()).toContain('VIP_CSQ');
    expect(await row.innerText()).not.toMatch(/(^|[\s,→])\d+(,|$)/m);
    await review.getByRole('button', { name: 'Undo edits' }).click();
  });

  it('a Unity Connection user: credential flags and dates in words', async () => {
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    await page.locator('.cupi-row').nth(3).click();
    const pin = page.getByRole('region', { name: 'PIN' });
    await pin.getByRole('button', { name: 'Require a change at next sign-in' }).click();
    await expect.poll(() => pin.innerText()).toContain('Must be changed at next sign-in');
    await pin.getByLabel('New PIN').fill('739104');
    await pin.getByRole('button', { name: 'Reset PIN' }).click();
    // The time of the change is local, as the browser's locale writes it (en-US here: "Dec 2, 2026, 4:12 PM"), never CUPI's GMT form.
    await expect.poll(() => pin.innerText(), { timeout: 10_000 }).toMatch(/last changed [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M/);
    expect(await pin.innerText()).not.toMatch(/GMT|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d/);
    await expectNoRawValues('a Unity Connection user');
    await shootBothThemes('cupi-user');
  });

  it('a greeting turned off reads "Off", never the 1972 date Unity Connection stores for it', async () => {
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    await page.getByRole('tab', { name: 'Call handlers' }).click();
    await page.locator('.cupi-row', { hasText: 'Support Line' }).click();
    const row = page.getByRole('row', { name: /^Alternate/ });
    await row.getByRole('button', { name: 'On, no end date' }).click();
    await expect.poll(() => row.innerText()).toContain('On, no end date');
    await row.getByRole('button', { name: 'Off', exact: true }).click();
    await expect.poll(() => row.innerText()).toContain('○ Off');
    await expectNoRawValues('the call handler');
    await page.goto(`${host.url}#/pending`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoRawValues('Pending changes');
  });

  it('the status bar names nodes by their labels; the standby node is normal, not a warning', async () => {
    await page.goto(`${host.url}#/connections`);
    const bar = page.getByRole('status', { name: 'Server connections' });
    await expect.poll(() => bar.innerText()).toContain('UCCX ccx-b: Standby');
    const text = await bar.innerText();
    for (const name of ['UCCX ccx-a', 'Unity Connection cuc-pub', 'Unity Connection cuc-sub', 'Finesse ccx-a']) expect(text).toContain(name);
    expect(text).not.toContain('127.0.0.1');
    const standbyChip = bar.locator('[data-server^="uccx:"]', { hasText: 'ccx-b' });
    expect(await standbyChip.getAttribute('class')).toContain('state-ok');
    expect(await standbyChip.getAttribute('title')).toMatch(/^Standby — takes over if the active node fails/);
    await shootBothThemes('status-bar', () => bar);
  });

  it('Connections: the standby node is neutral, every node named by its label', async () => {
    await page.goto(`${host.url}#/connections`);
    await page.getByRole('button', { name: 'Test connections' }).click();
    const results = page.getByRole('list', { name: 'Connection test results' });
    const standby = results.locator('[data-outcome="not-db-master"]');
    await standby.waitFor({ timeout: 15_000 });
    expect(await standby.innerText()).toContain('Standby — takes over if the active node fails');
    expect(await standby.getAttribute('class')).toContain('tone-neutral');
    expect(await results.locator('.tone-warn, .tone-bad').count()).toBe(0);
    const text = await visibleText();
    expect(text).toContain('UCCX: ccx-a, ccx-b');
    await expectNoRawValues('Connections');
    await shootBothThemes('connections');
  });

  it('a node that refuses connections is named in a sentence, without the socket error', async () => {
    await lab('/reports/stop');
    await lab('/reports/drop');
    await lab('/nodes/ccx-b/stop');
    try {
      await page.goto(`${host.url}#/board`);
      const banner = page.getByTestId('board-connection');
      await expect.poll(() => banner.innerText().catch(() => ''), { timeout: 20_000 }).toContain('Report server lab refused the connection (is the report server running?)');
      const bar = page.getByRole('status', { name: 'Server connections' });
      await expect.poll(() => bar.innerText(), { timeout: 20_000 }).toMatch(/UCCX ccx-b: Unreachable \(connection refused\)/);
      await expectNoRawValues('the board while a node refuses connections');
      await shootBothThemes('refused-banner');
    } finally {
      await lab('/reset');
    }
  });
});

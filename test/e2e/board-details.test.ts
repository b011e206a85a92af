import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed } from '../../lab/seed';
import { saveScreenshot } from '../support/screenshots';
import { DEFAULT_THRESHOLDS } from '../../renderer/src/features/board/board-model';

// The board's details in Chromium against a report lab this test owns: the
// time sort and what its header says, the empty state of a search, desktop
// alerts the browser blocks, and the trace of red left by a reconnect.

const seed = createSeed({ agents: 60, teams: 4 });
const supervisorId = seed.demoSupervisor;
/** A reason of its own, red after 6 s, so the reconnect test needs no half-hour wait. */
const QUICK_RED = { status: 'not_ready', reason: 'Side by side', amberMinutes: 0.05, redMinutes: 0.1 } as const;
let lab: ReportLab;
let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let page: Page;

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

/** A page whose Notification.permission is what the browser would answer; 'denied' is a user who blocked the site. */
async function openBoard(permission: NotificationPermission = 'default'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((answer) => {
    Object.defineProperty(Notification, 'permission', { get: () => answer, configurable: true });
    Notification.requestPermission = async () => answer;
  }, permission);
  const p = await context.newPage();
  await p.goto(`${host.url}#/board`);
  await p.locator('.board-live').waitFor({ timeout: 15_000 });
  return p;
}

/** The page's own theme button (the preference is saved, and read again by every page opened later). */
async function setTheme(p: Page, theme: 'light' | 'dark'): Promise<void> {
  if ((await p.evaluate(() => document.documentElement.dataset.theme)) !== theme) await p.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  await expect.poll(() => p.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
}

/** Screenshots of the page as it is now, in both themes (light last, so the next test starts light). */
async function shootBothThemes(p: Page, name: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(p, theme);
    await saveScreenshot(p, `${name}-${theme}.png`);
  }
}

/** "≥ 1:05" → 65 */
function seconds(text: string): number {
  const parts = text.replace(/[^\d:]/g, '').split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

beforeAll(async () => {
  lab = createReportLab(seed, { autoStart: false });
  await lab.start();
  const dataDir = makeDataDir('sc-board-details-');
  const profileFile = path.join(dataDir, 'profile.json');
  fs.writeFileSync(profileFile, JSON.stringify({ name: 'Board details', reports: { url: lab.url, agentId: supervisorId } }));
  host = await startHost(['--profile', profileFile], { dataDir });
  ipc = await RawIpcClient.connect(host.origin, host.token);
  await value('preferences:set', { theme: 'light', sections: { board: { thresholds: [QUICK_RED, ...DEFAULT_THRESHOLDS] } } });
  browser = await launchChromium();
  page = await openBoard();
});

afterAll(async () => {
  ipc?.socket.close();
  await browser?.close();
  await host?.stop();
  await lab?.stop();
});

describe('board details', () => {
  it('sorts by time in state: ascending (▲) is longest in state first, and the header says so', async () => {
    const team = lab.snapshot(supervisorId)[0]!;
    const agents = team.members.filter((m) => m.memberType === 'Agent').slice(0, 3);
    // Three changes a second and more apart: the first one has been in its state longest.
    for (const agent of agents) {
      lab.setMemberStatus(agent.memberId, 'not_ready', 'Meeting');
      await new Promise((r) => setTimeout(r, 1_100));
    }
    await page.getByRole('checkbox', { name: 'Ready', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'ACW', exact: true }).uncheck();
    await page.locator('.board-filters select').selectOption(team.teamId);
    const header = page.locator('th', { has: page.getByRole('button', { name: /^Time in state/ }) });
    await page.getByRole('button', { name: /^Time in state/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    expect(await header.innerText()).toMatch(/Time in state ▲\s+longest first/);

    const shown = async () =>
      page.locator('tr.member-row').evaluateAll((rows) => rows.map((row) => ({ id: (row as HTMLElement).dataset.memberId!, time: row.querySelector('.time')!.textContent ?? '' })));
    const ascending = await shown();
    const times = ascending.map((row) => seconds(row.time));
    expect(times, 'every row at least as long in state as the next').toEqual([...times].sort((a, b) => b - a));
    const order = (rows: Array<{ id: string }>) => agents.map((a) => rows.findIndex((row) => row.id === a.memberId));
    const [first, second, third] = order(ascending);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(second!);
    expect(second).toBeLessThan(third!);

    await page.getByRole('button', { name: /^Time in state/ }).click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    expect(await header.innerText()).toMatch(/Time in state ▼\s+shortest first/);
    const descending = await shown();
    const timesNow = descending.map((row) => seconds(row.time));
    expect(timesNow, 'every row at most as long in state as the next').toEqual([...timesNow].sort((a, b) => a - b));
    const [firstNow, secondNow, thirdNow] = order(descending);
    expect(thirdNow).toBeLessThan(secondNow!);
    expect(secondNow).toBeLessThan(firstNow!);
    await saveScreenshot(page, 'board-time-sort-light.png');

    await page.locator('.board-filters select').selectOption('');
    await page.getByRole('button', { name: /^Name/ }).click();
  });

  it('says so when the search matches nobody, and its button clears the search and the status chips', async () => {
    // ACW and Ready are still unticked from the sort test.
    await page.getByPlaceholder('Filter by name').fill('xyz');
    const empty = page.getByTestId('board-no-match');
    await expect.poll(() => empty.innerText().catch(() => '')).toContain('No agents match "xyz". Clear the search or show all statuses.');
    expect(await page.locator('.board-row-count').innerText()).toBe('0 members shown');
    // No empty team headers under the message.
    expect(await page.locator('tr.team-row:visible').count()).toBe(0);
    await shootBothThemes(page, 'board-no-match');

    await empty.getByRole('button', { name: 'Clear the search and show all statuses' }).click();
    await expect.poll(() => page.getByPlaceholder('Filter by name').inputValue()).toBe('');
    for (const status of ['Ready', 'Not Ready', 'ACW']) expect(await page.getByRole('checkbox', { name: status, exact: true }).isChecked()).toBe(true);
    const memberships = lab.snapshot(supervisorId).reduce((sum, t) => sum + t.members.length, 0);
    await expect.poll(() => page.locator('.board-row-count').innerText()).toBe(`${memberships} members shown`);
    expect(await empty.count()).toBe(0);
  });

  it('shows desktop alerts the browser blocks as a state with a hint, not a vanished button', async () => {
    // A browser that has not been asked yet: the button is offered, and no hint.
    expect(await page.getByRole('button', { name: 'Enable desktop alerts' }).count()).toBe(1);
    expect(await page.getByTestId('alerts-blocked').count()).toBe(0);

    const blocked = await openBoard('denied');
    const hint = blocked.getByTestId('alerts-blocked');
    await expect
      .poll(() => hint.innerText().catch(() => ''))
      .toContain('Desktop alerts are blocked by the browser. Allow notifications for this site in the browser settings; alerts still show on the board.');
    expect(await blocked.getByRole('button', { name: 'Enable desktop alerts' }).count()).toBe(0);
    await shootBothThemes(blocked, 'board-alerts-blocked');
    await blocked.context().close();
  });

  it('keeps "was red before the reconnect" on a member who was red, until its state changes', async () => {
    const agent = lab.snapshot(supervisorId)[1]!.members.find((m) => m.memberType === 'Agent')!;
    const row = page.locator(`tr.member-row[data-member-id="${agent.memberId}"]`);
    lab.setMemberStatus(agent.memberId, QUICK_RED.status, QUICK_RED.reason);
    await page.getByPlaceholder('Filter by name').fill(agent.memberName);
    await expect.poll(() => row.getAttribute('class'), { timeout: 12_000 }).toContain('level-red');
    expect(await row.locator('.reconnect-trace').count()).toBe(0);

    lab.dropAllSockets();
    // Resubscribed: the clock restarted ("≥") and the row is no longer red, but it says it was.
    await expect.poll(() => row.locator('.reconnect-trace').innerText().catch(() => ''), { timeout: 10_000 }).toContain('was red before the reconnect');
    expect(await row.locator('.time').innerText()).toMatch(/≥ 0:0\d/);
    expect(await row.getAttribute('class')).toContain('traced-red');
    expect(await row.getAttribute('class')).not.toContain('level-red');
    expect(await page.getByTestId('board-trace-note').innerText()).toContain(`1 member was red before the reconnect; their time in state restarted: ${agent.memberName} (Not Ready, ${QUICK_RED.reason})`);
    await shootBothThemes(page, 'board-reconnect-trace');

    // Its state changes in the lab: the trace goes.
    lab.setMemberStatus(agent.memberId, 'ready');
    // "Not Ready" contains "Ready": wait for the status itself to change.
    await expect.poll(() => row.locator('.status').innerText()).not.toContain('Not Ready');
    expect(await row.locator('.status').innerText()).toContain('Ready');
    expect(await row.locator('.reconnect-trace').count()).toBe(0);
    expect(await page.getByTestId('board-trace-note').count()).toBe(0);
    await page.getByPlaceholder('Filter by name').fill('');
  });
});

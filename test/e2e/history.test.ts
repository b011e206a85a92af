import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { raisedAlerts, recordDesktopAlerts } from '../support/desktop-alerts';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { runAxe, describeFindings } from '../support/axe';
import { saveScreenshot } from '../support/screenshots';
import { CONNECTING, downSince, localTime, member, patch, team } from '../support/history-script';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed } from '../../lab/seed';
import { HistoryRecorder } from '../../electron/services/history/recorder';
import { createLogger } from '../../electron/services/log/logger';
import { dayKeyOf } from '../../shared/domain/history';
import { DEFAULT_THRESHOLDS } from '../../renderer/src/features/board/board-model';

// The History screen and the board's replay in Chromium. A scripted day
// (yesterday) is written into the profile's history folder with the same
// recorder main uses, for three of the lab's own members; the host records
// today live from the report lab as usual.

const seed = createSeed({ agents: 12, teams: 3 });
const supervisorId = seed.demoSupervisor;
/** Red after 1.2 s, so an alert can be provoked in a test. */
const QUICK_RED = { status: 'not_ready', reason: 'Quick check', amberMinutes: 0.01, redMinutes: 0.02 } as const;
const yesterday = new Date();
yesterday.setDate(yesterday.getDate() - 1);
const DAY = dayKeyOf(yesterday.getTime());
const at = (time: string) => localTime(DAY, time);

let lab: ReportLab;
let host: RunningHost;
let ipc: RawIpcClient;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];
/** Three agents on the supervisor's board, by their lab ids and names. */
let anna: { id: string; name: string };
let bob: { id: string; name: string };
let carl: { id: string; name: string };

/** Yesterday as the script says: the times every assertion below is checked against. */
function writeScriptedDay(root: string): void {
  const clock = { now: at('08:00:00') };
  const recorder = new HistoryRecorder({ root, log: createLogger('test'), now: () => clock.now, timer: false, retentionDays: 14, checkpointEveryMs: 10 * 60_000 });
  const advance = (time: string) => {
    const target = at(time);
    while (clock.now < target) {
      clock.now = Math.min(target, clock.now + 1_000);
      recorder.tick(clock.now);
    }
  };
  const m = (who: { id: string; name: string }, status: 'ready' | 'not_ready' | 'ACW', reason = '') => member(who.id, status, clock.now, reason, who.name);
  recorder.open();
  recorder.recordPatch(
    patch({ reset: true, connection: CONNECTING, teams: [team('h-billing', 'Billing', [anna.id, bob.id]), team('h-support', 'Support', [carl.id])], members: [m(anna, 'ready'), m(bob, 'ready'), m(carl, 'ready')] }),
  );
  advance('08:00:01');
  recorder.recordPatch(patch({}));
  recorder.resynced();
  advance('08:05:00');
  recorder.recordMembers([m(anna, 'not_ready', 'Meeting')]);
  advance('08:06:00');
  recorder.recordMembers([m(anna, 'ready')]);
  advance('08:10:00');
  recorder.recordMembers([m(anna, 'not_ready', 'Lunch')]);
  advance('08:20:00');
  recorder.recordMembers([m(bob, 'not_ready', 'Break')]);
  advance('08:35:00');
  recorder.recordMembers([m(bob, 'ready')]);
  advance('08:50:00');
  recorder.recordMembers([m(anna, 'ready')]);
  advance('09:00:00');
  recorder.recordMembers([m(anna, 'ACW'), m(carl, 'ACW')]);
  advance('09:00:30');
  recorder.recordMembers([m(anna, 'ready')]);
  advance('09:05:00');
  recorder.recordMembers([m(carl, 'ready')]);
  advance('09:10:00');
  // The report stream is lost at 09:10 and the board has resynced at 09:12:01.
  recorder.recordPatch(patch({ connection: downSince(clock.now) }));
  advance('09:12:00');
  recorder.recordMembers([m(anna, 'not_ready', 'Break')]);
  advance('09:12:01');
  recorder.resynced();
  // Carl's busy minute: ACW and Ready in turn for a second each from 09:20:00, Ready from 09:20:19. Each second is a
  // few pixels' worth of a 90-minute bar, so his row merges them until it is focused.
  advance('09:20:00');
  for (let i = 0; i < 20; i++) {
    recorder.recordMembers([m(carl, i % 2 === 0 ? 'ACW' : 'ready')]);
    advance(`09:20:${String(i + 1).padStart(2, '0')}`);
  }
  advance('09:30:00');
  recorder.close();
}

const value = <T,>(channel: string, payload?: unknown): Promise<T> => ipc.value<T>(channel, payload);
const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
/** Notifications the page raised, by title. */
const raised = (): Promise<string[]> => raisedAlerts(page);

/** The page's own theme button (the preference is saved as well). */
async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
}

/** axe in both themes (light last), and a screenshot of each. */
async function checkBothThemes(label: string, shot: string): Promise<void> {
  for (const theme of ['dark', 'light'] as const) {
    await setTheme(theme);
    const report = await runAxe(page);
    expect(report.findings, describeFindings(`${label} (${theme})`, report)).toEqual([]);
    await saveScreenshot(page, `${shot}-${theme}.png`);
  }
}

beforeAll(async () => {
  lab = createReportLab(seed, { autoStart: false });
  await lab.start();
  const agents = lab.snapshot(supervisorId).flatMap((t) => t.members.filter((w) => w.memberType === 'Agent'));
  [anna, bob, carl] = agents.slice(0, 3).map((w) => ({ id: w.memberId, name: w.memberName })) as [typeof anna, typeof anna, typeof anna];
  dataDir = makeDataDir('sc-history-e2e-');
  const profileFile = path.join(dataDir, 'profile.json');
  fs.writeFileSync(profileFile, JSON.stringify({ name: 'History lab', reports: { url: lab.url, agentId: supervisorId } }));
  host = await startHost(['--profile', profileFile], { dataDir });
  ipc = await RawIpcClient.connect(host.origin, host.token);
  await value('preferences:set', { theme: 'light', sections: { board: { thresholds: [QUICK_RED, ...DEFAULT_THRESHOLDS] } } });
  const [profileId] = fs.readdirSync(path.join(dataDir, 'profiles'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  writeScriptedDay(path.join(dataDir, 'profiles', profileId!, 'history'));

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 }, bypassCSP: true });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Desktop alerts, recorded: the page believes notifications are allowed.
  await recordDesktopAlerts(page);
  await page.goto(`${host.url}#/board`);
  await page.locator('.board-live').waitFor({ timeout: 15_000 });
}, 60_000);

afterAll(async () => {
  ipc?.socket.close();
  await browser?.close();
  await host?.stop();
  await lab?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('history views', () => {
  it('offers History, limited to the days kept, and shows an agent timeline as scripted, gap included', async () => {
    await nav('History').click();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    const daySelect = page.getByRole('combobox', { name: 'Day' });
    await expect.poll(() => daySelect.locator('option').count()).toBe(2);
    expect(await daySelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual([dayKeyOf(Date.now()), DAY]);
    await daySelect.selectOption(DAY);

    const row = page.locator(`li.tl-row[data-member-id="${anna.id}"]`);
    const segments = row.locator('rect.seg');
    await expect.poll(() => segments.count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await segments.evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')))).toEqual([
      'Not observed (the console was not receiving the board), 08:00:00 to 08:00:01, 1 s',
      'Ready (it began before the console saw it), 08:00:01 to 08:05:00, 4 min 59 s',
      'Not Ready (Meeting), 08:05:00 to 08:06:00, 1 min 00 s',
      'Ready, 08:06:00 to 08:10:00, 4 min 00 s',
      'Not Ready (Lunch), 08:10:00 to 08:50:00, 40 min 00 s',
      'Ready, 08:50:00 to 09:00:00, 10 min 00 s',
      'ACW, 09:00:00 to 09:00:30, 30 s',
      'Ready, 09:00:30 to 09:10:00, 9 min 30 s',
      'Not observed (the console was not receiving the board), 09:10:00 to 09:12:01, 2 min 01 s',
      'Not Ready (Break) (it began before the console saw it), 09:12:01 to 09:30:00, 17 min 59 s',
    ]);
    // The gap is drawn as a gap (hatched), not as a state.
    expect(await segments.nth(8).getAttribute('class')).toBe('seg seg-gap');
    // Keyboard: one Tab stop per row; Right walks the stretches and the tooltip follows focus.
    await segments.first().focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    const tip = page.getByRole('tooltip');
    await expect.poll(() => tip.innerText()).toBe('Not Ready (Lunch), 08:10:00 to 08:50:00, 40 min 00 s');
    expect(await segments.nth(4).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await segments.evaluateAll((rects) => rects.filter((r) => r.getAttribute('tabindex') === '0').length)).toBe(1);
    // The reason is written on a Not Ready stretch wide enough to hold it.
    expect(await row.locator('text.tl-reason').allTextContents()).toContain('Lunch');
    // Pointing at a stretch gives the same words.
    await segments.nth(8).hover({ force: true });
    await expect.poll(() => tip.innerText()).toBe('Not observed (the console was not receiving the board), 09:10:00 to 09:12:01, 2 min 01 s');
    await segments.nth(4).focus();
    await saveScreenshot(page, 'history-timeline-tooltip-light.png');

    // Carl's busy minute shows merged to the bar's pixels, drawn in the state that lasted longest with a band of the
    // next, and said in words; focusing it fetches every stretch, exact to the second, and the focus stays put.
    const carlRow = page.locator(`li.tl-row[data-member-id="${carl.id}"]`);
    const carlBar = carlRow.locator('svg.tl-bar');
    const carlStretches = carlRow.locator('rect.seg');
    await expect.poll(() => carlBar.getAttribute('data-detail')).toBe('merged to pixels');
    expect(await carlBar.getAttribute('data-stretches')).toBe('26');
    const merged = await carlStretches.evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')!));
    expect(merged.slice(0, 5)).toEqual([
      'Not observed (the console was not receiving the board), 08:00:00 to 08:00:01, 1 s',
      'Ready (it began before the console saw it), 08:00:01 to 09:00:00, 59 min 59 s',
      'ACW, 09:00:00 to 09:05:00, 5 min 00 s',
      'Ready, 09:05:00 to 09:10:00, 5 min 00 s',
      'Not observed (the console was not receiving the board), 09:10:00 to 09:12:01, 2 min 01 s',
    ]);
    const runs = merged.filter((label) => /^\d+ stretches, 09:20:/.test(label));
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0]).toMatch(/^\d+ stretches, 09:20:00 to 09:20:\d\d, \d+ s: (ACW|Ready) \d+ s, (ACW|Ready) \d+ s$/);
    expect(await carlRow.locator('rect.tl-band').count()).toBe(runs.length);
    await checkBothThemes('agent timeline, merged to pixels', 'history-timeline-merged');
    const firstRun = carlRow.getByRole('img', { name: runs[0]! });
    await firstRun.focus();
    await expect.poll(() => carlBar.getAttribute('data-detail')).toBe('every stretch');
    const exact = await carlStretches.evaluateAll((rects) => rects.map((r) => r.getAttribute('aria-label')!));
    const second = (n: number) => `09:20:${String(n).padStart(2, '0')}`;
    expect(exact).toEqual([
      ...merged.slice(0, 5),
      'Ready (it began before the console saw it), 09:12:01 to 09:20:00, 7 min 59 s',
      ...Array.from({ length: 19 }, (_, i) => `${i % 2 === 0 ? 'ACW' : 'Ready'}, ${second(i)} to ${second(i + 1)}, 1 s`),
      'Ready, 09:20:19 to 09:30:00, 9 min 41 s',
    ]);
    expect(await carlRow.locator('rect.tl-band').count()).toBe(0);
    expect(await carlStretches.nth(6).evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => tip.innerText()).toBe('ACW, 09:20:00 to 09:20:01, 1 s');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tip.innerText()).toBe('Ready, 09:20:01 to 09:20:02, 1 s');
    await saveScreenshot(page, 'history-timeline-detail-light.png');
    await segments.nth(4).focus();
    await checkBothThemes('agent timeline', 'history-timeline');
  });

  it('draws the team day with a text alternative holding the day’s totals', async () => {
    await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Billing' });
    await page.getByRole('tab', { name: 'Team day' }).click();
    await page.locator('.team-day-chart canvas').first().waitFor();
    const totals = page.getByRole('table', { name: 'Member-time of Billing over the day' });
    await totals.waitFor();
    const rows = Object.fromEntries(await totals.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent] as const)));
    const seconds = (hms: string) => hms.split(':').map(Number).reduce((total, part) => total * 60 + part, 0);
    // Anna and Bob: Lunch 40 min, Meeting 1 min, ACW 30 s exactly.
    expect(Object.keys(rows)).toEqual(['Ready', 'ACW', 'Not Ready (Lunch)', 'Not Ready (Break)', 'Not Ready (Meeting)']);
    expect([rows['Not Ready (Lunch)'], rows['Not Ready (Meeting)'], rows.ACW]).toEqual(['0:40:00', '0:01:00', '0:00:30']);
    // Break 15:00 (Bob) + 17:59 (Anna after the outage); Ready the rest of 2 × 87:58 observed. The per-minute sums main
    // keeps also count the second in which the board resynced after each gap, so these two may be up to 3 s over.
    expect(seconds(rows['Not Ready (Break)']!) - seconds('0:32:59')).toBeGreaterThanOrEqual(0);
    expect(seconds(rows['Not Ready (Break)']!) - seconds('0:32:59')).toBeLessThanOrEqual(3);
    expect(seconds(rows.Ready!) - seconds('1:41:27')).toBeGreaterThanOrEqual(0);
    expect(seconds(rows.Ready!) - seconds('1:41:27')).toBeLessThanOrEqual(3);
    await checkBothThemes('team day', 'history-team-day');
  });

  it('sorts the day summary by every column and exports it as CSV', async () => {
    await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'All teams' });
    await page.getByRole('tab', { name: 'Summary' }).click();
    const table = page.locator('table.history-summary-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3);
    const names = () => table.locator('tbody tr th').allInnerTexts();
    const byName = [anna.name, bob.name, carl.name].sort((a, b) => a.localeCompare(b));
    expect(await names()).toEqual(byName);
    const header = (label: string) => table.locator('thead th').filter({ has: page.getByRole('button', { name: label, exact: true }) });
    await header('Not Ready: Lunch').getByRole('button').click();
    expect(await header('Not Ready: Lunch').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Name').getAttribute('aria-sort')).toBe('none');
    await header('Not Ready: Lunch').getByRole('button').click();
    expect(await header('Not Ready: Lunch').getAttribute('aria-sort')).toBe('descending');
    expect((await names())[0]).toBe(anna.name);
    // Every column sorts, from the keyboard too.
    for (const label of await table.locator('thead th button').allInnerTexts()) {
      const clean = label.replace(/[▲▼]/g, '').trim();
      await header(clean).getByRole('button').focus();
      await page.keyboard.press('Enter');
      expect(await header(clean).getAttribute('aria-sort'), clean).toBe('ascending');
    }
    await header('ACW').getByRole('button').click();
    await header('ACW').getByRole('button').click();
    expect(await header('ACW').getAttribute('aria-sort')).toBe('descending');
    expect((await names())[0]).toBe(carl.name); // Carl: 5 min of ACW.
    const annaRow = table.locator(`tr[data-member-id="${anna.id}"]`);
    expect(await annaRow.innerText()).toContain('0:40:00 (Lunch) from 08:10:00');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`history-summary-${DAY}.csv`);
    // A copy of its own: the browser is shared with the other files and runs apart from this process.
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-csv-')), download.suggestedFilename());
    await download.saveAs(saved);
    const csv = fs.readFileSync(saved, 'utf8').split('\r\n');
    fs.rmSync(path.dirname(saved), { recursive: true, force: true });
    expect(csv[0]).toBe('Name,Ready,Not Ready,Not Ready: Break,Not Ready: Lunch,Not Ready: Meeting,ACW,Longest Not Ready,Signed out,First seen,Last seen');
    // In the order shown (ACW, longest first): Carl, then the others.
    expect(csv[1]!.startsWith(`${carl.name},`)).toBe(true);
    expect(csv.find((line) => line.startsWith(`${anna.name},`))).toBe(`${anna.name},0:28:29,0:58:59,0:17:59,0:40:00,0:01:00,0:00:30,0:40:00 (Lunch) from 08:10:00,0,08:00:01,09:30:00`);
    await page.getByRole('region', { name: 'Day summary, scrollable' }).evaluate((element) => element.scrollTo(0, 0));
    await checkBothThemes('day summary', 'history-summary');
  });
});

describe('replaying the board', () => {
  const slider = () => page.getByRole('slider', { name: 'Board time' });
  const memberRow = (id: string) => page.locator(`tr.member-row[data-member-id="${id}"]`);

  async function moveSlider(to: number): Promise<void> {
    await slider().evaluate((element, next) => {
      const input = element as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(next));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, to);
  }

  it('shows the board as it was at a scripted moment, pauses alerts, and Live returns', async () => {
    await nav('Team board').click();
    await page.locator('.board-live').waitFor();
    // Live first: an alert fires as it should, so its silence below means something.
    lab.setMemberStatus(carl.id, 'not_ready', 'Quick check');
    await expect.poll(raised, { timeout: 6_000 }).toContain(`${carl.name} over the limit`);
    lab.setMemberStatus(anna.id, 'ready');
    await expect.poll(() => memberRow(anna.id).locator('td.status').innerText()).toContain('Ready');

    await page.getByRole('combobox', { name: 'Day' }).selectOption(DAY);
    await expect.poll(() => slider().getAttribute('min')).toBe(String(at('08:00:00')));
    const asked = Date.now();
    await moveSlider(at('08:30:00'));
    const banner = page.getByTestId('board-replay');
    await expect.poll(() => banner.innerText(), { timeout: 3_000 }).toMatch(/Replaying .*08:30:00 — not live\./);
    await expect.poll(() => memberRow(anna.id).locator('td.reason').innerText(), { timeout: 3_000 }).toBe('Lunch');
    const shownAfter = Date.now() - asked;
    expect(await memberRow(anna.id).locator('td.status').innerText()).toContain('Not Ready');
    expect(await memberRow(anna.id).locator('td.time').innerText()).toContain('20:00');
    expect(await memberRow(bob.id).locator('td.reason').innerText()).toBe('Break');
    expect(await page.locator('section.board-screen').getAttribute('class')).toContain('replaying');
    expect(await page.getByRole('region', { name: 'Queues' }).innerText()).toContain('queue figures are not recorded');
    // The summaries count the board as it was: Billing had two Not Ready at 08:30.
    expect(await page.locator('ul.board-summaries > li[data-team-id="h-billing"]').innerText()).toMatch(/0 Ready.*2 Not Ready.*0 ACW/s);
    expect(shownAfter, `replayed board shown after ${shownAfter} ms`).toBeLessThan(2_000);

    // Arrow keys move it a second at a time.
    await slider().focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => banner.innerText()).toMatch(/08:30:01/);
    await expect.poll(() => memberRow(anna.id).locator('td.time').innerText()).toContain('20:01');
    // A moment in the scripted outage is not observed, and says so.
    await moveSlider(at('09:11:00'));
    await expect.poll(() => banner.innerText()).toMatch(/09:11:00 — not live\. Not observed/);
    await moveSlider(at('08:30:00'));
    await expect.poll(() => memberRow(anna.id).locator('td.reason').innerText()).toBe('Lunch');

    // While replaying, a live member crossing red raises nothing and the alert list is gone.
    const before = (await raised()).length;
    lab.setMemberStatus(bob.id, 'not_ready', 'Quick check');
    await page.waitForTimeout(3_000);
    expect((await raised()).slice(before)).toEqual([]);
    expect(await page.getByRole('region', { name: 'Over the red threshold' }).count()).toBe(0);
    await checkBothThemes('replaying board', 'board-replay');

    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await page.locator('.board-live').waitFor();
    expect(await page.getByTestId('board-replay').count()).toBe(0);
    await expect.poll(() => memberRow(anna.id).locator('td.status').innerText()).toContain('Ready');
    expect(await memberRow(anna.id).locator('td.reason').innerText()).toBe('');
    // Back on the live board, the crossing that happened meanwhile alerts.
    await expect.poll(raised, { timeout: 4_000 }).toContain(`${bob.name} over the limit`);
    expect(await page.locator('section.board-screen').getAttribute('class')).not.toContain('replaying');
  });
});

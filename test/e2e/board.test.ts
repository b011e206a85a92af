import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed } from '../../lab/seed';
import { saveScreenshot } from '../support/screenshots';

// The team board and call journeys in Chromium, against a report lab this
// test process owns (so it can watch begin/end requests even while the host
// quits). The host reaches it through a profile file (--profile).

const seed = createSeed({ agents: 150, teams: 6 });
const supervisorId = seed.demoSupervisor;
let lab: ReportLab;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
let profileFile: string;
const pageErrors: string[] = [];

async function openBoard(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(`${host.url}#/board`);
  return p;
}

beforeAll(async () => {
  lab = createReportLab(seed, { autoStart: false });
  await lab.start();
  dataDir = makeDataDir('sc-board-e2e-');
  profileFile = path.join(dataDir, 'profile.json');
  fs.writeFileSync(profileFile, JSON.stringify({ name: 'Board lab', reports: { url: lab.url, agentId: supervisorId } }));
  host = await startHost(['--profile', profileFile], { dataDir });
  browser = await launchChromium();
  page = await openBoard();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await lab?.stop();
});

/** Team summaries as the page shows them: id → "name|ready|notReady|acw". */
async function shownSummaries(p: Page): Promise<Record<string, string>> {
  return p.evaluate(() => {
    const out: Record<string, string> = {};
    for (const li of document.querySelectorAll<HTMLElement>('ul.board-summaries > li')) {
      const name = li.querySelector('.summary-name')?.textContent ?? '';
      const text = li.querySelector('.board-counts')?.textContent ?? '';
      const match = /(\d+) Ready.*?(\d+) Not Ready.*?(\d+) ACW/s.exec(text);
      out[li.dataset.teamId ?? '?'] = `${name}|${match?.slice(1).join('|') ?? text}`;
    }
    return out;
  });
}

function labSummaries(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const team of lab.snapshot(supervisorId)) {
    const count = (s: string) => team.members.filter((m) => m.status === s).length;
    out[team.teamId] = `${team.teamName}|${count('ready')}|${count('not_ready')}|${count('ACW')}`;
  }
  return out;
}

async function expectBoardMatchesLab(p: Page = page): Promise<void> {
  await expect.poll(() => shownSummaries(p), { timeout: 10_000 }).toEqual(labSummaries());
  // Every membership shown once: the row count equals the lab's memberships.
  const memberships = lab.snapshot(supervisorId).reduce((sum, t) => sum + t.members.length, 0);
  await expect.poll(() => p.locator('.board-row-count').innerText(), { timeout: 10_000 }).toBe(`${memberships} members shown`);
}

async function filterByName(name: string): Promise<void> {
  await page.getByPlaceholder('Filter by name').fill(name);
}

function rowOf(memberId: string) {
  return page.locator(`tr.member-row[data-member-id="${memberId}"]`);
}

describe('team board in the browser host', () => {
  it('shows every team of the supervisor with its counts, live', async () => {
    await expect.poll(() => page.locator('.board-live').innerText(), { timeout: 15_000 }).toContain('Live');
    await expectBoardMatchesLab();
    expect(lab.subscriptions()).toEqual([{ agentId: supervisorId }]);
    const header = await page.locator('table.board-table thead').innerText();
    for (const column of ['Name', 'Type', 'Status', 'Reason', 'Time in state']) expect(header).toContain(column);
  });

  it('applies memberstatuschanged: status, reason and a fresh clock', async () => {
    const member = lab.snapshot(supervisorId)[0]!.members.find((m) => m.memberType === 'Agent')!;
    lab.setMemberStatus(member.memberId, 'not_ready', 'Lunch');
    await filterByName(member.memberName);
    const row = rowOf(member.memberId).first();
    await expect.poll(() => row.innerText()).toMatch(/Not Ready\s+Lunch\s+0:0\d/);
    // Time in state ticks every second and is exact (no "≥") for a change seen live.
    const first = await row.locator('.time').innerText();
    await expect.poll(() => row.locator('.time').innerText(), { timeout: 4_000 }).not.toBe(first);
    expect(await row.locator('.time').innerText()).not.toContain('≥');
    lab.setMemberStatus(member.memberId, 'ACW');
    await expect.poll(() => row.locator('.status').innerText()).toContain('ACW');
    await filterByName('');
    await expectBoardMatchesLab();
  });

  it('applies teamchanged and shows names as text, not markup', async () => {
    const team = lab.snapshot(supervisorId)[1]!;
    lab.renameTeam(team.teamId, '<img src=x onerror=alert(1)> Escalations');
    await expect.poll(() => page.locator(`ul.board-summaries li[data-team-id="${team.teamId}"] .summary-name`).innerText()).toBe('<img src=x onerror=alert(1)> Escalations');
    expect(await page.locator('ul.board-summaries img').count()).toBe(0);
    await expectBoardMatchesLab();
  });

  it('applies memberadded and memberremoved', async () => {
    const [first, second] = lab.snapshot(supervisorId);
    const mover = second!.members.find((m) => m.memberType === 'Agent')!;
    lab.addMember(first!.teamId, mover.memberId);
    await expectBoardMatchesLab();
    await filterByName(mover.memberName);
    await expect.poll(() => page.locator(`tr.team-row[data-team-id="${first!.teamId}"] + tr.member-row[data-member-id="${mover.memberId}"]`).count()).toBe(1);
    lab.removeMember(first!.teamId, mover.memberId);
    await expect.poll(() => rowOf(mover.memberId).count()).toBe(0);
    await filterByName('');
    await expectBoardMatchesLab();
  });

  it('applies teamadded and teamremoved', async () => {
    const agents = lab.snapshot(supervisorId)[2]!.members.filter((m) => m.memberType === 'Agent').slice(0, 4).map((m) => m.memberId);
    lab.addTeam({ teamId: '7001', teamName: 'Pop-up Team', memberIds: agents }, supervisorId);
    await expect.poll(() => page.locator('ul.board-summaries li[data-team-id="7001"]').count()).toBe(1);
    await expectBoardMatchesLab();
    lab.removeTeam('7001');
    await expect.poll(() => page.locator('ul.board-summaries li[data-team-id="7001"]').count()).toBe(0);
    await expectBoardMatchesLab();
  });

  it('resubscribes after the lab drops the socket, with no duplicate members', async () => {
    const begins: Array<string | undefined> = [];
    const onBegin = (id: string | undefined) => begins.push(id);
    lab.on('begin', onBegin);
    lab.dropAllSockets();
    // Changes while the console is away reach it only through the fresh teamadded events.
    lab.step(40);
    await expect.poll(() => begins.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    lab.off('begin', onBegin);
    expect(begins[0]).toBe(supervisorId);
    await expectBoardMatchesLab();
    expect(lab.subscriptions()).toEqual([{ agentId: supervisorId }]);
    await expect.poll(() => page.locator('.board-live').count()).toBe(1);
  });

  it('ignores malformed frames, says so, and keeps the board right', async () => {
    for (const kind of ['invalid-json', 'unknown-event', 'missing-fields', 'unknown-status', 'binary'] as const) lab.sendMalformed(kind);
    await expect.poll(() => page.locator('[data-testid="board-rejected"]').innerText().catch(() => '')).toContain('5 malformed messages');
    lab.step(25);
    await expectBoardMatchesLab();
    expect(pageErrors).toEqual([]);
  });

  it('persists filters and sort across a reload', async () => {
    await page.getByRole('checkbox', { name: 'ACW' }).uncheck();
    await page.getByRole('button', { name: /^Time in state/ }).click();
    await page.waitForTimeout(700);
    await page.reload();
    await expect.poll(() => page.getByRole('checkbox', { name: 'ACW' }).isChecked()).toBe(false);
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').innerText()).toContain('Time in state');
    expect(await page.locator('tr.member-row td.status', { hasText: 'ACW' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'ACW' }).check();
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForTimeout(700);
  });
});

describe('call journey in the browser host', () => {
  it('shows a found journey as a table with a timeline', async () => {
    const p = await openBoard();
    await p.goto(`${host.url}#/journey`);
    const callId = lab.callIds()[0]!;
    await p.getByLabel('Call ID').fill(callId);
    await p.getByLabel('Call ID').press('Enter');
    const table = p.locator('table.journey-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await table.locator('thead').innerText()).toMatch(/Step\s+Device\s+Device type\s+Description\s+Duration/);
    expect(await p.locator('.journey-timeline .tl-step').count()).toBe(await table.locator('tbody tr').count());
    await expect.poll(() => p.locator('.journey-recent').innerText()).toContain(callId);
    await p.close();
  });

  it('shows the server failure message verbatim for an unknown call', async () => {
    const p = await openBoard();
    await p.goto(`${host.url}#/journey`);
    await p.getByLabel('Call ID').fill('999');
    await p.getByLabel('Call ID').press('Enter');
    await expect.poll(() => p.locator('[data-testid="journey-failure"]').innerText().catch(() => '')).toContain('No call journey found for call id 999');
    expect(await p.locator('[data-testid="journey-failure"]').innerText()).toContain('CALL_NOT_FOUND');
    await p.close();
  });
});

describe('shutdown and the offline board', () => {
  it('ends the subscription when the host quits, then shows the last board offline', async () => {
    const ends: Array<string | undefined> = [];
    const onEnd = (id: string | undefined) => ends.push(id);
    lab.on('end', onEnd);
    const lastKnown = labSummaries();
    const code = await host.stop('SIGTERM');
    lab.off('end', onEnd);
    expect(code).toBe(0);
    expect(ends).toEqual([supervisorId]);

    // The report server is gone now; the console opens with the board it saved.
    await lab.stopServer();
    host = await startHost(['--profile', profileFile], { dataDir });
    const offline = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await offline.goto(`${host.url}#/board`);
    await expect.poll(() => offline.locator('[data-testid="board-connection"]').innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/As of .+, disconnected/);
    await expect.poll(() => shownSummaries(offline)).toEqual(lastKnown);
    await saveScreenshot(offline, 'board-offline.png');
    await offline.close();
    await lab.startServer();
  });
});

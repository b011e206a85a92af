import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { raisedAlerts, recordDesktopAlerts } from '../support/desktop-alerts';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, VAULT_PASSPHRASE_ENV, type RunningHost } from '../support/web-host-process';
import { saveScreenshot } from '../support/screenshots';
import { startLab, type Lab } from '../../lab';

/**
 * The queue strip of the built browser host in Chromium, against a lab this
 * test owns (its world held still: no scenario changes, calls only when the
 * test makes them): the lab's figures within one poll, a queue building up
 * turning its longest-wait figure red with one desktop alert that snooze
 * silences, the endpoint's faults said in words while the board carries on,
 * and a UCCX failover that keeps the figures coming.
 */

let lab: Lab;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

async function control(pathname: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${lab.endpoints.control}${pathname}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, pathname).toBe(200);
  return response.json();
}

const csq = (index: number) => lab.seed.csqs[index]!;
const strip = () => page.getByRole('region', { name: 'Queues' });
const tile = (name: string) => strip().getByRole('group', { name, exact: true });
const figuresOf = (name: string) => lab.queues.stats().find((s) => s.esdName === name)!;
const eligible = (index: number) => lab.uccx.store.agentsByCsq().get(String(csq(index).id)) ?? [];
/** Notifications the page raised, by title. */
const raised = (): Promise<string[]> => raisedAlerts(page);

beforeAll(async () => {
  lab = await startLab({ rate: 0, agents: 150, teams: 6 });
  dataDir = makeDataDir('sc-queues-e2e-');
  const profileFile = path.join(dataDir, 'profile.json');
  const { uccx, reports } = lab.endpoints;
  fs.writeFileSync(
    profileFile,
    JSON.stringify({
      name: 'Queues lab',
      allowPlaintextCredentials: true,
      uccx: { nodes: uccx.nodes, username: uccx.username, password: '${E2E_UCCX_PASSWORD}' },
      reports: { url: reports.url, agentId: reports.agentId },
      realtime: { url: '{node}/realtime/VoiceIAQStats', pollSeconds: 2 },
    }),
  );
  host = await startHost(['--profile', profileFile, '--vault-passphrase-env', VAULT_PASSPHRASE_ENV], {
    dataDir,
    env: { [VAULT_PASSPHRASE_ENV]: 'queues-e2e-passphrase', E2E_UCCX_PASSWORD: uccx.password },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Desktop alerts, recorded: the page believes notifications are allowed.
  await recordDesktopAlerts(page);
  await page.goto(`${host.url}#/board`);
  await strip().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await lab?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('the queue strip', () => {
  it('shows the lab’s figures for the supervisor’s team CSQs within one poll', async () => {
    const name = csq(0).name;
    await expect.poll(() => tile(name).isVisible(), { timeout: 15_000 }).toBe(true);
    // Every CSQ the demo supervisor's teams serve, and only those.
    const teamCsqs = new Set(lab.seed.teams.flatMap((t) => t.csqIds).map((id) => lab.seed.csqs.find((c) => c.id === id)!.name));
    expect(await strip().getByRole('group').count()).toBe(teamCsqs.size);

    await control('/queues/staff', { csq: name });
    const changed = Date.now();
    await control('/queues/calls', { csq: name, count: 2, waitedSeconds: 20 });
    await expect.poll(() => tile(name).innerText(), { timeout: 5_000, interval: 50 }).toContain('2 waiting');
    // One poll is 2 s; the page shows it as soon as main reads it.
    expect(Date.now() - changed).toBeLessThan(2_000 + 800);
    const lab0 = figuresOf(name);
    const text = await tile(name).innerText();
    expect(text).toContain(`${lab0.nAvailResources} available · ${lab0.nHandledContacts} handled · ${lab0.nAbandonedContacts} abandoned`);
    expect(text).toMatch(/longest 0:2\d/);
    // The longest wait ticks between readings.
    const first = /longest (\d+):(\d+)/.exec(await tile(name).locator('.queue-longest').innerText())!;
    await page.waitForTimeout(2_100);
    const second = /longest (\d+):(\d+)/.exec(await tile(name).locator('.queue-longest').innerText())!;
    expect(Number(second[2]) - Number(first[2])).toBeGreaterThanOrEqual(2);
  });

  it('turns the longest wait red as a queue builds up, alerts once, and snooze holds', async () => {
    const name = csq(1).name;
    await control('/queues/staff', { csq: name });
    await control('/queues/calls', { csq: name, count: 2, waitedSeconds: 56 });
    const longest = tile(name).locator('.queue-longest');
    await expect.poll(() => longest.getAttribute('data-level'), { timeout: 5_000 }).toBe('amber');
    await expect.poll(() => longest.getAttribute('data-level'), { timeout: 10_000 }).toBe('red');
    expect(await longest.getByRole('img').getAttribute('aria-label')).toBe('over red limit');
    const title = `${name}: callers waiting too long`;
    await expect.poll(async () => (await raised()).filter((t) => t === title).length, { timeout: 3_000 }).toBe(1);
    await saveScreenshot(page, 'queues-red-light.png');
    await page.getByRole('button', { name: /Switch to dark/ }).click();
    await saveScreenshot(page, 'queues-red-dark.png');
    await page.getByRole('button', { name: /Switch to light/ }).click();
    await page.waitForTimeout(2_500);
    expect((await raised()).filter((t) => t === title)).toHaveLength(1);

    await page.getByRole('button', { name: `Snooze alerts for queue ${name} 15 minutes` }).click();
    // The queue empties (agents come back and answer), then builds up again: no new alert while snoozed.
    for (const id of eligible(1).slice(0, 3)) await control(`/agents/${id}/state`, { state: 'READY' });
    await expect.poll(() => tile(name).innerText(), { timeout: 5_000 }).toContain('0 waiting');
    await control('/queues/staff', { csq: name });
    await control('/queues/calls', { csq: name, count: 6, waitedSeconds: 5 });
    await expect.poll(() => tile(name).locator('.queue-waiting').getAttribute('data-level'), { timeout: 5_000 }).toBe('red');
    await page.waitForTimeout(1_500);
    expect((await raised()).filter((t) => t === title)).toHaveLength(1);
    expect(await page.getByRole('region', { name: 'Over the red threshold' }).innerText()).toMatch(new RegExp(`Queue ${name} — 6 waiting.*snoozed`));
  });

  it('says why the figures are unavailable (404, garbage, nothing) while the board carries on, and recovers by itself', async () => {
    const cases = [
      { kind: 'absent', words: /queue figures unavailable: 127\.0\.0\.1:\d+ answered HTTP 404: no real-time endpoint at \/realtime\/VoiceIAQStats/ },
      { kind: 'garbage', words: /queue figures unavailable: 127\.0\.0\.1:\d+ answered something that is not queue statistics \(not JSON\)/ },
      { kind: 'empty', words: /queue figures unavailable: 127\.0\.0\.1:\d+ answered with nothing/ },
    ];
    const agent = eligible(0).find((id) => lab.reports.agents.member(id)?.agentState === 'NOT_READY')!;
    const agentName = lab.reports.agents.member(agent)!.memberName;
    for (const [index, { kind, words }] of cases.entries()) {
      await control('/queues/fault', { kind });
      await expect.poll(() => strip().innerText(), { timeout: 15_000 }).toMatch(words);
      expect(await strip().getByRole('group').count()).toBe(0);
      if (index === 0) {
        await saveScreenshot(page, 'queues-unavailable-light.png');
        await page.getByRole('button', { name: /Switch to dark/ }).click();
        await saveScreenshot(page, 'queues-unavailable-dark.png');
        await page.getByRole('button', { name: /Switch to light/ }).click();
      }
      // The rest of the board keeps working: a status change on the report stream shows.
      const reason = `Meeting ${kind}`;
      await control('/reports/status', { memberId: agent, status: 'not_ready', reason });
      await page.getByPlaceholder('Filter by name').fill(agentName);
      await expect.poll(() => page.locator(`tr.member-row[data-member-id="${agent}"]`).first().innerText(), { timeout: 5_000 }).toContain(reason);
      expect(await page.locator('.board-live').innerText()).toContain('Live');
    }
    await page.getByPlaceholder('Filter by name').fill('');
    await control('/queues/fault', { kind: 'none' });
    // Back-off is at most 10 s, so the figures are back within about one back-off and a poll.
    await expect.poll(() => tile(csq(0).name).isVisible(), { timeout: 13_000 }).toBe(true);
    await expect(strip().innerText()).resolves.not.toContain('unavailable');
  });

  it('keeps the figures coming when UCCX fails over to the other node', async () => {
    const name = csq(2).name;
    await control('/nodes/ccx-a/stop');
    await control('/uccx/master', { which: 'b' });
    const before = lab.queues.readings.b;
    await control('/queues/staff', { csq: name });
    await control('/queues/calls', { csq: name, count: 4, waitedSeconds: 1 });
    await expect.poll(() => tile(name).innerText(), { timeout: 15_000 }).toContain('4 waiting');
    expect(lab.queues.readings.b).toBeGreaterThan(before);
    await expect(strip().innerText()).resolves.not.toContain('unavailable');
    await saveScreenshot(page, 'queues-normal-light.png');
    await page.getByRole('button', { name: /Switch to dark/ }).click();
    await saveScreenshot(page, 'queues-normal-dark.png');
    await page.getByRole('button', { name: /Switch to light/ }).click();
    await control('/reset');
  });
});

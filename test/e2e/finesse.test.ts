import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import { startLab, type Lab } from '../../lab';
import type { BoardSnapshot } from '../../shared/domain/board';
import type { AuditEntry } from '../../shared/domain/changes';

/**
 * Acting on agents from the board through Finesse, end to end: the built
 * browser host in Chromium against a lab this test owns (the scenario paused,
 * so every change is the test's own), with a profile file naming the report
 * server and both Finesse nodes (its password from the environment).
 */
const VAULT_PASSPHRASE = 'e2e finesse vault 5d2';

let lab: Lab;
let host: RunningHost;
let browser: Browser;
let page: Page;
let dataDir: string;
let profileFile: string;
const pageErrors: string[] = [];

function writeProfile(file: string, finesseUser: string): void {
  const { reports, finesse } = lab.endpoints;
  fs.writeFileSync(
    file,
    JSON.stringify({
      name: `Finesse lab (${finesseUser})`,
      // The lab speaks plain HTTP on loopback.
      allowPlaintextCredentials: true,
      reports: { url: reports.url, agentId: reports.agentId },
      finesse: { nodes: finesse.nodes, username: finesseUser, password: '${E2E_FINESSE_PASSWORD}' },
    }),
  );
}

function start(file: string, dir: string): Promise<RunningHost> {
  return startHost(['--profile', file, '--vault-passphrase-env', 'E2E_VAULT'], { dataDir: dir, env: { E2E_VAULT: VAULT_PASSPHRASE, E2E_FINESSE_PASSWORD: lab.endpoints.finesse.password } });
}

async function openBoard(target: RunningHost = host): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  p.on('pageerror', (e) => pageErrors.push(e.message));
  await p.goto(`${target.url}#/board`);
  await p.locator('.board-live').waitFor({ timeout: 15_000 });
  return p;
}

const supervisor = () => lab.endpoints.finesse.username;
const world = () => lab.reports.agents;

/** Agents (not supervisors) of the n-th team the demo supervisor supervises. */
function agentsOf(teamIndex: number): string[] {
  const team = world().teamsSupervisedBy(supervisor())[teamIndex]!;
  return [...team.members].filter((id) => world().member(id)!.memberType !== 'Supervisor');
}

const nameOf = (agentId: string) => world().member(agentId)!.memberName;

async function control(pathname: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${lab.endpoints.control}${pathname}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, pathname).toBe(200);
  return response.json();
}

const setAgent = (agentId: string, state: string, reason = 'Lunch') => control(`/agents/${agentId}/state`, { state, reason });

function rowOf(agentId: string, p: Page = page): Locator {
  return p.locator(`tr.member-row[data-member-id="${agentId}"]`).first();
}

async function show(agentId: string, p: Page = page): Promise<Locator> {
  await p.getByPlaceholder('Filter by name').fill(nameOf(agentId));
  const row = rowOf(agentId, p);
  await row.waitFor();
  return row;
}

/** Scroll the virtualized table until an agent's row is drawn. */
async function reveal(agentId: string, p: Page = page): Promise<Locator> {
  const scroll = p.locator('.board-scroll');
  await scroll.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 300; i++) {
    await p.waitForTimeout(30);
    if ((await rowOf(agentId, p).count()) > 0) {
      await rowOf(agentId, p).scrollIntoViewIfNeeded();
      return rowOf(agentId, p);
    }
    const atEnd = await scroll.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop += el.clientHeight * 0.7;
      return el.scrollTop === before;
    });
    if (atEnd) break;
  }
  throw new Error(`the row of ${agentId} is not on the board`);
}

function actionsButton(agentId: string, p: Page = page): Locator {
  return rowOf(agentId, p).getByRole('button', { name: `Actions for ${nameOf(agentId)}`, exact: true });
}

function menuItem(label: string, p: Page = page): Locator {
  return p.getByRole('menu').getByRole('menuitem', { name: new RegExp(`^${label.replace('…', '.')}`) });
}

async function focusedLabel(p: Page = page): Promise<string> {
  return p.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.querySelector('.action-label')?.textContent ?? document.activeElement?.textContent ?? '').trim());
}

/** The words of the newest note about an agent's action. */
function noteFor(agentId: string, p: Page = page): Locator {
  return p.locator(`.action-note[data-agent-id="${agentId}"] .action-note-text`).first();
}

/** The board's team filter. */
function teamFilter(p: Page = page): Locator {
  return p.getByRole('group', { name: 'Filters' }).locator('select').first();
}

async function ipc(target: RunningHost = host): Promise<RawIpcClient> {
  return RawIpcClient.connect(target.origin, target.token);
}

beforeAll(async () => {
  lab = await startLab({ rate: 0, agents: 120, teams: 4 });
  dataDir = makeDataDir('sc-finesse-e2e-');
  profileFile = path.join(dataDir, 'profile.json');
  writeProfile(profileFile, supervisor());
  host = await start(profileFile, dataDir);
  browser = await launchChromium();
  page = await openBoard();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await lab?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('acting on agents from the board (Finesse)', () => {
  it('makes an agent ready and not ready from the keyboard, the menu saying why an action is not offered', async () => {
    const agentId = agentsOf(0)[0]!;
    await setAgent(agentId, 'NOT_READY', 'Lunch');
    const row = await show(agentId);
    await expect.poll(() => row.locator('.status').innerText()).toContain('Not Ready');
    await actionsButton(agentId).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    // Focus starts on the first allowed action; the one not allowed says why, in visible text.
    expect(await focusedLabel()).toBe('Make ready');
    expect(await menuItem('Make not ready').getAttribute('aria-disabled')).toBe('true');
    expect(await menuItem('Make not ready').locator('.action-reason').isVisible()).toBe(true);
    expect(await menuItem('Make not ready').innerText()).toContain('Already Not Ready.');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedLabel()).toBe('Sign out…');
    await page.keyboard.press('ArrowDown');
    expect(await focusedLabel()).toBe('Make ready');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await focusedLabel()).toBe(`Actions for ${nameOf(agentId)}`);

    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => noteFor(agentId).innerText(), { timeout: 10_000 }).toMatch(new RegExp(`${nameOf(agentId)} is Ready now \\((seen on the report stream|confirmed by Finesse)\\)`));
    await expect.poll(() => row.locator('.status').innerText()).toMatch(/(?<!Not )Ready/);
    expect(world().member(agentId)!.agentState).toBe('READY');
    expect(lab.finesse.changes.at(-1)).toMatchObject({ by: supervisor(), agentId, from: 'NOT_READY', to: 'READY' });

    await actionsButton(agentId).click();
    await menuItem('Make not ready').click();
    await expect.poll(() => noteFor(agentId).innerText(), { timeout: 10_000 }).toContain('is Not Ready now');
    await expect.poll(() => row.innerText()).toMatch(/Not Ready\s+Supervisor initiated/);
    expect(world().member(agentId)!.reasonCode?.code).toBe(33);
  });

  it('asks before signing out: Esc keeps the agent signed in and sends nothing; "Sign out" signs them out', async () => {
    const agentId = agentsOf(0)[1]!;
    await setAgent(agentId, 'READY');
    const row = await show(agentId);
    const puts = lab.finesse.putCount;
    await actionsButton(agentId).click();
    await menuItem('Sign out…').click();
    const dialog = page.getByRole('alertdialog', { name: `Sign out ${nameOf(agentId)}?` });
    await dialog.waitFor();
    expect(await focusedLabel()).toBe('Keep signed in');
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await focusedLabel()).toBe(`Actions for ${nameOf(agentId)}`);
    expect(lab.finesse.putCount).toBe(puts);

    await actionsButton(agentId).click();
    await menuItem('Sign out…').click();
    await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => noteFor(agentId).innerText(), { timeout: 10_000 }).toContain(`${nameOf(agentId)} is signed out`);
    await expect.poll(() => row.locator('.status').innerText()).toContain('Signed out');
    expect(world().member(agentId)!.agentState).toBe('LOGOUT');
    expect(lab.finesse.putCount).toBe(puts + 1);
  });

  it('a sign-out while the agent is on a call waits for the call to end, then the agent is signed out', async () => {
    const agentId = agentsOf(0)[2]!;
    await setAgent(agentId, 'READY');
    const row = await show(agentId);
    await control(`/agents/${agentId}/call`, { on: true });
    await actionsButton(agentId).click();
    await menuItem('Sign out…').click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect.poll(() => noteFor(agentId).innerText(), { timeout: 10_000 }).toContain(`${nameOf(agentId)} signs out after the current call.`);
    await expect.poll(() => row.locator('.status').innerText()).toContain('Talking');
    await expect.poll(() => row.locator('.reason').innerText()).toContain('Sign-out pending');
    expect(world().member(agentId)).toMatchObject({ agentState: 'TALKING', pendingState: 'LOGOUT' });
    await saveScreenshot(page, 'finesse-pending-light.png');
    await actionsButton(agentId).click();
    expect(await menuItem('Sign out…').innerText()).toContain('Already signing out after the current call.');
    await page.keyboard.press('Escape');

    await control(`/agents/${agentId}/call`, { on: false });
    await expect.poll(() => row.locator('.status').innerText(), { timeout: 10_000 }).toContain('Signed out');
    await expect.poll(() => noteFor(agentId).innerText()).toContain(`${nameOf(agentId)} is signed out: the call ended.`);
  });

  it('a transition that is not allowed is disabled in the menu, and forced through IPC gets a typed error; nothing is sent', async () => {
    const agentId = agentsOf(0)[3]!;
    await setAgent(agentId, 'READY');
    await show(agentId);
    await expect.poll(() => rowOf(agentId).locator('.status').innerText()).toMatch(/(?<!Not )Ready/);
    await actionsButton(agentId).click();
    expect(await menuItem('Make ready').getAttribute('aria-disabled')).toBe('true');
    expect(await menuItem('Make ready').innerText()).toContain('Already Ready.');
    await menuItem('Make ready').click({ force: true });
    await page.keyboard.press('Escape');
    const puts = lab.finesse.putCount;
    const client = await ipc();
    try {
      const forced = await client.invoke('finesse:set-state', { agentId, target: 'READY' });
      expect(forced).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^Make ready is not possible for .*: Already Ready\. Nothing was sent\.$/) } });
      const bogus = await client.invoke('finesse:set-state', { agentId, target: 'TALKING' });
      expect(bogus).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    } finally {
      client.close();
    }
    expect(lab.finesse.putCount).toBe(puts);
    expect(world().member(agentId)!.agentState).toBe('READY');
  });

  it('with Finesse out of service on the master node, the console uses the other node', async () => {
    const agentId = agentsOf(1)[0]!;
    await setAgent(agentId, 'NOT_READY', 'Break');
    await show(agentId);
    lab.finesse.setOutOfService('a', true);
    try {
      await actionsButton(agentId).click();
      await menuItem('Make ready').click();
      await expect.poll(() => noteFor(agentId).innerText(), { timeout: 15_000 }).toContain('is Ready now');
      expect(lab.finesse.changes.at(-1)).toMatchObject({ agentId, to: 'READY', node: 'ccx-b' });
      const chip = (nodeUrl: string) => page.locator(`[data-server="finesse:${new URL(nodeUrl).host}"]`).innerText();
      await expect.poll(() => chip(lab.endpoints.finesse.nodes[1])).toContain('Connected');
      await expect.poll(() => chip(lab.endpoints.finesse.nodes[0])).toContain('Standby');
    } finally {
      lab.finesse.setOutOfService('a', false);
    }
  });

  it('with both Finesse nodes down, the board and the menu say so, actions are refused, and nothing is sent later', async () => {
    const agentId = agentsOf(1)[1]!;
    await setAgent(agentId, 'NOT_READY', 'Break');
    await show(agentId);
    const puts = lab.finesse.putCount;
    lab.finesse.setOutOfService('a', true);
    lab.finesse.setFail503('b', true);
    const client = await ipc();
    try {
      await expect.poll(() => page.locator('[data-testid="finesse-down"]').innerText().catch(() => ''), { timeout: 15_000 }).toContain('Finesse unreachable.');
      expect(await page.locator('[data-testid="finesse-down"]').innerText()).toMatch(/not in service on any node.*nothing is queued/);
      await actionsButton(agentId).click();
      const menu = page.getByRole('menu');
      expect(await menu.innerText()).toContain('Finesse is unreachable: nothing is sent, and nothing will be sent later.');
      for (const label of ['Make ready', 'Make not ready', 'Sign out…']) expect(await menuItem(label).getAttribute('aria-disabled')).toBe('true');
      await page.keyboard.press('Escape');
      const forced = await client.invoke('finesse:set-state', { agentId, target: 'READY' });
      expect(forced).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/not in service on any node.*not sent, and will not be sent later/) } });
    } finally {
      lab.finesse.setOutOfService('a', false);
      lab.finesse.setFail503('b', false);
    }
    await expect.poll(() => page.locator('[data-testid="finesse-down"]').count(), { timeout: 15_000 }).toBe(0);
    await page.waitForTimeout(1_500);
    expect(lab.finesse.putCount).toBe(puts);
    expect(world().member(agentId)!.agentState).toBe('NOT_READY');
    const audit = await client.invoke<AuditEntry[]>('changes:audit', { system: 'finesse', limit: 1 });
    expect(audit.ok && audit.value[0]).toMatchObject({ objectId: agentId, result: 'failed', message: expect.stringContaining('will not be sent later') });
    client.close();
  });

  it('signs out 10 selected agents at the end of a shift, with progress, and audits each', async () => {
    const team = world().teamsSupervisedBy(supervisor())[2]!;
    const ten = agentsOf(2).slice(0, 10);
    for (const id of ten) await setAgent(id, 'READY');
    await page.getByPlaceholder('Filter by name').fill('');
    await teamFilter().selectOption(team.teamId);
    for (const id of ten) await (await reveal(id)).getByRole('checkbox', { name: `Select ${nameOf(id)}`, exact: true }).check();
    lab.finesse.latencyMs = 150;
    const values: number[] = [];
    try {
      await page.getByRole('button', { name: 'Sign out selected… (10)' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Sign out 10 agents?' });
      await dialog.waitFor();
      for (const id of ten) expect(await dialog.innerText()).toContain(nameOf(id));
      await saveScreenshot(page, 'finesse-bulk-confirm-light.png');
      await dialog.getByRole('button', { name: 'Sign out 10' }).click();
      const progress = page.getByRole('region', { name: 'Signing out the selected agents' });
      await progress.waitFor();
      const started = Date.now();
      while (Date.now() - started < 60_000) {
        values.push(Number(await progress.locator('progress').getAttribute('value')));
        if ((await progress.innerText()).includes('Done:')) break;
        await page.waitForTimeout(40);
      }
    } finally {
      lab.finesse.latencyMs = 0;
    }
    const progress = page.getByRole('region', { name: 'Signing out the selected agents' });
    expect(await progress.innerText()).toContain('Done: 10 signed out.');
    // Progress moved in steps the page showed, not in one jump.
    expect(values.some((v) => v > 0 && v < 10)).toBe(true);
    for (const id of ten) expect(world().member(id)!.agentState, id).toBe('LOGOUT');
    for (const id of ten) await expect.poll(async () => (await reveal(id)).locator('.status').innerText()).toContain('Signed out');
    const client = await ipc();
    const audit = await client.invoke<AuditEntry[]>('changes:audit', { system: 'finesse', limit: 10 });
    client.close();
    expect(audit.ok && audit.value.map((e) => [e.objectId, e.after.state, e.result, e.user]).sort()).toEqual(ten.map((id) => [id, 'LOGOUT', 'applied', supervisor()]).sort());
    await progress.getByRole('button', { name: 'Close' }).click();
    await teamFilter().selectOption('');
  });

  it('sends a team message, lists it with its time left, and deletes it', async () => {
    const opener = page.getByRole('button', { name: 'Team message…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Team message' });
    await dialog.waitFor();
    const message = dialog.locator('textarea');
    expect(await message.evaluate((el) => el.closest('label')?.querySelector('.field-label')?.textContent)).toBe('Message');
    expect(await dialog.innerText()).toContain('255 characters left');
    await message.fill('Queue is long: please finish wrap-up quickly');
    expect(await dialog.innerText()).toContain(`${255 - 'Queue is long: please finish wrap-up quickly'.length} characters left`);
    const teams = world().teamsSupervisedBy(supervisor());
    await dialog.getByRole('checkbox', { name: teams[0]!.teamName, exact: true }).check();
    await dialog.getByRole('checkbox', { name: teams[1]!.teamName, exact: true }).check();
    await dialog.getByLabel('Hours').selectOption('0');
    await dialog.getByLabel('Minutes').selectOption('30');
    await saveScreenshot(page, 'finesse-team-message-light.png');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => dialog.innerText()).toContain('Sent to 2 teams.');
    const listed = dialog.locator('.team-message-list li');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.innerText()).toMatch(new RegExp(`Queue is long: please finish wrap-up quickly[\\s\\S]*To ${teams[0]!.teamName}, ${teams[1]!.teamName} · (30:00|29:\\d\\d) left`));
    const stored = lab.finesse.messages();
    expect(stored).toEqual([expect.objectContaining({ content: 'Queue is long: please finish wrap-up quickly', durationSeconds: 1800, teamIds: [teams[0]!.teamId, teams[1]!.teamId], createdBy: supervisor() })]);
    await dialog.getByRole('button', { name: /^Delete the message/ }).click();
    await expect.poll(() => dialog.innerText()).toContain('No active team messages.');
    expect(lab.finesse.messages()).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await dialog.count()).toBe(0);
    expect(await focusedLabel()).toBe('Team message…');
  });

  it('says what is wrong when Finesse answers HTML, cut-off XML, no stateChangeTime or an unknown state; the board keeps working', async () => {
    const agentId = agentsOf(3)[0]!;
    const problem = () => page.locator('[data-testid="finesse-problem"]').innerText().catch(() => '');
    const reread = () => lab.reports.dropAllSockets();
    await page.getByPlaceholder('Filter by name').fill('');
    const client = await ipc();
    try {
      lab.finesse.badAnswers = 'malformed-xml';
      reread();
      await expect.poll(problem, { timeout: 15_000 }).toMatch(/could not be read: malformed XML.*keeps its own times/);

      lab.finesse.badAnswers = 'empty-state-change-time';
      reread();
      await expect.poll(problem, { timeout: 15_000 }).toMatch(/no time in state for \d+ members/);
      await expect.poll(() => page.locator('tr.member-row .time', { hasText: '≥' }).count()).toBeGreaterThan(0);

      lab.finesse.badAnswers = 'unknown-state';
      reread();
      await expect.poll(problem, { timeout: 15_000 }).toMatch(/state this console does not know for .*ON_A_BREAK_MAYBE.*shown as Unknown/);
      let odd: string | undefined;
      await expect
        .poll(async () => {
          const result = await client.invoke<BoardSnapshot>('board:snapshot');
          odd = result.ok ? result.value.members.find((m) => m.agentState?.state === 'UNKNOWN')?.memberId : undefined;
          return odd;
        })
        .toBeTruthy();
      await show(odd!);
      expect(await rowOf(odd!).locator('.status').innerText()).toContain('Unknown');
      await page.getByPlaceholder('Filter by name').fill('');

      lab.finesse.badAnswers = 'html';
      await expect.poll(() => page.locator('[data-testid="finesse-down"]').innerText().catch(() => ''), { timeout: 15_000 }).toContain('HTML page instead of XML');

      // The report stream still moves the board meanwhile.
      lab.reports.setMemberStatus(agentId, 'ACW');
      await show(agentId);
      await expect.poll(() => rowOf(agentId).locator('.status').innerText()).toContain('ACW');
    } finally {
      lab.finesse.badAnswers = 'none';
      client.close();
    }
    await expect.poll(() => page.locator('[data-testid="finesse-down"]').count(), { timeout: 15_000 }).toBe(0);
    reread();
    await expect.poll(() => page.locator('[data-testid="finesse-problem"]').count(), { timeout: 15_000 }).toBe(0);
    await page.getByPlaceholder('Filter by name').fill('');
    expect(pageErrors).toEqual([]);
  });

  it('an agent of a team the Finesse user does not supervise: Finesse\'s 401 shown in words', async () => {
    const other = lab.seed.teams.find((t) => t.primarySupervisor && t.primarySupervisor !== supervisor())!.primarySupervisor!;
    const notHis = world().teams().find((t) => !t.supervisors.has(other))!;
    const agentId = [...notHis.members].find((id) => world().member(id)!.memberType !== 'Supervisor' && world().member(id)!.agentState === 'READY')!;
    const otherDir = makeDataDir('sc-finesse-e2e-other-');
    const otherFile = path.join(otherDir, 'profile.json');
    writeProfile(otherFile, other);
    const otherHost = await start(otherFile, otherDir);
    const p = await openBoard(otherHost);
    try {
      await show(agentId, p);
      await actionsButton(agentId, p).click();
      await menuItem('Make not ready', p).click();
      await expect.poll(() => noteFor(agentId, p).innerText(), { timeout: 10_000 }).toBe(
        `Finesse refused the change for ${nameOf(agentId)}: Invalid Supervisor: ${other} is not a supervisor of a team of ${agentId}.`,
      );
      expect(world().member(agentId)!.agentState).toBe('READY');
    } finally {
      await p.close();
      await otherHost.stop();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('photographs the menu, the confirmation, a pending sign-out and the team message dialog in light and dark themes', async () => {
    const onCall = agentsOf(3)[1]!;
    const plain = agentsOf(3)[2]!;
    await setAgent(plain, 'NOT_READY', 'Break');
    await setAgent(onCall, 'READY');
    await control(`/agents/${onCall}/call`, { on: true });
    const client = await ipc();
    const pending = await client.invoke('finesse:set-state', { agentId: onCall, target: 'LOGOUT' });
    client.close();
    expect(pending).toMatchObject({ ok: true, value: { result: 'pending' } });
    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') await page.getByRole('button', { name: /Switch to dark/ }).click();
      await page.getByPlaceholder('Filter by name').fill('');
      await teamFilter().selectOption(world().teamsSupervisedBy(supervisor())[3]!.teamId);
      await expect.poll(async () => (await reveal(onCall)).locator('.reason').innerText()).toContain('Sign-out pending');
      await saveScreenshot(page, `finesse-board-pending-${theme}.png`);
      await (await reveal(plain)).getByRole('button', { name: `Actions for ${nameOf(plain)}`, exact: true }).click();
      await page.getByRole('menu').waitFor();
      await saveScreenshot(page, `finesse-menu-${theme}.png`);
      await menuItem('Sign out…').click();
      await page.getByRole('alertdialog').waitFor();
      await saveScreenshot(page, `finesse-confirm-${theme}.png`);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Team message…' }).click();
      await page.getByRole('dialog', { name: 'Team message' }).locator('textarea').fill('Team huddle at 15:30 in room B');
      await saveScreenshot(page, `finesse-team-message-${theme}.png`);
      await page.keyboard.press('Escape');
    }
    await page.getByRole('button', { name: /Switch to light/ }).click();
    await teamFilter().selectOption('');
    await control(`/agents/${onCall}/call`, { on: false });
  });
});

describe('exact time in state', () => {
  it('after a restart, every member\'s time in state is Finesse\'s stateChangeTime within 1 s, with no "≥", and sorting by time uses it', async () => {
    await page.close();
    expect(await host.stop()).toBe(0);
    host = await start(profileFile, dataDir);
    page = await openBoard();
    const client = await ipc();
    try {
      await expect
        .poll(
          async () => {
            const result = await client.invoke<BoardSnapshot>('board:snapshot');
            return result.ok ? result.value : null;
          },
          { timeout: 15_000 },
        )
        .toSatisfy((s: BoardSnapshot | null) => s !== null && s.connection.state === 'live' && s.members.length > 0 && s.members.every((m) => !m.sinceAtLeast));
      const final = await client.invoke<BoardSnapshot>('board:snapshot');
      const members = final.ok ? final.value.members : [];
      expect(members.length).toBe(new Set(world().teams().flatMap((t) => [...t.members])).size);
      for (const member of members) {
        const truth = world().member(member.memberId)!;
        expect(Math.abs(member.since - truth.stateChangeTime), `${member.memberId} (${truth.agentState})`).toBeLessThan(1_000);
        expect(member.sinceAtLeast).toBe(false);
      }
    } finally {
      client.close();
    }
    // On screen: no "≥", and each time shown is the lab's, to the second.
    await expect.poll(() => page.locator('tr.member-row .time', { hasText: '≥' }).count()).toBe(0);
    const shown = await page.locator('tr.member-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-member-id')!, r.querySelector('.time')!.textContent!.trim(), Date.now()] as const));
    expect(shown.length).toBeGreaterThan(10);
    for (const [id, text, at] of shown) {
      // "12:41", "1:02:05", after an amber or red icon.
      const clock = /(\d+:)?\d+:\d\d$/.exec(text)?.[0] ?? 'unreadable';
      const seconds = clock.split(':').map(Number).reduce((total, part) => total * 60 + part, 0);
      expect(Math.abs(seconds - (at - world().member(id)!.stateChangeTime) / 1000), `${id} shows ${text}`).toBeLessThanOrEqual(2);
    }
    // Sorted by time in state (longest first, within each team): the lab's oldest stateChangeTime first.
    await page.getByRole('button', { name: /^Time in state/ }).click();
    const team = world().teamsSupervisedBy(supervisor())[0]!;
    await teamFilter().selectOption(team.teamId);
    const order = await page.locator('tr.member-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-member-id')!));
    const expected = [...team.members].sort((a, b) => world().member(a)!.stateChangeTime - world().member(b)!.stateChangeTime);
    expect(order.slice(0, 12)).toEqual(expected.slice(0, 12));
    await teamFilter().selectOption('');
    await page.getByRole('button', { name: /^Name/ }).click();
    await saveScreenshot(page, 'finesse-board-exact-times-light.png');
  });
});

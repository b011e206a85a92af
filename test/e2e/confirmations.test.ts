import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { runAxe, describeFindings } from '../support/axe';
import { saveScreenshot } from '../support/screenshots';
import { createToneWav } from '../../lab/uccx/wav';
import type { CupiPage } from '../../shared/domain/cupi';
import type { CupiDetail } from '../../shared/ipc/areas/cupi';
import type { PendingChange } from '../../shared/domain/changes';
import { demoLab, labAuthorization, type DemoLab } from '../support/demo-lab';

/**
 * Confirmations where it matters and one lifecycle for every change, driven
 * in Chromium against the demo lab: each confirmation opens on the safe
 * choice, Esc cancels (and the lab shows nothing happened), confirming does
 * it (and the lab shows it), focus goes back to the control that opened it;
 * a saved change's toast follows it to "written ✓" and closes, or to
 * "failed" with the server's reason and stays; leaving unsaved edits asks.
 */

let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let lab: DemoLab;

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

async function control(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${lab.control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
}

const adminAuth = () => labAuthorization(lab.uccx);

async function adminapi(method: string, path: string, body?: string): Promise<Response> {
  return fetch(`${lab.uccx.nodes[0]}/adminapi/${path}`, {
    method,
    headers: { authorization: adminAuth(), accept: 'application/json', ...(body ? { 'content-type': 'application/xml' } : {}) },
    body,
  });
}

async function agentAlias(userID: string): Promise<string> {
  const response = await fetch(`${lab.uccx.nodes[0]}/adminapi/resource/${userID}`, { headers: { authorization: adminAuth(), accept: 'application/xml' } });
  return /<alias>([^<]*)<\/alias>/.exec(await response.text())?.[1] ?? '';
}

async function labWrites(path: string): Promise<number> {
  const response = await fetch(`${lab.control}/writes?path=${encodeURIComponent(path)}`);
  return ((await response.json()) as { writes: Array<{ status: number }> }).writes.filter((write) => write.status < 300).length;
}

/** Both themes, as the preference sets them, one screenshot each. */
async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await value('preferences:set', { theme });
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await saveScreenshot(page, `${name}-${theme}.png`);
  }
  await value('preferences:set', { theme: 'light' });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

/** axe on what this file adds: the confirmation (`[role=alertdialog]`) or the toast region (`.notices`). */
async function expectNoAxeFindings(page: Page, label: string, selector: string): Promise<void> {
  const report = await runAxe(page, selector);
  expect(report.findings, describeFindings(label, report)).toEqual([]);
}

/** The confirmation opened on the safe choice, and its words. */
async function expectOpenOnSafeChoice(dialog: Locator, cancelLabel: string): Promise<void> {
  await dialog.waitFor();
  await expect.poll(() => dialog.getByRole('button', { name: cancelLabel }).evaluate((el) => el === document.activeElement)).toBe(true);
}

async function openAgent(page: Page, userID: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search agents' }).fill(userID);
  await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: new RegExp(`\\(${userID}\\)`) }).click();
  await page.getByRole('textbox', { name: 'Alias' }).waitFor();
}

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  lab = await demoLab(ipc);
}, 60_000);

afterAll(async () => {
  ipc?.socket.close();
  await browser?.close();
  await host?.stop();
});

describe('confirmations', () => {
  it('Close now names the handlers, greeting, parameter and reopening time; Esc closes nothing; confirm closes', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    await page.getByRole('tab', { name: 'Close now' }).click();
    await page.getByLabel('Support Line').check();
    await page.getByLabel('Closed', { exact: true }).check();
    await page.getByLabel('Application').selectOption('Customer_Service');
    await page.getByLabel('Parameter').selectOption('emergencyClosed');
    await page.getByLabel('Value while closed').fill('true');
    await page.getByLabel('Reason (for the audit log)').fill('Fire drill');
    const opener = page.getByRole('button', { name: 'Close now' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: 'Close the centre now?' });
    await expectOpenOnSafeChoice(dialog, 'Keep open');
    const words = await dialog.innerText();
    expect(words).toContain('Support Line');
    expect(words).toContain('Closed greeting');
    expect(words).toMatch(/emergencyClosed\s+becomes\s+true/);
    expect(words).toMatch(/by itself at .*\d\d:\d\d/);
    await expectNoAxeFindings(page, 'Close now confirmation', '[role=alertdialog]');
    await shootBothThemes(page, 'confirm-close-now');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await value<unknown[]>('cupi:close-now-list')).toEqual([]);

    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Close now' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    const closure = page.getByTestId('closure').first();
    await expect.poll(() => closure.innerText(), { timeout: 20_000 }).toMatch(/Closed greeting on Support Line — ✓ done/);
    const handlers = await value<CupiPage>('cupi:search', { type: 'callhandler', column: 'DisplayName', operator: 'is', text: 'Support Line' });
    const detail = await value<CupiDetail>('cupi:get', { type: 'callhandler', objectId: handlers.items[0]!.ObjectId });
    expect(detail.greetings!.find((g) => g.GreetingType === 'Off Hours')!.Enabled).toBe('true');
    await closure.getByRole('button', { name: 'Reopen now' }).click();
    await expect.poll(() => closure.innerText(), { timeout: 20_000 }).toMatch(/reopened/);
    await page.close();
  });

  it('removing a list member names who leaves which list; Esc keeps them; confirm removes them', async () => {
    const lists = await value<CupiPage>('cupi:search', { type: 'distributionlist', pageSize: 1 });
    const list = lists.items[0]!;
    const users = await value<CupiPage>('cupi:search', { type: 'user', pageSize: 1 });
    const user = users.items[0]!;
    await value('cupi:member-add', { listId: list.ObjectId, listName: list.DisplayName, memberType: 'user', memberId: user.ObjectId, memberName: user.DisplayName ?? user.Alias });
    const memberIds = async () => ((await value<CupiDetail>('cupi:get', { type: 'distributionlist', objectId: list.ObjectId })).members ?? []).map((m) => m.MemberUserObjectId ?? m.MemberSubscriberObjectId);
    expect(await memberIds()).toContain(user.ObjectId);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    await page.getByRole('tab', { name: 'Distribution lists' }).click();
    await page.locator('.cupi-row', { hasText: list.DisplayName! }).first().click();
    const name = user.DisplayName ?? user.Alias!;
    const opener = page.getByRole('button', { name: `Remove ${name} from ${list.DisplayName}` });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: `Remove ${name} from ${list.DisplayName}?` });
    await expectOpenOnSafeChoice(dialog, 'Cancel');
    expect(await dialog.innerText()).toMatch(new RegExp(`${name}.*removed from the distribution list ${list.DisplayName}`));
    await expectNoAxeFindings(page, 'member removal confirmation', '[role=alertdialog]');
    await shootBothThemes(page, 'confirm-member-remove');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await memberIds()).toContain(user.ObjectId);

    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Remove member' }).click();
    await expect.poll(memberIds, { timeout: 10_000 }).not.toContain(user.ObjectId);
    await page.close();
  });

  it('replacing a prompt names the prompt and the file and says it cannot be undone; the toast names the prompt', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: /^Prompts/ }).click();
    const firstRow = page.getByRole('table', { name: 'Prompts' }).locator('tbody th').first();
    const prompt = (await firstRow.innerText()).split(/\s/)[0]!;
    // A replacement deletes the old file first, then uploads the new one in two steps.
    const path = `/adminapi/prompt/en_US/${prompt}`;
    const writesBefore = await labWrites(path);
    const input = page.getByLabel(`Replace ${prompt}`);
    const file = { name: 'storm-message.wav', mimeType: 'audio/wav', buffer: createToneWav(1500, 500) };
    await input.focus();
    await input.setInputFiles(file);
    const dialog = page.getByRole('alertdialog', { name: `Replace prompt /en_US/${prompt}?` });
    await expectOpenOnSafeChoice(dialog, 'Cancel');
    const words = await dialog.innerText();
    expect(words).toContain('storm-message.wav');
    expect(words).toContain('cannot be undone');
    await expectNoAxeFindings(page, 'prompt replace confirmation', '[role=alertdialog]');
    await shootBothThemes(page, 'confirm-prompt-replace');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await input.evaluate((el) => el === document.activeElement)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await labWrites(path)).toBe(writesBefore);

    await input.setInputFiles(file);
    await dialog.getByRole('button', { name: `Replace ${prompt}` }).click();
    await expect.poll(() => labWrites(path), { timeout: 15_000 }).toBe(writesBefore + 1);
    const toast = page.locator('.notice', { hasText: `Prompt /en_US/${prompt} (replaced by storm-message.wav)` });
    await expect.poll(() => toast.innerText(), { timeout: 10_000 }).toMatch(/written ✓/);
    await page.close();
  });

  it('discarding a queued change says which change is dropped; Esc keeps it; confirm drops it and nothing is written', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await openAgent(page, 'mobrien4');
    const aliasBefore = await agentAlias('mobrien4');
    await control('/uccx/master', { which: 'none' });
    try {
      await page.getByRole('textbox', { name: 'Alias' }).fill('Never Written');
      const save = page.getByRole('button', { name: 'Save (will be written when UCCX accepts writes)' });
      await save.waitFor({ timeout: 15_000 });
      await save.click();
      const toast = page.locator('.notice', { hasText: 'mobrien4' });
      await expect.poll(() => toast.innerText()).toMatch(/queued; written when UCCX accepts writes again/);

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
      const row = page.locator('tr.change-row', { hasText: 'mobrien4' });
      const opener = row.getByRole('button', { name: /^Discard the change to/ });
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: /^Discard the change to Agent .*mobrien4/ });
      await expectOpenOnSafeChoice(dialog, 'Keep change');
      expect(await dialog.innerText()).toMatch(/Never Written.*will not be written to UCCX/s);
      await expectNoAxeFindings(page, 'discard confirmation', '[role=alertdialog]');
      await shootBothThemes(page, 'confirm-discard');

      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await value<PendingChange[]>('changes:list')).toHaveLength(1);

      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: 'Discard change' }).click();
      await expect.poll(async () => (await value<PendingChange[]>('changes:list')).length).toBe(0);
      await page.getByText('No changes waiting to be written.').waitFor();
      expect(await page.locator('.pending-screen').innerText()).not.toMatch(/has been written/);
    } finally {
      await control('/uccx/master', { which: 'a' });
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await agentAlias('mobrien4')).toBe(aliasBefore);
    await page.close();
  });
});

describe('change lifecycle', () => {
  it('a saved edit shows at once, and its one toast goes queued → written ✓ in place and closes by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await expect.poll(async () => (await value<{ writable: boolean }>('uccx:state')).writable, { timeout: 15_000 }).toBe(true);
    await openAgent(page, 'lmller5');
    const alias = page.getByRole('textbox', { name: 'Alias' });
    await alias.fill('Lifecycle Alias');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const toast = page.locator('.notice', { hasText: 'lmller5' });
    await toast.waitFor();
    const toastHandle = await toast.elementHandle();
    const seen = new Set<string>();
    const shown = new Set<string>();
    // Until the toast says written, the form never shows the old alias.
    for (let i = 0; i < 60 && !seen.has('written'); i++) {
      const text = await toast.innerText().catch(() => '');
      if (/queued|writing/.test(text)) seen.add('in flight');
      if (/written ✓/.test(text)) seen.add('written');
      shown.add(await page.getByRole('textbox', { name: 'Alias' }).inputValue());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([...shown]).toEqual(['Lifecycle Alias']);
    expect(seen.has('written')).toBe(true);
    expect(await agentAlias('lmller5')).toBe('Lifecycle Alias');
    // The same element, updated in place: one toast per submission.
    expect(await toastHandle!.evaluate((el) => el.isConnected)).toBe(true);
    expect(await page.locator('.notice', { hasText: 'lmller5' }).count()).toBe(1);
    expect(await page.getByRole('status', { name: 'Notifications' }).getAttribute('aria-live')).toBe('polite');
    await expectNoAxeFindings(page, 'written toast', '.notices');
    await shootBothThemes(page, 'toast-written');
    await toast.waitFor({ state: 'detached', timeout: 10_000 });
    await page.close();
  });

  it('in flight, the toast says queued then writing; the form marker uses the same words', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await openAgent(page, 'hmurphy7');
    await control('/nodes/ccx-a/latency', { ms: 2500 });
    try {
      await page.getByRole('textbox', { name: 'Alias' }).fill('Slow Alias');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const toast = page.locator('.notice', { hasText: 'hmurphy7' });
      await expect.poll(() => toast.innerText(), { timeout: 10_000 }).toMatch(/writing…/);
      await expect.poll(() => page.getByRole('form', { name: /hmurphy7/ }).locator('.pending-marker').innerText()).toMatch(/Writing/);
      await expectNoAxeFindings(page, 'writing toast', '.notices');
      await shootBothThemes(page, 'toast-writing');
      await expect.poll(() => toast.innerText(), { timeout: 20_000 }).toMatch(/written ✓/);
    } finally {
      await control('/nodes/ccx-a/latency', { ms: 0 });
    }
    await page.close();
  });

  it('a change UCCX refuses ends in "failed" with the server’s reason; the toast stays and the form shows the server’s values', async () => {
    // A team the console sees, then removed behind its back: moving an agent into it is refused by UCCX.
    expect((await adminapi('POST', 'team', '<team><teamname>Doomed Team</teamname></team>')).status).toBeLessThan(300);
    const teams = JSON.stringify(await (await adminapi('GET', 'team')).json());
    const teamId = /"teamId":"?(\d+)"?,"teamname":"Doomed Team"/.exec(teams)?.[1] ?? /"teamname":"Doomed Team"[^}]*"teamId":"?(\d+)/.exec(teams)?.[1];
    expect(teamId, teams.slice(0, 300)).toBeTruthy();

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await openAgent(page, 'mokafor6');
    const teamBefore = await page.getByRole('combobox', { name: 'Team', exact: true }).inputValue();
    await page.getByRole('combobox', { name: 'Team', exact: true }).selectOption({ label: 'Doomed Team' });
    expect((await adminapi('DELETE', `team/${teamId}`)).status).toBeLessThan(300);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const toast = page.locator('.notice', { hasText: 'mokafor6' });
    await expect.poll(() => toast.innerText(), { timeout: 15_000 }).toMatch(/failed\. The server said: .*does not exist/);
    expect(await toast.getAttribute('data-level')).toBe('error');
    // The form shows what UCCX holds, and says why the change did not land.
    await expect.poll(() => page.getByRole('combobox', { name: 'Team', exact: true }).inputValue()).toBe(teamBefore);
    expect(await page.getByRole('form', { name: /mokafor6/ }).locator('.pending-marker').innerText()).toMatch(/Failed: .*does not exist/);
    await expectNoAxeFindings(page, 'failed toast', '.notices');
    await shootBothThemes(page, 'toast-failed');
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(await toast.count()).toBe(1);
    // Dismissed from the keyboard.
    await toast.getByRole('button', { name: 'Dismiss notification' }).focus();
    await page.keyboard.press('Enter');
    await toast.waitFor({ state: 'detached' });
    // The same words on Pending changes.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
    await expect.poll(() => page.locator('tr.change-row', { hasText: 'mokafor6' }).innerText()).toMatch(/Failed[\s\S]*does not exist/);
    const failed = (await value<PendingChange[]>('changes:list')).find((c) => c.ref.id === 'mokafor6')!;
    await value('changes:discard', { id: failed.id });
    await page.close();
  });

  it('switching agents with unsaved edits asks; Keep editing keeps them, Discard drops them', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await openAgent(page, 'lmller5');
    const original = await page.getByRole('textbox', { name: 'Alias' }).inputValue();
    await page.getByRole('textbox', { name: 'Alias' }).fill('Unsaved Alias');
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('mobrien4');
    const other = page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /\(mobrien4\)/ });
    await other.click();
    const dialog = page.getByRole('alertdialog', { name: /^Discard unsaved changes to / });
    await expectOpenOnSafeChoice(dialog, 'Keep editing');
    expect(await dialog.innerText()).toMatch(/Discard unsaved changes to .*\(lmller5\)\?/);
    await expectNoAxeFindings(page, 'unsaved changes question', '[role=alertdialog]');
    await shootBothThemes(page, 'confirm-unsaved');

    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('textbox', { name: 'Alias' }).inputValue()).toBe('Unsaved Alias');
    expect(await page.getByRole('form', { name: /lmller5/ }).count()).toBe(1);

    // Another screen asks too.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Configuration');

    await other.click();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('form', { name: /mobrien4/ }).waitFor();
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('lmller5');
    await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /\(lmller5\)/ }).click();
    expect(await page.getByRole('textbox', { name: 'Alias' }).inputValue()).toBe(original);
    expect(await agentAlias('lmller5')).toBe(original);
    await page.close();
  });
});

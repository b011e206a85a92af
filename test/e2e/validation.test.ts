import { plainText } from '../../shared/domain/glossary';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHostOnLab, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { runAxe, describeFindings } from '../support/axe';
import { startLab, type Lab } from '../../lab';
import type { IpcError, Result } from '../../shared/ipc/result';
import type { AuditEntry, PendingChange } from '../../shared/domain/changes';
import type { UccxConfig } from '../../shared/domain/uccx';
import { shootBothThemes } from '../support/themes';
import { stopAll } from '../support/teardown';

/**
 * Values the console must refuse, on both sides: the editor shows the problem
 * at its field and keeps Save disabled with the reason in words, and main,
 * sent the same value straight over the IPC socket, answers a typed
 * invalid_value error naming the field, queues nothing and sends nothing to
 * the lab. Then the audit log of a change that is written: who, as which
 * account, one line with its outcome, names instead of ids.
 */
const OPERATOR = 'Jane Supervisor';

let lab: Lab;
let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let config: UccxConfig;

/** Writes the lab's UCCX nodes have taken (any method but GET). */
const labWrites = () => lab.uccx.nodes.reduce((sum, node) => sum + node.writes.filter((write) => write.method !== 'GET').length, 0);

async function invoke<T>(channel: string, payload?: unknown): Promise<Result<T>> {
  return ipc.invoke<T>(channel, payload);
}

async function value<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await invoke<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

async function pendingCount(): Promise<number> {
  return (await value<PendingChange[]>('changes:list')).length;
}

/** The refusal main answered: a typed error whose fields name `field`. */
function expectRefused(result: Result<unknown>, field: string): IpcError {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  const error = (result as { ok: false; error: IpcError }).error;
  expect(error.code).toBe('invalid_value');
  expect(error.fields?.map((problem) => problem.field)).toContain(field);
  return error;
}

/** The problem shown at a control: it is marked invalid and its description is visible text. */
async function fieldProblem(page: Page, control: ReturnType<Page['getByLabel']>): Promise<string> {
  await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
  const ids = (await control.getAttribute('aria-describedby'))!.split(' ');
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

/** The same view in both themes (the theme button keeps what the form holds), back to light after. */
const shoot = (page: Page, name: string) => shootBothThemes(page, `validation-${name}`);

async function openConfig(page: Page, tab: string, listLabel: string, item: string): Promise<void> {
  await page.goto(`${host.url}#/config`);
  await page.getByRole('tab', { name: tab }).click();
  await page.getByRole('listbox', { name: listLabel }).getByRole('option', { name: item }).first().click();
}

beforeAll(async () => {
  lab = await startLab({ agents: 20, teams: 2, rate: 0 });
  lab.uccx.setDbMaster('a');
  const dataDir = makeDataDir('sc-e2e-validation-');
  host = await startHostOnLab(lab, { name: 'Head office', dataDir, profileFile: path.join(dataDir, 'site.json'), vaultPassphrase: 'validation passphrase 1', operatorName: OPERATOR });
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  config = await value<UccxConfig>('uccx:config');
}, 60_000);

afterAll(() => stopAll({ ipc, browser, host, lab }));

describe('values the console refuses, on screen and in main', () => {
  it('an Integer script parameter set to "abc"', async () => {
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await openConfig(page, 'Applications', 'applications', 'Customer_Service');
    const input = page.getByLabel('Value of maxQueueTime');
    await input.fill('abc');
    expect(await fieldProblem(page, input)).toMatch(/whole number.*Integer/);
    const queue = page.getByRole('button', { name: /^Save/ });
    expect(await queue.isDisabled()).toBe(true);
    expect(await page.getByRole('region', { name: 'Review changes' }).innerText()).toMatch(/Cannot save yet: Parameter maxQueueTime: Must be a whole number/);
    const axe = await runAxe(page, 'form');
    expect(axe.findings, describeFindings('application form with a field error', axe)).toEqual([]);
    await shoot(page, 'script-parameter');

    const [pendingBefore, writesBefore] = [await pendingCount(), labWrites()];
    const result = await invoke('uccx:submit', {
      edits: [{ type: 'application', id: 'Customer_Service', operation: 'update', label: 'Application Customer_Service', base: { 'param/maxQueueTime': '600' }, mine: { 'param/maxQueueTime': 'abc' } }],
    });
    expect(expectRefused(result, 'param/maxQueueTime').message).toMatch(/whole number/);
    expect(await pendingCount()).toBe(pendingBefore);
    expect(labWrites()).toBe(writesBefore);
    await page.close();
  });

  it('a CSQ service level of −5 seconds', async () => {
    const csq = config.csqs[0]!;
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await openConfig(page, 'CSQs', 'CSQs', csq.name);
    const input = page.getByLabel('Service level (seconds)');
    await input.fill('-5');
    expect(await fieldProblem(page, input)).toMatch(/from 0 to 3600 seconds/);
    expect(await page.getByRole('button', { name: /^Save/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('region', { name: 'Review changes' }).innerText()).toMatch(/Cannot save yet: Service level \(s\)/);
    await shoot(page, 'csq-service-level');

    const [pendingBefore, writesBefore] = [await pendingCount(), labWrites()];
    const result = await invoke('uccx:submit', { edits: [{ type: 'csq', id: csq.id, operation: 'update', label: `CSQ ${csq.name}`, base: { serviceLevel: csq.serviceLevel }, mine: { serviceLevel: -5 } }] });
    expectRefused(result, 'serviceLevel');
    expect(await pendingCount()).toBe(pendingBefore);
    expect(labWrites()).toBe(writesBefore);
    await page.close();
  });

  it('a calendar day that opens at 19:00 and closes at 18:00', async () => {
    const calendar = config.calendars.find((c) => c.workingDays.length > 0)!;
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
    await openConfig(page, 'Calendars', 'calendars', calendar.name);
    // The day in words, as the form labels it ("MONDAY" → "Monday").
    const day = plainText('day', calendar.workingDays[0]!.day);
    await page.getByLabel(`${day} opens`).first().fill('19:00');
    const closes = page.getByLabel(`${day} closes`).first();
    await closes.fill('18:00');
    expect(await fieldProblem(page, closes)).toMatch(/Closes at 18:00, which is not after it opens \(19:00\)/);
    expect(await page.getByRole('button', { name: /^Save/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('region', { name: 'Review changes' }).innerText()).toMatch(/Cannot save yet: Working days, row 1/);
    await shoot(page, 'calendar-hours');

    const [pendingBefore, writesBefore] = [await pendingCount(), labWrites()];
    const workingDays = calendar.workingDays.map((d, index) => (index === 0 ? { ...d, startTime: '19:00', endTime: '18:00' } : d));
    const result = await invoke('uccx:submit', {
      edits: [{ type: 'calendar', id: calendar.id, operation: 'update', label: `Calendar ${calendar.name}`, base: { workingDays: calendar.workingDays.map((d) => ({ ...d })) }, mine: { workingDays } }],
    });
    expectRefused(result, 'workingDays.0.endTime');
    expect(await pendingCount()).toBe(pendingBefore);
    expect(labWrites()).toBe(writesBefore);
    await page.close();
  });

  it('a board threshold of amber 50 minutes with red at 5', async () => {
    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
    await page.goto(`${host.url}#/board`);
    await page.getByRole('button', { name: 'Thresholds…' }).click();
    await page.getByLabel('Amber minutes of rule 1').fill('50');
    const red = page.getByLabel('Red minutes of rule 1');
    await red.fill('5');
    expect(await fieldProblem(page, red)).toMatch(/Red \(5 min\) must come after amber \(50 min\)/);
    const save = page.getByRole('button', { name: 'Save thresholds' });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.getByRole('region', { name: 'Thresholds' }).innerText()).toMatch(/Cannot save yet: Rule 1, red minutes/);
    await page.getByRole('region', { name: 'Thresholds' }).scrollIntoViewIfNeeded();
    await shoot(page, 'board-threshold');

    const before = await value<{ sections: Record<string, unknown> }>('preferences:get');
    const result = await invoke('preferences:set', { sections: { board: { thresholds: [{ status: 'not_ready', reason: '', amberMinutes: 50, redMinutes: 5 }] } } });
    expectRefused(result, 'sections.board.thresholds.0.redMinutes');
    expect((await value<{ sections: Record<string, unknown> }>('preferences:get')).sections.board).toEqual(before.sections.board);

    // Fixed in words the editor suggests, it saves.
    await red.fill('60');
    await expect.poll(() => save.isEnabled()).toBe(true);
    await save.click();
    await expect.poll(async () => JSON.stringify((await value<{ sections: { board?: unknown } }>('preferences:get')).sections.board ?? null), { timeout: 5000 }).toContain('"amberMinutes":50,"redMinutes":60');
    await page.close();
  });

  it('a call ID "abc"', async () => {
    const requested: Array<string | undefined> = [];
    const listener = (callId: string | undefined) => requested.push(callId);
    lab.reports.on('calljourney', listener);
    try {
      const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 800 } });
      await page.goto(`${host.url}#/journey`);
      const input = page.getByLabel('Call ID');
      await input.fill('abc');
      expect(await fieldProblem(page, input)).toMatch(/digits only/);
      expect(await page.getByRole('button', { name: 'Look up' }).isDisabled()).toBe(true);
      await input.press('Enter');
      await shoot(page, 'call-id');

      const result = await invoke('board:journey', { callId: 'abc' });
      expectRefused(result, 'callId');
      // A real id still goes through.
      const known = lab.reports.callIds()[0];
      if (known) expect((await invoke('board:journey', { callId: known })).ok).toBe(true);
      expect(requested).not.toContain('abc');
      await page.close();
    } finally {
      lab.reports.off('calljourney', listener);
    }
  });
});

describe('the audit log', () => {
  it('names the person at the console, the operator and the server account, with one line per change by name', async () => {
    const agent = config.agents.find((a) => a.team !== null)!;
    const otherTeam = config.teams.find((team) => team.id !== agent.team!.id)!;
    const [change] = await value<PendingChange[]>('uccx:submit', {
      edits: [{ type: 'resource', id: agent.userID, operation: 'update', label: `Agent ${agent.userID}`, base: { team: agent.team!.id }, mine: { team: otherTeam.id } }],
    });
    await expect.poll(async () => (await value<AuditEntry[]>('changes:audit', { text: agent.userID })).map((entry) => entry.result), { timeout: 15_000 }).toEqual(['applied']);

    const page = await browser.newPage({ bypassCSP: true, viewport: { width: 1400, height: 800 } });
    await page.goto(`${host.url}#/pending`);
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('searchbox', { name: 'Search the audit log' }).fill(agent.userID);
    const rows = page.getByTestId('audit-entry');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(1);
    const text = await rows.first().innerText();
    expect(text).toContain(`${OPERATOR} (${os.userInfo().username})`);
    expect(text).toContain(`as ${lab.endpoints.uccx.username}`);
    expect(text).toContain(`Team: ${agent.team!.name} → ${otherTeam.name}`);
    expect(text).toContain('Written');
    // Names, not ids; no raw ISO times.
    expect(text).not.toMatch(new RegExp(`Team: ${agent.team!.id} →`));
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(change!.id).toBeTruthy();
    const axe = await runAxe(page, '.audit-table');
    expect(axe.findings, describeFindings('audit table', axe)).toEqual([]);
    await shoot(page, 'audit-log');
    await page.close();
  });
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHostOnLab, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { runAxe, describeFindings } from '../support/axe';
import { waitUntil } from '../support/wait';
import { startLab, type Lab } from '../../lab';
import type { IpcError, Result } from '../../shared/ipc/result';
import type { PendingChange } from '../../shared/domain/changes';
import { shootBothThemes } from '../support/themes';
import { stopAll } from '../support/teardown';

/**
 * Creating and deleting CSQs, teams and calendars from Configuration → UCCX,
 * in Chromium against the lab: a new CSQ with a field problem, its review,
 * then written (checked with a plain adminapi read); a team created to serve
 * it; the CSQ's delete refused in words naming that team, on screen and by
 * main over raw IPC, nothing queued and the lab unchanged; the team deleted,
 * then the CSQ; a calendar created and deleted.
 */
const CSQ = 'Overflow_CSQ_9';
const TEAM = 'Overflow Crew 9';
const CALENDAR = 'Winter Hours 9';

let lab: Lab;
let host: RunningHost;
let browser: Browser;
let page: Page;
let ipc: RawIpcClient;

/** A plain adminapi read of one list from the lab's master node, as any client would make it. */
async function adminList(entity: 'csq' | 'team' | 'calendar'): Promise<Array<Record<string, unknown>>> {
  const { nodes, username, password } = lab.endpoints.uccx;
  const response = await fetch(`${nodes[0]}/adminapi/${entity}`, { headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  const items = body[entity];
  return items === undefined ? [] : Array.isArray(items) ? items : [items as Record<string, unknown>];
}
const named = async (entity: 'csq' | 'team' | 'calendar', name: string) => (await adminList(entity)).find((item) => (item.name ?? item.teamname) === name);

const labWrites = () => lab.uccx.nodes.reduce((sum, node) => sum + node.writes.filter((write) => write.method !== 'GET').length, 0);

async function waiting(): Promise<number> {
  const result = await ipc.invoke<PendingChange[]>('changes:list');
  if (!result.ok) throw new Error(result.error.message);
  return result.value.filter((change) => change.state !== 'applied').length;
}

/** The same view in both themes, back to light after. */
const shoot = (name: string) => shootBothThemes(page, `uccx-create-delete-${name}`);

async function openTab(tab: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

async function openItem(list: string, name: string): Promise<void> {
  const option = page.getByRole('listbox', { name: list }).getByRole('option', { name: new RegExp(`^${name}`) });
  await option.waitFor({ timeout: 10_000 });
  await option.click();
}

beforeAll(async () => {
  lab = await startLab({ agents: 20, teams: 2, rate: 0 });
  lab.uccx.setDbMaster('a');
  const dataDir = makeDataDir('sc-e2e-create-delete-');
  host = await startHostOnLab(lab, { name: 'Head office', dataDir, profileFile: path.join(dataDir, 'site.json'), vaultPassphrase: 'create delete passphrase 1' });
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  page = await browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 1000 } });
  await page.goto(`${host.url}#/config`);
}, 60_000);

afterAll(() => stopAll({ ipc, browser, host, lab }));

describe('creating and deleting UCCX objects', () => {
  it('creates a CSQ: the problem at its field, the review, then the CSQ on UCCX with its values and id', async () => {
    await openTab('CSQs');
    await page.getByRole('button', { name: 'New CSQ…' }).click();
    const form = page.getByRole('form', { name: 'New CSQ' });
    const name = form.getByRole('textbox', { name: /^Name/ });
    await name.fill(` ${CSQ}`);
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await form.innerText()).toMatch(/UCCX does not accept a space at the start or end of a name/);
    const save = page.getByRole('button', { name: /^Save/ });
    expect(await save.isDisabled()).toBe(true);
    expect(await page.getByRole('region', { name: 'Review changes' }).innerText()).toMatch(/Cannot save yet: Name: UCCX does not accept a space/);
    const axe = await runAxe(page, 'form');
    expect(axe.findings, describeFindings('new CSQ form with a field error', axe)).toEqual([]);
    await shoot('new-csq-invalid');

    await name.fill(CSQ);
    await form.getByLabel('Service level (seconds)').fill('25');
    await form.getByLabel('Service level %').fill('85');
    await form.getByLabel('Wrap-up time (seconds, 0 = off)').fill('45');
    await form.getByLabel('Resource selection criteria').selectOption('Most Skilled');
    // No skill yet: a skill-based CSQ needs one.
    expect(await page.getByRole('region', { name: 'Review changes' }).innerText()).toMatch(/Add at least one skill/);
    await form.getByLabel('Skill to add').selectOption({ index: 1 });
    const skillName = (await form.getByLabel('Skill to add').locator('option').nth(1).innerText()).trim();
    await form.getByRole('button', { name: 'Add skill' }).click();
    await form.getByLabel(/^Minimum competence for/).selectOption('3');
    await expect.poll(() => save.isEnabled()).toBe(true);
    const review = await page.getByRole('region', { name: 'Review changes' }).innerText();
    expect(review).toMatch(new RegExp(`New CSQ ${CSQ}: review before saving`));
    expect(review).toMatch(/Service level \(s\)\s+\(none\)\s+→ 25/);
    expect(review).toMatch(/Agents chosen by\s+\(none\)\s+→ Skills/);
    await page.getByRole('region', { name: 'Review changes' }).scrollIntoViewIfNeeded();
    await shoot('new-csq-review');
    await save.click();

    // Listed at once, marked with its progress, until UCCX has it; then its form, with the id UCCX gave it.
    await page.getByRole('listbox', { name: 'CSQs' }).getByRole('option', { name: new RegExp(`^${CSQ}`) }).waitFor();
    await waitUntil('the CSQ on UCCX', async () => (await named('csq', CSQ)) !== undefined, 10_000);
    const written = (await named('csq', CSQ))!;
    expect(written).toMatchObject({ name: CSQ, queueType: 'VOICE', queueAlgorithm: 'FIFO', resourcePoolType: 'SKILL_GROUP', serviceLevel: 25, serviceLevelPercentage: 85, wrapupTime: 45, autoWork: false });
    expect(written.poolSpecificInfo).toMatchObject({ skillGroup: { selectionCriteria: 'Most Skilled', skillCompetency: [{ competencelevel: 3, skillNameUriPair: { '@name': skillName } }] } });
    await page.getByText(`UCCX id ${String(written.id)}`).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('form', { name: `Edit CSQ ${CSQ}` }).isVisible()).toBe(true);
  });

  it('creates a team serving the CSQ, then refuses deleting the CSQ while the team serves it (on screen and in main)', async () => {
    await openTab('Teams');
    await page.getByRole('button', { name: 'New team…' }).click();
    const form = page.getByRole('form', { name: 'New team' });
    await form.getByRole('textbox', { name: /^Name/ }).fill(TEAM);
    await form.getByLabel('Primary supervisor').selectOption({ index: 1 });
    await form.getByLabel(CSQ).check();
    await shoot('new-team');
    await page.getByRole('button', { name: /^Save/ }).click();
    await waitUntil('the team on UCCX', async () => (await named('team', TEAM)) !== undefined, 10_000);
    expect((await named('team', TEAM))!.csqs).toMatchObject({ csq: [{ '@name': CSQ }] });
    await page.getByRole('form', { name: `Edit team ${TEAM}` }).waitFor({ timeout: 10_000 });

    await openTab('CSQs');
    await openItem('CSQs', CSQ);
    const [pendingBefore, writesBefore] = [await waiting(), labWrites()];
    await page.getByRole('button', { name: 'Delete…' }).click();
    const refusal = page.getByRole('alertdialog', { name: `CSQ ${CSQ} cannot be deleted` });
    expect(await refusal.getByRole('alert').innerText()).toMatch(new RegExp(`team ${TEAM} serves it; remove it from that team first`));
    expect(await refusal.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    const axe = await runAxe(page, '.confirm-panel');
    expect(axe.findings, describeFindings('refused delete', axe)).toEqual([]);
    await shoot('csq-delete-refused');
    await refusal.getByRole('button', { name: 'Close' }).click();

    // Sent straight over the IPC socket, main reads UCCX again and refuses with a typed error naming the team.
    const csqId = String((await named('csq', CSQ))!.id);
    const result = (await ipc.invoke('uccx:submit', { edits: [{ type: 'csq', id: csqId, operation: 'delete', label: `CSQ ${CSQ}`, base: { name: CSQ }, mine: {} }] })) as Result<unknown>;
    expect(result.ok).toBe(false);
    const error = (result as { ok: false; error: IpcError }).error;
    expect(error.code).toBe('in_use');
    expect(error.message).toContain(`team ${TEAM} serves it`);
    expect(await waiting()).toBe(pendingBefore);
    expect(labWrites()).toBe(writesBefore);
    expect(await named('csq', CSQ)).toBeDefined();
  });

  it('deletes the team, then the CSQ it served, each confirmed in words', async () => {
    await openTab('Teams');
    await openItem('teams', TEAM);
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirmTeam = page.getByRole('alertdialog', { name: `Delete Team ${TEAM}?` });
    expect(await confirmTeam.innerText()).toMatch(/cannot be undone/);
    await confirmTeam.getByRole('button', { name: `Delete Team ${TEAM}` }).click();
    await waitUntil('the team gone from UCCX', async () => (await named('team', TEAM)) === undefined, 10_000);
    await page.getByRole('listbox', { name: 'teams' }).getByRole('option', { name: new RegExp(`^${TEAM}`) }).waitFor({ state: 'detached', timeout: 10_000 });

    await openTab('CSQs');
    await openItem('CSQs', CSQ);
    await page.getByRole('button', { name: 'Delete…' }).click();
    const confirmCsq = page.getByRole('alertdialog', { name: `Delete CSQ ${CSQ}?` });
    expect(await confirmCsq.innerText()).toMatch(/Callers routed to .* will no longer queue/);
    await confirmCsq.getByRole('button', { name: `Delete CSQ ${CSQ}` }).click();
    await waitUntil('the CSQ gone from UCCX', async () => (await named('csq', CSQ)) === undefined, 10_000);
    await page.getByRole('listbox', { name: 'CSQs' }).getByRole('option', { name: new RegExp(`^${CSQ}`) }).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('creates and deletes a calendar', async () => {
    await openTab('Calendars');
    await page.getByRole('button', { name: 'New calendar…' }).click();
    const form = page.getByRole('form', { name: 'New calendar' });
    await form.getByRole('textbox', { name: /^Name/ }).fill(CALENDAR);
    await form.getByLabel('Time zone').fill('Europe/Paris');
    await shoot('new-calendar');
    await page.getByRole('button', { name: /^Save/ }).click();
    await waitUntil('the calendar on UCCX', async () => (await named('calendar', CALENDAR)) !== undefined, 10_000);
    expect(await named('calendar', CALENDAR)).toMatchObject({ timeZone: 'Europe/Paris', calendarType: 'PARTTIME', workingDays: { workingDay: expect.arrayContaining([{ day: 'MONDAY', startTime: '08:00', endTime: '17:00' }]) } });
    await page.getByRole('form', { name: `Edit calendar ${CALENDAR}` }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('alertdialog', { name: `Delete Calendar ${CALENDAR}?` }).getByRole('button', { name: `Delete Calendar ${CALENDAR}` }).click();
    await waitUntil('the calendar gone from UCCX', async () => (await named('calendar', CALENDAR)) === undefined, 10_000);
  });
});

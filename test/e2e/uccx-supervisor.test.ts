import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, VAULT_PASSPHRASE_ENV, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import { describeFindings, runAxe } from '../support/axe';
import { startLab, type Lab } from '../../lab';
import { teamsSupervisedBy } from '../../lab/seed';
import type { PendingChange } from '../../shared/domain/changes';
import { calendarFields, type UccxConfig } from '../../shared/domain/uccx';
import { switchTheme, type Theme } from '../support/themes';
import { stopAll } from '../support/teardown';

// A console whose profile signs in to UCCX as a supervisor (sup02), not the
// administrator: it shows only that supervisor's agents, marks what the
// account may not change read-only with the reason, hides what it may not
// read, and a write UCCX refuses ends "not permitted", never retried.

let lab: Lab;
let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let page: Page;

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

/** The theme preference, switched the way a user does (the frame's theme button). */
const setTheme = (theme: Theme) => switchTheme(page, theme);

beforeAll(async () => {
  lab = await startLab({ agents: 120, teams: 6, cucUsers: 0, rate: 0 });
  const dataDir = makeDataDir('sc-uccx-supervisor-');
  const profileFile = path.join(dataDir, 'profile.json');
  const account = lab.endpoints.uccxSupervisor;
  fs.writeFileSync(
    profileFile,
    JSON.stringify({
      name: 'Supervisor desk',
      // The lab speaks plain HTTP on loopback.
      allowPlaintextCredentials: true,
      uccx: { nodes: account.nodes, username: account.username, password: '${E2E_UCCX_PASSWORD}' },
    }),
  );
  host = await startHost(['--profile', profileFile, '--vault-passphrase-env', VAULT_PASSPHRASE_ENV], {
    dataDir,
    env: { [VAULT_PASSPHRASE_ENV]: 'supervisor-desk-vault', E2E_UCCX_PASSWORD: account.password },
  });
  ipc = await RawIpcClient.connect(host.origin, host.token);
  browser = await launchChromium();
  // bypassCSP: axe is injected as an inline script, which the console's own policy refuses.
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await page.goto(`${host.url}#/config`);
  await page.getByRole('listbox', { name: 'Agents' }).waitFor({ timeout: 20_000 });
}, 60_000);

afterAll(() => stopAll({ ipc, browser, host, lab }));

describe('UCCX signed in as a supervisor', () => {
  it("shows only the agents of the supervisor's teams, and says so", async () => {
    const teams = new Set(teamsSupervisedBy(lab.seed, 'sup02').map((team) => team.teamId));
    const expected = lab.seed.agents.filter((agent) => teams.has(agent.teamId)).map((agent) => agent.userID).sort();
    expect(expected.length).toBeLessThan(lab.seed.agents.length);
    const config = await value<UccxConfig>('uccx:config');
    expect(config.agents.map((agent) => agent.userID).sort()).toEqual(expected);
    await expect.poll(() => page.getByText(/\d+ of \d+ agents/).innerText()).toMatch(new RegExp(`^${expected.length} of ${expected.length} agents`));
    await expect
      .poll(() => page.getByTestId('uccx-access').innerText())
      .toBe(`Signed in to UCCX as supervisor sup02: UCCX lists only the agents of the teams this account supervises (${expected.length}).`);
    // An agent of another team is not offered.
    const outsider = lab.seed.agents.find((agent) => !teams.has(agent.teamId))!;
    await page.getByRole('searchbox', { name: 'Search agents' }).fill(outsider.userID);
    await expect.poll(() => page.getByText(/\d+ of \d+ agents/).innerText()).toMatch(/^0 of /);
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('');
  });

  it('marks administrator-only editors read-only with the reason, and does not offer Applications, saying why', async () => {
    const tabs = page.getByRole('tablist', { name: 'UCCX objects' }).getByRole('tab');
    await expect.poll(() => tabs.allInnerTexts()).toEqual([expect.stringMatching(/^Agents/), expect.stringMatching(/^Skills/), expect.stringMatching(/^CSQs/), expect.stringMatching(/^Teams/), expect.stringMatching(/^Calendars/), expect.stringMatching(/^Prompts/), expect.stringMatching(/^Caller lists/), expect.stringMatching(/^Switches/)]);
    expect(await page.getByTestId('uccx-hidden-editors').innerText()).toMatch(
      /^Applications not shown\. Signed in to UCCX as supervisor sup02: this account may not see applications \(UCCX answered 403 Forbidden: supervisor sup02 may not read applications: the application management capability \(APPLICATION_MGMT\) is not granted\)\. Ask an administrator for the Application management capability\.$/,
    );

    await tabs.filter({ hasText: /^CSQs/ }).click();
    const banner = page.getByTestId('uccx-access');
    await expect
      .poll(() => banner.innerText())
      .toMatch(/^⊘ Read-only\. Signed in to UCCX as supervisor sup02: this account may not change CSQs; UCCX does not list the Queue management capability \(QUEUE_MGMT\) for it\. Ask an administrator for the Queue management capability\.$/);
    const csqs = page.getByRole('listbox', { name: 'CSQs' });
    // Still browsable from the keyboard: the list opens a CSQ with Enter.
    await csqs.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: /^Edit CSQ / });
    await form.waitFor();
    expect(await form.getByRole('textbox', { name: 'Name' }).isDisabled()).toBe(true);
    expect(await form.getByRole('spinbutton', { name: 'Service level (seconds)' }).isDisabled()).toBe(true);

    await tabs.filter({ hasText: /^Skills/ }).click();
    await expect.poll(() => banner.innerText()).toMatch(/may not change skills; UCCX leaves that to administrators\. Ask an administrator to make the change\.$/);
    expect(await page.getByRole('textbox', { name: 'New skill' }).isDisabled()).toBe(true);

    await tabs.filter({ hasText: /^Calendars/ }).click();
    await page.getByRole('listbox', { name: 'Calendars' }).getByRole('option', { name: 'Business Hours' }).click();
    expect(await page.getByRole('form', { name: 'Edit calendar Business Hours' }).getByRole('textbox', { name: 'Description', exact: true }).isDisabled()).toBe(false);
    expect(await page.getByRole('listbox', { name: 'Calendars' }).getByRole('option').count()).toBe(1);

    await tabs.filter({ hasText: /^CSQs/ }).click();
    await csqs.getByRole('option').first().click();
    await page.getByRole('form', { name: /^Edit CSQ / }).waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(theme);
      const report = await runAxe(page);
      expect(report.findings, describeFindings(`read-only CSQs (${theme})`, report)).toEqual([]);
      await saveScreenshot(page, `uccx-supervisor-csqs-read-only-${theme}.png`);
    }
    await setTheme('light');
  });

  it('a forced CSQ change ends "not permitted" in Pending changes with the server\'s message, and is never retried', async () => {
    const config = await value<UccxConfig>('uccx:config');
    const csq = config.csqs[1]!;
    const [change] = await value<PendingChange[]>('uccx:submit', {
      edits: [{ type: 'csq', id: csq.id, operation: 'update', label: `CSQ ${csq.name}`, base: { wrapupTime: csq.wrapupTime }, mine: { wrapupTime: csq.wrapupTime + 5 } }],
    });
    const csqPath = `/adminapi/csq/${csq.id}`;
    await expect.poll(async () => (await value<PendingChange[]>('changes:list')).find((item) => item.id === change!.id)?.state, { timeout: 10_000 }).toBe('failed');
    const refused = (await value<PendingChange[]>('changes:list')).find((item) => item.id === change!.id)!;
    expect(refused).toMatchObject({ notPermitted: true, attempts: 1, lastError: expect.stringContaining('queue management capability (QUEUE_MGMT) is not granted') });
    expect(lab.writes(csqPath).map((write) => [write.method, write.status])).toEqual([['PUT', 403]]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
    const row = page.locator(`tr[data-change-id="${change!.id}"]`);
    await row.waitFor();
    expect(await row.locator('.change-state').innerText()).toBe('⊘ Not permitted');
    const rowText = await row.innerText();
    expect(rowText).toContain('Server said: UCCX');
    expect(rowText).toContain('supervisor sup02 may not change CSQs: the queue management capability (QUEUE_MGMT) is not granted');
    expect(rowText).toContain('UCCX does not let the account sup02 make this change, so it is not tried again.');
    expect(await page.locator('.pending-screen .screen-header p').innerText()).toMatch(/1 failed \(1 not permitted\)/);

    // Longer than the first two retry periods a retryable failure would wait (1 s, then 2 s): no request for this CSQ at all.
    const requestsBefore = lab.writes(csqPath).length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(lab.writes(csqPath)).toHaveLength(requestsBefore);
    expect((await value<PendingChange[]>('changes:list')).find((item) => item.id === change!.id)).toMatchObject({ state: 'failed', attempts: 1 });

    // The audit log records it as not permitted, with the server's message.
    const audit = await value<Array<{ result: string; message?: string; changeId: string }>>('changes:audit', { result: 'not-permitted' });
    expect(audit.find((entry) => entry.changeId === change!.id)?.message).toContain('QUEUE_MGMT');

    for (const theme of ['light', 'dark'] as const) {
      await setTheme(theme);
      const report = await runAxe(page);
      expect(report.findings, describeFindings(`pending not permitted (${theme})`, report)).toEqual([]);
      await saveScreenshot(page, `uccx-supervisor-pending-not-permitted-${theme}.png`);
    }
    await setTheme('light');

    // The CSQs editor now says what UCCX answered.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Configuration' }).click();
    await page.getByRole('tablist', { name: 'UCCX objects' }).getByRole('tab', { name: /^CSQs/ }).click();
    await expect.poll(() => page.getByTestId('uccx-access').innerText(), { timeout: 10_000 }).toMatch(/this account may not change CSQs \(UCCX answered 403 Forbidden: supervisor sup02 may not change CSQs/);
  });

  it('a calendar create UCCX refuses holds back New and Delete with the reason, while the calendar the supervisor manages stays editable', async () => {
    const config = await value<UccxConfig>('uccx:config');
    const managed = config.calendars[0]!;
    const [change] = await value<PendingChange[]>('uccx:submit', {
      edits: [{ type: 'calendar', id: 'Night Service', operation: 'create', label: 'Calendar Night Service', base: {}, mine: { ...calendarFields(managed), name: 'Night Service', holidays: [] } }],
    });
    await expect.poll(async () => (await value<PendingChange[]>('changes:list')).find((item) => item.id === change!.id)?.state, { timeout: 10_000 }).toBe('failed');

    await page.getByRole('tablist', { name: 'UCCX objects' }).getByRole('tab', { name: /^Calendars/ }).click();
    await expect
      .poll(() => page.getByTestId('uccx-create-delete-access').innerText(), { timeout: 10_000 })
      .toMatch(/^⊘ New and Delete not offered\. Signed in to UCCX as supervisor sup02: this account may not create or delete calendars \(UCCX answered 403 Forbidden: only administrators may create calendars/);
    expect(await page.getByRole('button', { name: 'New calendar…' }).isDisabled()).toBe(true);
    await page.getByRole('listbox', { name: 'Calendars' }).getByRole('option', { name: managed.name }).click();
    const form = page.getByRole('form', { name: `Edit calendar ${managed.name}` });
    expect(await form.getByRole('textbox', { name: 'Description', exact: true }).isDisabled()).toBe(false);
    expect(await form.getByRole('button', { name: 'Delete…' }).isDisabled()).toBe(true);
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(theme);
      const report = await runAxe(page);
      expect(report.findings, describeFindings(`calendars without New and Delete (${theme})`, report)).toEqual([]);
      await saveScreenshot(page, `uccx-supervisor-calendars-no-create-${theme}.png`);
    }
    await setTheme('light');
  });

  it("says what the account may do in German and Spanish, with the account's name and UCCX's own refusal as sent", async () => {
    const tab = (id: string) => page.locator(`#uccx-tab-${id}`);
    const hidden = page.getByTestId('uccx-hidden-editors');
    /** Choose a language and theme and load the page afresh, so it reads them. */
    const speak = async (language: string, theme: Theme) => {
      await value('preferences:set', { language, theme });
      await page.reload();
      await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]), { timeout: 10_000 }).toEqual([language, theme]);
      await tab('agents').waitFor({ timeout: 20_000 });
    };
    try {
      await speak('de', 'light');
      await expect
        .poll(() => hidden.innerText())
        .toMatch(/^Anwendungen nicht angezeigt\. Bei UCCX angemeldet als Supervisor sup02: Dieses Konto darf keine Anwendungen sehen \(UCCX antwortete 403 Forbidden: supervisor sup02 may not read applications.*\)\. Bitten Sie einen Administrator um die Berechtigung „Anwendungsverwaltung“\.$/);
      expect(await hidden.locator('[translate="no"]').first().innerText()).toBe('sup02');
      await tab('csqs').click();
      // Without Queue management, or (after the refused change above) with UCCX's refusal as UCCX wrote it.
      await expect
        .poll(() => page.getByTestId('uccx-access').innerText())
        .toMatch(/^⊘ Schreibgeschützt\. Bei UCCX angemeldet als Supervisor sup02: Dieses Konto darf keine CSQs ändern(; UCCX weist ihm die Berechtigung „Warteschlangenverwaltung“ \(QUEUE_MGMT\) nicht zu| \(UCCX antwortete 403 Forbidden: supervisor sup02 may not change CSQs.*\))\. Bitten Sie einen Administrator um die Berechtigung „Warteschlangenverwaltung“\.$/);
      let report = await runAxe(page);
      expect(report.findings, describeFindings('access notes in German', report)).toEqual([]);
      await saveScreenshot(page, 'uccx-supervisor-access-de-light.png');

      await speak('es', 'dark');
      await tab('calendars').click();
      await expect
        .poll(() => page.getByTestId('uccx-create-delete-access').innerText())
        .toMatch(/^⊘ Nuevo y Eliminar no disponibles\. Sesión iniciada en UCCX como supervisor sup02: esta cuenta no puede crear ni eliminar calendarios \(UCCX respondió 403 Forbidden: only administrators may create calendars.*\)\. Pida a un administrador que haga el cambio\.$/);
      expect(await page.getByTestId('uccx-access').innerText()).toBe('Sesión iniciada en UCCX como supervisor sup02 con la capacidad «Gestión de calendarios». UCCX muestra únicamente calendarios que gestiona esta cuenta.');
      report = await runAxe(page);
      expect(report.findings, describeFindings('access notes in Spanish', report)).toEqual([]);
      await saveScreenshot(page, 'uccx-supervisor-access-es-dark.png');
    } finally {
      await value('preferences:set', { language: 'system', theme: 'light' });
      await page.reload();
    }
  });
});

import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import { waitUntil } from '../support/wait';
import { describeFindings, runAxe } from '../support/axe';
import { PSEUDO_CHARACTERS, pseudoText } from '../../scripts/i18n/pseudo-locale';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import type { Preferences } from '../../shared/domain/preferences';
import { demoLab, uploadLabDocument } from '../support/demo-lab';
import { serializeCallerList } from '../../electron/services/uccx/caller-list-document';
import { localToday } from '../../shared/domain/caller-lists';

/**
 * The console in English, German, Spanish and the pseudo-locale, on the demo
 * host in Chromium.
 *
 * TRANSLATED_SCREENS lists the screens whose words all come from the
 * catalogues: in the pseudo-locale, every visible text on them (and every
 * aria-label, title and placeholder) must be accented, except server data
 * (`translate="no"`), main's sentences not yet sent by message id
 * (`data-main-text`, or `data-main-title` for a tooltip) and moments
 * formatted by Intl (`<time>`). Add a screen here when it is converted (docs/i18n.md).
 */
interface TranslatedScreen {
  name: string;
  /** The page address after the host's URL. */
  hash: string;
  /** The English text of something that shows once the screen is ready. */
  ready: string;
  /** Bring the screen to the state worth checking (a looked-up call, test results), breaking the lab if that is the state. */
  prepare?: (page: Page, lab: LabControl) => Promise<void>;
  /** Undo what `prepare` did to the lab, once the screen is checked. */
  restore?: (lab: LabControl) => Promise<void>;
}

/** The demo lab's control API (docs/lab.md): faults on purpose. */
interface LabControl {
  post(pathname: string, body?: unknown): Promise<void>;
}

const TRANSLATED_SCREENS: TranslatedScreen[] = [
  {
    name: 'connections',
    hash: '#/connections',
    ready: 'Connections',
    prepare: async (page) => {
      // Connection test results: our outcome words beside main's sentences.
      await page.locator('.profile-card .toolbar button').last().click();
      await page.locator('.test-results li').first().waitFor();
    },
  },
  {
    name: 'journey',
    hash: '#/journey',
    ready: 'Call journey',
    prepare: async (page) => {
      // A call from the demo lab, looked up: the result's table and timeline are server data around our words.
      const call = page.locator('.journey-demo-calls li button').first();
      await call.waitFor({ timeout: 15_000 });
      await call.click();
      await page.locator('table.journey-table').waitFor({ timeout: 15_000 });
      // A Call ID that is not one: the rule's words (shared with main) by message id.
      await page.locator('#journey-call-id').fill('16777x');
      await page.locator('#journey-call-id-error').waitFor();
    },
  },
  {
    name: 'history-timeline',
    hash: '#/history',
    ready: 'History',
    prepare: async (page) => {
      // Today as the host recorded it from the demo lab: a row's stretches, one focused so its tooltip shows.
      const stretch = page.locator('svg.tl-bar rect.seg[tabindex="0"]').first();
      await stretch.waitFor({ timeout: 15_000 });
      await stretch.focus();
      await page.locator('.tl-tip').waitFor();
    },
  },
  {
    name: 'history-team',
    hash: '#/history',
    ready: 'History',
    prepare: async (page) => {
      await page.locator('#history-tab-team').click();
      await page.locator('table.team-day-totals').waitFor({ timeout: 15_000 });
      // The figures per bucket, the chart's text alternative.
      await page.locator('details.team-day-buckets summary').click();
      await page.locator('details.team-day-buckets table').waitFor();
    },
  },
  {
    name: 'history-summary',
    hash: '#/history',
    ready: 'History',
    prepare: async (page) => {
      await page.locator('#history-tab-summary').click();
      await page.locator('table.history-summary-table tbody tr').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'pending',
    hash: '#/pending',
    ready: 'Pending changes',
    prepare: async (page) => {
      // The change UCCX refused (queued in beforeAll), with its discard confirmation open.
      const row = page.locator('tr.change-row.state-failed');
      await row.waitFor({ timeout: 15_000 });
      await row.locator('button.danger').click();
      await page.locator('tr.change-confirm [role="alertdialog"], tr.change-confirm .confirm-panel').first().waitFor();
    },
  },
  {
    name: 'pending-audit',
    hash: '#/pending',
    ready: 'Pending changes',
    prepare: async (page) => {
      await page.locator('#pending-tab-audit').click();
      await page.locator('table.audit-table tbody tr').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'board',
    hash: '#/board',
    ready: 'Team board',
    prepare: async (page) => {
      // The demo lab's teams with their members, the queue strip, and the thresholds editor open.
      await page.locator('.board-table tr.member-row').first().waitFor({ timeout: 20_000 });
      await page.locator('.queue-tile').first().waitFor({ timeout: 20_000 });
      await page.locator('.board-screen .screen-header button[aria-expanded]').click();
      await page.locator('.board-thresholds').waitFor();
      // A row's action menu: Finesse's states and the refusals in words.
      await page.locator('.board-table .row-actions').first().click();
      await page.locator('.action-menu [role="menuitem"]').first().waitFor();
    },
  },
  {
    name: 'wallboard',
    hash: '#/wallboard',
    ready: 'Wallboard',
    prepare: async (page) => {
      await page.locator('.wb-queues .wb-queue').first().waitFor({ timeout: 20_000 });
      await page.locator('.wb-team-tile').first().waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'cupi-users',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A user from the lab: its form, PIN and web password around the server's values.
      await openCupiTab(page, 'users');
      await page.locator('.cupi-row').first().click();
      await page.locator('.cupi-credential').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'cupi-contacts',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      await openCupiTab(page, 'contacts');
      await page.locator('.cupi-row').first().click();
      await page.locator('.cupi-detail form.cupi-form').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'cupi-handlers',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A call handler: greetings, transfer rules and the supervised-only options explained.
      await openCupiTab(page, 'handlers');
      await page.locator('.cupi-row').first().click();
      await page.locator('.cupi-rule').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'cupi-close-now',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // Two call handlers chosen and the confirmation open: its sentences put server names in our words.
      await openCupiTab(page, 'close');
      const choices = page.locator('.cupi-handler-choices input[type="checkbox"]');
      await choices.nth(1).waitFor({ timeout: 15_000 });
      await choices.nth(0).check();
      await choices.nth(1).check();
      await page.locator('.cupi-close-now form .toolbar button.danger').click();
      await page.locator('.confirm-panel').waitFor();
    },
  },
  {
    name: 'uccx-frame',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // The UCCX editors' frame: its tabs with their counts, Reload and when the configuration was read.
      await openUccxTab(page, 'switches');
      await page.locator('.uccx-editors .toolbar time').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'uccx-switches',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // One switch being edited and the other's "how long" confirmation open, with its end time.
      await openUccxTab(page, 'switches');
      const rows = page.locator('.switch-table tbody tr');
      await rows.nth(1).waitFor({ timeout: 15_000 });
      await rows.nth(1).locator('.toolbar button').nth(1).click();
      await page.locator('.switch-table tbody input').first().waitFor();
      await rows.nth(0).locator('.toolbar button').nth(1).click();
      await page.locator('.confirm-panel .switch-duration').waitFor();
    },
  },
  {
    name: 'uccx-caller-lists',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // The VIP list put on the lab in beforeAll, with its callers; removing the expired one asks first.
      await openCallerLists(page);
      await page.locator('.caller-list-form > .toolbar button').last().click();
      await page.locator('.caller-list-form .confirm-panel').waitFor();
    },
  },
  {
    name: 'uccx-caller-lists-import',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A CSV file previewed: a caller to add, one to change and a row refused with its reasons.
      await openCallerLists(page);
      const csv = 'number,label,expires,route\r\n+41 44 123 45 67,Key account A (gold),2099-12-31,CSQ_VIP\r\n0791234567,CEO,,\r\n044 12x,,2026-02-30,\r\n';
      await page.locator('.caller-list-form input[type="file"]').setInputFiles({ name: 'vip.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.locator('.caller-list-form .import-preview .import-refused').waitFor();
    },
  },
  {
    name: 'uccx-agent',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // An agent from the lab with several skills: its form and skills table, UCCX's names beside our words.
      await openUccxTab(page, 'agents');
      await page.locator('.agents-list input[type="search"]').fill('mobrien4');
      await page.locator('.agent-row').first().click();
      await page.locator('form.agent-form table.data tbody tr').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'uccx-bulk-reskill',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // Three agents with skills ticked and Bulk re-skill open to change a level: its preview counts them and says why some are left out.
      await openUccxTab(page, 'agents');
      const ticks = page.locator('.agent-row .tick');
      for (let index = 4; index < 7; index++) await ticks.nth(index).click();
      await page.locator('.agents-list .toolbar button.primary').click();
      await page.locator('section.bulk-reskill select').first().selectOption('set');
      await page.locator('section.bulk-reskill table tbody tr').first().waitFor();
    },
  },
  {
    name: 'uccx-skills',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A skill in use, with its rename form and its delete warning open.
      await openUccxTab(page, 'skills');
      const row = page.locator('.simple-editor table.data tbody tr').first();
      await row.locator('button:not(.danger)').click();
      await row.locator('button.danger').click();
      await page.locator('.simple-editor .banner-warning').waitFor();
    },
  },
  {
    name: 'uccx-csqs',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A CSQ from the lab: its kind in words, its skills and their minimum competence.
      await openUccxTab(page, 'csqs');
      await page.locator('.local-list .nav-row').first().click();
      await page.locator('.detail form .server-id').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'uccx-teams',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A team with its supervisors, CSQs and members.
      await openUccxTab(page, 'teams');
      await page.locator('.local-list .nav-row').first().click();
      await page.locator('.detail .member-list').waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'uccx-applications',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // An application with its script parameters, each with its type in words.
      await openUccxTab(page, 'applications');
      await page.locator('.local-list .nav-row').first().click();
      await page.locator('.detail .param-type').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'uccx-delete',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // Deleting a team with agents in it: refused before anything is queued, naming them.
      await openUccxTab(page, 'teams');
      await page.locator('.local-list .nav-row').first().click();
      await page.locator('.detail .form-heading button.danger').click();
      await page.locator('.detail [role="alertdialog"]').waitFor();
    },
  },
  {
    name: 'uccx-calendars',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // The lab's office-hours calendar: its type, working days and holidays around the server's values.
      await page.locator('#config-system-tab-uccx').click();
      await page.locator('#uccx-tab-calendars').click({ timeout: 15_000 });
      await page.locator('#uccx-panel-calendars [role="option"]', { hasText: 'Business Hours' }).click({ timeout: 15_000 });
      await page.locator('#uccx-panel-calendars form input[placeholder]').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'uccx-prompts',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // The en_US folder with its files: sizes and dates in the locale, names as UCCX holds them.
      await page.locator('#config-system-tab-uccx').click();
      await page.locator('#uccx-tab-prompts').click({ timeout: 15_000 });
      await page.locator('#uccx-panel-prompts table.data tbody td time').first().waitFor({ timeout: 15_000 });
    },
  },
  {
    name: 'cupi-list-members',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A distribution list with its members: the kinds, the note that contacts are not allowed, and the removal asked for in words.
      await openCupiTab(page, 'lists');
      await page.locator('.cupi-row').first().click();
      await page.locator('table.cupi-members tbody tr').first().waitFor({ timeout: 15_000 });
      await page.locator('#add-member-type').selectOption('contact');
      await page.locator('table.cupi-members tbody tr button').first().click();
      await page.locator('.confirm-panel').waitFor();
    },
  },
  {
    name: 'uccx-field-problem',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A CSQ's service level out of range: the shared rule's problem at its field, and the review naming the field.
      await openUccxTab(page, 'csqs');
      await page.locator('.local-list .nav-row').first().click();
      await page.locator('.detail form input[type="number"]').first().fill('5000');
      await page.locator('.detail .review-panel .banner-warning').waitFor();
    },
  },
  {
    name: 'cupi-closure',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page) => {
      // A closure made and reopened: its toast and each part's label and state are main's words by id around a handler's name.
      await openCupiTab(page, 'close');
      const choice = page.locator('.cupi-handler-choices input[type="checkbox"]').first();
      await choice.waitFor({ timeout: 15_000 });
      await choice.check();
      await page.locator('.cupi-close-now form .toolbar button.danger').click();
      await page.locator('.confirm-panel .toolbar button.danger').click();
      const closure = page.getByTestId('closure').first();
      await closure.locator('.cupi-part.state-applied').waitFor({ timeout: 20_000 });
      await closure.locator('button').click();
      await closure.locator('.cupi-part.state-reverted').waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'servers-limited',
    hash: '#/config',
    ready: 'Configuration',
    prepare: async (page, lab) => {
      // The Unity Connection publisher stopped and no UCCX node the database master: main's summaries in the status bar
      // (with each node's phrase and the time since) and Unity Connection's read-only banner.
      await lab.post('/nodes/cuc-pub/stop');
      await lab.post('/uccx/master', { which: 'none' });
      await openCupiTab(page, 'users');
      await page.getByTestId('cupi-readonly').waitFor({ timeout: 20_000 });
      await page.locator('.status-chip[data-server="uccx"] .status-detail').waitFor({ timeout: 20_000 });
      await page.locator('.status-chip[data-server="cupi"] .status-detail').waitFor({ timeout: 20_000 });
    },
    restore: (lab) => lab.post('/reset'),
  },
];

/** Configuration → UCCX → Caller lists, by the tabs' ids, with the VIP list's callers shown. */
async function openCallerLists(page: Page): Promise<void> {
  await page.locator('#config-system-tab-uccx').click();
  await page.locator('#uccx-tab-callerLists').click();
  await page.locator('.caller-list-form table.caller-table tbody tr').first().waitFor({ timeout: 15_000 });
}
/** Time allowed for one visit to a screen in a test that visits every one (open, prepare, check, screenshots) on a busy machine. */
const TIME_PER_SCREEN_VISIT = 10_000;

/** Configuration → Unity Connection → one of its tabs, by the tabs' ids (their names depend on the language). */
async function openCupiTab(page: Page, tab: 'users' | 'contacts' | 'lists' | 'handlers' | 'close'): Promise<void> {
  await page.locator('#config-system-tab-cupi').click();
  await page.locator(`#cupi-tab-${tab}`).click();
  if (tab !== 'close') await page.locator('.cupi-row').first().waitFor({ timeout: 15_000 });
}

/** The UCCX editors' tabs, by their ids (their names depend on the language), and what shows once each has loaded. */
const UCCX_TAB_READY: Record<string, string | undefined> = {
  agents: '.agent-row',
  skills: '.simple-editor table.data tbody tr',
  csqs: '.local-list .nav-row',
  teams: '.local-list .nav-row',
  applications: '.local-list .nav-row',
};

/** Configuration → UCCX → one of its editors, by the tabs' ids. */
async function openUccxTab(page: Page, tab: string): Promise<void> {
  await page.locator('#config-system-tab-uccx').click();
  await page.locator(`#uccx-tab-${tab}`).click();
  const ready = UCCX_TAB_READY[tab];
  if (ready) await page.locator(ready).first().waitFor({ timeout: 15_000 });
}

/** Controls and headings whose words no longer fit their box (cut off or spilling over). */
async function textThatDoesNotFit(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, a, h1, h2, label, th, .status-chip, .badge, legend')]
      // Content wider than its box: cut off (overflow hidden, an ellipsis) or spilling over its neighbours. Inline boxes have no width of their own.
      // A visually hidden element (a legend for screen readers) is meant to be clipped to a pixel.
      .filter((element) => element.getClientRects().length > 0 && !element.closest('.visually-hidden') && getComputedStyle(element).display !== 'inline' && element.scrollWidth > element.clientWidth + 1)
      .map((element) => `<${element.tagName.toLowerCase()}> "${element.textContent?.trim()}"`),
  );
}

/**
 * German in the light theme and Spanish in the dark one: every screen in each language and each theme once.
 * `I18N_EVERY_THEME=1` shows each language in both themes (for a full set of screenshots to look at).
 */
const ONE_THEME_EACH = [['de', 'light'], ['es', 'dark']] as const;
const EVERY_LANGUAGE_IN_EVERY_THEME = process.env.I18N_EVERY_THEME === '1';

describe('the console in several languages', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let ipc: RawIpcClient;
  let lab: LabControl;
  const pageErrors: string[] = [];

  const setPreferences = (patch: Partial<Preferences>) => ipc.value<Preferences>('preferences:set', patch);

  /** Load the page afresh (a new address that differs only after '#' would not reload it), so it reads the preferences set here. */
  async function open(hash: string): Promise<void> {
    await page.goto('about:blank');
    await page.goto(`${host.url}${hash}`);
  }

  beforeAll(async () => {
    host = await startHost(['--demo']);
    ipc = await RawIpcClient.connect(host.origin, host.token);
    const control = (await ipc.value<{ control: string }>('lab:endpoints')).control;
    lab = {
      post: async (pathname, body = {}) => {
        const response = await fetch(`${control}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(response.status, pathname).toBe(200);
      },
    };
    browser = await launchChromium();
    // bypassCSP: axe is added to the page as an inline script.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // A change UCCX refuses (the agent does not exist): it stays in Pending changes as failed, and the audit log has it.
    await ipc.value('uccx:submit', {
      edits: [{ type: 'resource', id: 'no-such-agent', operation: 'update', label: 'Agent no-such-agent', base: { alias: 'Before' }, mine: { alias: 'After' } }],
    });
    await waitUntil('the refused change to fail', async () => (await ipc.value<Array<{ state: string }>>('changes:list'))[0]?.state === 'failed');
    // Two switches on UCCX, one on and one off, for Configuration → UCCX → Switches.
    await ipc.value('uccx:switches-save', {
      base: [],
      switches: [
        { name: 'outage', enabled: true, prompt: 'en_US/outage.wav', until: '' },
        { name: 'weather', enabled: false, prompt: '', until: '' },
      ],
    });
    await waitUntil('the switches to be written', async () => (await ipc.value<{ switches: unknown[] }>('uccx:switches')).switches.length === 2);
    // A VIP caller list on UCCX, put there directly (not through the queue): a caller without end, one until a later day, one expired.
    const yesterday = localToday(new Date(Date.now() - 86_400_000));
    const vip = serializeCallerList({
      name: 'vip',
      entries: [
        { number: '+41441234567', label: 'Key account A', expires: '', route: 'CSQ_VIP' },
        { number: '+41791234567', label: 'CEO, mobile', expires: '2099-12-31', route: '' },
        { number: '0445550000', label: 'Trade fair hotline', expires: yesterday, route: '2001' },
      ],
      updated: '2026-12-01T08:00:00Z',
      updatedBy: 'administrator',
    });
    await uploadLabDocument((await demoLab(ipc)).uccx, '/en_US/lists/', 'vip.xml', vip);
  }, 60_000);

  afterAll(async () => {
    ipc?.close();
    await browser?.close();
    await host?.stop();
    if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  });

  it("follows the browser's language, English here, with its 12-hour clock", async () => {
    await open('#/journey');
    await page.getByRole('heading', { name: 'Call journey', level: 1 }).waitFor();
    expect(await page.evaluate(() => [navigator.language, document.documentElement.lang])).toEqual(['en-US', 'en-US']);
    await expect.poll(() => page.locator('.journey-demo-calls li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('.journey-demo-calls li').first().innerText()).toMatch(/\d{1,2}:\d{2}:\d{2} [AP]M · from /);
  });

  it('switches language in Connections from the keyboard, at once and without a reload, and keeps the choice', async () => {
    await open('#/connections');
    const picker = page.getByRole('combobox', { name: 'Language of the console' });
    await picker.waitFor();
    // A mark on the page: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await picker.focus();
    await picker.selectOption('de');
    await page.getByRole('heading', { name: 'Verbindungen', level: 1 }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: 10_000 }).toBe('de');
    expect(await page.getByRole('navigation').innerText()).toContain('Teamübersicht');
    expect(await page.getByRole('combobox', { name: 'Sprache der Konsole' }).inputValue()).toBe('de');

    await page.getByRole('combobox', { name: 'Sprache der Konsole' }).selectOption('es');
    await page.getByRole('heading', { name: 'Conexiones', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Cambiar al tema oscuro' }).or(page.getByRole('button', { name: 'Cambiar al tema claro' })).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect((await ipc.value<Preferences>('preferences:get')).language).toBe('es');

    // The next start opens in the chosen language.
    await page.reload();
    await page.getByRole('heading', { name: 'Conexiones', level: 1 }).waitFor();

    // Back to the system's language: English again.
    await page.getByRole('combobox', { name: 'Idioma de la consola' }).selectOption('system');
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
  });

  // Every screen four times (two languages, two themes), one of them with the lab broken and mended each time: a longer limit.
  it('shows the converted screens in German and Spanish, light and dark, with nothing cut off and no accessibility finding', async () => {
    for (const language of ['de', 'es'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        if (!EVERY_LANGUAGE_IN_EVERY_THEME && !ONE_THEME_EACH.some(([l, th]) => l === language && th === theme)) continue;
        await setPreferences({ language, theme });
        for (const screen of TRANSLATED_SCREENS) {
          await open(screen.hash);
          await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]), { timeout: 10_000 }).toEqual([language, theme]);
          await page.locator('h1').waitFor();
          await screen.prepare?.(page, lab);
          expect(await textThatDoesNotFit(page), `${screen.name} in ${language}, ${theme}`).toEqual([]);
          await saveScreenshot(page, `i18n-${screen.name}-${language}-${theme}.png`);
          // The screen scrolls inside the frame: its end too.
          // The wallboard has the whole window, no frame to scroll.
          await page.evaluate(() => document.getElementById('main')?.scrollTo(0, document.getElementById('main')!.scrollHeight));
          expect(await textThatDoesNotFit(page), `${screen.name} in ${language}, ${theme}, scrolled`).toEqual([]);
          await saveScreenshot(page, `i18n-${screen.name}-${language}-${theme}-end.png`);
          if (!EVERY_LANGUAGE_IN_EVERY_THEME || theme === 'light') {
            const report = await runAxe(page);
            expect(report.findings, describeFindings(`${screen.name} in ${language}`, report)).toEqual([]);
          }
          await screen.restore?.(lab);
        }
      }
    }
    await setPreferences({ language: 'system', theme: 'light' });
  }, TIME_PER_SCREEN_VISIT * TRANSLATED_SCREENS.length * 4);

  it('shows a first start (no profile, the vault to create) and the profile editor in German and Spanish, and in the pseudo-locale', async () => {
    // A host of its own: the demo's built-in profile can be neither edited nor replaced.
    const fresh = await startHost([]);
    const freshIpc = await RawIpcClient.connect(fresh.origin, fresh.token);
    try {
      for (const [language, theme] of [['de', 'light'], ['es', 'dark'], ['pseudo', 'light']] as const) {
        await freshIpc.value('preferences:set', { language, theme });
        await page.goto('about:blank');
        await page.goto(`${fresh.url}#/connections`);
        await page.locator('.vault-panel').waitFor();
        await page.locator('.connections-screen .toolbar button.primary').first().click();
        await page.locator('form.profile-editor').waitFor();
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), { timeout: 10_000 }).toBe(theme);
        expect(await textThatDoesNotFit(page), `first start in ${language}`).toEqual([]);
        if (language === 'pseudo') expect(await page.evaluate(wordsNotFromCatalogue, { pseudoCharacters: PSEUDO_CHARACTERS }), 'first start').toEqual([]);
        else {
          const report = await runAxe(page);
          expect(report.findings, describeFindings(`first start in ${language}`, report)).toEqual([]);
        }
        await saveScreenshot(page, `i18n-first-start-${language}-${theme}.png`);
        await page.locator('form.profile-editor').evaluate((form) => form.scrollIntoView({ block: 'end' }));
        await saveScreenshot(page, `i18n-profile-editor-${language}-${theme}.png`);
      }
    } finally {
      freshIpc.close();
      await fresh.stop();
      fs.rmSync(fresh.dataDir, { recursive: true, force: true });
    }
  });

  it('in the pseudo-locale, every word on the converted screens comes from a catalogue', async () => {
    await setPreferences({ language: 'pseudo' });
    for (const screen of TRANSLATED_SCREENS) {
      await open(screen.hash);
      await page.getByRole('heading', { name: pseudoText(screen.ready), level: 1 }).waitFor();
      await screen.prepare?.(page, lab);
      expect(await page.evaluate(wordsNotFromCatalogue, { pseudoCharacters: PSEUDO_CHARACTERS }), screen.name).toEqual([]);
      await saveScreenshot(page, `i18n-${screen.name}-pseudo.png`);
      await page.evaluate(() => document.getElementById('main')?.scrollTo(0, document.getElementById('main')!.scrollHeight));
      await saveScreenshot(page, `i18n-${screen.name}-pseudo-end.png`);
      await screen.restore?.(lab);
    }
    await setPreferences({ language: 'system' });
    expect(pageErrors).toEqual([]);
  }, TIME_PER_SCREEN_VISIT * TRANSLATED_SCREENS.length);
});

import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { ConfigScreen } from '../../renderer/src/features/config/ConfigScreen';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { planReskill } from '../../renderer/src/features/config/uccx/BulkReskill';
import { skillUsage } from '../../renderer/src/features/config/uccx/SkillsEditor';
import { withPending } from '../../renderer/src/features/config/uccx/AgentsEditor';
import { withSavedValues } from '../../renderer/src/features/config/uccx/saved-values';
import { createFakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';
import type { UccxAgent, UccxConfig, UccxState } from '../../shared/domain/uccx';
import type { PendingChange } from '../../shared/domain/changes';
import { decideAccess, fullAccess } from '../../shared/domain/uccx-access';
import { setValue, settle } from '../support/react-root';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { UccxBanner } from '../../renderer/src/features/config/uccx/UccxEditors';
import { ReviewAndQueue } from '../../renderer/src/features/config/uccx/ReviewAndQueue';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const agent = (userID: string, skills: Array<[string, number]>, type = 1): UccxAgent => ({
  userID,
  firstName: userID.toUpperCase(),
  lastName: 'Test',
  extension: '4000',
  alias: userID,
  autoAvailable: true,
  type,
  team: { id: '1', name: 'Sales' },
  resourceGroup: null,
  skills: skills.map(([skillId, level]) => ({ skillId, name: skillId === '1' ? 'Billing' : 'Spanish', level })),
});

const CONFIG: UccxConfig = {
  agents: [agent('ann', [['1', 3]]), agent('bob', [['2', 5]]), agent('cid', [['1', 10]])],
  skills: [
    { id: '1', name: 'Billing' },
    { id: '2', name: 'Spanish' },
  ],
  resourceGroups: [],
  csqs: [{ id: '7', name: 'Billing_CSQ', queueType: 'VOICE', resourcePoolType: 'SKILL_GROUP', serviceLevel: 5, serviceLevelPercentage: 70, wrapupTime: 0, autoWork: false, selectionCriteria: 'Most Skilled', skills: [{ skillId: '1', name: 'Billing', level: 2, weight: 1 }] }],
  teams: [{ id: '1', name: 'Sales', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [] }],
  applications: [],
  calendars: [],
  fetchedAt: Date.UTC(2026, 0, 5, 9, 15),
  source: 'cache',
  node: null,
};

const OFFLINE: UccxState = { mode: 'offline', writable: false, detail: 'UCCX unreachable: ccx-a not answering since 10:42', nodes: [], waiting: 0 };

const QUEUED = pendingChange('x', { ref: { system: 'uccx', type: 'resource', id: 'ann' } });

function fakeApi() {
  return createFakeApi({
    'uccx:config': () => CONFIG,
    'uccx:state': () => OFFLINE,
    'changes:list': () => [],
    'uccx:submit': () => [QUEUED],
  });
}

let container: HTMLDivElement;
let root: Root;
// jsdom lays nothing out; the virtual agent list needs a viewport to render rows into.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  useUccxStore.setState({ config: null, state: null, loading: false, error: null, pending: [] });
});
afterEach(() => {
  // Back to jsdom's own (zero) sizes from Element.prototype.
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  act(() => root.unmount());
  container.remove();
});

describe('UCCX configuration screen', () => {
  it('opens from cache with its time, still queues an edit, and shows the diff first', async () => {
    const api = fakeApi();
    setApi(api);
    act(() => root.render(<ConfigScreen />));
    await settle();
    expect(container.querySelector('[role="tablist"][aria-label="System"]')?.textContent).toBe('UCCXUnity Connection');
    const banner = container.querySelector('.banner-warning')!.textContent!;
    // The time of the cached copy in the locale's clock (en-US here): "9:15 AM".
    expect(banner).toMatch(/Showing the configuration as of \d{1,2}:\d\d [AP]M: UCCX cannot be reached \(UCCX unreachable: ccx-a not answering since 10:42\)\. You can still make changes/);

    const rowButton = [...container.querySelectorAll('.agent-row')].find((b) => b.textContent?.includes('(ann)'));
    await act(async () => (rowButton as HTMLElement).click());

    const alias = [...container.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Alias'))!.querySelector('input')!;
    await act(async () => setValue(alias, 'Annie'));
    const review = container.querySelector('section[aria-label="Review changes"]')!;
    expect(review.textContent).toContain('Alias');
    expect(review.textContent).toContain('Annie');
    expect(review.textContent).toContain('UCCX is not accepting writes now: saved changes wait in Pending changes.');
    const queue = [...review.querySelectorAll('button')].find((b) => b.textContent === 'Save (will be written when UCCX accepts writes)')!;
    await act(async () => queue.click());
    const submit = api.requestsTo('uccx:submit')[0]!;
    expect(submit.edits).toHaveLength(1);
    expect(submit.edits[0]).toMatchObject({ id: 'ann', base: { alias: 'ann' }, mine: { alias: 'Annie' } });
  });

  it('after UCCX refused a create, New… and Delete… are disabled with the reason in words while the CSQ stays editable', async () => {
    // jsdom has no scrolling; picking a row scrolls it into view.
    Element.prototype.scrollIntoView ??= () => undefined;
    const account = fullAccess('sup02', 'supervisor');
    account.editors.csqs = { access: 'edit', reason: 'Signed in to UCCX as supervisor sup02 with the Queue management capability.', createDelete: 'Signed in to UCCX as supervisor sup02: this account may not create or delete CSQs (UCCX answered 403 Forbidden: only administrators may create CSQs). Ask an administrator to make the change.' };
    const api = createFakeApi({ 'uccx:config': () => ({ ...CONFIG, account }), 'uccx:state': () => OFFLINE, 'changes:list': () => [] });
    setApi(api);
    act(() => root.render(<ConfigScreen />));
    await settle();
    const csqTab = [...container.querySelectorAll<HTMLElement>('[role="tab"]')].find((tab) => tab.textContent?.startsWith('CSQs'))!;
    await act(async () => csqTab.click());
    await settle();
    expect(container.querySelector('[data-testid="uccx-create-delete-access"]')?.textContent).toMatch(/New and Delete not offered\..*only administrators may create CSQs/);
    expect(container.querySelector('[data-testid="uccx-access"]')?.textContent).toMatch(/with the Queue management capability/);
    const button = (text: string) => [...container.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text);
    const isDisabled = (element: HTMLElement | undefined) => Boolean(element && (element as HTMLButtonElement).matches(':disabled'));
    expect(isDisabled(button('New CSQ…'))).toBe(true);
    await act(async () => [...container.querySelectorAll<HTMLElement>('.local-list button, .local-list [role="option"], .local-list li')].find((b) => b.textContent?.includes('Billing_CSQ'))!.click());
    await settle();
    expect(isDisabled(button('Delete…'))).toBe(true);
    // The form itself is not read-only: its fields can still be changed.
    const serviceLevel = [...container.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Service level'))!.querySelector('input')!;
    expect(serviceLevel.matches(':disabled')).toBe(false);
  });

  it('says its own words and main\'s access notes in German, and in the pseudo-locale every one of them is from a catalogue: tabs, banners, access notes and the review', async () => {
    // A supervisor without capabilities whose applications UCCX refused to list: main's reasons, by id beside the English.
    const account = decideAccess({ username: 'sup02', role: 'supervisor', capabilities: [], basis: '', forbiddenReads: { applications: 'not allowed' }, refusedWrites: {}, agentCount: 3 });
    setApi(createFakeApi({ 'uccx:config': () => ({ ...CONFIG, account }), 'uccx:state': () => OFFLINE, 'changes:list': () => [] }));
    // Our words on the frame; the agents' own editor is not part of it.
    const frameParts = () => ['.uccx-editors > .banner', '.uccx-editors > .toolbar', '[data-testid="uccx-hidden-editors"]', '[data-testid="uccx-access"]'].map((selector) => container.querySelector(selector)!);
    const review = (
      <ReviewAndQueue
        name="ann"
        base={{ alias: 'ann' }}
        mine={{ alias: 'Annie' }}
        labels={{ alias: 'Alias' }}
        errors={[
          { field: 'alias.1', message: 'Enter a name for the switch.', said: { id: 'validation.switches.nameEmpty' } },
          { field: 'alias', message: 'Too long.' },
        ]}
        onQueue={() => undefined}
        onReset={() => undefined}
      />
    );
    try {
      await applyLanguage('de');
      act(() => root.render(<ConfigScreen />));
      await settle();
      const tabs = () => [...container.querySelectorAll<HTMLElement>('[role="tablist"][aria-label="UCCX-Objekte"] [role="tab"]')];
      expect(tabs().map((tab) => tab.textContent)).toEqual(['Agenten 3', 'Skills 2', 'CSQs 1', 'Teams 1', 'Kalender 0', 'Prompts', 'Anruferlisten', 'Schalter']);
      expect(container.querySelector('.uccx-editors > .banner')!.textContent).toMatch(
        // No state from main yet (this page subscribed in an earlier test): our own word for why.
        /^⚠ Angezeigt wird die Konfiguration mit Stand \d{1,2}:\d\d: UCCX ist nicht erreichbar \(nicht erreichbar\)\. Sie können weiterhin Änderungen vornehmen/,
      );
      const hidden = container.querySelector('[data-testid="uccx-hidden-editors"]')!;
      expect(hidden.textContent).toBe(
        'Anwendungen nicht angezeigt. Bei UCCX angemeldet als Supervisor sup02: Dieses Konto darf keine Anwendungen sehen (UCCX antwortete 403 Forbidden: not allowed). Bitten Sie einen Administrator um die Berechtigung „Anwendungsverwaltung“.',
      );
      // The account's name and UCCX's own refusal are shown as sent.
      expect([...hidden.querySelectorAll('[translate="no"]')].map((element) => element.textContent)).toEqual(['sup02', 'not allowed']);
      expect(hidden.getAttribute('aria-label')).toBe('Nicht angezeigte UCCX-Objekte');
      expect(container.querySelector('[data-testid="uccx-access"]')!.textContent).toBe('Bei UCCX angemeldet als Supervisor sup02: UCCX listet nur die Agenten der Teams, die dieses Konto betreut (3).');
      await act(async () => container.querySelector<HTMLElement>('#uccx-tab-csqs')!.click());
      expect(container.querySelector('[data-testid="uccx-access"]')!.textContent).toBe(
        '⊘ Schreibgeschützt. Bei UCCX angemeldet als Supervisor sup02: Dieses Konto darf keine CSQs ändern; UCCX weist ihm die Berechtigung „Warteschlangenverwaltung“ (QUEUE_MGMT) nicht zu. Bitten Sie einen Administrator um die Berechtigung „Warteschlangenverwaltung“.',
      );
      act(() => root.render(review));
      expect(container.querySelector('h3')!.textContent).toBe('✎ In Bearbeitung: 1 ungespeicherte Änderung prüfen');
      expect(container.querySelector('.banner-warning')!.textContent).toBe('Noch nicht speicherbar: Alias, Zeile 2: Geben Sie einen Namen für den Schalter ein. (und 1 weiteres Problem)');
      expect(container.querySelector('button.primary')!.textContent).toBe('Speichern (wird geschrieben, sobald UCCX Schreibzugriffe annimmt)');

      await applyLanguage('pseudo');
      act(() => root.render(<ConfigScreen />));
      await settle();
      await act(async () => container.querySelector<HTMLElement>('#uccx-tab-csqs')!.click());
      for (const part of frameParts()) {
        expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: part }), part.outerHTML.slice(0, 80)).toEqual([]);
        // Main's access notes come by id: nothing on the frame is left in main's English.
        expect(part.querySelector('[data-main-text]'), part.outerHTML.slice(0, 80)).toBeNull();
      }
      // UCCX live but read-only: main's sentence, then ours.
      useUccxStore.setState({ config: { ...CONFIG, source: 'live' }, state: { ...OFFLINE, mode: 'read-only', detail: 'UCCX read-only: no database master' } });
      act(() => root.render(<><UccxBanner />{review}</>));
      expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: container.querySelector('.banner')! })).toEqual([]);
      expect(container.querySelector('.banner [data-main-text]')!.textContent).toBe('UCCX read-only: no database master');
      for (const part of [container.querySelector('h3')!, container.querySelector('.review-panel .toolbar')!]) expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: part })).toEqual([]);
    } finally {
      await applyLanguage('en');
    }
  });
});

describe('bulk re-skill plan', () => {
  it('computes the exact change per agent and says why others are left out', () => {
    const add = CONFIG.agents.map((a) => planReskill(a, 'add', '2', 7, CONFIG));
    expect(add.map((p) => p.skipped)).toEqual([null, 'hasSkill', null]);
    expect(add[0]!.edit).toMatchObject({ id: 'ann', base: { 'skill/2': null }, mine: { 'skill/2': 7 } });
    const set = CONFIG.agents.map((a) => planReskill(a, 'set', '1', 10, CONFIG));
    expect(set.map((p) => p.skipped)).toEqual([null, 'lacksSkill', 'sameLevel']);
    expect(set[0]!.edit!.summary).toBe('Skill Billing: 10');
    const remove = planReskill(CONFIG.agents[0]!, 'remove', '1', 1, CONFIG);
    expect(remove.edit).toMatchObject({ base: { 'skill/1': 3 }, mine: { 'skill/1': null } });
  });

  it('lists who uses a skill before it is deleted, and shows queued values in the editor', () => {
    const usage = skillUsage(CONFIG, '1');
    expect(usage.agents.map((a) => a.userID)).toEqual(['ann', 'cid']);
    expect(usage.csqs.map((c) => c.name)).toEqual(['Billing_CSQ']);
    const pending = [{ ref: { system: 'uccx', type: 'resource', id: 'ann' }, state: 'queued', mine: { 'skill/1': null, 'skill/2': 4, alias: 'A' } } as unknown as PendingChange];
    const shown = withPending(CONFIG.agents[0]!, pending, CONFIG);
    expect(shown.skills).toEqual([{ skillId: '2', name: 'Spanish', level: 4 }]);
    expect(shown.alias).toBe('A');
    // A change that failed was not written: the editor shows the server's values again.
    const failed = [{ ...pending[0]!, state: 'failed' } as PendingChange];
    expect(withPending(CONFIG.agents[0]!, failed, CONFIG).alias).toBe(CONFIG.agents[0]!.alias);
  });

  it('shows saved values in every UCCX form the same way, from queued to written, and not once failed', () => {
    const saved = (type: string, id: string, mine: PendingChange['mine'], state: PendingChange['state'] = 'queued') =>
      pendingChange(`${type}-${id}-${state}`, { ref: { system: 'uccx', type, id }, mine, state });
    const csq = CONFIG.csqs[0]!;
    const csqChanges = [saved('csq', '7', { serviceLevel: 25, name: 'Billing_Q', 'skill/1': 4, 'skill/2': 6 }, 'applied')];
    expect(withSavedValues('csq', csq, '7', csqChanges, CONFIG)).toMatchObject({ serviceLevel: 25, name: 'Billing_Q', skills: [{ skillId: '1', level: 4, weight: 1 }, { skillId: '2', name: 'Spanish', level: 6, weight: 1 }] });
    expect(withSavedValues('csq', csq, '7', [{ ...csqChanges[0]!, state: 'failed' }], CONFIG)).toBe(csq);
    expect(withSavedValues('skill', CONFIG.skills[0]!, '1', [saved('skill', '1', { name: 'Invoices' }, 'applying')], CONFIG).name).toBe('Invoices');
    const team = withSavedValues('team', CONFIG.teams[0]!, '1', [saved('team', '1', { name: 'Sales EU', primarySupervisor: 'bob', csqs: ['7'] })], CONFIG);
    expect(team).toMatchObject({ name: 'Sales EU', primarySupervisor: { id: 'bob' }, csqs: [{ id: '7', name: 'Billing_CSQ' }] });
    const application = { name: 'Main', id: 1, type: 'Cisco Script Application', description: '', enabled: true, maxsession: 10, script: 's.aef', params: [{ name: 'isOpen', value: 'true', type: 'java.lang.Boolean' }] };
    expect(withSavedValues('application', application, 'Main', [saved('application', 'Main', { 'param/isOpen': 'false', maxsession: 20 })], CONFIG)).toMatchObject({ maxsession: 20, params: [{ name: 'isOpen', value: 'false' }] });
    const calendar = { id: 'c1', name: 'Hours', description: '', timeZone: 'UTC', calendarType: 'BUSINESS_HOURS', workingDays: [], holidays: [] };
    const hours = withSavedValues('calendar', calendar, 'c1', [saved('calendar', 'c1', { workingDays: [{ day: 'MONDAY', startTime: '08:00', endTime: '17:00' }] })], CONFIG);
    expect(hours.workingDays).toEqual([{ day: 'MONDAY', startTime: '08:00', endTime: '17:00' }]);
    // The loaded object itself is never changed.
    expect(csq.serviceLevel).toBe(5);
  });
});

import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { applyLanguage, t, type MessageId } from '../../renderer/src/i18n/i18n';
import { HeadingWithDelete, WaitingToBeCreated } from '../../renderer/src/features/config/uccx/CreateDelete';
import { CsqsEditor } from '../../renderer/src/features/config/uccx/CsqsEditor';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { reactRoot, setValue } from '../support/react-root';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { describeUsage, UCCX_FIELD_LABELS, uccxDisplayValues, uccxFieldLabels, uccxUsage, validateUccxCreate, validateUccxFields, type CreatableType, type UccxAgent, type UccxConfig } from '../../shared/domain/uccx';
import type { FieldMap } from '../../shared/domain/changes';
import { summariseErrors } from '../../shared/domain/validation';
import { uccxFieldWords, uccxShownValues } from '../../renderer/src/features/config/uccx/field-words';
import { sayErrorSummary } from '../../renderer/src/i18n/field-errors';
import English from '../../renderer/src/i18n/catalogues/en.json';

/**
 * The delete step of a CSQ, team or calendar in every language: refused in
 * words naming what uses the object (as main refuses it, in English, with
 * describeUsage), or confirmed in words. The demo lab shows one refusal; the
 * others are drawn here from a configuration made for them.
 */

const agent = (userID: string, team: { id: string; name: string }): UccxAgent => ({
  userID,
  firstName: userID,
  lastName: 'Test',
  extension: '4000',
  alias: userID,
  autoAvailable: true,
  type: 1,
  team,
  resourceGroup: null,
  skills: [],
});

const SALES = { id: '2', name: 'Sales' };
const DEFAULT = { id: '1', name: 'Default' };
const CONFIG: UccxConfig = {
  // 23 agents in Sales: more than the 20 a refusal names. One in Default.
  agents: [...Array.from({ length: 23 }, (_, index) => agent(`a${String(index + 1).padStart(2, '0')}`, SALES)), agent('d01', DEFAULT)],
  skills: [],
  resourceGroups: [],
  csqs: [
    { id: '7', name: 'Billing_CSQ', queueType: 'VOICE', resourcePoolType: 'SKILL_GROUP', serviceLevel: 5, serviceLevelPercentage: 70, wrapupTime: 0, autoWork: false, selectionCriteria: 'Longest Available', skills: [] },
    { id: '8', name: 'Spare_CSQ', queueType: 'VOICE', resourcePoolType: 'SKILL_GROUP', serviceLevel: 5, serviceLevelPercentage: 70, wrapupTime: 0, autoWork: false, selectionCriteria: 'Longest Available', skills: [] },
  ],
  teams: [
    { id: DEFAULT.id, name: DEFAULT.name, primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [{ id: '7', name: 'Billing_CSQ' }] },
    { id: SALES.id, name: SALES.name, primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [{ id: '7', name: 'Billing_CSQ' }] },
    { id: '3', name: 'Empty', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [] },
  ],
  applications: [],
  calendars: [],
  fetchedAt: 0,
  source: 'live',
  node: null,
};

const view = reactRoot(() => useUccxStore.setState({ config: null, state: null, loading: false, error: null, pending: [] }));

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

/** The object's heading with Delete… chosen: the refusal or the confirmation under it. */
function askToDelete(type: CreatableType, id: string, name: string): HTMLElement {
  view.render(<HeadingWithDelete key={`${type}-${id}`} type={type} id={id} name={name} config={CONFIG} consequence="What changes for callers." />);
  const remove = view.container.querySelector<HTMLButtonElement>('.form-heading button.danger')!;
  act(() => remove.click());
  return view.container.querySelector<HTMLElement>('[role="alertdialog"]')!;
}

const refusal = (dialog: HTMLElement) => dialog.querySelector('[role="alert"]')!.textContent!.replace(/^⚠ /, '');

describe('deleting a UCCX object, in every language', () => {
  it('refuses in English exactly as main does', async () => {
    await act(() => applyLanguage('en'));
    const csq = askToDelete('csq', '7', 'Billing_CSQ');
    expect(csq.querySelector('h2')!.textContent).toBe('CSQ Billing_CSQ cannot be deleted');
    expect(refusal(csq)).toBe(describeUsage('CSQ Billing_CSQ', uccxUsage(CONFIG, 'csq', '7')));
    expect(refusal(csq)).toBe('CSQ Billing_CSQ cannot be deleted: teams Default and Sales serve it; remove it from those teams first.');
    expect(refusal(askToDelete('team', DEFAULT.id, DEFAULT.name))).toBe(describeUsage('Team Default', uccxUsage(CONFIG, 'team', DEFAULT.id)));
    const confirm = askToDelete('csq', '8', 'Spare_CSQ');
    expect(confirm.querySelector('h2')!.textContent).toBe('Delete CSQ Spare_CSQ?');
    expect(confirm.textContent).toContain('This cannot be undone: UCCX keeps no copy of a deleted CSQ.');
  });

  it('counts and names the agents in a team in German, the twenty-first on as a number', async () => {
    await act(() => applyLanguage('de'));
    const dialog = askToDelete('team', SALES.id, SALES.name);
    expect(dialog.querySelector('h2')!.textContent).toBe('Team Sales kann nicht gelöscht werden');
    const names = Array.from({ length: 20 }, (_, index) => `a${String(index + 1).padStart(2, '0')} Test (a${String(index + 1).padStart(2, '0')})`);
    expect(refusal(dialog)).toBe(`Team Sales kann nicht gelöscht werden: 23 Agenten sind darin (${names.join(', ')} und 3 weitere); verschieben Sie sie zuerst in ein anderes Team.`);
    // The names are server data, marked so; "3 weitere" is ours.
    expect([...dialog.querySelectorAll('[role="alert"] [translate="no"]')].map((element) => element.textContent)).toContain('a01 Test (a01)');
    expect(dialog.querySelector('button')!.textContent).toBe('Schließen');

    const confirm = askToDelete('team', '3', 'Empty');
    expect(confirm.querySelector('h2')!.textContent).toBe('Team Empty löschen?');
    expect([...confirm.querySelectorAll('button')].map((button) => button.textContent)).toEqual(['Abbrechen', 'Team Empty löschen']);
  });

  it('says every word of the refusals, the confirmation and a waiting new object through the catalogues', async () => {
    await act(() => applyLanguage('pseudo'));
    for (const [type, id, name] of [
      ['csq', '7', 'Billing_CSQ'],
      ['team', DEFAULT.id, DEFAULT.name],
      ['team', SALES.id, SALES.name],
      ['csq', '8', 'Spare_CSQ'],
    ] as const) {
      askToDelete(type, id, name);
      // The confirmation's first paragraph is the editor's consequence, given here in plain English: leave it out of the check.
      view.container.querySelector('.confirm-danger p')?.remove();
      expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: view.container }), `${type} ${name}`).toEqual([]);
    }
    view.render(<WaitingToBeCreated type="calendar" name="Holidays_2027" />);
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: view.container })).toEqual([]);
  });
});

describe('the rules of a new CSQ or team, in every language', () => {
  const CSQ: FieldMap = { name: 'New_CSQ', resourcePoolType: 'SKILL_GROUP', serviceLevel: 5, serviceLevelPercentage: 70, wrapupTime: 0, autoWork: false, selectionCriteria: 'Longest Available' };
  const skills = (count: number): FieldMap => Object.fromEntries(Array.from({ length: count }, (_, index) => [`skill/${index + 100}`, 1]));
  /** New objects that break each of the create rules once. */
  const BROKEN: Array<[CreatableType, FieldMap]> = [
    ['csq', {}],
    ['csq', { ...CSQ, name: 'billing_csq', resourceGroup: '5' }],
    ['csq', { ...CSQ, ...skills(51) }],
    ['csq', { ...CSQ, resourcePoolType: 'RESOURCE_GROUP', selectionCriteria: 'Most Skilled', 'skill/1': 2 }],
    ['csq', { ...CSQ, resourcePoolType: 'RESOURCE_GROUP', resourceGroup: '9' }],
    ['team', { name: 'SALES', primarySupervisor: 'a01', csqs: ['99'] }],
    ['calendar', { name: 'Default' }],
    ['calendar', { name: 'Closed days', holidays: [{ date: '2026-01-01', description: 'New Year' }] }],
  ];
  const calendarConfig: UccxConfig = { ...CONFIG, calendars: [{ id: '4', name: 'default', description: '', timeZone: 'Europe/Berlin', calendarType: 'FULLTIME', workingDays: [], holidays: [] }] };

  it("read in the English catalogue exactly as the rules' own English, and every rule is said by id", async () => {
    await act(() => applyLanguage('en'));
    const said = new Set<string>();
    for (const [type, mine] of BROKEN) {
      for (const problem of validateUccxCreate(type, mine, { config: calendarConfig, today: '2026-12-02' })) {
        if (!problem.said) continue;
        said.add(problem.said.id);
        expect(t(problem.said.id as MessageId, problem.said.values), problem.said.id).toBe(problem.message);
      }
    }
    expect([...said].sort()).toEqual(Object.keys(English).filter((id) => id.startsWith('validation.uccx.create.')).sort());
  });

  it("shows a new CSQ's problem at its field in Spanish", async () => {
    await act(() => applyLanguage('es'));
    view.render(<CsqsEditor config={CONFIG} />);
    act(() => view.container.querySelector<HTMLButtonElement>('.local-list-actions button')!.click());
    expect(view.container.querySelector('form')!.getAttribute('aria-label')).toBe('Nueva CSQ');
    expect(view.container.querySelector('form .field-error')!.textContent).toBe('⚠ Añada al menos una habilidad: una CSQ por habilidades encuentra a sus agentes por sus habilidades.');
  });
});

describe("the UCCX editors' field names and field problems, in every language", () => {
  const BILLING_SKILL = { id: '5', name: 'Billing' };
  const withSkill: UccxConfig = { ...CONFIG, skills: [BILLING_SKILL] };
  const FIELDS = [...Object.keys(UCCX_FIELD_LABELS), 'skill/5', 'skill/404', 'param/maxQueueTime'];

  it("names every field in English exactly as main's labels do, and in German through the catalogue", async () => {
    await act(() => applyLanguage('en'));
    expect(uccxFieldWords(FIELDS, withSkill)).toEqual(uccxFieldLabels(FIELDS, withSkill));
    await act(() => applyLanguage('de'));
    const german = uccxFieldWords(FIELDS, withSkill);
    expect(german).toMatchObject({ wrapupTime: 'Nachbearbeitungszeit (s)', holidays: 'Feiertage', 'skill/5': 'Skill Billing', 'param/maxQueueTime': 'Parameter maxQueueTime' });
    // Every field has its own German name: none is left as its key or in English (beyond words German shares: Alias, Name, Team, CSQs).
    const same = Object.keys(UCCX_FIELD_LABELS).filter((field) => german[field] === UCCX_FIELD_LABELS[field as keyof typeof UCCX_FIELD_LABELS]);
    expect(same).toEqual(['alias', 'team', 'name', 'csqs']);
  });

  it("words UCCX's codes in the review in English as main's glossary does, and in Spanish through the catalogue", async () => {
    const fields: FieldMap = { resourcePoolType: 'RESOURCE_GROUP', calendarType: 'FULLTIME', serviceLevel: 5, csqs: ['7'] };
    await act(() => applyLanguage('en'));
    expect(uccxShownValues(fields, CONFIG)).toEqual(uccxDisplayValues(fields, CONFIG));
    await act(() => applyLanguage('es'));
    expect(uccxShownValues(fields, CONFIG)).toEqual({ resourcePoolType: 'Grupo de recursos', calendarType: 'Abierto todo el día (24 horas)', serviceLevel: 5, csqs: ['Billing_CSQ'] });
    // The change itself keeps UCCX's codes.
    expect(fields.resourcePoolType).toBe('RESOURCE_GROUP');
  });

  it("sums up the problems in English exactly as main's summariseErrors does", async () => {
    await act(() => applyLanguage('en'));
    const errors = validateUccxFields('csq', { serviceLevel: 5000, serviceLevelPercentage: 0, name: ' Sales' });
    expect(errors).toHaveLength(3);
    const labelOf = (field: string) => uccxFieldLabels([field], null)[field]!;
    expect(sayErrorSummary(errors, labelOf)).toBe(summariseErrors(errors, labelOf));
    expect(sayErrorSummary(errors.slice(0, 1), labelOf)).toBe(summariseErrors(errors.slice(0, 1), labelOf));
    expect(sayErrorSummary([], labelOf)).toBeNull();
  });

  it("shows a CSQ's service level out of range at its field and in the review, in German", async () => {
    await act(() => applyLanguage('de'));
    // Choosing a row scrolls it into view, which jsdom does not do.
    Element.prototype.scrollIntoView ??= () => undefined;
    view.render(<CsqsEditor config={CONFIG} />);
    act(() => view.container.querySelector<HTMLElement>('.local-list .nav-row')!.click());
    const serviceLevel = view.container.querySelector<HTMLInputElement>('.detail form input[type="number"]')!;
    act(() => setValue(serviceLevel, '5000'));
    const problem = 'Erlaubt sind 0 bis 3600 Sekunden; 5000 liegt außerhalb dieses Bereichs.';
    expect(view.container.querySelector('.detail form .field-error')!.textContent).toBe(`⚠ ${problem}`);
    const review = view.container.querySelector<HTMLElement>('.review-panel')!;
    expect(review.querySelector('tbody th')!.textContent).toBe('Servicelevel (s)');
    expect(review.querySelector('.banner-warning')!.textContent).toBe(`Noch nicht speicherbar: Servicelevel (s): ${problem}`);
  });
});

import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { CallerListsEditor } from '../../renderer/src/features/config/uccx/CallerListsEditor';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { createFakeApi } from '../support/fake-api';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { pendingChange } from '../support/pending-change';
import { CALLER_LIST_LIMITS, listNameProblem, validateCallerEntries, type CallerListDocument } from '../../shared/domain/caller-lists';
import { MAX_CALLER_CSV_BYTES, previewCallerCsv } from '../../shared/domain/caller-list-csv';
import { applyLanguage, hasMessage, t } from '../../renderer/src/i18n/i18n';
import { sayCallerProblem, sayRefusedRow } from '../../renderer/src/features/config/uccx/caller-list-words';
import { reactRoot, settle, setValue } from '../support/react-root';

const key = { number: '+41441234567', label: 'Key account A', expires: '', route: 'CSQ_VIP' };
const VIP: CallerListDocument = {
  name: 'vip',
  path: '/en_US/lists/vip.xml',
  exists: true,
  entries: [key],
  updated: '2026-12-02T09:15:00Z',
  updatedBy: 'administrator',
  size: 200,
  dateModified: '2026-12-02T09:15:00.000Z',
  modifiedBy: 'administrator',
  skipped: [],
  queued: null,
};

const mount = reactRoot(() => useUccxStore.setState({ config: null, state: null, loading: false, error: null, pending: [] }));

const button = (scope: ParentNode, text: string | RegExp) => [...scope.querySelectorAll('button')].find((b) => (typeof text === 'string' ? b.textContent === text : text.test(b.textContent ?? '')))!;
const input = (label: string) => mount.container.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!;

describe('Caller lists editor', () => {
  it('imports a CSV into the loaded list (changing a listed caller, adding one), refuses a bad row by name, and saves the whole list with its base', async () => {
    const api = createFakeApi({
      'uccx:caller-lists': () => ({ folder: '/en_US/lists/', lists: [{ name: 'vip', size: 200, dateModified: VIP.dateModified, modifiedBy: 'administrator' }] }),
      'uccx:caller-list': () => VIP,
      'uccx:caller-list-save': () => pendingChange('saved', { ref: { system: 'uccx', type: 'callerList', id: 'vip' }, label: 'Caller list VIP (vip.xml)' }),
      'changes:list': () => [],
    });
    setApi(api);
    mount.render(<CallerListsEditor />);
    await settle();
    expect(mount.container.querySelector('[data-testid="caller-list-source"]')!.textContent).toMatch(/^\/en_US\/lists\/vip\.xml: 1 caller on UCCX, changed .+ by administrator\.$/);

    const csv = 'number,label\r\n+41 44 123 45 67,Key account A (gold)\r\n0791234567,CEO\r\nabc,Nope\r\n';
    const file = new File([csv], 'vip.csv', { type: 'text/csv' });
    // jsdom's File has no text(); browsers do.
    Object.defineProperty(file, 'text', { value: async () => csv });
    const picker = mount.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(picker, 'files', { configurable: true, value: [file] });
    await act(async () => picker.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    const preview = mount.container.querySelector('section[aria-label="Import preview"]')!;
    expect(preview.textContent).toContain('1 to add, 1 to change, 0 already as in the file, 1 refused');
    expect(preview.textContent).toContain('Row 4: abc is not a phone number');
    // Nothing changes before the import is applied.
    expect(input('Label, row 1').value).toBe('Key account A');
    await act(async () => button(preview, /^Apply to the list/).click());
    expect(input('Label, row 1').value).toBe('Key account A (gold)');
    expect(input('Number, row 2').value).toBe('0791234567');

    // A row with a problem holds Save back, with the row named.
    await act(async () => button(mount.container, 'Add caller').click());
    await act(async () => setValue(input('Number, row 3'), '0791234567'));
    await act(async () => setValue(input('Label, row 3'), 'Again'));
    const review = mount.container.querySelector('section[aria-label="Review changes"]')!;
    expect(review.textContent).toContain('Cannot save yet: Callers: Row 3: 0791234567 is already in row 2');
    expect(button(review, /^Save/).disabled).toBe(true);
    await act(async () => mount.container.querySelector<HTMLButtonElement>('button[aria-label^="Remove row 3"]')!.click());

    expect(review.textContent).toContain('VIP: 1 added, 1 changed');
    await act(async () => button(review, /^Save/).click());
    await settle();
    expect(api.requestsTo('uccx:caller-list-save')).toEqual([
      {
        name: 'vip',
        base: [key],
        entries: [
          { ...key, label: 'Key account A (gold)' },
          { number: '0791234567', label: 'CEO', expires: '', route: '' },
        ],
      },
    ]);
  });
});

describe("the caller-list rules' words", () => {
  afterAll(async () => {
    await act(() => applyLanguage('en'));
  });

  it('read in the English catalogue exactly as the rules say them, row named once', async () => {
    await act(() => applyLanguage('en'));
    const rowProblems = validateCallerEntries([
      { number: '+41 44 123 45 67', label: 'A' },
      { number: '+41441234567', label: '   ' },
      { number: '044 12x', label: 'x'.repeat(101), expires: '2026-02-30', route: 'r'.repeat(65) },
      { number: '', label: 'tab\there', route: 'line\nbreak' },
    ]);
    const tooMany = validateCallerEntries(Array.from({ length: CALLER_LIST_LIMITS.maxEntries + 1 }, (_, i) => ({ number: String(1000 + i), label: 'x' })));
    const names = ['', 'x'.repeat(41), 'vip list'].map((name) => listNameProblem(name)!);
    const files = [
      previewCallerCsv('+41441234567,A\r\n', []),
      previewCallerCsv('number,label\n1,"open\n', []),
      previewCallerCsv(['number,label', ...Array.from({ length: CALLER_LIST_LIMITS.maxEntries * 2 + 1 }, (_, i) => `${i},x`)].join('\n'), []),
      previewCallerCsv(['number,label', ...Array.from({ length: CALLER_LIST_LIMITS.maxEntries + 1 }, (_, i) => `${1000 + i},x`)].join('\n'), []),
      previewCallerCsv('x'.repeat(MAX_CALLER_CSV_BYTES + 1), []),
    ];
    const problems = [...rowProblems, tooMany[0]!, ...names, ...files.map((file) => ({ message: file.problem!, said: file.problemSaid }))];
    // Every kind of problem the rules have: each number, label, date and route rule, the list's size, its name, the file.
    expect(new Set(problems.map((problem) => problem.said?.id)).size).toBe(18);
    for (const problem of problems) {
      expect(problem.said && hasMessage(problem.said.id), problem.message).toBe(true);
      expect(sayCallerProblem(t, problem)).toBe(problem.message);
    }

    // An imported row with several problems names its row once, as the rule's English does.
    const { refused } = previewCallerCsv('number,label,expires\n044 12x,,2026-02-30\n2001,ok,\n2001,again,\n', []);
    expect(refused.map((row) => row.reason)).toEqual(['Row 2: 044 12x is not a phone number; the label is empty (scripts read the label to know a caller is listed); 2026-02-30 is not a date (YYYY-MM-DD)', 'Row 4: 2001 is already in row 3']);
    expect(refused.map((row) => sayRefusedRow(t, row))).toEqual(refused.map((row) => row.reason));
  });

  it('are said in German, with the row named the German way', async () => {
    await act(() => applyLanguage('de'));
    const [problem] = validateCallerEntries([{ number: '044 12x', label: 'D' }]);
    expect(sayCallerProblem(t, problem!)).toBe('Zeile 1: 044 12x ist keine Telefonnummer');
    const { refused } = previewCallerCsv('number,label\n044 12x,\n', []);
    expect(sayRefusedRow(t, refused[0]!)).toBe('Zeile 2: 044 12x ist keine Telefonnummer; die Bezeichnung ist leer (Skripte lesen die Bezeichnung, um zu erkennen, dass ein Anrufer auf der Liste steht)');
  });
});

describe('Caller lists editor in other languages', () => {
  afterAll(async () => {
    await act(() => applyLanguage('en'));
  });

  /** The VIP list with an expired caller, a CSV import previewed (a row refused) and the remove-expired confirmation open. */
  async function showEditorInEveryState(): Promise<void> {
    const expired = { number: '0445550000', label: 'Trade fair hotline', expires: '2020-03-31', route: '2001' };
    setApi(
      createFakeApi({
        'uccx:caller-lists': () => ({ folder: '/en_US/lists/', lists: [{ name: 'vip', size: 200, dateModified: VIP.dateModified, modifiedBy: 'administrator' }] }),
        'uccx:caller-list': () => ({ ...VIP, entries: [key, expired] }),
        'changes:list': () => [],
      }),
    );
    mount.render(<CallerListsEditor />);
    await settle();
    const csv = 'number,label,expires\r\n+41 44 123 45 67,Key account A (gold),2099-12-31\r\n0791234567,CEO,\r\nabc,,\r\n';
    const file = new File([csv], 'vip.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'text', { value: async () => csv });
    const picker = mount.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(picker, 'files', { configurable: true, value: [file] });
    await act(async () => picker.dispatchEvent(new Event('change', { bubbles: true })));
    await settle();
    await act(async () => mount.container.querySelector<HTMLButtonElement>('.caller-list-form > .toolbar button:last-of-type')!.click());
  }

  it('say every word of their own through the catalogues (pseudo-locale)', async () => {
    await act(() => applyLanguage('pseudo'));
    await showEditorInEveryState();
    expect(mount.container.querySelector('.import-refused')).not.toBeNull();
    expect(mount.container.querySelector('[role="alertdialog"]')).not.toBeNull();
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
  });

  it('read in German, with the day as German writes it', async () => {
    await act(() => applyLanguage('de'));
    await showEditorInEveryState();
    const confirm = mount.container.querySelector('[role="alertdialog"]')!;
    expect(confirm.textContent).toContain('1 abgelaufenen Eintrag aus VIP entfernen?');
    expect(confirm.textContent).toContain('Der letzte Tag dieses Anrufers ist vorbei: 0445550000 (Trade fair hotline, bis Di., 31. März 2020).');
    const preview = mount.container.querySelector('section[aria-label="Importvorschau"]')!;
    expect(preview.textContent).toContain('Hinzufügen: 1, ändern: 1, bereits wie in der Datei: 0, abgelehnt: 1.');
    expect(preview.querySelector('.import-refused tbody')!.textContent).toContain('Zeile 4: abc ist keine Telefonnummer; die Bezeichnung ist leer');
    expect(preview.textContent).toContain('Key account A (gold) · bis Do., 31. Dez. 2099 · Ziel CSQ_VIP');
    expect(input('Nummer, Zeile 2').value).toBe('0445550000');
    expect(mount.container.querySelector('tr.caller-expired .caller-state-expired')!.textContent).toBe('abgelaufen');
  });
});

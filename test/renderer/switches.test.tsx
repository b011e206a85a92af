import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { SwitchesEditor } from '../../renderer/src/features/config/uccx/SwitchesEditor';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { createFakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';
import type { SwitchesView } from '../../shared/domain/switches';
import { reactRoot, setValue, settle } from '../support/react-root';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { notTurnedOff } from '../../electron/services/uccx/switches';
import { ConsoleError } from '../../shared/ipc/result';

const outage = { name: 'outage', enabled: true, prompt: 'en_US/outage.wav', until: '' };
const weather = { name: 'weather', enabled: false, prompt: '', until: '' };
const VIEW: SwitchesView = {
  path: '/en_US/lists/switches.xml',
  exists: true,
  switches: [outage, weather],
  updated: '2026-12-02T14:30:00Z',
  updatedBy: 'administrator',
  size: 200,
  dateModified: '2026-12-02T14:30:00.000Z',
  modifiedBy: 'administrator',
  skipped: [],
  queued: null,
  timers: [{ name: 'storm', until: Date.UTC(2026, 11, 2, 6, 0), state: 'reverted', late: true, revertedAt: Date.UTC(2026, 11, 2, 7, 0), changeId: 'c1' }],
  durations: [1800, 3600, 7200],
};

const mount = reactRoot(() => useUccxStore.setState({ config: null, state: null, loading: false, error: null, pending: [] }));

const byLabel = (label: string) => mount.container.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
const button = (scope: ParentNode, text: string) => [...scope.querySelectorAll('button')].find((b) => b.textContent === text)!;

describe('Switches editor', () => {
  it('shows On and Off in words, says a late end in words, and turns a switch on for 30 min only after its confirmation', async () => {
    const api = createFakeApi({
      'uccx:switches': () => VIEW,
      'uccx:switches-save': () => pendingChange('saved', { ref: { system: 'uccx', type: 'switches', id: VIEW.path }, label: 'Switches (switches.xml)' }),
      'changes:list': () => [],
    });
    setApi(api);
    mount.render(<SwitchesEditor />);
    await settle();
    const rows = [...mount.container.querySelectorAll('tbody tr')].map((row) => row.textContent);
    expect(rows[0]).toMatch(/^outageOnen_US\/outage\.wav/);
    expect(rows[1]).toMatch(/^weatherOffnone/);
    expect(mount.container.querySelector('[data-testid="switch-late"]')!.textContent).toMatch(/The switch “storm” was due to turn off at .+ while the console was not running; the console turned it off at its next start/);

    await act(async () => byLabel('Turn on… (switch weather)').click());
    const panel = mount.container.querySelector('[role="alertdialog"]')!;
    // Focus starts on the safe choice.
    expect(document.activeElement?.textContent).toBe('Cancel');
    expect(panel.querySelector('[data-testid="switch-confirm-words"]')!.textContent).toBe(
      'Callers will hear the announcement the script plays for it (no prompt is set in the document) at the start of every call to applications that read the switch ‘weather’, until someone turns it off. UCCX is not accepting writes now: the change waits in Pending changes and is written when it does.',
    );
    expect(api.requestsTo('uccx:switches-save')).toEqual([]);
    const thirty = [...panel.querySelectorAll('label')].find((label) => label.textContent?.includes('For 30 min'))!.querySelector('input')!;
    await act(async () => thirty.click());
    expect(panel.querySelector('[data-testid="switch-confirm-words"]')!.textContent).toMatch(/until .+; then the console turns it off by itself/);
    const before = Date.now();
    await act(async () => button(panel, 'Turn weather on').click());
    await settle();
    const [saved] = api.requestsTo('uccx:switches-save');
    expect(saved!.base).toEqual([outage, weather]);
    expect(saved!.switches[0]).toEqual(outage);
    expect(saved!.switches[1]).toMatchObject({ name: 'weather', enabled: true, prompt: '' });
    const until = Date.parse(saved!.switches[1]!.until);
    expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 1800_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 1800_000);
    expect(mount.container.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('removing a switch that is on says what callers stop hearing; Esc cancels and nothing is sent', async () => {
    const api = createFakeApi({ 'uccx:switches': () => VIEW, 'changes:list': () => [] });
    setApi(api);
    mount.render(<SwitchesEditor />);
    await settle();
    await act(async () => byLabel('Remove… (switch outage)').click());
    const panel = mount.container.querySelector('[role="alertdialog"]')!;
    expect(panel.querySelector('[data-testid="switch-confirm-words"]')!.textContent).toMatch(
      /^Applications that read the switch ‘outage’ will find no switch and read it as off: callers will no longer hear outage\.wav\. It cannot be undone here/,
    );
    await act(async () => panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(mount.container.querySelector('[role="alertdialog"]')).toBeNull();
    expect(api.requestsTo('uccx:switches-save')).toEqual([]);
  });

  it("speaks German from the catalogue: a rename, the late and failed banners and a rule's problem; in the pseudo-locale every word is from a catalogue", async () => {
    const view: SwitchesView = {
      ...VIEW,
      timers: [
        ...VIEW.timers,
        { name: 'holiday', until: Date.UTC(2026, 11, 2, 8, 0), state: 'failed', late: false, revertedAt: null },
        { name: 'promo', until: Date.UTC(2026, 11, 2, 9, 0), state: 'failed', late: false, revertedAt: null, message: 'UCCX refused the document.' },
        {
          name: 'sale',
          until: Date.UTC(2026, 11, 2, 10, 0),
          state: 'failed',
          late: false,
          revertedAt: null,
          ...notTurnedOff('sale', new ConsoleError('unavailable', 'The change journal is closed.', undefined, { id: 'errors.changes.journalClosed' })),
        },
      ],
    };
    setApi(createFakeApi({ 'uccx:switches': () => view, 'changes:list': () => [] }));
    try {
      for (const language of ['de', 'pseudo'] as const) {
        await applyLanguage(language);
        mount.render(<SwitchesEditor />);
        await settle();
        await act(async () => mount.container.querySelectorAll<HTMLButtonElement>('tbody tr')[1]!.querySelectorAll('button')[1]!.click());
        const name = mount.container.querySelector<HTMLInputElement>('tbody input')!;
        await act(async () => setValue(name, 'wet ter'));
        await act(async () => setValue(name, 'storm'));
        await act(async () => mount.container.querySelector<HTMLButtonElement>('tbody button.primary')!.click());
        if (language === 'de') {
          expect(mount.container.querySelector('[data-testid="switch-late"]')!.textContent).toMatch(/^⚠ Der Schalter „storm“ sollte sich am .+ ausschalten, als die Konsole nicht lief; die Konsole hat ihn beim nächsten Start ausgeschaltet \(.+\)\.$/);
          expect([...mount.container.querySelectorAll('.banner-error')].map((banner) => banner.textContent)).toEqual([
            '✖ Der Schalter „holiday“ konnte zu seiner Zeit nicht ausgeschaltet werden. Schalten Sie ihn hier aus.',
            '✖ UCCX refused the document. Schalten Sie ihn hier aus.',
            '✖ Die Änderung, die sale ausschaltet, konnte nicht in die Warteschlange gestellt werden: Das Änderungsjournal ist geschlossen. Schalten Sie ihn hier aus.',
          ]);
          expect(mount.container.querySelector('[role="alertdialog"] h3, [role="alertdialog"] h2')?.textContent).toBe('Den Schalter „weather“ speichern?');
          expect(mount.container.querySelector('[data-testid="switch-confirm-words"]')!.textContent).toBe(
            'Schalter: weather umbenannt in storm. Anwendungen, die den Schalter ‚weather‘ lesen, finden keinen Schalter und lesen ihn als aus; Skripte müssen stattdessen ‚storm‘ abfragen. ' +
              'UCCX nimmt gerade keine Schreibzugriffe an: Die Änderung wartet unter „Ausstehende Änderungen“ und wird geschrieben, sobald UCCX sie wieder annimmt.',
          );
          // The shared rule's problem, said by its id: the add form with a name scripts cannot ask for.
          const add = mount.container.querySelector<HTMLInputElement>('form.switch-add input')!;
          await act(async () => setValue(add, 'out age'));
          expect(mount.container.querySelector('form.switch-add')!.textContent).toContain('Nur Buchstaben, Ziffern, - und _ verwenden (Skripte fragen den Schalter unter diesem Namen ab).');
          await act(async () => setValue(add, 'Outage'));
          expect(mount.container.querySelector('form.switch-add')!.textContent).toContain('Es gibt bereits einen Schalter namens Outage.');
        } else {
          expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
        }
        mount.render(<></>);
      }
    } finally {
      await applyLanguage('en');
    }
  });
});

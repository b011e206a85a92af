import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { BulkReskill } from '../../renderer/src/features/config/uccx/BulkReskill';
import { PendingMarker } from '../../renderer/src/features/config/uccx/PendingMarker';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { useChangeProgress } from '../../renderer/src/store/change-progress';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { createFakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { reactRoot, settle } from '../support/react-root';
import type { ChangeProgress } from '../../shared/domain/changes';
import { httpFailureMessage, httpFailureSentence } from '../../shared/domain/error-words';
import type { UccxAgent, UccxConfig, UccxState } from '../../shared/domain/uccx';

/**
 * The parts of the UCCX agent editors the demo lab does not show on its own:
 * an object's marker with several changes and the server's reason, and a bulk
 * re-skill's progress once changes are written, failed or in conflict. They
 * read as German and Spanish do, and in the pseudo-locale every word comes
 * from a catalogue.
 */

const agent = (userID: string, level: number): UccxAgent => ({
  userID,
  firstName: userID.toUpperCase(),
  lastName: 'Test',
  extension: '4000',
  alias: userID,
  autoAvailable: true,
  type: 1,
  team: { id: '1', name: 'Sales' },
  resourceGroup: null,
  skills: level ? [{ skillId: '1', name: 'Billing', level }] : [],
});

const CONFIG: UccxConfig = {
  // Changing Billing to level 5: ann and cid change, bob does not have the skill.
  agents: [agent('ann', 3), agent('bob', 0), agent('cid', 10)],
  skills: [{ id: '1', name: 'Billing' }],
  resourceGroups: [],
  csqs: [],
  teams: [{ id: '1', name: 'Sales', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [] }],
  applications: [],
  calendars: [],
  fetchedAt: Date.UTC(2026, 0, 5, 9, 15),
  source: 'live',
  node: 'ccx-a',
};

const READ_ONLY: UccxState = { mode: 'read-only', writable: false, detail: 'UCCX read-only: ccx-a unreachable since 10:42', nodes: [], waiting: 0 };
const REASON = 'HTTP 500: Resource busy';

const mount = reactRoot(() => {
  useUccxStore.setState({ config: CONFIG, state: READ_ONLY, loading: false, error: null, pending: [] });
  useChangeProgress.setState({ byId: {} });
  setApi(
    createFakeApi({
      'uccx:submit': ({ edits }) => edits.map((edit) => pendingChange(`change-${edit.id}`, { ref: { system: 'uccx', type: 'resource', id: edit.id } })),
      'changes:list': () => [],
    }),
  );
});

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

const panelText = () => mount.container.querySelector('.bulk-progress')!.textContent!.replace(/\s+/g, ' ').trim();

/** Bulk re-skill of the three agents to Billing level 5, applied: two changes saved. */
async function applyLevelChange(): Promise<void> {
  mount.render(<BulkReskill config={CONFIG} agents={CONFIG.agents} onClose={() => undefined} />);
  const action = mount.container.querySelector('select')!;
  await act(async () => {
    action.value = 'set';
    action.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const apply = mount.container.querySelector<HTMLButtonElement>('button.primary')!;
  await act(async () => apply.click());
  await settle();
}

function progress(...updates: ChangeProgress[]): void {
  act(() => useChangeProgress.setState({ byId: Object.fromEntries(updates.map((update) => [update.id, update])) }));
}

describe('UCCX agent editors in other languages', () => {
  it("says an object's several changes and the server's reason in German, the reason as sent", async () => {
    await act(() => applyLanguage('de'));
    const changes = [pendingChange('a', { state: 'queued' }), pendingChange('b', { state: 'failed', lastError: REASON })];
    mount.render(
      <>
        <PendingMarker changes={changes} />
        <PendingMarker changes={changes} brief />
      </>,
    );
    const [full, brief] = [...mount.container.querySelectorAll('.pending-marker')];
    expect(full!.textContent).toBe(`✖ 2 Änderungen: Fehlgeschlagen: ${REASON}`);
    expect(full!.querySelector('[data-main-text]')?.textContent).toBe(REASON);
    expect(brief!.textContent).toBe('✖ 2 Änderungen: Fehlgeschlagen');
  });

  it("says a refusal main sent by id in German, next to the object and in a bulk re-skill's progress, with the server's own words as sent", async () => {
    await act(() => applyLanguage('de'));
    const place = { system: 'UCCX', node: 'ccx-a' };
    const refusal = { lastError: httpFailureSentence(500, place, 'Resource busy'), lastErrorMessage: httpFailureMessage(500, place, 'Resource busy') };
    const GERMAN = 'Knoten ccx-a von UCCX meldet einen internen Fehler (HTTP 500). Meldung des Servers: Resource busy';
    mount.render(<PendingMarker changes={[pendingChange('b', { state: 'failed', ...refusal })]} />);
    const marker = mount.container.querySelector('.pending-marker')!;
    expect(marker.textContent).toBe(`✖ Fehlgeschlagen: ${GERMAN}`);
    expect(marker.querySelector('[data-main-text]')).toBeNull();
    expect([...marker.querySelectorAll('[translate="no"]')].map((element) => element.textContent)).toEqual(['ccx-a', 'UCCX', 'Resource busy']);

    await applyLevelChange();
    progress({ id: 'change-ann', state: 'applied' }, { id: 'change-cid', state: 'failed', ...refusal });
    expect(panelText()).toBe(`Geschrieben: 1 von 2, 1 fehlgeschlagen: ${GERMAN}`);
    expect(mount.container.querySelector('.bulk-progress [data-main-text]')).toBeNull();
  });

  it("follows a bulk re-skill's progress in German and Spanish: what it waits for, then what was written and what went wrong", async () => {
    await act(() => applyLanguage('de'));
    await applyLevelChange();
    expect(mount.container.querySelector('h3')!.textContent).toBe('Vorschau: 2 Agenten werden geändert, 1 unverändert');
    expect(panelText()).toBe('In der Warteschlange: 2 von 2; werden geschrieben, sobald UCCX wieder Schreibzugriffe annimmt');
    progress({ id: 'change-ann', state: 'applied' }, { id: 'change-cid', state: 'failed', lastError: REASON });
    expect(panelText()).toBe(`Geschrieben: 1 von 2, 1 fehlgeschlagen: ${REASON}`);
    expect(mount.container.querySelector('.bulk-progress [data-main-text]')?.textContent).toBe(REASON);

    await act(() => applyLanguage('es'));
    progress({ id: 'change-ann', state: 'failed', lastError: REASON }, { id: 'change-cid', state: 'conflicted' });
    expect(panelText()).toBe(`Escritos 0 de 2, 1 con error: ${REASON} y 1 en conflicto (cambiado en el servidor; resuélvalo en Cambios pendientes)`);
    expect(mount.container.querySelector('button:not(.primary)')!.textContent).toBe('Cerrar');
  });

  it('in the pseudo-locale, every word of a bulk re-skill and its progress comes from a catalogue', async () => {
    await act(() => applyLanguage('pseudo'));
    await applyLevelChange();
    progress({ id: 'change-ann', state: 'discarded' }, { id: 'change-cid', state: 'failed', lastError: REASON });
    expect(mount.container.querySelectorAll('.bulk-reskill td.muted')).toHaveLength(1);
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
  });
});

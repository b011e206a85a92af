import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { call, setApi } from '../../renderer/src/api/client';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { ErrorBanner, MainText, sayError, shownError } from '../../renderer/src/components/ErrorDetails';
import { runWrite } from '../../renderer/src/features/config/cupi/cupi-hooks';
import { TeamMessageDialog } from '../../renderer/src/features/board/TeamMessageDialog';
import { useAppStore } from '../../renderer/src/store/app-store';
import { saySubmission } from '../../renderer/src/store/change-progress';
import { describeSubmission, type ChangeProgress, type ChangeState } from '../../shared/domain/changes';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { ConsoleError } from '../../shared/ipc/result';
import { httpFailureMessage, httpFailureSentence } from '../../shared/domain/error-words';
import { createFakeApi } from '../support/fake-api';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { reactRoot } from '../support/react-root';

/**
 * Main's errors and write outcomes as the renderer says them: the sentence by
 * id in the user's language, with the server's own words (a node's name,
 * Cisco's reason) shown as sent in `translate="no"`; main's English when it
 * sent no id the catalogue has, marked as such.
 */
const PLACE = { system: 'UCCX', node: 'ccx-a' };
/** What main answers when UCCX refuses a CSQ name, as the dispatcher sends it. */
const REFUSED = new ConsoleError('rejected', httpFailureSentence(400, PLACE, 'name too long'), 'HTTP 400 from PUT https://ccx-a:8443/adminapi/csq/3', httpFailureMessage(400, PLACE, 'name too long'));

const mount = reactRoot(() => useAppStore.setState({ notices: [] }));

async function settle(ms = 30): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** The error `call()` throws when main refuses. */
async function refusal(error: ConsoleError = REFUSED): Promise<unknown> {
  setApi(createFakeApi({ 'uccx:submit': () => Promise.reject(error) }));
  return call('uccx:submit', { edits: [] } as never).catch((failure: unknown) => failure);
}

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

describe("main's errors in the user's language", () => {
  it('reads in English exactly as main wrote it, and in German with the server\'s words untouched', async () => {
    const error = await refusal();
    await act(() => applyLanguage('en'));
    mount.render(<ErrorBanner error={shownError(error)} />);
    expect(mount.container.querySelector('p')?.textContent).toBe(`⚠ ${REFUSED.message}`);

    await act(() => applyLanguage('de'));
    expect(mount.container.querySelector('p')?.textContent).toBe('⚠ Knoten ccx-a von UCCX hat die Anfrage als ungültig abgelehnt (HTTP 400). Meldung des Servers: name too long');
    // The node's name and UCCX's reason are data: shown as sent, never translated.
    const data = [...mount.container.querySelectorAll('[translate="no"]')].map((element) => element.textContent);
    expect(data).toEqual(expect.arrayContaining(['ccx-a', 'name too long']));
    // The technical detail stays behind "Details", in German too.
    expect(mount.container.querySelector('summary')?.textContent).toBe('Details');
    expect(sayError(error)).toBe('Knoten ccx-a von UCCX hat die Anfrage als ungültig abgelehnt (HTTP 400). Meldung des Servers: name too long');
  });

  it('says every word of ours through the catalogues (pseudo-locale)', async () => {
    const error = await refusal();
    await act(() => applyLanguage('pseudo'));
    mount.render(<ErrorBanner error={shownError(error)} />);
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
  });

  it("shows main's English, marked as not yet converted, when there is no id the catalogue has", async () => {
    await act(() => applyLanguage('de'));
    for (const said of [undefined, { id: 'errors.notInAnyCatalogue' }]) {
      mount.render(<MainText said={said} english="Something main says only in English." />);
      expect(mount.container.textContent).toBe('Something main says only in English.');
      expect(mount.container.querySelector('[data-main-text]')).not.toBeNull();
    }
  });

  it("toasts a Unity Connection write's outcome and its refusal in Spanish", async () => {
    await act(() => applyLanguage('es'));
    await act(() => runWrite(async () => ({ state: 'applied', message: 'User jdoe: saved.', said: { id: 'main.cupi.saved', values: { label: 'User jdoe' } } })));
    const conflict = new ConsoleError('conflict', 'User jdoe was changed in Unity Connection after you opened it. Nothing was written; resolve it in Pending changes or reload.', undefined, {
      id: 'errors.cupi.conflict',
      values: { label: 'User jdoe', withDifferences: 'no', differences: '' },
    });
    setApi(createFakeApi({ 'cupi:update': () => Promise.reject(conflict) }));
    await act(() => runWrite(() => call('cupi:update', {} as never)));
    expect(useAppStore.getState().notices.map((notice) => [notice.level, notice.message])).toEqual([
      ['success', 'User jdoe: guardado.'],
      ['error', 'User jdoe se modificó en Unity Connection después de que lo abriera. No se escribió nada; resuélvalo en Cambios pendientes o vuelva a cargar.'],
    ]);
  });

  it("says main's sentence inside another (a change's refusal inside its write's outcome) in German, the server's reason as sent", async () => {
    await act(() => applyLanguage('de'));
    const place = { system: 'Unity Connection', node: 'cuc-pub' };
    const lastError = httpFailureSentence(400, place, 'Alias too long');
    const failed = new ConsoleError('rejected', `User jdoe: ${lastError} The change is kept in Pending changes to edit or discard.`, undefined, {
      id: 'errors.cupi.failed',
      values: { label: 'User jdoe', withError: 'yes', error: lastError },
      sentences: { error: httpFailureMessage(400, place, 'Alias too long') },
    });
    const german = 'User jdoe: Knoten cuc-pub von Unity Connection hat die Anfrage als ungültig abgelehnt (HTTP 400). Meldung des Servers: Alias too long Die Änderung bleibt unter „Ausstehende Änderungen“, zum Bearbeiten oder Verwerfen.';
    expect(sayError(failed)).toBe(german);
    mount.render(<ErrorBanner error={shownError(failed)} />);
    expect(mount.container.querySelector('p')?.textContent).toBe(`⚠ ${german}`);
    expect([...mount.container.querySelectorAll('[translate="no"]')].map((element) => element.textContent)).toEqual(['User jdoe', 'cuc-pub', 'Unity Connection', 'Alias too long']);
  });

  it("shows Finesse's refusal in the team message dialog in German", async () => {
    await act(() => applyLanguage('de'));
    const notSupervisor = new ConsoleError('forbidden', 'sup1 is not a supervisor in Finesse, so it cannot act on agents or send team messages.', undefined, {
      id: 'errors.finesse.notSupervisor',
      values: { user: 'sup1' },
    });
    setApi(createFakeApi({ 'finesse:teams': () => Promise.reject(notSupervisor), 'finesse:messages': () => [] }));
    mount.render(<TeamMessageDialog onClose={() => {}} />);
    await settle();
    const alert = mount.container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('sup1 ist in Finesse kein Supervisor und kann daher weder auf Agenten einwirken noch Teamnachrichten senden.');
    expect(alert?.querySelector('[translate="no"]')?.textContent).toBe('sup1');
    expect(alert?.querySelector('[data-main-text]')).toBeNull();
  });
});

describe("a write's progress toast", () => {
  /** Every mix of states a submission goes through, one change or many (a bulk re-skill of thousands among them). */
  function submissions(): ChangeProgress[][] {
    const states: ChangeState[] = ['queued', 'applying', 'applied', 'failed', 'conflicted', 'discarded'];
    const one = (state: ChangeState, index: number, extra: Partial<ChangeProgress> = {}): ChangeProgress => ({ id: `c${index}`, state, ...extra });
    const list: ChangeProgress[][] = [];
    for (const state of states) {
      list.push([one(state, 0)]);
      list.push([one(state, 0, { lastError: 'Skill 12 does not exist.' })]);
    }
    list.push([one('failed', 0, { lastError: 'Only administrators may change CSQs.', notPermitted: true })]);
    for (const first of states) for (const second of states) list.push([one(first, 0), one(second, 1, second === 'failed' ? { lastError: 'HTTP 500' } : {})]);
    list.push(Array.from({ length: 1500 }, (_, index) => one(index < 1200 ? 'applied' : 'queued', index)));
    list.push(Array.from({ length: 1500 }, (_, index) => one('applied', index)));
    return list;
  }

  it('reads in English exactly as the shared words do, for every mix of states', async () => {
    await act(() => applyLanguage('en'));
    for (const progress of submissions()) {
      for (const waitingFor of [undefined, 'UCCX accepts writes again']) {
        expect(saySubmission('CSQ Sales', progress, waitingFor)).toEqual(describeSubmission('CSQ Sales', progress, waitingFor));
      }
    }
  });

  it('reads in German and Spanish', async () => {
    await act(() => applyLanguage('de'));
    const queued = [{ id: 'c1', state: 'queued' as const }];
    expect(saySubmission('Benutzer jdoe', queued, 'der Unity-Connection-Publisher wieder Änderungen annimmt').text).toBe(
      'Benutzer jdoe: in der Warteschlange; wird geschrieben, sobald der Unity-Connection-Publisher wieder Änderungen annimmt',
    );
    const mixed: ChangeProgress[] = [{ id: 'c1', state: 'applied' }, { id: 'c2', state: 'failed', lastError: 'HTTP 500' }, { id: 'c3', state: 'conflicted' }];
    expect(saySubmission('Umschulung', mixed).text).toBe('Umschulung: 1 von 3 geschrieben, 1 fehlgeschlagen: HTTP 500, 1 im Konflikt (auf dem Server geändert; unter „Ausstehende Änderungen“ lösen)');
    await act(() => applyLanguage('es'));
    expect(saySubmission('Usuario jdoe', [{ id: 'c1', state: 'applied' }]).text).toBe('Usuario jdoe: escrito ✓');
  });
});

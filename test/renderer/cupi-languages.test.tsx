import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { applyLanguage, hasMessage, t } from '../../renderer/src/i18n/i18n';
import { UserDetail } from '../../renderer/src/features/config/cupi/UsersEditor';
import { FieldForm } from '../../renderer/src/features/config/cupi/FieldForm';
import { DiffView } from '../../renderer/src/components/DiffView';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { createFakeApi } from '../support/fake-api';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { reactRoot, setValue } from '../support/react-root';
import { TRANSFER_RULE_FORM_FIELDS, validateCupiFields, validateTransferRuleFields } from '../../shared/domain/cupi-fields';
import type { CupiFields } from '../../shared/domain/cupi';

/**
 * The parts of the Unity Connection editors the demo lab does not show: a
 * saved copy read while Unity Connection is unreachable, a locked-out PIN,
 * the delete confirmation, the review of a change and a conflict's three
 * columns. In the pseudo-locale every word must come from a catalogue; in
 * German the counts and moments read as German does.
 */
const USER: CupiFields = {
  ObjectId: '0b6f7c2e-1d2a-4c55-9a77-2f1e8c0d4a11',
  Alias: 'jdoe',
  DisplayName: 'Jane Doe',
  FirstName: 'Jane',
  LastName: 'Doe',
  DtmfAccessId: '4011',
  TimeZone: '35',
  UseDefaultTimeZone: 'false',
};
const RULE: CupiFields = { Action: '0', Extension: '', TransferType: '0', PlayTransferPrompt: 'true', TransferRings: '4' };
const SAVED_AT = new Date(2026, 0, 15, 9, 30).getTime();

function fakeApi() {
  return createFakeApi({
    'cupi:get': () => ({
      type: 'user',
      fields: USER,
      source: 'cache',
      fetchedAt: SAVED_AT,
      pin: { kind: 'pin', locked: false, hacked: true, hackCount: 5, mustChange: true, cantChange: false, doesntExpire: false, timeChanged: '2026-01-10 08:00:00.0', timeLockout: '2026-01-15 09:00:00.0' },
      password: { kind: 'password', locked: true, hacked: false, hackCount: 0, mustChange: false, cantChange: false, doesntExpire: false, timeChanged: null, timeLockout: null },
    }),
  });
}

const mount = reactRoot();

async function settle(ms = 50): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

function select(element: HTMLSelectElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

const button = (text: RegExp) => [...mount.container.querySelectorAll('button')].find((b) => text.test(b.textContent ?? ''))!;

/** A user with a locked-out PIN read from a saved copy, its delete asked, its display name changed and in review. */
async function showUserInEveryState(): Promise<void> {
  setApi(fakeApi());
  mount.render(<UserDetail objectId={USER.ObjectId!} readOnly={false} publisherDown={true} afterWrite={() => {}} />);
  await settle();
  act(() => mount.container.querySelector<HTMLButtonElement>('.cupi-detail-header button.danger')!.click());
  act(() => setValue(mount.container.querySelector<HTMLInputElement>(`#user-${USER.ObjectId}-DisplayName`)!, 'Jane Q. Doe'));
  act(() => setValue(mount.container.querySelector<HTMLInputElement>(`#user-${USER.ObjectId}-Alias`)!, ''));
}

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

describe('the Unity Connection editors in the pseudo-locale', () => {
  it('say every word of a user, its credentials, delete and an unsaved edit through the catalogues', async () => {
    await act(() => applyLanguage('pseudo'));
    await showUserInEveryState();
    // The alias emptied: the form names the required field.
    expect(mount.container.querySelector('[data-testid="form-problem"]')).not.toBeNull();
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);

    // Alias back: the review of the change.
    act(() => setValue(mount.container.querySelector<HTMLInputElement>(`#user-${USER.ObjectId}-Alias`)!, 'jdoe'));
    act(() => mount.container.querySelector<HTMLButtonElement>('form.cupi-form button[type="submit"]')!.click());
    expect(mount.container.querySelector('.review-panel table')).not.toBeNull();
    // The display names before and after are the server's and the user's, not ours.
    const offenders = wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container }).filter((text) => !/"Jane (Q\. )?Doe" in <td/.test(text));
    expect(offenders).toEqual([]);
  });

  it('say a transfer rule with its choices, the supervised-only options and their review', async () => {
    await act(() => applyLanguage('pseudo'));
    mount.render(<FieldForm idPrefix="rule" name="rule" fields={TRANSFER_RULE_FORM_FIELDS} base={RULE} readOnly={false} onSave={async () => true} />);
    act(() => select(mount.container.querySelector<HTMLSelectElement>('#rule-Action')!, '1'));
    act(() => select(mount.container.querySelector<HTMLSelectElement>('#rule-TransferType')!, '1'));
    act(() => setValue(mount.container.querySelector<HTMLInputElement>('#rule-Extension')!, '4001'));
    act(() => mount.container.querySelector<HTMLButtonElement>('button[type="submit"]')!.click());
    expect(mount.container.querySelector('.review-panel table')).not.toBeNull();
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
  });

  it('say the three columns of a conflict', async () => {
    await act(() => applyLanguage('pseudo'));
    mount.render(<DiffView base={{ DisplayName: 'Jane Doe' }} mine={{ DisplayName: 'Jane Q. Doe' }} theirs={{ DisplayName: 'J. Doe', Department: 'Sales' }} labels={{ DisplayName: 'Display name', Department: 'Department' }} />);
    expect(mount.container.querySelectorAll('th[scope="col"]')).toHaveLength(4);
    // The fields' labels are the caller's (the editors translate them); the values are server data.
    const offenders = wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container }).filter((text) => !/Jane|Doe|Display name|Department|Sales/.test(text));
    expect(offenders).toEqual([]);
    expect(mount.container.textContent).toContain(t('diff.empty'));
  });
});

describe('the Unity Connection editors in German', () => {
  it('count failed sign-ins, name fields and date a saved copy in German', async () => {
    await act(() => applyLanguage('de'));
    await showUserInEveryState();
    expect(mount.container.querySelector('[data-testid="pin-status"]')?.textContent).toMatch(/^⚠ Gesperrt nach 5 fehlgeschlagenen Anmeldungen \(seit 15\. Jan\. 2026, \d{1,2}:00\)$/);
    expect(mount.container.querySelector('[data-testid="password-status"]')?.textContent).toBe('⚠ Von einem Administrator gesperrt');
    expect(mount.container.textContent).toContain('Gespeicherte Kopie vom 15. Jan. 2026, 9:30: Unity Connection ist nicht erreichbar.');
    expect(mount.container.querySelector('[role="alertdialog"]')?.textContent).toContain('Benutzer jdoe (Jane Doe) löschen? Postfach und Nachrichten werden mitgelöscht.');
    expect(mount.container.querySelector('[data-testid="form-problem"]')?.textContent).toBe('Noch nicht speicherbar: Alias: Pflichtfeld: darf nicht leer sein.');
    expect(mount.container.querySelector('.field-error')?.textContent).toBe('⚠ Pflichtfeld: darf nicht leer sein.');
    expect(button(/^Änderungen prüfen$/)).toBeDefined();
    expect(mount.container.textContent).toContain('Änderungen an PIN und Kennwort brauchen den Publisher');
  });
});

describe("the Unity Connection rules' words", () => {
  it('read in the English catalogue exactly as the rules say them', async () => {
    await act(() => applyLanguage('en'));
    const problems = [
      ...validateCupiFields('user', { Alias: ' ', UseDefaultTimeZone: 'yes', DtmfAccessId: '12a', SmtpAddress: 'jane' }),
      ...validateTransferRuleFields({ PlayTransferPrompt: 'maybe', TransferRings: '30', Extension: '12a' }),
    ];
    expect(problems).toHaveLength(7);
    for (const problem of problems) {
      expect(problem.said && hasMessage(problem.said.id), problem.message).toBe(true);
      expect(t(problem.said!.id as never, problem.said!.values)).toBe(problem.message);
    }
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { sayProgress, saySubmission } from '../../renderer/src/store/change-progress';
import { describeSubmission, summarizeProgress, type ChangeProgress, type ChangeState } from '../../shared/domain/changes';

/**
 * A submission's toast in the user's language: in English word for word what
 * it said before it came from the catalogues (the shared summary's English),
 * in German its own sentences.
 */
const change = (id: number, state: ChangeState, extra: Partial<ChangeProgress> = {}): ChangeProgress => ({ id: String(id), state, ...extra });

const SINGLE: ChangeProgress[][] = [
  [change(1, 'queued')],
  [change(1, 'applying')],
  [change(1, 'applied')],
  [change(1, 'failed')],
  [change(1, 'failed', { lastError: 'bad value' })],
  [change(1, 'failed', { lastError: 'only administrators may change CSQs', notPermitted: true })],
  [change(1, 'conflicted')],
  [change(1, 'discarded')],
];

const GROUPS: ChangeProgress[][] = [
  [change(1, 'queued'), change(2, 'queued')],
  [change(1, 'applied'), change(2, 'applying'), change(3, 'queued')],
  [change(1, 'applied'), change(2, 'applied')],
  [change(1, 'applied'), change(2, 'failed', { lastError: 'timeout' }), change(3, 'conflicted'), change(4, 'discarded')],
  [change(1, 'applying'), change(2, 'failed'), change(3, 'failed')],
  [change(1, 'queued'), change(2, 'discarded')],
  [change(1, 'conflicted'), change(2, 'conflicted')],
];

afterAll(() => applyLanguage('en'));

describe('the words of a submission in progress', () => {
  it('reads in English exactly as the shared summary does, waiting or not', () => {
    for (const waitingFor of [undefined, 'UCCX accepts writes']) {
      for (const progress of [...SINGLE, ...GROUPS]) {
        const said = saySubmission('CSQ Sales', progress, waitingFor);
        const shared = describeSubmission('CSQ Sales', progress, waitingFor);
        expect(said, JSON.stringify(progress)).toEqual(shared);
      }
      for (const progress of GROUPS) expect(sayProgress(progress, waitingFor)).toEqual(summarizeProgress(progress, waitingFor));
    }
  });

  it('says the toast in German, the server\'s words untouched', async () => {
    await applyLanguage('de');
    expect(saySubmission('CSQ Sales', [change(1, 'failed', { lastError: 'bad value' })]).text).toBe('CSQ Sales: fehlgeschlagen. Der Server meldete: bad value');
    expect(saySubmission('Bulk re-skill', [change(1, 'applied'), change(2, 'failed', { lastError: 'timeout' }), change(3, 'conflicted')]).text).toBe(
      'Bulk re-skill: 1 von 3 geschrieben, 1 fehlgeschlagen: timeout, 1 im Konflikt (auf dem Server geändert; in „Ausstehende Änderungen“ lösen)',
    );
    expect(saySubmission('Bulk re-skill', [change(1, 'applied'), change(2, 'applied')]).text).toBe('Bulk re-skill: 2 von 2 geschrieben ✓');
  });
});

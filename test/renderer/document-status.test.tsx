import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentSource, QueuedBanner, SkippedBanner } from '../../renderer/src/features/config/uccx/DocumentStatus';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { reactRoot } from '../support/react-root';
import type { MainMessage } from '../../shared/domain/main-message';

const mount = reactRoot();

/** Two parts a reader skipped, in main's English and by id. */
const SKIPPED = ['weather: enabled="yes" reads as off (scripts compare with "true")', 'caller 4: 12ab is not a phone number'];
const SKIPPED_SAID: MainMessage[] = [
  { id: 'main.uccx.skipped.switchEnabled', values: { name: 'weather', value: 'yes' } },
  { id: 'main.uccx.skipped.callerNotNumber', values: { position: 4, text: '12ab' } },
];

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

describe('document status', () => {
  it('says where a document is, when and by whom it changed, or what creates it when UCCX has none', () => {
    const document = { path: '/en_US/lists/vip.xml', exists: true, dateModified: '2026-12-02T09:15:00.000Z', modifiedBy: 'sup1' };
    mount.render(<DocumentSource document={document} contents="2 callers" whenMissing="saving creates it." testId="source" />);
    expect(mount.container.textContent).toMatch(/^\/en_US\/lists\/vip\.xml: 2 callers on UCCX, changed .+ by sup1\.$/);
    mount.render(<DocumentSource document={{ ...document, dateModified: null, modifiedBy: null }} contents="2 callers" whenMissing="saving creates it." testId="source" />);
    expect(mount.container.textContent).toBe('/en_US/lists/vip.xml: 2 callers on UCCX.');
    mount.render(<DocumentSource document={{ ...document, exists: false }} contents="0 callers" whenMissing="saving creates /en_US/lists/vip.xml." testId="source" />);
    expect(mount.container.querySelector('[data-testid="source"]')!.textContent).toBe('Not on UCCX yet: saving creates /en_US/lists/vip.xml.');
  });

  it('names at most 20 skipped parts, shows nothing when none were skipped, and announces waiting changes as a status', () => {
    const skipped = Array.from({ length: 25 }, (_, index) => `caller ${index + 1}: no number`);
    mount.render(<SkippedBanner skipped={skipped} what="entries" />);
    const banner = mount.container.querySelector('[role="status"]')!;
    expect(banner.textContent).toMatch(/The document on UCCX holds entries the console cannot use; they are left out and are not written back:/);
    expect(banner.querySelectorAll('li')).toHaveLength(20);
    mount.render(<SkippedBanner skipped={[]} what="entries" />);
    expect(mount.container.innerHTML).toBe('');
    mount.render(<QueuedBanner>Changes are waiting.</QueuedBanner>);
    expect(mount.container.querySelector('[role="status"]')!.textContent).toMatch(/Changes are waiting\.$/);
  });

  it('says where a document is in German, with the path and the user as data and the moment in the locale, and every word from a catalogue', async () => {
    const document = { path: '/en_US/lists/vip.xml', exists: true, dateModified: '2026-12-02T09:15:00.000Z', modifiedBy: 'sup1' };
    await act(() => applyLanguage('de'));
    mount.render(<DocumentSource document={document} contents="2 Anrufer" whenMissing="" testId="source" />);
    expect(mount.container.textContent).toMatch(/^\/en_US\/lists\/vip\.xml: 2 Anrufer auf UCCX, geändert am 2\. Dez\. 2026, \d{1,2}:15 von sup1\.$/);
    expect(mount.container.querySelector('time')!.getAttribute('datetime')).toBe('2026-12-02T09:15:00.000Z');
    expect([...mount.container.querySelectorAll('[translate="no"]')].map((element) => element.textContent)).toEqual(['/en_US/lists/vip.xml', 'sup1']);
    mount.render(<SkippedBanner skipped={['weather: enabled="yes" reads as off']} what="values" />);
    expect(mount.container.textContent).toContain('Das Dokument auf UCCX enthält Werte, die die Konsole nicht verwenden kann');
    // Main's words for each skipped part, by id, with the document's own text as sent.
    mount.render(<SkippedBanner skipped={SKIPPED} said={SKIPPED_SAID} what="values" />);
    expect([...mount.container.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
      'weather: enabled="yes" gilt als aus (Skripte vergleichen mit "true")',
      'Anrufer 4: 12ab ist keine Telefonnummer',
    ]);
    expect([...mount.container.querySelectorAll('li [translate="no"]')].map((element) => element.textContent)).toEqual(['weather', 'yes', '12ab']);
    expect(mount.container.querySelector('[data-main-text]')).toBeNull();

    await act(() => applyLanguage('pseudo'));
    mount.render(
      <>
        <DocumentSource document={{ ...document, dateModified: 'last Tuesday' }} contents="" whenMissing="" testId="source" />
        <SkippedBanner skipped={SKIPPED} said={SKIPPED_SAID} what="entries" />
      </>,
    );
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DocumentSource, QueuedBanner, SkippedBanner } from '../../renderer/src/features/config/uccx/DocumentStatus';
import { reactRoot } from '../support/react-root';

const mount = reactRoot();

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
});

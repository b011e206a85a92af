import { describe, expect, it } from 'vitest';
import { sayMain } from '../../renderer/src/i18n/i18n';

/** Main's sentences with parts said by id: the parts in the active language, or, where the catalogue lacks one, the whole sentence as main wrote it. */
describe('sayMain', () => {
  it('says the parts by id and lists them as the language writes a list', () => {
    const said = sayMain({ id: 'main.uccx.readOnly', values: { faults: [{ id: 'node.ok.phrase' }, { id: 'node.ok.phrase' }], waiting: 1 } }, 'English from main');
    expect(said).toBe('UCCX read-only: connected, connected; 1 change waiting');
  });

  it('falls back to main\'s English when a part\'s id is not in the catalogue, never showing the id', () => {
    const said = sayMain({ id: 'main.uccx.readOnly', values: { faults: [{ id: 'node.ok.phrase' }, { id: 'node.no-such.phrase' }], waiting: 0 } }, 'UCCX read-only: as main wrote it');
    expect(said).toBe('UCCX read-only: as main wrote it');
    expect(sayMain({ id: 'main.no-such-id' }, 'as main wrote it')).toBe('as main wrote it');
  });
});

import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { CallerListsEditor } from '../../renderer/src/features/config/uccx/CallerListsEditor';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { createFakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';
import type { CallerListDocument } from '../../shared/domain/caller-lists';
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

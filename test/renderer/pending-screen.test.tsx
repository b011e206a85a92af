import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { PendingScreen } from '../../renderer/src/features/pending/PendingScreen';
import { PendingCountBadge } from '../../renderer/src/features/pending/PendingCountBadge';
import { usePendingStore } from '../../renderer/src/features/pending/pending-store';
import { createFakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';
import { reactRoot, settle } from '../support/react-root';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import type { AuditEntry } from '../../shared/domain/changes';

const CHANGES = [
  pendingChange('q1'),
  pendingChange('f1', { state: 'failed', attempts: 1, lastError: 'UCCX refused the change (HTTP 400): alias must be at most 31 characters', label: 'Agent Bob (bob)' }),
  pendingChange('c1', { state: 'conflicted', attempts: 1, theirs: { alias: 'Jay' }, label: 'Agent Carla (carla)' }),
];

function fakeApi() {
  const api = createFakeApi({
    'changes:list': () => CHANGES,
    'changes:counts': () => ({ queued: 1, applying: 0, failed: 1, notPermitted: 0, conflicted: 1, waiting: 3 }),
    'changes:audit': () => [],
    'changes:retry': () => CHANGES[0]!,
    'changes:discard': () => CHANGES[0]!,
    'changes:edit': () => CHANGES[0]!,
    'changes:resolve': () => CHANGES[0]!,
  });
  return { api, requests: api.requests };
}

const mount = reactRoot(() => usePendingStore.setState({ counts: null, changes: [], error: null }));

function button(name: string, scope: ParentNode = mount.container): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button ${name}`);
  return found as HTMLButtonElement;
}

/** A change that failed, was tried again and then written: its earlier steps as main folds them. */
const AUDITED: AuditEntry = {
  at: Date.UTC(2026, 11, 2, 9, 20),
  firstAt: Date.UTC(2026, 11, 2, 9, 0),
  profile: 'Head office',
  user: 'administrator',
  system: 'uccx',
  objectType: 'resource',
  objectId: 'ann',
  label: 'Agent Ann (ann)',
  changeId: 'a1',
  before: { alias: 'ann' },
  after: { alias: 'Annie' },
  result: 'applied',
  history: ['2026-12-02T09:05:00.000Z failed: UCCX answered 500', '2026-12-02T09:10:00.000Z tried again'],
  historyMessages: [{ id: 'main.audit.step.failedBecause', values: { message: 'UCCX answered 500' } }, { id: 'main.audit.step.retried' }],
};

describe('Pending changes screen', () => {
  it('lists queued, failed and conflicted changes in words, with the server message', async () => {
    const { api } = fakeApi();
    setApi(api);
    mount.render(<PendingScreen />);
    await settle();
    const text = mount.container.textContent ?? '';
    expect(text).toContain('3 waiting: 1 queued, 0 writing, 1 failed, 1 in conflict');
    const rows = [...mount.container.querySelectorAll('tr.change-row')].map((row) => row.textContent ?? '');
    expect(rows[0]).toContain('Queued');
    expect(rows[1]).toContain('Failed');
    expect(rows[1]).toContain('Server said: UCCX refused the change (HTTP 400): alias must be at most 31 characters');
    expect(rows[2]).toContain('In conflict');
  });

  it('retries a failed change and resolves a conflict after showing theirs, base and mine', async () => {
    const { api, requests } = fakeApi();
    setApi(api);
    mount.render(<PendingScreen />);
    await settle();
    const rows = [...mount.container.querySelectorAll('tr.change-row')];
    await act(async () => button('Retry', rows[1]!).click());
    expect(requests.find((r) => r.channel === 'changes:retry')?.request).toEqual({ id: 'f1' });

    await act(async () => button('Resolve…', rows[2]!).click());
    const details = mount.container.querySelector('tr.change-details')!;
    expect(details.textContent).toContain('On the server now');
    const cells = [...details.querySelectorAll('.diff-view tbody td')].map((td) => td.textContent);
    expect(cells).toEqual(['Jane', '⚠ Jay', '→ Janie (changed)']);
    await act(async () => button('Keep theirs', details).click());
    expect(requests.find((r) => r.channel === 'changes:resolve')?.request).toEqual({ id: 'c1', resolution: { kind: 'keep-theirs' } });
  });

  it('edits the values of a conflicted change before writing it', async () => {
    const { api, requests } = fakeApi();
    setApi(api);
    mount.render(<PendingScreen />);
    await settle();
    const row = mount.container.querySelectorAll('tr.change-row')[2]!;
    await act(async () => button('Resolve…', row).click());
    await act(async () => button('Edit…').click());
    const input = mount.container.querySelector('.edit-values input') as HTMLInputElement;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, 'Jay-Jay');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button('Save edited values').click());
    expect(requests.find((r) => r.channel === 'changes:resolve')?.request).toEqual({ id: 'c1', resolution: { kind: 'edit', mine: { alias: 'Jay-Jay' } } });
  });

  it('shows the waiting count and the ones needing attention next to the navigation entry', async () => {
    usePendingStore.setState({ counts: { queued: 1, applying: 0, failed: 1, notPermitted: 0, conflicted: 1, waiting: 3 } });
    mount.render(<PendingCountBadge />);
    expect(mount.container.textContent).toBe(' (3, ⚠ 2 need attention)');
    act(() => usePendingStore.setState({ counts: { queued: 0, applying: 0, failed: 0, notPermitted: 0, conflicted: 0, waiting: 0 } }));
    expect(mount.container.textContent).toBe('');
  });
  it("says a change's earlier steps in the audit log in the chosen language, the step's own message as written", async () => {
    const api = createFakeApi({
      'changes:list': () => [],
      'changes:counts': () => ({ queued: 0, applying: 0, failed: 0, notPermitted: 0, conflicted: 0, waiting: 0 }),
      'changes:audit': () => [AUDITED],
    });
    setApi(api);
    try {
      await act(() => applyLanguage('de'));
      mount.render(<PendingScreen />);
      await settle();
      await act(async () => mount.container.querySelector<HTMLElement>('#pending-tab-audit')!.click());
      // The log is asked for after a short pause (the search field's debounce).
      await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
      await settle();
      const steps = [...mount.container.querySelectorAll('.audit-history li')];
      expect(steps.map((step) => step.textContent!.replace(`${step.querySelector('time')!.textContent}: `, ''))).toEqual(['fehlgeschlagen: UCCX answered 500', 'erneut versucht']);
      // The time is the locale's; only the step's own message is left in main's English.
      expect(steps.map((step) => step.querySelector('time')?.getAttribute('datetime'))).toEqual(['2026-12-02T09:05:00.000Z', '2026-12-02T09:10:00.000Z']);
      expect([...mount.container.querySelectorAll('.audit-history [data-main-text]')].map((element) => element.textContent)).toEqual(['UCCX answered 500']);
    } finally {
      await act(() => applyLanguage('en'));
    }
  });
});

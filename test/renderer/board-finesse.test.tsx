import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { BoardScreen } from '../../renderer/src/features/board/BoardScreen';
import { fromSnapshot, useBoardStore } from '../../renderer/src/features/board/board-store';
import { useFinesseStore } from '../../renderer/src/features/board/finesse-store';
import { useAppStore } from '../../renderer/src/store/app-store';
import { ConsoleError } from '../../shared/ipc/result';
import { FINESSE_OFF, type ActionOutcome, type FinesseState, type TeamMessage } from '../../shared/domain/finesse';
import type { BoardMember, BoardSnapshot } from '../../shared/domain/board';
import { createFakeApi, type FakeHandlers } from '../support/fake-api';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom lays nothing out: give elements a size so the virtualized table renders its rows.
for (const [property, value] of [
  ['clientHeight', 800],
  ['clientWidth', 1200],
] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => value });
}

const now = Date.now();
const member = (id: string, name: string, status: BoardMember['status'], agentState?: BoardMember['agentState']): BoardMember => ({
  memberId: id,
  memberType: 'Agent',
  memberName: name,
  status,
  reason: status === 'not_ready' ? 'Lunch' : '',
  since: now - 90_000,
  sinceAtLeast: false,
  ...(agentState ? { agentState } : {}),
});
const finesseView = (state: NonNullable<BoardMember['agentState']>['state'], pendingState: NonNullable<BoardMember['agentState']>['pendingState'] = null) => ({ state, pendingState, reasonLabel: '', source: 'finesse' as const, at: now });

const MEMBERS = [
  member('1001', 'Jane Doe', 'not_ready', finesseView('NOT_READY')),
  member('1002', 'Ravi Patel', 'ready', finesseView('READY')),
  member('1003', 'Maria Garcia', 'ready', finesseView('TALKING')),
  member('1004', 'Chen Wong', 'not_ready', finesseView('LOGOUT')),
];
const SNAPSHOT: BoardSnapshot = {
  seq: 1,
  configured: true,
  supervisorId: 'sup01',
  connection: { state: 'live', detail: 'Live', asOf: null, retryAt: null },
  teams: [{ teamId: '1', teamName: 'Billing Team', memberIds: MEMBERS.map((m) => m.memberId) }],
  members: MEMBERS,
  rejections: { invalidJson: 0, notText: 0, unknownEvent: 0, missingFields: 0, unknownStatus: 0, unknownType: 0, unknownTeam: 0, unexpectedResponse: 0 },
  eventsApplied: 0,
  limitNotice: null,
};
const OK: FinesseState = { ...FINESSE_OFF, mode: 'ok', detail: 'In service on ccx-a.', activeNode: 'https://ccx-a:8445', username: 'sup01' };

let container: HTMLDivElement;
let root: Root;

function setup(finesse: FinesseState, handlers: FakeHandlers = {}) {
  const api = createFakeApi({
    'board:snapshot': () => SNAPSHOT,
    'finesse:state': () => finesse,
    'preferences:set': (request) => ({ theme: 'light', sections: {}, ...request }) as never,
    'finesse:set-state': ({ agentId, target }): ActionOutcome => {
      const m = MEMBERS.find((x) => x.memberId === agentId)!;
      return { agentId, agentName: m.memberName, from: m.agentState!.state, target, result: target === 'LOGOUT' && m.agentState!.state === 'TALKING' ? 'pending' : 'done', message: `${m.memberName} did ${target}.` };
    },
    ...handlers,
  });
  setApi(api);
  // The bridges start once per page; each test begins from its own snapshot and Finesse state.
  useBoardStore.setState(fromSnapshot(SNAPSHOT));
  useFinesseStore.setState({ state: finesse });
  return api;
}

async function render() {
  await act(async () => root.render(<BoardScreen />));
  // The virtualizer measures its box after the first render, then draws the rows.
  await settle(10);
  await settle(10);
}

async function settle(ms = 0) {
  await act(async () => {
    await new Promise((r) => setTimeout(r, ms));
  });
}

const byName = (name: string) => [...document.querySelectorAll<HTMLElement>('button, [role="menuitem"]')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name);
const item = (label: string) => [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find((i) => i.querySelector('.action-label')?.textContent === label)!;

async function key(target: Element, keyName: string) {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true }));
  });
}

async function click(element: Element | null | undefined) {
  expect(element).toBeTruthy();
  await act(async () => {
    (element as HTMLElement).click();
  });
  await settle();
}

beforeEach(() => {
  useBoardStore.setState({ loaded: false, seq: 0, members: new Map(), teams: [] } as never);
  useFinesseStore.setState({ state: FINESSE_OFF, notes: [], selected: new Set(), bulk: null, busy: new Set(), confirming: null });
  useAppStore.setState({ preferences: { theme: 'light', sections: {} } } as never);
  container = document.createElement('div');
  container.style.height = '800px';
  document.body.appendChild(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('board actions (Finesse)', () => {
  it('without Finesse: no actions, and the board says where to set them up', async () => {
    setup(FINESSE_OFF);
    await render();
    expect(container.querySelector('[data-member-id="1001"]')).toBeTruthy();
    expect(byName('Actions for Jane Doe')).toBeUndefined();
    expect(container.querySelector('[data-testid="finesse-off"]')?.textContent).toMatch(/need Finesse: add a Finesse section to this profile under\s+Connections/);
    expect(byName('Team message…')).toBeUndefined();
  });

  it('the menu offers only the allowed changes, says why the others are not, and works from the keyboard', async () => {
    setup(OK);
    await render();
    const button = byName('Actions for Jane Doe')!;
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    await click(button);
    const menu = document.querySelector('[role="menu"]')!;
    expect([...menu.querySelectorAll('[role="menuitem"] .action-label')].map((l) => l.textContent)).toEqual(['Make ready', 'Make not ready', 'Sign out…']);
    expect(item('Make ready').getAttribute('aria-disabled')).toBe('false');
    expect(item('Make not ready').getAttribute('aria-disabled')).toBe('true');
    expect(item('Make not ready').textContent).toContain('Already Not Ready.');
    // Focus starts on the first allowed item; arrows move, wrapping round.
    expect(document.activeElement).toBe(item('Make ready'));
    await key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(item('Make not ready'));
    await key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(item('Sign out…'));
    await key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(item('Make ready'));
    await key(document.activeElement!, 'ArrowUp');
    expect(document.activeElement).toBe(item('Sign out…'));
    // Esc closes and gives focus back to the row's button.
    await key(document.activeElement!, 'Escape');
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(document.activeElement).toBe(byName('Actions for Jane Doe'));
    // A disabled item does nothing.
    await click(byName('Actions for Jane Doe'));
    await click(item('Make not ready'));
    expect(document.querySelector('[role="menu"]')).toBeTruthy();
  });

  it('Make ready is sent at once and its outcome is said in words', async () => {
    const api = setup(OK);
    await render();
    await click(byName('Actions for Jane Doe'));
    await click(item('Make ready'));
    await settle(10);
    expect(api.requestsTo('finesse:set-state')).toEqual([{ agentId: '1001', target: 'READY' }]);
    expect(container.querySelector('[aria-label="Agent actions"]')?.textContent).toContain('Jane Doe did READY.');
    expect(document.activeElement).toBe(byName('Actions for Jane Doe'));
  });

  it('a refusal shows Finesse\'s message; a transition not allowed never leaves the menu', async () => {
    setup(OK, {
      'finesse:set-state': () => {
        throw new ConsoleError('forbidden', 'Finesse refused the change for Ravi Patel: Invalid Supervisor: sup01 is not a supervisor of a team of 1002.');
      },
    });
    await render();
    await click(byName('Actions for Ravi Patel'));
    expect(item('Make ready').getAttribute('aria-disabled')).toBe('true');
    expect(item('Make ready').textContent).toContain('Already Ready.');
    await click(item('Make not ready'));
    await settle(10);
    const note = container.querySelector('.action-note.tone-error');
    expect(note?.textContent).toContain('Invalid Supervisor: sup01 is not a supervisor of a team of 1002.');
  });

  it('sign out asks first (the safe choice focused, Esc cancels and sends nothing), and an agent on a call signs out after it', async () => {
    const api = setup(OK);
    await render();
    const row = container.querySelector('[data-member-id="1003"]')!;
    expect(row.querySelector('.status')?.textContent).toContain('Talking');
    await click(byName('Actions for Maria Garcia'));
    expect(item('Make ready').textContent).toContain('during a call');
    expect(item('Sign out…').textContent).toContain('signs out when the call ends');
    await click(item('Sign out…'));
    const dialog = () => document.querySelector('[role="alertdialog"]');
    expect(dialog()?.textContent).toContain('Sign out Maria Garcia?');
    expect(dialog()?.textContent).toContain('on a call');
    expect(document.activeElement?.textContent).toBe('Keep signed in');
    await key(dialog()!, 'Escape');
    expect(dialog()).toBeNull();
    expect(api.requestsTo('finesse:set-state')).toEqual([]);
    expect(document.activeElement).toBe(byName('Actions for Maria Garcia'));
    await click(byName('Actions for Maria Garcia'));
    await click(item('Sign out…'));
    await click(byName('Sign out'));
    await settle(10);
    expect(api.requestsTo('finesse:set-state')).toEqual([{ agentId: '1003', target: 'LOGOUT' }]);
    expect(container.querySelector('.action-note.tone-pending')?.textContent).toContain('Maria Garcia did LOGOUT.');
    // When the board shows the agent signed out, the pending sign-out is said to be done.
    await act(async () => {
      const members = new Map(useBoardStore.getState().members);
      members.set('1003', { ...members.get('1003')!, status: 'not_ready', agentState: finesseView('LOGOUT') });
      useBoardStore.setState({ members });
    });
    expect(container.querySelector('[aria-label="Agent actions"]')?.textContent).toContain('Maria Garcia is signed out: the call ended.');
  });

  it('with Finesse unreachable the menu says so and every action is disabled', async () => {
    setup({ ...OK, mode: 'down', activeNode: null, detail: 'Finesse is not in service on any node (a: 503; b: refused).' });
    await render();
    expect(container.querySelector('[data-testid="finesse-down"]')?.textContent).toContain('not in service on any node');
    await click(byName('Actions for Jane Doe'));
    expect(document.querySelector('[role="menu"]')?.textContent).toContain('Finesse is unreachable: nothing is sent, and nothing will be sent later.');
    for (const label of ['Make ready', 'Make not ready', 'Sign out…']) {
      expect(item(label).getAttribute('aria-disabled')).toBe('true');
      expect(item(label).textContent).toContain('Finesse is unreachable');
    }
  });

  it('signs out the selected rows one by one, with progress, leaving out those already signed out', async () => {
    const api = setup(OK);
    await render();
    await click(container.querySelector('input[aria-label="Select every member shown"]'));
    const signOut = byName('Sign out selected… (4)')!;
    await click(signOut);
    const dialog = document.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('Sign out 3 agents?');
    expect(dialog.textContent).toContain('Left out: Chen Wong (Already signed out)');
    expect(dialog.textContent).toContain('1 on a call signs out when the call ends');
    await click(byName('Sign out 3'));
    await settle(20);
    // In the board's order (by name): Jane Doe, Maria Garcia, Ravi Patel.
    expect(api.requestsTo('finesse:set-state').map((r) => r.agentId)).toEqual(['1001', '1003', '1002']);
    const progress = container.querySelector('[aria-label="Signing out the selected agents"]')!;
    expect(progress.querySelector('progress')?.value).toBe(3);
    expect(progress.textContent).toContain('Done: 2 signed out, 1 sign out after their call.');
  });

  it('team message: counts down from 255, sends to the chosen teams for the chosen time, lists and deletes', async () => {
    let active: TeamMessage[] = [];
    const api = setup(OK, {
      'finesse:teams': () => [
        { id: '1', name: 'Billing Team' },
        { id: '2', name: 'Sales East' },
      ],
      'finesse:messages': () => active,
      'finesse:message-send': ({ content, teamIds, durationSeconds }) => {
        active = [{ id: 'm1', content, teamIds, createdAt: Date.now(), durationSeconds, expiresAt: Date.now() + durationSeconds * 1000, createdBy: { id: 'sup01', name: 'Sam Lee' } }];
        return active;
      },
      'finesse:message-delete': () => (active = []),
    });
    await render();
    await click(byName('Team message…'));
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const text = dialog.querySelector('textarea')!;
    expect(document.activeElement).toBe(text);
    expect(dialog.textContent).toContain('255 characters left');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(text, 'Queue is long');
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(dialog.textContent).toContain('242 characters left');
    expect(byName('Send')!.hasAttribute('disabled')).toBe(true);
    const team = [...dialog.querySelectorAll('label.check')].find((l) => l.textContent?.includes('Sales East'))!.querySelector('input')!;
    await click(team);
    const [hours, minutes] = dialog.querySelectorAll('select');
    await act(async () => {
      hours!.value = '0';
      hours!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(dialog.textContent).toContain('At least 5 minutes.');
    await act(async () => {
      minutes!.value = '30';
      minutes!.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await click(byName('Send'));
    await settle(10);
    expect(api.requestsTo('finesse:message-send')).toEqual([{ content: 'Queue is long', teamIds: ['2'], durationSeconds: 1800 }]);
    expect(dialog.textContent).toContain('Sent to 1 team.');
    expect(dialog.querySelector('.team-message-list')?.textContent).toMatch(/Queue is long.*To Sales East · (30:00|29:5\d) left · by Sam Lee/);
    await click(byName('Delete the message “Queue is long”'));
    await settle(10);
    expect(api.requestsTo('finesse:message-delete')).toEqual([{ id: 'm1' }]);
    expect(dialog.textContent).toContain('No active team messages.');
    await key(dialog, 'Escape');
    expect(document.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(byName('Team message…'));
  });
});

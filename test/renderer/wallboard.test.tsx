import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Wallboard } from '../../renderer/src/features/board/Wallboard';
import { useBoardStore } from '../../renderer/src/features/board/board-store';
import { useBoardView } from '../../renderer/src/features/board/board-view-store';
import type { BoardMember } from '../../shared/domain/board';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const m = (id: string, name: string, status: BoardMember['status'], reason = ''): BoardMember => ({
  memberId: id,
  memberType: 'Agent',
  memberName: name,
  status,
  reason,
  since: Date.now() - 5 * 60_000,
  sinceAtLeast: false,
});

describe('wallboard', () => {
  let container: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    vi.useFakeTimers();
    const members = [m('1', 'Jane Doe', 'ready'), m('2', '<b>Ravi</b>', 'not_ready', 'Lunch'), m('3', 'Maria Garcia', 'ACW'), m('4', 'Chen Wong', 'ready')];
    useBoardStore.setState({
      loaded: true,
      connection: { state: 'live', detail: '', asOf: null, retryAt: null },
      members: new Map(members.map((x) => [x.memberId, x])),
      teams: [
        { teamId: '1', teamName: 'Billing Team', memberIds: ['1', '2', '3'] },
        { teamId: '2', teamName: 'Sales East', memberIds: ['4'] },
      ],
    } as never);
    useBoardView.setState((s) => ({ view: { ...s.view, rotateSeconds: 10 } }));
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.useRealTimers();
  });

  it('shows one team in large type with its counts, then rotates to the next', () => {
    act(() => root.render(<Wallboard />));
    const focus = () => container.querySelector('.wallboard-focus')!;
    expect(focus().querySelector('h2')!.textContent).toBe('Billing Team');
    expect([...focus().querySelectorAll('.big-label')].map((el) => el.textContent?.trim())).toEqual(['✔ Ready', '✖ Not Ready', '✎ ACW']);
    expect(focus().querySelector('.status-ready .big-number')!.textContent).toBe('1');
    expect(focus().querySelector('.status-not_ready .big-number')!.textContent).toBe('1');
    // Names are text, never markup.
    expect(focus().textContent).toContain('<b>Ravi</b>');
    expect(focus().querySelector('b')).toBeNull();

    act(() => vi.advanceTimersByTime(10_000));
    expect(focus().querySelector('h2')!.textContent).toBe('Sales East');
    expect(focus().querySelector('.status-ready .big-number')!.textContent).toBe('1');
    act(() => vi.advanceTimersByTime(10_000));
    expect(focus().querySelector('h2')!.textContent).toBe('Billing Team');
    expect(container.querySelectorAll('.wallboard-teams li')).toHaveLength(2);
  });
});

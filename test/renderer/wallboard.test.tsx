import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Wallboard } from '../../renderer/src/features/board/Wallboard';
import { useBoardStore } from '../../renderer/src/features/board/board-store';
import { useBoardView } from '../../renderer/src/features/board/board-view-store';
import { useQueueStore } from '../../renderer/src/features/board/queue-store';
import { useAppStore } from '../../renderer/src/store/app-store';
import { parseWallboardHash, tileColumns, wallboardHash } from '../../renderer/src/features/board/wallboard-model';
import { DEFAULT_VIEW } from '../../renderer/src/features/board/board-model';
import type { BoardMember, BoardTeam } from '../../shared/domain/board';
import type { QueueFigures } from '../../shared/domain/queues';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const m = (id: string, name: string, status: BoardMember['status'], minutes: number, reason = ''): BoardMember => ({
  memberId: id,
  memberType: 'Agent',
  memberName: name,
  status,
  reason,
  since: Date.now() - minutes * 60_000,
  sinceAtLeast: false,
});

const q = (name: string, waiting: number, longestWaitMs: number): QueueFigures => ({
  name,
  id: null,
  waiting,
  longestWaitMs,
  loggedIn: 5,
  available: 1,
  talking: 2,
  notReady: 2,
  handled: 40,
  abandoned: 1,
});

describe('wallboard address', () => {
  it('reads queues, teams and rotation from the hash', () => {
    expect(parseWallboardHash('#/wallboard?csqs=Billing_CSQ,Sales%20CSQ&teams=Sales%20East,12&rotate=30')).toEqual({
      csqs: ['Billing_CSQ', 'Sales CSQ'],
      teams: ['Sales East', '12'],
      rotateSeconds: 30,
    });
    expect(parseWallboardHash('#/wallboard?rotate=0').rotateSeconds).toBe(0);
  });

  it('ignores what it cannot read and falls back to the defaults', () => {
    expect(parseWallboardHash('#/wallboard')).toEqual({ csqs: null, teams: null, rotateSeconds: 20 });
    for (const rotate of ['abc', '-5', '2', '1.5', '99999', ''])
      expect(parseWallboardHash(`#/wallboard?rotate=${rotate}`).rotateSeconds, rotate).toBe(20);
    expect(parseWallboardHash('#/wallboard?csqs=,%20,&teams=').csqs).toBeNull();
    expect(parseWallboardHash('#/wallboard?csqs=A,,A, B ').csqs).toEqual(['A', 'B']);
    expect(parseWallboardHash('#/wallboard?csqs=%E0%A4%A').csqs).toEqual(['%E0%A4%A']);
  });

  it('writes a hash that reads back the same', () => {
    const config = { csqs: ['Billing, East', 'Sales'], teams: ['Team 1'], rotateSeconds: 45 };
    expect(parseWallboardHash(wallboardHash(config))).toEqual(config);
  });

  it('lays out 1 to 12 tiles without a half-empty row', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 12].map((n) => tileColumns(n, 6))).toEqual([1, 2, 3, 4, 5, 6, 4, 4, 5, 6]);
    expect(tileColumns(12, 4)).toBe(4);
  });
});

describe('wallboard', () => {
  let container: HTMLDivElement;
  let root: Root;
  const teams: BoardTeam[] = [
    { teamId: '1', teamName: 'Billing Team', memberIds: ['1', '2', '3'] },
    { teamId: '2', teamName: 'Sales East', memberIds: ['4', '2'] },
  ];

  function setBoard(boardTeams: BoardTeam[], members: BoardMember[]) {
    useBoardStore.setState({
      loaded: true,
      configured: true,
      connection: { state: 'live', detail: '', asOf: null, retryAt: null },
      members: new Map(members.map((x) => [x.memberId, x])),
      teams: boardTeams,
    } as never);
  }

  function render(hash: string) {
    window.history.replaceState(null, '', `/${hash}`);
    act(() => root.render(<Wallboard />));
  }

  const text = (selector: string) => [...container.querySelectorAll(selector)].map((el) => el.textContent?.trim());

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2026, 0, 5, 10, 42, 0));
    setBoard(teams, [m('1', 'Jane Doe', 'ready', 5), m('2', '<b>Ravi</b>', 'not_ready', 25, 'Lunch'), m('3', 'Maria Garcia', 'ACW', 4), m('4', 'Chen Wong', 'not_ready', 12)]);
    useQueueStore.setState({
      loaded: true,
      receivedAt: Date.now(),
      state: {
        mode: 'ok',
        detail: '',
        node: null,
        readAt: Date.now(),
        pollMs: 2000,
        queues: [q('Billing_CSQ', 6, 20_000), q('Sales_CSQ', 1, 5_000), q('Support_CSQ', 0, 0)],
        teamCsqs: ['Support_CSQ'],
        centre: null,
      },
    });
    useBoardView.setState({ view: DEFAULT_VIEW, initialised: true });
    useAppStore.setState({ hostDisconnected: false });
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.useRealTimers();
  });

  /** A queue or team tile by its accessible name: the tile is named by its name element (server data, aria-labelledby). */
  const tile = (name: string): Element =>
    [...container.querySelectorAll('[role=group][aria-labelledby]')].find((group) => document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent?.trim() === name)!;

  it('shows the queues first, then the teams, then the agents longest in Not Ready', () => {
    render('#/wallboard?csqs=Sales_CSQ,Billing_CSQ');
    expect([...container.querySelectorAll('.wb > section')].map((s) => s.getAttribute('aria-label'))).toEqual(['Queues', 'Teams', 'Longest not ready']);
    // The address's queues in its order, not the team CSQs.
    expect(text('.wb-queues [role=group] .wb-name-text')).toEqual(['Sales_CSQ', 'Billing_CSQ']);
    const billing = tile('Billing_CSQ');
    expect(billing.querySelector('.wb-figure-number')!.textContent).toBe('6');
    // Over the red limit (more than 5 waiting): a word and an icon, not colour alone.
    expect(billing.getAttribute('data-level')).toBe('red');
    expect(billing.querySelector('.wb-name .wb-level')!.textContent).toBe('⬣ Red');
    expect(billing.querySelector('[aria-label="over red limit"]')).not.toBeNull();
    expect(tile('Sales_CSQ').getAttribute('data-level')).toBe('normal');

    const sales = tile('Sales East');
    expect(sales.closest('.wb-teams')).not.toBeNull();
    expect([...sales.querySelectorAll('.wb-count-number')].map((n) => n.textContent)).toEqual(['✔ 0', '✖ 2', '✎ 0']);
    expect(text('.wb-teams h2 .wb-legend > span')).toEqual(['✔ Ready', '✖ Not Ready', '✎ ACW']);
    expect(sales.textContent).toContain('Not Ready');
    // Longest Not Ready first, then ACW; Ravi (in two teams) once; names as text.
    expect(text('.wb-agent-name')).toEqual(['<b>Ravi</b>', 'Chen Wong', 'Maria Garcia']);
    expect(container.querySelector('.wb-agents b')).toBeNull();
    // Chen: 12 minutes of Not Ready is over the general amber limit (10).
    expect(container.querySelectorAll('.wb-agent')[1]!.textContent).toContain('▲ Amber');
  });

  it('without csqs shows the board\'s own queues; teams by name or id, in the address\'s order', () => {
    render('#/wallboard?teams=2,billing%20team');
    expect(text('.wb-queues .wb-name-text')).toEqual(['Support_CSQ']);
    expect(text('.wb-teams .wb-team-tile > .wb-name')).toEqual(['Sales East', 'Billing Team']);
  });

  it('rotates team pages when not every team fits, and not with rotate=0', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ teamId: `t${i}`, teamName: `Team ${i + 1}`, memberIds: [] }));
    setBoard(many, []);
    render('#/wallboard?rotate=10');
    expect(container.querySelector('.wb-teams h2 .wb-page')!.textContent).toBe(' · page 1 of 2');
    expect(container.querySelectorAll('.wb-team-tile')).toHaveLength(12);
    act(() => vi.advanceTimersByTime(10_000));
    expect(container.querySelector('.wb-teams h2 .wb-page')!.textContent).toBe(' · page 2 of 2');
    expect(text('.wb-team-tile > .wb-name')).toEqual(['Team 13', 'Team 14']);
    act(() => root.unmount());
    root = createRoot(container);
    render('#/wallboard?rotate=0');
    act(() => vi.advanceTimersByTime(60_000));
    expect(container.querySelector('.wb-teams h2 .wb-page')!.textContent).toBe(' · page 1 of 2');
  });

  it('says in large type since when it has no data, and clears when live again', () => {
    render('#/wallboard');
    expect(container.querySelector('[data-testid="wallboard-stale"]')).toBeNull();
    act(() => vi.advanceTimersByTime(5_000));
    act(() => useAppStore.setState({ hostDisconnected: true }));
    act(() => vi.advanceTimersByTime(60_000));
    const banner = () => container.querySelector('[data-testid="wallboard-stale"]');
    // Local time, 24-hour, as every clock in the console.
    expect(banner()!.textContent).toContain('No data since 10:42');
    expect(banner()!.textContent).toContain('console host cannot be reached');
    act(() => useAppStore.setState({ hostDisconnected: false }));
    // Queue figures still from before: stale until new ones arrive.
    expect(banner()!.textContent).toContain('queue figures have stopped arriving');
    act(() => useQueueStore.setState({ receivedAt: Date.now() }));
    expect(banner()).toBeNull();
    // The report server gone is stale too.
    act(() => useBoardStore.setState({ connection: { state: 'connecting', detail: '', asOf: null, retryAt: null } }));
    expect(banner()!.textContent).toContain('report server is not connected');
  });
});

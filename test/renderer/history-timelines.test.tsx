import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentTimelines } from '../../renderer/src/features/history/AgentTimelines';
import { timelineKey, useHistoryStore, type TimelineEntry } from '../../renderer/src/features/history/history-store';
import type { AgentDaySummary, TimelineSegment } from '../../shared/domain/history';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom lays nothing out: give elements a size so the virtualized list renders its rows.
for (const [property, value] of [
  ['clientHeight', 800],
  ['clientWidth', 1200],
  ['offsetHeight', 800],
  ['offsetWidth', 1200],
] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => value });
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

const DAY = '2026-03-10';
const FIRST = new Date(2026, 2, 10, 8, 0, 0).getTime();

/** An agent's day of `count` stretches of 10 s: Ready, ACW, Not Ready (Lunch) in turn. */
function segments(count: number): TimelineSegment[] {
  return Array.from({ length: count }, (_, i): TimelineSegment => {
    const status = (['ready', 'ACW', 'not_ready'] as const)[i % 3];
    return { kind: 'state', start: FIRST + i * 10_000, end: FIRST + (i + 1) * 10_000, status, reason: status === 'not_ready' ? 'Lunch' : '', agentState: null, startAtLeast: false };
  });
}

const agent = (memberId: string): AgentDaySummary => ({ memberId, memberName: memberId, memberType: 'Agent', byState: [], longestNotReady: null, signOuts: 0, firstSeen: FIRST, lastSeen: FIRST });

let container: HTMLDivElement;
let root: Root;

function show(days: Record<string, TimelineSegment[]>) {
  const timelines = new Map<string, TimelineEntry>();
  let last = FIRST;
  for (const [memberId, list] of Object.entries(days)) {
    timelines.set(timelineKey(DAY, memberId), { state: 'ok', timeline: { day: DAY, memberId, memberName: memberId, memberType: 'Agent', segments: list, actions: [] } });
    last = Math.max(last, list.at(-1)?.end ?? FIRST);
  }
  useHistoryStore.setState({ day: DAY, overview: { day: DAY, first: FIRST, last, teams: [] }, timelines });
  act(() => root.render(<AgentTimelines agents={Object.keys(days).map(agent)} />));
}

const row = (memberId: string) => container.querySelector(`li.tl-row[data-member-id="${memberId}"]`)!;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('agent timelines', () => {
  it('draws a short day stretch by stretch, each focusable in turn', () => {
    show({ short: segments(12) });
    const rects = row('short').querySelectorAll('rect.seg');
    expect(rects).toHaveLength(12);
    expect(row('short').querySelectorAll('path.seg')).toHaveLength(0);
    expect([...rects].filter((r) => r.getAttribute('tabindex') === '0')).toHaveLength(1);
  });

  it('draws a long day as one path per colour with one Tab stop, then every stretch once it is focused', () => {
    show({ long: segments(3_000) });
    const bar = row('long').querySelector('svg.tl-bar')!;
    // One path per state, one focusable stretch (the row's Tab stop) with its words.
    expect([...bar.querySelectorAll('path.seg')].map((p) => p.getAttribute('class')).sort()).toEqual(['seg seg-ACW', 'seg seg-not_ready', 'seg seg-ready']);
    expect(bar.querySelector('path.seg-ready')!.getAttribute('d')!.match(/M/g)).toHaveLength(1_000);
    const stop = bar.querySelectorAll<SVGRectElement>('rect.seg');
    expect(stop).toHaveLength(1);
    expect(stop[0]!.getAttribute('tabindex')).toBe('0');
    expect(stop[0]!.getAttribute('aria-label')).toMatch(/^Ready, 08:00:00 to 08:00:10/);

    act(() => stop[0]!.focus());
    const rects = bar.querySelectorAll<SVGRectElement>('rect.seg');
    expect(rects).toHaveLength(3_000);
    expect(bar.querySelectorAll('path.seg')).toHaveLength(0);
    // Focus stays on the same stretch, and the arrows walk on from it.
    expect(document.activeElement).toBe(rects[0]);
    act(() => {
      rects[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(document.activeElement).toBe(bar.querySelectorAll('rect.seg')[1]);
    expect(document.activeElement!.getAttribute('aria-label')).toMatch(/^ACW, 08:00:10 to 08:00:20/);
  });

  it('draws every stretch of a long day when pointed at', () => {
    show({ long: segments(600), other: segments(600) });
    const bar = row('long').querySelector('svg.tl-bar')!;
    expect(bar.querySelectorAll('rect.seg')).toHaveLength(1);
    act(() => {
      bar.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, relatedTarget: document.body }));
    });
    expect(bar.querySelectorAll('rect.seg')).toHaveLength(600);
    // Only the row pointed at.
    expect(row('other').querySelectorAll('rect.seg')).toHaveLength(1);
  });
});

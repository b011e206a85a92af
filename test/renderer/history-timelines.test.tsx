import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { AgentTimelines } from '../../renderer/src/features/history/AgentTimelines';
import { chooseDay, requestOverview, useHistoryStore } from '../../renderer/src/features/history/history-store';
import type { AgentDaySummary, AgentTimeline, TimelineSegment } from '../../shared/domain/history';
import { mergeToPixels } from '../../shared/domain/timeline-overview';
import { ConsoleError } from '../../shared/ipc/result';
import { createFakeApi } from '../support/fake-api';

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
/** Each agent's day, as the fake main process keeps it. */
let days: Record<string, TimelineSegment[]> = {};

const api = createFakeApi({
  'history:timelineOverview': async ({ day, memberId, from, to, pixels }) => {
    await overviewGate?.(memberId);
    const { segments, ...timeline } = fullDay(day, memberId);
    return { ...timeline, ...mergeToPixels(segments, { from, to, pixels }) };
  },
  'history:timeline': async ({ day, memberId }) => {
    await detailGate;
    return fullDay(day, memberId);
  },
});
/** While set, every stretch of a day is held back until it resolves. */
let detailGate: Promise<void> | null = null;
/** While set, each overview is held back until the promise it gives for the member resolves. */
let overviewGate: ((memberId: string) => Promise<void>) | null = null;

function fullDay(day: string, memberId: string): AgentTimeline {
  const segments = days[memberId];
  if (!segments) throw new ConsoleError('not_found', `${memberId} was not on the board on ${day}.`);
  return { day, memberId, memberName: memberId, memberType: 'Agent', segments, actions: [] };
}

/** Lets the fake main process answer (each answer is a resolved promise) and React draw what came. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => {});
}

async function show(agentDays: Record<string, TimelineSegment[]>) {
  days = agentDays;
  let last = FIRST;
  for (const list of Object.values(agentDays)) last = Math.max(last, list.at(-1)?.end ?? FIRST);
  await chooseDay(null);
  useHistoryStore.setState({ day: DAY, overview: { day: DAY, first: FIRST, last, teams: [] } });
  act(() => root.render(<AgentTimelines agents={Object.keys(agentDays).map(agent)} />));
  await settle();
}

const row = (memberId: string) => container.querySelector(`li.tl-row[data-member-id="${memberId}"]`)!;

beforeAll(() => setApi(api));

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  api.requests.length = 0;
  detailGate = null;
  overviewGate = null;
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('agent timelines', () => {
  it('draws a short day stretch by stretch, each focusable in turn, from its overview alone', async () => {
    await show({ short: segments(12) });
    const rects = row('short').querySelectorAll<SVGRectElement>('rect.seg');
    expect(rects).toHaveLength(12);
    expect(row('short').querySelectorAll('path.seg')).toHaveLength(0);
    expect([...rects].filter((r) => r.getAttribute('tabindex') === '0')).toHaveLength(1);
    expect(rects[2]!.getAttribute('aria-label')).toBe('Not Ready (Lunch), 08:00:20 to 08:00:30, 10 s');
    // The bar is 996 px for 120 s: every stretch is wider than a pixel, so the overview is the whole truth.
    expect(api.requestsTo('history:timelineOverview')).toEqual([{ day: DAY, memberId: 'short', from: FIRST, to: FIRST + 120_000, pixels: 996 }]);
    // Pointing at a shape names that shape, as the browser hit it (even where its edge and the position disagree).
    act(() => {
      rects[5]!.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 0 }));
    });
    expect(container.querySelector('[role="tooltip"]')!.textContent).toBe('Not Ready (Lunch), 08:00:50 to 08:01:00, 10 s');
    act(() => rects[0]!.focus());
    await settle();
    expect(api.requestsTo('history:timeline')).toEqual([]);
  });

  it('draws a long day merged to pixels as one path per colour with one Tab stop, then every stretch once it is focused', async () => {
    await show({ long: segments(3_000) });
    const bar = row('long').querySelector('svg.tl-bar')!;
    expect(bar.getAttribute('data-stretches')).toBe('3000');
    // 30,000 s on 996 px: a pixel is 30.1 s, so runs of four 10-second stretches, drawn in their longest state with
    // a band of the next: 750 runs, not 3,000 shapes.
    const paths = [...bar.querySelectorAll('path')];
    expect(paths.map((p) => p.getAttribute('class')).sort()).toEqual(['seg seg-ACW', 'seg seg-not_ready', 'seg seg-ready', 'tl-band seg-ACW', 'tl-band seg-ready']);
    const shapes = (className: string) => paths.filter((p) => p.getAttribute('class')!.startsWith(className)).reduce((n, p) => n + p.getAttribute('d')!.match(/M/g)!.length, 0);
    expect([shapes('seg '), shapes('tl-band')]).toEqual([750, 750]);
    const stop = bar.querySelectorAll<SVGRectElement>('rect.seg');
    expect(stop).toHaveLength(1);
    expect(stop[0]!.getAttribute('tabindex')).toBe('0');
    expect(stop[0]!.getAttribute('aria-label')).toBe('4 stretches, 08:00:00 to 08:00:40, 40 s: Ready 20 s, ACW 10 s, Not Ready (Lunch) 10 s');
    expect(api.requestsTo('history:timeline')).toEqual([]);

    act(() => stop[0]!.focus());
    // Asked for every stretch, and says so while it comes.
    expect(api.requestsTo('history:timeline')).toEqual([{ day: DAY, memberId: 'long' }]);
    expect(bar.getAttribute('aria-busy')).toBe('true');
    await settle();
    const rects = bar.querySelectorAll<SVGRectElement>('rect.seg');
    expect(rects).toHaveLength(3_000);
    expect(bar.querySelectorAll('path.seg')).toHaveLength(0);
    expect(bar.getAttribute('aria-busy')).toBe(null);
    // Focus stays on the stretch where the run began, the tooltip says it exactly, and the arrows walk on from it.
    expect(document.activeElement).toBe(rects[0]);
    expect(container.querySelector('[role="tooltip"]')!.textContent).toBe('Ready, 08:00:00 to 08:00:10, 10 s');
    act(() => {
      rects[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(document.activeElement).toBe(bar.querySelectorAll('rect.seg')[1]);
    expect(document.activeElement!.getAttribute('aria-label')).toBe('ACW, 08:00:10 to 08:00:20, 10 s');
    expect(container.querySelector('[role="tooltip"]')!.textContent).toBe('ACW, 08:00:10 to 08:00:20, 10 s');
  });

  it('says what is under the pointer at once, then to the second when every stretch has come', async () => {
    await show({ long: segments(3_000), other: segments(3_000) });
    const bar = row('long').querySelector('svg.tl-bar')!;
    expect(bar.querySelectorAll('rect.seg')).toHaveLength(1);
    let release = () => {};
    detailGate = new Promise((resolve) => (release = resolve));
    // 30,000 s on 996 px: the pointer at x = 300 is 2 h 30 min in.
    act(() => {
      bar.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: 300 }));
    });
    const tip = () => container.querySelector('[role="tooltip"]')!.textContent;
    expect(tip()).toMatch(/^4 stretches, 10:30:\d0 to 10:3\d:\d0, 40 s: (Ready|ACW|Not Ready \(Lunch\)) 20 s, /);
    expect(api.requestsTo('history:timeline')).toEqual([{ day: DAY, memberId: 'long' }]);
    await settle();
    expect(bar.getAttribute('aria-busy')).toBe('true');
    release();
    await settle();
    expect(bar.querySelectorAll('rect.seg')).toHaveLength(3_000);
    expect(tip()).toMatch(/^(Ready|ACW|Not Ready \(Lunch\)), 10:30:\d0 to 10:3\d:\d0, 10 s$/);
    // Only the row pointed at.
    expect(row('other').querySelectorAll('rect.seg')).toHaveLength(1);
    expect(api.requestsTo('history:timeline')).toHaveLength(1);
    act(() => {
      bar.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, relatedTarget: document.body }));
    });
    expect(container.querySelector('[role="tooltip"]')).toBe(null);
  });

  it('keeps the focus where it was when every stretch arrives, on the stretch the focused run began with', async () => {
    // An hour Ready, 150 stretches of 10 s, then ACW to 08:20 in the afternoon: a pixel is about 30 s, so the busy
    // 25 minutes are runs of four stretches, and the row (about 40 shapes) draws each run as its own element.
    const busy = segments(150).map((s) => ({ ...s, start: s.start + 3_600_000, end: s.end + 3_600_000 }));
    const day: TimelineSegment[] = [
      { kind: 'state', start: FIRST, end: FIRST + 3_600_000, status: 'ready', reason: '', agentState: null, startAtLeast: false },
      ...busy,
      { kind: 'state', start: busy.at(-1)!.end, end: FIRST + 30_000_000, status: 'ACW', reason: '', agentState: null, startAtLeast: false },
    ];
    await show({ busy: day });
    const bar = row('busy').querySelector('svg.tl-bar')!;
    const shapes = () => [...bar.querySelectorAll<SVGRectElement>('rect.seg')];
    expect(shapes().length).toBeLessThan(50);
    expect(bar.querySelectorAll('rect.tl-band').length).toBeGreaterThan(30);
    let release = () => {};
    detailGate = new Promise((resolve) => (release = resolve));
    act(() => shapes()[0]!.focus());
    for (let i = 0; i < 2; i++)
      act(() => {
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      });
    expect(document.activeElement!.getAttribute('aria-label')).toBe('4 stretches, 09:00:40 to 09:01:20, 40 s: ACW 20 s, Ready 10 s, Not Ready (Lunch) 10 s');
    release();
    await settle();
    expect(shapes()).toHaveLength(152);
    expect(document.activeElement).toBe(shapes()[5]);
    expect(document.activeElement!.getAttribute('aria-label')).toBe('ACW, 09:00:40 to 09:00:50, 10 s');
    expect(container.querySelector('[role="tooltip"]')!.textContent).toBe('ACW, 09:00:40 to 09:00:50, 10 s');
  });

  it('says so when every stretch cannot be read, and keeps the runs', async () => {
    await show({ long: segments(3_000) });
    detailGate = Promise.reject(new ConsoleError('unavailable', 'The history of 2026-03-10 is damaged and cannot be read (bad line).'));
    detailGate.catch(() => {});
    const stop = row('long').querySelector<SVGRectElement>('rect.seg')!;
    act(() => stop.focus());
    await settle();
    expect(row('long').querySelectorAll('rect.seg')).toHaveLength(1);
    expect(row('long').querySelector('svg.tl-bar')!.getAttribute('aria-busy')).toBe(null);
    expect(container.querySelector('[role="tooltip"]')!.textContent).toBe(
      '4 stretches, 08:00:00 to 08:00:40, 40 s: Ready 20 s, ACW 10 s, Not Ready (Lunch) 10 s (every stretch could not be read: The history of 2026-03-10 is damaged and cannot be read (bad line).)',
    );
  });

  it('shows an error in the row when main has no timeline for the agent', async () => {
    await show({ known: segments(3) });
    days = {};
    act(() => root.render(<AgentTimelines agents={[agent('known'), agent('gone')]} />));
    await settle();
    expect(row('gone').textContent).toContain('⚠ gone was not on the board on 2026-03-10.');
  });
});

describe('timeline requests', () => {
  it('asks two at a time, the newest view first and its rows in view before those beyond it, and drops rows scrolled away', async () => {
    await show({});
    days = Object.fromEntries(['a1', 'a2', 'a3', 'a4', 'b1', 'b2'].map((id) => [id, segments(3)]));
    const gates = new Map<string, () => void>();
    overviewGate = (memberId) => new Promise<void>((resolve) => gates.set(memberId, resolve));
    const span = { from: FIRST, to: FIRST + 30_000, pixels: 100 };
    const sent = () => api.requestsTo('history:timelineOverview').map((r) => r.memberId);
    // One render: a1 is drawn above the view, a2..a4 are in it.
    const cancel = Object.fromEntries(['a1', 'a2', 'a3', 'a4'].map((id) => [id, requestOverview(DAY, id, span, id !== 'a1')]));
    expect(sent()).toEqual([]);
    await settle();
    expect(sent()).toEqual(['a2', 'a3']);
    // The view moves on: b1 and b2 come into view, a1 leaves it before it was asked; a4 is still in view.
    requestOverview(DAY, 'b1', span);
    requestOverview(DAY, 'b2', span);
    cancel.a1!();
    cancel.a2!(); // already on its way: answered and kept
    await settle();
    expect(sent()).toEqual(['a2', 'a3']);
    gates.get('a2')!();
    await settle();
    expect(sent()).toEqual(['a2', 'a3', 'b1']);
    for (const id of ['a3', 'b1', 'b2', 'a4']) {
      gates.get(id)!();
      await settle();
    }
    expect(sent()).toEqual(['a2', 'a3', 'b1', 'b2', 'a4']);
    expect([...useHistoryStore.getState().overviews.keys()].map((key) => key.split('|')[1]).sort()).toEqual(['a2', 'a3', 'a4', 'b1', 'b2']);
    // Asked again for the same bar: already here, nothing sent.
    requestOverview(DAY, 'b1', span);
    await settle();
    expect(sent()).toHaveLength(5);
  });
});

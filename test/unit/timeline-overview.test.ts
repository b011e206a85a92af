import { describe, expect, it } from 'vitest';
import type { TimelineSegment } from '../../shared/domain/history';
import { kindColour, mergeToPixels, overviewIsExact, overviewRuns, runLook, type TimelineKind } from '../../shared/domain/timeline-overview';

// An agent's day merged to the pixels of its bar: gaps stay gaps, short states stay visible, no time is lost.

const T0 = new Date(2026, 2, 10, 8, 0, 0).getTime();
const S = 1_000;

const state = (start: number, end: number, status: 'ready' | 'not_ready' | 'ACW', reason = '', agentState: string | null = null): TimelineSegment => ({
  kind: 'state',
  start: T0 + start,
  end: T0 + end,
  status,
  reason,
  agentState,
  startAtLeast: false,
});
const gap = (start: number, end: number): TimelineSegment => ({ kind: 'gap', start: T0 + start, end: T0 + end });

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
}

/** A busy day: `count` contiguous stretches of 1..20 s, states in turn with now and then a short gap or absence. */
function busyDay(count: number, seed = 1): TimelineSegment[] {
  const random = seeded(seed);
  const out: TimelineSegment[] = [];
  let t = 0;
  let previous = '';
  while (out.length < count) {
    const length = (1 + Math.floor(random() * 20)) * S;
    const pick = random();
    const segment: TimelineSegment =
      pick < 0.03 ? gap(t, t + length)
      : pick < 0.05 ? { kind: 'absent', start: T0 + t, end: T0 + t + length }
      : pick < 0.45 ? state(t, t + length, 'ready')
      : pick < 0.7 ? state(t, t + length, 'ACW')
      : state(t, t + length, 'not_ready', ['Break', 'Lunch', ''][Math.floor(random() * 3)]!);
    const key = JSON.stringify({ ...segment, start: 0, end: 0 });
    if (key === previous) continue; // the query merges equal neighbours: so must the script
    previous = key;
    out.push(segment);
    t += length;
  }
  return out;
}

/** Time per kind of stretch, as the colour and reason would name it. */
function totalsOfSegments(segments: readonly TimelineSegment[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of segments) {
    const key = s.kind === 'state' ? `${s.status}:${s.reason}` : s.kind;
    totals.set(key, (totals.get(key) ?? 0) + s.end - s.start);
  }
  return totals;
}

function totalsOfRuns(runs: ReturnType<typeof overviewRuns>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const run of runs)
    for (const { kind, ms } of run.parts) {
      const key = kind.kind === 'state' ? `${kind.status}:${kind.reason}` : kind.kind;
      totals.set(key, (totals.get(key) ?? 0) + ms);
    }
  return totals;
}

describe('merging a timeline to pixels', () => {
  it('keeps every stretch whole and exact when each is at least a pixel, so the answer says all the full one does', () => {
    const day = [gap(0, 1 * S), state(1 * S, 300 * S, 'ready'), state(300 * S, 360 * S, 'not_ready', 'Meeting'), state(360 * S, 390 * S, 'ACW'), gap(390 * S, 511 * S), state(511 * S, 1_200 * S, 'ready')];
    // 1,200 s on 1,200 px: one second a pixel, and the shortest stretch is one second.
    const overview = mergeToPixels(day, { from: T0, to: T0 + 1_200 * S, pixels: 1_200 });
    expect(overviewIsExact(overview)).toBe(true);
    expect(overviewRuns(overview).map((run) => run.segment)).toEqual(day);
  });

  it('keeps a short stretch between two long ones as itself, however short', () => {
    const day = [state(0, 3_600 * S, 'ready'), state(3_600 * S, 3_602 * S, 'not_ready', 'Break'), state(3_602 * S, 7_200 * S, 'ready')];
    const overview = mergeToPixels(day, { from: T0, to: T0 + 7_200 * S, pixels: 600 });
    expect(overviewRuns(overview).map((run) => run.segment)).toEqual(day);
  });

  it('shows a short Not Ready among short Readys as a band on the run that holds it', () => {
    // 12 s a pixel: Ready 5 s, Not Ready 2 s, Ready (another Finesse state) 5 s fill one pixel.
    const day = [state(0, 600 * S, 'ACW'), state(600 * S, 605 * S, 'ready'), state(605 * S, 607 * S, 'not_ready', 'Break'), state(607 * S, 612 * S, 'ready', '', 'TALKING'), state(612 * S, 1_200 * S, 'ACW')];
    const runs = overviewRuns(mergeToPixels(day, { from: T0, to: T0 + 1_200 * S, pixels: 100 }));
    expect(runs).toHaveLength(3);
    const mixed = runs[1]!;
    expect([mixed.start - T0, mixed.end - T0, mixed.count, mixed.segment]).toEqual([600 * S, 612 * S, 3, null]);
    const look = runLook(mixed.parts);
    expect([kindColour(look.main), look.band && kindColour(look.band)]).toEqual(['ready', 'not_ready']);
    expect(mixed.parts.find((p) => p.kind.kind === 'state' && p.kind.status === 'not_ready')).toMatchObject({ ms: 2 * S, kind: { reason: 'Break' } });
  });

  it('draws any run holding unobserved time as not observed, however little, and never paints a gap as a state', () => {
    const day = [state(0, 10 * S, 'ready'), gap(10 * S, 11 * S), state(11 * S, 20 * S, 'ready', '', 'TALKING'), state(20 * S, 600 * S, 'ACW')];
    const runs = overviewRuns(mergeToPixels(day, { from: T0, to: T0 + 600 * S, pixels: 20 })); // 30 s a pixel
    expect(runs[0]!.count).toBe(3);
    const look = runLook(runs[0]!.parts);
    expect(look.main.kind).toBe('gap');
    expect(look.band && kindColour(look.band)).toBe('ready');

    // The same rule over busy days at many widths: every run with a gap in it looks like a gap.
    for (const pixels of [50, 300, 1_200]) {
      const busy = busyDay(3_000, pixels);
      const end = busy.at(-1)!.end;
      for (const run of overviewRuns(mergeToPixels(busy, { from: T0, to: end, pixels }))) {
        if (run.parts.some((p) => p.kind.kind === 'gap')) expect(runLook(run.parts).main.kind).toBe('gap');
        else expect(runLook(run.parts).main.kind).not.toBe('gap');
      }
    }
  });

  it('loses no time: the runs cover the day without overlap and hold each state’s total, in far fewer runs', () => {
    const busy = busyDay(3_600);
    const end = busy.at(-1)!.end;
    const pixels = 1_000;
    const overview = mergeToPixels(busy, { from: T0, to: end, pixels });
    const runs = overviewRuns(overview);
    expect(overview.stretches).toBe(3_600);
    expect(runs[0]!.start).toBe(T0);
    expect(runs.at(-1)!.end).toBe(end);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.start).toBe(runs[i - 1]!.end);
    for (const run of runs) expect(run.parts.reduce((sum, p) => sum + p.ms, 0)).toBe(run.end - run.start);
    expect(totalsOfRuns(runs)).toEqual(totalsOfSegments(busy));
    expect(runs.reduce((sum, run) => sum + run.count, 0)).toBe(3_600);
    // Bounded by the width, not by the stretches: about a run a pixel here, never three.
    expect(runs.length).toBeLessThanOrEqual(3 * pixels + 1);
    expect(runs.length).toBeLessThan(busy.length / 2);
    // A mixed run closes as soon as it fills a pixel: under two pixels wide (its stretches are each under one).
    const pixelMs = (end - T0) / pixels;
    for (const run of runs) if (run.count > 1) expect(run.end - run.start).toBeLessThan(2 * pixelMs);
    expect(JSON.stringify(overview).length).toBeLessThan(JSON.stringify(busy).length / 4);
  });

  it('leaves out stretches wholly outside the span and keeps those across its edges whole', () => {
    const day = [state(0, 100 * S, 'ready'), state(100 * S, 200 * S, 'ACW'), state(200 * S, 300 * S, 'ready')];
    const runs = overviewRuns(mergeToPixels(day, { from: T0 + 150 * S, to: T0 + 250 * S, pixels: 100 }));
    expect(runs.map((run) => run.segment)).toEqual(day.slice(1));
    const empty = mergeToPixels([], { from: T0, to: T0 + S, pixels: 10 });
    expect([empty.at, empty.stretches, empty.start, empty.end]).toEqual([[], 0, T0, T0]);
  });

  it('names kinds once and keeps Finesse states and "at least" apart', () => {
    const atLeast: TimelineSegment = { ...(state(0, 100 * S, 'ready') as Extract<TimelineSegment, { kind: 'state' }>), startAtLeast: true };
    const day = [atLeast, state(100 * S, 200 * S, 'ready', '', 'TALKING'), state(200 * S, 300 * S, 'ACW'), state(300 * S, 400 * S, 'ready', '', 'TALKING')];
    const overview = mergeToPixels(day, { from: T0, to: T0 + 400 * S, pixels: 400 });
    expect(overview.kinds).toHaveLength(3);
    expect(overview.kinds[0]).toEqual({ kind: 'state', status: 'ready', reason: '', agentState: null, startAtLeast: true } satisfies TimelineKind);
    expect(overviewRuns(overview).map((run) => run.segment)).toEqual(day);
  });
});

import type { MemberStatus, MemberType } from './board';
import type { HistoryAction, TimelineSegment } from './history';

/**
 * One agent's day merged to the pixels of the bar that shows it: what a row of
 * the History timeline draws until it is pointed at or focused.
 *
 * A busy agent's 8-hour day has thousands of stretches, most shorter than one
 * pixel of a bar; sent one object each, a row cost a few hundred KB of JSON.
 * Here every stretch at least a pixel long stays whole and exact (a "run" of
 * one stretch), and consecutive shorter ones are gathered into runs about a
 * pixel wide that say how long each state lasted inside them ("mixed" runs).
 * Nothing is lost from the totals, and the answer is sent as parallel arrays
 * of numbers rather than one object per stretch.
 *
 * How a mixed run is drawn (`runLook`): in the state that lasted longest in it,
 * except that a run holding any time the console did not see is drawn as not
 * observed (hatched) whatever else it holds, so no pixel is ever painted as a
 * state the console did not see; a band along its lower edge shows the state
 * that lasted longest after that one, so a short Not Ready inside a long Ready
 * still shows.
 */

/** Largest bar width a timeline is merged to (pixels); wider than any screen. */
export const MAX_OVERVIEW_PIXELS = 8_192;

/** What a stretch says, without its times. */
export type TimelineKind =
  | { kind: 'state'; status: MemberStatus; reason: string; agentState: string | null; startAtLeast: boolean }
  | { kind: 'absent' }
  | { kind: 'gap' };

export interface AgentTimelineOverview {
  day: string;
  memberId: string;
  memberName: string;
  memberType: MemberType;
  /** The span and width asked for: a pixel is (to − from) / pixels ms. */
  from: number;
  to: number;
  pixels: number;
  /** Stretches in the agent's whole day (what `history:timeline` answers). */
  stretches: number;
  /** Every distinct kind the runs refer to, by index. */
  kinds: TimelineKind[];
  /** Where the first run starts (epoch ms) and the last ends. */
  start: number;
  end: number;
  /** Run i starts at `start + at[i]` and ends where run i + 1 starts (the last at `end`). */
  at: number[];
  /** Stretches in each run: 1 means the run is one whole stretch, shown exactly. */
  count: number[];
  /** How many [kind, ms] pairs of `parts` belong to each run, in run order. */
  partCount: number[];
  /** The time of each kind inside each run, as flat [kind index, ms] pairs, longest first within a run. */
  parts: number[];
  actions: HistoryAction[];
}

/** One run, decoded for drawing. */
export interface OverviewRun {
  start: number;
  end: number;
  /** Stretches in it (1: exactly `segment`). */
  count: number;
  /** Time of each kind inside it, longest first. */
  parts: Array<{ kind: TimelineKind; ms: number }>;
  /** The run as a stretch, when it is exactly one. */
  segment: TimelineSegment | null;
}

/** How a run looks on the bar: its fill, and the band along its lower edge (null: none). */
export interface RunLook {
  main: TimelineKind;
  band: TimelineKind | null;
}

/** The colour a kind is drawn in: one per status, absent and gap. */
export function kindColour(kind: TimelineKind): string {
  return kind.kind === 'state' ? kind.status : kind.kind;
}

/**
 * A run's look: a gap if any of it was not observed, else the kind that lasted
 * longest; the band is the colour that lasted longest after the fill's.
 * `parts` must be longest first.
 */
export function runLook(parts: ReadonlyArray<{ kind: TimelineKind; ms: number }>): RunLook {
  const gap = parts.find((part) => part.kind.kind === 'gap');
  const main = gap ? gap.kind : parts[0]!.kind;
  const band = parts.find((part) => kindColour(part.kind) !== kindColour(main))?.kind ?? null;
  return { main, band };
}

function kindOf(segment: TimelineSegment): TimelineKind {
  if (segment.kind !== 'state') return { kind: segment.kind };
  return { kind: 'state', status: segment.status, reason: segment.reason, agentState: segment.agentState, startAtLeast: segment.startAtLeast };
}

function kindKey(kind: TimelineKind): string {
  return kind.kind === 'state' ? `s\u0001${kind.status}\u0001${kind.reason}\u0001${kind.agentState ?? ''}\u0001${kind.startAtLeast ? 1 : 0}` : kind.kind;
}

/**
 * Merges a day's ordered, contiguous stretches to a bar `pixels` wide spanning
 * `from`..`to`. Stretches wholly outside the span are left out; the rest are
 * kept whole (a run never cuts a stretch). At most about three runs a pixel:
 * whole stretches are each at least a pixel, mixed runs close as soon as they
 * reach a pixel. Neighbouring mixed runs are not joined even when they look
 * the same: each keeps the times of its own pixel for its tooltip.
 */
export function mergeToPixels(
  segments: readonly TimelineSegment[],
  span: { from: number; to: number; pixels: number },
): Pick<AgentTimelineOverview, 'from' | 'to' | 'pixels' | 'stretches' | 'kinds' | 'start' | 'end' | 'at' | 'count' | 'partCount' | 'parts'> {
  const { from, to, pixels } = span;
  const pixelMs = Math.max(1, to - from) / Math.max(1, pixels);
  const kinds: TimelineKind[] = [];
  const kindIndex = new Map<string, number>();
  const indexOf = (segment: TimelineSegment): number => {
    const kind = kindOf(segment);
    const key = kindKey(kind);
    let index = kindIndex.get(key);
    if (index === undefined) {
      index = kinds.length;
      kinds.push(kind);
      kindIndex.set(key, index);
    }
    return index;
  };

  const at: number[] = [];
  const count: number[] = [];
  const partCount: number[] = [];
  const parts: number[] = [];
  let start = NaN;
  let end = NaN;
  const pushRun = (runStart: number, runEnd: number, stretches: number, times: Map<number, number>) => {
    if (Number.isNaN(start)) start = runStart;
    end = runEnd;
    at.push(runStart - start);
    count.push(stretches);
    const sorted = sortedParts(times);
    partCount.push(sorted.length);
    for (const [k, ms] of sorted) parts.push(k, ms);
  };

  // Stretches shorter than a pixel, gathered until they fill one.
  let cellStart = 0;
  let cellEnd = 0;
  let cellCount = 0;
  let cellTimes = new Map<number, number>();
  const closeCell = () => {
    if (cellCount === 0) return;
    pushRun(cellStart, cellEnd, cellCount, cellTimes);
    cellCount = 0;
    cellTimes = new Map();
  };

  let stretches = 0;
  for (const segment of segments) {
    if (segment.end <= from || segment.start >= to) continue;
    stretches++;
    const length = segment.end - segment.start;
    const k = indexOf(segment);
    if (length >= pixelMs) {
      closeCell();
      pushRun(segment.start, segment.end, 1, new Map([[k, length]]));
      continue;
    }
    if (cellCount === 0) cellStart = segment.start;
    cellEnd = segment.end;
    cellCount++;
    cellTimes.set(k, (cellTimes.get(k) ?? 0) + length);
    if (cellEnd - cellStart >= pixelMs) closeCell();
  }
  closeCell();
  if (Number.isNaN(start)) start = end = from;
  return { from, to, pixels, stretches, kinds, start, end, at, count, partCount, parts };
}

/** [kind, ms] longest first (ties: the kind seen first). */
function sortedParts(times: Map<number, number>): Array<[number, number]> {
  return [...times].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

/** The runs of an overview, decoded. */
export function overviewRuns(overview: Pick<AgentTimelineOverview, 'kinds' | 'start' | 'end' | 'at' | 'count' | 'partCount' | 'parts'>): OverviewRun[] {
  const runs: OverviewRun[] = [];
  let p = 0;
  for (let i = 0; i < overview.at.length; i++) {
    const start = overview.start + overview.at[i]!;
    const end = i + 1 < overview.at.length ? overview.start + overview.at[i + 1]! : overview.end;
    const parts: OverviewRun['parts'] = [];
    for (let j = 0; j < overview.partCount[i]!; j++, p += 2) parts.push({ kind: overview.kinds[overview.parts[p]!]!, ms: overview.parts[p + 1]! });
    const count = overview.count[i]!;
    runs.push({ start, end, count, parts, segment: count === 1 && parts[0] ? ({ ...parts[0].kind, start, end } as TimelineSegment) : null });
  }
  return runs;
}

/** True when every run is one whole stretch: the overview then says all the full timeline does. */
export function overviewIsExact(overview: Pick<AgentTimelineOverview, 'count'>): boolean {
  return overview.count.every((c) => c === 1);
}

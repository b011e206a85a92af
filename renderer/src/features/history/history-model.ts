import { formatClockSeconds } from '../../../../shared/domain/time-words';
import type { AgentDaySummary, TeamDay, TimelineSegment } from '../../../../shared/domain/history';
import { kindColour, overviewRuns, runLook, type AgentTimelineOverview, type OverviewRun, type TimelineKind } from '../../../../shared/domain/timeline-overview';
import type { MemberStatus } from '../../../../shared/domain/board';
import { csvCell } from '../journey/journey-export';
import { t, type MessageId } from '../../i18n/i18n';

/**
 * Pure helpers of the history views: how a stretch of an agent's day is put
 * in words, where it sits on the bar, the team day as chart series and
 * totals, and the summary table's columns, sort and CSV. No React, no store.
 */

/** 3,725,000 ms → "1 h 02 min 05 s"; 40 min → "40 min 00 s"; 30 s → "30 s" (the units as the language writes them). */
export function formatLength(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return t('history.length.hours', { h, m: pad(m), s: pad(s) });
  if (m > 0) return t('history.length.minutes', { m, s: pad(s) });
  return t('history.length.seconds', { s });
}

/** 3,725,000 ms → "1:02:05" (hours always shown, for tables and CSV). */
export function formatHms(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

const STATE_IDS: Readonly<Record<MemberStatus, MessageId>> = { ready: 'history.state.ready', not_ready: 'history.state.notReady', ACW: 'history.state.acw' };

/** A board state in the active language: "Ready", "Not Ready", "ACW". */
export function stateLabel(status: MemberStatus): string {
  return t(STATE_IDS[status]);
}

/** A Not Ready reason as written in a sentence: the server's code, or our words for none. */
export function reasonWords(reason: string): string {
  return reason || t('history.reason.none');
}

/** "Not Ready (Lunch)", "Ready", "Not Ready (no reason)". */
export function stateWords(status: MemberStatus, reason: string): string {
  if (status !== 'not_ready') return stateLabel(status);
  return t('history.state.notReadyWithReason', { reason: reasonWords(reason) });
}

/** What a segment was, in words, without its times. */
export function segmentWhat(segment: TimelineSegment): string {
  if (segment.kind === 'gap') return t('history.state.notObserved');
  if (segment.kind === 'absent') return t('history.state.absent');
  return stateWords(segment.status, segment.reason);
}

/**
 * The whole of a segment in words, to the second: "Not Ready (Lunch), 08:10:00
 * to 08:50:00, 40 min 00 s". This is the segment's accessible name and its tooltip.
 */
export function describeSegment(segment: TimelineSegment): string {
  const notes: string[] = [];
  if (segment.kind === 'gap') notes.push(t('history.segment.noteNotReceiving'));
  if (segment.kind === 'state' && segment.startAtLeast) notes.push(t('history.segment.noteBeganBefore'));
  // Finesse's own state name (e.g. TALKING) is server data.
  if (segment.kind === 'state' && segment.agentState && segment.agentState !== 'READY' && segment.agentState !== 'NOT_READY') notes.push(t('history.segment.noteFinesse', { state: segment.agentState }));
  const what = notes.length ? t('history.segment.withNotes', { what: segmentWhat(segment), notes: notes.join('; ') }) : segmentWhat(segment);
  // Times keep the 24-hour clock to the second in every language (as the board's history is read).
  return t('history.segment.words', { what, from: formatClockSeconds(segment.start), to: formatClockSeconds(segment.end), length: formatLength(segment.end - segment.start) });
}

/** The CSS class a segment is drawn with (colours in history.css, as on the board). */
export function segmentClass(segment: TimelineSegment): string {
  if (segment.kind === 'gap') return 'seg seg-gap';
  if (segment.kind === 'absent') return 'seg seg-absent';
  return `seg seg-${segment.status}`;
}

/** What a kind of stretch was, in words ("Ready", "Not Ready (Lunch)", "Not observed"). */
export function kindWhat(kind: TimelineKind): string {
  if (kind.kind === 'gap') return t('history.state.notObserved');
  if (kind.kind === 'absent') return t('history.state.absent');
  return stateWords(kind.status, kind.reason);
}

/**
 * A run of stretches each shorter than a pixel, in words: how many, from and
 * to, and how long each state lasted in it, longest first ("14 stretches,
 * 10:00:00 to 10:00:48, 48 s: Ready 30 s, Not Ready (Break) 12 s, ACW 6 s").
 */
export function describeRun(run: OverviewRun): string {
  const byWhat = new Map<string, number>();
  for (const { kind, ms } of run.parts) byWhat.set(kindWhat(kind), (byWhat.get(kindWhat(kind)) ?? 0) + ms);
  const parts = [...byWhat].sort((a, b) => b[1] - a[1]);
  const shown = parts.slice(0, 4).map(([what, ms]) => t('history.run.part', { what, length: formatLength(ms) }));
  if (parts.length > 4) shown.push(t('history.run.more', { count: parts.length - 4 }));
  return t('history.run.words', {
    count: run.count,
    from: formatClockSeconds(run.start),
    to: formatClockSeconds(run.end),
    length: formatLength(run.end - run.start),
    parts: shown.join(', '),
  });
}

/** One shape of a bar: a stretch, or a run of short stretches merged to about a pixel. */
export interface BarPiece {
  start: number;
  end: number;
  /** CSS classes of its fill. */
  fill: string;
  /** CSS classes of the band along its lower edge (a run's second state), or null. */
  band: string | null;
  /** Its accessible name and tooltip. */
  words: string;
  /** The reason written on it when it fits ('' for none). */
  label: string;
}

const kindFill = (kind: TimelineKind) => `seg seg-${kindColour(kind)}`;

/** Every stretch of a day, as drawn. */
export function segmentPieces(segments: readonly TimelineSegment[]): BarPiece[] {
  return segments.map((segment) => {
    let words: string | null = null;
    return {
      start: segment.start,
      end: segment.end,
      fill: segmentClass(segment),
      band: null,
      // Put in words when first asked (every stretch is, once it is its own element).
      get words() {
        return (words ??= describeSegment(segment));
      },
      label: segment.kind === 'state' && segment.status === 'not_ready' ? segment.reason : '',
    };
  });
}

/**
 * A day merged to the pixels of its bar, as drawn: a whole stretch as itself; a
 * run of shorter ones in its look (`runLook`: not observed when any of it was,
 * else its longest state, with its second state as a band).
 */
export function overviewPieces(overview: AgentTimelineOverview): BarPiece[] {
  return overviewRuns(overview).map((run) => {
    if (run.segment) return segmentPieces([run.segment])[0]!;
    const look = runLook(run.parts);
    let words: string | null = null;
    return {
      start: run.start,
      end: run.end,
      fill: `${kindFill(look.main)} seg-mixed`,
      band: look.band ? `tl-band seg-${kindColour(look.band)}` : null,
      // Put in words only when asked: a long row drawn as paths names only its Tab stop (and what is pointed at).
      get words() {
        return (words ??= describeRun(run));
      },
      label: '',
    };
  });
}

export interface SegmentBox {
  x: number;
  width: number;
}

/**
 * Where each segment sits on a bar `width` pixels wide spanning `from`..`to`.
 * A segment shorter than a pixel still gets one, so it can be seen and pointed at.
 */
export function segmentBoxes(segments: ReadonlyArray<{ start: number; end: number }>, from: number, to: number, width: number): SegmentBox[] {
  const span = Math.max(1, to - from);
  const scale = width / span;
  return segments.map((segment) => {
    const start = Math.max(from, Math.min(to, segment.start));
    const end = Math.max(start, Math.min(to, segment.end));
    const x = (start - from) * scale;
    return { x, width: Math.max(1, (end - start) * scale) };
  });
}

/** Whole hours between two moments, for the time axis. */
export function hourTicks(from: number, to: number): number[] {
  const ticks: number[] = [];
  const first = new Date(from);
  first.setMinutes(0, 0, 0);
  if (first.getTime() < from) first.setHours(first.getHours() + 1);
  for (let t = first.getTime(); t <= to; t = new Date(new Date(t).setHours(new Date(t).getHours() + 1)).getTime()) ticks.push(t);
  return ticks;
}

// ---- team day ------------------------------------------------------------------------

export interface TeamDaySeries {
  /** Bucket starts, epoch seconds (uPlot's x). */
  x: number[];
  /** Labels of the stacked series, bottom first: Ready, ACW, then Not Ready by reason. */
  labels: string[];
  /** Kinds, parallel to labels, for colours. */
  kinds: Array<'ready' | 'ACW' | 'not_ready'>;
  /** Average members in each series per bucket; null where nothing of the bucket was observed (a gap). */
  values: Array<Array<number | null>>;
}

/** The Not Ready reasons of a team's day, most member-time first. */
export function teamDayReasons(teamDay: TeamDay): string[] {
  const time = new Map<string, number>();
  for (const bucket of teamDay.buckets) for (const [reason, members] of Object.entries(bucket.notReady)) time.set(reason, (time.get(reason) ?? 0) + members * bucket.observed);
  return [...time.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([reason]) => reason);
}

export function teamDaySeries(teamDay: TeamDay): TeamDaySeries {
  const reasons = teamDayReasons(teamDay);
  const x = teamDay.buckets.map((b) => Math.round(b.start / 1000));
  const seen = (b: TeamDay['buckets'][number], value: number) => (b.observed > 0 ? value : null);
  return {
    x,
    labels: [stateLabel('ready'), stateLabel('ACW'), ...reasons.map((reason) => stateWords('not_ready', reason))],
    kinds: ['ready', 'ACW', ...reasons.map(() => 'not_ready' as const)],
    values: [
      teamDay.buckets.map((b) => seen(b, b.ready)),
      teamDay.buckets.map((b) => seen(b, b.acw)),
      ...reasons.map((reason) => teamDay.buckets.map((b) => seen(b, b.notReady[reason] ?? 0))),
    ],
  };
}

/** Running sums of the series, bottom first, for drawing them stacked (a gap stays a gap). */
export function stackSeries(values: ReadonlyArray<ReadonlyArray<number | null>>): Array<Array<number | null>> {
  const stacked: Array<Array<number | null>> = [];
  values.forEach((series, index) => {
    stacked.push(series.map((value, i) => (value === null ? null : value + (index > 0 ? (stacked[index - 1]![i] ?? 0) : 0))));
  });
  return stacked;
}

/** Member-time over the day in each series (ms): average members × observed part of the bucket × bucket length. */
export function teamDayTotals(teamDay: TeamDay): Array<{ label: string; ms: number }> {
  const series = teamDaySeries(teamDay);
  const bucketMs = teamDay.bucketMinutes * 60_000;
  return series.labels.map((label, index) => ({
    label,
    ms: Math.round(teamDay.buckets.reduce((sum, bucket, i) => sum + (series.values[index]![i] ?? 0) * bucket.observed * bucketMs, 0) / 1000) * 1000,
  }));
}

/** Observed time of the team's day (ms). */
export function teamDayObservedMs(teamDay: TeamDay): number {
  return teamDay.buckets.reduce((sum, bucket) => sum + bucket.observed * teamDay.bucketMinutes * 60_000, 0);
}

// ---- summary table -------------------------------------------------------------------

export interface SummaryColumn {
  id: string;
  /** The CSV header: stable English in every language, so scripts reading the export never break (docs/i18n.md). */
  key: string;
  /** The header on screen, in the active language. */
  label: string;
  /** Sort key: numbers sort numerically, strings by locale; null sorts last. */
  sortValue: (agent: AgentDaySummary) => number | string | null;
  /** As shown in the table, and written to CSV unless `csvText` says otherwise. */
  text: (agent: AgentDaySummary) => string;
  /** The cell in the CSV where the screen's holds words of ours: English, like the header. */
  csvText?: (agent: AgentDaySummary) => string;
  numeric: boolean;
}

const stateMs = (agent: AgentDaySummary, status: MemberStatus, reason?: string) =>
  agent.byState.reduce((sum, s) => (s.status === status && (reason === undefined || s.reason === reason) ? sum + s.ms : sum), 0);

/** Every Not Ready reason any of the agents had, by name. */
export function summaryReasons(agents: readonly AgentDaySummary[]): string[] {
  const reasons = new Set<string>();
  for (const agent of agents) for (const s of agent.byState) if (s.status === 'not_ready') reasons.add(s.reason);
  return [...reasons].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
}

export function summaryColumns(reasons: readonly string[]): SummaryColumn[] {
  const duration = (id: string, key: string, label: string, ms: (a: AgentDaySummary) => number): SummaryColumn => ({ id, key, label, numeric: true, sortValue: ms, text: (a) => formatHms(ms(a)) });
  const moment = (id: string, key: string, label: string, at: (a: AgentDaySummary) => number | null): SummaryColumn => ({
    id,
    key,
    label,
    numeric: true,
    sortValue: at,
    text: (a) => {
      const value = at(a);
      return value === null ? '' : formatClockSeconds(value);
    },
  });
  return [
    { id: 'name', key: 'Name', label: t('history.summary.column.name'), numeric: false, sortValue: (a) => a.memberName.toLocaleLowerCase(), text: (a) => a.memberName },
    duration('ready', 'Ready', stateLabel('ready'), (a) => stateMs(a, 'ready')),
    duration('not_ready', 'Not Ready', stateLabel('not_ready'), (a) => stateMs(a, 'not_ready')),
    ...reasons.map((reason) =>
      duration(`reason:${reason}`, `Not Ready: ${reason || 'no reason'}`, t('history.summary.column.reason', { reason: reasonWords(reason) }), (a) => stateMs(a, 'not_ready', reason)),
    ),
    duration('ACW', 'ACW', stateLabel('ACW'), (a) => stateMs(a, 'ACW')),
    {
      id: 'longest',
      key: 'Longest Not Ready',
      label: t('history.summary.column.longest'),
      numeric: true,
      sortValue: (a) => a.longestNotReady?.ms ?? null,
      text: (a) =>
        a.longestNotReady
          ? t('history.summary.longest', { length: formatHms(a.longestNotReady.ms), reason: reasonWords(a.longestNotReady.reason), from: formatClockSeconds(a.longestNotReady.start) })
          : '',
      csvText: (a) => (a.longestNotReady ? `${formatHms(a.longestNotReady.ms)} (${a.longestNotReady.reason || 'no reason'}) from ${formatClockSeconds(a.longestNotReady.start)}` : ''),
    },
    { id: 'signOuts', key: 'Signed out', label: t('history.summary.column.signOuts'), numeric: true, sortValue: (a) => a.signOuts, text: (a) => String(a.signOuts) },
    moment('firstSeen', 'First seen', t('history.summary.column.firstSeen'), (a) => a.firstSeen),
    moment('lastSeen', 'Last seen', t('history.summary.column.lastSeen'), (a) => a.lastSeen),
  ];
}

export interface SummarySort {
  column: string;
  descending: boolean;
}

export function sortSummary(agents: readonly AgentDaySummary[], columns: readonly SummaryColumn[], sort: SummarySort): AgentDaySummary[] {
  const column = columns.find((c) => c.id === sort.column) ?? columns[0]!;
  const direction = sort.descending ? -1 : 1;
  return [...agents].sort((a, b) => {
    const x = column.sortValue(a);
    const y = column.sortValue(b);
    // Blanks last, whichever way.
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * direction || a.memberName.localeCompare(b.memberName);
  });
}

/**
 * The table as CSV, in the order shown; every cell made spreadsheet-safe. The
 * header row is the columns' English keys in every language:
 * `Name,Ready,Not Ready,Not Ready: <reason>…,ACW,Longest Not Ready,Signed out,First seen,Last seen`
 * (a reason column per Not Ready reason, `Not Ready: no reason` for none).
 */
export function summaryToCsv(agents: readonly AgentDaySummary[], columns: readonly SummaryColumn[]): string {
  const lines = [columns.map((c) => csvCell(c.key)).join(',')];
  for (const agent of agents) lines.push(columns.map((c) => csvCell((c.csvText ?? c.text)(agent))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

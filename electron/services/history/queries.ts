import fs from 'node:fs';
import path from 'node:path';
import type { BoardTeam } from '../../../shared/domain/board';
import {
  dayKeyOf,
  dayStartOf,
  type AgentDaySummary,
  type AgentTimeline,
  type BoardAt,
  type BoardAtMember,
  type DaySummaryPage,
  type HistoryAction,
  type HistoryDayInfo,
  type HistoryDayOverview,
  MAX_DAY_TEAMS,
  type StateTime,
  type TeamDay,
  type TeamDayBucket,
  type TeamDayBucketMinutes,
  type TimelineSegment,
} from '../../../shared/domain/history';
import { mergeToPixels, type AgentTimelineOverview } from '../../../shared/domain/timeline-overview';
import { ConsoleError } from '../../../shared/ipc/result';
import type { MainMessage } from '../../../shared/domain/main-message';
import { ABSENT, MINUTE_MS, type MemberSums, type MinuteRecord } from './day-model';
import { CONTROL_FILE, DamagedDayError, EVENT_BYTES, folderBytes, isDayFolderName, MINUTES_FILE, readControl, readJsonLines, SHARD_BITS, SHARDS, shardFile, type DayControl } from './day-files';
import { replayDay } from './day-replay';

/**
 * The answers about a profile's history, read from its day folders. Each
 * answer reads only what it needs: an agent's day is one events file (a 32nd
 * of the day) plus the control log; a team's day is the per-minute sums; the
 * board at a moment is the checkpoint before it plus the records after it; a
 * day's summary is the last checkpoint plus the records after it.
 */

/** Where the recorder is (today's folder is still being written). */
export interface CurrentDay {
  day: string;
  /** The latest moment known (now while live). */
  latest: number;
  live: boolean;
}

interface OpenDay {
  day: string;
  dir: string;
  dayStart: number;
  control: DayControl;
  /** First and last moment the day's files know. */
  first: number;
  last: number;
}

export class HistoryQueries {
  /** The last parse of each day's control log (it only grows; a re-created day starts smaller). */
  private readonly controls = new Map<string, { ino: number; control: DayControl }>();

  constructor(
    private readonly root: string,
    /** The recorder's day, flushed to disk before it answers (null when not recording). */
    private readonly current: () => CurrentDay | null,
  ) {}

  days(): HistoryDayInfo[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.root);
    } catch {
      return [];
    }
    return names
      .filter(isDayFolderName)
      .sort()
      .reverse()
      .map((day) => ({ day, bytes: folderBytes(path.join(this.root, day)) }));
  }

  // ---- one day's span and teams ---------------------------------------------------

  dayOverview(day: string): HistoryDayOverview {
    const open = this.open(day);
    // Team records in file order: the last one of each id carries the name the team had at the end of the day.
    const names = new Map<string, string>();
    for (const { record } of open.control.timed) if (record.t === 'team') names.set(record.id, record.name);
    const teams = [...names]
      .map(([teamId, teamName]) => ({ teamId, teamName }))
      .sort((a, b) => a.teamName.localeCompare(b.teamName) || a.teamId.localeCompare(b.teamId))
      .slice(0, MAX_DAY_TEAMS);
    return { day, first: open.first, last: open.last, teams };
  }

  // ---- one agent's day ----------------------------------------------------------

  timeline(day: string, memberId: string): AgentTimeline {
    const open = this.open(day);
    const n = open.control.memberByValue.get(memberId);
    if (n === undefined) throw new ConsoleError('not_found', `${memberId} was not on the board on ${day}.`, undefined, { id: 'errors.history.agentNotOnDay', values: { agent: memberId, day } });
    const info = open.control.members[n]!;
    const events = memberEvents(open.dir, n);
    const connection = connectionChanges(open.control);
    const segments: TimelineSegment[] = [];
    let live = false;
    let code = ABSENT;
    /** The current state began before the segment now open (seen first after a gap). */
    let startAtLeast = false;
    let segmentStart = open.first;
    const emit = (end: number) => {
      if (end <= segmentStart) return;
      const segment: TimelineSegment = !live
        ? { kind: 'gap', start: segmentStart, end }
        : code === ABSENT
          ? { kind: 'absent', start: segmentStart, end }
          : stateSegment(open.control, code, segmentStart, end, startAtLeast);
      const previous = segments.at(-1);
      if (previous && previous.end === segment.start && sameSegment(previous, segment)) previous.end = end;
      else segments.push(segment);
      segmentStart = end;
    };
    let e = 0;
    let c = 0;
    while (e < events.t.length || c < connection.length) {
      const eventAt = e < events.t.length ? open.dayStart + events.t[e]! : Infinity;
      const change = connection[c];
      const changeAt = change ? change.at : Infinity;
      const at = Math.min(eventAt, changeAt, open.last);
      if (at >= open.last) break;
      if (eventAt <= changeAt) {
        const next = events.code[e++]!;
        if (next === code) continue;
        emit(at);
        code = next;
        startAtLeast = !live;
      } else {
        c++;
        if (change!.live === live) continue;
        emit(at);
        live = change!.live;
        // Seeing again after a gap: the state began unseen. At midnight the day before saw it: no gap.
        if (live) startAtLeast = code !== ABSENT && at !== open.dayStart;
      }
    }
    emit(open.last);
    const actions: HistoryAction[] = [];
    for (const { record } of open.control.timed) {
      if (record.t !== 'act' || record.n !== n) continue;
      actions.push({ at: record.at, memberId: info.id, memberName: info.name, action: record.action as HistoryAction['action'], by: record.by, result: record.result as HistoryAction['result'], message: record.message });
    }
    return { day, memberId: info.id, memberName: info.name, memberType: info.type, segments, actions };
  }

  /**
   * One member's day merged to the pixels of a bar spanning `from`..`to`
   * (`mergeToPixels`): what a timeline row draws, a small part of the full answer.
   */
  timelineOverview(day: string, memberId: string, span: { from: number; to: number; pixels: number }): AgentTimelineOverview {
    const { segments, ...timeline } = this.timeline(day, memberId);
    return { ...timeline, ...mergeToPixels(segments, span) };
  }

  // ---- one team's day -------------------------------------------------------------

  teamDay(day: string, teamId: string, bucketMinutes: TeamDayBucketMinutes): TeamDay {
    const open = this.open(day);
    let teamName: string | null = null;
    for (const { record } of open.control.timed) if (record.t === 'team' && record.id === teamId) teamName = record.name;
    if (teamName === null) throw new ConsoleError('not_found', `Team ${teamId} was not on the board on ${day}.`, undefined, { id: 'errors.history.teamNotOnDay', values: { team: teamId, day } });
    const bucketMs = bucketMinutes * MINUTE_MS;
    const firstBucket = Math.floor((open.first - open.dayStart) / bucketMs);
    const lastBucket = Math.max(firstBucket, Math.ceil((open.last - open.dayStart) / bucketMs) - 1);
    const sums: Array<Map<number, number>> = [];
    for (let b = firstBucket; b <= lastBucket; b++) sums.push(new Map());
    let minutes: Array<{ record: MinuteRecord }>;
    try {
      minutes = readJsonLines<MinuteRecord>(path.join(open.dir, MINUTES_FILE)).records;
    } catch (error) {
      throw damaged(day, error);
    }
    for (const { record } of minutes) {
      const flat = record.teams?.[teamId];
      if (!flat) continue;
      const bucket = sums[Math.floor((record.m - open.dayStart) / bucketMs) - firstBucket];
      if (!bucket) continue;
      for (let i = 0; i < flat.length; i += 2) bucket.set(flat[i]!, (bucket.get(flat[i]!) ?? 0) + flat[i + 1]!);
    }
    const liveTime = liveTimeIn(connectionChanges(open.control), open.first, open.last);
    const buckets: TeamDayBucket[] = sums.map((bucket, index) => {
      const start = open.dayStart + (firstBucket + index) * bucketMs;
      const observedMs = liveTime(start, start + bucketMs);
      const out: TeamDayBucket = { start, observed: round(observedMs / bucketMs), ready: 0, acw: 0, notReady: {} };
      if (observedMs <= 0) return out;
      for (const [code, ms] of bucket) {
        const key = open.control.states[code];
        if (!key) continue;
        const average = ms / observedMs;
        if (key.status === 'ready') out.ready += average;
        else if (key.status === 'ACW') out.acw += average;
        else out.notReady[key.reason] = (out.notReady[key.reason] ?? 0) + average;
      }
      out.ready = round(out.ready);
      out.acw = round(out.acw);
      for (const reason of Object.keys(out.notReady)) out.notReady[reason] = round(out.notReady[reason]!);
      return out;
    });
    return { day, teamId, teamName, bucketMinutes, buckets };
  }

  // ---- a day's summary --------------------------------------------------------------

  summary(day: string, options: { teamId?: string; offset: number; limit: number }): DaySummaryPage {
    const open = this.open(day);
    let model;
    try {
      model = replayDay(open.dir, open.control, open.dayStart, Infinity).model;
    } catch (error) {
      throw damaged(day, error);
    }
    let numbers = model.memberNumbers();
    if (options.teamId !== undefined) {
      const inTeam = new Set<number>();
      for (const { record } of open.control.timed) if (record.t === 'j' && record.team === options.teamId) inTeam.add(record.n);
      numbers = numbers.filter((n) => inTeam.has(n));
    }
    const rows: AgentDaySummary[] = [];
    for (const n of numbers) {
      const info = open.control.members[n];
      const sums = model.sumsAt(n, open.last);
      if (!info || !sums || sums.firstSeen === null) continue;
      rows.push(summaryRow(open.control, info, sums));
    }
    rows.sort((a, b) => a.memberName.localeCompare(b.memberName) || a.memberId.localeCompare(b.memberId));
    return { day, total: rows.length, offset: options.offset, agents: rows.slice(options.offset, options.offset + options.limit) };
  }

  // ---- the board at a moment ----------------------------------------------------------

  boardAt(at: number, options: { teamId?: string; limit: number }): BoardAt {
    const day = dayKeyOf(at);
    const open = this.open(day);
    const empty = ({ message, said }: { message: string; said: MainMessage }): BoardAt => ({ at, observed: false, detail: message, detailMessage: said, teams: [], members: [], totalMembers: 0 });
    if (at < open.first || at > open.last) return empty(notRecordedWords(at, day, open.first, open.last));
    let model;
    try {
      model = replayDay(open.dir, open.control, open.dayStart, at, undefined, { sums: false }).model;
    } catch (error) {
      throw damaged(day, error);
    }
    if (!model.live) {
      const gap = gapAround(connectionChanges(open.control), at, open.last);
      return empty(notReceivingWords(gap.start, gap.end));
    }
    const teams: BoardTeam[] = [];
    for (const [teamId, team] of model.teams) {
      if (options.teamId !== undefined && teamId !== options.teamId) continue;
      teams.push({ teamId, teamName: team.name, memberIds: [...team.members].map((n) => open.control.members[n]!.id) });
    }
    const wanted = options.teamId !== undefined ? new Set(model.teams.get(options.teamId)?.members ?? []) : null;
    const members: BoardAtMember[] = [];
    model.members.forEach((slot, n) => {
      if (!slot || slot.code === ABSENT || (wanted && !wanted.has(n))) return;
      const info = open.control.members[n]!;
      const key = open.control.states[slot.code]!;
      members.push({
        memberId: info.id,
        memberName: info.name,
        memberType: info.type,
        status: key.status,
        reason: key.reason,
        agentState: key.agent || null,
        since: slot.since,
        sinceAtLeast: slot.sinceAtLeast,
        timeInStateMs: at - slot.since,
      });
    });
    members.sort((a, b) => a.memberName.localeCompare(b.memberName) || a.memberId.localeCompare(b.memberId));
    return { at, observed: true, detail: `The board as the console saw it at ${new Date(at).toLocaleTimeString()}.`, teams, members: members.slice(0, options.limit), totalMembers: members.length };
  }

  // ---- internals ----------------------------------------------------------------------

  private control(dir: string): DayControl {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, CONTROL_FILE));
    } catch {
      return readControl(dir);
    }
    const cached = this.controls.get(dir);
    if (cached && cached.ino === stat.ino && stat.size >= cached.control.validBytes) {
      if (stat.size > cached.control.validBytes) readControl(dir, cached.control);
      return cached.control;
    }
    const control = readControl(dir);
    // Two days at most: today and the one being looked at.
    if (this.controls.size >= 2) this.controls.delete(this.controls.keys().next().value!);
    this.controls.set(dir, { ino: stat.ino, control });
    return control;
  }

  private open(day: string): OpenDay {
    const dir = path.join(this.root, day);
    if (!fs.existsSync(dir)) throw new ConsoleError('not_found', `No history is kept for ${day}.`, undefined, { id: 'errors.history.noDay', values: { day } });
    const current = this.current();
    let control: DayControl;
    try {
      control = this.control(dir);
    } catch (error) {
      this.controls.delete(dir);
      throw damaged(day, error);
    }
    const dayStart = dayStartOf(day);
    let first = Infinity;
    for (const { record } of control.timed) {
      first = record.at;
      break;
    }
    let last = control.lastAt ?? dayStart;
    for (let shard = 0; shard < SHARDS; shard++) last = Math.max(last, lastEventAt(dir, shard, dayStart));
    if (current && current.day === day) last = Math.max(last, current.latest);
    if (!Number.isFinite(first)) first = dayStart;
    return { day, dir, dayStart, control, first: Math.min(first, last), last };
  }
}

function damaged(day: string, error: unknown): Error {
  if (error instanceof DamagedDayError || error instanceof SyntaxError) return new ConsoleError('unavailable', `The history of ${day} is damaged and cannot be read (${error.message}).`, undefined, {
      id: 'errors.history.damaged',
      values: { day, reason: error.message },
    });
  return error instanceof Error ? error : new Error(String(error));
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function stateSegment(control: DayControl, code: number, start: number, end: number, startAtLeast: boolean): TimelineSegment {
  const key = control.states[code]!;
  return { kind: 'state', start, end, status: key.status, reason: key.reason, agentState: key.agent || null, startAtLeast };
}

function sameSegment(a: TimelineSegment, b: TimelineSegment): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'state' || b.kind !== 'state') return true;
  return a.status === b.status && a.reason === b.reason && a.agentState === b.agentState;
}

/** The files are little-endian; so is every machine the console runs on, but the fast scan checks. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** One member's events, from the one events file that holds them. */
function memberEvents(dir: string, n: number): { t: number[]; code: number[] } {
  const shard = n & (SHARDS - 1);
  const local = n >>> SHARD_BITS;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.join(dir, shardFile(shard)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { t: [], code: [] };
    throw error;
  }
  const t: number[] = [];
  const code: number[] = [];
  const records = Math.floor(bytes.length / EVENT_BYTES);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    // The file's records as 32-bit words (time, then member and state), read without a call per field: the
    // scan of a busy day's file (900,000 records) takes a third of the time it does through readUInt16LE.
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, records * 2);
    for (let r = 0; r < records; r++) {
      const word = words[r * 2 + 1]!;
      if ((word & 0xffff) !== local) continue;
      t.push(words[r * 2]!);
      code.push(word >>> 16);
    }
    return { t, code };
  }
  const end = records * EVENT_BYTES;
  for (let o = 0; o < end; o += EVENT_BYTES) {
    if (bytes.readUInt16LE(o + 4) !== local) continue;
    t.push(bytes.readUInt32LE(o));
    code.push(bytes.readUInt16LE(o + 6));
  }
  return { t, code };
}

function lastEventAt(dir: string, shard: number, dayStart: number): number {
  let fd: number;
  try {
    fd = fs.openSync(path.join(dir, shardFile(shard)), 'r');
  } catch {
    return -Infinity;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const end = size - (size % EVENT_BYTES);
    if (end < EVENT_BYTES) return -Infinity;
    const buffer = Buffer.alloc(4);
    fs.readSync(fd, buffer, 0, 4, end - EVENT_BYTES);
    return dayStart + buffer.readUInt32LE(0);
  } finally {
    fs.closeSync(fd);
  }
}

/** When the console started and stopped seeing, in order. */
function connectionChanges(control: DayControl): Array<{ at: number; live: boolean }> {
  const changes: Array<{ at: number; live: boolean }> = [];
  for (const { record } of control.timed) {
    if (record.t === 'live') changes.push({ at: record.at, live: true });
    else if (record.t === 'gap' || record.t === 'end') changes.push({ at: record.at, live: false });
  }
  return changes;
}

/** A function answering how long the console was live within [from, to). */
function liveTimeIn(changes: Array<{ at: number; live: boolean }>, first: number, last: number): (from: number, to: number) => number {
  const intervals: Array<[number, number]> = [];
  let liveSince: number | null = null;
  for (const change of changes) {
    if (change.live && liveSince === null) liveSince = change.at;
    else if (!change.live && liveSince !== null) {
      intervals.push([liveSince, change.at]);
      liveSince = null;
    }
  }
  if (liveSince !== null) intervals.push([liveSince, last]);
  return (from, to) => {
    let total = 0;
    for (const [a, b] of intervals) total += Math.max(0, Math.min(b, to, last) - Math.max(a, from, first));
    return total;
  };
}

function gapAround(changes: Array<{ at: number; live: boolean }>, at: number, last: number): { start: number; end: number } {
  let start = -Infinity;
  let end = last;
  for (const change of changes) {
    if (change.at <= at && !change.live) start = change.at;
    if (change.at > at && change.live) {
      end = change.at;
      break;
    }
  }
  return { start: Number.isFinite(start) ? start : at, end };
}

function summaryRow(control: DayControl, info: { id: string; name: string; type: AgentDaySummary['memberType'] }, sums: MemberSums): AgentDaySummary {
  const byKey = new Map<string, StateTime>();
  for (const [code, ms] of sums.byCode) {
    const key = control.states[code];
    if (!key) continue;
    const text = `${key.status}\u0001${key.reason}`;
    const entry = byKey.get(text);
    if (entry) entry.ms += ms;
    else byKey.set(text, { status: key.status, reason: key.reason, ms });
  }
  const longest = sums.longestNotReady;
  return {
    memberId: info.id,
    memberName: info.name,
    memberType: info.type,
    byState: [...byKey.values()].sort((a, b) => b.ms - a.ms),
    longestNotReady: longest ? { start: longest.start, ms: longest.ms, reason: control.states[longest.code]?.reason ?? '' } : null,
    signOuts: sums.signOuts,
    firstSeen: sums.firstSeen,
    lastSeen: sums.lastSeen,
  };
}

/**
 * Why the board at a moment is empty: the moment is outside what the console
 * recorded that day. In English words (times as en-US writes them, whatever the computer's locale), and by id
 * (`main.history.notRecorded`) with the moments as epoch ms.
 */
export function notRecordedWords(at: number, day: string, first: number, last: number): { message: string; said: MainMessage } {
  const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-US');
  return {
    message: `The console has no record of ${clock(at)} on ${day}: it recorded from ${clock(first)} to ${clock(last)}.`,
    said: { id: 'main.history.notRecorded', values: { at, day, first, last } },
  };
}

/** Why the board at a moment is empty: the console was not receiving team status then (`main.history.notReceiving`). */
export function notReceivingWords(start: number, end: number): { message: string; said: MainMessage } {
  const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-US');
  return {
    message: `The console was not receiving team status then (from ${clock(start)} to ${clock(end)}): the report stream was down or the console was not running.`,
    said: { id: 'main.history.notReceiving', values: { start, end } },
  };
}

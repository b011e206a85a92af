import fs from 'node:fs';
import path from 'node:path';
import type { MemberStatus, MemberType } from '../../../shared/domain/board';
import { HISTORY_DAY_PATTERN } from '../../../shared/domain/history';
import type { ModelCheckpoint, StateKey, MemberInfo } from './day-model';

/**
 * One day of history on disk, in its own folder `history/<YYYY-MM-DD>/`:
 *
 * - `events-00.bin` … `events-31.bin`: member state changes, 8 bytes each
 *   (u32 ms since the day's start, u16 member number ÷ 32, u16 state code),
 *   the member's number modulo 32 choosing the file, so one agent's day is
 *   read from one file holding a 32nd of the day.
 * - `control.jsonl`: everything else, one JSON record per line: the member and
 *   state dictionaries, teams and membership, gaps, supervisor actions,
 *   heartbeats and the index of checkpoints.
 * - `checkpoints.jsonl`: the whole day model every few minutes, with the size
 *   every other file had then, so any moment is rebuilt by replaying at most
 *   that much.
 * - `minutes.jsonl`: each finished minute's member-time per state per team.
 *
 * Every file only grows. A kill -9 can leave a partial last record; opening
 * the day cuts it off. Damage anywhere else makes the day unreadable, and the
 * recorder sets the folder aside.
 */

export const SHARDS = 32;
export const SHARD_BITS = 5;
export const EVENT_BYTES = 8;
/** Member numbers fit 16 bits per shard. */
export const MAX_MEMBERS_PER_DAY = SHARDS * 0xffff;

export const CONTROL_FILE = 'control.jsonl';
export const CHECKPOINT_FILE = 'checkpoints.jsonl';
export const MINUTES_FILE = 'minutes.jsonl';
export const shardFile = (shard: number): string => `events-${String(shard).padStart(2, '0')}.bin`;

export type ControlRecord =
  /** Member dictionary (a later line with the same n renames). */
  | { t: 'm'; n: number; id: string; name: string; type: MemberType }
  /** State dictionary. */
  | { t: 's'; c: number; status: MemberStatus; reason: string; agent: string }
  | { t: 'live'; at: number }
  | { t: 'gap'; at: number; why: string }
  | { t: 'team'; at: number; id: string; name: string }
  | { t: 'tr'; at: number; id: string }
  | { t: 'j'; at: number; team: string; n: number }
  | { t: 'l'; at: number; team: string; n: number }
  | { t: 'act'; at: number; n: number; action: string; by: string; result: string; message: string }
  /** Still seeing at `at` (written when nothing else was for a second). */
  | { t: 'b'; at: number }
  /** A checkpoint at `at`: line at byte `pos` of checkpoints.jsonl, `len` bytes. */
  | { t: 'cp'; at: number; pos: number; len: number }
  /** The day ended (midnight) with the console still running. */
  | { t: 'end'; at: number };

export interface CheckpointLine {
  /** Byte size of each events file, of control.jsonl and of minutes.jsonl when the checkpoint was taken. */
  events: number[];
  control: number;
  minutes: number;
  model: ModelCheckpoint;
}

export class DamagedDayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedDayError';
  }
}

export function isDayFolderName(name: string): boolean {
  return HISTORY_DAY_PATTERN.test(name);
}

/** A JSON-lines file's complete lines; a torn last line is reported, damage before it throws. */
export function readJsonLines<T>(file: string, from = 0): { records: Array<{ pos: number; record: T }>; validBytes: number; size: number } {
  let bytes: Buffer;
  try {
    bytes = readFrom(file, from);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], validBytes: 0, size: 0 };
    throw error;
  }
  const records: Array<{ pos: number; record: T }> = [];
  let pos = 0;
  let validBytes = 0;
  while (pos < bytes.length) {
    const newline = bytes.indexOf(0x0a, pos);
    if (newline < 0) break; // torn: never completed
    const line = bytes.toString('utf8', pos, newline);
    try {
      if (line.length) records.push({ pos: from + pos, record: JSON.parse(line) as T });
    } catch {
      // A line ended by a newline that does not parse is torn only when nothing follows it.
      if (newline + 1 < bytes.length) throw new DamagedDayError(`${path.basename(file)} has a damaged line at byte ${from + pos}.`);
      break;
    }
    pos = newline + 1;
    validBytes = pos;
  }
  return { records, validBytes: from + validBytes, size: from + bytes.length };
}

/** The file's bytes from `from` to its end. */
function readFrom(file: string, from: number): Buffer {
  if (from === 0) return fs.readFileSync(file);
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(Math.max(0, size - from));
    let read = 0;
    while (read < buffer.length) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, from + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** What the control log says, ready for queries and replay. */
export interface DayControl {
  members: MemberInfo[];
  memberByValue: Map<string, number>;
  states: StateKey[];
  /** Timed records in file order with their byte positions. */
  timed: Array<{ pos: number; record: Exclude<ControlRecord, { t: 'm' } | { t: 's' }> }>;
  checkpoints: Array<{ at: number; pos: number; len: number }>;
  validBytes: number;
  size: number;
  lastAt: number | null;
}

/**
 * Parse the control log. With `previous` (an earlier parse of the same file,
 * which only grows), only the lines added since are read; the previous
 * object is extended and returned.
 */
export function readControl(dir: string, previous?: DayControl): DayControl {
  const from = previous?.validBytes ?? 0;
  const { records, validBytes, size } = readJsonLines<ControlRecord>(path.join(dir, CONTROL_FILE), from);
  const control: DayControl = previous ?? { members: [], memberByValue: new Map(), states: [], timed: [], checkpoints: [], validBytes, size, lastAt: null };
  control.validBytes = validBytes;
  control.size = size;
  for (const { pos, record } of records) {
    if (!record || typeof record !== 'object') throw new DamagedDayError(`${CONTROL_FILE} holds a record that is not an object at byte ${pos}.`);
    if (record.t === 'm') {
      if (!Number.isInteger(record.n) || record.n < 0 || record.n >= MAX_MEMBERS_PER_DAY || typeof record.id !== 'string') throw new DamagedDayError(`${CONTROL_FILE} has a damaged member entry at byte ${pos}.`);
      control.members[record.n] = { id: record.id, name: String(record.name), type: record.type };
      control.memberByValue.set(record.id, record.n);
    } else if (record.t === 's') {
      if (!Number.isInteger(record.c) || record.c < 0 || record.c > 0xfffe) throw new DamagedDayError(`${CONTROL_FILE} has a damaged state entry at byte ${pos}.`);
      control.states[record.c] = { status: record.status, reason: String(record.reason ?? ''), agent: String(record.agent ?? '') };
    } else {
      if (typeof record.at !== 'number' || !Number.isFinite(record.at)) throw new DamagedDayError(`${CONTROL_FILE} has a record without a time at byte ${pos}.`);
      control.timed.push({ pos, record });
      control.lastAt = Math.max(control.lastAt ?? record.at, record.at);
      if (record.t === 'cp') control.checkpoints.push({ at: record.at, pos: record.pos, len: record.len });
    }
  }
  return control;
}

/** Events of one shard between two byte offsets, as parallel arrays. */
export interface ShardEvents {
  t: Uint32Array;
  local: Uint16Array;
  code: Uint16Array;
}

export function readShard(dir: string, shard: number, from = 0, to = Infinity): ShardEvents {
  const file = path.join(dir, shardFile(shard));
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { t: new Uint32Array(0), local: new Uint16Array(0), code: new Uint16Array(0) };
    throw error;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const end = Math.min(size, to);
    const start = Math.min(from, end);
    const count = Math.floor((end - start) / EVENT_BYTES);
    const buffer = Buffer.allocUnsafe(count * EVENT_BYTES);
    let read = 0;
    while (read < buffer.length) {
      const n = fs.readSync(fd, buffer, read, buffer.length - read, start + read);
      if (n === 0) break;
      read += n;
    }
    return decodeEvents(buffer.subarray(0, read - (read % EVENT_BYTES)));
  } finally {
    fs.closeSync(fd);
  }
}

export function decodeEvents(buffer: Buffer): ShardEvents {
  const count = buffer.length / EVENT_BYTES;
  const t = new Uint32Array(count);
  const local = new Uint16Array(count);
  const code = new Uint16Array(count);
  for (let i = 0, o = 0; i < count; i++, o += EVENT_BYTES) {
    t[i] = buffer.readUInt32LE(o);
    local[i] = buffer.readUInt16LE(o + 4);
    code[i] = buffer.readUInt16LE(o + 6);
  }
  return { t, local, code };
}

/** Bytes used by one day folder. */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const name of fs.readdirSync(dir)) {
    try {
      total += fs.statSync(path.join(dir, name)).size;
    } catch {
      // Removed meanwhile.
    }
  }
  return total;
}

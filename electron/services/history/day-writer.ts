import fs from 'node:fs';
import path from 'node:path';
import type { MemberStatus, MemberType } from '../../../shared/domain/board';
import { dayEndOf, dayStartOf } from '../../../shared/domain/history';
import { ABSENT, DayModel, MAX_STATE_CODE, type MemberInfo, type MinuteRecord, type StateKey } from './day-model';
import {
  CHECKPOINT_FILE,
  CONTROL_FILE,
  EVENT_BYTES,
  MAX_MEMBERS_PER_DAY,
  MINUTES_FILE,
  readControl,
  readJsonLines,
  SHARD_BITS,
  SHARDS,
  shardFile,
  type CheckpointLine,
  type ControlRecord,
} from './day-files';
import { replayDay } from './day-replay';

/**
 * Writes one day folder (see day-files.ts) and keeps its model current.
 * Records are buffered and written by `flush()` (the recorder calls it four
 * times a second), control lines first so every event's dictionary entries are
 * on disk before it. Written data survives a kill -9 at once (it is in the
 * operating system's cache); `sync()` makes it survive a power cut too.
 *
 * Times: an event is never earlier than anything written before it and always
 * later than the last control record, and a control record is never earlier
 * than the last event; replay merges the files by time with events first at
 * equal times, which is exactly the order they were written in.
 */

const MAX_NAME_CHARS = 256;
const MAX_ID_CHARS = 128;
const MAX_REASON_CHARS = 128;
/** Reasons beyond the dictionary's room are kept under this one. */
const OTHER_REASON = '(other reason)';

type TimedRecord = Exclude<ControlRecord, { t: 'm' } | { t: 's' }>;

export interface DayWriterOpenResult {
  writer: DayWriter;
  /** The day already had records (the console ran earlier that day). */
  resumed: boolean;
}

export class DayWriter {
  readonly dayStart: number;
  readonly dayEnd: number;
  readonly model: DayModel;
  private readonly memberByValue = new Map<string, number>();
  private readonly members: MemberInfo[] = [];
  private readonly stateByKey = new Map<string, number>();
  private readonly states: StateKey[] = [];

  private readonly fds: { control: number; checkpoints: number; minutes: number; shards: Array<number | null> };
  private readonly sizes: { control: number; checkpoints: number; minutes: number; shards: number[] };
  private readonly shardBuffers: Buffer[] = [];
  private readonly shardLengths: number[] = new Array(SHARDS).fill(0);
  private controlLines: string[] = [];
  private minuteLines: string[] = [];
  private lastT: number;
  private lastControlAt: number;
  /** Minutes already on disk (a resumed day re-emits some while replaying). */
  private lastMinuteWritten = -Infinity;
  lastCheckpointAt = -Infinity;
  /** Events since the last checkpoint (a busy day takes them more often). */
  eventsSinceCheckpoint = 0;
  /** When anything was last buffered (for heartbeats). */
  lastRecordAt = -Infinity;
  closed = false;

  private constructor(
    readonly day: string,
    readonly dir: string,
  ) {
    this.dayStart = dayStartOf(day);
    this.dayEnd = dayEndOf(day);
    this.lastT = this.dayStart;
    this.lastControlAt = this.dayStart - 1;
    this.model = new DayModel(this.dayStart, (code) => this.states[code], (minute) => this.minuteDone(minute));
    this.fds = { control: -1, checkpoints: -1, minutes: -1, shards: new Array(SHARDS).fill(null) };
    this.sizes = { control: 0, checkpoints: 0, minutes: 0, shards: new Array(SHARDS).fill(0) };
    for (let i = 0; i < SHARDS; i++) this.shardBuffers.push(Buffer.allocUnsafe(4096));
  }

  /**
   * Open (creating) the day's folder. A folder written earlier is checked and
   * replayed to rebuild the model; a torn tail is cut off, anything else
   * damaged throws DamagedDayError. `lastKnown` is then the last moment the
   * files show; if the day was live then, a gap starts there.
   */
  static open(day: string, dir: string): DayWriterOpenResult & { lastKnown: number | null } {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const writer = new DayWriter(day, dir);
    const controlFile = path.join(dir, CONTROL_FILE);
    const resumed = fs.existsSync(controlFile) && fs.statSync(controlFile).size > 0;
    let lastKnown: number | null = null;
    if (resumed) lastKnown = writer.resume();
    writer.openFiles();
    return { writer, resumed, lastKnown };
  }

  private resume(): number {
    const dir = this.dir;
    const control = readControl(dir);
    if (control.validBytes < control.size) fs.truncateSync(path.join(dir, CONTROL_FILE), control.validBytes);
    const minutes = readJsonLines<MinuteRecord>(path.join(dir, MINUTES_FILE));
    if (minutes.validBytes < minutes.size) fs.truncateSync(path.join(dir, MINUTES_FILE), minutes.validBytes);
    const lastMinute = minutes.records.at(-1);
    if (lastMinute) this.lastMinuteWritten = lastMinute.record.m;
    // A checkpoint written but not yet indexed is cut off: the index line is what makes it count.
    const lastCheckpoint = control.checkpoints.at(-1);
    const checkpointEnd = lastCheckpoint ? lastCheckpoint.pos + lastCheckpoint.len + 1 : 0;
    const checkpointFile = path.join(dir, CHECKPOINT_FILE);
    if (fs.existsSync(checkpointFile) && fs.statSync(checkpointFile).size > checkpointEnd) fs.truncateSync(checkpointFile, checkpointEnd);
    for (let shard = 0; shard < SHARDS; shard++) {
      const file = path.join(dir, shardFile(shard));
      if (!fs.existsSync(file)) continue;
      const size = fs.statSync(file).size;
      if (size % EVENT_BYTES) fs.truncateSync(file, size - (size % EVENT_BYTES));
    }
    control.members.forEach((info, n) => {
      this.members[n] = info;
      this.memberByValue.set(info.id, n);
    });
    control.states.forEach((key, code) => {
      this.states[code] = key;
      this.stateByKey.set(stateKeyText(key.status, key.reason, key.agent), code);
    });
    // The replayed model writes the minutes the files lack (those after the last one on disk).
    const replayed = replayDay(dir, control, this.dayStart, Infinity, (minute) => this.minuteDone(minute));
    this.model.loadCheckpoint(replayed.model.toCheckpoint());
    const lastKnown = Math.max(control.lastAt ?? this.dayStart, replayed.lastEventAt ?? this.dayStart, replayed.model.at);
    this.lastT = lastKnown;
    this.lastControlAt = lastKnown;
    this.model.advance(lastKnown);
    if (lastCheckpoint) this.lastCheckpointAt = lastCheckpoint.at;
    return lastKnown;
  }

  private openFiles(): void {
    const open = (name: string): { fd: number; size: number } => {
      const fd = fs.openSync(path.join(this.dir, name), 'a', 0o600);
      return { fd, size: fs.fstatSync(fd).size };
    };
    const control = open(CONTROL_FILE);
    const checkpoints = open(CHECKPOINT_FILE);
    const minutes = open(MINUTES_FILE);
    this.fds.control = control.fd;
    this.fds.checkpoints = checkpoints.fd;
    this.fds.minutes = minutes.fd;
    this.sizes.control = control.size;
    this.sizes.checkpoints = checkpoints.size;
    this.sizes.minutes = minutes.size;
    for (let shard = 0; shard < SHARDS; shard++) {
      const file = path.join(this.dir, shardFile(shard));
      this.sizes.shards[shard] = fs.existsSync(file) ? fs.statSync(file).size : 0;
    }
  }

  // ---- dictionaries ---------------------------------------------------------

  /** The member's number in this day (new members and renames are written to the dictionary); -1 when the day is full. */
  numberOf(memberId: string, memberName: string, memberType: MemberType): number {
    const id = memberId.slice(0, MAX_ID_CHARS);
    const name = memberName.slice(0, MAX_NAME_CHARS);
    let n = this.memberByValue.get(id);
    if (n === undefined) {
      if (this.members.length >= MAX_MEMBERS_PER_DAY) return -1;
      n = this.members.length;
      this.memberByValue.set(id, n);
    } else {
      const known = this.members[n]!;
      if (known.name === name && known.type === memberType) return n;
    }
    this.members[n] = { id, name, type: memberType };
    this.controlLines.push(JSON.stringify({ t: 'm', n, id, name, type: memberType } satisfies ControlRecord));
    return n;
  }

  knownNumber(memberId: string): number | undefined {
    return this.memberByValue.get(memberId.slice(0, MAX_ID_CHARS));
  }

  memberInfo(n: number): MemberInfo | undefined {
    return this.members[n];
  }

  stateKey(code: number): StateKey | undefined {
    return this.states[code];
  }

  codeOf(status: MemberStatus, rawReason: string, agent: string): number {
    const reason = rawReason.slice(0, MAX_REASON_CHARS);
    const text = stateKeyText(status, reason, agent);
    const known = this.stateByKey.get(text);
    if (known !== undefined) return known;
    if (this.states.length >= MAX_STATE_CODE) return reason === OTHER_REASON ? this.stateByKey.get(stateKeyText(status, '', ''))! : this.codeOf(status, OTHER_REASON, '');
    const code = this.states.length;
    this.states.push({ status, reason, agent });
    this.stateByKey.set(text, code);
    this.controlLines.push(JSON.stringify({ t: 's', c: code, status, reason, agent } satisfies ControlRecord));
    return code;
  }

  // ---- records --------------------------------------------------------------

  /** A member's state (or ABSENT) from `at` on. */
  event(at: number, n: number, code: number): void {
    const t = Math.min(this.dayEnd - 1, Math.max(at, this.lastT, this.lastControlAt + 1));
    this.lastT = t;
    const shard = n & (SHARDS - 1);
    let buffer = this.shardBuffers[shard]!;
    const length = this.shardLengths[shard]!;
    if (length + EVENT_BYTES > buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      this.shardBuffers[shard] = buffer = bigger;
    }
    buffer.writeUInt32LE(t - this.dayStart, length);
    buffer.writeUInt16LE(n >>> SHARD_BITS, length + 4);
    buffer.writeUInt16LE(code, length + 6);
    this.shardLengths[shard] = length + EVENT_BYTES;
    this.eventsSinceCheckpoint++;
    this.lastRecordAt = t;
    this.model.setState(t, n, code);
  }

  /** A timed control record; applied to the model here, as replay applies it. */
  control(record: TimedRecord): void {
    const at = Math.min(this.dayEnd, Math.max(record.at, this.lastT));
    const placed = { ...record, at } as TimedRecord;
    this.lastT = at;
    // Heartbeats, checkpoint entries and actions change nothing in the model, so an event may share their time.
    if (placed.t !== 'b' && placed.t !== 'cp' && placed.t !== 'act') this.lastControlAt = at;
    this.lastRecordAt = at;
    this.controlLines.push(JSON.stringify(placed));
    switch (placed.t) {
      case 'live':
        this.model.goLive(at);
        break;
      case 'gap':
      case 'end':
        this.model.goDark(at);
        break;
      case 'team':
        this.model.team(at, placed.id, placed.name);
        break;
      case 'tr':
        this.model.teamRemoved(at, placed.id);
        break;
      case 'j':
        this.model.join(at, placed.team, placed.n);
        break;
      case 'l':
        this.model.leave(at, placed.team, placed.n);
        break;
      default:
        this.model.advance(at);
    }
  }

  /** Keep a carried-over member's real start (a new day begins with the board as it was). */
  carrySince(n: number, since: number, sinceAtLeast: boolean): void {
    const slot = this.model.members[n];
    if (!slot) return;
    slot.since = since;
    slot.sinceAtLeast = sinceAtLeast;
  }

  get latest(): number {
    return this.lastT;
  }

  private minuteDone(minute: MinuteRecord): void {
    if (minute.m <= this.lastMinuteWritten) return;
    this.lastMinuteWritten = minute.m;
    this.minuteLines.push(JSON.stringify(minute));
  }

  // ---- disk -------------------------------------------------------------------

  get pendingBytes(): number {
    return this.shardLengths.reduce((a, b) => a + b, 0) + this.controlLines.length * 64;
  }

  /** Write everything buffered: control lines first, then events, then minutes. */
  flush(): void {
    if (this.closed) return;
    if (this.controlLines.length) {
      const text = Buffer.from(this.controlLines.join('\n') + '\n', 'utf8');
      this.controlLines = [];
      writeAll(this.fds.control, text);
      this.sizes.control += text.length;
    }
    for (let shard = 0; shard < SHARDS; shard++) {
      const length = this.shardLengths[shard]!;
      if (!length) continue;
      let fd = this.fds.shards[shard];
      if (fd === null || fd === undefined) fd = this.fds.shards[shard] = fs.openSync(path.join(this.dir, shardFile(shard)), 'a', 0o600);
      writeAll(fd, this.shardBuffers[shard]!.subarray(0, length));
      this.sizes.shards[shard]! += length;
      this.shardLengths[shard] = 0;
    }
    if (this.minuteLines.length) {
      const text = Buffer.from(this.minuteLines.join('\n') + '\n', 'utf8');
      this.minuteLines = [];
      writeAll(this.fds.minutes, text);
      this.sizes.minutes += text.length;
    }
  }

  /** The whole model, so that a query replays at most from here. */
  checkpoint(): void {
    if (this.closed) return;
    this.flush();
    const line: CheckpointLine = { events: [...this.sizes.shards], control: this.sizes.control, minutes: this.sizes.minutes, model: this.model.toCheckpoint() };
    const bytes = Buffer.from(JSON.stringify(line) + '\n', 'utf8');
    const pos = this.sizes.checkpoints;
    writeAll(this.fds.checkpoints, bytes);
    this.sizes.checkpoints += bytes.length;
    this.control({ t: 'cp', at: this.model.at, pos, len: bytes.length - 1 });
    this.lastCheckpointAt = this.model.at;
    this.eventsSinceCheckpoint = 0;
    this.flush();
  }

  /** Make what was written survive a power cut (fdatasync of every open file, off the main thread). */
  sync(): Promise<void> {
    const fds = [this.fds.control, this.fds.checkpoints, this.fds.minutes, ...this.fds.shards].filter((fd): fd is number => fd !== null && fd >= 0);
    return Promise.all(fds.map((fd) => new Promise<void>((resolve) => fs.fdatasync(fd, () => resolve())))).then(() => undefined);
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    try {
      for (const fd of [this.fds.control, this.fds.checkpoints, this.fds.minutes, ...this.fds.shards]) {
        if (fd !== null && fd >= 0) {
          fs.fdatasyncSync(fd);
          fs.closeSync(fd);
        }
      }
    } finally {
      this.closed = true;
    }
  }
}

function stateKeyText(status: string, reason: string, agent: string): string {
  return `${status}\u0001${reason}\u0001${agent}`;
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
}

export { ABSENT };

import fs from 'node:fs';
import path from 'node:path';
import { ABSENT, DayModel, type MinuteRecord } from './day-model';
import { CHECKPOINT_FILE, DamagedDayError, readShard, SHARD_BITS, SHARDS, type CheckpointLine, type DayControl } from './day-files';

/**
 * Rebuild a day's model as it was at `until` (Infinity: at the end of what is
 * on disk): the last checkpoint at or before it, then every record after the
 * checkpoint in the order it was written. Events and control records are
 * merged by time, events first at equal times (the recorder writes them so).
 */
export interface Replayed {
  model: DayModel;
  /** The checkpoint started from (null: the day's beginning). */
  checkpoint: CheckpointLine | null;
  /** Latest event time seen (epoch ms), or null. */
  lastEventAt: number | null;
}

export function readCheckpoint(dir: string, entry: { pos: number; len: number }): CheckpointLine {
  const fd = fs.openSync(path.join(dir, CHECKPOINT_FILE), 'r');
  try {
    const buffer = Buffer.alloc(entry.len);
    const read = fs.readSync(fd, buffer, 0, entry.len, entry.pos);
    if (read !== entry.len) throw new DamagedDayError(`${CHECKPOINT_FILE} is shorter than its index says.`);
    const line = JSON.parse(buffer.toString('utf8')) as CheckpointLine;
    if (!line || !Array.isArray(line.events) || line.events.length !== SHARDS || !line.model) throw new DamagedDayError(`${CHECKPOINT_FILE} holds a damaged checkpoint at byte ${entry.pos}.`);
    return line;
  } catch (error) {
    if (error instanceof SyntaxError) throw new DamagedDayError(`${CHECKPOINT_FILE} holds a damaged checkpoint at byte ${entry.pos}.`);
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

export function replayDay(dir: string, control: DayControl, dayStart: number, until: number, onMinute?: (minute: MinuteRecord) => void, options: { sums?: boolean } = {}): Replayed {
  const stateOf = (code: number) => control.states[code];
  const model = new DayModel(dayStart, stateOf, onMinute, options.sums ?? true);
  let base: { at: number; pos: number; len: number } | undefined;
  let next: { at: number; pos: number; len: number } | undefined;
  for (const cp of control.checkpoints) {
    if (cp.at <= until) base = cp;
    else if (!next) next = cp;
  }
  const checkpoint = base ? readCheckpoint(dir, base) : null;
  if (checkpoint) model.loadCheckpoint(checkpoint.model);
  const upper = next ? readCheckpoint(dir, next) : null;

  // Events after the checkpoint, all shards, ordered by time.
  const parts = [];
  let total = 0;
  for (let shard = 0; shard < SHARDS; shard++) {
    const part = readShard(dir, shard, checkpoint?.events[shard] ?? 0, upper?.events[shard] ?? Infinity);
    let previous = 0;
    for (let i = 0; i < part.t.length; i++) {
      const t = part.t[i]!;
      const n = (part.local[i]! << SHARD_BITS) | shard;
      const code = part.code[i]!;
      if (t < previous || control.members[n] === undefined || (code !== ABSENT && control.states[code] === undefined)) {
        throw new DamagedDayError(`events file ${shard} holds a damaged record.`);
      }
      previous = t;
    }
    parts.push({ shard, ...part });
    total += part.t.length;
  }
  const t = new Float64Array(total);
  const n = new Uint32Array(total);
  const code = new Uint16Array(total);
  const untilInDay = until - dayStart;
  let k = 0;
  for (const part of parts) {
    for (let i = 0; i < part.t.length; i++) {
      // Each file is in time order: the rest of it is after `until`.
      if (part.t[i]! > untilInDay) break;
      t[k] = dayStart + part.t[i]!;
      n[k] = (part.local[i]! << SHARD_BITS) | part.shard;
      code[k] = part.code[i]!;
      k++;
    }
  }
  const order = timeOrder(t.subarray(0, k), dayStart);

  const controlFrom = checkpoint?.control ?? 0;
  const controlTo = upper?.control ?? Infinity;
  const timed = control.timed.filter(({ pos }) => pos >= controlFrom && pos < controlTo);
  let e = 0;
  let c = 0;
  let lastEventAt: number | null = null;
  while (e < order.length || c < timed.length) {
    const eventAt = e < order.length ? t[order[e]!]! : Infinity;
    const record = c < timed.length ? timed[c]!.record : null;
    const controlAt = record ? record.at : Infinity;
    if (Math.min(eventAt, controlAt) > until) break;
    if (eventAt <= controlAt) {
      const i = order[e++]!;
      model.setState(eventAt, n[i]!, code[i]!);
      lastEventAt = eventAt;
      continue;
    }
    c++;
    switch (record!.t) {
      case 'live':
        model.goLive(record!.at);
        break;
      case 'gap':
        model.goDark(record!.at);
        break;
      case 'team':
        model.team(record!.at, record!.id, record!.name);
        break;
      case 'tr':
        model.teamRemoved(record!.at, record!.id);
        break;
      case 'j':
        model.join(record!.at, record!.team, record!.n);
        break;
      case 'l':
        model.leave(record!.at, record!.team, record!.n);
        break;
      case 'end':
        model.goDark(record!.at);
        break;
      default:
        model.advance(record!.at);
    }
  }
  if (Number.isFinite(until)) model.advance(until);
  return { model, checkpoint, lastEventAt };
}

/** Indices of `t` in time order, equal times keeping their order (stable). */
function timeOrder(t: Float64Array, dayStart: number): Uint32Array {
  const count = t.length;
  const order = new Uint32Array(count);
  if (count < 1 << 22) {
    // One numeric sort of (time, index) packed into a double: exact below 2^53.
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = (t[i]! - dayStart) * 4_194_304 + i;
    keys.sort();
    for (let i = 0; i < count; i++) order[i] = keys[i]! % 4_194_304;
    return order;
  }
  const indices = Array.from({ length: count }, (_, i) => i);
  indices.sort((a, b) => t[a]! - t[b]! || a - b);
  order.set(indices);
  return order;
}

/**
 * `npm run bench -- history`: the board history's figures.
 *
 * A recorded day is generated at speed: 5,000 members in 50 teams, 1,000
 * status events a second in board patches every 33 ms (as the board sends
 * them, each status change also handed over as it is applied, as the board's
 * `statusChanged` does), a membership change every 10 minutes and a 2-minute outage of the
 * report stream at mid-day, all at simulated times fed straight to the
 * recorder (its 250 ms flush driven by the simulated clock).
 *
 * 1. The product store (segment files, docs/history.md) on an 8-hour day
 *    (HISTORY_BENCH_HOURS): recording cost as a share of one core at
 *    1,000 events/s, disk per day, and the four queries.
 * 2. The same store against the alternative, SQLite compiled to WebAssembly
 *    (node-sqlite3-wasm: an events table indexed by member and time, one
 *    transaction per 250 ms flush), on the same generated hour
 *    (HISTORY_BENCH_ALT_HOURS, default half an hour): insert cost, disk, one agent's
 *    timeline and the board at a moment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { BoardMember } from '../../shared/domain/board';
import { dayKeyOf } from '../../shared/domain/history';
import { HistoryRecorder } from '../../electron/services/history/recorder';
import { HistoryQueries } from '../../electron/services/history/queries';
import { folderBytes } from '../../electron/services/history/day-files';
import { createLogger } from '../../electron/services/log/logger';
import { generatedDay, memberId, MEMBERS, PATCH_MS, RATE, TEAMS } from './history-day';

const HOURS = Number(process.env.HISTORY_BENCH_HOURS ?? 8);
const ALT_HOURS = Number(process.env.HISTORY_BENCH_ALT_HOURS ?? 0.5);
const DAY_START = new Date(2026, 2, 10, 8, 0, 0).getTime();
const DAY = dayKeyOf(DAY_START);
const log = createLogger('bench');

// ---- measuring ----------------------------------------------------------------------

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${pick(0.5).toFixed(1)} ms, p95 ${pick(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (${samples.length} queries)`;
}

interface StoreFigures {
  label: string;
  events: number;
  recordMs: number;
  simulatedMs: number;
  bytes: number;
  timeline: number[];
  boardAt: number[];
}

function recordProduct(hours: number): { figures: StoreFigures; queries: HistoryQueries; root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'history-bench-'));
  let now = DAY_START;
  const recorder = new HistoryRecorder({ root, log, now: () => now, timer: false });
  recorder.open();
  let recordMs = 0;
  globalThis.gc?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const events = generatedDay(DAY_START).run(hours, {
    status(m, at) {
      now = at;
      const t0 = performance.now();
      recorder.recordMembers([m]);
      recordMs += performance.now() - t0;
    },
    patch(p, at) {
      now = at;
      const t0 = performance.now();
      recorder.recordPatch(p);
      recordMs += performance.now() - t0;
    },
    resynced(at) {
      now = at;
      recorder.resynced();
    },
    tick(at) {
      now = at;
      const t0 = performance.now();
      recorder.tick(at);
      recordMs += performance.now() - t0;
    },
  });
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  recorder.flush();
  const queries = new HistoryQueries(root, () => ({ day: DAY, latest: now, live: true }));
  const bytes = folderBytes(path.join(root, DAY));
  console.log(
    `product: recorded ${events.toLocaleString('en')} events (${hours} h) in ${(recordMs / 1000).toFixed(1)} s inside the recorder; whole run incl. generating the day ${(wall / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
  );
  const last = now;
  const figures: StoreFigures = { label: 'segment files (product)', events, recordMs, simulatedMs: last - DAY_START, bytes, timeline: [], boardAt: [] };
  return { figures, queries, root };
}

function queryProduct(queries: HistoryQueries, figures: StoreFigures, hours: number, full: boolean): void {
  let seed = 99;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
  queries.timeline(DAY, memberId(0)); // warm-up
  for (let i = 0; i < 20; i++) figures.timeline.push(timed(() => queries.timeline(DAY, memberId(Math.floor(random() * MEMBERS)))).ms);
  for (let i = 0; i < 20; i++) {
    const at = DAY_START + 2_000 + Math.floor(random() * (hours * 3_600_000 - 4_000));
    figures.boardAt.push(timed(() => queries.boardAt(at, { limit: 5_000 })).ms);
  }
  if (!full) return;
  const sample = queries.timeline(DAY, memberId(42));
  console.log(`product: one agent's day: ${sample.segments.length} segments (${sample.segments.filter((s) => s.kind === 'gap').length} gaps)`);
  const teamDay: number[] = [];
  for (let i = 0; i < 10; i++) teamDay.push(timed(() => queries.teamDay(DAY, `team${Math.floor(random() * TEAMS)}`, 1)).ms);
  const teamDay15: number[] = [];
  for (let i = 0; i < 10; i++) teamDay15.push(timed(() => queries.teamDay(DAY, `team${Math.floor(random() * TEAMS)}`, 15)).ms);
  const summaryTeam: number[] = [];
  for (let i = 0; i < 5; i++) summaryTeam.push(timed(() => queries.summary(DAY, { teamId: `team${i}`, offset: 0, limit: 100 })).ms);
  const summaryAll = timed(() => queries.summary(DAY, { offset: 0, limit: 500 }));
  console.log(`product: timeline of one agent's day: ${stats(figures.timeline)} (target ≤ 150 ms)`);
  console.log(`product: a team's day, 1-minute buckets: ${stats(teamDay)}; 15-minute buckets: ${stats(teamDay15)} (target ≤ 300 ms)`);
  console.log(`product: the board at a moment (5,000 members): ${stats(figures.boardAt)} (target ≤ 200 ms)`);
  console.log(`product: day summary of one team (100 agents): ${stats(summaryTeam)}; of all ${summaryAll.value.total} members, first 500: ${summaryAll.ms.toFixed(1)} ms`);
  const share = (figures.recordMs / figures.simulatedMs) * 100;
  console.log(`product: recording cost ${(figures.recordMs / (figures.events / 1000)).toFixed(2)} ms per 1,000 events = ${share.toFixed(2)} % of one core at ${RATE.toLocaleString('en')} events/s (target < 5 %)`);
  console.log(`product: disk for the ${hours}-hour day ${(figures.bytes / 1e6).toFixed(0)} MB (${(figures.bytes / figures.events).toFixed(1)} bytes per event)`);
}

// ---- the alternative: SQLite in WebAssembly --------------------------------------------

interface SqliteStatement {
  run(values?: unknown[]): unknown;
  all(values?: unknown[]): Array<Record<string, number>>;
  finalize(): void;
}
interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

function recordSqlite(hours: number): StoreFigures {
  const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as { Database: new (file: string) => SqliteDatabase };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-bench-sqlite-'));
  const file = path.join(dir, 'history.db');
  const db = new Database(file);
  db.exec('PRAGMA journal_mode = TRUNCATE; PRAGMA synchronous = NORMAL;');
  db.exec('CREATE TABLE members (n INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT)');
  db.exec('CREATE TABLE states (c INTEGER PRIMARY KEY, status TEXT, reason TEXT)');
  db.exec('CREATE TABLE events (t INTEGER, n INTEGER, c INTEGER)');
  db.exec('CREATE INDEX events_member ON events (n, t)');
  db.exec('CREATE INDEX events_time ON events (t)');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?)');
  const insertMember = db.prepare('INSERT INTO members VALUES (?, ?, ?)');
  const insertState = db.prepare('INSERT INTO states VALUES (?, ?, ?)');
  const numbers = new Map<string, number>();
  const codes = new Map<string, number>();
  const current = new Map<number, number>();
  let pending: number[] = [];
  let recordMs = 0;
  let last = DAY_START;
  const record = (m: BoardMember) => {
    let n = numbers.get(m.memberId);
    if (n === undefined) {
      numbers.set(m.memberId, (n = numbers.size));
      insertMember.run([n, m.memberId, m.memberName]);
    }
    const key = `${m.status}\u0001${m.reason}`;
    let c = codes.get(key);
    if (c === undefined) {
      codes.set(key, (c = codes.size));
      insertState.run([c, m.status, m.reason]);
    }
    if (current.get(n) === c) return;
    current.set(n, c);
    pending.push(m.since, n, c);
  };
  const events = generatedDay(DAY_START).run(hours, {
    // Patches repeat what the status changes said; only the first (the whole board) is new.
    patch(p) {
      if (p.reset) p.members.forEach(record);
    },
    status(m, now) {
      last = now;
      const t0 = performance.now();
      record(m);
      recordMs += performance.now() - t0;
    },
    resynced() {},
    tick(now) {
      last = now;
      const t0 = performance.now();
      if (pending.length) {
        db.exec('BEGIN');
        for (let i = 0; i < pending.length; i += 3) insert.run([pending[i], pending[i + 1], pending[i + 2]]);
        db.exec('COMMIT');
        pending = [];
      }
      recordMs += performance.now() - t0;
    },
  });
  const bytes = fs.statSync(file).size;
  const timelineStatement = db.prepare('SELECT t, c FROM events WHERE n = ? ORDER BY t');
  const boardStatement = db.prepare('SELECT n, c, max(t) AS t FROM events WHERE t <= ? GROUP BY n');
  let seed = 99;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
  const timeline: number[] = [];
  const boardAt: number[] = [];
  timelineStatement.all([0]);
  for (let i = 0; i < 20; i++) timeline.push(timed(() => timelineStatement.all([numbers.get(memberId(Math.floor(random() * MEMBERS)))])).ms);
  for (let i = 0; i < 5; i++) {
    const at = DAY_START + 2_000 + Math.floor(random() * (hours * 3_600_000 - 4_000));
    boardAt.push(timed(() => boardStatement.all([at])).ms);
  }
  for (const s of [insert, insertMember, insertState, timelineStatement, boardStatement]) s.finalize();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { label: 'SQLite (node-sqlite3-wasm)', events, recordMs, simulatedMs: last - DAY_START, bytes, timeline, boardAt };
}

function compare(figures: StoreFigures[]): void {
  console.log(`\ncomparison on the same ${ALT_HOURS}-hour day (${figures[0]!.events.toLocaleString('en')} events):`);
  console.log('| store | recording, ms per 1,000 events | share of one core at 1,000/s | disk per hour | agent timeline (median) | board at a moment (median) |');
  console.log('|---|---|---|---|---|---|');
  const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  for (const f of figures) {
    console.log(
      `| ${f.label} | ${(f.recordMs / (f.events / 1000)).toFixed(2)} | ${((f.recordMs / f.simulatedMs) * 100).toFixed(2)} % | ${(f.bytes / 1e6 / ALT_HOURS).toFixed(0)} MB | ${median(f.timeline).toFixed(1)} ms | ${median(f.boardAt).toFixed(1)} ms |`,
    );
  }
}

// ---- run --------------------------------------------------------------------------------

console.log(`history: ${MEMBERS.toLocaleString('en')} members in ${TEAMS} teams, ${RATE.toLocaleString('en')} events/s in patches every ${PATCH_MS} ms, simulated time`);
const day = recordProduct(HOURS);
queryProduct(day.queries, day.figures, HOURS, true);
fs.rmSync(day.root, { recursive: true, force: true });

if (ALT_HOURS > 0) {
  const product = recordProduct(ALT_HOURS);
  queryProduct(product.queries, product.figures, ALT_HOURS, false);
  fs.rmSync(product.root, { recursive: true, force: true });
  const sqlite = recordSqlite(ALT_HOURS);
  compare([product.figures, sqlite]);
}

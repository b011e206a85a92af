import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../electron/services/history/recorder';
import { HistoryQueries } from '../../electron/services/history/queries';
import { createLogger } from '../../electron/services/log/logger';
import { dayKeyOf } from '../../shared/domain/history';

/**
 * kill -9 the process recording history at 1,000 events a second, 20 times,
 * at random moments (between flushes, inside a flush, inside a checkpoint).
 * After every kill the store opens again, and the moment it knows last is no
 * more than a second before the last moment the process had handed over.
 */
const KILLS = 20;

let work: string;
let driver: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'history-crash-'));
  driver = path.join(work, 'driver.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'history-crash-driver.ts')],
    outfile: driver,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    logLevel: 'warning',
  });
}, 60_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function runAndKill(root: string, runMs: number): Promise<{ lastSent: number; killedAt: number }> {
  const child = spawn(process.execPath, [driver, root], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (data: Buffer) => lines.push(...data.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!lines.includes('READY')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the driver did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise((resolve) => setTimeout(resolve, runMs));
  const killedAt = Date.now();
  child.kill('SIGKILL');
  await exited;
  const sent = lines.filter((line) => line.startsWith('SENT ')).map((line) => Number(line.slice(5)));
  return { lastSent: sent.at(-1) ?? 0, killedAt };
}

describe('history under kill -9', () => {
  it(`opens after each of ${KILLS} kills while recording 1,000 events/s and loses at most the last second`, async () => {
    const root = path.join(work, 'history');
    const lost: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const { lastSent } = await runAndKill(root, 300 + Math.floor(Math.random() * 500));
      // Open as the next start of the console would; it must recover, not set the day aside.
      const recorder = new HistoryRecorder({ root, log: createLogger('test'), timer: false });
      const status = recorder.open();
      expect(status.state, status.detail).toBe('recording');
      const day = dayKeyOf(lastSent);
      const known = recorder.current()!.latest;
      recorder.close();
      expect(fs.readdirSync(root).filter((name) => name.includes('damaged'))).toEqual([]);
      lost.push(lastSent - known);
      expect(known, `day ${day}`).toBeGreaterThanOrEqual(lastSent - 1_000);
    }
    // The day reads back whole: every agent's timeline ends in the gaps the kills left.
    const queries = new HistoryQueries(root, () => null);
    const day = queries.days()[0]!.day;
    const timeline = queries.timeline(day, 'a1');
    expect(timeline.segments.filter((s) => s.kind === 'gap').length).toBeGreaterThanOrEqual(KILLS);
    expect(timeline.segments.filter((s) => s.kind === 'state').length).toBeGreaterThan(KILLS);
    for (let i = 1; i < timeline.segments.length; i++) expect(timeline.segments[i]!.start).toBe(timeline.segments[i - 1]!.end);
    const board = queries.boardAt(timeline.segments.find((s) => s.kind === 'state')!.start + 1, { limit: 200 });
    expect(board.observed).toBe(true);
    expect(board.totalMembers).toBe(100);
    console.log(`history kill -9: lost at most ${Math.max(...lost)} ms of what was handed over (median ${[...lost].sort((a, b) => a - b)[Math.floor(lost.length / 2)]} ms)`);
  }, 90_000);
});

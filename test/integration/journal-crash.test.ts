import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import type { CrashPlan } from './journal-crash-driver';

/**
 * kill -9 the process running the journal at random moments while 200 queued
 * changes drain, 20 times. The lab lives here, in the test process, so it
 * survives. Afterwards every change must have been written exactly once and
 * the journal must be readable line by line.
 */
const KILLS = 20;
const CHANGES = 200;
const AGENTS = 50;

let lab: Lab;
let work: string;
let driver: string;

beforeAll(async () => {
  // Latency stretches the drain over the kills (each change is a read and a write).
  lab = await startLab({ agents: 120, latencyMs: 40 });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-crash-'));
  driver = path.join(work, 'driver.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'journal-crash-driver.ts')],
    outfile: driver,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'bufferutil', 'utf-8-validate'],
    logLevel: 'warning',
  });
}, 60_000);

afterAll(async () => {
  await lab?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  lines: string[];
  waitFor(line: string, timeoutMs: number): Promise<boolean>;
  exited: Promise<number | null>;
}

function run(planFile: string): Run {
  const child = spawn(process.execPath, [driver, planFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stdout!.on('data', (data: Buffer) => lines.push(...data.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    async waitFor(line, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!lines.includes(line)) {
        if (Date.now() > deadline || child.exitCode !== null) {
          if (stderr.includes('crash driver failed')) throw new Error(stderr);
          return lines.includes(line);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return true;
    },
  };
}

describe('write-behind journal under kill -9', () => {
  it(`applies ${CHANGES} changes exactly once across ${KILLS} crashes`, async () => {
    const agents = lab.seed.agents.slice(0, AGENTS).map((agent) => agent.userID);
    // Four successive alias changes per agent: each one's base is the previous one's value.
    const current = new Map(agents.map((userID) => [userID, String(lab.uccx.store.get('resource', userID)!.alias ?? '')]));
    const changes: CrashPlan['changes'] = [];
    for (let index = 0; index < CHANGES; index++) {
      const userID = agents[index % AGENTS]!;
      const value = `crash-${index}`;
      changes.push({ userID, base: { alias: current.get(userID)! }, mine: { alias: value } });
      current.set(userID, value);
    }
    const dir = path.join(work, 'profile');
    const planFile = path.join(work, 'plan.json');
    const plan: CrashPlan = { dir, nodes: [...lab.endpoints.uccx.nodes], username: lab.endpoints.uccx.username, password: lab.endpoints.uccx.password, changes };
    fs.writeFileSync(planFile, JSON.stringify(plan));

    // Every write the lab accepts, as "userID: from → to".
    const writes: string[] = [];
    lab.uccx.store.on('change', (change) => {
      if (change.entity !== 'resource' || change.kind !== 'updated') return;
      writes.push(`${change.id}: ${String(change.previous?.alias)} → ${String(lab.uccx.store.get('resource', change.id)!.alias)}`);
    });

    let killsDuringDrain = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const current = run(planFile);
      expect(await current.waitFor(kill === 0 ? 'ENQUEUED' : 'READY', 10_000)).toBe(true);
      // A random moment: while opening, while probing, mid-write.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 250)));
      const before = writes.length;
      current.child.kill('SIGKILL');
      await current.exited;
      if (before > 0 && before < CHANGES) killsDuringDrain++;
    }
    const last = run(planFile);
    expect(await last.waitFor('DONE', 60_000)).toBe(true);
    expect(await last.exited).toBe(0);

    // Most kills landed while the queue was draining, not before or after.
    expect(killsDuringDrain).toBeGreaterThanOrEqual(KILLS / 2);
    // Exactly one write per change, each from its base to its value, in order per agent.
    const expected = changes.map((change) => `${change.userID}: ${String(change.base.alias)} → ${String(change.mine.alias)}`);
    expect(writes.length).toBe(CHANGES);
    expect([...writes].sort()).toEqual([...expected].sort());
    for (const userID of agents) {
      expect(writes.filter((w) => w.startsWith(`${userID}:`))).toEqual(expected.filter((w) => w.startsWith(`${userID}:`)));
      expect(lab.uccx.store.get('resource', userID)!.alias).toBe(current.get(userID));
    }
    // The journal is readable: every line is a whole JSON record, and nothing is left waiting.
    const lines = fs.readFileSync(path.join(dir, 'changes', 'changes.jsonl'), 'utf8').split('\n').filter(Boolean);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const audit = fs.readFileSync(path.join(dir, 'changes', 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);
    const appliedIds = new Set(
      audit
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { result: string; changeId: string }];
          } catch {
            return [];
          }
        })
        .filter((entry) => entry.result === 'applied' || entry.result === 'already-applied')
        .map((entry) => entry.changeId),
    );
    // Every change's outcome reached the audit log, except one whose record the kill may have cut.
    expect(appliedIds.size).toBeGreaterThanOrEqual(CHANGES - KILLS);
  }, 240_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import type { CrashPlan } from './journal-crash-driver';
import type { UccxEdit } from '../../electron/services/uccx/service';

/**
 * kill -9 the process running the journal at random moments, 20 times, while
 * it queues 200 changes (agent alias updates, skill creates, renames and
 * deletes) and while they drain. The lab lives here, in the test process, so
 * it survives. Each run queues from the first change no earlier run
 * acknowledged (a change made durable just before a kill is queued again, as
 * a user would redo it; the re-read makes the second copy write nothing).
 * Afterwards every change must have been written exactly once and the journal
 * must be readable line by line.
 */
const KILLS = 20;
const AGENTS = 50;
const UPDATES_PER_AGENT = 3;
const NEW_SKILLS = 20;
const OLD_SKILLS = 25;
const CHANGES = AGENTS * UPDATES_PER_AGENT + NEW_SKILLS + 15 + 15;

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

/** A seeded shuffle that keeps each object's changes in their order. */
function interleave(queues: UccxEdit[][], seed: number): UccxEdit[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: UccxEdit[] = [];
  const open = queues.filter((queue) => queue.length > 0).map((queue) => [...queue]);
  while (open.length > 0) {
    const index = Math.floor(random() * open.length);
    out.push(open[index]!.shift()!);
    if (open[index]!.length === 0) open.splice(index, 1);
  }
  return out;
}

describe('write-behind journal under kill -9', () => {
  it(`applies ${CHANGES} changes exactly once across ${KILLS} crashes, during enqueue and drain`, async () => {
    const store = lab.uccx.store;
    const agents = lab.seed.agents.slice(0, AGENTS).map((agent) => agent.userID);
    const queues: UccxEdit[][] = [];
    // Three successive alias changes per agent: each one's base is the previous one's value.
    for (const userID of agents) {
      let alias = String(store.get('resource', userID)!.alias ?? '');
      const queue: UccxEdit[] = [];
      for (let round = 0; round < UPDATES_PER_AGENT; round++) {
        const next = `crash-${userID}-${round}`;
        queue.push({ type: 'resource', id: userID, operation: 'update', label: `Agent ${userID}`, base: { alias }, mine: { alias: next } });
        alias = next;
      }
      queues.push(queue);
    }
    for (let index = 0; index < NEW_SKILLS; index++) {
      const name = `Crash new ${index}`;
      queues.push([{ type: 'skill', id: name, operation: 'create', label: `Skill ${name}`, base: {}, mine: { name } }]);
    }
    // Skills that exist already: 15 renamed (10 of them then deleted), 5 more deleted as they are.
    for (let index = 0; index < OLD_SKILLS; index++) {
      const name = `Crash old ${index}`;
      const id = store.create('skill', { skillName: name });
      const queue: UccxEdit[] = [];
      let current = name;
      if (index < 15) {
        current = `Crash renamed ${index}`;
        queue.push({ type: 'skill', id, operation: 'update', label: `Skill ${name}`, base: { name }, mine: { name: current } });
      }
      if (index >= 5 && index < 20) queue.push({ type: 'skill', id, operation: 'delete', label: `Skill ${current}`, base: { name: current }, mine: {} });
      queues.push(queue);
    }
    const changes = interleave(queues, 20_26);
    expect(changes).toHaveLength(CHANGES);

    const dir = path.join(work, 'profile');
    const planFile = path.join(work, 'plan.json');
    const plan: CrashPlan = { dir, nodes: [...lab.endpoints.uccx.nodes], username: lab.endpoints.uccx.username, password: lab.endpoints.uccx.password, changes, startAt: 0 };

    // Every write the lab accepts, as `words` below describes a planned change.
    const writes: string[] = [];
    store.on('change', (change) => {
      if (change.entity === 'resource' && change.kind === 'updated') {
        writes.push(`${change.id}: ${String(change.previous?.alias)} → ${String(store.get('resource', change.id)!.alias)}`);
      } else if (change.entity === 'skill') {
        const name = change.kind === 'deleted' ? '' : store.displayName('skill', change.id);
        writes.push(change.kind === 'created' ? `create ${name}` : change.kind === 'deleted' ? `delete ${change.id}` : `rename ${change.id}: ${String(change.previous?.skillName)} → ${name}`);
      }
    });
    const words = (edit: UccxEdit) =>
      edit.type === 'resource'
        ? `${edit.id}: ${String(edit.base.alias)} → ${String(edit.mine.alias)}`
        : edit.operation === 'create'
          ? `create ${String(edit.mine.name)}`
          : edit.operation === 'delete'
            ? `delete ${edit.id}`
            : `rename ${edit.id}: ${String(edit.base.name)} → ${String(edit.mine.name)}`;

    let killsDuringEnqueue = 0;
    let killsDuringDrain = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      fs.writeFileSync(planFile, JSON.stringify(plan));
      const current = run(planFile);
      expect(await current.waitFor('READY', 10_000)).toBe(true);
      // A random moment: while queuing, while probing, mid-write.
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 250)));
      const before = writes.length;
      current.child.kill('SIGKILL');
      await current.exited;
      const acknowledged = current.lines.filter((line) => line.startsWith('ACK ')).map((line) => Number(line.slice(4)));
      if (acknowledged.length > 0 && !current.lines.includes('ENQUEUED')) killsDuringEnqueue++;
      if (before > 0 && before < CHANGES) killsDuringDrain++;
      plan.startAt = Math.max(plan.startAt, ...acknowledged.map((index) => index + 1));
    }
    fs.writeFileSync(planFile, JSON.stringify(plan));
    const last = run(planFile);
    expect(await last.waitFor('DONE', 60_000)).toBe(true);
    expect(await last.exited).toBe(0);

    // Kills landed while changes were being queued and while the queue was draining.
    expect(killsDuringEnqueue).toBeGreaterThanOrEqual(3);
    expect(killsDuringDrain).toBeGreaterThanOrEqual(KILLS / 2);
    // Exactly one write per change and nothing else, in order per object.
    const expected = changes.map(words);
    expect([...writes].sort()).toEqual([...expected].sort());
    for (const userID of agents) {
      expect(writes.filter((w) => w.startsWith(`${userID}:`))).toEqual(expected.filter((w) => w.startsWith(`${userID}:`)));
      expect(store.get('resource', userID)!.alias).toBe(`crash-${userID}-${UPDATES_PER_AGENT - 1}`);
    }
    expect(store.ids('skill').filter((id) => store.displayName('skill', id)?.startsWith('Crash')).length).toBe(NEW_SKILLS + OLD_SKILLS - 15);
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

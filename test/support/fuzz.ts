import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROCESS_GUARD_MARK } from '../../electron/core/process-guard';
import tls from 'node:tls';
import { RawIpcClient } from './ipc-client';
import { startHost, type RunningHost } from './web-host-process';

/**
 * Tools for the fuzz tests: a seeded PRNG (a failing run is reproduced by its
 * seed), raw TCP requests (so malformed request lines reach the server as
 * written), and a live host that is restarted after it dies, recording which
 * case killed it, so one run lists every killer instead of stopping at the first.
 */

export interface Rng {
  /** 0 <= x < 1 */
  next(): number;
  /** 0 <= n < max */
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast, good enough to generate test input. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** The seed of a fuzz run: FUZZ_SEED in the environment, or the fixed default. */
export function fuzzSeed(fallback: number): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

export interface RawReply {
  /** Status code of the first status line, or null when none arrived. */
  status: number | null;
  /** Everything received (up to 64 KiB), latin1. */
  text: string;
  /** The server closed or reset the connection. */
  closed: boolean;
}

export interface RawRequestOptions {
  /** Give up waiting for an answer after this long (the reply then has what arrived). */
  timeoutMs?: number;
  /** Write the request in pieces of this many bytes, one per tick. */
  chunkBytes?: number;
  /** Reset the connection (RST) right after writing. */
  reset?: boolean;
  /** Speak TLS (certificate not checked: the tests make their own). */
  tls?: boolean;
}

/** Write bytes to the host on a fresh TCP connection and read what comes back until the head of a reply, a close or the timeout. */
export function rawRequest(port: number, data: string | Buffer, options: RawRequestOptions = {}): Promise<RawReply> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  return new Promise((resolve) => {
    const socket = options.tls ? tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }) : net.connect({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = received.toString('latin1');
      const statuses = [...text.matchAll(/^HTTP\/1\.[01] (\d{3})/gm)].map((m) => Number(m[1]));
      // The final status, past any interim 100 Continue.
      const status = statuses.find((s) => s !== 100) ?? statuses[0] ?? null;
      resolve({ status, text, closed });
    };
    const timer = setTimeout(() => finish(false), options.timeoutMs ?? 3_000);
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('data', (chunk: Buffer) => {
      if (received.length < 64 * 1024) received = Buffer.concat([received, chunk]);
      // A complete head of a final answer (not an interim 100 Continue) is enough.
      if (/^HTTP\/1\.[01] (?!100)[1-5]\d\d[^]*?\r\n\r\n/m.test(received.toString('latin1'))) setTimeout(() => finish(false), 20);
    });
    socket.once(options.tls ? 'secureConnect' : 'connect', () => {
      if (options.reset) {
        socket.write(bytes, () => (socket as net.Socket).resetAndDestroy());
        return;
      }
      if (!options.chunkBytes) {
        socket.write(bytes);
        return;
      }
      let offset = 0;
      const step = () => {
        if (done || offset >= bytes.length) return;
        socket.write(bytes.subarray(offset, offset + options.chunkBytes!));
        offset += options.chunkBytes!;
        setImmediate(step);
      };
      step();
    });
  });
}

export interface Death {
  /** The case (or cases in flight) that were running when the host exited. */
  cases: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines the host printed on stderr. */
  stderr: string;
}

/**
 * A browser host that comes back after it dies. `checkAlive(label)` records a
 * death against `label` and starts a new host (same arguments and data folder).
 */
export class LiveHost {
  readonly deaths: Death[] = [];
  host!: RunningHost;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    private readonly args: string[],
    private readonly options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
  ) {}

  async start(): Promise<void> {
    this.host = await startHost(this.args, { ...this.options, dataDir: this.options.dataDir ?? this.host?.dataDir });
    this.exit = null;
    this.host.child.once('exit', (code, signal) => (this.exit = { code, signal }));
  }

  get exited(): boolean {
    return this.exit !== null;
  }

  /** Waits `graceMs` for a late exit; returns false (and restarts) if the host died. */
  async checkAlive(label: string, graceMs = 0): Promise<boolean> {
    if (graceMs > 0 && !this.exit) await new Promise((r) => setTimeout(r, graceMs));
    if (!this.exit) return true;
    const lines = this.host.output().stderr.trim().split('\n');
    // The thrown error's own line, then where it came from.
    const thrown = lines.findIndex((line) => /^\w*Error\b|^\s*\w+Error:|Error \[/.test(line));
    const stderr = (thrown >= 0 ? lines.slice(thrown, thrown + 3) : lines.slice(-4)).join('\n');
    this.deaths.push({ cases: label, code: this.exit.code, signal: this.exit.signal, stderr });
    await this.start();
    return false;
  }

  /**
   * Lines the last-resort process guard logged: each is an input that got past
   * the code meant to handle it (the guard must never be what keeps a known
   * input from killing the host).
   */
  guardLines(): string[] {
    let text = '';
    try {
      text = fs.readFileSync(path.join(this.host.dataDir, 'logs', 'console.log'), 'utf8');
    } catch {
      // No log yet: nothing was caught.
    }
    return text.split('\n').filter((line) => line.includes(PROCESS_GUARD_MARK));
  }

  async stop(): Promise<void> {
    if (this.host && !this.exit) await this.host.stop();
  }
}

/** Connect a fresh IPC client and ask `app:info`; resolves with the answer time in ms, or throws after `timeoutMs`. */
export async function appInfoWithin(host: RunningHost, timeoutMs = 2_000): Promise<number> {
  const started = Date.now();
  const client = await RawIpcClient.connect(host.origin, host.token);
  try {
    const info = await client.invoke<{ name: string }>('app:info', undefined, timeoutMs);
    if (!info.ok || info.value.name !== 'Supervisor Console') throw new Error(`app:info answered ${JSON.stringify(info).slice(0, 200)}`);
    return Date.now() - started;
  } finally {
    client.close();
  }
}

/** Describe deaths for an assertion message. */
export function describeDeaths(deaths: readonly Death[]): string {
  return deaths.map((d) => `- ${d.cases}: exit ${d.code ?? d.signal}\n    ${d.stderr.replace(/\n/g, '\n    ')}`).join('\n');
}

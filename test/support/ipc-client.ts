import WebSocket from 'ws';
import type { Result } from '../../shared/ipc/result';

/**
 * A raw client of the browser host's IPC socket, for tests that send exactly
 * the frames they mean to (including malformed ones) and record pushed events.
 */
export class RawIpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  readonly events: Array<{ channel: string; payload: unknown; at: number }> = [];
  readonly orphanResults: Array<Result<unknown>> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; id: number | null; result?: Result<unknown>; channel?: string; payload?: unknown };
      if (frame.type === 'result') {
        if (typeof frame.id === 'number' && this.pending.has(frame.id)) {
          this.pending.get(frame.id)!(frame.result!);
          this.pending.delete(frame.id);
        } else {
          this.orphanResults.push(frame.result!);
        }
      } else if (frame.type === 'event') {
        this.events.push({ channel: frame.channel!, payload: frame.payload, at: Date.now() });
      }
    });
  }

  /** Connects as the console's own page would: `origin` is the page's origin, sent as the Origin header. */
  static async connect(origin: string, token: string | null): Promise<RawIpcClient> {
    const wsOrigin = origin.replace(/^http/, 'ws');
    const url = token === null ? `${wsOrigin}/ipc` : `${wsOrigin}/ipc?token=${encodeURIComponent(token)}`;
    const socket = new WebSocket(url, { origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new RawIpcClient(socket);
  }

  invoke<T = unknown>(channel: string, payload?: unknown, timeoutMs = 15_000): Promise<Result<T>> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${channel} within ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result as Result<T>);
      });
    });
  }

  /** The value of a successful answer; an error answer throws, naming the channel and the typed error. */
  async value<T = unknown>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> {
    const result = await this.invoke<T>(channel, payload, timeoutMs);
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  /** Resolve with the next orphan result (answers to frames that had no usable id). */
  async nextOrphan(timeoutMs = 5_000): Promise<Result<unknown>> {
    const start = Date.now();
    while (this.orphanResults.length === 0) {
      if (Date.now() - start > timeoutMs) throw new Error('no orphan result');
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.orphanResults.shift()!;
  }

  async waitForEvent(channel: string, predicate: (payload: unknown) => boolean = () => true, timeoutMs = 15_000): Promise<unknown> {
    const start = Date.now();
    for (;;) {
      const hit = this.events.find((e) => e.channel === channel && predicate(e.payload));
      if (hit) return hit.payload;
      if (Date.now() - start > timeoutMs) throw new Error(`no ${channel} event within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): void {
    this.socket.close();
  }
}

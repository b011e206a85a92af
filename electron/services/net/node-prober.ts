import { NetworkError } from './network-error';
import type { HttpResponse } from './http-client';
import { PROBE_TIMEOUT_BOUNDS, SLOW_ANSWER_MS, type NodeCondition, type NodeConditionKind } from '../../../shared/domain/status';

/**
 * The health of one server node, shared by the UCCX and Unity Connection
 * clients so both name faults by the same rule (shared/domain/status.ts):
 *
 * - every answer is timed: a 5xx (other than 503 "busy") is `errors`, an
 *   answer that took SLOW_ANSWER_MS or longer is `slow`, else `ok`; a failure
 *   is `not-answering` (timeout), `refused` or `unreachable` (with why);
 * - the probe's timeout adapts to the node: 3 × the last answer time, within
 *   1 s and 10 s, so a node answering in 2 s is slow, not "not answering",
 *   while a hung node is still found within the 1 s floor;
 * - a probe that timed out is tried again soon (250 ms) with a timeout three
 *   times as long, up to the ceiling: a node that has just become slow is told
 *   apart from a hung one in one or two quick retries;
 * - concurrent probes of the node share one request.
 */
export interface NodeProberOptions {
  /** Send one probe with this deadline. */
  send: (timeoutMs: number) => Promise<HttpResponse>;
  /** Floor and ceiling of the adaptive timeout (defaults PROBE_TIMEOUT_BOUNDS). */
  minTimeoutMs?: number;
  maxTimeoutMs?: number;
  /** Delay before trying again after a timeout (default 250 ms). */
  retrySoonMs?: number;
  /** Called after every probe, and after every retry, with the answer (null when there was none). */
  onProbed?: (response: HttpResponse | null) => void;
  now?: () => number;
}

export class NodeProber {
  private current: NodeCondition;
  private nextTimeoutMs: number;
  private running: Promise<HttpResponse | null> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly minMs: number;
  private readonly maxMs: number;

  constructor(private readonly options: NodeProberOptions) {
    this.now = options.now ?? Date.now;
    this.minMs = options.minTimeoutMs ?? PROBE_TIMEOUT_BOUNDS.minMs;
    this.maxMs = Math.max(this.minMs, options.maxTimeoutMs ?? PROBE_TIMEOUT_BOUNDS.maxMs);
    this.nextTimeoutMs = this.minMs;
    this.current = { kind: 'checking', since: this.now(), latencyMs: null };
  }

  /** The node's condition as the last answer or failure left it. */
  get condition(): NodeCondition {
    return { ...this.current };
  }

  /** The deadline the next probe gets. */
  get timeoutMs(): number {
    return this.nextTimeoutMs;
  }

  /** The last answer time, ms (null while the node does not answer). */
  get latencyMs(): number | null {
    return this.current.latencyMs;
  }

  /** The node answers requests (maybe slowly): not errors, not silence. */
  get answering(): boolean {
    return this.current.kind === 'ok' || this.current.kind === 'slow';
  }

  /** Probe now, or join the probe in flight. Resolves with the answer, or null when there was none. */
  probe(): Promise<HttpResponse | null> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /**
   * Record an answer (a probe's or an ordinary request's). For the probe
   * itself any status but 2xx and 503 counts as an error (e.g. 404: not the
   * server we expect); for ordinary requests only 5xx do (4xx are answers).
   */
  answered(elapsedMs: number, status: number, probe = false): void {
    const error = probe ? (status < 200 || status >= 300) && status !== 503 : status >= 500 && status !== 503;
    if (probe || !error) this.nextTimeoutMs = clamp(PROBE_TIMEOUT_BOUNDS.factor * elapsedMs, this.minMs, this.maxMs);
    if (error) this.set('errors', { latencyMs: elapsedMs, httpStatus: status });
    else this.set(elapsedMs >= SLOW_ANSWER_MS ? 'slow' : 'ok', { latencyMs: elapsedMs });
  }

  /** Record a failure with no answer. `waitedMs`: the deadline that passed, for timeouts. */
  failed(error: unknown, waitedMs?: number): void {
    const kind = error instanceof NetworkError ? error.kind : 'protocol';
    switch (kind) {
      case 'timed-out':
        this.set('not-answering', { latencyMs: null, waitedMs });
        break;
      case 'connection-refused':
        this.set('refused', { latencyMs: null });
        break;
      default:
        this.set('unreachable', { latencyMs: null, reason: REASONS[kind] ?? 'connection failed' });
    }
  }

  private async run(): Promise<HttpResponse | null> {
    const timeoutMs = this.nextTimeoutMs;
    const started = this.now();
    let response: HttpResponse | null = null;
    try {
      response = await this.options.send(timeoutMs);
      this.answered(this.now() - started, response.status, true);
    } catch (error) {
      this.failed(error, timeoutMs);
      if (error instanceof NetworkError && error.kind === 'timed-out' && timeoutMs < this.maxMs) {
        // Slow or hung? Ask again soon, waiting longer.
        this.nextTimeoutMs = Math.min(this.maxMs, timeoutMs * PROBE_TIMEOUT_BOUNDS.factor);
        this.retrySoon();
      }
    }
    if (!this.stopped) this.options.onProbed?.(response);
    return response;
  }

  private retrySoon(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.probe();
    }, this.options.retrySoonMs ?? 250);
    this.retryTimer.unref?.();
  }

  private set(kind: NodeConditionKind, fields: Omit<NodeCondition, 'kind' | 'since'>): void {
    const since = this.current.kind === kind ? this.current.since : this.now();
    this.current = { kind, since, ...fields };
  }
}

const REASONS: Partial<Record<string, string>> = {
  'name-not-found': 'name not found',
  'certificate-untrusted': 'certificate not trusted',
  'certificate-changed': 'certificate changed',
  'connection-reset': 'connection reset',
  protocol: 'connection failed',
};

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

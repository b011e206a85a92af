import type { MainMessage } from './main-message';

/**
 * Queue figures for the board: per contact service queue (CSQ), how many
 * callers wait and for how long, the agents who can take them, and today's
 * handled and abandoned calls. A figure the source did not give (an older
 * release, a field renamed) is null and shown as "—".
 */
export interface QueueFigures {
  /** The CSQ's name (the real-time sources key queues by name). */
  name: string;
  /** The CSQ's numeric id as the source gives it, or null. */
  id: string | null;
  waiting: number | null;
  /** How long the caller waiting longest has waited, in ms, when the figures were read. */
  longestWaitMs: number | null;
  loggedIn: number | null;
  available: number | null;
  talking: number | null;
  notReady: number | null;
  handled: number | null;
  abandoned: number | null;
}

/** The whole centre's agents (`GET /adminapi/agentstats`): no per-queue breakdown. */
export interface CentreSummary {
  loggedIn: number | null;
  ready: number | null;
  notReady: number | null;
  talking: number | null;
}

export interface QueueState {
  /**
   * off: the profile has no UCCX; connecting: no answer yet; ok: figures read
   * at `readAt`; unavailable: the last reading failed (`detail` says why).
   */
  mode: 'off' | 'connecting' | 'ok' | 'unavailable';
  /** One sentence: the reason figures are unavailable, or where they come from. */
  detail: string;
  /** Why the figures are unavailable by message id (`main.queues.*`), when main has one, for the renderer to say in the user's language. */
  detailMessage?: MainMessage;
  /** The node that answered the last reading (host:port), or null. */
  node: string | null;
  /** Epoch ms (main's clock) when the figures were read, or null. */
  readAt: number | null;
  /** How often the source is polled, in ms (longer while it fails). */
  pollMs: number;
  /** Every queue the source reported, in its order; empty unless mode is ok. */
  queues: QueueFigures[];
  /** Names of the CSQs the supervisor's teams serve (the default choice of queues on the board). */
  teamCsqs: string[];
  /** The centre-wide agent summary, when UCCX gave one. */
  centre: CentreSummary | null;
}

export const QUEUES_OFF: QueueState = {
  mode: 'off',
  detail: 'UCCX is not configured in this profile, so there are no queue figures.',
  node: null,
  readAt: null,
  pollMs: 2000,
  queues: [],
  teamCsqs: [],
  centre: null,
};

/** The longest wait now: the wait read from the source plus the time since, while anyone waits. */
export function longestWaitNow(queue: Pick<QueueFigures, 'waiting' | 'longestWaitMs'>, readAt: number | null, now: number): number | null {
  if (queue.longestWaitMs === null) return null;
  if (queue.waiting === 0 || readAt === null) return queue.longestWaitMs;
  return queue.longestWaitMs + Math.max(0, now - readAt);
}

/**
 * Defaults of the profile's `realtime` section. The endpoint is undocumented
 * [U]: public wallboards use http://<uccx>:9080/realtime/VoiceIAQStats, newer
 * deployments HTTPS on 9443 or 8445, some with Basic credentials and some
 * without. `{node}` is a UCCX node's base URL as configured, `{host}` its host
 * name, `{port}` the `port` setting.
 */
export const REALTIME_DEFAULTS = {
  url: 'http://{host}:{port}/realtime/VoiceIAQStats',
  port: 9080,
  auth: 'none',
  pollSeconds: 2,
} as const;

import type { QueueFigures } from '../../../shared/domain/queues';
import type { MainMessage } from '../../../shared/domain/main-message';

/**
 * Where per-queue figures come from. The board polls one source through
 * QueueService; the first is the UCCX real-time endpoint (VoiceIAQStats over
 * HTTP, realtime-source.ts). A source speaking the documented CTI protocol
 * (TCP 42027, QUERY_QUEUE_STATISTICS_REQ) can be added behind the same
 * interface: `read()` answers the figures of every queue it knows, or throws
 * a QueueSourceError saying in words why it cannot.
 */
export interface QueueStatsSource {
  /** The source in words, e.g. "UCCX real-time (VoiceIAQStats)". */
  readonly name: string;
  read(signal?: AbortSignal): Promise<QueueReading>;
}

export interface QueueReading {
  /** Every queue the source reported, in its order. */
  queues: QueueFigures[];
  /** The node that answered (host:port). */
  node: string;
}

/**
 * A reading that failed; the message is the reason shown after "queue figures
 * unavailable: ", and `said` the same by message id (`main.queues.*`) when
 * main has one, for the renderer to say in the user's language.
 */
export class QueueSourceError extends Error {
  constructor(
    message: string,
    readonly said?: MainMessage,
  ) {
    super(message);
    this.name = 'QueueSourceError';
  }
}

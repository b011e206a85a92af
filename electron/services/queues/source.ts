import type { QueueFigures } from '../../../shared/domain/queues';

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

/** A reading that failed; the message is the reason shown after "queue figures unavailable: ". */
export class QueueSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueueSourceError';
  }
}

import { z } from 'zod';
import { event, invoke } from '../define';
import type { QueueState } from '../../domain/queues';

/**
 * Queue figures on the board: calls waiting, the longest wait, agents and
 * today's handled and abandoned calls per CSQ, read by main from the UCCX
 * real-time source. Which queues the board shows is the renderer's
 * preference (the board's section); main reports every queue it reads.
 */
export const queuesInvoke = {
  'queues:state': invoke<QueueState>()(z.undefined()),
};

export const queuesEvents = {
  'queues:changed': event<QueueState>(),
};

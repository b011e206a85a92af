import { z } from 'zod';
import { event, invoke } from '../define';
import type { BoardPatch, BoardSnapshot, JourneyResult, LabEndpointsView, LabRecentCall } from '../../domain/board';

/**
 * The live team board and call journeys. The renderer subscribes to
 * `board:patch` first, then asks for `board:snapshot`, and drops patches whose
 * seq is not above the snapshot's.
 */
export const boardInvoke = {
  'board:snapshot': invoke<BoardSnapshot>()(z.undefined()),
  /** The schema bounds the text; the board service then refuses anything but a UCCX session id (digits, `validateCallId`) before it reaches the report server. */
  'board:journey': invoke<JourneyResult>()(
    z.object({ callId: z.string().trim().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'a call id is printable text without spaces') }).strict(),
  ),
  /** Demo mode only: where the embedded lab's control API is (tests and the README drive faults with it); null otherwise. */
  'lab:endpoints': invoke<LabEndpointsView | null>()(z.undefined()),
  /** Demo mode only: the lab's last recorded calls (at most 8, newest first), to try on the Call journey screen; null otherwise. */
  'lab:recent-calls': invoke<LabRecentCall[] | null>()(z.undefined()),
};

export const boardEvents = {
  /** Changes to the board, batched (about every 100 ms) and numbered. */
  'board:patch': event<BoardPatch>(),
};

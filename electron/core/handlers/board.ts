import type { AreaHandlers } from '../dispatcher';
import type { boardInvoke } from '../../../shared/ipc/areas/board';
import type { LabEndpointsView, LabRecentCall } from '../../../shared/domain/board';
import type { BoardService } from '../../services/reports/board-service';

/** What the handlers may see of the demo lab (--demo): where it answers and the calls it recorded. */
export interface DemoLabPort {
  endpoints: LabEndpointsView;
  recentCalls(limit: number): LabRecentCall[];
}

/** How many recorded calls the Call journey screen lists in demo mode. */
export const DEMO_RECENT_CALLS = 8;

/** The board and call journeys; `lab` is the demo lab (--demo), else null. */
export function createBoardHandlers(board: BoardService, lab: DemoLabPort | null): AreaHandlers<typeof boardInvoke> {
  return {
    'board:snapshot': () => board.snapshot(),
    'board:journey': ({ callId }) => board.journey(callId),
    'lab:endpoints': () => lab?.endpoints ?? null,
    'lab:recent-calls': () => lab?.recentCalls(DEMO_RECENT_CALLS).map(({ callId, endedAt, caller }) => ({ callId, endedAt, caller })) ?? null,
  };
}

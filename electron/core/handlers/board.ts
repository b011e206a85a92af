import type { AreaHandlers } from '../dispatcher';
import type { boardInvoke } from '../../../shared/ipc/areas/board';
import type { LabEndpointsView } from '../../../shared/domain/board';
import type { BoardService } from '../../services/reports/board-service';

/** The board and call journeys; `lab` is where the demo lab answers (--demo), else null. */
export function createBoardHandlers(board: BoardService, lab: LabEndpointsView | null): AreaHandlers<typeof boardInvoke> {
  return {
    'board:snapshot': () => board.snapshot(),
    'board:journey': ({ callId }) => board.journey(callId),
    'lab:endpoints': () => lab,
  };
}

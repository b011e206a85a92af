import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import { BoardService } from '../../services/reports/board-service';

type BoardChannels = 'board:snapshot' | 'board:journey' | 'lab:endpoints';

/**
 * Patch coalescing window in ms. CONSOLE_BOARD_BATCH_MS=0 switches to one
 * patch per event: the naive baseline the board benchmark measures against.
 */
function batchIntervalFromEnvironment(): number | undefined {
  const text = process.env.CONSOLE_BOARD_BATCH_MS;
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  return Number(text);
}

export function createBoardHandlers(ctx: CoreContext): Pick<Handlers, BoardChannels> {
  const board = new BoardService({
    publish: (patch) => ctx.events.publish('board:patch', patch),
    setStatus: (status) => ctx.status.set(status),
    log: ctx.log.child('board'),
    batchIntervalMs: batchIntervalFromEnvironment(),
  });
  ctx.site.attach('board', (site) => board.start(site));

  return {
    'board:snapshot': () => board.snapshot(),
    'board:journey': ({ callId }) => board.journey(callId),
    'lab:endpoints': () => {
      const lab = ctx.lab;
      return lab ? { control: lab.endpoints.control, reports: { ...lab.endpoints.reports } } : null;
    },
  };
}

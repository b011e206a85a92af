import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import type { JournalHub } from '../../services/journal/hub';
import type { ChangeCounts } from '../../../shared/domain/changes';

type ChangesChannels =
  | 'changes:list'
  | 'changes:counts'
  | 'changes:retry'
  | 'changes:discard'
  | 'changes:edit'
  | 'changes:resolve'
  | 'changes:audit'
  | 'changes:audit-csv';

const EMPTY: ChangeCounts = { queued: 0, applying: 0, failed: 0, conflicted: 0, waiting: 0 };

/**
 * The Pending changes screen's channels, over the journal of the active
 * profile. Queue updates are pushed as counts at most every 250 ms: a bulk
 * re-skill of 400 agents must not flood the renderer.
 */
export function createChangesHandlers(ctx: CoreContext, hub: JournalHub): Pick<Handlers, ChangesChannels> {
  let timer: NodeJS.Timeout | null = null;
  hub.on('changed', () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      ctx.events.publish('changes:updated', hub.journal?.counts() ?? EMPTY);
    }, 250);
    timer.unref?.();
  });
  ctx.onShutdown(() => {
    if (timer) clearTimeout(timer);
  });

  return {
    'changes:list': () => (hub.journal?.list() ?? []).filter((change) => change.state !== 'applied' && change.state !== 'discarded'),
    'changes:counts': () => hub.journal?.counts() ?? EMPTY,
    'changes:retry': ({ id }) => hub.require().retry(id),
    'changes:discard': ({ id }) => hub.require().discard(id),
    'changes:edit': ({ id, mine }) => hub.require().edit(id, mine),
    'changes:resolve': ({ id, resolution }) => hub.require().resolve(id, resolution),
    'changes:audit': (query) => hub.requireAudit().search(query),
    'changes:audit-csv': (query) => ({
      fileName: `audit-${new Date().toISOString().slice(0, 10)}.csv`,
      csv: hub.requireAudit().exportCsv(query),
    }),
  };
}

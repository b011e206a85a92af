import type { AreaHandlers } from '../dispatcher';
import type { changesInvoke } from '../../../shared/ipc/areas/changes';
import type { JournalHub } from '../../services/journal/hub';
import { NO_CHANGES } from '../../../shared/domain/changes';

/** The Pending changes screen's channels, over the journal of the active profile. */
export function createChangesHandlers(hub: JournalHub): AreaHandlers<typeof changesInvoke> {
  return {
    'changes:list': () => (hub.journal?.list() ?? []).filter((change) => change.state !== 'applied' && change.state !== 'discarded'),
    'changes:counts': () => hub.journal?.counts() ?? NO_CHANGES,
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

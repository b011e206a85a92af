import type { AreaHandlers } from '../dispatcher';
import type { historyInvoke } from '../../../shared/ipc/areas/history';
import type { HistoryService } from '../../services/history/service';

/** The board's history of the active profile. */
export function createHistoryHandlers(history: HistoryService): AreaHandlers<typeof historyInvoke> {
  return {
    'history:days': () => history.days(),
    'history:day': ({ day }) => history.dayOverview(day),
    'history:timeline': ({ day, memberId }) => history.timeline(day, memberId),
    'history:timelineOverview': ({ day, memberId, from, to, pixels }) => history.timelineOverview(day, memberId, { from, to, pixels }),
    'history:teamDay': ({ day, teamId, bucketMinutes }) => history.teamDay(day, teamId, bucketMinutes),
    'history:summary': ({ day, teamId, offset, limit }) => history.summary(day, { teamId, offset: offset ?? 0, limit: limit ?? 100 }),
    'history:boardAt': ({ at, teamId, limit }) => history.boardAt(at, { teamId, limit: limit ?? 5_000 }),
  };
}

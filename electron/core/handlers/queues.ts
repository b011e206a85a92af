import type { AreaHandlers } from '../dispatcher';
import type { queuesInvoke } from '../../../shared/ipc/areas/queues';
import { QUEUES_OFF } from '../../../shared/domain/queues';
import type { PerSite } from '../../services/site/per-site';
import type { QueueService } from '../../services/queues/service';

export function createQueuesHandlers(queues: PerSite<QueueService>): AreaHandlers<typeof queuesInvoke> {
  return {
    'queues:state': () => queues.current?.state() ?? QUEUES_OFF,
  };
}

import type { AreaHandlers } from '../dispatcher';
import type { finesseInvoke } from '../../../shared/ipc/areas/finesse';
import { FINESSE_OFF } from '../../../shared/domain/finesse';
import type { PerSite } from '../../services/site/per-site';
import type { FinesseService } from '../../services/finesse/service';
import type { BoardFinesseLink } from '../../services/finesse/board-link';

export function createFinesseHandlers(finesse: PerSite<FinesseService>, link: BoardFinesseLink): AreaHandlers<typeof finesseInvoke> {
  return {
    'finesse:state': () => finesse.current?.state() ?? FINESSE_OFF,
    'finesse:set-state': ({ agentId, target }) => link.act(agentId, target),
    'finesse:teams': () => finesse.require().supervisedTeams(),
    'finesse:messages': () => finesse.require().messages(),
    'finesse:message-send': ({ content, teamIds, durationSeconds }) => finesse.require().sendMessage(content, teamIds, durationSeconds),
    'finesse:message-delete': ({ id }) => finesse.require().deleteMessage(id),
  };
}

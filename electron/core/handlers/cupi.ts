import type { AreaHandlers } from '../dispatcher';
import type { CupiDetail, cupiInvoke } from '../../../shared/ipc/areas/cupi';
import type { PerSite } from '../../services/site/per-site';
import type { UccxService } from '../../services/uccx/service';
import { CUPI_OFF, type CupiService } from '../../services/cupi/service';
import { closeNowFormOptions, uccxParameterPort, type CloseNowScheduler } from '../../services/cupi/close-now';
import { registerSecret } from '../../services/log/logger';

/** The Unity Connection editors and Close now (which also sets a UCCX script parameter). */
export function createCupiHandlers(cupi: PerSite<CupiService>, closeNow: PerSite<CloseNowScheduler>, uccx: PerSite<UccxService>): AreaHandlers<typeof cupiInvoke> {
  return {
    'cupi:state': () => cupi.current?.state() ?? CUPI_OFF,
    'cupi:search': (request) => cupi.require().search(request),
    'cupi:get': ({ type, objectId }): Promise<CupiDetail> => {
      const service = cupi.require();
      if (type === 'user') return service.getUser(objectId);
      if (type === 'callhandler') return service.getCallHandler(objectId);
      if (type === 'distributionlist') return service.getDistributionList(objectId);
      return service.get(type, objectId);
    },
    'cupi:user-templates': () => cupi.require().userTemplates(),
    'cupi:create': ({ type, fields, template }) => cupi.require().create(type, fields, template),
    'cupi:update': ({ type, objectId, label, base, changes }) => cupi.require().update(type, objectId, label, base, changes),
    'cupi:delete': ({ type, objectId, label, base }) => cupi.require().remove(type, objectId, label, base),
    'cupi:greeting': ({ handlerId, handlerName, greeting, base, changes }) => cupi.require().updateGreeting(handlerId, handlerName, greeting, base, changes),
    'cupi:transfer-rule': ({ handlerId, handlerName, rule, base, changes }) => cupi.require().updateTransferRule(handlerId, handlerName, rule, base, changes),
    'cupi:member-add': ({ listId, listName, memberType, memberId, memberName }) => cupi.require().addMember(listId, listName, memberType, memberId, memberName),
    'cupi:member-remove': ({ listId, listName, memberId, memberName }) => cupi.require().removeMember(listId, listName, memberId, memberName),
    'cupi:credential-reset': ({ userId, userLabel, kind, value, mustChange }) => {
      registerSecret(value);
      return cupi.require().resetCredential(userId, userLabel, kind, value, mustChange);
    },
    'cupi:credential-unlock': ({ userId, userLabel, kind }) => cupi.require().unlockCredential(userId, userLabel, kind),
    'cupi:credential-must-change': ({ userId, userLabel, kind, mustChange }) => cupi.require().setMustChange(userId, userLabel, kind, mustChange),
    'cupi:close-now': (request) => closeNow.require().close(request),
    'cupi:close-now-list': () => closeNow.current?.list() ?? [],
    'cupi:close-now-reopen': ({ id }) => closeNow.require().reopen(id),
    'cupi:close-now-options': () => closeNowFormOptions(uccx.current && uccxParameterPort(uccx.current)),
  };
}

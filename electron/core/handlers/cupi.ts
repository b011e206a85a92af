import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import type { JournalHub } from '../../services/journal/hub';
import type { PendingChange } from '../../../shared/domain/changes';
import type { CupiState } from '../../../shared/domain/cupi';
import type { ServerState } from '../../../shared/domain/status';
import type { CupiDetail } from '../../../shared/ipc/areas/cupi';
import { ConsoleError } from '../../../shared/ipc/result';
import { CupiClient } from '../../services/cupi/client';
import { CupiService } from '../../services/cupi/service';
import { CloseNowScheduler, type UccxParameterPort } from '../../services/cupi/close-now';
import { registerSecret } from '../../services/log/logger';

type CupiChannels =
  | 'cupi:state'
  | 'cupi:search'
  | 'cupi:get'
  | 'cupi:user-templates'
  | 'cupi:create'
  | 'cupi:update'
  | 'cupi:delete'
  | 'cupi:greeting'
  | 'cupi:transfer-rule'
  | 'cupi:member-add'
  | 'cupi:member-remove'
  | 'cupi:credential-reset'
  | 'cupi:credential-unlock'
  | 'cupi:credential-must-change'
  | 'cupi:close-now'
  | 'cupi:close-now-list'
  | 'cupi:close-now-reopen'
  | 'cupi:close-now-options';

/** What Close now needs from the UCCX area: its configuration and its queue (through its own channels). */
export interface UccxAccess {
  applications(): Promise<Array<{ name: string; params: Array<{ name: string; value: string }> }>>;
  submitParameter(application: string, parameter: string, base: string, value: string, label: string): Promise<PendingChange>;
}

const OFF: CupiState = { configured: false, readOnly: true, readsFrom: null, busy: null, detail: 'Unity Connection is not configured in this profile.' };

/**
 * The Unity Connection area: one CupiService (and Close now schedule) per
 * active site, its state in the frame's status list, the journal's "cupi"
 * applier, and a handler per channel.
 */
export function createCupiHandlers(ctx: CoreContext, hub: JournalHub, uccx: () => UccxAccess | null): Pick<Handlers, CupiChannels> {
  let service: CupiService | null = null;
  let closeNow: CloseNowScheduler | null = null;

  const uccxPort = (): UccxParameterPort | null => {
    const access = uccx();
    if (!access) return null;
    return {
      applications: () => access.applications(),
      read: async (application, parameter) => {
        const app = (await access.applications()).find((a) => a.name === application);
        return app?.params.find((p) => p.name === parameter)?.value ?? null;
      },
      submit: (application, parameter, base, value, label) => access.submitParameter(application, parameter, base, value, label),
    };
  };

  ctx.site.attach('unity connection', (site) => {
    const profile = site.profile.cupi;
    if (!profile?.publisher) {
      ctx.status.set({ id: 'cupi', kind: 'cupi', label: 'Unity Connection', state: 'off', detail: OFF.detail });
      return () => ctx.status.remove('cupi');
    }
    registerSecret(site.secrets.cupiPassword);
    let created: CupiService | null = null;
    const callbacks = CupiService.clientCallbacks(() => created);
    const client = new CupiClient({
      http: site.http,
      publisher: profile.publisher,
      subscriber: profile.subscriber,
      username: profile.username,
      password: site.secrets.cupiPassword ?? '',
      ...callbacks,
    });
    const report = (state: CupiState) => {
      const frameState: ServerState = state.busy ? 'degraded' : !state.readOnly ? 'ok' : state.readsFrom === 'subscriber' ? 'degraded' : 'down';
      ctx.status.set({ id: 'cupi', kind: 'cupi', label: 'Unity Connection', state: frameState, detail: state.detail });
      ctx.events.publish('cupi:state-changed', state);
    };
    created = new CupiService({
      client,
      cache: site.cache,
      log: site.log.child('cupi'),
      user: profile.username,
      profile: site.profile.name,
      journal: () => hub.journal,
      audit: () => hub.audit,
      onState: report,
    });
    const unregister = hub.registerApplier('cupi', created.journalApplier());
    const onJournal = (change: PendingChange | null) => {
      if (!change || change.ref.system === 'cupi') created?.emitState();
    };
    hub.on('changed', onJournal);
    ctx.status.set({ id: 'cupi', kind: 'cupi', label: 'Unity Connection', state: 'connecting', detail: 'Connecting to the Unity Connection publisher…' });
    created.start();
    const scheduler = new CloseNowScheduler({
      dir: site.dir,
      service: created,
      uccx: uccxPort,
      onJournalChange: (listener) => {
        const relay = (change: PendingChange | null) => {
          if (change) listener(change);
        };
        hub.on('changed', relay);
        return () => hub.off('changed', relay);
      },
      publish: (list) => ctx.events.publish('cupi:close-now-changed', list),
      log: site.log.child('close-now'),
    });
    scheduler.start();
    service = created;
    closeNow = scheduler;
    return () => {
      scheduler.stop();
      created?.stop();
      hub.off('changed', onJournal);
      unregister();
      if (service === created) service = null;
      if (closeNow === scheduler) closeNow = null;
      ctx.status.remove('cupi');
    };
  });

  const require = (): CupiService => {
    if (!service) throw new ConsoleError('unavailable', 'Unity Connection is not configured in the active profile.');
    return service;
  };
  const requireCloseNow = (): CloseNowScheduler => {
    if (!closeNow) throw new ConsoleError('unavailable', 'Unity Connection is not configured in the active profile.');
    return closeNow;
  };

  return {
    'cupi:state': () => service?.state() ?? OFF,
    'cupi:search': (request) => require().search(request),
    'cupi:get': async ({ type, objectId }): Promise<CupiDetail> => {
      const cupi = require();
      if (type === 'user') return cupi.getUser(objectId);
      if (type === 'callhandler') return cupi.getCallHandler(objectId);
      if (type === 'distributionlist') return cupi.getDistributionList(objectId);
      return cupi.get(type, objectId);
    },
    'cupi:user-templates': () => require().userTemplates(),
    'cupi:create': ({ type, fields, template }) => require().create(type, fields, template),
    'cupi:update': ({ type, objectId, label, base, changes }) => require().update(type, objectId, label, base, changes),
    'cupi:delete': ({ type, objectId, label, base }) => require().remove(type, objectId, label, base),
    'cupi:greeting': ({ handlerId, handlerName, greeting, base, changes }) => require().updateGreeting(handlerId, handlerName, greeting, base, changes),
    'cupi:transfer-rule': ({ handlerId, handlerName, rule, base, changes }) => require().updateTransferRule(handlerId, handlerName, rule, base, changes),
    'cupi:member-add': ({ listId, listName, memberType, memberId, memberName }) => require().addMember(listId, listName, memberType, memberId, memberName),
    'cupi:member-remove': ({ listId, listName, memberId, memberName }) => require().removeMember(listId, listName, memberId, memberName),
    'cupi:credential-reset': ({ userId, userLabel, kind, value, mustChange }) => {
      registerSecret(value);
      return require().resetCredential(userId, userLabel, kind, value, mustChange);
    },
    'cupi:credential-unlock': ({ userId, userLabel, kind }) => require().unlockCredential(userId, userLabel, kind),
    'cupi:credential-must-change': ({ userId, userLabel, kind, mustChange }) => require().setMustChange(userId, userLabel, kind, mustChange),
    'cupi:close-now': (request) => requireCloseNow().close(request),
    'cupi:close-now-list': () => closeNow?.list() ?? [],
    'cupi:close-now-reopen': ({ id }) => requireCloseNow().reopen(id),
    'cupi:close-now-options': async () => {
      const port = uccxPort();
      if (!port) return { applications: null, unavailableReason: 'UCCX is not configured in this profile.' };
      try {
        return { applications: await port.applications() };
      } catch (error) {
        return { applications: null, unavailableReason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** UCCX access for Close now built on the UCCX area's handlers; null while UCCX is not configured. */
export function uccxAccessThrough(handlers: Pick<Handlers, 'uccx:state' | 'uccx:config' | 'uccx:submit'>): UccxAccess | null {
  return {
    applications: async () => {
      const config = await handlers['uccx:config'](undefined);
      return config.applications.map((app) => ({ name: app.name, params: app.params.map((p) => ({ name: p.name, value: p.value })) }));
    },
    submitParameter: async (application, parameter, base, value, label) => {
      const [change] = await handlers['uccx:submit']({
        edits: [
          {
            type: 'application',
            id: application,
            operation: 'update',
            label,
            summary: `Parameter ${parameter}: ${base || '(none)'} → ${value || '(none)'}`,
            base: { [`param/${parameter}`]: base },
            mine: { [`param/${parameter}`]: value },
          },
        ],
      });
      return change!;
    },
  };
}

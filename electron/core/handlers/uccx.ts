import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import type { JournalHub } from '../../services/journal/hub';
import { UccxService } from '../../services/uccx/service';
import { ConsoleError } from '../../../shared/ipc/result';
import type { UccxState } from '../../../shared/domain/uccx';

type UccxChannels = 'uccx:state' | 'uccx:config' | 'uccx:submit' | 'uccx:prompt-upload' | 'uccx:prompt-audio';

const OFF: UccxState = { mode: 'off', writable: false, detail: 'UCCX is not configured in this profile', nodes: [], waiting: 0 };

/**
 * The UCCX area: one UccxService per active site (HA polling, configuration,
 * the journal's UCCX applier), its state in the frame's status list.
 */
export function createUccxHandlers(ctx: CoreContext, hub: JournalHub): Pick<Handlers, UccxChannels> {
  let service: UccxService | null = null;

  ctx.site.attach('uccx', async (site) => {
    const created = UccxService.forSite(site, hub);
    if (!created) return;
    service = created;
    const report = (state: UccxState) => {
      ctx.status.set({
        id: 'uccx',
        kind: 'uccx',
        label: 'UCCX',
        state: state.mode === 'ok' ? 'ok' : state.mode === 'read-only' ? 'degraded' : state.mode === 'offline' ? 'down' : state.mode === 'off' ? 'off' : 'connecting',
        detail: state.detail,
      });
      ctx.events.publish('uccx:state-changed', state);
    };
    created.on('state', report);
    // At most one reload hint a second: a bulk re-skill writes hundreds of objects.
    let hint: NodeJS.Timeout | null = null;
    created.on('configChanged', () => {
      hint ??= setTimeout(() => {
        hint = null;
        ctx.events.publish('uccx:config-changed', { at: Date.now() });
      }, 1000);
    });
    report(created.state());
    // The first probe is bounded by its 1 s timeout; do not hold up the other services.
    void created.start().catch((error: unknown) => site.log.error('UCCX could not start', error));
    return () => {
      if (hint) clearTimeout(hint);
      created.stop();
      if (service === created) service = null;
      ctx.status.remove('uccx');
    };
  });

  const require = (): UccxService => {
    if (!service) throw new ConsoleError('unavailable', 'UCCX is not configured in the active profile.');
    return service;
  };

  return {
    'uccx:state': () => service?.state() ?? OFF,
    'uccx:config': () => require().loadConfig(),
    'uccx:submit': ({ edits }) => require().submit(edits),
    'uccx:prompt-upload': ({ name, dataBase64, replacedSize }) => require().queuePromptUpload(name, Buffer.from(dataBase64, 'base64'), replacedSize),
    'uccx:prompt-audio': async ({ name }) => ({ dataBase64: (await require().promptAudio(name)).toString('base64'), contentType: 'audio/wav' }),
  };
}

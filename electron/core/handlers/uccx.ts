import type { AreaHandlers } from '../dispatcher';
import type { uccxInvoke } from '../../../shared/ipc/areas/uccx';
import type { PerSite } from '../../services/site/per-site';
import { UCCX_OFF, type UccxService } from '../../services/uccx/service';

export function createUccxHandlers(uccx: PerSite<UccxService>): AreaHandlers<typeof uccxInvoke> {
  return {
    'uccx:state': () => uccx.current?.state() ?? UCCX_OFF,
    'uccx:config': () => uccx.require().loadConfig(),
    'uccx:submit': async ({ edits }) => {
      const service = uccx.require();
      await service.prepareToJudge(edits);
      return service.submit(edits);
    },
    'uccx:prompt-list': ({ folder }) => uccx.require().promptFolder(folder),
    'uccx:prompt-upload': ({ folder, name, dataBase64, replacedSize, replacing }) => {
      const service = uccx.require();
      return service.queuePromptUpload(folder, name, Buffer.from(dataBase64, 'base64'), replacedSize, service.account, replacing ?? replacedSize !== null);
    },
    'uccx:prompt-delete': ({ folder, name, size }) => uccx.require().queuePromptDelete(folder, name, size),
    'uccx:prompt-audio': async ({ folder, name }) => ({ dataBase64: (await uccx.require().promptAudio(folder, name)).toString('base64'), contentType: 'audio/wav' }),
    'uccx:caller-lists': async () => {
      const lists = uccx.require().callerLists;
      return { folder: lists.folder, lists: await lists.lists() };
    },
    'uccx:caller-list': ({ name }) => uccx.require().callerLists.load(name),
    'uccx:caller-list-save': ({ name, base, entries }) => {
      const service = uccx.require();
      return service.callerLists.submit(name, base, entries, service.account);
    },
    'uccx:switches': () => uccx.require().switches.load(),
    'uccx:switches-save': ({ base, switches }) => {
      const service = uccx.require();
      return service.switches.submit(base, switches, service.account);
    },
  };
}

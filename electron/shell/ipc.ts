import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { MAX_PAYLOAD_BYTES } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
import type { Dispatch } from '../core/dispatcher';
import { isAppFrameUrl } from './sender-guard';
import { createLogger } from '../services/log/logger';

const log = createLogger('electron-ipc');

function approximateSize(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * One ipcMain handler per contract channel, each checking who is asking
 * before the core validates what is asked.
 */
export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<Result<unknown>> => {
      const frameUrl = event.senderFrame?.url;
      if (!isAppFrameUrl(frameUrl)) {
        log.warn(`refused ${channel} from an unexpected frame`, { frameUrl: String(frameUrl).slice(0, 200) });
        return fail('forbidden', 'This request did not come from the console window.');
      }
      const size = approximateSize(payload);
      if (!Number.isFinite(size)) return fail('invalid_payload', 'The request cannot be read as JSON (nested too deeply, or cyclic).');
      if (size > MAX_PAYLOAD_BYTES) return fail('payload_too_large', `The request is ${size} bytes; the limit is ${MAX_PAYLOAD_BYTES}.`);
      return dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

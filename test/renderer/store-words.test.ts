import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { createWebSocketApi } from '../../renderer/src/api/ws-transport';
import { startBoardBridge } from '../../renderer/src/features/board/board-store';
import { requestJourneyFromAddress } from '../../renderer/src/features/journey/journey-request';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { useAppStore } from '../../renderer/src/store/app-store';
import { ConsoleError } from '../../shared/ipc/result';
import { createFakeApi } from '../support/fake-api';

/**
 * Sentences the renderer's stores and its connection to the console host
 * write themselves (toasts, a request's error) come from the catalogues: in
 * German here, with what the server or the address said left as it was.
 */
const lastNotice = () => useAppStore.getState().notices.at(-1)?.message;

/** A socket that opens, then closes when the test says so: the host going away with a request in flight. */
class ClosingSocket {
  static latest: ClosingSocket | null = null;
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  sent: string[] = [];
  constructor(readonly url: string) {
    ClosingSocket.latest = this;
    setTimeout(() => this.onopen?.(), 0);
  }
  send(frame: string) {
    this.sent.push(frame);
  }
  close() {
    this.onclose?.();
  }
}

beforeAll(() => applyLanguage('de'));
afterAll(() => applyLanguage('en'));
afterEach(() => {
  useAppStore.setState({ notices: [] });
  vi.unstubAllGlobals();
});

describe('the stores speak the chosen language', () => {
  it('refuses a page address that names no call, in German with the rule\'s own words', async () => {
    requestJourneyFromAddress('#/journey/16777x');
    await vi.waitFor(() => expect(lastNotice()).toBe('Die Adresse nennt keinen Anruf zum Nachschlagen: Eine Anruf-ID ist die UCCX-Sitzungsnummer und besteht nur aus Ziffern (z. B. 16777302); „16777x“ ist keine.'));
    requestJourneyFromAddress('#/journey/%20123');
    await vi.waitFor(() => expect(lastNotice()).toBe('Die Adresse nennt keinen Anruf zum Nachschlagen: eine Anruf-ID ist die UCCX-Sitzungsnummer und besteht nur aus Ziffern.'));
  });

  it('says that the board could not be loaded, with main\'s reason as sent', async () => {
    setApi(
      createFakeApi({
        'board:snapshot': () => {
          throw new ConsoleError('unavailable', 'The report server is not configured.');
        },
      }),
    );
    startBoardBridge();
    await vi.waitFor(() => expect(lastNotice()).toBe('Die Teamübersicht konnte nicht geladen werden: The report server is not configured.'));
  });

  it('answers a request lost with the host connection in German', async () => {
    vi.stubGlobal('WebSocket', ClosingSocket);
    const api = createWebSocketApi('ws://console.invalid/ipc');
    await vi.waitFor(() => expect(api.connected()).toBe(true));
    const answer = api.invoke('changes:counts', undefined);
    await vi.waitFor(() => expect(ClosingSocket.latest?.sent).toHaveLength(1));
    ClosingSocket.latest!.close();
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'unavailable', message: 'Verbindung zum Konsolen-Host verloren; neuer Versuch läuft.' } });
  });
});

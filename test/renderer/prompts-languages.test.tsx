import { act } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { setApi } from '../../renderer/src/api/client';
import { PromptsEditor } from '../../renderer/src/features/config/uccx/PromptsEditor';
import { useUccxStore } from '../../renderer/src/features/config/uccx/uccx-store';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { PSEUDO_CHARACTERS } from '../../scripts/i18n/pseudo-locale';
import { createFakeApi, type FakeApi } from '../support/fake-api';
import { pendingChange } from '../support/pending-change';
import { wordsNotFromCatalogue } from '../support/pseudo-scan';
import { reactRoot, settle } from '../support/react-root';
import type { UccxRepositoryItem } from '../../shared/domain/uccx';

/**
 * The Prompts tab in the states the demo lab does not hold still for: a
 * wrong-format file refused, the delete confirmation open and an upload in
 * flight, all at once. In the pseudo-locale every word comes from a
 * catalogue; in German the refusal, sizes and dates read as German does.
 */

const item = (folder: string, name: string, patch: Partial<UccxRepositoryItem> = {}): UccxRepositoryItem => ({
  folder,
  name,
  isFolder: false,
  size: 7_270,
  dateModified: '2026-12-02T09:15:00.000Z',
  modifiedBy: 'administrator',
  ...patch,
});

const LISTINGS: Record<string, UccxRepositoryItem[]> = {
  '/': [item('/', 'en_US', { isFolder: true, size: null }), item('/', 'de_DE', { isFolder: true, size: null })],
  '/en_US/': [item('/en_US/', 'holidays', { isFolder: true, size: null }), item('/en_US/', 'welcome.wav'), item('/en_US/', 'tiny.wav', { size: 512, dateModified: 'yesterday' })],
};

/** A 44.1 kHz 16-bit stereo PCM WAVE file: what a desktop recorder makes. */
function cdQualityWav(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + 400);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((char, index) => (bytes[offset + index] = char.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + 400, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 2, true);
  view.setUint32(24, 44_100, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, 400, true);
  return bytes;
}

const WAITING = pendingChange('upload-1', { ref: { system: 'uccx', type: 'prompt', id: '/en_US/queue-tip.wav' }, operation: 'create', label: 'Prompt /en_US/queue-tip.wav', summary: 'Upload /en_US/queue-tip.wav (4200 bytes)' });

const mount = reactRoot(() => useUccxStore.setState({ config: null, state: null, loading: false, error: null, pending: [WAITING] }));

afterAll(async () => {
  await act(() => applyLanguage('en'));
});

/** The tab with the en_US folder read, a wrong-format file chosen, welcome.wav's deletion to confirm and queue-tip.wav uploading. */
async function showEveryState(api: FakeApi): Promise<void> {
  setApi(api);
  mount.render(<PromptsEditor />);
  await settle();
  const upload = mount.container.querySelector<HTMLInputElement>('.toolbar input[type="file"]')!;
  const bytes = cdQualityWav();
  // jsdom's File cannot read itself back; the browser's can.
  const file = Object.assign(new File([bytes], 'recording.wav', { type: 'audio/wav' }), { arrayBuffer: async () => bytes.buffer });
  Object.defineProperty(upload, 'files', { value: [file], configurable: true });
  await act(async () => upload.dispatchEvent(new Event('change', { bubbles: true })));
  await settle();
  await act(async () => mount.container.querySelector<HTMLButtonElement>('tbody tr:nth-child(2) button.danger')!.click());
  await act(async () => api.emit('uccx:prompt-upload-progress', { changeId: 'upload-1', path: '/en_US/queue-tip.wav', sent: 1_680, total: 4_200 }));
}

const fakeApi = () => createFakeApi({ 'uccx:prompt-list': ({ folder }) => LISTINGS[folder] ?? [], 'changes:list': () => [WAITING] });

describe('the Prompts tab in other languages', () => {
  it('in the pseudo-locale, says every word through the catalogues; file names, users and main’s summaries stay as sent', async () => {
    await act(() => applyLanguage('pseudo'));
    await showEveryState(fakeApi());
    expect(mount.container.querySelector('[role="alert"]')!.textContent).toMatch(/^recording\.wav: \S/);
    expect(mount.container.querySelector('[role="alertdialog"]')).not.toBeNull();
    expect(mount.container.querySelector('.upload-progress')).not.toBeNull();
    expect(wordsNotFromCatalogue({ pseudoCharacters: PSEUDO_CHARACTERS, root: mount.container })).toEqual([]);
  });

  it('in German, refuses the file in German words, and writes sizes and dates as German does', async () => {
    await act(() => applyLanguage('de'));
    await showEveryState(fakeApi());
    expect(mount.container.querySelector('[role="alert"]')!.textContent).toBe('recording.wav: Diese Datei hat das Format PCM stereo, 44,1 kHz, 16 Bit; UCCX benötigt 8 kHz, 8 Bit, µ-law oder A-law, mono.');
    const welcome = [...mount.container.querySelectorAll('tbody tr')].find((row) => row.querySelector('th')!.textContent!.startsWith('welcome.wav'))!;
    expect([...welcome.querySelectorAll('td')].slice(0, 3).map((cell) => cell.textContent)).toEqual(['7,1 KB', expect.stringMatching(/^2\. Dez\. 2026, \d{1,2}:15$/), 'administrator']);
    const tiny = [...mount.container.querySelectorAll('tbody tr')].find((row) => row.querySelector('th')!.textContent!.startsWith('tiny.wav'))!;
    // A date the server wrote in a form the console cannot read is shown as written.
    expect([...tiny.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)).toEqual(['512 B', 'yesterday']);
    const dialog = mount.container.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('Ansage /en_US/welcome.wav löschen?');
    expect(dialog.textContent).toContain('Die Aufnahme /en_US/welcome.wav (7,1 KB) wird aus UCCX gelöscht.');
    expect(mount.container.querySelector('.upload-progress')!.textContent).toContain('wird hochgeladen: 40 %');
  });
});

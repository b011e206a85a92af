import { useEffect, useState } from 'react';
import type { UccxConfig, UccxPrompt } from '../../../../../shared/domain/uccx';
import { call } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { PendingMarker } from './PendingMarker';
import { loadPending, pendingFor, useUccxStore } from './uccx-store';

/** The same check main makes, early: UCCX plays 8 kHz, 8-bit, mono G.711 WAVE files. */
export function checkWavHeader(bytes: Uint8Array): string | null {
  const ascii = (offset: number) => String.fromCharCode(...bytes.slice(offset, offset + 4));
  if (bytes.length < 44 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') return 'This is not a WAVE (.wav) audio file.';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const size = view.getUint32(offset + 4, true);
    if (ascii(offset) === 'fmt ') {
      const format = view.getUint16(offset + 8, true);
      const channels = view.getUint16(offset + 10, true);
      const rate = view.getUint32(offset + 12, true);
      const problems = [
        format !== 6 && format !== 7 ? 'not G.711 mu-law or A-law' : '',
        rate !== 8000 ? `${rate} Hz instead of 8000 Hz` : '',
        channels !== 1 ? `${channels} channels instead of mono` : '',
      ].filter(Boolean);
      return problems.length ? `UCCX cannot play this prompt: ${problems.join(', ')}.` : null;
    }
    offset += 8 + size + (size % 2);
  }
  return 'The WAVE file has no format chunk.';
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function PromptsEditor({ config }: { config: UccxConfig }) {
  const pending = useUccxStore((s) => s.pending);
  const live = useUccxStore((s) => s.config?.source === 'live');
  const [problem, setProblem] = useState<string | null>(null);
  const [playing, setPlaying] = useState<{ name: string; url: string } | null>(null);

  useEffect(() => () => (playing ? URL.revokeObjectURL(playing.url) : undefined), [playing]);

  async function upload(file: File, existing: UccxPrompt | undefined) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const issue = checkWavHeader(bytes);
    setProblem(issue);
    if (issue) return;
    try {
      await call('uccx:prompt-upload', { name: existing?.name ?? file.name, dataBase64: toBase64(bytes), replacedSize: existing ? existing.fileSize : null });
      pushNotice('info', `${file.name} queued for upload.`);
      void loadPending();
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  async function fetchAudio(prompt: UccxPrompt): Promise<string | null> {
    try {
      const audio = await call('uccx:prompt-audio', { name: prompt.name });
      return URL.createObjectURL(new Blob([fromBase64(audio.dataBase64)], { type: audio.contentType }));
    } catch (error) {
      pushNotice('error', `Could not fetch ${prompt.name}: ${(error as Error).message}`);
      return null;
    }
  }

  return (
    <div className="simple-editor">
      <div className="panel toolbar">
        <label className="inline">
          Upload a new prompt (.wav, 8 kHz mono G.711){' '}
          <input type="file" accept=".wav,audio/wav" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0], undefined)} />
        </label>
        {problem ? (
          <p className="banner banner-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {playing ? (
        <div className="panel">
          <span>Playing {playing.name}</span> <audio controls autoPlay src={playing.url} />
        </div>
      ) : null}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Prompt</th>
            <th scope="col">Format</th>
            <th scope="col">Length</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {config.prompts.map((prompt) => (
            <tr key={prompt.name}>
              <th scope="row">
                {prompt.name} <PendingMarker changes={pendingFor(pending, 'prompt', prompt.name)} />
              </th>
              <td>
                {prompt.audioFormat} {prompt.sampleRate ? `${prompt.sampleRate / 1000} kHz` : ''} {prompt.channels === 1 ? 'mono' : ''}
              </td>
              <td>{prompt.durationMillis !== null ? `${(prompt.durationMillis / 1000).toFixed(1)} s` : '—'}</td>
              <td className="toolbar">
                <button
                  type="button"
                  disabled={!live}
                  onClick={async () => {
                    const url = await fetchAudio(prompt);
                    if (url) setPlaying({ name: prompt.name, url });
                  }}
                >
                  Play
                </button>
                <button
                  type="button"
                  disabled={!live}
                  onClick={async () => {
                    const url = await fetchAudio(prompt);
                    if (!url) return;
                    const link = document.createElement('a');
                    link.href = url;
                    link.download = prompt.name;
                    link.click();
                    setTimeout(() => URL.revokeObjectURL(url), 10_000);
                  }}
                >
                  Download
                </button>
                <label className="inline file-button">
                  Replace… <input type="file" accept=".wav,audio/wav" aria-label={`Replace ${prompt.name}`} onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0], prompt)} />
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending
        .filter((c) => c.ref.type === 'prompt' && c.operation === 'create')
        .map((c) => (
          <p key={c.id} className="pending-marker">
            <span aria-hidden="true">⏳</span> {c.summary} waiting
          </p>
        ))}
    </div>
  );
}

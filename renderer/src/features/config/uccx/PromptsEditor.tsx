import { useEffect, useRef, useState } from 'react';
import type { UccxConfig, UccxPrompt } from '../../../../../shared/domain/uccx';
import { call } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { detailOf } from '../../../components/ErrorDetails';
import { followInToast } from '../../../store/change-progress';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { PendingMarker } from './PendingMarker';
import { loadPending, pendingFor, uccxWaitingFor, useUccxStore } from './uccx-store';
import { useEditorReadOnly } from './editor-access';

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
  // Read-only: prompts can still be played and downloaded, not uploaded or replaced.
  const readOnly = Boolean(useEditorReadOnly());
  const [problem, setProblem] = useState<string | null>(null);
  const [playing, setPlaying] = useState<{ name: string; url: string } | null>(null);

  useEffect(() => () => (playing ? URL.revokeObjectURL(playing.url) : undefined), [playing]);

  // A replacement waits here, checked, until the person confirms it.
  const [replacing, setReplacing] = useState<{ prompt: UccxPrompt; file: File; bytes: Uint8Array } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);

  async function readChecked(file: File): Promise<Uint8Array | null> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const issue = checkWavHeader(bytes);
    setProblem(issue);
    return issue ? null : bytes;
  }

  async function upload(file: File, bytes: Uint8Array, existing: UccxPrompt | undefined) {
    const name = existing?.name ?? file.name;
    try {
      const change = await call('uccx:prompt-upload', { name, dataBase64: toBase64(bytes), replacedSize: existing ? existing.fileSize : null });
      // The toast names the prompt that changes (callers hear it), and the file it now plays.
      followInToast(existing ? `Prompt ${name} (replaced by ${file.name})` : `New prompt ${name}`, [change], uccxWaitingFor);
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
      pushNotice('error', `Could not fetch ${prompt.name}: ${(error as Error).message}`, { detail: detailOf(error) });
      return null;
    }
  }

  return (
    <div className="simple-editor">
      <div className="panel toolbar">
        <label className="inline">
          Upload a new prompt (.wav, 8 kHz mono G.711){' '}
          <input
            type="file"
            accept=".wav,audio/wav"
            disabled={readOnly}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              const bytes = file ? await readChecked(file) : null;
              if (file && bytes) void upload(file, bytes, undefined);
            }}
          />
        </label>
        {problem ? (
          <p className="banner banner-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {replacing ? (
        <ConfirmPanel
          title={`Replace prompt ${replacing.prompt.name}?`}
          confirmLabel={`Replace ${replacing.prompt.name}`}
          danger
          onCancel={() => setReplacing(null)}
          onConfirm={() => {
            const { prompt, file, bytes } = replacing;
            setReplacing(null);
            void upload(file, bytes, prompt);
          }}
          fallbackFocus={() => tableRef.current}
        >
          <p>
            The recording of <strong>{replacing.prompt.name}</strong>
            {replacing.prompt.durationMillis !== null ? ` (${(replacing.prompt.durationMillis / 1000).toFixed(1)} s)` : ''} is overwritten on UCCX by the file{' '}
            <strong>{replacing.file.name}</strong> ({Math.max(1, Math.round(replacing.bytes.length / 1024))} KB). Callers hear the new recording wherever this prompt is played as soon as it is
            written.
          </p>
          <p>This cannot be undone from the console: the current recording is not kept. Download it first if you may need it again.</p>
        </ConfirmPanel>
      ) : null}
      {playing ? (
        <div className="panel">
          <span>Playing {playing.name}</span> <audio controls autoPlay src={playing.url} />
        </div>
      ) : null}
      <table className="data" ref={tableRef} tabIndex={-1} aria-label="Prompts">
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
                  Replace… <input
                    type="file"
                    accept=".wav,audio/wav"
                    aria-label={`Replace ${prompt.name}`}
                    disabled={readOnly}
                    onChange={async (e) => {
                      const file = e.target.files?.[0];
                      // Cleared so that choosing the same file again asks again.
                      e.target.value = '';
                      const bytes = file ? await readChecked(file) : null;
                      if (file && bytes) setReplacing({ prompt, file, bytes });
                    }}
                  />
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
            <span aria-hidden="true">◷</span> {c.summary} waiting
          </p>
        ))}
    </div>
  );
}

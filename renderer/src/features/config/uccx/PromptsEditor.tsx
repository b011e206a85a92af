import { useEffect, useId, useRef, useState } from 'react';
import type { UccxPromptUploadProgress, UccxRepositoryItem } from '../../../../../shared/domain/uccx';
import { checkPromptWav } from '../../../../../shared/domain/prompt-format';
import { call, getApi } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { detailOf, ErrorBanner, shownError, type ShownError } from '../../../components/ErrorDetails';
import { followInToast } from '../../../store/change-progress';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { PendingMarker } from './PendingMarker';
import { loadPending, pendingFor, uccxWaitingFor, useUccxStore } from './uccx-store';
import { useEditorReadOnly } from './editor-access';
import { FileButton } from '../../../components/FileButton';

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

function formatSize(size: number | null): string {
  if (size === null) return '—';
  return size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
}

/** The server's date as local date and time when it can be read, else as the server wrote it ([U] format). */
function formatDate(value: string | null): string {
  if (!value) return '—';
  const at = Date.parse(value);
  if (Number.isNaN(at)) return value;
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Upload progress of queued prompts, by path, as main reports step 1's bytes leaving. */
function useUploadProgress(): Record<string, UccxPromptUploadProgress> {
  const [byPath, setByPath] = useState<Record<string, UccxPromptUploadProgress>>({});
  useEffect(() => getApi().on('uccx:prompt-upload-progress', (progress) => setByPath((s) => ({ ...s, [progress.path]: progress }))), []);
  return byPath;
}

function percent(progress: UccxPromptUploadProgress): number {
  return progress.total === 0 ? 100 : Math.floor((progress.sent / progress.total) * 100);
}

/**
 * The prompt repository of UCCX: pick a language folder, see its files with
 * size and date, play or download one, upload a new one, replace or delete
 * one (both confirmed: callers hear the change). Writes are queued like
 * every UCCX change and written in two steps by main.
 */
export function PromptsEditor() {
  const pending = useUccxStore((s) => s.pending);
  const live = useUccxStore((s) => s.config?.source === 'live');
  // Read-only: prompts can still be played and downloaded, not uploaded or replaced.
  const readOnly = Boolean(useEditorReadOnly());
  // A write to UCCX reloads the configuration; the folder is read again with it.
  const fetchedAt = useUccxStore((s) => s.config?.fetchedAt);
  const [languages, setLanguages] = useState<UccxRepositoryItem[] | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [files, setFiles] = useState<UccxRepositoryItem[] | null>(null);
  const [subfolders, setSubfolders] = useState<UccxRepositoryItem[]>([]);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [playing, setPlaying] = useState<{ name: string; url: string } | null>(null);
  // A replacement or a deletion waits here until the person confirms it.
  const [replacing, setReplacing] = useState<{ prompt: UccxRepositoryItem; file: File; bytes: Uint8Array } | null>(null);
  const [deleting, setDeleting] = useState<UccxRepositoryItem | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const uploads = useUploadProgress();
  const pickerId = useId();

  useEffect(() => () => (playing ? URL.revokeObjectURL(playing.url) : undefined), [playing]);

  useEffect(() => {
    let current = true;
    call('uccx:prompt-list', { folder: '/' })
      .then((items) => {
        if (!current) return;
        const folders = items.filter((item) => item.isFolder);
        setLanguages(folders);
        // en_US first when there is one: the language UCCX installs with.
        const preferred = folders.find((item) => item.name === 'en_US') ?? folders[0];
        setFolder((chosen) => chosen ?? (preferred ? `/${preferred.name}/` : null));
      })
      .catch((error: unknown) => current && setLoadError(shownError(error)));
    return () => {
      current = false;
    };
  }, [fetchedAt]);

  useEffect(() => {
    if (!folder) return;
    let current = true;
    call('uccx:prompt-list', { folder })
      .then((items) => {
        if (!current) return;
        setFiles(items.filter((item) => !item.isFolder));
        setSubfolders(items.filter((item) => item.isFolder));
        setLoadError(null);
      })
      .catch((error: unknown) => current && setLoadError(shownError(error)));
    return () => {
      current = false;
    };
  }, [folder, fetchedAt]);

  async function readChecked(file: File): Promise<Uint8Array | null> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const issue = checkPromptWav(bytes);
    setProblem(issue ? `${file.name}: ${issue}` : null);
    return issue ? null : bytes;
  }

  async function upload(file: File, bytes: Uint8Array, existing: UccxRepositoryItem | undefined) {
    if (!folder) return;
    const name = existing?.name ?? file.name;
    try {
      const change = await call('uccx:prompt-upload', { folder, name, dataBase64: toBase64(bytes), replacedSize: existing ? existing.size : null, replacing: existing !== undefined });
      // The toast names the prompt that changes (callers hear it), and the file it now plays.
      followInToast(existing ? `Prompt ${folder}${name} (replaced by ${file.name})` : `New prompt ${folder}${name}`, [change], uccxWaitingFor);
      void loadPending();
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  async function remove(prompt: UccxRepositoryItem) {
    try {
      const change = await call('uccx:prompt-delete', { folder: prompt.folder, name: prompt.name, size: prompt.size });
      followInToast(`Delete prompt ${prompt.folder}${prompt.name}`, [change], uccxWaitingFor);
      void loadPending();
    } catch (error) {
      pushNotice('error', `Could not queue the deletion of ${prompt.name}: ${(error as Error).message}`, { detail: detailOf(error) });
    }
  }

  async function fetchAudio(prompt: UccxRepositoryItem): Promise<string | null> {
    try {
      const audio = await call('uccx:prompt-audio', { folder: prompt.folder, name: prompt.name });
      return URL.createObjectURL(new Blob([fromBase64(audio.dataBase64)], { type: audio.contentType }));
    } catch (error) {
      pushNotice('error', `Could not fetch ${prompt.name}: ${(error as Error).message}`, { detail: detailOf(error) });
      return null;
    }
  }

  /** Show another folder; its rows appear once read, never the previous folder's under its name. */
  function open(next: string) {
    if (next === folder) return;
    setFiles(null);
    setSubfolders([]);
    setFolder(next);
  }

  const language = folder ? `/${folder.split('/')[1]}/` : '';
  const parent = folder && folder !== language ? folder.slice(0, folder.slice(0, -1).lastIndexOf('/') + 1) : null;
  const waitingUploads = pending.filter((c) => c.ref.type === 'prompt' && c.operation === 'create' && folder !== null && c.ref.id.startsWith(folder) && !c.ref.id.slice(folder.length).includes('/'));

  return (
    <div className="simple-editor">
      <div className="panel toolbar">
        <label htmlFor={pickerId}>Language folder</label>
        <select id={pickerId} value={language} disabled={!languages || languages.length === 0} onChange={(e) => open(e.target.value)}>
          {(languages ?? []).map((language) => (
            <option key={language.name} value={`/${language.name}/`}>
              {language.name}
            </option>
          ))}
        </select>
        {parent ? (
          <button type="button" onClick={() => open(parent)}>
            Up to {parent}
          </button>
        ) : null}
        <FileButton
          accept=".wav,audio/wav"
          inputLabel={`Upload a new prompt to ${folder ?? '…'} (.wav, 8 kHz, 8-bit µ-law or A-law, mono)`}
          disabled={!folder || readOnly}
          onFile={async (file) => {
            const bytes = await readChecked(file);
            if (!bytes) return;
            // A file of the same name is a replacement: it is confirmed like one.
            const existing = files?.find((item) => item.name.toLowerCase() === file.name.toLowerCase());
            if (existing) setReplacing({ prompt: existing, file, bytes });
            else void upload(file, bytes, undefined);
          }}
        >
          Upload a prompt to {folder ?? '…'}…
        </FileButton>
        <span className="muted">.wav, 8 kHz, 8-bit µ-law or A-law, mono</span>
        {problem ? (
          <p className="banner banner-error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
      {loadError ? <ErrorBanner error={loadError} testId="prompt-list-error" /> : null}
      {replacing ? (
        <ConfirmPanel
          title={`Replace prompt ${replacing.prompt.folder}${replacing.prompt.name}?`}
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
            The recording <strong>{replacing.prompt.folder}{replacing.prompt.name}</strong> ({formatSize(replacing.prompt.size)}) is deleted on UCCX and the file <strong>{replacing.file.name}</strong> (
            {formatSize(replacing.bytes.length)}) is uploaded in its place. Callers hear the new recording wherever this prompt is played as soon as it is written.
          </p>
          <p>This cannot be undone from the console: the current recording is not kept. Download it first if you may need it again.</p>
        </ConfirmPanel>
      ) : null}
      {deleting ? (
        <ConfirmPanel
          title={`Delete prompt ${deleting.folder}${deleting.name}?`}
          confirmLabel={`Delete ${deleting.name}`}
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const prompt = deleting;
            setDeleting(null);
            void remove(prompt);
          }}
          fallbackFocus={() => tableRef.current}
        >
          <p>
            The recording <strong>{deleting.folder}{deleting.name}</strong> ({formatSize(deleting.size)}) is deleted from UCCX. Callers stop hearing it wherever a script plays it, and a
            script step that plays it may fail.
          </p>
          <p>This cannot be undone from the console. Download it first if you may need it again.</p>
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
            <th scope="col">Size</th>
            <th scope="col">Date modified</th>
            <th scope="col">Modified by</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {files === null ? (
            <tr>
              <td colSpan={5} className="muted">
                {loadError ? 'The prompt folder could not be read.' : 'Reading the prompt folder…'}
              </td>
            </tr>
          ) : files.length === 0 && subfolders.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                No prompts in {folder}.
              </td>
            </tr>
          ) : (
            [
              ...subfolders.map((sub) => (
                <tr key={`folder:${sub.name}`}>
                  <th scope="row">{sub.name}/</th>
                  <td colSpan={3} className="muted">
                    Folder
                  </td>
                  <td className="toolbar">
                    <button type="button" onClick={() => open(`${folder}${sub.name}/`)}>
                      Open {sub.name}
                    </button>
                  </td>
                </tr>
              )),
              ...files.map((prompt) => {
                const path = prompt.folder + prompt.name;
                const changes = pendingFor(pending, 'prompt', path);
                const progress = uploads[path];
                return (
                  <tr key={path}>
                    <th scope="row">
                      {prompt.name} <PendingMarker changes={changes} />
                      {progress && changes.some((change) => change.id === progress.changeId) ? <UploadProgress progress={progress} /> : null}
                    </th>
                    <td>{formatSize(prompt.size)}</td>
                    <td>{formatDate(prompt.dateModified)}</td>
                    <td>{prompt.modifiedBy ?? '—'}</td>
                    <td className="toolbar">
                      <button
                        type="button"
                        disabled={!live}
                        aria-label={`Play ${prompt.name}`}
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
                        aria-label={`Download ${prompt.name}`}
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
                      <FileButton
                        accept=".wav,audio/wav"
                        inputLabel={`Replace ${prompt.name}`}
                        disabled={readOnly}
                        onFile={async (file) => {
                          const bytes = await readChecked(file);
                          if (bytes) setReplacing({ prompt, file, bytes });
                        }}
                      >
                        Replace…
                      </FileButton>
                      <button type="button" className="danger" aria-label={`Delete ${prompt.name}`} disabled={readOnly} onClick={() => setDeleting(prompt)}>
                        Delete…
                      </button>
                    </td>
                  </tr>
                );
              }),
            ]
          )}
        </tbody>
      </table>
      {waitingUploads.map((change) => {
        const progress = uploads[change.ref.id];
        return (
          <p key={change.id} className="pending-marker">
            <span aria-hidden="true">◷</span> {change.summary} {progress && progress.changeId === change.id ? <UploadProgress progress={progress} /> : 'waiting'}
          </p>
        );
      })}
    </div>
  );
}

/** "uploading 40 %" with a progress bar while step 1 sends the file, then that UCCX is storing it (the answers to both steps). */
function UploadProgress({ progress }: { progress: UccxPromptUploadProgress }) {
  const value = percent(progress);
  const name = progress.path.slice(progress.path.lastIndexOf('/') + 1);
  return (
    <span className="upload-progress" role="status">
      <progress max={100} value={value} aria-label={`Upload of ${name}`} /> {value < 100 ? `uploading ${value} %` : 'sent; UCCX is storing it'}
    </span>
  );
}

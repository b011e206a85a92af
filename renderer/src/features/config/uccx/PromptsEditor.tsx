import { useEffect, useId, useRef, useState } from 'react';
import type { UccxPromptUploadProgress, UccxRepositoryItem } from '../../../../../shared/domain/uccx';
import { promptWavProblem, type PromptProblem } from '../../../../../shared/domain/prompt-format';
import { call, getApi } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { detailOf, ErrorBanner, MainText, shownError, type ShownError } from '../../../components/ErrorDetails';
import { followInToast } from '../../../store/change-progress';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { PendingMarker } from './PendingMarker';
import { loadPending, pendingFor, uccxWaitingFor, useUccxStore } from './uccx-store';
import { useEditorReadOnly } from './editor-access';
import { FileButton } from '../../../components/FileButton';
import { sayMain, type t as translate, useLocale, useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { formatDateTime, formatNumber } from '../../../i18n/format';

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

/** A file's size in the user's locale: bytes below 1 KB, else KB with one decimal ("62.5 KB", "62,5 KB"). */
function formatSize(t: typeof translate, locale: string, size: number | null): string {
  if (size === null) return '—';
  if (size < 1024) return t('uccx.prompts.sizeBytes', { size: formatNumber(size, locale) });
  return t('uccx.prompts.sizeKilobytes', { size: formatNumber(size / 1024, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/** The server's date as local date and time when it can be read, else as the server wrote it ([U] format). */
function ModifiedDate({ value }: { value: string | null }) {
  const locale = useLocale();
  if (!value) return <>—</>;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return <span translate="no">{value}</span>;
  return <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, locale)}</time>;
}

/** What is wrong with a chosen file (said from the format check's message id), or main's refusal of an upload, in main's English. */
type Problem = { file: string; problem: PromptProblem } | { fromMain: ShownError };

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
  const t = useT();
  const locale = useLocale();
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
  const [problem, setProblem] = useState<Problem | null>(null);
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
    const issue = promptWavProblem(bytes);
    setProblem(issue ? { file: file.name, problem: issue } : null);
    return issue ? null : bytes;
  }

  async function upload(file: File, bytes: Uint8Array, existing: UccxRepositoryItem | undefined) {
    if (!folder) return;
    const name = existing?.name ?? file.name;
    try {
      const change = await call('uccx:prompt-upload', { folder, name, dataBase64: toBase64(bytes), replacedSize: existing ? existing.size : null, replacing: existing !== undefined });
      // The toast names the prompt that changes (callers hear it), and the file it now plays.
      followInToast(existing ? t('uccx.prompts.toast.replaced', { path: `${folder}${name}`, file: file.name }) : t('uccx.prompts.toast.new', { path: `${folder}${name}` }), [change], uccxWaitingFor);
      void loadPending();
    } catch (error) {
      setProblem({ fromMain: shownError(error) });
    }
  }

  async function remove(prompt: UccxRepositoryItem) {
    try {
      const change = await call('uccx:prompt-delete', { folder: prompt.folder, name: prompt.name, size: prompt.size });
      followInToast(t('uccx.prompts.toast.delete', { path: `${prompt.folder}${prompt.name}` }), [change], uccxWaitingFor);
      void loadPending();
    } catch (error) {
      pushNotice('error', t('uccx.prompts.toast.deleteFailed', { name: prompt.name, message: (error as Error).message }), { detail: detailOf(error) });
    }
  }

  async function fetchAudio(prompt: UccxRepositoryItem): Promise<string | null> {
    try {
      const audio = await call('uccx:prompt-audio', { folder: prompt.folder, name: prompt.name });
      return URL.createObjectURL(new Blob([fromBase64(audio.dataBase64)], { type: audio.contentType }));
    } catch (error) {
      pushNotice('error', t('uccx.prompts.toast.fetchFailed', { name: prompt.name, message: (error as Error).message }), { detail: detailOf(error) });
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
        <label htmlFor={pickerId}>{t('uccx.prompts.languageFolder')}</label>
        <select id={pickerId} value={language} disabled={!languages || languages.length === 0} onChange={(e) => open(e.target.value)}>
          {(languages ?? []).map((language) => (
            <option key={language.name} value={`/${language.name}/`} translate="no">
              {language.name}
            </option>
          ))}
        </select>
        {parent ? (
          <button type="button" onClick={() => open(parent)}>
            <Message id="uccx.prompts.up" parts={{ folder: <span translate="no">{parent}</span> }} />
          </button>
        ) : null}
        <FileButton
          accept=".wav,audio/wav"
          inputLabel={t('uccx.prompts.uploadLabel', { folder: folder ?? '…' })}
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
          <Message id="uccx.prompts.upload" parts={{ folder: <span translate="no">{folder ?? '…'}</span> }} />
        </FileButton>
        <span className="muted">{t('uccx.prompts.formatHint')}</span>
        {problem ? (
          <p className="banner banner-error" role="alert">
            {'file' in problem ? (
              <Message id="uccx.prompts.fileProblem" values={{ problem: sayMain(problem.problem.said, problem.problem.message) }} parts={{ file: <span translate="no">{problem.file}</span> }} />
            ) : (
              <MainText said={problem.fromMain.said} english={problem.fromMain.message} />
            )}
          </p>
        ) : null}
      </div>
      {loadError ? <ErrorBanner error={loadError} testId="prompt-list-error" /> : null}
      {replacing ? (
        <ConfirmPanel
          title={t('uccx.prompts.replace.title', { path: `${replacing.prompt.folder}${replacing.prompt.name}` })}
          confirmLabel={t('uccx.prompts.replace.confirm', { name: replacing.prompt.name })}
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
            <Message
              id="uccx.prompts.replace.body"
              values={{ size: formatSize(t, locale, replacing.prompt.size), newSize: formatSize(t, locale, replacing.bytes.length) }}
              parts={{
                path: (
                  <strong translate="no">
                    {replacing.prompt.folder}
                    {replacing.prompt.name}
                  </strong>
                ),
                file: <strong translate="no">{replacing.file.name}</strong>,
              }}
            />
          </p>
          <p>{t('uccx.prompts.replace.cannotUndo')}</p>
        </ConfirmPanel>
      ) : null}
      {deleting ? (
        <ConfirmPanel
          title={t('uccx.prompts.delete.title', { path: `${deleting.folder}${deleting.name}` })}
          confirmLabel={t('uccx.prompts.delete.confirm', { name: deleting.name })}
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
            <Message
              id="uccx.prompts.delete.body"
              values={{ size: formatSize(t, locale, deleting.size) }}
              parts={{
                path: (
                  <strong translate="no">
                    {deleting.folder}
                    {deleting.name}
                  </strong>
                ),
              }}
            />
          </p>
          <p>{t('uccx.prompts.delete.cannotUndo')}</p>
        </ConfirmPanel>
      ) : null}
      {playing ? (
        <div className="panel">
          <span>
            <Message id="uccx.prompts.playing" parts={{ name: <span translate="no">{playing.name}</span> }} />
          </span>{' '}
          <audio controls autoPlay src={playing.url} />
        </div>
      ) : null}
      <table className="data" ref={tableRef} tabIndex={-1} aria-label={t('uccx.prompts.table')}>
        <thead>
          <tr>
            <th scope="col">{t('uccx.prompts.column.prompt')}</th>
            <th scope="col">{t('uccx.prompts.column.size')}</th>
            <th scope="col">{t('uccx.prompts.column.modified')}</th>
            <th scope="col">{t('uccx.prompts.column.modifiedBy')}</th>
            <th scope="col">{t('uccx.prompts.column.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {files === null ? (
            <tr>
              <td colSpan={5} className="muted">
                {loadError ? t('uccx.prompts.unreadable') : t('uccx.prompts.reading')}
              </td>
            </tr>
          ) : files.length === 0 && subfolders.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                <Message id="uccx.prompts.empty" parts={{ folder: <span translate="no">{folder}</span> }} />
              </td>
            </tr>
          ) : (
            [
              ...subfolders.map((sub) => (
                <tr key={`folder:${sub.name}`}>
                  <th scope="row" translate="no">
                    {sub.name}/
                  </th>
                  <td colSpan={3} className="muted">
                    {t('uccx.prompts.folder')}
                  </td>
                  <td className="toolbar">
                    <button type="button" onClick={() => open(`${folder}${sub.name}/`)}>
                      <Message id="uccx.prompts.openFolder" parts={{ name: <span translate="no">{sub.name}</span> }} />
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
                      <span translate="no">{prompt.name}</span> <PendingMarker changes={changes} />
                      {progress && changes.some((change) => change.id === progress.changeId) ? <UploadProgress progress={progress} /> : null}
                    </th>
                    <td>{formatSize(t, locale, prompt.size)}</td>
                    <td>
                      <ModifiedDate value={prompt.dateModified} />
                    </td>
                    <td translate="no">{prompt.modifiedBy ?? '—'}</td>
                    <td className="toolbar">
                      <button
                        type="button"
                        disabled={!live}
                        aria-label={t('uccx.prompts.playLabel', { name: prompt.name })}
                        onClick={async () => {
                          const url = await fetchAudio(prompt);
                          if (url) setPlaying({ name: prompt.name, url });
                        }}
                      >
                        {t('uccx.prompts.play')}
                      </button>
                      <button
                        type="button"
                        disabled={!live}
                        aria-label={t('uccx.prompts.downloadLabel', { name: prompt.name })}
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
                        {t('uccx.prompts.download')}
                      </button>
                      <FileButton
                        accept=".wav,audio/wav"
                        inputLabel={t('uccx.prompts.replaceLabel', { name: prompt.name })}
                        disabled={readOnly}
                        onFile={async (file) => {
                          const bytes = await readChecked(file);
                          if (bytes) setReplacing({ prompt, file, bytes });
                        }}
                      >
                        {t('uccx.prompts.replace')}
                      </FileButton>
                      <button type="button" className="danger" aria-label={t('uccx.prompts.deleteLabel', { name: prompt.name })} disabled={readOnly} onClick={() => setDeleting(prompt)}>
                        {t('uccx.prompts.delete')}
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
            <span aria-hidden="true">◷</span> <span data-main-text="">{change.summary}</span> {progress && progress.changeId === change.id ? <UploadProgress progress={progress} /> : t('uccx.prompts.waiting')}
          </p>
        );
      })}
    </div>
  );
}

/** "uploading 40 %" with a progress bar while step 1 sends the file, then that UCCX is storing it (the answers to both steps). */
function UploadProgress({ progress }: { progress: UccxPromptUploadProgress }) {
  const t = useT();
  const value = percent(progress);
  const name = progress.path.slice(progress.path.lastIndexOf('/') + 1);
  return (
    <span className="upload-progress" role="status">
      <progress max={100} value={value} aria-label={t('uccx.prompts.uploadOf', { name })} /> {value < 100 ? t('uccx.prompts.uploading', { percent: value }) : t('uccx.prompts.storing')}
    </span>
  );
}

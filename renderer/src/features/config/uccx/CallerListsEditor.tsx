import { Fragment, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { call } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { followInToast, useChangeProgress } from '../../../store/change-progress';
import { leaveIfAllowed, useUnsavedChanges } from '../../../store/unsaved-guard';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { ReviewPanel } from '../../../components/ReviewPanel';
import { Field, FieldErrorText, invalidProps } from '../../../components/Field';
import { ErrorBanner, detailOf, shownError, type ShownError } from '../../../components/ErrorDetails';
import { downloadText } from '../../../components/download';
import { PHASE_WORDS } from '../../../../../shared/domain/changes';
import type { FieldError } from '../../../../../shared/domain/validation';
import {
  CALLER_LIST_LIMITS,
  WELL_KNOWN_LISTS,
  callerListFields,
  cleanEntry,
  diffCallerLists,
  isExpired,
  listNameProblem,
  listFileName,
  localToday,
  validateCallerEntries,
  type CallerEntry,
  type CallerListDocument,
  type CallerListSummary,
} from '../../../../../shared/domain/caller-lists';
import { MAX_CALLER_CSV_BYTES, callerListToCsv, previewCallerCsv, type CallerCsvImport } from '../../../../../shared/domain/caller-list-csv';
import { loadPending, uccxWaitingFor, useUccxStore } from './uccx-store';
import { ReadOnlyFieldset } from './editor-access';
import { FileButton } from '../../../components/FileButton';
import { DocumentSource, QueuedBanner, SkippedBanner } from './DocumentStatus';
import { describeListChangeWords, isWellKnownList, listTitle, sayCallerProblem, sayRefusedRow } from './caller-list-words';
import { useLocale, useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { formatCalendarDay } from '../../../i18n/format';

/** One row of the table as typed (numbers are normalised only when saved). */
interface Row {
  key: number;
  number: string;
  label: string;
  expires: string;
  route: string;
}

let nextRowKey = 1;
const rowOf = (entry: CallerEntry): Row => ({ key: nextRowKey++, ...entry });
const blankRow = (): Row => ({ key: nextRowKey++, number: '', label: '', expires: '', route: '' });

/**
 * Caller lists (VIP, blocked, the site's own): documents in the UCCX
 * document repository that IVR scripts read at call time (docs/ivr.md).
 * Pick or create a list, edit its entries, import or export CSV, review the
 * diff and save: the whole list is queued as one change.
 */
export function CallerListsEditor() {
  const t = useT();
  const [folder, setFolder] = useState<string | null>(null);
  const [lists, setLists] = useState<CallerListSummary[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [selected, setSelected] = useState<string>('vip');
  const [newName, setNewName] = useState('');
  const [created, setCreated] = useState<string[]>([]);
  const newNameProblem = newName === '' ? null : listNameProblem(newName);
  const nameId = useId();

  const refresh = async () => {
    try {
      const answer = await call('uccx:caller-lists', undefined);
      setFolder(answer.folder);
      setLists(answer.lists);
      setError(null);
    } catch (failure) {
      setError(shownError(failure));
    }
  };
  useEffect(() => {
    void refresh();
  }, []);

  const names = [...new Set([...WELL_KNOWN_LISTS.map((list) => list.name), ...lists.map((list) => list.name), ...created])];
  const existing = new Set(lists.map((list) => list.name));
  const createList = () => {
    const name = newName.trim();
    if (listNameProblem(name)) return;
    const clash = names.find((other) => other.toLowerCase() === name.toLowerCase());
    leaveIfAllowed(() => {
      setCreated((before) => (clash ? before : [...before, name]));
      setSelected(clash ?? name);
      setNewName('');
    });
  };
  /** A list as the picker names it: "VIP (vip)", or a site's own list by its name; "· not created yet" until UCCX holds it. */
  const optionText = (name: string) => {
    const made = existing.has(name);
    if (isWellKnownList(name)) return t(made ? 'uccx.callerLists.option' : 'uccx.callerLists.optionNotCreated', { title: listTitle(t, name), name });
    return made ? name : t('uccx.callerLists.optionOwnNotCreated', { name });
  };

  return (
    <div className="caller-lists">
      <div className="panel">
        <p className="muted">
          <Message
            id={folder ? 'uccx.callerLists.introFolder' : 'uccx.callerLists.intro'}
            parts={{
              folder: <span translate="no">{folder}</span>,
              document: <span translate="no">DOC[lists/vip.xml]</span>,
              guide: <span translate="no">docs/ivr.md</span>,
            }}
          />
        </p>
        {error ? <ErrorBanner error={error} testId="caller-lists-error" /> : null}
        <div className="toolbar caller-list-picker">
          <Field label={t('uccx.callerLists.list')}>
            <select
              value={selected}
              onChange={(e) => {
                const next = e.target.value;
                // Another list replaces the form: unsaved edits ask first.
                leaveIfAllowed(() => setSelected(next));
              }}
            >
              {names.map((name) => (
                // A site's own list that UCCX holds is named by its name alone: server data.
                <option key={name} value={name} translate={!isWellKnownList(name) && existing.has(name) ? 'no' : undefined}>
                  {optionText(name)}
                </option>
              ))}
            </select>
          </Field>
          <ReadOnlyFieldset>
          <form
            className="toolbar"
            aria-label={t('uccx.callerLists.newList')}
            onSubmit={(e) => {
              e.preventDefault();
              createList();
            }}
          >
            <Field label={t('uccx.callerLists.newName')} hint={t('uccx.callerLists.newNameHint')} error={newNameProblem ? sayCallerProblem(t, newNameProblem) : null}>
              <input id={nameId} value={newName} maxLength={CALLER_LIST_LIMITS.maxNameLength + 10} onChange={(e) => setNewName(e.target.value)} />
            </Field>
            <button type="submit" disabled={newName.trim() === '' || Boolean(newNameProblem)}>
              {t('uccx.callerLists.create')}
            </button>
          </form>
          </ReadOnlyFieldset>
        </div>
      </div>
      <ReadOnlyFieldset>
        <CallerListForm key={selected} name={selected} onSaved={() => void refresh()} />
      </ReadOnlyFieldset>
    </div>
  );
}

/** A list's title in a sentence: our word for VIP and Blocked, a site's own list's name as data. */
function ListTitle({ name }: { name: string }) {
  const t = useT();
  return <span translate={isWellKnownList(name) ? undefined : 'no'}>{listTitle(t, name)}</span>;
}

/** A calendar day ("2026-12-31") as the locale writes it, in a <time>. */
function CalendarDay({ iso }: { iso: string }) {
  const locale = useLocale();
  return <time dateTime={iso}>{formatCalendarDay(iso, locale)}</time>;
}

/** Why the list cannot be saved yet, naming the first problem: "Cannot save yet: Callers: Row 3: …". */
function cannotSaveWords(t: ReturnType<typeof useT>, errors: readonly FieldError[]): string | null {
  const first = errors[0];
  if (!first) return null;
  const values = { field: t('uccx.callerLists.field.callers'), problem: sayCallerProblem(t, first) };
  return errors.length > 1 ? t('uccx.callerLists.cannotSaveMore', { ...values, count: errors.length - 1 }) : t('uccx.callerLists.cannotSave', values);
}

function CallerListForm({ name, onSaved }: { name: string; onSaved: () => void }) {
  const t = useT();
  const [document, setDocument] = useState<CallerListDocument | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  /** The list the save is based on: as loaded (with waiting changes), then as last saved. */
  const [base, setBase] = useState<CallerEntry[]>([]);
  const [rows, setRows] = useState<Row[]>([]);
  const [preview, setPreview] = useState<{ fileName: string; result: CallerCsvImport } | null>(null);
  const [confirmExpired, setConfirmExpired] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  /** The last save, followed until it is settled: then the list is read again (unless it is being edited). */
  const [savedId, setSavedId] = useState<string | null>(null);
  const savedState = useChangeProgress((s) => (savedId ? s.byId[savedId]?.state : undefined));
  const title = listTitle(t, name);
  const today = localToday();
  const writable = useUccxStore((s) => s.state?.writable ?? false);

  const load = async () => {
    try {
      const loaded = await call('uccx:caller-list', { name });
      const start = loaded.queued ?? loaded.entries;
      setDocument(loaded);
      setBase(start);
      setRows(start.map(rowOf));
      setError(null);
    } catch (failure) {
      setError(shownError(failure));
    }
  };
  useEffect(() => {
    void load();
  }, [name]);

  useEffect(() => {
    if (!savedState || savedState === 'queued' || savedState === 'applying') return;
    setSavedId(null);
    onSaved();
    if (!dirtyRef.current) void load();
  }, [savedState]);

  const errors = useMemo(() => validateCallerEntries(rows), [rows]);
  const errorAt = (index: number, field: keyof CallerEntry) => {
    const problem = errors.find((error) => error.field === `entries.${index}.${field}`);
    return problem ? sayCallerProblem(t, problem) : null;
  };
  const entries = useMemo(() => (errors.length ? null : rows.map((row) => cleanEntry(row)!)), [rows, errors]);
  /** The rows that are valid entries, for CSV export and import when others still have problems. */
  const usable = useMemo(() => rows.flatMap((row) => cleanEntry(row) ?? []), [rows]);
  const diff = useMemo(() => diffCallerLists(base, entries ?? usable), [base, entries, usable]);
  const changes = diff.added.length + diff.removed.length + diff.changed.length;
  const dirty = changes > 0 || rows.length !== base.length || errors.length > 0;
  useUnsavedChanges(t('uccx.callerLists.unsavedName', { title }), dirty);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const expired = rows.filter((row) => isExpired(row, today));

  const setRow = (key: number, patch: Partial<Row>) => setRows((before) => before.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  // Focus the new row's number in the same commit that adds it, so typing can start at once
  // and no keystroke lands on the "Add caller" button in between.
  const focusNewRow = useRef(false);
  useLayoutEffect(() => {
    if (!focusNewRow.current) return;
    focusNewRow.current = false;
    tableRef.current?.querySelector<HTMLInputElement>('tbody tr:last-child input')?.focus();
  }, [rows]);
  const addRow = () => {
    focusNewRow.current = true;
    setRows((before) => [...before, blankRow()]);
  };

  const importFile = async (file: File) => {
    if (file.size > MAX_CALLER_CSV_BYTES) {
      pushNotice('error', t('uccx.callerLists.fileTooLarge', { file: file.name, kb: MAX_CALLER_CSV_BYTES / 1024, max: CALLER_LIST_LIMITS.maxEntries }));
      return;
    }
    setPreview({ fileName: file.name, result: previewCallerCsv(await file.text(), usable) });
  };

  const applyImport = (result: CallerCsvImport) => {
    const byNumber = new Map(result.change.map((change) => [change.after.number, change.after]));
    setRows((before) => [
      ...before.map((row) => {
        const number = cleanEntry(row)?.number;
        const replacement = number ? byNumber.get(number) : undefined;
        return replacement ? { ...row, ...replacement } : row;
      }),
      ...result.add.map(rowOf),
    ]);
    setPreview(null);
  };

  const save = async () => {
    if (!entries) return;
    try {
      const change = await call('uccx:caller-list-save', { name, base, entries: entries.map((entry) => ({ ...entry })) });
      useUccxStore.setState((s) => ({ pending: [...s.pending.filter((other) => other.id !== change.id), change] }));
      followInToast(change.label, [change], uccxWaitingFor);
      void loadPending();
      setBase(entries);
      setRows(entries.map(rowOf));
      setSavedId(change.id);
    } catch (failure) {
      pushNotice('error', t('uccx.callerLists.saveFailed', { reason: (failure as Error).message }), { detail: detailOf(failure) });
    }
  };

  if (error) return <ErrorBanner error={error} testId="caller-list-error" />;
  if (!document) return <p className="muted"><Message id="uccx.callerLists.loading" parts={{ title: <ListTitle name={name} /> }} /></p>;
  const fileName = listFileName(name);
  return (
    <form className="panel caller-list-form" aria-label={t('uccx.callerLists.formLabel', { title })} onSubmit={(e) => e.preventDefault()}>
      <h2>
        <ListTitle name={name} /> <span className="muted" translate="no">({fileName})</span>
      </h2>
      <DocumentSource
        document={document}
        contents={t('uccx.callerLists.contents', { count: document.entries.length })}
        whenMissing={t('uccx.callerLists.whenMissing', { path: document.path })}
        testId="caller-list-source"
      />
      {document.queued ? <QueuedBanner>{t('uccx.callerLists.queued')}</QueuedBanner> : null}
      <SkippedBanner skipped={document.skipped} said={document.skippedMessages} what="entries" />
      <div className="toolbar">
        <button type="button" onClick={addRow} disabled={rows.length >= CALLER_LIST_LIMITS.maxEntries}>
          {t('uccx.callerLists.addCaller')}
        </button>
        <FileButton accept=".csv,text/csv" onFile={(file) => void importFile(file)}>
          {t('uccx.callerLists.importCsv')}
        </FileButton>
        {/* The file's columns are stable English keys in every language (callerListToCsv, docs/i18n.md "CSV exports"). */}
        <button type="button" onClick={() => downloadText(`${name}.csv`, 'text/csv;charset=utf-8', callerListToCsv(usable))} disabled={usable.length === 0}>
          {t('uccx.callerLists.exportCsv')}
        </button>
        <button type="button" onClick={() => setConfirmExpired(true)} disabled={expired.length === 0}>
          {expired.length ? t('uccx.callerLists.removeExpiredCount', { count: expired.length }) : t('uccx.callerLists.removeExpired')}
        </button>
        <span className="muted">{t('uccx.callerLists.size', { count: rows.length, max: CALLER_LIST_LIMITS.maxEntries })}</span>
      </div>
      {confirmExpired ? (
        <ConfirmPanel
          title={t('uccx.callerLists.expired.title', { count: expired.length, title })}
          confirmLabel={t('uccx.callerLists.expired.confirm', { count: expired.length })}
          cancelLabel={t('uccx.callerLists.expired.keep')}
          danger
          onCancel={() => setConfirmExpired(false)}
          onConfirm={() => {
            setConfirmExpired(false);
            const gone = new Set(expired.map((row) => row.key));
            setRows((before) => before.filter((row) => !gone.has(row.key)));
          }}
        >
          <p>
            <Message
              id="uccx.callerLists.expired.body"
              values={{ count: expired.length }}
              parts={{
                callers: expired.map((row, index) => (
                  <Fragment key={row.key}>
                    {index > 0 ? ', ' : null}
                    <Message
                      id="uccx.callerLists.expired.entry"
                      parts={{
                        number: <span translate="no">{row.number}</span>,
                        label: row.label ? <span translate="no">{row.label}</span> : t('uccx.callerLists.noLabel'),
                        date: <CalendarDay iso={row.expires} />,
                      }}
                    />
                  </Fragment>
                )),
              }}
            />
          </p>
        </ConfirmPanel>
      ) : null}
      {preview ? <ImportPreview fileName={preview.fileName} result={preview.result} onApply={applyImport} onCancel={() => setPreview(null)} /> : null}
      {rows.length === 0 ? (
        <p className="muted">{t('uccx.callerLists.empty')}</p>
      ) : (
        <table className="data caller-table" ref={tableRef}>
          <caption className="visually-hidden">
            <Message id="uccx.callerLists.caption" parts={{ title: <ListTitle name={name} /> }} />
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('uccx.callerLists.column.number')}</th>
              <th scope="col">{t('uccx.callerLists.column.label')}</th>
              <th scope="col">{t('uccx.callerLists.column.lastDay')}</th>
              <th scope="col">{t('uccx.callerLists.column.route')}</th>
              <th scope="col">{t('uccx.callerLists.column.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('uccx.callerLists.column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const cell = (field: keyof CallerEntry, props: { label: string; size: number; placeholder?: string }) => {
                const id = `caller-${row.key}-${field}-error`;
                const message = errorAt(index, field);
                return (
                  <td>
                    <input
                      aria-label={props.label}
                      value={row[field]}
                      size={props.size}
                      placeholder={props.placeholder}
                      onChange={(e) => setRow(row.key, { [field]: e.target.value })}
                      {...invalidProps(id, message)}
                    />
                    <FieldErrorText id={id} message={message} />
                  </td>
                );
              };
              const rowExpired = isExpired(row, today);
              const at = { row: index + 1 };
              return (
                <tr key={row.key} className={rowExpired ? 'caller-expired' : undefined}>
                  {cell('number', { label: t('uccx.callerLists.cell.number', at), size: 16, placeholder: '+41441234567' })}
                  {cell('label', { label: t('uccx.callerLists.cell.label', at), size: 24 })}
                  {cell('expires', { label: t('uccx.callerLists.cell.lastDay', at), size: 10, placeholder: t('uccx.callerLists.datePlaceholder') })}
                  {cell('route', { label: t('uccx.callerLists.cell.route', at), size: 12 })}
                  <td>
                    {rowExpired ? (
                      <span className="caller-state-expired">{t('uccx.callerLists.state.expired')}</span>
                    ) : (
                      <span className="muted">{row.expires ? t('uccx.callerLists.state.active') : t('uccx.callerLists.state.noEnd')}</span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={row.number ? t('uccx.callerLists.removeRow', { ...at, number: row.number }) : t('uccx.callerLists.removeRowNoNumber', at)}
                      onClick={() => setRows((before) => before.filter((other) => other.key !== row.key))}
                    >
                      {t('uccx.callerLists.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {dirty ? (
        <ReviewPanel
          label={t('uccx.callerLists.review')}
          heading={
            <>
              <span aria-hidden="true">{PHASE_WORDS.editing.icon} </span>
              {t('uccx.callerLists.editing', { summary: describeListChangeWords(t, title, diff) })}
            </>
          }
          base={callerListFields(base)}
          mine={callerListFields(entries ?? usable)}
          labels={{ callers: t('uccx.callerLists.field.callers') }}
          problem={cannotSaveWords(t, errors) ?? (changes === 0 ? t('uccx.callerLists.nothingToSave') : null)}
          confirmLabel={writable ? t('uccx.callerLists.save') : t('uccx.callerLists.saveLater')}
          busyLabel={t('uccx.callerLists.saving')}
          onConfirm={save}
          backLabel={t('uccx.callerLists.undo')}
          onBack={() => setRows(base.map(rowOf))}
          note={writable ? <Message id="uccx.callerLists.noteWritable" parts={{ file: <span translate="no">{fileName}</span> }} /> : t('uccx.callerLists.noteReadOnly')}
        />
      ) : (
        <p className="muted">{t('uccx.callerLists.noUnsaved')}</p>
      )}
    </form>
  );
}

/** An entry in words beside its number: "Key account A · until Thu, Dec 31, 2026 · route CSQ_VIP" (label and route are data). */
function EntryWords({ entry }: { entry: CallerEntry }) {
  const parts: ReactNode[] = [];
  if (entry.label) parts.push(<span translate="no">{entry.label}</span>);
  if (entry.expires) parts.push(<Message id="uccx.callerLists.until" parts={{ date: <CalendarDay iso={entry.expires} /> }} />);
  if (entry.route) parts.push(<Message id="uccx.callerLists.route" parts={{ route: <span translate="no">{entry.route}</span> }} />);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? ' · ' : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

function ImportPreview({ fileName, result, onApply, onCancel }: { fileName: string; result: CallerCsvImport; onApply: (result: CallerCsvImport) => void; onCancel: () => void }) {
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const nothing = !result.problem && result.add.length + result.change.length === 0;
  return (
    <section className="panel import-preview" aria-label={t('uccx.callerLists.import.label')}>
      <h3 tabIndex={-1} ref={headingRef}>
        <Message id="uccx.callerLists.import.title" parts={{ file: <span translate="no">{fileName}</span> }} />
      </h3>
      {result.problem ? (
        <p className="banner banner-warning">{sayCallerProblem(t, { message: result.problem, said: result.problemSaid })}</p>
      ) : (
        <p>{t('uccx.callerLists.import.summary', { add: result.add.length, change: result.change.length, unchanged: result.unchanged, refused: result.refused.length })}</p>
      )}
      {result.add.length ? (
        <table className="data">
          <caption>{t('uccx.callerLists.import.toAdd')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('uccx.callerLists.column.number')}</th>
              <th scope="col">{t('uccx.callerLists.import.entry')}</th>
            </tr>
          </thead>
          <tbody>
            {result.add.map((entry) => (
              <tr key={entry.number}>
                <td>{entry.number}</td>
                <td>
                  <EntryWords entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.change.length ? (
        <table className="data">
          <caption>{t('uccx.callerLists.import.toChange')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('uccx.callerLists.column.number')}</th>
              <th scope="col">{t('uccx.callerLists.import.now')}</th>
              <th scope="col">{t('uccx.callerLists.import.fromFile')}</th>
            </tr>
          </thead>
          <tbody>
            {result.change.map(({ before, after }) => (
              <tr key={after.number}>
                <td>{after.number}</td>
                <td>
                  <EntryWords entry={before} />
                </td>
                <td>
                  <EntryWords entry={after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.refused.length ? (
        <table className="data import-refused">
          <caption>{t('uccx.callerLists.import.refused')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('uccx.callerLists.import.row')}</th>
              <th scope="col">{t('uccx.callerLists.import.why')}</th>
            </tr>
          </thead>
          <tbody>
            {result.refused.map((refused) => (
              <tr key={refused.row}>
                <td>{refused.row}</td>
                <td>
                  <span aria-hidden="true">✖ </span>
                  {sayRefusedRow(t, refused)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={Boolean(result.problem) || nothing} onClick={() => onApply(result)}>
          {nothing ? t('uccx.callerLists.import.nothing') : t('uccx.callerLists.import.apply', { added: result.add.length, changed: result.change.length })}
        </button>
        <button type="button" onClick={onCancel}>
          {t('uccx.callerLists.import.cancel')}
        </button>
      </div>
    </section>
  );
}

import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
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
import { formatCalendarDate } from '../../../../../shared/domain/time-words';
import { messageFor, summariseErrors } from '../../../../../shared/domain/validation';
import {
  CALLER_LIST_LIMITS,
  WELL_KNOWN_LISTS,
  callerListFields,
  callerListTitle,
  checkListName,
  cleanEntry,
  diffCallerLists,
  describeListChange,
  isExpired,
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
  const [folder, setFolder] = useState<string | null>(null);
  const [lists, setLists] = useState<CallerListSummary[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [selected, setSelected] = useState<string>('vip');
  const [newName, setNewName] = useState('');
  const [created, setCreated] = useState<string[]>([]);
  const newNameProblem = newName === '' ? null : checkListName(newName);
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
    if (checkListName(name)) return;
    const clash = names.find((other) => other.toLowerCase() === name.toLowerCase());
    leaveIfAllowed(() => {
      setCreated((before) => (clash ? before : [...before, name]));
      setSelected(clash ?? name);
      setNewName('');
    });
  };

  return (
    <div className="caller-lists">
      <div className="panel">
        <p className="muted">
          Lists of calling numbers that IVR scripts read from the UCCX document repository{folder ? ` (folder ${folder})` : ''}, e.g. as DOC[lists/vip.xml]. The script steps are in the
          console’s guide “Caller lists for IVR scripts” (docs/ivr.md).
        </p>
        {error ? <ErrorBanner error={error} testId="caller-lists-error" /> : null}
        <div className="toolbar caller-list-picker">
          <Field label="List">
            <select
              value={selected}
              onChange={(e) => {
                const next = e.target.value;
                // Another list replaces the form: unsaved edits ask first.
                leaveIfAllowed(() => setSelected(next));
              }}
            >
              {names.map((name) => (
                <option key={name} value={name}>
                  {callerListTitle(name) === name ? name : `${callerListTitle(name)} (${name})`}
                  {existing.has(name) ? '' : ' · not created yet'}
                </option>
              ))}
            </select>
          </Field>
          <ReadOnlyFieldset>
          <form
            className="toolbar"
            aria-label="New list"
            onSubmit={(e) => {
              e.preventDefault();
              createList();
            }}
          >
            <Field label="New list name" hint="Letters, digits, - and _; it becomes the file name." error={newNameProblem}>
              <input id={nameId} value={newName} maxLength={CALLER_LIST_LIMITS.maxNameLength + 10} onChange={(e) => setNewName(e.target.value)} />
            </Field>
            <button type="submit" disabled={newName.trim() === '' || Boolean(newNameProblem)}>
              Create list
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

function CallerListForm({ name, onSaved }: { name: string; onSaved: () => void }) {
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
  const title = callerListTitle(name);
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
  const errorAt = (index: number, field: keyof CallerEntry) => messageFor(errors, `entries.${index}.${field}`);
  const entries = useMemo(() => (errors.length ? null : rows.map((row) => cleanEntry(row)!)), [rows, errors]);
  /** The rows that are valid entries, for CSV export and import when others still have problems. */
  const usable = useMemo(() => rows.flatMap((row) => cleanEntry(row) ?? []), [rows]);
  const diff = useMemo(() => diffCallerLists(base, entries ?? usable), [base, entries, usable]);
  const changes = diff.added.length + diff.removed.length + diff.changed.length;
  const dirty = changes > 0 || rows.length !== base.length || errors.length > 0;
  useUnsavedChanges(`the ${title} list`, dirty);
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
      pushNotice('error', `${file.name} is larger than ${MAX_CALLER_CSV_BYTES / 1024} KB; a list holds at most ${CALLER_LIST_LIMITS.maxEntries} callers.`);
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
      pushNotice('error', `The list could not be saved: ${(failure as Error).message}`, { detail: detailOf(failure) });
    }
  };

  if (error) return <ErrorBanner error={error} testId="caller-list-error" />;
  if (!document) return <p className="muted">Loading the {title} list…</p>;
  const fileName = listFileName(name);
  return (
    <form className="panel caller-list-form" aria-label={`Edit caller list ${title}`} onSubmit={(e) => e.preventDefault()}>
      <h2>
        {title} <span className="muted">({fileName})</span>
      </h2>
      <DocumentSource
        document={document}
        contents={`${document.entries.length} caller${document.entries.length === 1 ? '' : 's'}`}
        whenMissing={`saving creates ${document.path}.`}
        testId="caller-list-source"
      />
      {document.queued ? <QueuedBanner>Changes to this list are waiting to be written; the table shows the list as it will be.</QueuedBanner> : null}
      <SkippedBanner skipped={document.skipped} what="entries" />
      <div className="toolbar">
        <button type="button" onClick={addRow} disabled={rows.length >= CALLER_LIST_LIMITS.maxEntries}>
          Add caller
        </button>
        <FileButton accept=".csv,text/csv" onFile={(file) => void importFile(file)}>
          Import CSV…
        </FileButton>
        <button type="button" onClick={() => downloadText(`${name}.csv`, 'text/csv;charset=utf-8', callerListToCsv(usable))} disabled={usable.length === 0}>
          Export CSV
        </button>
        <button type="button" onClick={() => setConfirmExpired(true)} disabled={expired.length === 0}>
          Remove expired entries{expired.length ? ` (${expired.length})` : ''}…
        </button>
        <span className="muted">
          {rows.length} of at most {CALLER_LIST_LIMITS.maxEntries} callers
        </span>
      </div>
      {confirmExpired ? (
        <ConfirmPanel
          title={`Remove ${expired.length} expired ${expired.length === 1 ? 'entry' : 'entries'} from ${title}?`}
          confirmLabel={`Remove ${expired.length} expired`}
          cancelLabel="Keep them"
          danger
          onCancel={() => setConfirmExpired(false)}
          onConfirm={() => {
            setConfirmExpired(false);
            const gone = new Set(expired.map((row) => row.key));
            setRows((before) => before.filter((row) => !gone.has(row.key)));
          }}
        >
          <p>
            These callers’ last day has passed: {expired.map((row) => `${row.number} (${row.label || 'no label'}, until ${formatCalendarDate(row.expires)})`).join(', ')}. They are removed from the
            table; UCCX keeps them until you save the list.
          </p>
        </ConfirmPanel>
      ) : null}
      {preview ? <ImportPreview fileName={preview.fileName} result={preview.result} onApply={applyImport} onCancel={() => setPreview(null)} /> : null}
      {rows.length === 0 ? (
        <p className="muted">No callers on this list. Add one, or import a CSV file.</p>
      ) : (
        <table className="data caller-table" ref={tableRef}>
          <caption className="visually-hidden">Callers on the {title} list</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Label</th>
              <th scope="col">Last day</th>
              <th scope="col">Route</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
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
                      aria-label={`${props.label}, row ${index + 1}`}
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
              return (
                <tr key={row.key} className={rowExpired ? 'caller-expired' : undefined}>
                  {cell('number', { label: 'Number', size: 16, placeholder: '+41441234567' })}
                  {cell('label', { label: 'Label', size: 24 })}
                  {cell('expires', { label: 'Last day', size: 10, placeholder: 'YYYY-MM-DD' })}
                  {cell('route', { label: 'Route', size: 12 })}
                  <td>{rowExpired ? <span className="caller-state-expired">expired</span> : <span className="muted">{row.expires ? 'active' : 'no end'}</span>}</td>
                  <td>
                    <button type="button" aria-label={`Remove row ${index + 1} (${row.number || 'no number'})`} onClick={() => setRows((before) => before.filter((other) => other.key !== row.key))}>
                      Remove
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
          label="Review changes"
          heading={
            <>
              <span aria-hidden="true">{PHASE_WORDS.editing.icon} </span>
              {PHASE_WORDS.editing.word}: {describeListChange(name, diff)}
            </>
          }
          base={callerListFields(base)}
          mine={callerListFields(entries ?? usable)}
          labels={{ callers: 'Callers' }}
          problem={summariseErrors(errors, () => 'Callers') ?? (changes === 0 ? 'Nothing to save: the list is as it was.' : null)}
          confirmLabel={writable ? 'Save' : 'Save (will be written when UCCX accepts writes)'}
          busyLabel="Saving…"
          onConfirm={save}
          backLabel="Undo edits"
          onBack={() => setRows(base.map(rowOf))}
          note={writable ? `The whole list is queued as one change, then written to ${fileName} at once.` : 'UCCX is not accepting writes now: the saved list waits in Pending changes.'}
        />
      ) : (
        <p className="muted">No unsaved changes.</p>
      )}
    </form>
  );
}

function ImportPreview({ fileName, result, onApply, onCancel }: { fileName: string; result: CallerCsvImport; onApply: (result: CallerCsvImport) => void; onCancel: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const words = (entry: CallerEntry) => [entry.label, entry.expires ? `until ${formatCalendarDate(entry.expires)}` : '', entry.route ? `route ${entry.route}` : ''].filter(Boolean).join(' · ');
  const nothing = !result.problem && result.add.length + result.change.length === 0;
  return (
    <section className="panel import-preview" aria-label="Import preview">
      <h3 tabIndex={-1} ref={headingRef}>
        Import {fileName}: nothing changes until you apply it
      </h3>
      {result.problem ? (
        <p className="banner banner-warning">{result.problem}</p>
      ) : (
        <p>
          {result.add.length} to add, {result.change.length} to change, {result.unchanged} already as in the file, {result.refused.length} refused. Entries not in the file stay.
        </p>
      )}
      {result.add.length ? (
        <table className="data">
          <caption>To add</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Entry</th>
            </tr>
          </thead>
          <tbody>
            {result.add.map((entry) => (
              <tr key={entry.number}>
                <td>{entry.number}</td>
                <td>{words(entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.change.length ? (
        <table className="data">
          <caption>To change</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Now</th>
              <th scope="col">From the file</th>
            </tr>
          </thead>
          <tbody>
            {result.change.map(({ before, after }) => (
              <tr key={after.number}>
                <td>{after.number}</td>
                <td>{words(before)}</td>
                <td>{words(after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.refused.length ? (
        <table className="data import-refused">
          <caption>Refused rows (not imported)</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {result.refused.map((refused) => (
              <tr key={refused.row}>
                <td>{refused.row}</td>
                <td>
                  <span aria-hidden="true">✖ </span>
                  {refused.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={Boolean(result.problem) || nothing} onClick={() => onApply(result)}>
          {nothing ? 'Nothing to import' : `Apply to the list (${result.add.length} added, ${result.change.length} changed)`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel import
        </button>
      </div>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { pushNotice } from '../../store/app-store';
import { DiffView } from '../../components/DiffView';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { downloadText } from '../../components/download';
import { Field } from '../../components/Field';
import { changeWords, displayField, displayNamedField, type AuditEntry, type AuditResult, type FieldMap, type FieldValue, type PendingChange } from '../../../../shared/domain/changes';
import { listenToPendingList, refreshPending, subscribePending, usePendingStore } from './pending-store';
import { TabList, tabPanelProps } from '../../components/Tabs';
import { CALLER_LIST_TYPE, describeCallerListChange } from '../../../../shared/domain/caller-lists';
import './pending.css';

const VIEW_TABS = [
  { id: 'queue', label: 'Queue' },
  { id: 'audit', label: 'Audit log' },
] as const;

function time(epochMs: number): string {
  return new Date(epochMs).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

async function act(action: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await action();
    pushNotice('success', done);
  } catch (error) {
    pushNotice('error', (error as Error).message);
  }
  void refreshPending();
}

export function PendingScreen() {
  const [tab, setTab] = useState<'queue' | 'audit'>('queue');
  const counts = usePendingStore((s) => s.counts);
  useEffect(() => subscribePending(), []);
  return (
    <section className="pending-screen" aria-labelledby="pending-title">
      <div className="screen-header">
        <h1 id="pending-title">Pending changes</h1>
        <p className="muted" aria-live="polite">
          {counts
            ? `${counts.waiting} waiting: ${counts.queued} queued, ${counts.applying} writing, ${counts.failed} failed${counts.notPermitted ? ` (${counts.notPermitted} not permitted)` : ''}, ${counts.conflicted} in conflict`
            : 'Loading…'}
        </p>
        <TabList label="View" idPrefix="pending" className="system-tabs" tabs={VIEW_TABS} selected={tab} onSelect={setTab} />
      </div>
      <div {...tabPanelProps('pending', tab)}>{tab === 'queue' ? <QueueView /> : <AuditView />}</div>
    </section>
  );
}

function QueueView() {
  const { changes, error } = usePendingStore();
  const [open, setOpen] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(() => listenToPendingList(), []);
  if (error) return <p className="banner banner-error">{error}</p>;
  // Only what is true: a discarded change was never written, so this does not claim everything was.
  if (changes.length === 0)
    return (
      <p className="muted panel" tabIndex={-1} id="pending-empty">
        No changes waiting to be written. The audit log says what was written, discarded or failed.
      </p>
    );
  return (
    <table className="data pending-table" ref={tableRef} tabIndex={-1} aria-label="Changes waiting">
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Object</th>
          <th scope="col">Change</th>
          <th scope="col">Made</th>
          <th scope="col">Tries</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <ChangeRow
            key={change.id}
            change={change}
            open={open === change.id}
            onToggle={() => setOpen(open === change.id ? null : change.id)}
            fallbackFocus={() => tableRef.current ?? document.getElementById('pending-empty')}
          />
        ))}
      </tbody>
    </table>
  );
}

/** What a queued change does, in words, for its confirmation ("Agent Jane Doe: Alias: Jay"). */
function describeChange(change: PendingChange): string {
  return change.summary || Object.keys(change.mine).map((f) => `${change.fieldLabels[f] ?? f}: ${displayField(change.mine[f])}`).join(', ');
}

function ChangeRow({ change, open, onToggle, fallbackFocus }: { change: PendingChange; open: boolean; onToggle: () => void; fallbackFocus: () => HTMLElement | null }) {
  const view = changeWords(change);
  const notPermitted = change.state === 'failed' && change.notPermitted;
  const [editing, setEditing] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const server = change.ref.system === 'uccx' ? 'UCCX' : change.ref.system === 'cupi' ? 'Unity Connection' : change.ref.system.toUpperCase();
  return (
    <>
      <tr className={`change-row state-${change.state}${notPermitted ? ' not-permitted' : ''}`} data-change-id={change.id}>
        <td>
          <span className={`change-state state-${change.state}`}>
            <span aria-hidden="true">{view.icon}</span> {view.word}
          </span>
        </td>
        <td>
          {change.label}
          <div className="muted">
            {change.ref.system.toUpperCase()} · {change.operation}
          </div>
        </td>
        <td>
          {change.summary || Object.keys(change.mine).map((f) => change.fieldLabels[f] ?? f).join(', ')}
          {change.lastError && change.state !== 'conflicted' ? (
            <div className={change.state === 'failed' ? 'change-error' : 'muted'}>
              {change.state === 'failed' ? 'Server said: ' : 'Last try: '}
              {change.lastError}
              {change.nextAttemptAt && change.state === 'queued' ? ` · next try ${time(change.nextAttemptAt)}` : ''}
            </div>
          ) : null}
          {notPermitted ? (
            <div className="muted">
              {server} does not let the account {change.user} make this change, so it is not tried again. Ask an administrator to make it (or to grant the permission, then Retry), or
              discard it.
            </div>
          ) : null}
        </td>
        <td>
          {time(change.createdAt)}
          <div className="muted">by {change.user}</div>
        </td>
        <td>{change.attempts}</td>
        <td className="toolbar">
          <button type="button" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide' : change.state === 'conflicted' ? 'Resolve…' : 'Details'}
          </button>
          {change.state === 'failed' ? (
            <button type="button" onClick={() => void act(() => call('changes:retry', { id: change.id }), 'Trying again.')}>
              Retry
            </button>
          ) : null}
          {change.state !== 'applying' ? (
            <button type="button" className="danger" aria-label={`Discard the change to ${change.label}`} onClick={() => setDiscarding(true)}>
              Discard…
            </button>
          ) : null}
        </td>
      </tr>
      {discarding ? (
        <tr className="change-confirm">
          <td colSpan={6}>
            <ConfirmPanel
              title={`Discard the change to ${change.label}?`}
              confirmLabel="Discard change"
              cancelLabel="Keep change"
              danger
              fallbackFocus={fallbackFocus}
              onCancel={() => setDiscarding(false)}
              onConfirm={() => {
                setDiscarding(false);
                void act(() => call('changes:discard', { id: change.id }), `${change.label}: discarded; it will not be written.`);
              }}
            >
              <p>
                The change <strong>{describeChange(change)}</strong> is dropped from the queue and will not be written to {server}. This cannot be undone; to make it again, edit {change.label}{' '}
                again.
              </p>
            </ConfirmPanel>
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr className="change-details">
          <td colSpan={6}>
            {change.state === 'conflicted' ? (
              <p className="banner banner-warning">
                <span aria-hidden="true">⚠ </span>
                {change.label} was changed on the server after you made this change. Nothing was overwritten. Compare and choose.
              </p>
            ) : null}
            <DiffView base={change.base} mine={change.mine} theirs={change.state === 'conflicted' ? change.theirs : undefined} labels={change.fieldLabels} />
            {editing ? (
              <EditValues
                change={change}
                onCancel={() => setEditing(false)}
                onSave={async (mine) => {
                  await act(
                    () => (change.state === 'conflicted' ? call('changes:resolve', { id: change.id, resolution: { kind: 'edit', mine } }) : call('changes:edit', { id: change.id, mine })),
                    'Edited change queued.',
                  );
                  setEditing(false);
                }}
              />
            ) : (
              <div className="toolbar">
                {change.state === 'conflicted' ? (
                  <>
                    <button type="button" onClick={() => void act(() => call('changes:resolve', { id: change.id, resolution: { kind: 'keep-theirs' } }), 'Kept the server’s values.')}>
                      Keep theirs
                    </button>
                    <button type="button" className="primary" onClick={() => void act(() => call('changes:resolve', { id: change.id, resolution: { kind: 'reapply-mine' } }), 'Your values will be written.')}>
                      Reapply mine
                    </button>
                  </>
                ) : null}
                {change.state === 'queued' || change.state === 'failed' || change.state === 'conflicted' ? (
                  <button type="button" onClick={() => setEditing(true)}>
                    Edit…
                  </button>
                ) : null}
              </div>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function parseValue(text: string, original: FieldValue): FieldValue {
  if (typeof original === 'number') return text.trim() === '' ? null : Number(text);
  if (typeof original === 'boolean') return text === 'true';
  if (original !== null && typeof original === 'object') return JSON.parse(text) as FieldValue;
  return text;
}

function EditValues({ change, onSave, onCancel }: { change: PendingChange; onSave: (mine: FieldMap) => Promise<void>; onCancel: () => void }) {
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(change.mine).map(([field, value]) => [field, value !== null && typeof value === 'object' ? JSON.stringify(value) : value === null ? '' : String(value)])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="edit-values"
      aria-label="Edit the values of this change"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const mine: FieldMap = {};
          for (const [field, text] of Object.entries(texts)) mine[field] = parseValue(text, change.mine[field] ?? null);
          await onSave(mine);
        } catch (error) {
          setProblem(`Not a valid value: ${(error as Error).message}`);
        }
      }}
    >
      {Object.entries(change.mine).map(([field, value]) => (
        <Field
          key={field}
          label={
            <>
              {change.fieldLabels[field] ?? field} <span className="muted">(was {displayField(change.base[field])})</span>
            </>
          }
        >
          {typeof value === 'boolean' ? (
            <select value={texts[field]} onChange={(e) => setTexts({ ...texts, [field]: e.target.value })}>
              <option value="true">yes</option>
              <option value="false">no</option>
            </select>
          ) : (
            <input value={texts[field] ?? ''} onChange={(e) => setTexts({ ...texts, [field]: e.target.value })} />
          )}
        </Field>
      ))}
      {problem ? <p role="alert">{problem}</p> : null}
      <div className="toolbar">
        <button type="submit" className="primary">
          Save edited values
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The outcomes an audit entry can end with, in words (the filter offers these). */
const OUTCOME_WORDS: Record<AuditResult, string> = {
  applied: 'Written',
  'already-applied': 'Already on the server',
  failed: 'Failed',
  'not-permitted': 'Not permitted for this account',
  conflicted: 'Conflict: waiting for a decision',
  discarded: 'Discarded',
  'kept-theirs': "Conflict resolved: server's values kept",
  queued: 'Waiting to be written',
  edited: 'Edited, waiting to be written',
  retried: 'Waiting to be written (tried again)',
  pending: 'Held by Finesse until the call ends',
  sent: 'Sent, not confirmed yet',
};
const RESULTS = Object.keys(OUTCOME_WORDS) as AuditResult[];

/** "Skill Billing: 5 → 7": each field by its name, ids replaced by the names the change recorded. */
function describeAuditChange(entry: AuditEntry): string {
  // A caller list is one field holding the whole list: name the numbers that changed, not every entry.
  if (entry.objectType === CALLER_LIST_TYPE) return describeCallerListChange(entry.objectId, entry.before, entry.after);
  const fields = [...new Set([...Object.keys(entry.before), ...Object.keys(entry.after)])];
  const named = (field: string, value: FieldValue | undefined) => displayNamedField(value, entry.valueNames?.[field]);
  return fields
    .map((field) => {
      const label = entry.fieldLabels?.[field] ?? field;
      if (!(field in entry.before)) return `${label}: ${named(field, entry.after[field])}`;
      if (!(field in entry.after)) return `${label}: ${named(field, entry.before[field])} removed`;
      return `${label}: ${named(field, entry.before[field])} → ${named(field, entry.after[field])}`;
    })
    .join('; ');
}

/** A history step as main writes it ("<ISO time> <words>"), with the time in local words. */
function readableStep(step: string): string {
  const match = /^(\S+) (.*)$/.exec(step);
  const at = match ? Date.parse(match[1]!) : NaN;
  return Number.isNaN(at) ? step : `${time(at)}: ${match![2]}`;
}

/** The person at the console: operator name and operating-system user; entries from before these were kept say so. */
function person(entry: AuditEntry): string {
  if (entry.operatorName && entry.osUser) return `${entry.operatorName} (${entry.osUser})`;
  return entry.operatorName ?? entry.osUser ?? 'not recorded';
}

function AuditView() {
  const [text, setText] = useState('');
  const [result, setResult] = useState<AuditResult | ''>('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const query = { ...(text.trim() ? { text: text.trim() } : {}), ...(result ? { result } : {}) };

  useEffect(() => {
    const timer = setTimeout(() => {
      call('changes:audit', { ...query, limit: 500 })
        .then(setEntries)
        .catch((error: Error) => pushNotice('error', error.message));
    }, 200);
    return () => clearTimeout(timer);
  }, [text, result]);

  return (
    <div>
      <div className="toolbar panel" role="search">
        <input type="search" aria-label="Search the audit log" placeholder="Search object, user, value, message" value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label="Outcome" value={result} onChange={(e) => setResult(e.target.value as AuditResult | '')}>
          <option value="">All outcomes</option>
          {RESULTS.map((r) => (
            <option key={r} value={r}>
              {OUTCOME_WORDS[r]}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={async () => {
            try {
              const { fileName, csv } = await call('changes:audit-csv', query);
              downloadText(fileName, 'text/csv', csv);
            } catch (error) {
              pushNotice('error', (error as Error).message);
            }
          }}
        >
          Export CSV
        </button>
      </div>
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No entries.</p>
      ) : (
        <table className="data audit-table">
          <caption className="visually-hidden">Audit log: one line per change, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Made by</th>
              <th scope="col">Object</th>
              <th scope="col">Change</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={`${entry.changeId}:${entry.at}:${index}`} data-testid="audit-entry">
                <td>
                  <time dateTime={new Date(entry.at).toISOString()}>{time(entry.at)}</time>
                  {entry.firstAt !== undefined && time(entry.firstAt) !== time(entry.at) ? <div className="muted">made {time(entry.firstAt)}</div> : null}
                </td>
                <td>
                  {person(entry)}
                  <div className="muted">
                    as {entry.user} · {entry.profile}
                  </div>
                </td>
                <td>{entry.label}</td>
                <td>{describeAuditChange(entry)}</td>
                <td>
                  {OUTCOME_WORDS[entry.result] ?? entry.result}
                  {entry.message ? <div className="muted">{entry.message}</div> : null}
                  {entry.history?.length ? (
                    <ul className="muted audit-history" aria-label="Earlier steps">
                      {entry.history.map((step, i) => (
                        <li key={i}>{readableStep(step)}</li>
                      ))}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { pushNotice } from '../../store/app-store';
import { DiffView } from '../../components/DiffView';
import { Field } from '../../components/Field';
import { displayField, type AuditEntry, type AuditResult, type ChangeState, type FieldMap, type FieldValue, type PendingChange } from '../../../../shared/domain/changes';
import { listenToPendingList, refreshPending, subscribePending, usePendingStore } from './pending-store';
import { TabList, tabPanelProps } from '../../components/Tabs';
import './pending.css';

const VIEW_TABS = [
  { id: 'queue', label: 'Queue' },
  { id: 'audit', label: 'Audit log' },
] as const;

const STATE_VIEW: Record<ChangeState, { icon: string; word: string }> = {
  queued: { icon: '⏳', word: 'Queued' },
  applying: { icon: '↻', word: 'Applying' },
  applied: { icon: '✔', word: 'Applied' },
  failed: { icon: '✖', word: 'Failed' },
  conflicted: { icon: '⚠', word: 'Conflict' },
  discarded: { icon: '○', word: 'Discarded' },
};

function time(epochMs: number): string {
  return new Date(epochMs).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

async function act(action: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await action();
    pushNotice('info', done);
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
            ? `${counts.waiting} waiting: ${counts.queued} queued, ${counts.applying} applying, ${counts.failed} failed, ${counts.conflicted} in conflict`
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
  useEffect(() => listenToPendingList(), []);
  if (error) return <p className="banner banner-error">{error}</p>;
  if (changes.length === 0) return <p className="muted panel">Nothing is waiting. Every change made in the console has been written.</p>;
  return (
    <table className="data pending-table">
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
          <ChangeRow key={change.id} change={change} open={open === change.id} onToggle={() => setOpen(open === change.id ? null : change.id)} />
        ))}
      </tbody>
    </table>
  );
}

function ChangeRow({ change, open, onToggle }: { change: PendingChange; open: boolean; onToggle: () => void }) {
  const view = STATE_VIEW[change.state];
  const [editing, setEditing] = useState(false);
  return (
    <>
      <tr className={`change-row state-${change.state}`} data-change-id={change.id}>
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
            <button type="button" className="danger" onClick={() => void act(() => call('changes:discard', { id: change.id }), 'Change discarded.')}>
              Discard
            </button>
          ) : null}
        </td>
      </tr>
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
          Queue edited values
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const RESULTS: AuditResult[] = ['queued', 'applied', 'already-applied', 'failed', 'conflicted', 'discarded', 'kept-theirs', 'edited', 'retried', 'pending', 'sent'];

function describe(fields: FieldMap, labels: Record<string, string> = {}): string {
  return Object.entries(fields)
    .map(([f, v]) => `${labels[f] ?? f}: ${displayField(v)}`)
    .join('; ');
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
        <select aria-label="Result" value={result} onChange={(e) => setResult(e.target.value as AuditResult | '')}>
          <option value="">All results</option>
          {RESULTS.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <button
          type="button"
          onClick={async () => {
            try {
              const { fileName, csv } = await call('changes:audit-csv', query);
              const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
              const link = document.createElement('a');
              link.href = url;
              link.download = fileName;
              link.click();
              setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">User</th>
              <th scope="col">Object</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={`${entry.changeId}:${entry.at}:${index}`}>
                <td>{time(entry.at)}</td>
                <td>
                  {entry.user}
                  <div className="muted">{entry.profile}</div>
                </td>
                <td>{entry.label}</td>
                <td>{describe(entry.before, entry.fieldLabels)}</td>
                <td>{describe(entry.after, entry.fieldLabels)}</td>
                <td>
                  {entry.result}
                  {entry.message ? <div className="muted">{entry.message}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

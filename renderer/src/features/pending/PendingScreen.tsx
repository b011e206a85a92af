import { PHASE_IDS } from './phase-words';
import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { pushNotice } from '../../store/app-store';
import { DiffView } from '../../components/DiffView';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { downloadText } from '../../components/download';
import { Field } from '../../components/Field';
import { MainText, sayError } from '../../components/ErrorDetails';
import { changeWords, displayField, phaseOf, type AuditEntry, type AuditResult, type ChangeOperation, type FieldMap, type FieldValue, type PendingChange } from '../../../../shared/domain/changes';
import { listenToPendingList, refreshPending, subscribePending, usePendingStore } from './pending-store';
import { TabList, tabPanelProps } from '../../components/Tabs';
import { CALLER_LIST_TYPE, describeCallerListChange } from '../../../../shared/domain/caller-lists';
import { hasMessage, t, useLocale, useT, type MessageId } from '../../i18n/i18n';
import type { MainMessage } from '../../../../shared/domain/main-message';
import { Message } from '../../i18n/Message';
import './pending.css';

/** A moment of a change: "Dec 2, 08:10:05 AM" (en-US), "2. Dez., 08:10:05" (de), in the user's locale. */
function time(epochMs: number, locale: string): string {
  return new Date(epochMs).toLocaleString(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}


const OPERATION_IDS: Readonly<Record<ChangeOperation, MessageId>> = { create: 'pending.operation.create', update: 'pending.operation.update', delete: 'pending.operation.delete' };

/**
 * A value as the change tables show it: the value itself (server data), or
 * our words for none, yes and no (shared/domain/changes.ts `displayField` says
 * them in English for logs and the audit file).
 */
function fieldWords(value: FieldValue | undefined): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return t('pending.value.none');
  if (typeof value === 'boolean') return t(value ? 'pending.value.yes' : 'pending.value.no');
  if (Array.isArray(value)) return value.map((item) => fieldWords(item)).join(', ');
  return displayField(value);
}

/** A value with the ids in it replaced by the names the change recorded ("Billing" for skill 12). */
function namedFieldWords(value: FieldValue | undefined, names: Record<string, string> | undefined): string {
  if (!names) return fieldWords(value);
  const named = (item: FieldValue): FieldValue => (typeof item === 'string' || typeof item === 'number' ? (names[String(item)] ?? item) : Array.isArray(item) ? item.map(named) : item);
  return fieldWords(value === undefined ? undefined : named(value));
}

async function act(action: () => Promise<unknown>, done: string): Promise<void> {
  try {
    await action();
    pushNotice('success', done);
  } catch (error) {
    pushNotice('error', sayError(error));
  }
  void refreshPending();
}

export function PendingScreen() {
  const t = useT();
  const viewTabs = [
    { id: 'queue', label: t('pending.tab.queue') },
    { id: 'audit', label: t('pending.tab.audit') },
  ] as const;
  const [tab, setTab] = useState<'queue' | 'audit'>('queue');
  const counts = usePendingStore((s) => s.counts);
  useEffect(() => subscribePending(), []);
  return (
    <section className="pending-screen" aria-labelledby="pending-title">
      <div className="screen-header">
        <h1 id="pending-title">{t('pending.title')}</h1>
        <p className="muted" aria-live="polite">
          {counts
            ? t('pending.counts', {
                waiting: counts.waiting,
                queued: counts.queued,
                applying: counts.applying,
                failed: counts.failed,
                notPermitted: counts.notPermitted,
                conflicted: counts.conflicted,
              })
            : t('pending.loading')}
        </p>
        <TabList label={t('pending.tab.label')} idPrefix="pending" className="system-tabs" tabs={viewTabs} selected={tab} onSelect={setTab} />
      </div>
      <div {...tabPanelProps('pending', tab)}>{tab === 'queue' ? <QueueView /> : <AuditView />}</div>
    </section>
  );
}

function QueueView() {
  const t = useT();
  const { changes, error } = usePendingStore();
  const [open, setOpen] = useState<string | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  useEffect(() => listenToPendingList(), []);
  if (error)
    return (
      <p className="banner banner-error">
        <MainText said={error.said} english={error.message} />
      </p>
    );
  // Only what is true: a discarded change was never written, so this does not claim everything was.
  if (changes.length === 0)
    return (
      <p className="muted panel" tabIndex={-1} id="pending-empty">
        {t('pending.empty')}
      </p>
    );
  return (
    <table className="data pending-table" ref={tableRef} tabIndex={-1} aria-label={t('pending.table.label')}>
      <thead>
        <tr>
          <th scope="col">{t('pending.column.state')}</th>
          <th scope="col">{t('pending.column.object')}</th>
          <th scope="col">{t('pending.column.change')}</th>
          <th scope="col">{t('pending.column.made')}</th>
          <th scope="col">{t('pending.column.tries')}</th>
          <th scope="col">{t('pending.column.actions')}</th>
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

/** What a queued change does, in words, for its confirmation ("Agent Jane Doe: Alias: Jay"): main's summary, else each field and its new value. */
function describeChange(change: PendingChange): string {
  return change.summary || Object.keys(change.mine).map((f) => t('pending.fieldValue', { field: change.fieldLabels[f] ?? f, value: fieldWords(change.mine[f]) })).join(', ');
}

function ChangeRow({ change, open, onToggle, fallbackFocus }: { change: PendingChange; open: boolean; onToggle: () => void; fallbackFocus: () => HTMLElement | null }) {
  const t = useT();
  const locale = useLocale();
  const view = changeWords(change);
  const notPermitted = change.state === 'failed' && change.notPermitted;
  const phaseWord = t(PHASE_IDS[notPermitted ? 'notPermitted' : phaseOf(change.state)]);
  // The object's name, the account and the change's own words are main's and the servers' (English from main): shown as sent.
  const label = <span data-main-text>{change.label}</span>;
  const [editing, setEditing] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const server = change.ref.system === 'uccx' ? t('status.system.uccx') : change.ref.system === 'cupi' ? t('status.system.cupi') : change.ref.system.toUpperCase();
  return (
    <>
      <tr className={`change-row state-${change.state}${notPermitted ? ' not-permitted' : ''}`} data-change-id={change.id}>
        <td>
          <span className={`change-state state-${change.state}`}>
            <span aria-hidden="true">{view.icon}</span> {phaseWord}
          </span>
        </td>
        <td>
          {label}
          <div className="muted">
            <span translate="no">{change.ref.system.toUpperCase()}</span> · {t(OPERATION_IDS[change.operation])}
          </div>
        </td>
        <td>
          <span data-main-text>{change.summary || Object.keys(change.mine).map((f) => change.fieldLabels[f] ?? f).join(', ')}</span>
          {change.lastError && change.state !== 'conflicted' ? (
            <div className={change.state === 'failed' ? 'change-error' : 'muted'}>
              <Message
                id={change.state === 'failed' ? 'pending.serverSaid' : change.nextAttemptAt && change.state === 'queued' ? 'pending.lastTryNext' : 'pending.lastTry'}
                values={{ next: change.nextAttemptAt ? time(change.nextAttemptAt, locale) : '' }}
                parts={{ message: <MainText said={change.lastErrorMessage} english={change.lastError} /> }}
              />
            </div>
          ) : null}
          {notPermitted ? (
            <div className="muted">
              <Message id="pending.notPermitted" values={{ server }} parts={{ user: <span translate="no">{change.user}</span> }} />
            </div>
          ) : null}
        </td>
        <td>
          <time dateTime={new Date(change.createdAt).toISOString()}>{time(change.createdAt, locale)}</time>
          <div className="muted">
            <Message id="pending.madeBy" parts={{ user: <span translate="no">{change.user}</span> }} />
          </div>
        </td>
        <td>{change.attempts}</td>
        <td className="toolbar">
          <button type="button" aria-expanded={open} onClick={onToggle}>
            {open ? t('pending.hide') : change.state === 'conflicted' ? t('pending.resolve') : t('pending.details')}
          </button>
          {change.state === 'failed' ? (
            <button type="button" onClick={() => void act(() => call('changes:retry', { id: change.id }), t('pending.notice.retrying'))}>
              {t('pending.retry')}
            </button>
          ) : null}
          {change.state !== 'applying' ? (
            <button type="button" className="danger" aria-label={t('pending.discard.label', { label: change.label })} onClick={() => setDiscarding(true)}>
              {t('pending.discard')}
            </button>
          ) : null}
        </td>
      </tr>
      {discarding ? (
        <tr className="change-confirm">
          <td colSpan={6}>
            <ConfirmPanel
              title={t('pending.discard.title', { label: change.label })}
              confirmLabel={t('pending.discard.confirm')}
              cancelLabel={t('pending.discard.cancel')}
              danger
              fallbackFocus={fallbackFocus}
              onCancel={() => setDiscarding(false)}
              onConfirm={() => {
                setDiscarding(false);
                void act(() => call('changes:discard', { id: change.id }), t('pending.notice.discarded', { label: change.label }));
              }}
            >
              <p>
                <Message id="pending.discard.body" values={{ server }} parts={{ change: <strong data-main-text>{describeChange(change)}</strong>, label }} />
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
                <Message id="pending.conflict.banner" parts={{ label }} />
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
                    t('pending.notice.edited'),
                  );
                  setEditing(false);
                }}
              />
            ) : (
              <div className="toolbar">
                {change.state === 'conflicted' ? (
                  <>
                    <button type="button" onClick={() => void act(() => call('changes:resolve', { id: change.id, resolution: { kind: 'keep-theirs' } }), t('pending.notice.keptTheirs'))}>
                      {t('pending.conflict.keepTheirs')}
                    </button>
                    <button type="button" className="primary" onClick={() => void act(() => call('changes:resolve', { id: change.id, resolution: { kind: 'reapply-mine' } }), t('pending.notice.reapplied'))}>
                      {t('pending.conflict.reapplyMine')}
                    </button>
                  </>
                ) : null}
                {change.state === 'queued' || change.state === 'failed' || change.state === 'conflicted' ? (
                  <button type="button" onClick={() => setEditing(true)}>
                    {t('pending.edit')}
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
  const t = useT();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(change.mine).map(([field, value]) => [field, value !== null && typeof value === 'object' ? JSON.stringify(value) : value === null ? '' : String(value)])),
  );
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="edit-values"
      aria-label={t('pending.editValues.label')}
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const mine: FieldMap = {};
          for (const [field, text] of Object.entries(texts)) mine[field] = parseValue(text, change.mine[field] ?? null);
          await onSave(mine);
        } catch (error) {
          setProblem(t('pending.editValues.invalid', { message: (error as Error).message }));
        }
      }}
    >
      {Object.entries(change.mine).map(([field, value]) => (
        <Field
          key={field}
          label={
            <>
              <span data-main-text>{change.fieldLabels[field] ?? field}</span>{' '}
              <span className="muted">
                {t('pending.editValues.was', { value: fieldWords(change.base[field]) })}
              </span>
            </>
          }
        >
          {typeof value === 'boolean' ? (
            <select value={texts[field]} onChange={(e) => setTexts({ ...texts, [field]: e.target.value })}>
              <option value="true">{t('pending.value.yes')}</option>
              <option value="false">{t('pending.value.no')}</option>
            </select>
          ) : (
            <input value={texts[field] ?? ''} onChange={(e) => setTexts({ ...texts, [field]: e.target.value })} />
          )}
        </Field>
      ))}
      {problem ? <p role="alert">{problem}</p> : null}
      <div className="toolbar">
        <button type="submit" className="primary">
          {t('pending.editValues.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The outcomes an audit entry can end with, in words (the filter offers these). */
const OUTCOME_IDS: Record<AuditResult, MessageId> = {
  applied: 'pending.outcome.applied',
  'already-applied': 'pending.outcome.alreadyApplied',
  failed: 'pending.outcome.failed',
  'not-permitted': 'pending.outcome.notPermitted',
  conflicted: 'pending.outcome.conflicted',
  discarded: 'pending.outcome.discarded',
  'kept-theirs': 'pending.outcome.keptTheirs',
  queued: 'pending.outcome.queued',
  edited: 'pending.outcome.edited',
  retried: 'pending.outcome.retried',
  pending: 'pending.outcome.pending',
  sent: 'pending.outcome.sent',
};
const RESULTS = Object.keys(OUTCOME_IDS) as AuditResult[];

/** An outcome in words; one this screen does not know (a newer console's log) as written. */
function outcomeWords(result: AuditResult): string {
  return Object.hasOwn(OUTCOME_IDS, result) ? t(OUTCOME_IDS[result]) : result;
}

/** "Skill Billing: 5 → 7": each field by its name, ids replaced by the names the change recorded. */
function describeAuditChange(entry: AuditEntry): string {
  // A caller list is one field holding the whole list: name the numbers that changed, not every entry.
  if (entry.objectType === CALLER_LIST_TYPE) return describeCallerListChange(entry.objectId, entry.before, entry.after);
  const fields = [...new Set([...Object.keys(entry.before), ...Object.keys(entry.after)])];
  const named = (field: string, value: FieldValue | undefined) => namedFieldWords(value, entry.valueNames?.[field]);
  return fields
    .map((field) => {
      const label = entry.fieldLabels?.[field] ?? field;
      if (!(field in entry.before)) return t('pending.fieldValue', { field: label, value: named(field, entry.after[field]) });
      if (!(field in entry.after)) return t('pending.audit.removed', { field: label, value: named(field, entry.before[field]) });
      return t('pending.audit.changed', { field: label, before: named(field, entry.before[field]), after: named(field, entry.after[field]) });
    })
    .join('; ');
}

/**
 * A history step as main writes it ("<ISO time> <words>"): the time in the
 * user's locale, then main's words by id (`said`) in the user's language; a
 * refusal's own message, like the log's other messages, stays as written.
 */
function ReadableStep({ step, said, locale }: { step: string; said: MainMessage | undefined; locale: string }) {
  useT();
  const match = /^(\S+) (.*)$/.exec(step);
  const at = match ? Date.parse(match[1]!) : NaN;
  if (Number.isNaN(at)) return <span data-main-text>{step}</span>;
  const words =
    said && hasMessage(said.id) ? (
      <Message id={said.id} parts={{ message: <span data-main-text>{String(said.values?.message ?? '')}</span> }} />
    ) : (
      <span data-main-text>{match![2]}</span>
    );
  return (
    <>
      <time dateTime={new Date(at).toISOString()}>{time(at, locale)}</time>: {words}
    </>
  );
}

/** The person at the console: operator name and operating-system user (both data); entries from before these were kept say so. */
function Person({ entry }: { entry: AuditEntry }) {
  const t = useT();
  if (entry.operatorName && entry.osUser) return <span translate="no">{`${entry.operatorName} (${entry.osUser})`}</span>;
  const one = entry.operatorName ?? entry.osUser;
  return one ? <span translate="no">{one}</span> : <>{t('pending.audit.notRecorded')}</>;
}

function AuditView() {
  const t = useT();
  const locale = useLocale();
  const [text, setText] = useState('');
  const [result, setResult] = useState<AuditResult | ''>('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const query = { ...(text.trim() ? { text: text.trim() } : {}), ...(result ? { result } : {}) };

  useEffect(() => {
    const timer = setTimeout(() => {
      call('changes:audit', { ...query, limit: 500 })
        .then(setEntries)
        .catch((error: unknown) => pushNotice('error', sayError(error)));
    }, 200);
    return () => clearTimeout(timer);
  }, [text, result]);

  return (
    <div>
      <div className="toolbar panel" role="search">
        <input type="search" aria-label={t('pending.audit.search')} placeholder={t('pending.audit.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label={t('pending.audit.outcome')} value={result} onChange={(e) => setResult(e.target.value as AuditResult | '')}>
          <option value="">{t('pending.audit.allOutcomes')}</option>
          {RESULTS.map((r) => (
            <option key={r} value={r}>
              {outcomeWords(r)}
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
              pushNotice('error', sayError(error));
            }
          }}
        >
          {t('pending.audit.exportCsv')}
        </button>
      </div>
      {entries === null ? (
        <p className="muted">{t('pending.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('pending.audit.empty')}</p>
      ) : (
        <table className="data audit-table">
          <caption className="visually-hidden">{t('pending.audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pending.audit.column.time')}</th>
              <th scope="col">{t('pending.audit.column.madeBy')}</th>
              <th scope="col">{t('pending.audit.column.object')}</th>
              <th scope="col">{t('pending.audit.column.change')}</th>
              <th scope="col">{t('pending.audit.column.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={`${entry.changeId}:${entry.at}:${index}`} data-testid="audit-entry">
                <td>
                  <time dateTime={new Date(entry.at).toISOString()}>{time(entry.at, locale)}</time>
                  {entry.firstAt !== undefined && time(entry.firstAt, locale) !== time(entry.at, locale) ? (
                    <div className="muted">
                      <Message id="pending.audit.madeAt" parts={{ time: <time dateTime={new Date(entry.firstAt).toISOString()}>{time(entry.firstAt, locale)}</time> }} />
                    </div>
                  ) : null}
                </td>
                <td>
                  <Person entry={entry} />
                  <div className="muted">
                    <Message id="pending.audit.asUser" parts={{ user: <span translate="no">{entry.user}</span>, profile: <span translate="no">{entry.profile}</span> }} />
                  </div>
                </td>
                <td data-main-text>{entry.label}</td>
                {/* Field names and values are main's and the servers' (field names in English from main); only the joining words are ours. */}
                <td data-main-text>{describeAuditChange(entry)}</td>
                <td>
                  {outcomeWords(entry.result)}
                  {entry.message ? (
                    <div className="muted" data-main-text>
                      {entry.message}
                    </div>
                  ) : null}
                  {entry.history?.length ? (
                    <ul className="muted audit-history" aria-label={t('pending.audit.earlierSteps')}>
                      {entry.history.map((step, i) => (
                        <li key={i}>
                          <ReadableStep step={step} said={entry.historyMessages?.[i]} locale={locale} />
                        </li>
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

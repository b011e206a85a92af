import { useEffect, useState } from 'react';
import { call, getApi, onReconnect } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { followInToast, useChangeProgress } from '../../../store/change-progress';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { Field } from '../../../components/Field';
import { ErrorBanner, detailOf, shownError, type ShownError } from '../../../components/ErrorDetails';
import { formatDateTime } from '../../../../../shared/domain/time-words';
import {
  SWITCH_LIMITS,
  checkPrompt,
  checkSwitchName,
  describeSwitchesSave,
  durationWords,
  isOverdue,
  normalizePromptPath,
  promptFileName,
  switchStateWords,
  touchedSwitchFields,
  untilMs,
  untilText,
  type SwitchEntry,
  type SwitchesView,
} from '../../../../../shared/domain/switches';
import { loadPending, uccxWaitingFor, useUccxStore } from './uccx-store';
import { ReadOnlyFieldset } from './editor-access';
import { DocumentSource, QueuedBanner, SkippedBanner } from './DocumentStatus';

/** What the confirmation on screen is about. */
type Pending =
  | { kind: 'on'; name: string }
  | { kind: 'off'; name: string }
  | { kind: 'remove'; name: string }
  | { kind: 'edit'; name: string; next: SwitchEntry };

/** How long a switch turned on stays on: until turned off, for one of the offered durations, or until a chosen time. */
type Duration = { kind: 'open' } | { kind: 'for'; seconds: number } | { kind: 'until'; local: string };

/**
 * Announcement switches: one document in the UCCX document repository that
 * IVR scripts read at call time (docs/ivr.md, "Switches"). Turning a switch
 * on or off, renaming or removing it changes what callers hear, so each is
 * confirmed in words and then queued as one change; a switch turned on for a
 * while is turned off again by main at its time.
 */
export function SwitchesEditor() {
  const [view, setView] = useState<SwitchesView | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const writable = useUccxStore((s) => s.state?.writable ?? false);
  /** The last save, followed until it is settled: then the document is read again. */
  const [savedId, setSavedId] = useState<string | null>(null);
  const savedState = useChangeProgress((s) => (savedId ? s.byId[savedId]?.state : undefined));

  const load = async () => {
    try {
      setView(await call('uccx:switches', undefined));
      setError(null);
    } catch (failure) {
      setError(shownError(failure));
    }
  };
  useEffect(() => {
    void load();
    const offChanged = getApi().on('uccx:switches-changed', () => void load());
    const offReconnect = onReconnect(() => void load());
    return () => {
      offChanged();
      offReconnect();
    };
  }, []);
  useEffect(() => {
    if (!savedState || savedState === 'queued' || savedState === 'applying') return;
    setSavedId(null);
    void load();
  }, [savedState]);

  if (error && !view) return <ErrorBanner error={error} testId="switches-error" />;
  if (!view) return <p className="muted">Loading the switches…</p>;
  /** The switches as they will be once waiting changes are written: every save starts from them. */
  const current = view.queued ?? view.switches;

  const save = async (next: SwitchEntry[]): Promise<boolean> => {
    try {
      const change = await call('uccx:switches-save', { base: current, switches: next });
      useUccxStore.setState((s) => ({ pending: [...s.pending.filter((other) => other.id !== change.id), change] }));
      followInToast(change.summary ?? change.label, [change], uccxWaitingFor);
      void loadPending();
      setSavedId(change.id);
      await load();
      return true;
    } catch (failure) {
      pushNotice('error', `The switches could not be saved: ${(failure as Error).message}`, { detail: detailOf(failure) });
      return false;
    }
  };
  const replace = (name: string, next: SwitchEntry | null) => current.flatMap((entry) => (entry.name === name ? (next ? [next] : []) : [entry]));
  const timerOf = (name: string) => view.timers.find((timer) => timer.name === name && timer.state === 'waiting');
  const late = view.timers.filter((timer) => timer.late && timer.state === 'reverted');
  const failed = view.timers.filter((timer) => timer.state === 'failed');
  const fileName = view.path.slice(view.path.lastIndexOf('/') + 1);
  const scriptPath = view.path.split('/').filter(Boolean).slice(1).join('/');

  return (
    <div className="switches">
      <div className="panel">
        <p className="muted">
          On/off announcements that IVR scripts read from the UCCX document repository ({view.path}, in a script DOC[{scriptPath}]). The script steps are in the console’s guide “Caller lists
          for IVR scripts”, section “Switches” (docs/ivr.md).
        </p>
        <DocumentSource
          document={view}
          contents={`${view.switches.length} switch${view.switches.length === 1 ? '' : 'es'}`}
          whenMissing={`adding a switch creates ${view.path}.`}
          testId="switches-source"
        />
        {view.queued ? <QueuedBanner>Changes to the switches are waiting to be written; the table shows them as they will be.</QueuedBanner> : null}
        {late.map((timer) => (
          <p key={`${timer.name}-${timer.until}`} className="banner banner-warning" role="status" data-testid="switch-late">
            <span aria-hidden="true">⚠ </span>
            The switch “{timer.name}” was due to turn off at {formatDateTime(timer.until)} while the console was not running; the console turned it off at its next start (
            {formatDateTime(timer.revertedAt ?? timer.until)}).
          </p>
        ))}
        {failed.map((timer) => (
          <p key={`${timer.name}-${timer.until}`} className="banner banner-error" role="alert">
            <span aria-hidden="true">✖ </span>
            {timer.message ?? `The switch “${timer.name}” could not be turned off at its time.`} Turn it off here.
          </p>
        ))}
        <SkippedBanner skipped={view.skipped} what="values" />
      </div>
      <section className="panel" aria-label="Switches">
        <h2>
          Switches <span className="muted">({fileName})</span>
        </h2>
        {pending ? (
          <SwitchConfirmation
            pending={pending}
            entry={current.find((entry) => entry.name === pending.name)!}
            durations={view.durations}
            writable={writable}
            onCancel={() => setPending(null)}
            onConfirm={async (next) => {
              const done = await save(next === null ? replace(pending.name, null) : replace(pending.name, next));
              if (done) {
                setPending(null);
                setEditing(null);
              }
            }}
          />
        ) : null}
        {current.length === 0 ? (
          <p className="muted">No switches yet. Add one below; it starts off.</p>
        ) : (
          <table className="data switch-table">
            <caption className="visually-hidden">Switches in {fileName}</caption>
            <thead>
              <tr>
                <th scope="col">Switch</th>
                <th scope="col">State</th>
                <th scope="col">Prompt</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {current.map((entry) => (
                <SwitchRow
                  key={entry.name}
                  entry={entry}
                  timerUntil={timerOf(entry.name)?.until ?? null}
                  others={current.filter((other) => other.name !== entry.name)}
                  editing={editing === entry.name}
                  onEdit={() => setEditing(entry.name)}
                  onCancelEdit={() => setEditing(null)}
                  onAsk={setPending}
                />
              ))}
            </tbody>
          </table>
        )}
        <AddSwitch existing={current} onAdd={(entry) => save([...current, entry])} />
      </section>
    </div>
  );
}

function SwitchState({ entry, timerUntil }: { entry: SwitchEntry; timerUntil: number | null }) {
  const until = untilMs(entry);
  return (
    <>
      <span className={`switch-state ${entry.enabled ? 'switch-on' : 'switch-off'}`}>{entry.enabled ? 'On' : 'Off'}</span>
      {entry.enabled && until !== null ? (
        <span className="muted">
          {' '}
          until {formatDateTime(until)}
          {isOverdue(entry, Date.now()) ? ' (time passed: scripts may treat it as off; the console turns it off)' : timerUntil !== null ? ', then off by itself' : ''}
        </span>
      ) : null}
    </>
  );
}

function SwitchRow({
  entry,
  timerUntil,
  others,
  editing,
  onEdit,
  onCancelEdit,
  onAsk,
}: {
  entry: SwitchEntry;
  timerUntil: number | null;
  others: SwitchEntry[];
  editing: boolean;
  onEdit: () => void;
  onCancelEdit: () => void;
  onAsk: (pending: Pending) => void;
}) {
  const [name, setName] = useState(entry.name);
  const [prompt, setPrompt] = useState(entry.prompt);
  const nameProblem = checkSwitchName(name) ?? (others.some((other) => other.name.toLowerCase() === name.toLowerCase()) ? `There is already a switch named ${name}.` : null);
  const promptProblem = checkPrompt(prompt);
  const next: SwitchEntry = { ...entry, name, prompt: prompt.trim() === '' ? '' : (normalizePromptPath(prompt) ?? prompt) };
  const unchanged = next.name === entry.name && next.prompt === entry.prompt;
  return (
    <tr className={entry.enabled ? 'switch-row-on' : undefined}>
      <th scope="row">
        {editing ? (
          <Field label="Name" error={name === entry.name ? null : nameProblem}>
            <input value={name} maxLength={SWITCH_LIMITS.maxNameLength + 10} onChange={(e) => setName(e.target.value)} />
          </Field>
        ) : (
          entry.name
        )}
      </th>
      <td>
        <SwitchState entry={entry} timerUntil={timerUntil} />
      </td>
      <td>
        {editing ? (
          <Field label="Prompt" hint="Path in the prompt repository, e.g. en_US/outage.wav; empty for none." error={promptProblem}>
            <input value={prompt} maxLength={SWITCH_LIMITS.maxPromptLength + 10} onChange={(e) => setPrompt(e.target.value)} />
          </Field>
        ) : entry.prompt ? (
          entry.prompt
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td>
        <ReadOnlyFieldset>
          {editing ? (
            <div className="toolbar">
              <button type="button" className="primary" disabled={unchanged || Boolean(nameProblem) || Boolean(promptProblem)} onClick={() => onAsk({ kind: 'edit', name: entry.name, next })}>
                Review…
              </button>
              <button type="button" onClick={onCancelEdit}>
                Cancel
              </button>
            </div>
          ) : (
            <div className="toolbar">
              {entry.enabled ? (
                <>
                  <button type="button" aria-label={`Turn off… (switch ${entry.name})`} onClick={() => onAsk({ kind: 'off', name: entry.name })}>
                    Turn off…
                  </button>
                  <button type="button" aria-label={`How long… (switch ${entry.name})`} onClick={() => onAsk({ kind: 'on', name: entry.name })}>
                    How long…
                  </button>
                </>
              ) : (
                <button type="button" aria-label={`Turn on… (switch ${entry.name})`} onClick={() => onAsk({ kind: 'on', name: entry.name })}>
                  Turn on…
                </button>
              )}
              <button type="button" aria-label={`Edit (rename switch ${entry.name} or set its prompt)`} onClick={onEdit}>
                Edit
              </button>
              <button type="button" aria-label={`Remove… (switch ${entry.name})`} onClick={() => onAsk({ kind: 'remove', name: entry.name })}>
                Remove…
              </button>
            </div>
          )}
        </ReadOnlyFieldset>
      </td>
    </tr>
  );
}

/** What callers hear while a switch is on, in words. */
function hearing(entry: SwitchEntry): string {
  return entry.prompt ? promptFileName(entry.prompt) : 'the announcement the script plays for it (no prompt is set in the document)';
}

function SwitchConfirmation({
  pending,
  entry,
  durations,
  writable,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  entry: SwitchEntry;
  durations: number[];
  writable: boolean;
  onConfirm: (next: SwitchEntry | null) => Promise<void>;
  onCancel: () => void;
}) {
  const [duration, setDuration] = useState<Duration>(entry.enabled && entry.until === '' ? { kind: 'for', seconds: durations[0]! } : { kind: 'open' });
  const [busy, setBusy] = useState(false);
  const name = entry.name;
  const queuedNote = writable ? '' : ' UCCX is not accepting writes now: the change waits in Pending changes and is written when it does.';
  const confirm = async (next: SwitchEntry | null) => {
    if (busy) return;
    setBusy(true);
    await onConfirm(next);
    setBusy(false);
  };

  if (pending.kind === 'on') {
    const localUntil = duration.kind === 'until' && duration.local ? new Date(duration.local).getTime() : null;
    const until = duration.kind === 'for' ? Date.now() + duration.seconds * 1000 : duration.kind === 'until' ? localUntil : null;
    const untilProblem = duration.kind === 'until' && (localUntil === null || !Number.isFinite(localUntil) || localUntil <= Date.now()) ? 'Choose a time in the future.' : null;
    /** The switch as saved; a duration counts from the moment of confirming, not from when the panel opened. */
    const nextAtConfirm = (): SwitchEntry => {
      const end = duration.kind === 'for' ? Date.now() + duration.seconds * 1000 : until;
      return { ...entry, enabled: true, until: end !== null && Number.isFinite(end) ? untilText(end) : '' };
    };
    const endWords =
      duration.kind === 'open'
        ? 'until someone turns it off.'
        : until !== null && Number.isFinite(until)
          ? `until ${formatDateTime(until)}; then the console turns it off by itself (also after a restart), and the document tells scripts the time too.`
          : '';
    return (
      <ConfirmPanel title={`Turn “${name}” on?`} confirmLabel={busy ? 'Saving…' : `Turn ${name} on`} cancelLabel="Cancel" onCancel={onCancel} onConfirm={() => void (untilProblem ? undefined : confirm(nextAtConfirm()))}>
        <p data-testid="switch-confirm-words">
          Callers will hear {hearing(entry)} at the start of every call to applications that read the switch ‘{name}’, {endWords}
          {queuedNote}
        </p>
        <fieldset className="switch-duration">
          <legend>How long</legend>
          <label>
            <input type="radio" name="switch-duration" checked={duration.kind === 'open'} onChange={() => setDuration({ kind: 'open' })} /> Until turned off
          </label>
          {durations.map((seconds) => (
            <label key={seconds}>
              <input type="radio" name="switch-duration" checked={duration.kind === 'for' && duration.seconds === seconds} onChange={() => setDuration({ kind: 'for', seconds })} /> For{' '}
              {durationWords(seconds)}
            </label>
          ))}
          <label>
            <input type="radio" name="switch-duration" checked={duration.kind === 'until'} onChange={() => setDuration({ kind: 'until', local: '' })} /> Until a time
          </label>
          {duration.kind === 'until' ? (
            <Field label="Turn off at (your time)" error={duration.local ? untilProblem : null}>
              <input type="datetime-local" value={duration.local} onChange={(e) => setDuration({ kind: 'until', local: e.target.value })} />
            </Field>
          ) : null}
        </fieldset>
      </ConfirmPanel>
    );
  }
  if (pending.kind === 'off') {
    return (
      <ConfirmPanel title={`Turn “${name}” off?`} confirmLabel={busy ? 'Saving…' : `Turn ${name} off`} onCancel={onCancel} onConfirm={() => void confirm({ ...entry, enabled: false, until: '' })}>
        <p data-testid="switch-confirm-words">
          Callers will no longer hear {hearing(entry)} at the start of calls to applications that read the switch ‘{name}’.{queuedNote}
        </p>
      </ConfirmPanel>
    );
  }
  if (pending.kind === 'remove') {
    return (
      <ConfirmPanel title={`Remove the switch “${name}”?`} confirmLabel={busy ? 'Saving…' : `Remove ${name}`} danger onCancel={onCancel} onConfirm={() => void confirm(null)}>
        <p data-testid="switch-confirm-words">
          Applications that read the switch ‘{name}’ will find no switch and read it as off
          {entry.enabled ? `: callers will no longer hear ${hearing(entry)}` : ''}. It cannot be undone here except by adding it again.{queuedNote}
        </p>
      </ConfirmPanel>
    );
  }
  const touched = touchedSwitchFields([entry], [pending.next]);
  const renamed = pending.next.name !== entry.name;
  return (
    <ConfirmPanel title={`Save the switch “${name}”?`} confirmLabel={busy ? 'Saving…' : 'Save'} onCancel={onCancel} onConfirm={() => void confirm(pending.next)}>
      <p data-testid="switch-confirm-words">
        {describeSwitchesSave(touched.base, touched.mine, formatDateTime)}.{' '}
        {renamed
          ? `Applications that read the switch ‘${name}’ will find no switch and read it as off; scripts must ask for ‘${pending.next.name}’ instead.`
          : entry.enabled
            ? `Callers will hear ${hearing(pending.next)} instead of ${hearing(entry)} while it is ${switchStateWords(entry, formatDateTime).toLowerCase()}.`
            : 'The switch is off: callers hear no difference until it is turned on.'}
        {queuedNote}
      </p>
    </ConfirmPanel>
  );
}

function AddSwitch({ existing, onAdd }: { existing: SwitchEntry[]; onAdd: (entry: SwitchEntry) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const taken = existing.some((entry) => entry.name.toLowerCase() === name.trim().toLowerCase());
  const nameProblem = name === '' ? null : (checkSwitchName(name.trim()) ?? (taken ? `There is already a switch named ${name.trim()}.` : null));
  const promptProblem = checkPrompt(prompt);
  const full = existing.length >= SWITCH_LIMITS.maxSwitches;
  return (
    <ReadOnlyFieldset>
      <form
        className="toolbar switch-add"
        aria-label="Add a switch"
        onSubmit={async (e) => {
          e.preventDefault();
          if (busy || name.trim() === '' || nameProblem || promptProblem || full) return;
          setBusy(true);
          const added = await onAdd({ name: name.trim(), enabled: false, prompt: prompt.trim() === '' ? '' : (normalizePromptPath(prompt) ?? prompt), until: '' });
          setBusy(false);
          if (added) {
            setName('');
            setPrompt('');
          }
        }}
      >
        <Field label="New switch name" hint="Letters, digits, - and _; scripts ask for it by this name." error={nameProblem}>
          <input value={name} maxLength={SWITCH_LIMITS.maxNameLength + 10} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Prompt (optional)" hint="e.g. en_US/outage.wav" error={promptProblem}>
          <input value={prompt} maxLength={SWITCH_LIMITS.maxPromptLength + 10} onChange={(e) => setPrompt(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy || name.trim() === '' || Boolean(nameProblem) || Boolean(promptProblem) || full}>
          {busy ? 'Adding…' : full ? `At most ${SWITCH_LIMITS.maxSwitches} switches` : 'Add switch (off)'}
        </button>
      </form>
    </ReadOnlyFieldset>
  );
}

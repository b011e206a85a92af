import { useEffect, useState, type ReactNode } from 'react';
import { call, getApi, onReconnect } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { followInToast, useChangeProgress } from '../../../store/change-progress';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { Field } from '../../../components/Field';
import { ErrorBanner, MainText, detailOf, shownError, type ShownError } from '../../../components/ErrorDetails';
import { formatDateTime } from '../../../i18n/format';
import { sayMain, t as translate, useLocale, useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import {
  SWITCH_LIMITS,
  checkPrompt,
  checkSwitchName,
  isOverdue,
  normalizePromptPath,
  promptFileName,
  switchNameTaken,
  switchSaveParts,
  touchedSwitchFields,
  untilMs,
  untilText,
  type SwitchEntry,
  type SwitchProblem,
  type SwitchSavePart,
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

/** A prompt path as an example in hints: a path, the same in every language. */
const EXAMPLE_PROMPT = 'en_US/outage.wav';

/** Server data in a sentence: a switch's name, a file or a path, never translated. */
const data = (text: string) => <span translate="no">{text}</span>;

/** A moment in a sentence, in the locale's own way. */
function Moment({ epochMs }: { epochMs: number }) {
  const locale = useLocale();
  return <time dateTime={new Date(epochMs).toISOString()}>{formatDateTime(epochMs, locale)}</time>;
}

/** A problem of the switches' rules (shared with main), in the user's language. */
function problemWords(problem: SwitchProblem | null): string | null {
  return problem ? sayMain(problem.said, problem.message) : null;
}

/**
 * Announcement switches: one document in the UCCX document repository that
 * IVR scripts read at call time (docs/ivr.md, "Switches"). Turning a switch
 * on or off, renaming or removing it changes what callers hear, so each is
 * confirmed in words and then queued as one change; a switch turned on for a
 * while is turned off again by main at its time.
 */
export function SwitchesEditor() {
  const t = useT();
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
  if (!view) return <p className="muted">{t('uccx.switches.loading')}</p>;
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
      pushNotice('error', translate('uccx.switches.saveFailed', { message: (failure as Error).message }), { detail: detailOf(failure) });
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
          <Message
            id="uccx.switches.intro"
            parts={{
              path: data(view.path),
              script: data(`DOC[${scriptPath}]`),
              guide: data('Caller lists for IVR scripts'),
              section: data('Switches'),
              file: data('docs/ivr.md'),
            }}
          />
        </p>
        <DocumentSource document={view} contents={t('uccx.switches.contents', { count: view.switches.length })} whenMissing={t('uccx.switches.whenMissing', { path: view.path })} testId="switches-source" />
        {view.queued ? <QueuedBanner>{t('uccx.switches.queued')}</QueuedBanner> : null}
        {late.map((timer) => (
          <p key={`${timer.name}-${timer.until}`} className="banner banner-warning" role="status" data-testid="switch-late">
            <span aria-hidden="true">⚠ </span>
            <Message id="uccx.switches.late" parts={{ name: data(timer.name), due: <Moment epochMs={timer.until} />, at: <Moment epochMs={timer.revertedAt ?? timer.until} /> }} />
          </p>
        ))}
        {failed.map((timer) => (
          <p key={`${timer.name}-${timer.until}`} className="banner banner-error" role="alert">
            <span aria-hidden="true">✖ </span>
            {timer.message ? (
              <Message id="uccx.switches.failedTold" parts={{ problem: <MainText said={timer.said} english={timer.message} /> }} />
            ) : (
              <Message id="uccx.switches.failedAtTime" parts={{ name: data(timer.name) }} />
            )}
          </p>
        ))}
        <SkippedBanner skipped={view.skipped} said={view.skippedMessages} what="values" />
      </div>
      <section className="panel" aria-label={t('uccx.switches.title')}>
        <h2>
          {t('uccx.switches.title')}{' '}
          <span className="muted" translate="no">
            ({fileName})
          </span>
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
          <p className="muted">{t('uccx.switches.empty')}</p>
        ) : (
          <table className="data switch-table">
            <caption className="visually-hidden">
              <Message id="uccx.switches.caption" parts={{ file: data(fileName) }} />
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('uccx.switches.column.switch')}</th>
                <th scope="col">{t('uccx.switches.column.state')}</th>
                <th scope="col">{t('uccx.switches.column.prompt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('uccx.switches.column.actions')}</span>
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
  const t = useT();
  const until = untilMs(entry);
  return (
    <>
      <span className={`switch-state ${entry.enabled ? 'switch-on' : 'switch-off'}`}>{entry.enabled ? t('uccx.switches.state.on') : t('uccx.switches.state.off')}</span>
      {entry.enabled && until !== null ? (
        <span className="muted">
          {' '}
          <Message
            id={isOverdue(entry, Date.now()) ? 'uccx.switches.state.untilPassed' : timerUntil !== null ? 'uccx.switches.state.untilThenOff' : 'uccx.switches.state.until'}
            parts={{ until: <Moment epochMs={until} /> }}
          />
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
  const t = useT();
  const [name, setName] = useState(entry.name);
  const [prompt, setPrompt] = useState(entry.prompt);
  const nameProblem = problemWords(checkSwitchName(name) ?? (others.some((other) => other.name.toLowerCase() === name.toLowerCase()) ? switchNameTaken(name) : null));
  const promptProblem = problemWords(checkPrompt(prompt));
  const next: SwitchEntry = { ...entry, name, prompt: prompt.trim() === '' ? '' : (normalizePromptPath(prompt) ?? prompt) };
  const unchanged = next.name === entry.name && next.prompt === entry.prompt;
  const switchName = { name: entry.name };
  return (
    <tr className={entry.enabled ? 'switch-row-on' : undefined}>
      <th scope="row">
        {editing ? (
          <Field label={t('uccx.switches.field.name')} error={name === entry.name ? null : nameProblem}>
            <input value={name} maxLength={SWITCH_LIMITS.maxNameLength + 10} onChange={(e) => setName(e.target.value)} />
          </Field>
        ) : (
          data(entry.name)
        )}
      </th>
      <td>
        <SwitchState entry={entry} timerUntil={timerUntil} />
      </td>
      <td>
        {editing ? (
          <Field label={t('uccx.switches.field.prompt')} hint={<Message id="uccx.switches.field.promptHint" parts={{ example: data(EXAMPLE_PROMPT) }} />} error={promptProblem}>
            <input value={prompt} maxLength={SWITCH_LIMITS.maxPromptLength + 10} onChange={(e) => setPrompt(e.target.value)} />
          </Field>
        ) : entry.prompt ? (
          data(entry.prompt)
        ) : (
          <span className="muted">{t('uccx.switches.noPrompt')}</span>
        )}
      </td>
      <td>
        <ReadOnlyFieldset>
          {editing ? (
            <div className="toolbar">
              <button type="button" className="primary" disabled={unchanged || Boolean(nameProblem) || Boolean(promptProblem)} onClick={() => onAsk({ kind: 'edit', name: entry.name, next })}>
                {t('uccx.switches.review')}
              </button>
              <button type="button" onClick={onCancelEdit}>
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <div className="toolbar">
              {entry.enabled ? (
                <>
                  <button type="button" aria-label={t('uccx.switches.turnOff.label', switchName)} onClick={() => onAsk({ kind: 'off', name: entry.name })}>
                    {t('uccx.switches.turnOff')}
                  </button>
                  <button type="button" aria-label={t('uccx.switches.howLong.label', switchName)} onClick={() => onAsk({ kind: 'on', name: entry.name })}>
                    {t('uccx.switches.howLong')}
                  </button>
                </>
              ) : (
                <button type="button" aria-label={t('uccx.switches.turnOn.label', switchName)} onClick={() => onAsk({ kind: 'on', name: entry.name })}>
                  {t('uccx.switches.turnOn')}
                </button>
              )}
              <button type="button" aria-label={t('uccx.switches.edit.label', switchName)} onClick={onEdit}>
                {t('uccx.switches.edit')}
              </button>
              <button type="button" aria-label={t('uccx.switches.remove.label', switchName)} onClick={() => onAsk({ kind: 'remove', name: entry.name })}>
                {t('uccx.switches.remove')}
              </button>
            </div>
          )}
        </ReadOnlyFieldset>
      </td>
    </tr>
  );
}

/** What callers hear while a switch is on: its prompt's file, or the script's own announcement. */
function hearing(entry: SwitchEntry): ReactNode {
  return entry.prompt ? data(promptFileName(entry.prompt)) : translate('uccx.switches.hearing.noPrompt');
}

/** "30 min", "1 h", "2 h 30 min", "45 s" in the user's language. */
function durationWords(seconds: number): string {
  if (seconds < 60) return translate('uccx.switches.duration.seconds', { seconds });
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  if (hours && minutes) return translate('uccx.switches.duration.hoursMinutes', { hours, minutes });
  return hours ? translate('uccx.switches.duration.hours', { hours }) : translate('uccx.switches.duration.minutes', { minutes });
}

/** A switch's state inside a sentence: "Off", "On", "On until …". */
function StateWords({ entry }: { entry: SwitchEntry }) {
  const t = useT();
  const until = untilMs(entry);
  if (!entry.enabled) return <>{t('uccx.switches.state.off')}</>;
  return until === null ? <>{t('uccx.switches.state.on')}</> : <Message id="uccx.switches.state.onUntil" parts={{ until: <Moment epochMs={until} /> }} />;
}

/** A prompt in a save's words, or "(none)". */
function promptPart(prompt: string): ReactNode {
  return prompt ? data(prompt) : translate('uccx.switches.save.noPrompt');
}

/** One switch's part of a save in words ("outage renamed to outage-north", "weather: prompt a.wav → b.wav"). */
function SavePart({ part }: { part: SwitchSavePart }) {
  switch (part.kind) {
    case 'renamed':
      return <Message id="uccx.switches.save.renamed" parts={{ from: data(part.from), to: data(part.to) }} />;
    case 'added':
      return part.after.prompt ? (
        <Message id="uccx.switches.save.addedWithPrompt" parts={{ name: data(part.name), state: <StateWords entry={part.after} />, prompt: data(part.after.prompt) }} />
      ) : (
        <Message id="uccx.switches.save.added" parts={{ name: data(part.name), state: <StateWords entry={part.after} /> }} />
      );
    case 'removed':
      return <Message id="uccx.switches.save.removed" parts={{ name: data(part.name) }} />;
    case 'changed': {
      const { before, after } = part;
      const stateChanged = before.enabled !== after.enabled || (before.enabled && untilMs(before) !== untilMs(after));
      const promptChanged = before.prompt !== after.prompt;
      const state = { was: <StateWords entry={before} />, now: <StateWords entry={after} /> };
      const prompts = { before: promptPart(before.prompt), after: promptPart(after.prompt) };
      if (stateChanged && promptChanged) return <Message id="uccx.switches.save.stateAndPrompt" parts={{ name: data(part.name), ...state, ...prompts }} />;
      if (stateChanged) return <Message id="uccx.switches.save.state" parts={{ name: data(part.name), ...state }} />;
      if (promptChanged) return <Message id="uccx.switches.save.prompt" parts={{ name: data(part.name), ...prompts }} />;
      return <Message id="uccx.switches.save.unchanged" parts={{ name: data(part.name) }} />;
    }
    case 'unchanged':
      return <Message id="uccx.switches.save.unchanged" parts={{ name: data(part.name) }} />;
  }
}

/** A save in words, switch by switch: "Switches: outage renamed to outage-north". */
function SaveWords({ base, mine }: { base: SwitchEntry[]; mine: SwitchEntry[] }) {
  const t = useT();
  const touched = touchedSwitchFields(base, mine);
  const parts = switchSaveParts(touched.base, touched.mine);
  if (parts.length === 0) return <>{t('uccx.switches.save.none')}</>;
  return (
    <Message
      id="uccx.switches.save.summary"
      parts={{
        changes: parts.map((part, index) => (
          <span key={index}>
            {index > 0 ? '; ' : null}
            <SavePart part={part} />
          </span>
        )),
      }}
    />
  );
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
  const t = useT();
  const [duration, setDuration] = useState<Duration>(entry.enabled && entry.until === '' ? { kind: 'for', seconds: durations[0]! } : { kind: 'open' });
  const [busy, setBusy] = useState(false);
  const name = entry.name;
  const switchName = { name };
  const named = { name: data(name) };
  // Said after the confirmation's own words, as a sentence of its own.
  const queuedNote = writable ? null : <> {t('uccx.switches.queuedNote')}</>;
  const confirm = async (next: SwitchEntry | null) => {
    if (busy) return;
    setBusy(true);
    await onConfirm(next);
    setBusy(false);
  };

  if (pending.kind === 'on') {
    const localUntil = duration.kind === 'until' && duration.local ? new Date(duration.local).getTime() : null;
    const until = duration.kind === 'for' ? Date.now() + duration.seconds * 1000 : duration.kind === 'until' ? localUntil : null;
    const untilProblem = duration.kind === 'until' && (localUntil === null || !Number.isFinite(localUntil) || localUntil <= Date.now()) ? t('uccx.switches.on.future') : null;
    /** The switch as saved; a duration counts from the moment of confirming, not from when the panel opened. */
    const nextAtConfirm = (): SwitchEntry => {
      const end = duration.kind === 'for' ? Date.now() + duration.seconds * 1000 : until;
      return { ...entry, enabled: true, until: end !== null && Number.isFinite(end) ? untilText(end) : '' };
    };
    const hears = { ...named, hearing: hearing(entry) };
    return (
      <ConfirmPanel
        title={t('uccx.switches.on.title', switchName)}
        confirmLabel={busy ? t('uccx.switches.saving') : t('uccx.switches.on.confirm', switchName)}
        cancelLabel={t('common.cancel')}
        onCancel={onCancel}
        onConfirm={() => void (untilProblem ? undefined : confirm(nextAtConfirm()))}
      >
        <p data-testid="switch-confirm-words">
          {duration.kind === 'open' ? (
            <Message id="uccx.switches.on.open" parts={hears} />
          ) : until !== null && Number.isFinite(until) ? (
            <Message id="uccx.switches.on.timed" parts={{ ...hears, until: <Moment epochMs={until} /> }} />
          ) : (
            <Message id="uccx.switches.on.noTime" parts={hears} />
          )}
          {queuedNote}
        </p>
        <fieldset className="switch-duration">
          <legend>{t('uccx.switches.on.howLong')}</legend>
          <label>
            <input type="radio" name="switch-duration" checked={duration.kind === 'open'} onChange={() => setDuration({ kind: 'open' })} /> {t('uccx.switches.on.untilOff')}
          </label>
          {durations.map((seconds) => (
            <label key={seconds}>
              <input type="radio" name="switch-duration" checked={duration.kind === 'for' && duration.seconds === seconds} onChange={() => setDuration({ kind: 'for', seconds })} />{' '}
              {t('uccx.switches.on.for', { duration: durationWords(seconds) })}
            </label>
          ))}
          <label>
            <input type="radio" name="switch-duration" checked={duration.kind === 'until'} onChange={() => setDuration({ kind: 'until', local: '' })} /> {t('uccx.switches.on.untilTime')}
          </label>
          {duration.kind === 'until' ? (
            <Field label={t('uccx.switches.on.turnOffAt')} error={duration.local ? untilProblem : null}>
              <input type="datetime-local" value={duration.local} onChange={(e) => setDuration({ kind: 'until', local: e.target.value })} />
            </Field>
          ) : null}
        </fieldset>
      </ConfirmPanel>
    );
  }
  if (pending.kind === 'off') {
    return (
      <ConfirmPanel
        title={t('uccx.switches.off.title', switchName)}
        confirmLabel={busy ? t('uccx.switches.saving') : t('uccx.switches.off.confirm', switchName)}
        onCancel={onCancel}
        onConfirm={() => void confirm({ ...entry, enabled: false, until: '' })}
      >
        <p data-testid="switch-confirm-words">
          <Message id="uccx.switches.off.words" parts={{ ...named, hearing: hearing(entry) }} />
          {queuedNote}
        </p>
      </ConfirmPanel>
    );
  }
  if (pending.kind === 'remove') {
    return (
      <ConfirmPanel
        title={t('uccx.switches.remove.title', switchName)}
        confirmLabel={busy ? t('uccx.switches.saving') : t('uccx.switches.remove.confirm', switchName)}
        danger
        onCancel={onCancel}
        onConfirm={() => void confirm(null)}
      >
        <p data-testid="switch-confirm-words">
          {entry.enabled ? <Message id="uccx.switches.remove.wordsOn" parts={{ ...named, hearing: hearing(entry) }} /> : <Message id="uccx.switches.remove.wordsOff" parts={named} />}
          {queuedNote}
        </p>
      </ConfirmPanel>
    );
  }
  const renamed = pending.next.name !== entry.name;
  const until = untilMs(entry);
  return (
    <ConfirmPanel title={t('uccx.switches.edit.title', switchName)} confirmLabel={busy ? t('uccx.switches.saving') : t('uccx.switches.edit.confirm')} onCancel={onCancel} onConfirm={() => void confirm(pending.next)}>
      <p data-testid="switch-confirm-words">
        {renamed ? (
          <Message id="uccx.switches.edit.renamed" parts={{ save: <SaveWords base={[entry]} mine={[pending.next]} />, ...named, next: data(pending.next.name) }} />
        ) : entry.enabled ? (
          <Message
            id={until === null ? 'uccx.switches.edit.promptWhileOn' : 'uccx.switches.edit.promptWhileOnUntil'}
            parts={{ save: <SaveWords base={[entry]} mine={[pending.next]} />, next: hearing(pending.next), before: hearing(entry), ...(until === null ? {} : { until: <Moment epochMs={until} /> }) }}
          />
        ) : (
          <Message id="uccx.switches.edit.whileOff" parts={{ save: <SaveWords base={[entry]} mine={[pending.next]} /> }} />
        )}
        {queuedNote}
      </p>
    </ConfirmPanel>
  );
}

function AddSwitch({ existing, onAdd }: { existing: SwitchEntry[]; onAdd: (entry: SwitchEntry) => Promise<boolean> }) {
  const t = useT();
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState('');
  const [busy, setBusy] = useState(false);
  const taken = existing.some((entry) => entry.name.toLowerCase() === name.trim().toLowerCase());
  const nameProblem = name === '' ? null : problemWords(checkSwitchName(name.trim()) ?? (taken ? switchNameTaken(name.trim()) : null));
  const promptProblem = problemWords(checkPrompt(prompt));
  const full = existing.length >= SWITCH_LIMITS.maxSwitches;
  return (
    <ReadOnlyFieldset>
      <form
        className="toolbar switch-add"
        aria-label={t('uccx.switches.add.label')}
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
        <Field label={t('uccx.switches.add.name')} hint={t('uccx.switches.add.nameHint')} error={nameProblem}>
          <input value={name} maxLength={SWITCH_LIMITS.maxNameLength + 10} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('uccx.switches.add.prompt')} hint={<Message id="uccx.switches.add.promptHint" parts={{ example: data(EXAMPLE_PROMPT) }} />} error={promptProblem}>
          <input value={prompt} maxLength={SWITCH_LIMITS.maxPromptLength + 10} onChange={(e) => setPrompt(e.target.value)} />
        </Field>
        <button type="submit" disabled={busy || name.trim() === '' || Boolean(nameProblem) || Boolean(promptProblem) || full}>
          {busy ? t('uccx.switches.add.adding') : full ? t('uccx.switches.add.full', { max: SWITCH_LIMITS.maxSwitches }) : t('uccx.switches.add.submit')}
        </button>
      </form>
    </ReadOnlyFieldset>
  );
}

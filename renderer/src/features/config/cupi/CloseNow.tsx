import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../../../shared/domain/time-words';
import { call, keepCurrent } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import type { CloseNowOptions } from '../../../../../shared/ipc/areas/cupi';
import { formatCupiTime, type CloseNowPartState, type CloseNowView } from '../../../../../shared/domain/cupi';
import { Field } from '../../../components/Field';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { cupiTimeToLocalInput, localInputToMs } from './cupi-hooks';
import { HandlerPicker, type ChosenHandler } from './HandlerPicker';

const PART_STATE: Record<CloseNowPartState, string> = {
  pending: '… in progress',
  applied: '✓ done',
  queued: '↻ queued (server unreachable; written when it is back)',
  failed: '✗ failed',
  reverted: '↺ reverted',
  'revert-failed': '✗ revert failed',
};

/**
 * One step to close the centre: the Alternate or Closed greeting on chosen
 * call handlers plus one UCCX script parameter, until an end time after which
 * everything reverts by itself.
 */
export function CloseNow({ readOnly }: { readOnly: boolean }) {
  const [chosen, setChosen] = useState<Map<string, ChosenHandler>>(new Map());
  const [greeting, setGreeting] = useState<'Alternate' | 'Off Hours'>('Alternate');
  const [until, setUntil] = useState(() => cupiTimeToLocalInput(Date.now() + 4 * 3600_000));
  const [reason, setReason] = useState('');
  const [options, setOptions] = useState<CloseNowOptions | null>(null);
  const [application, setApplication] = useState('');
  const [parameter, setParameter] = useState('');
  const [value, setValue] = useState('true');
  const [closures, setClosures] = useState<CloseNowView[]>([]);
  const [busy, setBusy] = useState(false);
  // Closing changes what every caller hears at once: it is asked for in words first.
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    call('cupi:close-now-options', undefined)
      .then(setOptions)
      .catch(() => setOptions({ applications: null, unavailableReason: 'UCCX could not be asked.' }));
    return keepCurrent('cupi:close-now-changed', 'cupi:close-now-list', setClosures);
  }, []);

  const untilMs = localInputToMs(until);
  const app = options?.applications?.find((a) => a.name === application);
  // Not disabled while closing, so focus can come back to the button; a second submit waits for the first.
  const canClose = !readOnly && untilMs !== null && untilMs > Date.now() + 60_000 && (chosen.size > 0 || (application && parameter));

  const submit = async () => {
    setBusy(true);
    try {
      const view = await call('cupi:close-now', {
        handlerObjectIds: [...chosen.keys()],
        greeting,
        until: untilMs!,
        reason,
        ...(application && parameter ? { uccx: { application, parameter, value } } : {}),
      });
      const failed = view.parts.filter((p) => p.state === 'failed');
      pushNotice(failed.length ? 'error' : 'info', failed.length ? `Closed, but ${failed.length} part${failed.length === 1 ? '' : 's'} failed: ${failed.map((p) => p.label).join('; ')}.` : 'Closed. Everything reverts by itself at the end time.');
      setClosures(await call('cupi:close-now-list', undefined));
    } catch (e) {
      pushNotice('error', (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cupi-close-now">
      <form
        className="panel"
        aria-label="Close now"
        onSubmit={(e) => {
          e.preventDefault();
          if (canClose && !busy) setConfirming(true);
        }}
      >
        <h2>Close now</h2>
        <p className="muted">Switch the chosen call handlers to a closed greeting and set a UCCX script parameter in one step. Both revert by themselves at the end time, even if the console is closed.</p>
        <fieldset>
          <legend>Call handlers</legend>
          <HandlerPicker chosen={chosen} onChange={setChosen} />
        </fieldset>
        <fieldset>
          <legend>Greeting to play</legend>
          <label className="check">
            <input type="radio" name="close-greeting" checked={greeting === 'Alternate'} onChange={() => setGreeting('Alternate')} /> Alternate
          </label>
          <label className="check">
            <input type="radio" name="close-greeting" checked={greeting === 'Off Hours'} onChange={() => setGreeting('Off Hours')} /> Closed
          </label>
        </fieldset>
        <fieldset>
          <legend>UCCX script parameter (optional)</legend>
          {options?.applications ? (
            <div className="cupi-uccx-choice">
              <label htmlFor="close-app">Application</label>
              <select
                id="close-app"
                value={application}
                onChange={(e) => {
                  setApplication(e.target.value);
                  setParameter('');
                }}
              >
                <option value="">(none)</option>
                {options.applications.map((a) => (
                  <option key={a.name} value={a.name}>
                    {a.name}
                  </option>
                ))}
              </select>
              <label htmlFor="close-param">Parameter</label>
              <select id="close-param" value={parameter} onChange={(e) => setParameter(e.target.value)} disabled={!app}>
                <option value="">(choose)</option>
                {app?.params.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} (now {p.value || 'empty'})
                  </option>
                ))}
              </select>
              <label htmlFor="close-value">Value while closed</label>
              <input id="close-value" value={value} onChange={(e) => setValue(e.target.value)} disabled={!parameter} />
            </div>
          ) : (
            <p className="muted">{options?.unavailableReason ?? 'Loading UCCX applications…'}</p>
          )}
        </fieldset>
        <Field label="Reopen at (your time)" hint={untilMs ? `Stored in Unity Connection as ${formatCupiTime(untilMs)} GMT.` : null}>
          <input id="close-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
        <Field label="Reason (for the audit log)">
          <input id="close-reason" value={reason} maxLength={120} onChange={(e) => setReason(e.target.value)} placeholder="Snow closure" />
        </Field>
        {confirming && untilMs !== null ? (
          <ConfirmPanel
            title="Close the centre now?"
            confirmLabel="Close now"
            cancelLabel="Keep open"
            danger
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false);
              void submit();
            }}
          >
            <CloseNowSummary
              handlers={[...chosen.values()].map((h) => h.name)}
              greeting={greeting}
              uccx={application && parameter ? { application, parameter, value } : null}
              until={untilMs}
            />
          </ConfirmPanel>
        ) : null}
        <div className="toolbar">
          <button type="submit" className="danger" disabled={!canClose}>
            {busy ? 'Closing…' : 'Close now'}
          </button>
          {readOnly ? <span className="muted">Unity Connection is read-only right now.</span> : null}
        </div>
      </form>
      <section className="panel" aria-label="Closures">
        <h2>Closures</h2>
        {closures.length === 0 ? <p className="muted">None yet.</p> : null}
        {closures.map((c) => (
          <article key={c.id} className="cupi-closure" data-testid="closure">
            <h3>
              {c.reason} — {c.state === 'active' ? `closed until ${formatDateTime(c.until)}` : c.state === 'reverted' ? 'reopened' : 'some parts failed'}
            </h3>
            <ul>
              {c.parts.map((p) => (
                <li key={p.id} className={`cupi-part state-${p.state}`}>
                  {p.system === 'uccx' ? 'UCCX' : 'Unity Connection'}: {p.label} — {PART_STATE[p.state]}
                  {p.error ? <span className="cupi-part-error"> ({p.error})</span> : null}
                </li>
              ))}
            </ul>
            {c.state !== 'reverted' ? (
              <button
                type="button"
                disabled={readOnly}
                onClick={() =>
                  void call('cupi:close-now-reopen', { id: c.id })
                    .then(() => call('cupi:close-now-list', undefined).then(setClosures))
                    .catch((e: Error) => pushNotice('error', e.message))
                }
              >
                Reopen now
              </button>
            ) : null}
          </article>
        ))}
      </section>
    </div>
  );
}

/** What Close now will do, in words, for its confirmation: who hears what, which parameter changes, and until when. */
function CloseNowSummary({ handlers, greeting, uccx, until }: { handlers: string[]; greeting: 'Alternate' | 'Off Hours'; uccx: { application: string; parameter: string; value: string } | null; until: number }) {
  const greetingName = greeting === 'Off Hours' ? 'Closed' : 'Alternate';
  const reopen = new Date(until).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return (
    <>
      {handlers.length ? (
        <p>
          Every caller reaching {handlers.length === 1 ? 'the call handler' : `these ${handlers.length} call handlers`} <strong>{handlers.join(', ')}</strong> hears the{' '}
          <strong>{greetingName} greeting</strong> from now on.
        </p>
      ) : null}
      {uccx ? (
        <p>
          UCCX application <strong>{uccx.application}</strong>: script parameter <strong>{uccx.parameter}</strong> becomes <strong>{uccx.value || '(empty)'}</strong>.
        </p>
      ) : null}
      <p>
        Everything goes back as it was by itself at <strong>{reopen}</strong> (your time), even if the console is closed; “Reopen now” ends it earlier.
      </p>
    </>
  );
}

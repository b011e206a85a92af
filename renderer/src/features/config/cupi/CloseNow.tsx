import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../i18n/format';
import { sayMain, t as translate, useLocale, useT, type MessageId } from '../../../i18n/i18n';
import { MainText, sayError } from '../../../components/ErrorDetails';
import { Message } from '../../../i18n/Message';
import { call, keepCurrent } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import type { CloseNowOptions } from '../../../../../shared/ipc/areas/cupi';
import { formatCupiTime, type CloseNowPartState, type CloseNowView } from '../../../../../shared/domain/cupi';
import { Field } from '../../../components/Field';
import { ConfirmPanel } from '../../../components/ConfirmPanel';
import { cupiTimeToLocalInput, localInputToMs } from './cupi-hooks';
import { HandlerPicker, type ChosenHandler } from './HandlerPicker';

const PART_STATE: Record<CloseNowPartState, MessageId> = {
  pending: 'cupi.close.part.pending',
  applied: 'cupi.close.part.applied',
  queued: 'cupi.close.part.queued',
  failed: 'cupi.close.part.failed',
  reverted: 'cupi.close.part.reverted',
  'revert-failed': 'cupi.close.part.revert-failed',
};

/**
 * One step to close the centre: the Alternate or Closed greeting on chosen
 * call handlers plus one UCCX script parameter, until an end time after which
 * everything reverts by itself.
 */
export function CloseNow({ readOnly }: { readOnly: boolean }) {
  const t = useT();
  const locale = useLocale();
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
      .catch(() => setOptions({ applications: null }));
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
      pushNotice(
        failed.length ? 'error' : 'info',
        failed.length ? translate('cupi.close.partsFailed', { count: failed.length, parts: failed.map((p) => sayMain(p.labelMessage, p.label)).join('; ') }) : translate('cupi.close.done'),
      );
      setClosures(await call('cupi:close-now-list', undefined));
    } catch (e) {
      pushNotice('error', sayError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="cupi-close-now">
      <form
        className="panel"
        aria-label={t('cupi.close.title')}
        onSubmit={(e) => {
          e.preventDefault();
          if (canClose && !busy) setConfirming(true);
        }}
      >
        <h2>{t('cupi.close.title')}</h2>
        <p className="muted">{t('cupi.close.intro')}</p>
        <fieldset>
          <legend>{t('cupi.close.handlers')}</legend>
          <HandlerPicker chosen={chosen} onChange={setChosen} />
        </fieldset>
        <fieldset>
          <legend>{t('cupi.close.greeting')}</legend>
          <label className="check">
            <input type="radio" name="close-greeting" checked={greeting === 'Alternate'} onChange={() => setGreeting('Alternate')} /> {t('cupi.close.alternate')}
          </label>
          <label className="check">
            <input type="radio" name="close-greeting" checked={greeting === 'Off Hours'} onChange={() => setGreeting('Off Hours')} /> {t('cupi.close.closed')}
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('cupi.close.uccx')}</legend>
          {options?.applications ? (
            <div className="cupi-uccx-choice">
              <label htmlFor="close-app">{t('cupi.close.application')}</label>
              <select
                id="close-app"
                value={application}
                onChange={(e) => {
                  setApplication(e.target.value);
                  setParameter('');
                }}
              >
                <option value="">{t('cupi.form.none')}</option>
                {options.applications.map((a) => (
                  <option key={a.name} value={a.name} translate="no">
                    {a.name}
                  </option>
                ))}
              </select>
              <label htmlFor="close-param">{t('cupi.close.parameter')}</label>
              <select id="close-param" value={parameter} onChange={(e) => setParameter(e.target.value)} disabled={!app}>
                <option value="">{t('cupi.close.choose')}</option>
                {app?.params.map((p) => (
                  <option key={p.name} value={p.name}>
                    {t('cupi.close.paramNow', { name: p.name, value: p.value || t('cupi.close.empty') })}
                  </option>
                ))}
              </select>
              <label htmlFor="close-value">{t('cupi.close.value')}</label>
              <input id="close-value" value={value} onChange={(e) => setValue(e.target.value)} disabled={!parameter} />
            </div>
          ) : (
            // Main's reason, said in the user's language; without one, UCCX could not be asked at all.
            <p className="muted">
              {options === null ? (
                t('cupi.close.loadingApps')
              ) : options.unavailableReason ? (
                <MainText said={options.unavailableMessage} english={options.unavailableReason} />
              ) : (
                t('cupi.close.uccxUnasked')
              )}
            </p>
          )}
        </fieldset>
        <Field label={t('cupi.close.reopenAt')} hint={untilMs ? t('cupi.close.stored', { time: formatCupiTime(untilMs) }) : null}>
          <input id="close-until" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
        </Field>
        <Field label={t('cupi.close.reason')}>
          <input id="close-reason" value={reason} maxLength={120} onChange={(e) => setReason(e.target.value)} placeholder={t('cupi.close.reasonExample')} />
        </Field>
        {confirming && untilMs !== null ? (
          <ConfirmPanel
            title={t('cupi.close.confirmTitle')}
            confirmLabel={t('cupi.close.title')}
            cancelLabel={t('cupi.close.keepOpen')}
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
            {busy ? t('cupi.close.closing') : t('cupi.close.title')}
          </button>
          {readOnly ? <span className="muted">{t('cupi.close.readOnly')}</span> : null}
        </div>
      </form>
      <section className="panel" aria-label={t('cupi.close.closures')}>
        <h2>{t('cupi.close.closures')}</h2>
        {closures.length === 0 ? <p className="muted">{t('cupi.close.none')}</p> : null}
        {closures.map((c) => (
          <article key={c.id} className="cupi-closure" data-testid="closure">
            <h3>
              <span translate="no">{c.reason}</span> —{' '}
              {c.state === 'active' ? t('cupi.close.closedUntil', { when: formatDateTime(c.until, locale) }) : c.state === 'reverted' ? t('cupi.close.reopened') : t('cupi.close.someFailed')}
            </h3>
            <ul>
              {c.parts.map((p) => (
                <li key={p.id} className={`cupi-part state-${p.state}`}>
                  {/* What the part changed: a greeting by message id, a UCCX parameter ("application parameter = value") as the server names it. */}
                  {p.system === 'uccx' ? t('status.system.uccx') : t('status.system.cupi')}:{' '}
                  {p.labelMessage ? <MainText said={p.labelMessage} english={p.label} /> : <span translate="no">{p.label}</span>} — {t(PART_STATE[p.state])}
                  {p.error ? (
                    <span className="cupi-part-error">
                      {' '}
                      ({p.errorMessage ? <MainText said={p.errorMessage} english={p.error} /> : <span translate="no">{p.error}</span>})
                    </span>
                  ) : null}
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
                    .catch((e: unknown) => pushNotice('error', sayError(e)))
                }
              >
                {t('cupi.close.reopenNow')}
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
  const t = useT();
  const locale = useLocale();
  const greetingName = greeting === 'Off Hours' ? t('cupi.close.closed') : t('cupi.close.alternate');
  const reopen = new Date(until).toLocaleString(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  return (
    <>
      {handlers.length ? (
        <p>
          <Message
            id="cupi.close.summary.handlers"
            values={{ count: handlers.length }}
            parts={{
              handlers: (
                <strong translate="no">{handlers.join(', ')}</strong>
              ),
              greeting: <strong>{t('cupi.close.summary.greeting', { greeting: greetingName })}</strong>,
            }}
          />
        </p>
      ) : null}
      {uccx ? (
        <p>
          <Message
            id="cupi.close.summary.uccx"
            parts={{
              application: <strong translate="no">{uccx.application}</strong>,
              parameter: <strong translate="no">{uccx.parameter}</strong>,
              value: uccx.value ? <strong translate="no">{uccx.value}</strong> : <strong>{t('cupi.close.summary.emptyValue')}</strong>,
            }}
          />
        </p>
      ) : null}
      <p>
        <Message
          id="cupi.close.summary.reopen"
          parts={{
            reopen: (
              <strong>
                <time dateTime={new Date(until).toISOString()}>{reopen}</time>
              </strong>
            ),
          }}
        />
      </p>
    </>
  );
}

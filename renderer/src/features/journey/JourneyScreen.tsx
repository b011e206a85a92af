import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { updatePreferences } from '../../store/bridge';
import { validateCallId, type JourneyResult, type LabEndpointsView, type LabRecentCall } from '../../../../shared/domain/board';
import { FieldErrorText, invalidProps } from '../../components/Field';
import { MainText, shownError, type ShownError } from '../../components/ErrorDetails';
import { downloadText } from '../../components/download';
import { journeyToCsv, journeyToJson, timelineShares } from './journey-export';
import { takeJourneyRequest, useJourneyRequest } from './journey-request';
import { sayMain, useLocale, useT } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { formatClockSeconds, formatDateTime } from '../../i18n/format';
import './journey.css';

/** Recent lookups kept in the preferences section "journey". */
interface RecentLookup {
  callId: string;
  found: boolean;
  at: number;
}
const MAX_RECENT = 10;

function readRecent(raw: unknown): RecentLookup[] {
  const list = (raw as { recent?: unknown } | undefined)?.recent;
  if (!Array.isArray(list)) return [];
  return list
    .filter((r): r is RecentLookup => typeof r?.callId === 'string' && typeof r?.found === 'boolean' && typeof r?.at === 'number')
    .slice(0, MAX_RECENT);
}


const TIMELINE_CLASSES = ['tl-a', 'tl-b', 'tl-c', 'tl-d', 'tl-e'];

export function JourneyScreen() {
  const t = useT();
  const locale = useLocale();
  const [callId, setCallId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<JourneyResult | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const recent = readRecent(useAppStore((s) => s.preferences?.sections.journey));

  // Checked as it is typed, by the rule main applies too: a malformed id never reaches the report server.
  const broken = callId.trim() ? validateCallId(callId)[0] : undefined;
  const problem = broken ? sayMain(broken.said, broken.message) : null;

  const lookUp = async (id: string) => {
    const trimmed = id.trim();
    if (!trimmed || validateCallId(trimmed).length > 0) return;
    setCallId(trimmed);
    // The address names the call on screen, so a reload or a bookmark shows it again.
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/journey/${trimmed}`);
    setBusy(true);
    setError(null);
    try {
      const answer = await call('board:journey', { callId: trimmed });
      setResult(answer);
      const entry = { callId: trimmed, found: answer.found, at: answer.receivedAt };
      const next = [entry, ...readRecent(useAppStore.getState().preferences?.sections.journey).filter((r) => r.callId !== trimmed)].slice(0, MAX_RECENT);
      void updatePreferences({ sections: { journey: { recent: next } } });
    } catch (e) {
      setResult(null);
      setError(shownError(e));
    } finally {
      setBusy(false);
    }
  };

  // A console link or the address (#/journey/<Call ID>) asked for a call: look it up as if typed.
  const requested = useJourneyRequest((s) => s.number);
  useEffect(() => {
    const callId = takeJourneyRequest();
    if (callId) void lookUp(callId);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- lookUp is re-created each render; the request number is what matters
  }, [requested]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void lookUp(callId);
  };

  return (
    <section className="journey-screen">
      <div className="screen-header">
        <h1>{t('journey.title')}</h1>
      </div>
      <form className="toolbar" onSubmit={onSubmit} role="search">
        <label htmlFor="journey-call-id">{t('journey.callId')}</label>
        <span className="journey-call-id">
          <input
            id="journey-call-id"
            value={callId}
            maxLength={64}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setCallId(e.target.value)}
            placeholder={t('journey.callId.example')}
            {...invalidProps('journey-call-id-error', problem)}
          />
          <FieldErrorText id="journey-call-id-error" message={problem} />
        </span>
        <button type="submit" className="primary" disabled={busy || !callId.trim() || problem !== null} aria-describedby={problem ? 'journey-call-id-error' : undefined}>
          {busy ? t('journey.lookingUp') : t('journey.lookUp')}
        </button>
      </form>

      {error && (
        <div className="banner banner-error" role="alert">
          <span aria-hidden="true">⚠</span> <MainText said={error.said} english={error.message} />
        </div>
      )}
      {result && !result.found && (
        <div className="banner banner-warning" role="alert" data-testid="journey-failure">
          <span aria-hidden="true">⚠</span>{' '}
          <Message id="journey.failure" values={{ callId: result.callId }} parts={{ message: <span translate="no">{result.failure.message}</span> }} />
          {result.failure.code ? (
            <span className="muted">
              {' '}
              <Message id="journey.failure.code" parts={{ code: <span translate="no">{result.failure.code}</span> }} />
            </span>
          ) : null}
        </div>
      )}
      {result?.found && <JourneyResultView result={result} />}

      <DemoLabCalls onLookUp={(id) => void lookUp(id)} />

      <section className="panel journey-recent" aria-label={t('journey.recent.title')}>
        <h2>{t('journey.recent.title')}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t('journey.recent.none')}</p>
        ) : (
          <ul>
            {recent.map((r) => (
              <li key={r.callId}>
                <button type="button" className="link" onClick={() => void lookUp(r.callId)}>
                  {r.callId}
                </button>{' '}
                <span className="muted">
                  <span aria-hidden="true">{r.found ? '✔' : '✖'}</span> {r.found ? t('journey.recent.found') : t('journey.recent.notFound')} · <time dateTime={new Date(r.at).toISOString()}>{formatDateTime(r.at, locale)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * Demo mode only: the calls the lab recorded lately, so a first look-up needs
 * no Call ID from elsewhere. A real report server has no such list, so the
 * section is absent then (the lab channel answers null).
 */
function DemoLabCalls({ onLookUp }: { onLookUp: (callId: string) => void }) {
  const t = useT();
  const locale = useLocale();
  const [lab, setLab] = useState<{ calls: LabRecentCall[]; endpoints: LabEndpointsView | null } | null>(null);
  useEffect(() => {
    let current = true;
    void Promise.all([call('lab:recent-calls', undefined), call('lab:endpoints', undefined)])
      .then(([calls, endpoints]) => current && calls && setLab({ calls, endpoints }))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  if (!lab) return null;
  return (
    <section className="panel journey-demo-calls" aria-labelledby="journey-demo-calls-title">
      <h2 id="journey-demo-calls-title">{t('journey.demo.title')}</h2>
      <p className="muted">
        {t('journey.demo.intro')}
        {lab.endpoints ? (
          <>
            {' '}
            <Message id="journey.demo.more" parts={{ request: <code translate="no">GET {lab.endpoints.control}/reports/calls</code> }} />
          </>
        ) : null}
      </p>
      {lab.calls.length === 0 ? (
        <p className="muted">{t('journey.demo.none')}</p>
      ) : (
        <ul>
          {lab.calls.map((c) => (
            <li key={c.callId}>
              <button type="button" className="link" onClick={() => onLookUp(c.callId)} aria-label={t('journey.demo.callLabel', { callId: c.callId, caller: c.caller, ended: formatClockSeconds(c.endedAt, locale) })}>
                {c.callId}
              </button>{' '}
              <span className="muted">
                <Message
                  id="journey.demo.endedFrom"
                  parts={{ ended: <time dateTime={new Date(c.endedAt).toISOString()}>{formatClockSeconds(c.endedAt, locale)}</time>, caller: <span translate="no">{c.caller}</span> }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function JourneyResultView({ result }: { result: Extract<JourneyResult, { found: true }> }) {
  const t = useT();
  const shares = timelineShares(result.steps);
  return (
    <section className="panel journey-result" aria-label={t('journey.result.label', { callId: result.callId })}>
      <div className="journey-result-head">
        <h2>{t('journey.result.title', { callId: result.callId })}</h2>
        <div className="toolbar">
          <button type="button" onClick={() => downloadText(`call-${result.callId}.csv`, 'text/csv', journeyToCsv(result.steps))}>
            {t('journey.exportCsv')}
          </button>
          <button type="button" onClick={() => downloadText(`call-${result.callId}.json`, 'application/json', journeyToJson(result))}>
            {t('journey.exportJson')}
          </button>
        </div>
      </div>
      {result.steps.length === 0 ? (
        <p className="muted">{t('journey.result.noSteps')}</p>
      ) : (
        <>
          <div className="journey-timeline" role="img" aria-label={t('journey.timeline', { steps: result.steps.map((s) => `${s.deviceType} ${s.duration}`).join(', ') })}>
            {result.steps.map((step, index) => (
              <div
                key={index}
                className={`tl-step ${TIMELINE_CLASSES[index % TIMELINE_CLASSES.length]}`}
                translate="no"
                style={{ flexGrow: shares[index]!, flexBasis: 0 }}
                title={`${index + 1}. ${step.deviceType} ${step.device}: ${step.duration}`}
              >
                {/* The device type and everything in a step are the report server's words. */}
                <span>
                  {index + 1}. {step.deviceType}
                </span>
              </div>
            ))}
          </div>
          <table className="data journey-table">
            <thead>
              <tr>
                <th scope="col">{t('journey.column.step')}</th>
                <th scope="col">{t('journey.column.device')}</th>
                <th scope="col">{t('journey.column.deviceType')}</th>
                <th scope="col">{t('journey.column.description')}</th>
                <th scope="col">{t('journey.column.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {result.steps.map((step, index) => (
                <tr key={index} translate="no">
                  <td>{index + 1}</td>
                  <td>{step.device}</td>
                  <td>{step.deviceType}</td>
                  <td>{step.description}</td>
                  <td className="duration">{step.duration}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../../shared/domain/time-words';
import { call } from '../../api/client';
import { useAppStore } from '../../store/app-store';
import { updatePreferences } from '../../store/bridge';
import { validateCallId, type JourneyResult, type LabEndpointsView, type LabRecentCall } from '../../../../shared/domain/board';
import { FieldErrorText, invalidProps } from '../../components/Field';
import { downloadText } from '../../components/download';
import { journeyToCsv, journeyToJson, timelineShares } from './journey-export';
import { takeJourneyRequest, useJourneyRequest } from './journey-request';
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
  const [callId, setCallId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<JourneyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recent = readRecent(useAppStore((s) => s.preferences?.sections.journey));

  // Checked as it is typed, by the rule main applies too: a malformed id never reaches the report server.
  const problem = callId.trim() ? (validateCallId(callId)[0]?.message ?? null) : null;

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
      setError((e as Error).message);
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
        <h1>Call journey</h1>
      </div>
      <form className="toolbar" onSubmit={onSubmit} role="search">
        <label htmlFor="journey-call-id">Call ID</label>
        <span className="journey-call-id">
          <input
            id="journey-call-id"
            value={callId}
            maxLength={64}
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setCallId(e.target.value)}
            placeholder="e.g. 16777302"
            {...invalidProps('journey-call-id-error', problem)}
          />
          <FieldErrorText id="journey-call-id-error" message={problem} />
        </span>
        <button type="submit" className="primary" disabled={busy || !callId.trim() || problem !== null} aria-describedby={problem ? 'journey-call-id-error' : undefined}>
          {busy ? 'Looking up…' : 'Look up'}
        </button>
      </form>

      {error && (
        <div className="banner banner-error" role="alert">
          ⚠ {error}
        </div>
      )}
      {result && !result.found && (
        <div className="banner banner-warning" role="alert" data-testid="journey-failure">
          ⚠ The report server could not return call {result.callId}: {result.failure.message}
          {result.failure.code ? <span className="muted"> (code {result.failure.code})</span> : null}
        </div>
      )}
      {result?.found && <JourneyResultView result={result} />}

      <DemoLabCalls onLookUp={(id) => void lookUp(id)} />

      <section className="panel journey-recent" aria-label="Recent lookups">
        <h2>Recent lookups</h2>
        {recent.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul>
            {recent.map((r) => (
              <li key={r.callId}>
                <button type="button" className="link" onClick={() => void lookUp(r.callId)}>
                  {r.callId}
                </button>{' '}
                <span className="muted">
                  {r.found ? '✔ found' : '✖ not found'} · {formatDateTime(r.at)}
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
      <h2 id="journey-demo-calls-title">Recent calls in the demo lab</h2>
      <p className="muted">
        Calls the demo lab's agents finished lately: choose one to see its journey.
        {lab.endpoints ? (
          <>
            {' '}
            More call ids: <code>GET {lab.endpoints.control}/reports/calls</code> on the lab's control API.
          </>
        ) : null}
      </p>
      {lab.calls.length === 0 ? (
        <p className="muted">The lab has recorded no call yet.</p>
      ) : (
        <ul>
          {lab.calls.map((c) => (
            <li key={c.callId}>
              <button type="button" className="link" onClick={() => onLookUp(c.callId)} aria-label={`Look up call ${c.callId} from ${c.caller}, ended ${new Date(c.endedAt).toLocaleTimeString()}`}>
                {c.callId}
              </button>{' '}
              <span className="muted">
                {new Date(c.endedAt).toLocaleTimeString()} · from {c.caller}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function JourneyResultView({ result }: { result: Extract<JourneyResult, { found: true }> }) {
  const shares = timelineShares(result.steps);
  return (
    <section className="panel journey-result" aria-label={`Journey of call ${result.callId}`}>
      <div className="journey-result-head">
        <h2>Call {result.callId}</h2>
        <div className="toolbar">
          <button type="button" onClick={() => downloadText(`call-${result.callId}.csv`, 'text/csv', journeyToCsv(result.steps))}>
            Export CSV
          </button>
          <button type="button" onClick={() => downloadText(`call-${result.callId}.json`, 'application/json', journeyToJson(result))}>
            Export JSON
          </button>
        </div>
      </div>
      {result.steps.length === 0 ? (
        <p className="muted">The report server returned no steps for this call.</p>
      ) : (
        <>
          <div className="journey-timeline" role="img" aria-label={`Timeline: ${result.steps.map((s) => `${s.deviceType} ${s.duration}`).join(', ')}`}>
            {result.steps.map((step, index) => (
              <div
                key={index}
                className={`tl-step ${TIMELINE_CLASSES[index % TIMELINE_CLASSES.length]}`}
                style={{ flexGrow: shares[index]!, flexBasis: 0 }}
                title={`${index + 1}. ${step.deviceType} ${step.device}: ${step.duration}`}
              >
                <span>
                  {index + 1}. {step.deviceType}
                </span>
              </div>
            ))}
          </div>
          <table className="data journey-table">
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Device</th>
                <th scope="col">Device type</th>
                <th scope="col">Description</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {result.steps.map((step, index) => (
                <tr key={index}>
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

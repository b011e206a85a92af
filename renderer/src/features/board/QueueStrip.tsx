import { useState } from 'react';
import { useQueueStore } from './queue-store';
import { useBoardView, updateView } from './board-view-store';
import { formatElapsed, shownQueues, type AlertLevel, type ShownQueue } from './board-model';
import { useNow } from './board-ui';
import type { CentreSummary } from '../../../../shared/domain/queues';

const LEVEL_ICONS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: '▲', red: '⬣' };
const LEVEL_WORDS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: 'over amber limit', red: 'over red limit' };

const count = (value: number | null | undefined) => (value === null || value === undefined ? '—' : String(value));

/**
 * The queue strip above the team table: per CSQ, calls waiting, the longest
 * wait now (ticking between readings), agents available, handled and
 * abandoned today; amber and red by the board's queue thresholds. When the
 * source cannot be read it says why, and the rest of the board carries on.
 */
export function QueueStrip({ large = false }: { large?: boolean }) {
  const state = useQueueStore((s) => s.state);
  const chosen = useBoardView((s) => s.view.queueCsqs);
  const rules = useBoardView((s) => s.view.queueThresholds);
  const [picking, setPicking] = useState(false);
  const now = useNow(1_000);
  if (state.mode === 'off') return null;
  const queues = shownQueues(state, chosen, rules, now);
  return (
    <section className={`panel queue-strip${large ? ' queue-strip-large' : ''}`} aria-label="Queues">
      <div className="queue-strip-head">
        <h2>Queues</h2>
        {state.centre && <CentreLine centre={state.centre} />}
        {!large && (
          <button type="button" className="link" aria-expanded={picking} onClick={() => setPicking((v) => !v)}>
            Choose queues…
          </button>
        )}
      </div>
      {state.mode === 'unavailable' && (
        <p className="queue-unavailable" role="status">
          ⚠ queue figures unavailable: {state.detail}
        </p>
      )}
      {state.mode === 'connecting' && <p className="muted">Reading queue figures…</p>}
      {state.mode === 'ok' && queues.length === 0 && <p className="muted">No queues to show: choose some with "Choose queues…".</p>}
      {state.mode === 'ok' && queues.length > 0 && (
        <div className="queue-tiles">
          {queues.map((queue) => (
            <QueueTile key={queue.name} queue={queue} />
          ))}
        </div>
      )}
      {picking && !large && <QueuePicker names={[...new Set([...state.teamCsqs, ...state.queues.map((q) => q.name)])]} teamCsqs={state.teamCsqs} chosen={chosen} />}
    </section>
  );
}

function CentreLine({ centre }: { centre: CentreSummary }) {
  return (
    <span className="muted queue-centre">
      Centre: {count(centre.loggedIn)} logged in · {count(centre.ready)} Ready · {count(centre.talking)} talking · {count(centre.notReady)} Not Ready
    </span>
  );
}

function QueueTile({ queue }: { queue: ShownQueue }) {
  const { figures, levels } = queue;
  return (
    <div role="group" aria-label={queue.name} className={`queue-tile level-${levels.level}`} data-level={levels.level}>
      <div className="queue-name" title={queue.name}>
        {queue.name}
      </div>
      {figures ? (
        <>
          <div className="queue-main">
            <div className={`queue-figure queue-waiting level-${levels.waiting}`} data-level={levels.waiting}>
              <Level level={levels.waiting} /> {count(figures.waiting)} waiting
            </div>
            <div className={`queue-figure queue-longest level-${levels.wait}`} data-level={levels.wait}>
              <Level level={levels.wait} /> longest {queue.longestWaitMs === null ? '—' : formatElapsed(queue.longestWaitMs)}
            </div>
          </div>
          <div className="queue-agents">
            {count(figures.available)} available · {count(figures.handled)} handled · {count(figures.abandoned)} abandoned
          </div>
        </>
      ) : (
        <div className="muted">not reported by UCCX</div>
      )}
    </div>
  );
}

function Level({ level }: { level: AlertLevel }) {
  if (level === 'normal') return null;
  return (
    <span className="level-icon" role="img" aria-label={LEVEL_WORDS[level]}>
      {LEVEL_ICONS[level]}
    </span>
  );
}

function QueuePicker({ names, teamCsqs, chosen }: { names: string[]; teamCsqs: string[]; chosen: string[] | null }) {
  const current = chosen ?? teamCsqs;
  const toggle = (name: string, on: boolean) => updateView({ queueCsqs: on ? [...current, name] : current.filter((n) => n !== name) });
  return (
    <fieldset className="queue-picker">
      <legend>Queues on the board</legend>
      <button type="button" disabled={chosen === null} onClick={() => updateView({ queueCsqs: null })}>
        My teams' queues ({teamCsqs.length})
      </button>
      <div className="queue-picker-list">
        {names.map((name) => (
          <label key={name}>
            <input type="checkbox" checked={current.includes(name)} onChange={(e) => toggle(name, e.target.checked)} /> {name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

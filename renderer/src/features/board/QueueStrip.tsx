import { useId, useState } from 'react';
import { Message } from '../../i18n/Message';
import { MainText } from '../../components/ErrorDetails';
import { useQueueStore } from './queue-store';
import { useBoardView, updateView } from './board-view-store';
import { formatElapsed, shownQueues, type AlertLevel, type ShownQueue } from './board-model';
import { useNow } from './board-ui';
import { useT } from '../../i18n/i18n';
import type { CentreSummary } from '../../../../shared/domain/queues';

const LEVEL_ICONS: Readonly<Record<AlertLevel, string>> = { normal: '', amber: '▲', red: '⬣' };

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
  const t = useT();
  if (state.mode === 'off') return null;
  const queues = shownQueues(state, chosen, rules, now);
  return (
    <section className={`panel queue-strip${large ? ' queue-strip-large' : ''}`} aria-label={t('board.queues.label')}>
      <div className="queue-strip-head">
        <h2>{t('board.queues.title')}</h2>
        {state.centre && <CentreLine centre={state.centre} />}
        {!large && (
          <button type="button" className="link" aria-expanded={picking} onClick={() => setPicking((v) => !v)}>
            {t('board.queues.choose')}
          </button>
        )}
      </div>
      {state.mode === 'unavailable' && (
        <p className="queue-unavailable" role="status">
          <Message id="board.queues.unavailable" parts={{ detail: <MainText said={state.detailMessage} english={state.detail} /> }} />
        </p>
      )}
      {state.mode === 'connecting' && <p className="muted">{t('board.queues.reading')}</p>}
      {state.mode === 'ok' && queues.length === 0 && <p className="muted">{t('board.queues.none')}</p>}
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
  const t = useT();
  return (
    <span className="muted queue-centre">
      {t('board.queues.centre', { loggedIn: count(centre.loggedIn), ready: count(centre.ready), talking: count(centre.talking), notReady: count(centre.notReady) })}
    </span>
  );
}

function QueueTile({ queue }: { queue: ShownQueue }) {
  const { figures, levels } = queue;
  const t = useT();
  const nameId = useId();
  return (
    <div role="group" aria-labelledby={nameId} className={`queue-tile level-${levels.level}`} data-level={levels.level}>
      <div className="queue-name" id={nameId} title={queue.name} translate="no">
        {queue.name}
      </div>
      {figures ? (
        <>
          <div className="queue-main">
            <div className={`queue-figure queue-waiting level-${levels.waiting}`} data-level={levels.waiting}>
              <Level level={levels.waiting} /> {t('board.queues.waiting', { count: count(figures.waiting) })}
            </div>
            <div className={`queue-figure queue-longest level-${levels.wait}`} data-level={levels.wait}>
              <Level level={levels.wait} /> {t('board.queues.longest', { time: queue.longestWaitMs === null ? '—' : formatElapsed(queue.longestWaitMs) })}
            </div>
          </div>
          <div className="queue-agents">
            {t('board.queues.agents', { available: count(figures.available), handled: count(figures.handled), abandoned: count(figures.abandoned) })}
          </div>
        </>
      ) : (
        <div className="muted">{t('board.queues.notReported')}</div>
      )}
    </div>
  );
}

function Level({ level }: { level: AlertLevel }) {
  const t = useT();
  if (level === 'normal') return null;
  return (
    <span className="level-icon" role="img" aria-label={level === 'red' ? t('board.queues.overRed') : t('board.queues.overAmber')}>
      {LEVEL_ICONS[level]}
    </span>
  );
}

function QueuePicker({ names, teamCsqs, chosen }: { names: string[]; teamCsqs: string[]; chosen: string[] | null }) {
  const current = chosen ?? teamCsqs;
  const t = useT();
  const toggle = (name: string, on: boolean) => updateView({ queueCsqs: on ? [...current, name] : current.filter((n) => n !== name) });
  return (
    <fieldset className="queue-picker">
      <legend>{t('board.queues.picker')}</legend>
      <button type="button" disabled={chosen === null} onClick={() => updateView({ queueCsqs: null })}>
        {t('board.queues.myTeams', { count: teamCsqs.length })}
      </button>
      <div className="queue-picker-list">
        {names.map((name) => (
          <label key={name} translate="no">
            <input type="checkbox" checked={current.includes(name)} onChange={(e) => toggle(name, e.target.checked)} /> {name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

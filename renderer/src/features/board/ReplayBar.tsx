import { useEffect, type KeyboardEvent } from 'react';
import { dayKeyOf } from '../../../../shared/domain/history';
import { chooseReplayDay, goLive, loadReplayDays, replayAt, sliderRange, useReplayStore } from './replay-store';
import { useMoments, useNow } from './board-ui';
import { useT } from '../../i18n/i18n';
import { Message } from '../../i18n/Message';
import { MainText } from '../../components/ErrorDetails';

/** PageUp / PageDown move the slider a minute; the arrows move it a second. */
const PAGE_STEP_MS = 60_000;

/**
 * The board's time slider ("Board time") and the "Live" button at its right
 * end. Moving the slider (drag, arrows, Page Up/Down, Home/End) shows the
 * board as it was then; "Live" returns to the live board. Offered only when
 * the profile's history has a day to replay.
 */
export function ReplayBar() {
  useEffect(() => {
    void loadReplayDays();
  }, []);
  const available = useReplayStore((s) => s.available);
  const days = useReplayStore((s) => s.days);
  const day = useReplayStore((s) => s.day);
  const span = useReplayStore((s) => s.span);
  const at = useReplayStore((s) => s.at);
  const now = useNow(1_000);
  const t = useT();
  const { clockSeconds, calendarDay } = useMoments();
  if (!available) return null;
  const range = sliderRange({ day, span }, now);
  const value = at ?? range?.max ?? 0;
  const replaying = at !== null;

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!range || (event.key !== 'PageUp' && event.key !== 'PageDown')) return;
    event.preventDefault();
    const next = value + (event.key === 'PageUp' ? PAGE_STEP_MS : -PAGE_STEP_MS);
    replayAt(Math.min(range.max, Math.max(range.min, next)));
  };

  return (
    <div className="replay-bar" role="group" aria-label={t('board.replay.label')}>
      {days.length > 1 && (
        <label className="replay-day">
          {t('board.replay.day')}{' '}
          <select
            value={day ?? ''}
            onChange={(e) => {
              goLive();
              void chooseReplayDay(e.target.value || null);
            }}
          >
            {days.map((d) => (
              <option key={d} value={d}>
                {calendarDay(d)}
              </option>
            ))}
          </select>
        </label>
      )}
      <span className="replay-edge muted" aria-hidden="true">
        {range ? clockSeconds(range.min) : ''}
      </span>
      <input
        type="range"
        className="replay-slider"
        aria-label={t('board.replay.slider')}
        aria-valuetext={range ? (replaying ? clockSeconds(value) : t('board.replay.valueLive', { time: clockSeconds(value) })) : t('board.replay.loading')}
        min={range?.min ?? 0}
        max={range?.max ?? 0}
        step={1000}
        value={value}
        disabled={!range}
        onChange={(e) => replayAt(Number(e.target.value))}
        onKeyDown={onKeyDown}
      />
      <output className="replay-time" aria-hidden="true">
        {range ? (replaying ? clockSeconds(value) : t('board.replay.now')) : ''}
      </output>
      <button type="button" className={replaying ? 'primary' : undefined} aria-pressed={!replaying} onClick={goLive}>
        {t('board.connection.live')}
      </button>
    </div>
  );
}

/** What the board shows while replaying, in words, first: the moment, and that it is not live. */
export function ReplayBanner() {
  const at = useReplayStore((s) => s.at)!;
  const board = useReplayStore((s) => s.board);
  const error = useReplayStore((s) => s.error);
  const t = useT();
  const moments = useMoments();
  const moment = dayKeyOf(at) === dayKeyOf(Date.now()) ? moments.clockSeconds(at) : moments.dayAndClock(at);
  const loading = !error && board?.at !== at;
  return (
    <div className="banner banner-replay" role="status" data-testid="board-replay">
      <strong>
        <span aria-hidden="true">◷</span> <Message id="board.replay.banner" parts={{ moment: <time dateTime={new Date(at).toISOString()}>{moment}</time> }} />
      </strong>{' '}
      {error ? (
        <span>
          ⚠ <MainText said={error.said} english={error.message} />
        </span>
      ) : loading ? (
        t('board.replay.loadingMoment')
      ) : board && !board.observed ? (
        <Message id="board.replay.notObserved" parts={{ detail: <MainText said={board.detailMessage} english={board.detail} /> }} />
      ) : (
        t('board.replay.explain')
      )}
    </div>
  );
}

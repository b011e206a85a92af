import { useEffect, useState } from 'react';
import { formatCalendarDate, formatClock as englishClock, formatClockSeconds as englishClockSeconds, formatDay as englishDay } from '../../../../shared/domain/time-words';
import type { MemberStatus } from '../../../../shared/domain/board';
import { useLocaleStore } from '../../i18n/i18n';
import { formatClock as intlClock, formatClockSeconds as intlClockSeconds, formatDay as intlDay } from '../../i18n/format';

/** Icons that go with every status text, so status never rests on colour alone. */
export const STATUS_ICONS: Readonly<Record<MemberStatus, string>> = { ready: '✔', not_ready: '✖', ACW: '✎' };

/** A clock that ticks once a second, for time in state. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** How the board writes moments, in the user's language. */
export interface MomentWords {
  /** "10:42" */
  clock(epochMs: number): string;
  /** "10:42:07" */
  clockSeconds(epochMs: number): string;
  /** "2 Dec, 10:42:07": a moment that may be on another day. */
  dayAndClock(epochMs: number): string;
  /** A history day key ("2026-12-02") as a date in words. */
  calendarDay(dayKey: string): string;
}

/**
 * In English the board keeps the 24-hour, day-month words it has always
 * written (what supervisors and its tests read); in German and Spanish the
 * locale's own through Intl (docs/i18n.md).
 */
const ENGLISH_MOMENTS: MomentWords = {
  clock: englishClock,
  clockSeconds: englishClockSeconds,
  dayAndClock: (epochMs) => `${englishDay(epochMs).replace(/ \d{4}$/, '')}, ${englishClockSeconds(epochMs)}`,
  calendarDay: formatCalendarDate,
};

function intlMoments(locale: string): MomentWords {
  return {
    clock: (epochMs) => intlClock(epochMs, locale),
    clockSeconds: (epochMs) => intlClockSeconds(epochMs, locale),
    dayAndClock: (epochMs) => `${intlDay(epochMs, locale)}, ${intlClockSeconds(epochMs, locale)}`,
    calendarDay: (dayKey) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dayKey);
      return match ? intlDay(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12).getTime(), locale) : dayKey;
    },
  };
}

/** The moment words for the active language; components re-render when it changes. */
export function useMoments(): MomentWords {
  const language = useLocaleStore((s) => s.language);
  const locale = useLocaleStore((s) => s.locale);
  return language === 'de' || language === 'es' ? intlMoments(locale) : ENGLISH_MOMENTS;
}

export function formatClock(epochMs: number): string {
  return ENGLISH_MOMENTS.dayAndClock(epochMs);
}

import { useEffect, useState } from 'react';
import { formatClockSeconds, formatDay } from '../../../../shared/domain/time-words';
import type { MemberStatus } from '../../../../shared/domain/board';

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

export function formatClock(epochMs: number): string {
  return `${formatDay(epochMs).replace(/ \d{4}$/, '')}, ${formatClockSeconds(epochMs)}`;
}

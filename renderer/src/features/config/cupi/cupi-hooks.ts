import { useCallback, useEffect, useRef, useState } from 'react';
import { detailOf, sayError, shownError, type ShownError } from '../../../components/ErrorDetails';
import { formatDateTime } from '../../../i18n/format';
import { sayMain, t, type t as translate } from '../../../i18n/i18n';
import { call, keepCurrent } from '../../../api/client';
import { pushNotice } from '../../../store/app-store';
import { followInToast } from '../../../store/change-progress';
import type { CupiFields, CupiObjectType, CupiQueryOperator, CupiSource, CupiState, CupiWriteOutcome } from '../../../../../shared/domain/cupi';
import type { CupiDetail } from '../../../../../shared/ipc/areas/cupi';

/** Unity Connection state (read-only, busy), kept current by the state event. */
export function useCupiState(): CupiState | null {
  const [state, setState] = useState<CupiState | null>(null);
  useEffect(() => {
    let alive = true;
    const off = keepCurrent('cupi:state-changed', 'cupi:state', (s) => alive && setState(s));
    return () => {
      alive = false;
      off();
    };
  }, []);
  return state;
}

export interface SearchParams {
  type: CupiObjectType;
  column: string;
  operator: CupiQueryOperator;
  text: string;
}

export interface PagedResults {
  total: number | null;
  /** Rows by position; undefined = not loaded yet. */
  rowAt(index: number): CupiFields | undefined;
  /** Ask for the page holding this row (no-op when loaded or in flight). */
  ensure(index: number): void;
  loading: boolean;
  error: ShownError | null;
  source: CupiSource | null;
  fetchedAt: number | null;
  /** Bumped whenever rows arrive, so lists re-render. */
  version: number;
  reload(): void;
}

export const PAGE_SIZE = 100;
/** Typing pauses this long before the server is asked. */
export const SEARCH_DEBOUNCE_MS = 120;

/**
 * Server-side search with paging on demand: the first page loads when the
 * query settles; further pages load as the list scrolls near them. Answers
 * for an outdated query are dropped.
 */
export function usePagedSearch(params: SearchParams): PagedResults {
  const pages = useRef(new Map<number, CupiFields[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [source, setSource] = useState<CupiSource | null>(null);
  const [fetchedAt, setFetchedAt] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [reloads, setReloads] = useState(0);
  const paramsRef = useRef(params);
  paramsRef.current = params;

  const loadPage = useCallback((page: number, gen: number) => {
    if (inFlight.current.has(page) || pages.current.has(page)) return;
    inFlight.current.add(page);
    setLoading(true);
    const p = paramsRef.current;
    call('cupi:search', {
      type: p.type,
      column: p.text ? (p.column as 'Alias') : undefined,
      operator: p.operator,
      text: p.text || undefined,
      page: page + 1,
      pageSize: PAGE_SIZE,
    })
      .then((result) => {
        if (gen !== generation.current) return;
        pages.current.set(page, result.items);
        setTotal(result.total);
        setSource(result.source);
        setFetchedAt(result.fetchedAt);
        setError(null);
        setVersion((v) => v + 1);
      })
      .catch((e: Error) => {
        if (gen === generation.current) setError(shownError(e));
      })
      .finally(() => {
        if (gen !== generation.current) return;
        inFlight.current.delete(page);
        setLoading(inFlight.current.size > 0);
      });
  }, []);

  useEffect(() => {
    const gen = ++generation.current;
    pages.current = new Map();
    inFlight.current = new Set();
    setTotal(null);
    setVersion((v) => v + 1);
    const timer = setTimeout(() => loadPage(0, gen), params.text ? SEARCH_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [params.type, params.column, params.operator, params.text, reloads, loadPage]);

  return {
    total,
    rowAt: (index) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure: (index) => loadPage(Math.floor(index / PAGE_SIZE), generation.current),
    loading,
    error,
    source,
    fetchedAt,
    version,
    reload: () => setReloads((r) => r + 1),
  };
}

/** Load one object's detail; `reload` reads it again (after a write). */
export function useObjectDetail(type: CupiObjectType, objectId: string | null) {
  const [detail, setDetail] = useState<CupiDetail | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!objectId) {
      setDetail(null);
      return;
    }
    let alive = true;
    setError(null);
    call('cupi:get', { type, objectId })
      .then((d) => alive && setDetail(d))
      .catch((e: Error) => {
        if (alive) {
          setDetail(null);
          setError(shownError(e));
        }
      });
    return () => {
      alive = false;
    };
  }, [type, objectId, version]);
  return { detail, error, reload: useCallback(() => setVersion((v) => v + 1), []) };
}

/**
 * Run a write and tell the person what happened: written (a toast that
 * closes by itself), queued (a toast that follows the change until it is
 * written or fails), or why not (a toast that stays).
 */
export async function runWrite(action: () => Promise<CupiWriteOutcome>): Promise<CupiWriteOutcome | null> {
  try {
    const outcome = await action();
    if (outcome.state === 'queued' && outcome.entryId) {
      followInToast(outcome.label ?? t('cupi.change'), [{ id: outcome.entryId, state: 'queued' }], () => t('cupi.queuedUntil'));
    } else {
      pushNotice(outcome.state === 'queued' ? 'warning' : 'success', sayMain(outcome.said, outcome.message));
    }
    return outcome;
  } catch (e) {
    pushNotice('error', sayError(e), { detail: detailOf(e) });
    return null;
  }
}

/** "2031-01-01 17:30:00.0" (GMT) → the value of a datetime-local input in this computer's zone. */
export function cupiTimeToLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (this computer's zone) → epoch ms, or null when empty or invalid. */
export function localInputToMs(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

/** Where the data on screen came from when it is not the publisher, in words (`locale` formats the moment of a saved copy). */
export function describeSource(t: typeof translate, locale: string, source: CupiSource | null, fetchedAt: number | null): string | null {
  if (source === 'subscriber') return t('cupi.source.subscriber');
  if (source === 'cache') return fetchedAt ? t('cupi.source.cache', { when: formatDateTime(fetchedAt, locale) }) : t('cupi.source.cacheEarlier');
  return null;
}

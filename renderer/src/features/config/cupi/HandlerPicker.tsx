import { useEffect, useId, useRef, useState } from 'react';
import { call } from '../../../api/client';
import type { CupiFields } from '../../../../../shared/domain/cupi';
import { t as translate, useT } from '../../../i18n/i18n';

/** How many call handlers one search shows; the rest are found by typing more of a name. */
export const HANDLER_PICKER_PAGE = 50;
/** Close now writes one greeting per handler, and takes at most this many in one step. */
export const MAX_CHOSEN_HANDLERS = 50;
/** Typing pauses this long before Unity Connection is asked (it serves only a few requests at once, shared with its own pages). */
const PICKER_DEBOUNCE_MS = 250;

export interface ChosenHandler {
  id: string;
  name: string;
}

interface Found {
  total: number;
  items: CupiFields[];
  /** The text searched for ('' = the first page of all handlers). */
  text: string;
  byExtension: boolean;
}

/** "Showing the first 50 of 246 call handlers on the server: 196 more, refine your search to find them." */
function describeFound(t: typeof translate, found: Found): string {
  const text = found.text;
  if (found.total === 0) return !text ? t('cupi.picker.noneOnServer') : t(found.byExtension ? 'cupi.picker.noneByExtension' : 'cupi.picker.noneByName', { text });
  if (found.total <= found.items.length) {
    return !text ? t('cupi.picker.all', { count: found.total }) : t(found.byExtension ? 'cupi.picker.allByExtension' : 'cupi.picker.allByName', { count: found.total, text });
  }
  const counts = { shown: found.items.length, total: found.total, more: found.total - found.items.length };
  return !text ? t('cupi.picker.first', counts) : t(found.byExtension ? 'cupi.picker.firstByExtension' : 'cupi.picker.firstByName', { ...counts, text });
}

/**
 * Choose call handlers for Close now from everything on the server: the
 * search box asks Unity Connection (names, or extensions when only digits are
 * typed, from their start: CUPI's `startswith`), one page at a time. What was
 * chosen stays chosen while searching for more.
 */
export function HandlerPicker({ chosen, onChange }: { chosen: ReadonlyMap<string, ChosenHandler>; onChange: (next: Map<string, ChosenHandler>) => void }) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [searching, setSearching] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // Answers to an older search are dropped: only the latest text counts.
  const latest = useRef(0);
  const t = useT();
  const hintId = useId();
  const full = chosen.size >= MAX_CHOSEN_HANDLERS;

  useEffect(() => {
    const query = text.trim();
    const ask = ++latest.current;
    setSearching(true);
    const timer = setTimeout(
      () => {
        const byExtension = /^\d+$/.test(query);
        call('cupi:search', {
          type: 'callhandler',
          pageSize: HANDLER_PICKER_PAGE,
          ...(query ? { column: byExtension ? ('DtmfAccessId' as const) : ('DisplayName' as const), operator: 'startswith' as const, text: query } : {}),
        })
          .then((page) => {
            if (ask !== latest.current) return;
            setFound({ total: page.total, items: page.items, text: query, byExtension });
            setError(null);
          })
          .catch((e: Error) => ask === latest.current && setError(e.message))
          .finally(() => ask === latest.current && setSearching(false));
      },
      query ? PICKER_DEBOUNCE_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [text]);

  const toggle = (handler: ChosenHandler, on: boolean) => {
    const next = new Map(chosen);
    if (on) next.set(handler.id, handler);
    else next.delete(handler.id);
    onChange(next);
  };

  return (
    <div className="cupi-handler-picker">
      <div className="field">
        <label>
          <span className="field-label">{t('cupi.picker.find')}</span>
          <input
            id="close-handler-search"
            type="search"
            value={text}
            maxLength={64}
            autoComplete="off"
            placeholder={t('cupi.picker.placeholder')}
            aria-describedby={hintId}
            onChange={(e) => setText(e.target.value)}
            // Enter searches (it already does, as one types); it must not submit the Close now form.
            onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          />
        </label>
        <small id={hintId} className="muted field-hint">
          {t('cupi.picker.hint')}
        </small>
      </div>
      <p className="muted cupi-count" role="status" data-testid="close-handler-count">
        {error ? t('cupi.picker.failed', { message: error }) : searching && !found ? t('cupi.picker.searching') : found ? `${describeFound(t, found)}${searching ? ` ${t('cupi.picker.searching')}` : ''}` : null}
      </p>
      <div className="cupi-handler-choices" role="group" aria-label={t('cupi.picker.found')}>
        {found?.items.map((h) => {
          const id = h.ObjectId!;
          const checked = chosen.has(id);
          return (
            <label key={id} className="check">
              <input type="checkbox" checked={checked} disabled={!checked && full} onChange={(e) => toggle({ id, name: h.DisplayName ?? id }, e.target.checked)} />{' '}
              <span translate="no">{h.DisplayName}</span> {h.DtmfAccessId ? <span className="muted">({h.DtmfAccessId})</span> : null}
            </label>
          );
        })}
      </div>
      {chosen.size ? (
        <div className="cupi-chosen-handlers">
          <h3>{t(full ? 'cupi.picker.chosenFull' : 'cupi.picker.chosen', { count: chosen.size })}</h3>
          <ul aria-label={t('cupi.picker.chosenList')}>
            {[...chosen.values()].map((handler) => (
              <li key={handler.id}>
                <span translate="no">{handler.name}</span>{' '}
                <button type="button" onClick={() => toggle(handler, false)}>
                  {t('cupi.picker.remove')}
                  <span className="visually-hidden" translate="no">
                    {' '}
                    {handler.name}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

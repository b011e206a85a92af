import { createContext, useCallback, useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

/**
 * The keyboard of a long list (listbox pattern with aria-activedescendant):
 * the list is ONE Tab stop; Up/Down move the active row, Home/End jump to
 * the ends, PageUp/PageDown move a page of rows, Enter opens the active row,
 * Space ticks it (lists with ticks) or opens it, and typing letters jumps to
 * the next row whose label starts with them (type-ahead).
 *
 * Focus stays on the list element and only the active row's id changes, so a
 * virtualized list needs nothing but `scrollToIndex`: the active row is
 * scrolled into view (and so rendered) before the browser looks it up.
 */
export interface ListNavigationOptions {
  /** Rows in the list (all of them, not only the rendered ones). */
  count: number;
  /** Prefix of the rows' DOM ids; must be unique on the page. */
  idPrefix: string;
  /** Enter (and Space without `onToggle`): open the row. */
  onOpen: (index: number) => void;
  /** Space: tick or untick the row (multi-select lists). */
  onToggle?: (index: number) => void;
  /** Bring a row into view; a virtualizer's `scrollToIndex`. Defaults to scrolling the row's element. */
  scrollToIndex?: (index: number) => void;
  /** Row label for type-ahead; rows without one are skipped. */
  labelAt?: (index: number) => string | undefined;
  /** The row the list starts on when it first takes focus (e.g. the open one). */
  preferredIndex?: number;
  /** Rows per PageUp/PageDown when the list cannot measure itself. */
  pageSize?: number;
  /** The list element (the one that scrolls and takes focus). */
  listRef: RefObject<HTMLElement | null>;
}

/** Milliseconds between type-ahead letters that still count as one word. */
const TYPE_AHEAD_MS = 700;

export function useListNavigation(options: ListNavigationOptions) {
  const { count, idPrefix } = options;
  const [active, setActive] = useState(-1);
  const { listRef } = options;
  const typed = useRef({ text: '', at: 0 });
  // The latest callbacks without re-creating handlers on every render.
  const latest = useRef(options);
  latest.current = options;

  // A filter that shrinks the list keeps the active row inside it.
  useEffect(() => {
    if (active >= count) setActive(count - 1);
  }, [active, count]);

  const rowId = useCallback((index: number) => `${idPrefix}-row-${index}`, [idPrefix]);

  const moveTo = useCallback(
    (index: number) => {
      const total = latest.current.count;
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, index));
      setActive(next);
      const scroll = latest.current.scrollToIndex;
      if (scroll) scroll(next);
      else document.getElementById(rowId(next))?.scrollIntoView({ block: 'nearest' });
    },
    [rowId],
  );

  /** Rows that fit in the list's box: what PageUp/PageDown move by. */
  const pageRows = () => {
    const list = listRef.current;
    const row = list && active >= 0 ? document.getElementById(rowId(active)) : null;
    if (list && row && row.offsetHeight > 0) return Math.max(1, Math.floor(list.clientHeight / row.offsetHeight) - 1);
    return latest.current.pageSize ?? 10;
  };

  const typeAhead = (key: string): boolean => {
    const labelAt = latest.current.labelAt;
    if (!labelAt) return false;
    const now = Date.now();
    const text = (now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text : '') + key.toLowerCase();
    typed.current = { text, at: now };
    const total = latest.current.count;
    // A new word looks from the row after the active one; more letters of the same word may stay on it.
    const start = text.length === 1 ? active + 1 : Math.max(active, 0);
    for (let step = 0; step < total; step++) {
      const index = (start + step) % total;
      if (labelAt(index)?.toLowerCase().startsWith(text)) {
        moveTo(index);
        return true;
      }
    }
    return true;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const current = active < 0 ? -1 : active;
    const typing = Date.now() - typed.current.at < TYPE_AHEAD_MS && typed.current.text.length > 0;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current <= 0 ? 0 : current - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'PageDown':
        moveTo(Math.max(current, 0) + pageRows());
        break;
      case 'PageUp':
        moveTo(Math.max(current, 0) - pageRows());
        break;
      case 'Enter':
        if (current >= 0) latest.current.onOpen(current);
        break;
      case ' ':
        // A space inside a typed word belongs to the word ("Hiro B").
        if (typing) typeAhead(' ');
        else if (current >= 0) (latest.current.onToggle ?? latest.current.onOpen)(current);
        break;
      default:
        handled = event.key.length === 1 && typeAhead(event.key);
    }
    if (handled) event.preventDefault();
  };

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || active >= 0 || count === 0) return;
    const preferred = latest.current.preferredIndex;
    moveTo(preferred !== undefined && preferred >= 0 && preferred < count ? preferred : 0);
  };

  const activeIndex = active >= 0 && active < count ? active : -1;
  return {
    activeIndex,
    /** Make a row the active one (a click on it). */
    setActiveIndex: moveTo,
    /** Put focus on the list with this row active (after a save, so focus does not fall to the page). */
    focusRow: (index: number) => {
      if (index >= 0) moveTo(index);
      listRef.current?.focus();
    },
    rowId,
    /** Spread on the list element (role="listbox"). */
    listProps: {
      tabIndex: 0,
      'aria-activedescendant': activeIndex >= 0 ? rowId(activeIndex) : undefined,
      onKeyDown,
      onFocus,
    },
    /** For a search box above the list: Down arrow goes into the list. */
    searchBoxKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== 'ArrowDown' || count === 0) return;
      event.preventDefault();
      listRef.current?.focus();
    },
  };
}

/**
 * Given by a list-detail layout to the form it shows: called after the form
 * saved, it puts focus back on the list at the saved item.
 */
export const AfterSaveFocus = createContext<(() => void) | null>(null);

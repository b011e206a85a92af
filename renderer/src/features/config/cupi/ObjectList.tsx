import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../../components/ErrorDetails';
import { useVirtualizer } from '@tanstack/react-virtual';
import { CUPI_SEARCH_COLUMNS, type CupiFields, type CupiObjectType, type CupiQueryOperator } from '../../../../../shared/domain/cupi';
import { describeSource, usePagedSearch } from './cupi-hooks';
import { useListNavigation } from '../../../components/useListNavigation';
import { useLocale, useT } from '../../../i18n/i18n';
import { fieldLabel } from './cupi-words';

const ROW_HEIGHT = 34;
/** Rows must stay in view this long before their page is requested. */
const PAGE_FETCH_SETTLE_MS = 60;

/** A row's columns: alias, display name and extension (a call handler has no alias: name, blank, extension). */
function rowColumns(type: CupiObjectType, row: CupiFields): [string, string, string] {
  return type === 'callhandler' ? [row.DisplayName ?? '', '', row.DtmfAccessId ?? ''] : [row.Alias ?? '', row.DisplayName ?? '', row.DtmfAccessId ?? ''];
}

export interface ObjectListProps {
  type: CupiObjectType;
  selectedId: string | null;
  onSelect: (row: CupiFields) => void;
  /** Bumped by the parent after a write, to reload the list. */
  refreshKey: number;
  label: string;
}

/**
 * Server-side search (one column, "starts with" or "is") over a virtualized
 * list: only the rows on screen exist in the DOM and only the pages near them
 * are fetched, so 20,000 users scroll like 20.
 */
export function ObjectList({ type, selectedId, onSelect, refreshKey, label }: ObjectListProps) {
  const t = useT();
  const locale = useLocale();
  const columns = CUPI_SEARCH_COLUMNS[type];
  const [column, setColumn] = useState(columns[0]!.column);
  const [operator, setOperator] = useState<CupiQueryOperator>('startswith');
  const [text, setText] = useState('');
  const results = usePagedSearch({ type, column, operator, text: text.trim() });
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = results.total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Let React batch scroll updates instead of rendering synchronously inside each scroll event.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const nav = useListNavigation({
    count,
    idPrefix: `cupi-${type}`,
    listRef: scrollRef,
    onOpen: (index) => {
      const row = results.rowAt(index);
      if (row) onSelect(row);
    },
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    // Type-ahead over the rows already fetched; the search box searches the server.
    labelAt: (index) => {
      const row = results.rowAt(index);
      return row ? rowColumns(type, row)[0] : undefined;
    },
  });

  useEffect(() => {
    if (refreshKey > 0) results.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshKey]);

  // Fetch the pages the visible rows fall in.
  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;
  // While the list flies past, wait for it to slow down: only the pages a person stops at are fetched.
  useEffect(() => {
    if (first === undefined || last === undefined) return;
    const timer = setTimeout(() => {
      results.ensure(first);
      results.ensure(last);
    }, PAGE_FETCH_SETTLE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first, last, results.version]);

  const sourceNote = describeSource(t, locale, results.source, results.fetchedAt);
  const searchId = `cupi-search-${type}`;

  return (
    <div className="cupi-list">
      <div className="cupi-search" role="search">
        <label className="visually-hidden" htmlFor={`${searchId}-column`}>
          {t('cupi.search.column')}
        </label>
        <select id={`${searchId}-column`} value={column} onChange={(e) => setColumn(e.target.value)}>
          {columns.map((c) => (
            <option key={c.column} value={c.column}>
              {fieldLabel(t, { name: c.column, label: c.label })}
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`${searchId}-operator`}>
          {t('cupi.search.match')}
        </label>
        <select id={`${searchId}-operator`} value={operator} onChange={(e) => setOperator(e.target.value as CupiQueryOperator)}>
          <option value="startswith">{t('cupi.search.startsWith')}</option>
          <option value="is">{t('cupi.search.is')}</option>
        </select>
        <label className="visually-hidden" htmlFor={searchId}>
          {t('cupi.search.label', { what: label })}
        </label>
        <input
          id={searchId}
          type="search"
          placeholder={t('cupi.search.label', { what: label })}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={nav.searchBoxKeyDown}
          autoComplete="off"
        />
      </div>
      <p className="cupi-count muted" aria-live="polite" data-testid={`cupi-count-${type}`}>
        {results.error
          ? null
          : results.total === null
            ? t('cupi.search.searching')
            : t(results.loading ? 'cupi.search.countLoading' : 'cupi.search.count', { count: results.total })}
      </p>
      {results.error ? <ErrorBanner error={results.error} /> : null}
      {sourceNote ? <p className="banner banner-warning">ℹ {sourceNote}</p> : null}
      <div className="cupi-scroll nav-list" ref={scrollRef} role="listbox" aria-label={label} data-testid={`cupi-scroll-${type}`} {...nav.listProps}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = results.rowAt(item.index);
            const id = row?.ObjectId ?? null;
            const [primary, secondary, extension] = row ? rowColumns(type, row) : ['…', '', ''];
            return (
              <div
                key={item.key}
                id={nav.rowId(item.index)}
                role="option"
                aria-selected={id !== null && id === selectedId}
                className={`cupi-row nav-row${id !== null && id === selectedId ? ' selected' : ''}${item.index === nav.activeIndex ? ' active' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  nav.setActiveIndex(item.index);
                  if (row) onSelect(row);
                }}
              >
                <span className="cupi-row-primary" translate="no">
                  {primary}
                </span>
                <span className="cupi-row-secondary muted" translate="no">
                  {secondary}
                </span>
                <span className="cupi-row-extension">{extension}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

import { useId, useRef, useState, type ReactNode } from 'react';
import { AfterSaveFocus, useListNavigation } from '../../../components/useListNavigation';
import { PendingMarker } from './PendingMarker';
import { pendingFor } from './uccx-store';
import { useSavedChanges } from './saved-values';
import { leaveIfAllowed } from '../../../store/unsaved-guard';
import { CreateDeleteFieldset, ReadOnlyFieldset, useEditorReadOnly } from './editor-access';
import { useT } from '../../../i18n/i18n';

/**
 * A UCCX editor's layout for objects of the loaded configuration: on the left
 * the objects, filtered in the page as you type, each with its "changes
 * waiting" marker; on the right the chosen one's form. The list is one Tab
 * stop with arrow keys (useListNavigation); Enter or a click opens a row.
 */
export function LocalListDetail<T>(props: {
  /** The objects as the forms show them: with their saved changes (useWithSavedValues). */
  items: T[];
  keyOf: (item: T) => string;
  labelOf: (item: T) => string;
  /** The objects' type in the change queue (e.g. `csq`), for their markers. */
  pendingType: string;
  /** The objects in words, translated by the editor ("CSQs", "teams"): the list's name, and its search box's ("Search teams"). */
  listLabel: string;
  render: (item: T) => ReactNode;
  /** Shown when no object matches the search (default: "Nothing matches."). */
  empty?: string;
  /** Controls above the search box (e.g. "New CSQ…"). */
  actions?: ReactNode;
  /** Shown in the detail area instead of the chosen object's form (e.g. the form for a new one). */
  detail?: ReactNode;
  /** Open this object's form (e.g. the one just created); changes when it should. */
  select?: string | null;
}) {
  const t = useT();
  // Markers follow saved changes to "written" (the items come with their saved values: useWithSavedValues).
  const pending = useSavedChanges();
  const readOnly = useEditorReadOnly();
  const [selected, setSelected] = useState<string | null>(null);
  const [lastRequested, setLastRequested] = useState<string | null | undefined>(undefined);
  if (props.select !== undefined && props.select !== lastRequested) {
    setLastRequested(props.select);
    if (props.select !== null) setSelected(props.select);
  }
  const [filter, setFilter] = useState('');
  const visible = props.items.filter((item) => props.labelOf(item).toLowerCase().includes(filter.trim().toLowerCase()));
  const current = props.items.find((item) => props.keyOf(item) === selected) ?? null;
  const listRef = useRef<HTMLUListElement>(null);
  const idPrefix = useId().replace(/:/g, '');
  const nav = useListNavigation({
    count: visible.length,
    idPrefix,
    listRef,
    onOpen: (index) => leaveIfAllowed(() => setSelected(props.keyOf(visible[index]!))),
    labelAt: (index) => (visible[index] ? props.labelOf(visible[index]) : undefined),
    preferredIndex: visible.findIndex((item) => props.keyOf(item) === selected),
  });
  return (
    <div className="local-list-detail">
      <div className="panel local-list">
        {props.actions ? (
          <CreateDeleteFieldset>
            <div className="toolbar local-list-actions">{props.actions}</div>
          </CreateDeleteFieldset>
        ) : null}
        <input
          type="search"
          aria-label={t('uccx.localList.search', { list: props.listLabel })}
          placeholder={t('uccx.localList.search', { list: props.listLabel })}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={nav.searchBoxKeyDown}
        />
        <ul ref={listRef} role="listbox" aria-label={props.listLabel} className="nav-list" {...nav.listProps}>
          {visible.map((item, index) => {
            const key = props.keyOf(item);
            return (
              <li
                key={key}
                id={nav.rowId(index)}
                role="option"
                aria-selected={key === selected}
                className={`nav-row${index === nav.activeIndex ? ' active' : ''}${key === selected ? ' selected' : ''}`}
                onClick={() => {
                  nav.setActiveIndex(index);
                  leaveIfAllowed(() => setSelected(key));
                }}
              >
                <span translate="no">{props.labelOf(item)}</span> <PendingMarker changes={pendingFor(pending, props.pendingType, key)} brief />
              </li>
            );
          })}
        </ul>
        {visible.length === 0 ? <p className="muted">{props.empty ?? t('uccx.localList.nothingMatches')}</p> : null}
      </div>
      <div className="detail">
        {props.detail ? (
          <ReadOnlyFieldset>{props.detail}</ReadOnlyFieldset>
        ) : current ? (
          <AfterSaveFocus.Provider value={() => nav.focusRow(visible.findIndex((item) => props.keyOf(item) === selected))}>
            <ReadOnlyFieldset>{props.render(current)}</ReadOnlyFieldset>
          </AfterSaveFocus.Provider>
        ) : (
          <p className="muted panel">{readOnly ? t('uccx.localList.pickToSee') : t('uccx.localList.pickToEdit')}</p>
        )}
      </div>
    </div>
  );
}

import { useState, type ReactNode } from 'react';
import { PendingMarker } from './PendingMarker';
import { pendingFor, useUccxStore } from './uccx-store';
import { leaveIfAllowed } from '../../../store/unsaved-guard';

/**
 * A UCCX editor's layout for objects of the loaded configuration: on the left
 * the objects, filtered in the page as you type, each with its "changes
 * waiting" marker; on the right the chosen one's form.
 */
export function LocalListDetail<T>(props: {
  items: T[];
  keyOf: (item: T) => string;
  labelOf: (item: T) => string;
  /** The objects' type in the change queue (e.g. `csq`), for their markers. */
  pendingType: string;
  listLabel: string;
  render: (item: T) => ReactNode;
  empty?: string;
}) {
  const pending = useUccxStore((s) => s.pending);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const visible = props.items.filter((item) => props.labelOf(item).toLowerCase().includes(filter.trim().toLowerCase()));
  const current = props.items.find((item) => props.keyOf(item) === selected) ?? null;
  return (
    <div className="local-list-detail">
      <div className="panel local-list">
        <input type="search" aria-label={`Search ${props.listLabel}`} placeholder={`Search ${props.listLabel}`} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <ul aria-label={props.listLabel}>
          {visible.map((item) => (
            <li key={props.keyOf(item)}>
              <button type="button" className="link-button" aria-current={props.keyOf(item) === selected ? 'true' : undefined} onClick={() => leaveIfAllowed(() => setSelected(props.keyOf(item)))}>
                {props.labelOf(item)}
              </button>{' '}
              <PendingMarker changes={pendingFor(pending, props.pendingType, props.keyOf(item))} brief />
            </li>
          ))}
        </ul>
        {visible.length === 0 ? <p className="muted">{props.empty ?? 'Nothing matches.'}</p> : null}
      </div>
      <div className="detail">{current ? props.render(current) : <p className="muted panel">Pick one from the list to edit it.</p>}</div>
    </div>
  );
}

import { useState, type ReactNode } from 'react';

/** A list of objects on the left and the selected one's editor on the right. */
export function MasterDetail<T>(props: {
  items: T[];
  keyOf: (item: T) => string;
  labelOf: (item: T) => string;
  markerOf?: (item: T) => ReactNode;
  listLabel: string;
  render: (item: T) => ReactNode;
  empty?: string;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const visible = props.items.filter((item) => props.labelOf(item).toLowerCase().includes(filter.trim().toLowerCase()));
  const current = props.items.find((item) => props.keyOf(item) === selected) ?? null;
  return (
    <div className="master-detail">
      <div className="panel master-list">
        <input type="search" aria-label={`Search ${props.listLabel}`} placeholder={`Search ${props.listLabel}`} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <ul aria-label={props.listLabel}>
          {visible.map((item) => (
            <li key={props.keyOf(item)}>
              <button type="button" className="link-button" aria-current={props.keyOf(item) === selected ? 'true' : undefined} onClick={() => setSelected(props.keyOf(item))}>
                {props.labelOf(item)}
              </button>{' '}
              {props.markerOf?.(item)}
            </li>
          ))}
        </ul>
        {visible.length === 0 ? <p className="muted">{props.empty ?? 'Nothing matches.'}</p> : null}
      </div>
      <div className="detail">{current ? props.render(current) : <p className="muted panel">Pick one from the list to edit it.</p>}</div>
    </div>
  );
}

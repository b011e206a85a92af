import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<Id extends string> {
  id: Id;
  label: ReactNode;
}

/**
 * A row of tabs (WAI-ARIA tabs pattern): one Tab stop, the selected tab;
 * Left/Right move and select (wrapping), Home/End go to the ends. The panel
 * is drawn by the caller with `tabPanelProps(idPrefix, selected)`.
 */
export function TabList<Id extends string>(props: { label: string; idPrefix: string; tabs: ReadonlyArray<TabItem<Id>>; selected: Id; onSelect: (id: Id) => void; className?: string }) {
  const { tabs, selected, onSelect, idPrefix } = props;
  const listRef = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const target =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? tabs.length - 1
      : -1;
    if (target < 0) return;
    event.preventDefault();
    const next = tabs[target]!;
    onSelect(next.id);
    listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(idPrefix, next.id))}`)?.focus();
  };

  return (
    <div ref={listRef} role="tablist" aria-label={props.label} className={props.className} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const isSelected = tab.id === selected;
        return (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={tabId(idPrefix, tab.id)}
            aria-selected={isSelected}
            aria-controls={panelId(idPrefix, tab.id)}
            tabIndex={isSelected ? 0 : -1}
            className={isSelected ? 'active' : undefined}
            onClick={() => onSelect(tab.id)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

/** Props for the panel of the selected tab. */
export function tabPanelProps(idPrefix: string, selected: string) {
  return { role: 'tabpanel', id: panelId(idPrefix, selected), 'aria-labelledby': tabId(idPrefix, selected) } as const;
}

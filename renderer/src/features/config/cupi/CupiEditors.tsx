import { useState } from 'react';
import { EmptyState } from '../../../components/Placeholder';
import { useCupiState } from './cupi-hooks';
import { UsersEditor } from './UsersEditor';
import { ContactsEditor } from './ContactsEditor';
import { ListsEditor } from './ListsEditor';
import { HandlersEditor } from './HandlersEditor';
import { CloseNow } from './CloseNow';
import './cupi.css';

type Tab = 'users' | 'contacts' | 'lists' | 'handlers' | 'close';

const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'users', label: 'Users' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'lists', label: 'Distribution lists' },
  { id: 'handlers', label: 'Call handlers' },
  { id: 'close', label: 'Close now' },
];

/** The Unity Connection tab of the Configuration screen. */
export function CupiEditors() {
  const state = useCupiState();
  const [tab, setTab] = useState<Tab>('users');
  if (state && !state.configured) {
    return <EmptyState title="Unity Connection">Unity Connection is not configured in this profile. Add its publisher in Connections.</EmptyState>;
  }
  // While the publisher is unreachable, edits are queued (so the forms stay open); only credential resets wait.
  const publisherDown = state?.readOnly ?? false;
  const readOnly = false;
  return (
    <div className="cupi-editors">
      {state?.busy ? (
        <p className="banner banner-info" role="status">
          ↻ {state.busy}
        </p>
      ) : null}
      {state && state.readOnly ? (
        <p className="banner banner-warning" role="status" data-testid="cupi-readonly">
          ⚠ {state.detail}
        </p>
      ) : null}
      <div role="tablist" aria-label="Unity Connection" className="cupi-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`cupi-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`cupi-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              const index = TABS.findIndex((x) => x.id === tab);
              if (e.key === 'ArrowRight') setTab(TABS[(index + 1) % TABS.length]!.id);
              if (e.key === 'ArrowLeft') setTab(TABS[(index + TABS.length - 1) % TABS.length]!.id);
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`cupi-panel-${tab}`} aria-labelledby={`cupi-tab-${tab}`} className="cupi-panel">
        {tab === 'users' ? <UsersEditor readOnly={readOnly} publisherDown={publisherDown} /> : null}
        {tab === 'contacts' ? <ContactsEditor readOnly={readOnly} /> : null}
        {tab === 'lists' ? <ListsEditor readOnly={readOnly} /> : null}
        {tab === 'handlers' ? <HandlersEditor readOnly={readOnly} /> : null}
        {tab === 'close' ? <CloseNow readOnly={readOnly} /> : null}
      </div>
    </div>
  );
}

import { useState } from 'react';
import { EmptyState } from '../../../components/Placeholder';
import { useCupiState } from './cupi-hooks';
import { UsersEditor } from './UsersEditor';
import { ContactsEditor } from './ContactsEditor';
import { ListsEditor } from './ListsEditor';
import { HandlersEditor } from './HandlersEditor';
import { CloseNow } from './CloseNow';
import { TabList, tabPanelProps } from '../../../components/Tabs';
import { leaveIfAllowed } from '../../../store/unsaved-guard';
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
      <TabList label="Unity Connection" idPrefix="cupi" className="cupi-tabs" tabs={TABS} selected={tab} onSelect={(next) => leaveIfAllowed(() => setTab(next))} />
      <div {...tabPanelProps('cupi', tab)} className="cupi-panel">
        {tab === 'users' ? <UsersEditor readOnly={readOnly} publisherDown={publisherDown} /> : null}
        {tab === 'contacts' ? <ContactsEditor readOnly={readOnly} /> : null}
        {tab === 'lists' ? <ListsEditor readOnly={readOnly} /> : null}
        {tab === 'handlers' ? <HandlersEditor readOnly={readOnly} /> : null}
        {tab === 'close' ? <CloseNow readOnly={readOnly} /> : null}
      </div>
    </div>
  );
}

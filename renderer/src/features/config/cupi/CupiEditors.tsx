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
import { sayMain, useT, type MessageId } from '../../../i18n/i18n';
import './cupi.css';

type Tab = 'users' | 'contacts' | 'lists' | 'handlers' | 'close';

const TABS: ReadonlyArray<{ id: Tab; label: MessageId }> = [
  { id: 'users', label: 'cupi.tab.users' },
  { id: 'contacts', label: 'cupi.tab.contacts' },
  { id: 'lists', label: 'cupi.tab.lists' },
  { id: 'handlers', label: 'cupi.tab.handlers' },
  { id: 'close', label: 'cupi.tab.close' },
];

/** The Unity Connection tab of the Configuration screen. */
export function CupiEditors() {
  const t = useT();
  const state = useCupiState();
  const [tab, setTab] = useState<Tab>('users');
  if (state && !state.configured) {
    return <EmptyState title={t('status.system.cupi')}>{t('cupi.notConfigured')}</EmptyState>;
  }
  // While the publisher is unreachable, edits are queued (so the forms stay open); only credential resets wait.
  const publisherDown = state?.readOnly ?? false;
  const readOnly = false;
  return (
    <div className="cupi-editors">
      {state?.busy ? (
        <p className="banner banner-info" role="status" data-main-text={state.busyMessage ? undefined : ''}>
          ↻ {sayMain(state.busyMessage, state.busy)}
        </p>
      ) : null}
      {state && state.readOnly ? (
        <p className="banner banner-warning" role="status" data-testid="cupi-readonly" data-main-text={state.detailMessage ? undefined : ''}>
          ⚠ {sayMain(state.detailMessage, state.detail)}
        </p>
      ) : null}
      <TabList label={t('status.system.cupi')} idPrefix="cupi" className="cupi-tabs" tabs={TABS.map((item) => ({ id: item.id, label: t(item.label) }))} selected={tab} onSelect={(next) => leaveIfAllowed(() => setTab(next))} />
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

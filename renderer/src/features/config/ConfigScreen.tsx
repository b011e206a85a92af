import { useState } from 'react';
import { UccxEditors } from './uccx/UccxEditors';
import { CupiEditors } from './cupi/CupiEditors';
import { leaveIfAllowed } from '../../store/unsaved-guard';
import { TabList, tabPanelProps, type TabItem } from '../../components/Tabs';
import './config.css';

type SystemTab = 'uccx' | 'cupi';

const SYSTEM_TABS: ReadonlyArray<TabItem<SystemTab>> = [
  { id: 'uccx', label: 'UCCX' },
  { id: 'cupi', label: 'Unity Connection' },
];

/** Configuration: one tab per system. Every change goes through the Pending changes queue. */
export function ConfigScreen() {
  const [system, setSystem] = useState<SystemTab>('uccx');
  return (
    <section className="config-screen" aria-labelledby="config-title">
      <div className="screen-header">
        <h1 id="config-title">Configuration</h1>
        <TabList label="System" idPrefix="config-system" className="system-tabs" tabs={SYSTEM_TABS} selected={system} onSelect={(next) => leaveIfAllowed(() => setSystem(next))} />
      </div>
      <div {...tabPanelProps('config-system', system)}>{system === 'uccx' ? <UccxEditors /> : <CupiEditors />}</div>
    </section>
  );
}

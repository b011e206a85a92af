import { useState } from 'react';
import { UccxEditors } from './uccx/UccxEditors';
import { CupiEditors } from './cupi/CupiEditors';
import { leaveIfAllowed } from '../../store/unsaved-guard';
import { TabList, tabPanelProps, type TabItem } from '../../components/Tabs';
import { useT } from '../../i18n/i18n';
import './config.css';

type SystemTab = 'uccx' | 'cupi';


/** Configuration: one tab per system. Every change goes through the Pending changes queue. */
export function ConfigScreen() {
  const t = useT();
  const [system, setSystem] = useState<SystemTab>('uccx');
  const systemTabs: ReadonlyArray<TabItem<SystemTab>> = [
    { id: 'uccx', label: t('status.system.uccx') },
    { id: 'cupi', label: t('status.system.cupi') },
  ];
  return (
    <section className="config-screen" aria-labelledby="config-title">
      <div className="screen-header">
        <h1 id="config-title">{t('config.title')}</h1>
        <TabList label={t('config.systemTabs')} idPrefix="config-system" className="system-tabs" tabs={systemTabs} selected={system} onSelect={(next) => leaveIfAllowed(() => setSystem(next))} />
      </div>
      <div {...tabPanelProps('config-system', system)}>{system === 'uccx' ? <UccxEditors /> : <CupiEditors />}</div>
    </section>
  );
}

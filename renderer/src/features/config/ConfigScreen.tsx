import { useState } from 'react';
import { UccxEditors } from './uccx/UccxEditors';
import { CupiEditors } from './cupi/CupiEditors';
import { leaveIfAllowed } from '../../store/unsaved-guard';
import './config.css';

type SystemTab = 'uccx' | 'cupi';

/** Configuration: one tab per system. Every change goes through the Pending changes queue. */
export function ConfigScreen() {
  const [system, setSystem] = useState<SystemTab>('uccx');
  return (
    <section className="config-screen" aria-labelledby="config-title">
      <div className="screen-header">
        <h1 id="config-title">Configuration</h1>
        <div role="tablist" aria-label="System" className="system-tabs">
          <button type="button" role="tab" aria-selected={system === 'uccx'} className={system === 'uccx' ? 'active' : undefined} onClick={() => leaveIfAllowed(() => setSystem('uccx'))}>
            UCCX
          </button>
          <button type="button" role="tab" aria-selected={system === 'cupi'} className={system === 'cupi' ? 'active' : undefined} onClick={() => leaveIfAllowed(() => setSystem('cupi'))}>
            Unity Connection
          </button>
        </div>
      </div>
      {system === 'uccx' ? <UccxEditors /> : <CupiEditors />}
    </section>
  );
}

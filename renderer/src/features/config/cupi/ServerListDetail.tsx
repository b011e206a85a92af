import { useCallback, useState, type ReactNode } from 'react';
import type { CupiObjectType } from '../../../../../shared/domain/cupi';
import { ObjectList } from './ObjectList';
import { leaveIfAllowed } from '../../../store/unsaved-guard';
import { useT } from '../../../i18n/i18n';

/**
 * A Unity Connection editor's layout: on the left a "new" button and the
 * server-side search list (ObjectList: searched and paged on the server,
 * virtualized), on the right the chosen object or the create form. A write
 * reloads the list; a delete also clears the choice.
 */
export function ServerListDetail(props: {
  type: CupiObjectType;
  label: string;
  readOnly: boolean;
  newLabel: string;
  renderNew: (done: (createdAlias?: string) => void) => ReactNode;
  renderDetail: (objectId: string, afterWrite: (gone?: boolean) => void) => ReactNode;
}) {
  const t = useT();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const afterWrite = useCallback((gone?: boolean) => {
    setRefreshKey((k) => k + 1);
    if (gone) setSelected(null);
  }, []);
  return (
    <div className="cupi-list-detail">
      <div className="cupi-list-pane">
        <div className="toolbar">
          <button type="button" onClick={() => leaveIfAllowed(() => setCreating(true))} disabled={props.readOnly}>
            + {props.newLabel}
          </button>
        </div>
        <ObjectList
          type={props.type}
          label={props.label}
          selectedId={selected}
          refreshKey={refreshKey}
          onSelect={(row) =>
            // A form with unsaved edits asks before another object replaces it.
            leaveIfAllowed(() => {
              setCreating(false);
              setSelected(row.ObjectId ?? null);
            })
          }
        />
      </div>
      <section className="cupi-detail panel" aria-label={t('cupi.details')}>
        {creating ? (
          props.renderNew(() => {
            setCreating(false);
            setRefreshKey((k) => k + 1);
          })
        ) : selected ? (
          props.renderDetail(selected, afterWrite)
        ) : (
          <p className="muted">{t('cupi.chooseEntry')}</p>
        )}
      </section>
    </div>
  );
}

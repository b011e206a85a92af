import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { call } from '../../../api/client';
import type { CupiDetail } from '../../../../../shared/ipc/areas/cupi';
import type { CupiFields, CupiObjectType } from '../../../../../shared/domain/cupi';
import { describeSource, runWrite } from './cupi-hooks';
import { FieldForm, type FieldSpec } from './FieldForm';
import { ObjectList } from './ObjectList';

/**
 * Unity Connection time zones are Windows-style numbers ([U]: the full table
 * is long; the common contact-centre zones are offered, and any other value
 * already set on an object is kept and shown as its number).
 */
export const TIME_ZONES = [
  { value: '35', label: '(GMT-05:00) Eastern Time (US & Canada)' },
  { value: '20', label: '(GMT-06:00) Central Time (US & Canada)' },
  { value: '10', label: '(GMT-07:00) Mountain Time (US & Canada)' },
  { value: '4', label: '(GMT-08:00) Pacific Time (US & Canada)' },
  { value: '85', label: '(GMT+00:00) London, Dublin, Lisbon' },
  { value: '110', label: '(GMT+01:00) Amsterdam, Berlin, Rome, Vienna' },
  { value: '105', label: '(GMT+01:00) Paris, Madrid, Brussels' },
  { value: '190', label: '(GMT+05:30) India' },
  { value: '255', label: '(GMT+10:00) Sydney, Melbourne' },
];

export const USER_FIELDS: FieldSpec[] = [
  { name: 'Alias', label: 'Alias', required: true },
  { name: 'FirstName', label: 'First name' },
  { name: 'LastName', label: 'Last name' },
  { name: 'DisplayName', label: 'Display name' },
  { name: 'DtmfAccessId', label: 'Extension', hint: 'Digits only; must not be used by another user, contact, list or call handler.' },
  { name: 'SmtpAddress', label: 'SMTP address', kind: 'email' },
  { name: 'TimeZone', label: 'Time zone', kind: 'select', options: TIME_ZONES },
  { name: 'UseDefaultTimeZone', label: 'Use the system default time zone', kind: 'bool' },
];

export const CONTACT_FIELDS: FieldSpec[] = [
  { name: 'Alias', label: 'Alias', required: true },
  { name: 'FirstName', label: 'First name' },
  { name: 'LastName', label: 'Last name' },
  { name: 'DisplayName', label: 'Display name' },
  { name: 'DtmfAccessId', label: 'Extension' },
  { name: 'SmtpAddress', label: 'SMTP address', kind: 'email' },
  { name: 'TransferEnabled', label: 'Transfer callers to this contact', kind: 'bool' },
  { name: 'TransferExtension', label: 'Transfer number' },
  { name: 'ListInDirectory', label: 'List in the directory', kind: 'bool' },
];

export const LIST_FIELDS: FieldSpec[] = [
  { name: 'Alias', label: 'Alias', required: true },
  { name: 'DisplayName', label: 'Display name' },
  { name: 'DtmfAccessId', label: 'Extension' },
  { name: 'AllowContacts', label: 'Contacts may be members', kind: 'bool' },
  { name: 'IsPublic', label: 'Public list', kind: 'bool' },
];

export const HANDLER_FIELDS: FieldSpec[] = [
  { name: 'DisplayName', label: 'Name', required: true },
  { name: 'DtmfAccessId', label: 'Extension' },
  { name: 'TimeZone', label: 'Time zone', kind: 'select', options: TIME_ZONES },
  { name: 'UseDefaultTimeZone', label: 'Use the system default time zone', kind: 'bool' },
];

export function labelOf(type: CupiObjectType, fields: CupiFields): string {
  const word = { user: 'User', contact: 'Contact', distributionlist: 'Distribution list', callhandler: 'Call handler' }[type];
  const name = type === 'callhandler' ? fields.DisplayName : fields.Alias && fields.DisplayName ? `${fields.Alias} (${fields.DisplayName})` : fields.Alias;
  return `${word} ${name ?? ''}`.trim();
}

/** Load one object's detail; reload after writes. */
export function useDetail(type: CupiObjectType, objectId: string | null) {
  const [detail, setDetail] = useState<CupiDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!objectId) {
      setDetail(null);
      return;
    }
    let alive = true;
    setError(null);
    call('cupi:get', { type, objectId })
      .then((d) => alive && setDetail(d))
      .catch((e: Error) => {
        if (alive) {
          setDetail(null);
          setError(e.message);
        }
      });
    return () => {
      alive = false;
    };
  }, [type, objectId, version]);
  return { detail, error, reload: useCallback(() => setVersion((v) => v + 1), []) };
}

/** List on the left, the chosen object (or a create form) on the right. */
export function MasterDetail(props: {
  type: CupiObjectType;
  label: string;
  describe: (row: CupiFields) => [string, string, string];
  readOnly: boolean;
  newLabel: string;
  renderNew: (done: (createdAlias?: string) => void) => ReactNode;
  renderDetail: (objectId: string, afterWrite: (gone?: boolean) => void) => ReactNode;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const afterWrite = useCallback((gone?: boolean) => {
    setRefreshKey((k) => k + 1);
    if (gone) setSelected(null);
  }, []);
  return (
    <div className="cupi-master-detail">
      <div className="cupi-master">
        <div className="toolbar">
          <button type="button" onClick={() => setCreating(true)} disabled={props.readOnly}>
            + {props.newLabel}
          </button>
        </div>
        <ObjectList
          type={props.type}
          label={props.label}
          describe={props.describe}
          selectedId={selected}
          refreshKey={refreshKey}
          onSelect={(row) => {
            setCreating(false);
            setSelected(row.ObjectId ?? null);
          }}
        />
      </div>
      <section className="cupi-detail panel" aria-label="Details">
        {creating ? (
          props.renderNew(() => {
            setCreating(false);
            setRefreshKey((k) => k + 1);
          })
        ) : selected ? (
          props.renderDetail(selected, afterWrite)
        ) : (
          <p className="muted">Choose an entry on the left, or search for one.</p>
        )}
      </section>
    </div>
  );
}

/** The header of a detail panel: name, where the data came from, delete with confirmation. */
export function DetailHeader(props: { title: string; detail: CupiDetail; readOnly: boolean; onDelete?: () => Promise<void>; deleteWarning?: string }) {
  const [confirming, setConfirming] = useState(false);
  const note = describeSource(props.detail.source, props.detail.fetchedAt);
  return (
    <header className="cupi-detail-header">
      <h3>{props.title}</h3>
      {note ? <p className="banner banner-warning">ⓘ {note}</p> : null}
      {props.onDelete ? (
        confirming ? (
          <div className="banner banner-error" role="alertdialog" aria-label="Confirm delete">
            <p>
              Delete {props.title}? {props.deleteWarning ?? 'This cannot be undone.'}
            </p>
            <div className="toolbar">
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirming(false);
                  void props.onDelete!();
                }}
              >
                Delete
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={props.readOnly}>
            Delete…
          </button>
        )
      ) : null}
    </header>
  );
}

/** Create form: the fields of a type (and, for users, the template). */
export function CreateForm(props: { type: CupiObjectType; fields: FieldSpec[]; readOnly: boolean; done: () => void; extra?: ReactNode; template?: string; title: string }) {
  return (
    <div>
      <h3>{props.title}</h3>
      {props.extra}
      <FieldForm
        idPrefix={`new-${props.type}`}
        fields={props.fields}
        base={{}}
        readOnly={props.readOnly}
        saveLabel="Review new entry"
        onSave={async (fields) => {
          const outcome = await runWrite(() => call('cupi:create', { type: props.type, fields, template: props.template }));
          if (outcome) props.done();
          return outcome !== null;
        }}
      />
    </div>
  );
}

/** Edit form of an object's own fields, with conflict-checked save. */
export function ObjectFields(props: { type: CupiObjectType; detail: CupiDetail; fields: FieldSpec[]; readOnly: boolean; afterWrite: () => void }) {
  const { type, detail } = props;
  return (
    <FieldForm
      idPrefix={`${type}-${detail.fields.ObjectId}`}
      fields={props.fields}
      base={detail.fields}
      readOnly={props.readOnly}
      onSave={async (changes) => {
        const base = Object.fromEntries(Object.keys(changes).map((k) => [k, detail.fields[k] ?? '']));
        const outcome = await runWrite(() =>
          call('cupi:update', { type, objectId: detail.fields.ObjectId!, label: labelOf(type, detail.fields), base, changes }),
        );
        if (outcome) props.afterWrite();
        return outcome !== null;
      }}
    />
  );
}

/** Delete an object, sending what the user saw for the conflict check. */
export async function deleteObject(type: CupiObjectType, detail: CupiDetail, afterWrite: (gone?: boolean) => void): Promise<void> {
  const base = Object.fromEntries(['Alias', 'DisplayName', 'DtmfAccessId'].filter((k) => detail.fields[k] !== undefined).map((k) => [k, detail.fields[k]!]));
  const outcome = await runWrite(() => call('cupi:delete', { type, objectId: detail.fields.ObjectId!, label: labelOf(type, detail.fields), base }));
  if (outcome) afterWrite(true);
}

import { useState, type ReactNode } from 'react';
import { ErrorBanner } from '../../../components/ErrorDetails';
import { call } from '../../../api/client';
import type { CupiDetail } from '../../../../../shared/ipc/areas/cupi';
import type { CupiObjectType } from '../../../../../shared/domain/cupi';
import { cupiObjectLabel, validateCupiFields, type CupiFieldSpec } from '../../../../../shared/domain/cupi-fields';
import { describeSource, runWrite, useObjectDetail } from './cupi-hooks';
import { FieldForm } from './FieldForm';
import { useLocale, useT } from '../../../i18n/i18n';
import { objectLabel } from './cupi-words';

/** Whether an object offers delete: the confirmation's warning, or `locked` (shown but disabled). */
export interface DeleteRule {
  warning?: string;
  locked?: boolean;
}

/**
 * The right-hand side of a Unity Connection editor for one object: loads it,
 * shows its header (name, where the data came from, delete), the form of its
 * own fields with a conflict-checked save, then what the type adds
 * (`children`: credentials, members, greetings).
 */
export function ObjectDetail(props: {
  type: CupiObjectType;
  objectId: string;
  fields: readonly CupiFieldSpec[];
  readOnly: boolean;
  afterWrite: (gone?: boolean) => void;
  /** Delete is offered when this returns a rule (never when absent). */
  deletion?: (detail: CupiDetail) => DeleteRule | null;
  children?: (detail: CupiDetail, reload: () => void) => ReactNode;
}) {
  const t = useT();
  const { type, readOnly, afterWrite } = props;
  const { detail, error, reload } = useObjectDetail(type, props.objectId);
  if (error) return <ErrorBanner error={error} />;
  if (!detail) return <p className="muted">{t('cupi.loading')}</p>;
  const rule = props.deletion?.(detail) ?? null;
  return (
    <div>
      <DetailHeader
        title={objectLabel(t, type, detail.fields)}
        detail={detail}
        readOnly={readOnly || Boolean(rule?.locked)}
        deleteWarning={rule?.warning}
        onDelete={rule ? () => deleteObject(type, detail, afterWrite) : undefined}
      />
      <ObjectFields
        type={type}
        detail={detail}
        fields={props.fields}
        readOnly={readOnly}
        afterWrite={() => {
          reload();
          afterWrite();
        }}
      />
      {props.children?.(detail, reload)}
    </div>
  );
}

/** The header of a detail panel: name, where the data came from, delete with confirmation. */
function DetailHeader(props: { title: string; detail: CupiDetail; readOnly: boolean; onDelete?: () => Promise<void>; deleteWarning?: string }) {
  const t = useT();
  const locale = useLocale();
  const [confirming, setConfirming] = useState(false);
  const note = describeSource(t, locale, props.detail.source, props.detail.fetchedAt);
  return (
    <header className="cupi-detail-header">
      <h2>{props.title}</h2>
      {note ? <p className="banner banner-warning">ℹ {note}</p> : null}
      {props.onDelete ? (
        confirming ? (
          <div className="banner banner-error" role="alertdialog" aria-label={t('cupi.delete.confirmLabel')}>
            <p>
              {t('cupi.delete.question', { name: props.title })} {props.deleteWarning ?? t('cupi.delete.cannotUndo')}
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
                {t('cupi.delete.confirm')}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={props.readOnly}>
            {t('cupi.delete')}
          </button>
        )
      ) : null}
    </header>
  );
}

/** Create form: the fields of a type (and, for users, the template). */
export function CreateForm(props: { type: CupiObjectType; fields: readonly CupiFieldSpec[]; readOnly: boolean; done: () => void; extra?: ReactNode; template?: string; title: string }) {
  const t = useT();
  return (
    <div>
      <h2>{props.title}</h2>
      {props.extra}
      <FieldForm
        idPrefix={`new-${props.type}`}
        name={props.title}
        fields={props.fields}
        validate={(fields) => validateCupiFields(props.type, fields)}
        base={{}}
        readOnly={props.readOnly}
        saveLabel={t('cupi.form.reviewNew')}
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
function ObjectFields(props: { type: CupiObjectType; detail: CupiDetail; fields: readonly CupiFieldSpec[]; readOnly: boolean; afterWrite: () => void }) {
  const t = useT();
  const { type, detail } = props;
  return (
    <FieldForm
      idPrefix={`${type}-${detail.fields.ObjectId}`}
      name={objectLabel(t, type, detail.fields)}
      fields={props.fields}
      validate={(changes) => validateCupiFields(type, changes)}
      base={detail.fields}
      readOnly={props.readOnly}
      onSave={async (changes) => {
        const base = Object.fromEntries(Object.keys(changes).map((k) => [k, detail.fields[k] ?? '']));
        const outcome = await runWrite(() =>
          call('cupi:update', { type, objectId: detail.fields.ObjectId!, label: cupiObjectLabel(type, detail.fields), base, changes }),
        );
        if (outcome) props.afterWrite();
        return outcome !== null;
      }}
    />
  );
}

/** Delete an object, sending what the user saw for the conflict check. */
async function deleteObject(type: CupiObjectType, detail: CupiDetail, afterWrite: (gone?: boolean) => void): Promise<void> {
  const base = Object.fromEntries(['Alias', 'DisplayName', 'DtmfAccessId'].filter((k) => detail.fields[k] !== undefined).map((k) => [k, detail.fields[k]!]));
  const outcome = await runWrite(() => call('cupi:delete', { type, objectId: detail.fields.ObjectId!, label: cupiObjectLabel(type, detail.fields), base }));
  if (outcome) afterWrite(true);
}

import { useEffect, useState } from 'react';
import { call } from '../../../api/client';
import type { CredentialKind, CupiCredentialView, CupiFields } from '../../../../../shared/domain/cupi';
import { pushNotice } from '../../../store/app-store';
import { USER_FIELDS, cupiObjectLabel } from '../../../../../shared/domain/cupi-fields';
import { CheckField, Field } from '../../../components/Field';
import { runWrite } from './cupi-hooks';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { ServerListDetail } from './ServerListDetail';
import { sayMain, useLocale, useT } from '../../../i18n/i18n';
import { MainText, shownError, type ShownError } from '../../../components/ErrorDetails';
import { cupiEventDate } from './cupi-words';

export function UsersEditor({ readOnly, publisherDown }: { readOnly: boolean; publisherDown: boolean }) {
  const t = useT();
  return (
    <ServerListDetail
      type="user"
      label={t('cupi.users.label')}
      newLabel={t('cupi.users.new')}
      readOnly={readOnly}
      renderNew={(done) => <NewUser readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => <UserDetail key={id} objectId={id} readOnly={readOnly} publisherDown={publisherDown} afterWrite={afterWrite} />}
    />
  );
}

function NewUser({ readOnly, done }: { readOnly: boolean; done: () => void }) {
  const t = useT();
  const [templates, setTemplates] = useState<CupiFields[]>([]);
  const [template, setTemplate] = useState('voicemailusertemplate');
  useEffect(() => {
    call('cupi:user-templates', undefined)
      .then(setTemplates)
      .catch(() => setTemplates([]));
  }, []);
  return (
    <CreateForm
      type="user"
      title={t('cupi.users.new')}
      fields={USER_FIELDS.filter((f) => f.name !== 'UseDefaultTimeZone')}
      readOnly={readOnly}
      done={done}
      template={template}
      extra={
        <Field label={t('cupi.user.template')} hint={t('cupi.user.templateHint')}>
          <select id="new-user-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {templates.length === 0 ? <option value="voicemailusertemplate">{t('cupi.user.defaultTemplate')}</option> : null}
            {templates.map((template) => (
              <option key={template.ObjectId ?? template.Alias} value={template.Alias} translate="no">
                {template.DisplayName ?? template.Alias}
              </option>
            ))}
          </select>
        </Field>
      }
    />
  );
}

export function UserDetail({ objectId, readOnly, publisherDown, afterWrite }: { objectId: string; readOnly: boolean; publisherDown: boolean; afterWrite: (gone?: boolean) => void }) {
  const t = useT();
  return (
    <ObjectDetail
      type="user"
      objectId={objectId}
      fields={USER_FIELDS}
      readOnly={readOnly}
      afterWrite={afterWrite}
      deletion={() => ({ warning: t('cupi.delete.userWarning') })}
    >
      {(detail, reload) => {
        const label = cupiObjectLabel('user', detail.fields);
        return (
          <div className="cupi-credentials">
            <CredentialPanel userId={objectId} userLabel={label} kind="pin" view={detail.pin ?? null} readOnly={readOnly || publisherDown} afterWrite={reload} />
            <CredentialPanel userId={objectId} userLabel={label} kind="password" view={detail.password ?? null} readOnly={readOnly || publisherDown} afterWrite={reload} />
          </div>
        );
      }}
    </ObjectDetail>
  );
}

function CredentialPanel(props: { userId: string; userLabel: string; kind: CredentialKind; view: CupiCredentialView | null; readOnly: boolean; afterWrite: () => void }) {
  const t = useT();
  const locale = useLocale();
  const { kind, view } = props;
  const [value, setValue] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [error, setError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState(false);
  const what = kind === 'pin' ? t('cupi.credential.pin') : t('cupi.credential.password');
  const id = `cred-${kind}-${props.userId}`;
  if (!view) {
    return (
      <section className="cupi-credential" aria-label={what}>
        <h3>{what}</h3>
        <p className="muted">{t('cupi.credential.unavailable')}</p>
      </section>
    );
  }
  const status = view.hacked
    ? view.timeLockout
      ? t('cupi.credential.lockedOutSince', { count: view.hackCount, since: cupiEventDate(t, locale, view.timeLockout) })
      : t('cupi.credential.lockedOut', { count: view.hackCount })
    : view.locked
      ? t('cupi.credential.lockedByAdmin')
      : t('cupi.credential.notLocked');

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await call('cupi:credential-reset', { userId: props.userId, userLabel: props.userLabel, kind, value, mustChange });
      setValue('');
      pushNotice('info', sayMain(outcome.said, outcome.message));
      props.afterWrite();
    } catch (e) {
      // The policy's own words ("The PIN must be at least 6 digits long.") stay next to the field, as Unity Connection wrote them.
      setError(shownError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cupi-credential" aria-label={what}>
      <h3>{what}</h3>
      <p data-testid={`${kind}-status`}>{status}</p>
      <p>
        {view.mustChange ? t('cupi.credential.mustChange') : t('cupi.credential.noChange')}
        {view.timeChanged ? <span className="muted">{t('cupi.credential.lastChanged', { when: cupiEventDate(t, locale, view.timeChanged) })}</span> : null}
      </p>
      <div className="toolbar">
        {view.hacked || view.locked ? (
          <button type="button" disabled={props.readOnly || busy} onClick={() => void runWrite(() => call('cupi:credential-unlock', { userId: props.userId, userLabel: props.userLabel, kind })).then(props.afterWrite)}>
            {t('cupi.credential.unlock')}
          </button>
        ) : null}
        <button
          type="button"
          disabled={props.readOnly || busy}
          onClick={() =>
            void runWrite(() => call('cupi:credential-must-change', { userId: props.userId, userLabel: props.userLabel, kind, mustChange: !view.mustChange })).then(props.afterWrite)
          }
        >
          {view.mustChange ? t('cupi.credential.dontRequire') : t('cupi.credential.require')}
        </button>
      </div>
      <form
        className="cupi-reset"
        onSubmit={(e) => {
          e.preventDefault();
          if (value) void reset();
        }}
      >
        <Field label={kind === 'pin' ? t('cupi.credential.newPin') : t('cupi.credential.newPassword')}>
          <input
            id={id}
            type="password"
            autoComplete="new-password"
            inputMode={kind === 'pin' ? 'numeric' : undefined}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            disabled={props.readOnly || busy}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </Field>
        <CheckField id={`${id}-must`} label={t('cupi.credential.mustChangeCheck')} checked={mustChange} onChange={setMustChange} />
        <button type="submit" disabled={props.readOnly || busy || !value}>
          {kind === 'pin' ? t('cupi.credential.resetPin') : t('cupi.credential.resetPassword')}
        </button>
        {error ? (
          <p id={`${id}-error`} className="banner banner-error" role="alert">
            ⚠ <MainText said={error.said} english={error.message} />
          </p>
        ) : null}
        {props.readOnly ? <p className="muted">{t('cupi.credential.publisherDown')}</p> : null}
      </form>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { formatCupiDate } from '../../../../../shared/domain/time-words';
import { call } from '../../../api/client';
import type { CredentialKind, CupiCredentialView, CupiFields } from '../../../../../shared/domain/cupi';
import { pushNotice } from '../../../store/app-store';
import { USER_FIELDS, cupiObjectLabel } from '../../../../../shared/domain/cupi-fields';
import { CheckField, Field } from '../../../components/Field';
import { runWrite } from './cupi-hooks';
import { CreateForm, ObjectDetail } from './ObjectDetail';
import { ServerListDetail } from './ServerListDetail';

export function UsersEditor({ readOnly, publisherDown }: { readOnly: boolean; publisherDown: boolean }) {
  return (
    <ServerListDetail
      type="user"
      label="users"
      newLabel="New user"
      readOnly={readOnly}
      renderNew={(done) => <NewUser readOnly={readOnly} done={done} />}
      renderDetail={(id, afterWrite) => <UserDetail key={id} objectId={id} readOnly={readOnly} publisherDown={publisherDown} afterWrite={afterWrite} />}
    />
  );
}

function NewUser({ readOnly, done }: { readOnly: boolean; done: () => void }) {
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
      title="New user"
      fields={USER_FIELDS.filter((f) => f.name !== 'UseDefaultTimeZone')}
      readOnly={readOnly}
      done={done}
      template={template}
      extra={
        <Field label="User template" hint="The template sets the class of service, mailbox and defaults of the new user.">
          <select id="new-user-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
            {templates.length === 0 ? <option value="voicemailusertemplate">Voice Mail User Template</option> : null}
            {templates.map((t) => (
              <option key={t.ObjectId ?? t.Alias} value={t.Alias}>
                {t.DisplayName ?? t.Alias}
              </option>
            ))}
          </select>
        </Field>
      }
    />
  );
}

export function UserDetail({ objectId, readOnly, publisherDown, afterWrite }: { objectId: string; readOnly: boolean; publisherDown: boolean; afterWrite: (gone?: boolean) => void }) {
  return (
    <ObjectDetail
      type="user"
      objectId={objectId}
      fields={USER_FIELDS}
      readOnly={readOnly}
      afterWrite={afterWrite}
      deletion={() => ({ warning: 'Their mailbox and messages are deleted with them.' })}
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
  const { kind, view } = props;
  const [value, setValue] = useState('');
  const [mustChange, setMustChange] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const what = kind === 'pin' ? 'PIN' : 'Web password';
  const id = `cred-${kind}-${props.userId}`;
  if (!view) {
    return (
      <section className="cupi-credential" aria-label={what}>
        <h3>{what}</h3>
        <p className="muted">Not available for this account.</p>
      </section>
    );
  }
  const status = view.hacked
    ? `⚠ Locked out after ${view.hackCount} failed sign-in${view.hackCount === 1 ? '' : 's'}${view.timeLockout ? ` (since ${formatCupiDate(view.timeLockout)})` : ''}`
    : view.locked
      ? '⚠ Locked by an administrator'
      : '✓ Not locked';

  const reset = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await call('cupi:credential-reset', { userId: props.userId, userLabel: props.userLabel, kind, value, mustChange });
      setValue('');
      pushNotice('info', outcome.message);
      props.afterWrite();
    } catch (e) {
      // The policy's own words ("The PIN must be at least 6 digits long.") stay next to the field.
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cupi-credential" aria-label={what}>
      <h3>{what}</h3>
      <p data-testid={`${kind}-status`}>{status}</p>
      <p>
        {view.mustChange ? '↻ Must be changed at next sign-in' : 'No change required at next sign-in'}
        {view.timeChanged ? <span className="muted"> · last changed {formatCupiDate(view.timeChanged)}</span> : null}
      </p>
      <div className="toolbar">
        {view.hacked || view.locked ? (
          <button type="button" disabled={props.readOnly || busy} onClick={() => void runWrite(() => call('cupi:credential-unlock', { userId: props.userId, userLabel: props.userLabel, kind })).then(props.afterWrite)}>
            Unlock
          </button>
        ) : null}
        <button
          type="button"
          disabled={props.readOnly || busy}
          onClick={() =>
            void runWrite(() => call('cupi:credential-must-change', { userId: props.userId, userLabel: props.userLabel, kind, mustChange: !view.mustChange })).then(props.afterWrite)
          }
        >
          {view.mustChange ? 'Do not require a change' : 'Require a change at next sign-in'}
        </button>
      </div>
      <form
        className="cupi-reset"
        onSubmit={(e) => {
          e.preventDefault();
          if (value) void reset();
        }}
      >
        <Field label={`New ${kind === 'pin' ? 'PIN' : 'web password'}`}>
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
        <CheckField id={`${id}-must`} label="Must change at next sign-in" checked={mustChange} onChange={setMustChange} />
        <button type="submit" disabled={props.readOnly || busy || !value}>
          Reset {kind === 'pin' ? 'PIN' : 'web password'}
        </button>
        {error ? (
          <p id={`${id}-error`} className="banner banner-error" role="alert">
            ⚠ {error}
          </p>
        ) : null}
        {props.readOnly ? <p className="muted">PIN and password changes need the publisher; it is unreachable, and they are never queued.</p> : null}
      </form>
    </section>
  );
}

import { applicationFields, type UccxApplication, type UccxConfig } from '../../../../../shared/domain/uccx';
import { plainTerm } from '../../../../../shared/domain/glossary';
import { CheckField, Field, FieldErrorText, invalidProps } from '../../../components/Field';
import { PlainValue } from '../../../components/PlainValue';
import { LocalListDetail } from './LocalListDetail';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { submitEdits, updateRequest } from './uccx-store';
import { useWithSavedValues } from './saved-values';

/** A script parameter the IVR reads as a switch: boolean-typed, or holding true/false. */
export function isToggle(param: { value: string; type: string }): boolean {
  return /boolean/i.test(param.type) || /^(true|false)$/i.test(param.value);
}

const applicationKey = (app: UccxApplication) => app.name;

export function ApplicationsEditor({ config }: { config: UccxConfig }) {
  const applications = useWithSavedValues('application', config.applications, applicationKey, config);
  return (
    <LocalListDetail
      items={applications}
      keyOf={applicationKey}
      labelOf={(app) => app.name}
      pendingType="application"
      listLabel="applications"
      render={(app) => <ApplicationForm key={`${app.name}:${JSON.stringify(applicationFields(app))}`} application={app} config={config} />}
    />
  );
}

function ApplicationForm({ application, config }: { application: UccxApplication; config: UccxConfig }) {
  const parameterTypes = Object.fromEntries(application.params.map((param) => [param.name, param.type]));
  const { draft, setDraft, base, mine, labels, errors, errorOf, reset } = useEditDraft(application, applicationFields, config, 'application', { parameterTypes });
  const errorId = (field: string) => `app-${application.name}-${field}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
  const setParam = (name: string, value: string) => setDraft({ ...draft, params: draft.params.map((p) => (p.name === name ? { ...p, value } : p)) });
  return (
    <form className="panel" aria-label={`Edit application ${application.name}`} onSubmit={(e) => e.preventDefault()}>
      <h2>{application.name}</h2>
      <p className="muted">
        <PlainValue term={plainTerm('application-type', application.type)} /> · <PlainValue term={plainTerm('script', application.script)} />
      </p>
      <div className="form-grid">
        <CheckField label="Enabled" checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} />
        <Field label="Description" error={errorOf('description')}>
          <input value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </Field>
        <Field label="Maximum sessions" error={errorOf('maxsession')}>
          <input type="number" min={1} value={draft.maxsession ?? ''} onChange={(e) => setDraft({ ...draft, maxsession: e.target.value === '' ? null : Math.round(Number(e.target.value)) })} />
        </Field>
      </div>
      <h3>Script parameters</h3>
      {draft.params.length === 0 ? <p className="muted">This script has no parameters.</p> : null}
      <table className="data">
        <tbody>
          {draft.params.map((param) => (
            <tr key={param.name}>
              <th scope="row">
                {param.name}
                <div className="muted param-type">
                  <PlainValue term={plainTerm('script-parameter-type', param.type)} />
                </div>
              </th>
              <td>
                {isToggle(param) ? (
                  <label className="inline switch">
                    <input type="checkbox" role="switch" checked={param.value.toLowerCase() === 'true'} onChange={(e) => setParam(param.name, e.target.checked ? 'true' : 'false')} />
                    {param.value.toLowerCase() === 'true' ? 'On' : 'Off'}
                  </label>
                ) : (
                  <>
                    <input
                      aria-label={`Value of ${param.name}`}
                      value={param.value}
                      onChange={(e) => setParam(param.name, e.target.value)}
                      {...invalidProps(errorId(`param/${param.name}`), errorOf(`param/${param.name}`))}
                    />
                    <FieldErrorText id={errorId(`param/${param.name}`)} message={errorOf(`param/${param.name}`)} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReviewAndQueue
        name={application.name}
        base={base}
        mine={mine}
        labels={labels}
        errors={errors}
        onReset={reset}
        onQueue={() =>
          submitEdits([
            updateRequest('application', application.name, `Application ${application.name}`, { base, mine, labels }, Object.keys(mine).map((f) => `${labels[f] ?? f}: ${String(mine[f])}`).join(', ')),
          ])
        }
      />
    </form>
  );
}

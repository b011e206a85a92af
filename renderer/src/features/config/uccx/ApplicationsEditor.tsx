import { applicationFields, type UccxApplication, type UccxConfig } from '../../../../../shared/domain/uccx';
import { plainTerm, type PlainTerm } from '../../../../../shared/domain/glossary';
import { useT, type MessageId } from '../../../i18n/i18n';
import { sayTerm } from './term-words';
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

/** The glossary's words for application kinds and script parameter types (shared/domain/glossary.ts), in the screen's language. */
const APPLICATION_TYPE_WORDS: Record<string, MessageId> = {
  'Script application': 'uccx.applications.type.script',
  'Busy signal': 'uccx.applications.type.busy',
  'Ring, no answer': 'uccx.applications.type.ringNoAnswer',
  Overflow: 'uccx.applications.type.overflow',
};
const PARAMETER_TYPE_WORDS: Record<string, MessageId> = {
  'Yes/No': 'uccx.applications.parameterType.yesNo',
  'Whole number': 'uccx.applications.parameterType.wholeNumber',
  Number: 'uccx.applications.parameterType.number',
  Text: 'uccx.applications.parameterType.text',
  'Single character': 'uccx.applications.parameterType.character',
  Date: 'uccx.applications.parameterType.date',
  'Time of day': 'uccx.applications.parameterType.timeOfDay',
  Prompt: 'uccx.applications.parameterType.prompt',
  'Business calendar': 'uccx.applications.parameterType.calendar',
  Grammar: 'uccx.applications.parameterType.grammar',
  Document: 'uccx.applications.parameterType.document',
  Contact: 'uccx.applications.parameterType.contact',
  Session: 'uccx.applications.parameterType.session',
  User: 'uccx.applications.parameterType.user',
  Language: 'uccx.applications.parameterType.language',
  Currency: 'uccx.applications.parameterType.currency',
};

/** The application's script in words: "Script x.aef" with the file name as UCCX has it, or "No script". */
function scriptWords(term: PlainTerm, t: ReturnType<typeof useT>): PlainTerm {
  if (!term.known) return term;
  // The glossary says "Script <file name>" or "No script" for every script it knows.
  const file = term.text.startsWith('Script ') ? term.text.slice('Script '.length) : null;
  return { ...term, text: file === null ? t('uccx.applications.noScript') : t('uccx.applications.script', { file }) };
}

export function ApplicationsEditor({ config }: { config: UccxConfig }) {
  const t = useT();
  const applications = useWithSavedValues('application', config.applications, applicationKey, config);
  return (
    <LocalListDetail
      items={applications}
      keyOf={applicationKey}
      labelOf={(app) => app.name}
      pendingType="application"
      listLabel={t('uccx.applications.list')}
      render={(app) => <ApplicationForm key={`${app.name}:${JSON.stringify(applicationFields(app))}`} application={app} config={config} />}
    />
  );
}

function ApplicationForm({ application, config }: { application: UccxApplication; config: UccxConfig }) {
  const t = useT();
  const parameterTypes = Object.fromEntries(application.params.map((param) => [param.name, param.type]));
  const { draft, setDraft, base, mine, labels, shownLabels, errors, errorOf, reset } = useEditDraft(application, applicationFields, config, 'application', { parameterTypes });
  const errorId = (field: string) => `app-${application.name}-${field}-error`.replace(/[^A-Za-z0-9_-]/g, '_');
  const setParam = (name: string, value: string) => setDraft({ ...draft, params: draft.params.map((p) => (p.name === name ? { ...p, value } : p)) });
  return (
    <form className="panel" aria-label={t('uccx.applications.edit.label', { name: application.name })} onSubmit={(e) => e.preventDefault()}>
      <h2 translate="no">{application.name}</h2>
      <p className="muted">
        <PlainValue term={sayTerm(plainTerm('application-type', application.type), APPLICATION_TYPE_WORDS, t)} /> ·{' '}
        <PlainValue term={scriptWords(plainTerm('script', application.script), t)} />
      </p>
      <div className="form-grid">
        <CheckField label={t('uccx.applications.field.enabled')} checked={draft.enabled} onChange={(enabled) => setDraft({ ...draft, enabled })} />
        <Field label={t('uccx.applications.field.description')} error={errorOf('description')}>
          <input value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </Field>
        <Field label={t('uccx.applications.field.maxSessions')} error={errorOf('maxsession')}>
          <input type="number" min={1} value={draft.maxsession ?? ''} onChange={(e) => setDraft({ ...draft, maxsession: e.target.value === '' ? null : Math.round(Number(e.target.value)) })} />
        </Field>
      </div>
      <h3>{t('uccx.applications.parameters')}</h3>
      {draft.params.length === 0 ? <p className="muted">{t('uccx.applications.noParameters')}</p> : null}
      <table className="data">
        <tbody>
          {draft.params.map((param) => (
            <tr key={param.name}>
              <th scope="row">
                <span translate="no">{param.name}</span>
                <div className="muted param-type">
                  <PlainValue term={sayTerm(plainTerm('script-parameter-type', param.type), PARAMETER_TYPE_WORDS, t)} />
                </div>
              </th>
              <td>
                {isToggle(param) ? (
                  <label className="inline switch">
                    <input type="checkbox" role="switch" checked={param.value.toLowerCase() === 'true'} onChange={(e) => setParam(param.name, e.target.checked ? 'true' : 'false')} />
                    {param.value.toLowerCase() === 'true' ? t('uccx.applications.on') : t('uccx.applications.off')}
                  </label>
                ) : (
                  <>
                    <input
                      aria-label={t('uccx.applications.valueOf', { name: param.name })}
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
        labels={shownLabels}
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

import { csqFields, SELECTION_CRITERIA, MAX_SKILLS_PER_AGENT, type UccxConfig, type UccxCsq } from '../../../../../shared/domain/uccx';
import { plainTerm } from '../../../../../shared/domain/glossary';
import { PlainValue } from '../../../components/PlainValue';
import { CheckField, Field } from '../../../components/Field';
import { LocalListDetail } from './LocalListDetail';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { SkillLevelTable } from './SkillLevelTable';
import { submitEdits, updateRequest } from './uccx-store';
import { useWithSavedValues } from './saved-values';

const csqKey = (csq: UccxCsq) => csq.id;

export function CsqsEditor({ config }: { config: UccxConfig }) {
  const csqs = useWithSavedValues('csq', config.csqs, csqKey, config);
  return (
    <LocalListDetail
      items={csqs}
      keyOf={csqKey}
      labelOf={(csq) => csq.name}
      pendingType="csq"
      listLabel="CSQs"
      render={(csq) => <CsqForm key={`${csq.id}:${JSON.stringify(csqFields(csq))}`} csq={csq} config={config} />}
    />
  );
}

function CsqForm({ csq, config }: { csq: UccxCsq; config: UccxConfig }) {
  const { draft, setDraft, base, mine, labels, errors, errorOf, reset } = useEditDraft(csq, csqFields, config, 'csq');
  // The number as typed (decimals and negatives included): the validators say what is wrong with it, at the field.
  const number = (key: 'serviceLevel' | 'serviceLevelPercentage' | 'wrapupTime') => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.target.value === '' ? 0 : Number(e.target.value) });
  return (
    <form className="panel" aria-label={`Edit CSQ ${csq.name}`} onSubmit={(e) => e.preventDefault()}>
      <h2>{csq.name}</h2>
      <p className="muted">
        <PlainValue term={plainTerm('queue-type', csq.queueType)} /> queue · agents chosen by <PlainValue term={plainTerm('resource-pool-type', csq.resourcePoolType)} />
      </p>
      <div className="form-grid">
        <Field label="Name" error={errorOf('name')}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label="Service level (seconds)" error={errorOf('serviceLevel')}>
          <input type="number" min={0} value={draft.serviceLevel} onChange={number('serviceLevel')} />
        </Field>
        <Field label="Service level %" error={errorOf('serviceLevelPercentage')}>
          <input type="number" min={0} max={100} value={draft.serviceLevelPercentage} onChange={number('serviceLevelPercentage')} />
        </Field>
        <Field label="Wrap-up time (seconds, 0 = off)" error={errorOf('wrapupTime')}>
          <input type="number" min={0} max={7200} value={draft.wrapupTime} onChange={number('wrapupTime')} />
        </Field>
        <CheckField label="Auto-work (agent goes to Work after each contact)" checked={draft.autoWork} onChange={(autoWork) => setDraft({ ...draft, autoWork })} />
      </div>
      {csq.resourcePoolType === 'SKILL_GROUP' ? (
        <>
          <Field label="Resource selection criteria">
            <select value={draft.selectionCriteria} onChange={(e) => setDraft({ ...draft, selectionCriteria: e.target.value })}>
              {SELECTION_CRITERIA.map((criteria) => (
                <option key={criteria}>{criteria}</option>
              ))}
            </select>
          </Field>
          <h3>Skill competencies</h3>
          <SkillLevelTable
            rows={draft.skills}
            allSkills={config.skills}
            levelHeading="Minimum competence"
            levelLabel={(name) => `Minimum competence for ${name}`}
            max={MAX_SKILLS_PER_AGENT}
            newRow={(skill) => ({ skillId: skill.id, name: skill.name, level: 1, weight: 1 })}
            onChange={(skills) => setDraft({ ...draft, skills })}
          />
        </>
      ) : null}
      <ReviewAndQueue
        name={csq.name}
        base={base}
        mine={mine}
        labels={labels}
        errors={errors}
        onReset={reset}
        onQueue={() => submitEdits([updateRequest('csq', csq.id, `CSQ ${csq.name}`, { base, mine, labels })])}
      />
    </form>
  );
}

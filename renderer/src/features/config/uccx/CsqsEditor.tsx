import { useCallback, useMemo, useState } from 'react';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import {
  csqFields,
  localToday,
  RESOURCE_GROUP_CRITERIA,
  SELECTION_CRITERIA,
  MAX_SKILLS_PER_AGENT,
  validateUccxCreate,
  type CsqSkill,
  type UccxConfig,
  type UccxCsq,
} from '../../../../../shared/domain/uccx';
import { HeadingWithDelete, ReviewNewObject, useCreateFlow, usePendingCreates, WaitingToBeCreated } from './CreateDelete';
import { NamedOptions } from './NamedOptions';
import { plainTerm } from '../../../../../shared/domain/glossary';
import { useT, type MessageId } from '../../../i18n/i18n';
import { sayProblemAt } from '../../../i18n/field-errors';
import { uccxFieldWords } from './field-words';
import { Message } from '../../../i18n/Message';
import { sayTerm } from './term-words';
import { PlainValue } from '../../../components/PlainValue';
import { CheckField, Field } from '../../../components/Field';
import { LocalListDetail } from './LocalListDetail';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { SkillLevelTable } from './SkillLevelTable';
import { submitEdits, updateRequest } from './uccx-store';
import { useWithSavedValues } from './saved-values';

const csqKey = (csq: UccxCsq) => csq.id;

/** The glossary's words for a queue's type and how its agents are chosen (shared/domain/glossary.ts), in the screen's language. */
const QUEUE_TYPE_WORDS: Record<string, MessageId> = { Voice: 'uccx.csqs.queueType.voice', Chat: 'uccx.csqs.queueType.chat', Email: 'uccx.csqs.queueType.email' };
const POOL_TYPE_WORDS: Record<string, MessageId> = { Skills: 'uccx.csqs.poolType.skills', 'Resource group': 'uccx.csqs.poolType.resourceGroup' };

/** A CSQ saved as new, as the list shows it until UCCX has it. */
function csqFromChange(change: PendingChange): UccxCsq {
  const mine = change.mine;
  const skills: CsqSkill[] = Object.entries(mine)
    .filter(([field, level]) => field.startsWith('skill/') && typeof level === 'number')
    .map(([field, level]) => ({ skillId: field.slice(6), name: field.slice(6), level: level as number, weight: 1 }));
  return {
    id: change.ref.id,
    name: String(mine.name ?? change.ref.id),
    queueType: 'VOICE',
    resourcePoolType: String(mine.resourcePoolType ?? 'SKILL_GROUP'),
    serviceLevel: Number(mine.serviceLevel ?? 0),
    serviceLevelPercentage: Number(mine.serviceLevelPercentage ?? 0),
    wrapupTime: Number(mine.wrapupTime ?? 0),
    autoWork: mine.autoWork === true,
    selectionCriteria: String(mine.selectionCriteria ?? ''),
    skills,
  };
}

export function CsqsEditor({ config }: { config: UccxConfig }) {
  const t = useT();
  const saved = useWithSavedValues('csq', config.csqs, csqKey, config);
  const names = useMemo(() => config.csqs.map((csq) => csq.name), [config.csqs]);
  const fromChange = useCallback(csqFromChange, []);
  const creating = usePendingCreates('csq', names, fromChange);
  const create = useCreateFlow('csq', config.csqs, (onDone) => <NewCsqForm config={config} onDone={onDone} />);
  const onServer = (id: string) => config.csqs.some((csq) => csq.id === id);
  return (
    <LocalListDetail
      items={[...saved, ...creating]}
      keyOf={csqKey}
      labelOf={(csq) => csq.name}
      pendingType="csq"
      listLabel={t('uccx.csqs.list')}
      // The new CSQ's form: waiting while it is queued, then the CSQ UCCX returns, with its id.
      select={create.select}
      actions={create.actions}
      detail={create.detail}
      render={(csq) =>
        onServer(csq.id) ? <CsqForm key={`${csq.id}:${JSON.stringify(csqFields(csq))}`} csq={csq} config={config} /> : <WaitingToBeCreated type="csq" name={csq.name} />
      }
    />
  );
}

interface NewCsqDraft {
  name: string;
  resourcePoolType: 'SKILL_GROUP' | 'RESOURCE_GROUP';
  resourceGroup: string;
  selectionCriteria: string;
  serviceLevel: number;
  serviceLevelPercentage: number;
  wrapupTime: number;
  autoWork: boolean;
  skills: CsqSkill[];
}

/** The fields a new CSQ is created with, as the change carries them. */
function newCsqFields(draft: NewCsqDraft): FieldMap {
  const mine: FieldMap = {
    name: draft.name,
    resourcePoolType: draft.resourcePoolType,
    serviceLevel: draft.serviceLevel,
    serviceLevelPercentage: draft.serviceLevelPercentage,
    wrapupTime: draft.wrapupTime,
    autoWork: draft.autoWork,
  };
  if (draft.resourcePoolType === 'RESOURCE_GROUP') mine.resourceGroup = draft.resourceGroup || null;
  mine.selectionCriteria = draft.selectionCriteria;
  if (draft.resourcePoolType === 'SKILL_GROUP') for (const skill of draft.skills) mine[`skill/${skill.skillId}`] = skill.level;
  return mine;
}

/** The skills a CSQ's agents need, each with the minimum competence (new and existing CSQs alike). */
function CsqSkillTable({ skills, config, onChange }: { skills: NewCsqDraft['skills']; config: UccxConfig; onChange: (skills: NewCsqDraft['skills']) => void }) {
  const t = useT();
  return (
    <SkillLevelTable
      rows={skills}
      allSkills={config.skills}
      levelHeading={t('uccx.csqs.minimumCompetence')}
      levelLabel={(skill) => t('uccx.csqs.minimumCompetenceFor', { skill })}
      max={MAX_SKILLS_PER_AGENT}
      newRow={(skill) => ({ skillId: skill.id, name: skill.name, level: 1, weight: 1 })}
      onChange={onChange}
    />
  );
}

/** "New CSQ…": what UCCX needs for a voice CSQ, checked as typed by the rules main applies too (validateUccxCreate). */
function NewCsqForm({ config, onDone }: { config: UccxConfig; onDone: (createdKey: string | null) => void }) {
  const t = useT();
  // UCCX's defaults for a new CSQ: service level 5 s at 70 % [C: CSQ data structure].
  const [draft, setDraft] = useState<NewCsqDraft>({
    name: '',
    resourcePoolType: 'SKILL_GROUP',
    resourceGroup: '',
    selectionCriteria: 'Longest Available',
    serviceLevel: 5,
    serviceLevelPercentage: 70,
    wrapupTime: 0,
    autoWork: false,
    skills: [],
  });
  const mine = newCsqFields(draft);
  const errors = validateUccxCreate('csq', mine, { config, today: localToday() });
  const errorOf = (field: string) => sayProblemAt(errors, field);
  const labels = uccxFieldWords(Object.keys(mine), config);
  const criteria = draft.resourcePoolType === 'RESOURCE_GROUP' ? RESOURCE_GROUP_CRITERIA : SELECTION_CRITERIA;
  const number = (key: 'serviceLevel' | 'serviceLevelPercentage' | 'wrapupTime') => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.target.value === '' ? Number.NaN : Number(e.target.value) });
  return (
    <form className="panel" aria-label={t('uccx.csqs.new.title')} onSubmit={(e) => e.preventDefault()}>
      <h2>{t('uccx.csqs.new.title')}</h2>
      <p className="muted">{t('uccx.csqs.new.intro')}</p>
      <div className="form-grid">
        <Field label={t('uccx.csqs.field.name')} required hint={t('uccx.csqs.new.nameHint')} error={draft.name === '' ? null : errorOf('name')}>
          <input value={draft.name} maxLength={60} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('uccx.csqs.field.agentsChosenBy')} required>
          <select
            value={draft.resourcePoolType}
            onChange={(e) => {
              const pool = e.target.value as NewCsqDraft['resourcePoolType'];
              const allowed: readonly string[] = pool === 'RESOURCE_GROUP' ? RESOURCE_GROUP_CRITERIA : SELECTION_CRITERIA;
              setDraft({ ...draft, resourcePoolType: pool, selectionCriteria: allowed.includes(draft.selectionCriteria) ? draft.selectionCriteria : allowed[0]! });
            }}
          >
            <option value="SKILL_GROUP">{t('uccx.csqs.new.bySkills')}</option>
            <option value="RESOURCE_GROUP">{t('uccx.csqs.new.byResourceGroup')}</option>
          </select>
        </Field>
        <Field label={t('uccx.csqs.field.selectionCriteria')} error={errorOf('selectionCriteria')}>
          <select value={draft.selectionCriteria} onChange={(e) => setDraft({ ...draft, selectionCriteria: e.target.value })}>
            {criteria.map((criterion) => (
              <SelectionCriterion key={criterion} name={criterion} />
            ))}
          </select>
        </Field>
        <Field label={t('uccx.csqs.field.serviceLevel')} error={errorOf('serviceLevel')}>
          <input type="number" min={0} value={Number.isNaN(draft.serviceLevel) ? '' : draft.serviceLevel} onChange={number('serviceLevel')} />
        </Field>
        <Field label={t('uccx.csqs.field.serviceLevelPercentage')} hint={t('uccx.csqs.new.serviceLevelHint')} error={errorOf('serviceLevelPercentage')}>
          <input type="number" min={0} max={100} value={Number.isNaN(draft.serviceLevelPercentage) ? '' : draft.serviceLevelPercentage} onChange={number('serviceLevelPercentage')} />
        </Field>
        <Field label={t('uccx.csqs.field.wrapupTime')} error={errorOf('wrapupTime')}>
          <input type="number" min={0} max={7200} value={Number.isNaN(draft.wrapupTime) ? '' : draft.wrapupTime} onChange={number('wrapupTime')} />
        </Field>
        <CheckField label={t('uccx.csqs.field.autoWork')} checked={draft.autoWork} onChange={(autoWork) => setDraft({ ...draft, autoWork })} />
      </div>
      {draft.resourcePoolType === 'RESOURCE_GROUP' ? (
        <Field label={t('uccx.csqs.field.resourceGroup')} required error={errorOf('resourceGroup')}>
          <select value={draft.resourceGroup} onChange={(e) => setDraft({ ...draft, resourceGroup: e.target.value })}>
            <option value="">{t('uccx.csqs.new.chooseResourceGroup')}</option>
            <NamedOptions items={config.resourceGroups} />
          </select>
        </Field>
      ) : (
        <fieldset>
          <legend>{t('uccx.csqs.skillCompetencies')}</legend>
          <CsqSkillTable skills={draft.skills} config={config} onChange={(skills) => setDraft({ ...draft, skills })} />
          {errorOf('skills') ? <p className="field-error">⚠ {errorOf('skills')}</p> : null}
        </fieldset>
      )}
      <ReviewNewObject type="csq" name={draft.name} mine={mine} labels={labels} errors={errors} onDone={onDone} />
    </form>
  );
}

/** A selection criterion is UCCX's own name for it, the same in every language, as UCCX's administration and reports show it. */
function SelectionCriterion({ name }: { name: string }) {
  return (
    <option value={name} translate="no">
      {name}
    </option>
  );
}

function CsqForm({ csq, config }: { csq: UccxCsq; config: UccxConfig }) {
  const t = useT();
  const { draft, setDraft, base, mine, labels, shownLabels, errors, errorOf, reset } = useEditDraft(csq, csqFields, config, 'csq');
  // The number as typed (decimals and negatives included): the validators say what is wrong with it, at the field.
  const number = (key: 'serviceLevel' | 'serviceLevelPercentage' | 'wrapupTime') => (e: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [key]: e.target.value === '' ? 0 : Number(e.target.value) });
  return (
    <form className="panel" aria-label={t('uccx.csqs.edit.label', { name: csq.name })} onSubmit={(e) => e.preventDefault()}>
      <HeadingWithDelete
        type="csq"
        id={csq.id}
        name={csq.name}
        config={config}
        consequence={<Message id="uccx.csqs.deleteConsequence" parts={{ name: <span translate="no">{csq.name}</span> }} />}
      />
      <p className="muted">
        <Message
          id="uccx.csqs.kind"
          parts={{
            queueType: <PlainValue term={sayTerm(plainTerm('queue-type', csq.queueType), QUEUE_TYPE_WORDS, t)} />,
            pool: <PlainValue term={sayTerm(plainTerm('resource-pool-type', csq.resourcePoolType), POOL_TYPE_WORDS, t)} />,
          }}
        />
      </p>
      <div className="form-grid">
        <Field label={t('uccx.csqs.field.name')} error={errorOf('name')}>
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </Field>
        <Field label={t('uccx.csqs.field.serviceLevel')} error={errorOf('serviceLevel')}>
          <input type="number" min={0} value={draft.serviceLevel} onChange={number('serviceLevel')} />
        </Field>
        <Field label={t('uccx.csqs.field.serviceLevelPercentage')} error={errorOf('serviceLevelPercentage')}>
          <input type="number" min={0} max={100} value={draft.serviceLevelPercentage} onChange={number('serviceLevelPercentage')} />
        </Field>
        <Field label={t('uccx.csqs.field.wrapupTime')} error={errorOf('wrapupTime')}>
          <input type="number" min={0} max={7200} value={draft.wrapupTime} onChange={number('wrapupTime')} />
        </Field>
        <CheckField label={t('uccx.csqs.field.autoWork')} checked={draft.autoWork} onChange={(autoWork) => setDraft({ ...draft, autoWork })} />
      </div>
      {csq.resourcePoolType === 'SKILL_GROUP' ? (
        <>
          <Field label={t('uccx.csqs.field.selectionCriteria')}>
            <select value={draft.selectionCriteria} onChange={(e) => setDraft({ ...draft, selectionCriteria: e.target.value })}>
              {SELECTION_CRITERIA.map((criterion) => (
                <SelectionCriterion key={criterion} name={criterion} />
              ))}
            </select>
          </Field>
          <h3>{t('uccx.csqs.skillCompetencies')}</h3>
          <CsqSkillTable skills={draft.skills} config={config} onChange={(skills) => setDraft({ ...draft, skills })} />
        </>
      ) : null}
      <ReviewAndQueue
        name={csq.name}
        base={base}
        mine={mine}
        labels={shownLabels}
        errors={errors}
        onReset={reset}
        onQueue={() => submitEdits([updateRequest('csq', csq.id, `CSQ ${csq.name}`, { base, mine, labels })])}
      />
    </form>
  );
}

import { useState } from 'react';
import { agentName, UCCX_LIMITS, type UccxConfig, type UccxSkill } from '../../../../../shared/domain/uccx';
import { DiffView } from '../../../components/DiffView';
import { PendingMarker } from './PendingMarker';
import { pendingFor, submitEdits } from './uccx-store';
import { useSavedChanges, useWithSavedValues } from './saved-values';
import { ReadOnlyFieldset } from './editor-access';
import { useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';

/** Who uses a skill: agents with it in their skill map, CSQs that route on it. */
export function skillUsage(config: UccxConfig, skillId: string) {
  return {
    agents: config.agents.filter((agent) => agent.skills.some((skill) => skill.skillId === skillId)),
    csqs: config.csqs.filter((csq) => csq.skills.some((skill) => skill.skillId === skillId)),
  };
}

const skillKey = (skill: UccxSkill) => skill.id;

/** How many agents a delete warning names; the rest are counted. */
const AGENTS_NAMED = 30;

/**
 * Skills: create, rename and delete. The requests' labels and summaries
 * ("Skill Billing", "Rename to Invoices") are English: they are the words of
 * the journal and the audit log; the screen says everything else in the
 * user's language.
 */
export function SkillsEditor({ config }: { config: UccxConfig }) {
  const t = useT();
  // A rename shows at once; markers follow it to "written" (saved-values.ts).
  const pending = useSavedChanges();
  const skills = useWithSavedValues('skill', config.skills, skillKey, config);
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<{ skill: UccxSkill; name: string } | null>(null);
  const [deleting, setDeleting] = useState<UccxSkill | null>(null);
  const duplicate = (name: string, exceptId?: string) => skills.some((skill) => skill.id !== exceptId && skill.name.toLowerCase() === name.trim().toLowerCase());

  return (
    <ReadOnlyFieldset>
      <div className="simple-editor">
        <form
          className="toolbar panel"
          aria-label={t('uccx.skills.createLabel')}
          onSubmit={async (e) => {
            e.preventDefault();
            const name = newName.trim();
            if (!name || duplicate(name)) return;
            if (await submitEdits([{ type: 'skill', id: name, operation: 'create', label: `Skill ${name}`, summary: `Create skill ${name}`, base: {}, mine: { name } }])) setNewName('');
          }}
        >
          <label className="inline">
            {t('uccx.skills.newName')} <input value={newName} maxLength={UCCX_LIMITS.skillName} onChange={(e) => setNewName(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!newName.trim() || duplicate(newName)}>
            {t('uccx.skills.create')}
          </button>
          {duplicate(newName) ? <span role="alert">{t('uccx.skills.duplicate')}</span> : null}
          {pending.filter((c) => c.ref.type === 'skill' && c.operation === 'create' && c.state !== 'applied').map((c) => (
            <span key={c.id} className="pending-marker">
              <span aria-hidden="true">◷</span> <Message id="uccx.skills.waitingToBeCreated" parts={{ name: <span translate="no">{String(c.mine.name ?? c.ref.id)}</span> }} />
            </span>
          ))}
        </form>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('uccx.skills.skill')}</th>
              <th scope="col">{t('uccx.skills.agents')}</th>
              <th scope="col">{t('uccx.skills.csqs')}</th>
              <th scope="col">{t('uccx.skills.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((skill) => {
              const usage = skillUsage(config, skill.id);
              return (
                <tr key={skill.id}>
                  <th scope="row">
                    <span translate="no">{skill.name}</span> <PendingMarker changes={pendingFor(pending, 'skill', skill.id)} />
                  </th>
                  <td>{usage.agents.length}</td>
                  <td>{usage.csqs.length}</td>
                  <td className="toolbar">
                    <button type="button" onClick={() => setEditing({ skill, name: skill.name })}>
                      {t('uccx.skills.rename')}
                    </button>
                    <button type="button" className="danger" onClick={() => setDeleting(skill)}>
                      {t('uccx.skills.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing ? (
          <section className="panel" aria-label={t('uccx.skills.renameLabel')}>
            <label className="inline">
              <Message id="uccx.skills.newNameFor" parts={{ name: <span translate="no">{editing.skill.name}</span> }} />{' '}
              <input value={editing.name} maxLength={UCCX_LIMITS.skillName} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
            </label>
            <DiffView base={{ name: editing.skill.name }} mine={{ name: editing.name.trim() }} labels={{ name: t('uccx.skills.nameField') }} />
            <div className="toolbar">
              <button
                type="button"
                className="primary"
                disabled={!editing.name.trim() || editing.name.trim() === editing.skill.name || duplicate(editing.name, editing.skill.id)}
                onClick={async () => {
                  const name = editing.name.trim();
                  await submitEdits([{ type: 'skill', id: editing.skill.id, operation: 'update', label: `Skill ${editing.skill.name}`, summary: `Rename to ${name}`, base: { name: editing.skill.name }, mine: { name } }]);
                  setEditing(null);
                }}
              >
                {t('uccx.skills.queueRename')}
              </button>
              <button type="button" onClick={() => setEditing(null)}>
                {t('common.cancel')}
              </button>
            </div>
          </section>
        ) : null}
        {deleting ? <DeleteSkill config={config} skill={deleting} onDone={() => setDeleting(null)} /> : null}
      </div>
    </ReadOnlyFieldset>
  );
}

function DeleteSkill({ config, skill, onDone }: { config: UccxConfig; skill: UccxSkill; onDone: () => void }) {
  const t = useT();
  const usage = skillUsage(config, skill.id);
  const inUse = usage.agents.length + usage.csqs.length > 0;
  return (
    <section className="panel" aria-label={t('uccx.skills.deleteLabel', { name: skill.name })}>
      <h2>
        <Message id="uccx.skills.deleteQuestion" parts={{ name: <span translate="no">{skill.name}</span> }} />
      </h2>
      {inUse ? (
        <div className="banner banner-warning" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            {t('uccx.skills.inUse', { agents: usage.agents.length, csqs: usage.csqs.length })}
          </p>
          {usage.csqs.length ? (
            <p>
              <Message id="uccx.skills.usedByCsqs" parts={{ names: <span translate="no">{usage.csqs.map((csq) => csq.name).join(', ')}</span> }} />
            </p>
          ) : null}
          {usage.agents.length ? (
            <p>
              <Message
                id={usage.agents.length > AGENTS_NAMED ? 'uccx.skills.usedByAgentsMore' : 'uccx.skills.usedByAgents'}
                values={{ more: usage.agents.length - AGENTS_NAMED }}
                parts={{ names: <span translate="no">{usage.agents.slice(0, AGENTS_NAMED).map(agentName).join(', ')}</span> }}
              />
            </p>
          ) : null}
        </div>
      ) : (
        <p>{t('uccx.skills.notInUse')}</p>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="danger"
          onClick={async () => {
            await submitEdits([{ type: 'skill', id: skill.id, operation: 'delete', label: `Skill ${skill.name}`, summary: `Delete skill ${skill.name}`, base: { name: skill.name }, mine: {} }]);
            onDone();
          }}
        >
          {inUse ? t('uccx.skills.queueDeleteAnyway') : t('uccx.skills.queueDelete')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

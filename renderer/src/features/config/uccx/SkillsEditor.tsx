import { useState } from 'react';
import { agentName, type UccxConfig, type UccxSkill } from '../../../../../shared/domain/uccx';
import { DiffView } from '../../../components/DiffView';
import { PendingMarker } from './PendingMarker';
import { pendingFor, submitEdits } from './uccx-store';
import { useSavedChanges, useWithSavedValues } from './saved-values';
import { ReadOnlyFieldset } from './editor-access';

/** Who uses a skill: agents with it in their skill map, CSQs that route on it. */
export function skillUsage(config: UccxConfig, skillId: string) {
  return {
    agents: config.agents.filter((agent) => agent.skills.some((skill) => skill.skillId === skillId)),
    csqs: config.csqs.filter((csq) => csq.skills.some((skill) => skill.skillId === skillId)),
  };
}

const skillKey = (skill: UccxSkill) => skill.id;

export function SkillsEditor({ config }: { config: UccxConfig }) {
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
          aria-label="Create a skill"
          onSubmit={async (e) => {
            e.preventDefault();
            const name = newName.trim();
            if (!name || duplicate(name)) return;
            if (await submitEdits([{ type: 'skill', id: name, operation: 'create', label: `Skill ${name}`, summary: `Create skill ${name}`, base: {}, mine: { name } }])) setNewName('');
          }}
        >
          <label className="inline">
            New skill <input value={newName} maxLength={50} onChange={(e) => setNewName(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={!newName.trim() || duplicate(newName)}>
            Create
          </button>
          {duplicate(newName) ? <span role="alert">A skill with that name exists.</span> : null}
          {pending.filter((c) => c.ref.type === 'skill' && c.operation === 'create' && c.state !== 'applied').map((c) => (
            <span key={c.id} className="pending-marker">
              <span aria-hidden="true">◷</span> {c.label} waiting to be created
            </span>
          ))}
        </form>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Agents</th>
              <th scope="col">CSQs</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((skill) => {
              const usage = skillUsage(config, skill.id);
              return (
                <tr key={skill.id}>
                  <th scope="row">
                    {skill.name} <PendingMarker changes={pendingFor(pending, 'skill', skill.id)} />
                  </th>
                  <td>{usage.agents.length}</td>
                  <td>{usage.csqs.length}</td>
                  <td className="toolbar">
                    <button type="button" onClick={() => setEditing({ skill, name: skill.name })}>
                      Rename
                    </button>
                    <button type="button" className="danger" onClick={() => setDeleting(skill)}>
                      Delete…
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {editing ? (
          <section className="panel" aria-label="Rename skill">
            <label className="inline">
              New name for {editing.skill.name} <input value={editing.name} maxLength={50} onChange={(e) => setEditing({ ...editing, name: e.target.value })} />
            </label>
            <DiffView base={{ name: editing.skill.name }} mine={{ name: editing.name.trim() }} labels={{ name: 'Name' }} />
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
                Queue rename
              </button>
              <button type="button" onClick={() => setEditing(null)}>
                Cancel
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
  const usage = skillUsage(config, skill.id);
  const inUse = usage.agents.length + usage.csqs.length > 0;
  return (
    <section className="panel" aria-label={`Delete skill ${skill.name}`}>
      <h3>Delete skill {skill.name}?</h3>
      {inUse ? (
        <div className="banner banner-warning" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>This skill is in use by {usage.agents.length} agent{usage.agents.length === 1 ? '' : 's'} and {usage.csqs.length} CSQ
            {usage.csqs.length === 1 ? '' : 's'}. UCCX refuses to delete a skill that is still referenced: remove it from these first.
          </p>
          {usage.csqs.length ? <p>CSQs: {usage.csqs.map((csq) => csq.name).join(', ')}</p> : null}
          {usage.agents.length ? (
            <p>
              Agents: {usage.agents.slice(0, 30).map(agentName).join(', ')}
              {usage.agents.length > 30 ? ` and ${usage.agents.length - 30} more` : ''}
            </p>
          ) : null}
        </div>
      ) : (
        <p>No agent or CSQ uses it.</p>
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
          {inUse ? 'Queue delete anyway' : 'Queue delete'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </section>
  );
}

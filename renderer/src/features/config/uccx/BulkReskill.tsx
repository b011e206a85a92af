import { useMemo, useRef, useState } from 'react';
import { useDialogFocus } from '../../../components/useDialogFocus';
import { agentFields, agentName, changedFields, uccxFieldLabels, MAX_SKILLS_PER_AGENT, type UccxAgent, type UccxConfig } from '../../../../../shared/domain/uccx';
import { displayField, summarizeProgress, type PendingChange } from '../../../../../shared/domain/changes';
import { LevelSelect } from './SkillLevelTable';
import { followInToast, progressFor, useChangeProgress } from '../../../store/change-progress';
import { submitEdits, uccxWaitingFor, useUccxStore, type UccxEditRequest } from './uccx-store';
import { agentUpdate } from './AgentsEditor';
import { NamedOptions } from './NamedOptions';

type Action = 'add' | 'remove' | 'set';

interface Plan {
  agent: UccxAgent;
  edit: UccxEditRequest | null;
  /** Why this agent is left out. */
  skipped: string | null;
}

/** What the action does to one agent: the exact edit, or why nothing changes. */
export function planReskill(agent: UccxAgent, action: Action, skillId: string, level: number, config: UccxConfig): Plan {
  const before = agentFields(agent);
  const field = `skill/${skillId}`;
  const has = agent.skills.some((skill) => skill.skillId === skillId);
  const after = { ...before };
  if (action === 'remove') {
    if (!has) return { agent, edit: null, skipped: 'does not have the skill' };
    after[field] = null;
  } else if (action === 'add') {
    if (has) return { agent, edit: null, skipped: 'already has the skill' };
    if (agent.skills.length >= MAX_SKILLS_PER_AGENT) return { agent, edit: null, skipped: `already has ${MAX_SKILLS_PER_AGENT} skills` };
    after[field] = level;
  } else {
    if (!has) return { agent, edit: null, skipped: 'does not have the skill' };
    after[field] = level;
  }
  const { base, mine } = changedFields(before, after);
  if (Object.keys(mine).length === 0) return { agent, edit: null, skipped: 'already at that level' };
  const labels = uccxFieldLabels(Object.keys(mine), config);
  return { agent, skipped: null, edit: agentUpdate(agent, { base, mine, labels }) };
}

const CHUNK = 100;

export function BulkReskill({ config, agents, onClose }: { config: UccxConfig; agents: UccxAgent[]; onClose: () => void }) {
  const [action, setAction] = useState<Action>('add');
  const [skillId, setSkillId] = useState(config.skills[0]?.id ?? '');
  const [level, setLevel] = useState(5);
  const [queuedIds, setQueuedIds] = useState<string[] | null>(null);
  const [queuedCount, setQueuedCount] = useState(0);
  const byId = useChangeProgress((s) => s.byId);
  const writable = useUccxStore((s) => s.state?.writable ?? false);
  const panelRef = useRef<HTMLElement>(null);
  // Focus goes to the Action field on open; Esc closes; focus returns to the Bulk re-skill… button.
  useDialogFocus(panelRef, { onClose });

  const live = useMemo(() => agents.map((agent) => planReskill(agent, action, skillId, level, config)), [agents, action, skillId, level, config]);
  // Once saved, the preview stays as it was (the agents themselves move on as the changes land).
  const [frozen, setFrozen] = useState<Plan[] | null>(null);
  const plans = frozen ?? live;
  const edits = plans.flatMap((plan) => (plan.edit ? [plan.edit] : []));
  const field = `skill/${skillId}`;

  // Progress in the lifecycle's words: "Queued 9 of 9", then "Written 9 of 9 ✓" (or what failed, and why).
  const progress = queuedIds && queuedIds.length ? progressFor(queuedIds, byId) : [];
  const summary = progress.length ? summarizeProgress(progress, writable ? undefined : 'UCCX accepts writes again') : null;
  const writtenCount = progress.filter((p) => p.state === 'applied').length;

  async function apply() {
    const saved: PendingChange[] = [];
    setFrozen(live);
    setQueuedIds([]);
    setQueuedCount(0);
    for (let index = 0; index < edits.length; index += CHUNK) {
      const changes = await submitEdits(edits.slice(index, index + CHUNK), { quiet: true });
      if (!changes) break;
      saved.push(...changes);
      setQueuedCount(saved.length);
    }
    // One toast for the whole re-skill, following every change it saved.
    followInToast(`Bulk re-skill of ${saved.length} agent${saved.length === 1 ? '' : 's'}`, saved, uccxWaitingFor);
    setQueuedIds(saved.map((change) => change.id));
  }

  return (
    <section ref={panelRef} className="panel bulk-reskill" aria-label="Bulk re-skill">
      <h2>Bulk re-skill {agents.length} agents</h2>
      <div className="toolbar">
        <label className="inline">
          Action{' '}
          <select value={action} onChange={(e) => setAction(e.target.value as Action)} disabled={queuedIds !== null}>
            <option value="add">Add skill</option>
            <option value="remove">Remove skill</option>
            <option value="set">Change level</option>
          </select>
        </label>
        <label className="inline">
          Skill{' '}
          <select value={skillId} onChange={(e) => setSkillId(e.target.value)} disabled={queuedIds !== null}>
            <NamedOptions items={config.skills} />
          </select>
        </label>
        {action !== 'remove' ? (
          <label className="inline">
            Level <LevelSelect label="Competence level" value={level} onChange={setLevel} />
          </label>
        ) : null}
      </div>
      <h3>
        Preview: {edits.length} agent{edits.length === 1 ? '' : 's'} change, {plans.length - edits.length} unchanged
      </h3>
      <div className="preview-scroll">
        <table className="data" aria-label="Preview of the change per agent">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <tr key={plan.agent.userID}>
                <th scope="row">{agentName(plan.agent)}</th>
                {plan.edit ? (
                  <>
                    <td>{displayField(plan.edit.base[field])}</td>
                    <td>
                      <span aria-hidden="true">→ </span>
                      {plan.edit.mine[field] === null ? 'removed' : displayField(plan.edit.mine[field])}
                    </td>
                  </>
                ) : (
                  <td colSpan={2} className="muted">
                    No change: {plan.skipped}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {queuedIds !== null ? (
        <div className="bulk-progress" aria-live="polite">
          <label>
            {summary ? summary.text : `Saving… ${queuedCount} of ${edits.length}`}
            <progress max={Math.max(1, progress.length || edits.length)} value={summary ? writtenCount : queuedCount} />
          </label>
        </div>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={edits.length === 0 || queuedIds !== null} onClick={() => void apply()}>
          Apply to {edits.length} agent{edits.length === 1 ? '' : 's'}
        </button>
        <button type="button" onClick={onClose}>
          {queuedIds !== null ? 'Close' : 'Cancel'}
        </button>
      </div>
    </section>
  );
}

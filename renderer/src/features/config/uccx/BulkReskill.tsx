import { useEffect, useMemo, useRef, useState } from 'react';
import { useDialogFocus } from '../../../components/useDialogFocus';
import { agentFields, agentName, changedFields, uccxFieldLabels, MAX_SKILLS_PER_AGENT, type UccxAgent, type UccxConfig } from '../../../../../shared/domain/uccx';
import { displayField } from '../../../../../shared/domain/changes';
import { LevelSelect } from './SkillLevelTable';
import { pushNotice } from '../../../store/app-store';
import { lastPendingRequest, loadPending, submitEdits, useUccxStore, type UccxEditRequest } from './uccx-store';
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
  const pending = useUccxStore((s) => s.pending);
  const pendingRequest = useUccxStore((s) => s.pendingRequest);
  const [queuedMark, setQueuedMark] = useState<number | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  // Focus goes to the Action field on open; Esc closes; focus returns to the Bulk re-skill… button.
  useDialogFocus(panelRef, { onClose });

  const live = useMemo(() => agents.map((agent) => planReskill(agent, action, skillId, level, config)), [agents, action, skillId, level, config]);
  // Once applied, the preview stays as it was (the agents themselves move on as the changes land).
  const [frozen, setFrozen] = useState<Plan[] | null>(null);
  const plans = frozen ?? live;
  const edits = plans.flatMap((plan) => (plan.edit ? [plan.edit] : []));
  const field = `skill/${skillId}`;

  // Progress: a queued change is done once it has left the queue (applied); failures and conflicts are counted apart.
  const waiting = new Map(pending.map((change) => [change.id, change.state]));
  const total = queuedIds?.length ?? 0;
  const stillWaiting = queuedIds?.filter((id) => waiting.has(id)) ?? [];
  const problems = stillWaiting.filter((id) => waiting.get(id) === 'failed' || waiting.get(id) === 'conflicted').length;
  // A list read before the changes were queued does not hold them yet: counting
  // from it would show them as applied before they are.
  const listIsFresh = queuedMark !== null && pendingRequest > queuedMark;
  const done = listIsFresh ? total - stillWaiting.length : 0;

  useEffect(() => {
    if (!queuedIds) return;
    const timer = setInterval(() => void loadPending(), 1000);
    return () => clearInterval(timer);
  }, [queuedIds]);

  async function apply() {
    const ids: string[] = [];
    setFrozen(live);
    setQueuedIds([]);
    setQueuedCount(0);
    for (let index = 0; index < edits.length; index += CHUNK) {
      const changes = await submitEdits(edits.slice(index, index + CHUNK), { quiet: true });
      if (!changes) break;
      ids.push(...changes.map((change) => change.id));
      setQueuedCount(ids.length);
    }
    // Progress is counted only from a waiting list read after every change was queued.
    setQueuedMark(lastPendingRequest());
    await loadPending();
    setQueuedIds(ids);
    if (ids.length) pushNotice('info', `${ids.length} re-skill change${ids.length === 1 ? '' : 's'} queued.`);
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
        <div className="bulk-progress">
          <label>
            {total === 0 ? `Queuing… ${queuedCount} of ${edits.length}` : `Applied ${done} of ${total}${problems ? `, ${problems} need attention in Pending changes` : ''}`}
            <progress max={Math.max(1, total || edits.length)} value={total === 0 ? queuedCount : done} />
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

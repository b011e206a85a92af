import { Fragment, useMemo, useRef, useState, type ReactNode } from 'react';
import { useDialogFocus } from '../../../components/useDialogFocus';
import { agentFields, agentName, changedFields, uccxFieldLabels, MAX_SKILLS_PER_AGENT, type UccxAgent, type UccxConfig } from '../../../../../shared/domain/uccx';
import { countPhases, type ChangeProgress, type FieldValue, type PendingChange } from '../../../../../shared/domain/changes';
import { LevelSelect } from './SkillLevelTable';
import { followInToast, progressFor, useChangeProgress } from '../../../store/change-progress';
import { submitEdits, uccxWaitingFor, useUccxStore, type UccxEditRequest } from './uccx-store';
import { agentUpdate } from './AgentsEditor';
import { NamedOptions } from './NamedOptions';
import { useLocale, useT, type MessageId } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { MainText } from '../../../components/ErrorDetails';

type Action = 'add' | 'remove' | 'set';

/** Why an agent is left out of a bulk re-skill. */
export type SkipReason = 'lacksSkill' | 'hasSkill' | 'full' | 'sameLevel';

interface Plan {
  agent: UccxAgent;
  edit: UccxEditRequest | null;
  /** Why this agent is left out. */
  skipped: SkipReason | null;
}

/** The preview's sentence for each reason ("No change: already has the skill"). */
const SKIP_IDS: Readonly<Record<SkipReason, MessageId>> = {
  lacksSkill: 'uccx.bulk.skip.lacksSkill',
  hasSkill: 'uccx.bulk.skip.hasSkill',
  full: 'uccx.bulk.skip.full',
  sameLevel: 'uccx.bulk.skip.sameLevel',
};

/** What the action does to one agent: the exact edit, or why nothing changes. */
export function planReskill(agent: UccxAgent, action: Action, skillId: string, level: number, config: UccxConfig): Plan {
  const before = agentFields(agent);
  const field = `skill/${skillId}`;
  const has = agent.skills.some((skill) => skill.skillId === skillId);
  const after = { ...before };
  if (action === 'remove') {
    if (!has) return { agent, edit: null, skipped: 'lacksSkill' };
    after[field] = null;
  } else if (action === 'add') {
    if (has) return { agent, edit: null, skipped: 'hasSkill' };
    if (agent.skills.length >= MAX_SKILLS_PER_AGENT) return { agent, edit: null, skipped: 'full' };
    after[field] = level;
  } else {
    if (!has) return { agent, edit: null, skipped: 'lacksSkill' };
    after[field] = level;
  }
  const { base, mine } = changedFields(before, after);
  if (Object.keys(mine).length === 0) return { agent, edit: null, skipped: 'sameLevel' };
  const labels = uccxFieldLabels(Object.keys(mine), config);
  return { agent, skipped: null, edit: agentUpdate(agent, { base, mine, labels }) };
}

const CHUNK = 100;

/** Items as a list in the user's language ("a, b" in English, "a, b und c" in German), each item an element. */
function listOf(items: ReactNode[], locale: string): ReactNode {
  const parts = new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).formatToParts(items.map((_, index) => String(index)));
  return parts.map((part, index) => <Fragment key={index}>{part.type === 'element' ? items[Number(part.value)] : part.value}</Fragment>);
}

/**
 * Where the saved changes stand, in the lifecycle's words: "Queued 9 of 9",
 * "Writing: written 3 of 9", "Written 9 of 9 ✓", or "Written 7 of 9, 2 failed:
 * <the server's reason>". (The same words as `summarizeProgress` in
 * shared/domain/changes.ts, which says them in English for toasts.)
 */
function ProgressWords({ progress, writable }: { progress: readonly ChangeProgress[]; writable: boolean }) {
  const t = useT();
  const locale = useLocale();
  const total = progress.length;
  const { written, failed, conflicted, discarded, writing, queued } = countPhases(progress);
  const failure = progress.find((p) => p.state === 'failed' && p.lastError);
  const problems: ReactNode[] = [];
  if (failed)
    problems.push(
      failure ? (
        <Message id="uccx.bulk.problem.failedBecause" values={{ count: failed }} parts={{ reason: <MainText said={failure.lastErrorMessage} english={failure.lastError!} /> }} />
      ) : (
        t('uccx.bulk.problem.failed', { count: failed })
      ),
    );
  if (conflicted) problems.push(t('uccx.bulk.problem.conflicted', { count: conflicted }));
  if (discarded) problems.push(t('uccx.bulk.problem.discarded', { count: discarded }));
  const settled = queued + writing === 0;
  const some = problems.length > 0;
  const sentence = (): MessageId => {
    if (written === total) return 'uccx.bulk.progress.written';
    if (settled && some) return 'uccx.bulk.progress.settled';
    if (writing > 0 || written > 0) return some ? 'uccx.bulk.progress.writingWithProblems' : 'uccx.bulk.progress.writing';
    // Still queued: while UCCX does not accept writes, say what they wait for.
    if (writable) return some ? 'uccx.bulk.progress.queuedWithProblems' : 'uccx.bulk.progress.queued';
    return some ? 'uccx.bulk.progress.queuedUntilWithProblems' : 'uccx.bulk.progress.queuedUntil';
  };
  return <Message id={sentence()} values={{ written, queued, total }} parts={{ problems: listOf(problems, locale) }} />;
}

export function BulkReskill({ config, agents, onClose }: { config: UccxConfig; agents: UccxAgent[]; onClose: () => void }) {
  const t = useT();
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
  // A competence level as the preview shows it: the level, or our word for none.
  const levelWords = (value: FieldValue | undefined) => (value === undefined || value === null || value === '' ? t('uccx.bulk.none') : String(value));

  // Progress in the lifecycle's words: "Queued 9 of 9", then "Written 9 of 9 ✓" (or what failed, and why).
  const progress = queuedIds && queuedIds.length ? progressFor(queuedIds, byId) : [];
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
    followInToast(t('uccx.bulk.toast', { count: saved.length }), saved, uccxWaitingFor);
    setQueuedIds(saved.map((change) => change.id));
  }

  return (
    <section ref={panelRef} className="panel bulk-reskill" aria-label={t('uccx.bulk.label')}>
      <h2>{t('uccx.bulk.title', { count: agents.length })}</h2>
      <div className="toolbar">
        <label className="inline">
          {t('uccx.bulk.action')}{' '}
          <select value={action} onChange={(e) => setAction(e.target.value as Action)} disabled={queuedIds !== null}>
            <option value="add">{t('uccx.bulk.action.add')}</option>
            <option value="remove">{t('uccx.bulk.action.remove')}</option>
            <option value="set">{t('uccx.bulk.action.set')}</option>
          </select>
        </label>
        <label className="inline">
          {t('uccx.bulk.skill')}{' '}
          <select value={skillId} onChange={(e) => setSkillId(e.target.value)} disabled={queuedIds !== null}>
            <NamedOptions items={config.skills} />
          </select>
        </label>
        {action !== 'remove' ? (
          <label className="inline">
            {t('uccx.bulk.level')} <LevelSelect label={t('uccx.bulk.competenceLevel')} value={level} onChange={setLevel} />
          </label>
        ) : null}
      </div>
      <h3>
        {t('uccx.bulk.preview', { changing: edits.length, unchanged: plans.length - edits.length })}
      </h3>
      <div className="preview-scroll">
        <table className="data" aria-label={t('uccx.bulk.previewLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('uccx.bulk.agent')}</th>
              <th scope="col">{t('uccx.bulk.before')}</th>
              <th scope="col">{t('uccx.bulk.after')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((plan) => (
              <tr key={plan.agent.userID}>
                <th scope="row" translate="no">
                  {agentName(plan.agent)}
                </th>
                {plan.edit ? (
                  <>
                    <td>{levelWords(plan.edit.base[field])}</td>
                    <td>
                      <span aria-hidden="true">→ </span>
                      {plan.edit.mine[field] === null ? t('uccx.bulk.removed') : levelWords(plan.edit.mine[field])}
                    </td>
                  </>
                ) : (
                  <td colSpan={2} className="muted">
                    {plan.skipped ? t(SKIP_IDS[plan.skipped], { max: MAX_SKILLS_PER_AGENT }) : null}
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
            {progress.length ? <ProgressWords progress={progress} writable={writable} /> : t('uccx.bulk.saving', { queued: queuedCount, total: edits.length })}
            <progress max={Math.max(1, progress.length || edits.length)} value={progress.length ? writtenCount : queuedCount} />
          </label>
        </div>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={edits.length === 0 || queuedIds !== null} onClick={() => void apply()}>
          {t('uccx.bulk.apply', { count: edits.length })}
        </button>
        <button type="button" onClick={onClose}>
          {queuedIds !== null ? t('uccx.bulk.close') : t('common.cancel')}
        </button>
      </div>
    </section>
  );
}

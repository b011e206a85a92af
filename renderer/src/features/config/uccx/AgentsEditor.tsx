import { useId, useMemo, useRef, useState } from 'react';
import { AfterSaveFocus, useListNavigation } from '../../../components/useListNavigation';
import { useVirtualizer } from '@tanstack/react-virtual';
import { agentFields, agentName, MAX_SKILLS_PER_AGENT, UCCX_LIMITS, type UccxAgent, type UccxConfig } from '../../../../../shared/domain/uccx';
import type { FieldMap, PendingChange } from '../../../../../shared/domain/changes';
import { CheckField, Field } from '../../../components/Field';
import { PendingMarker } from './PendingMarker';
import { ReviewAndQueue, useEditDraft } from './ReviewAndQueue';
import { SkillLevelTable } from './SkillLevelTable';
import { pendingFor, submitEdits, updateRequest, type UccxEditRequest } from './uccx-store';
import { useSavedChanges, withSavedValues } from './saved-values';
import { BulkReskill } from './BulkReskill';
import { NamedOptions } from './NamedOptions';
import { leaveIfAllowed } from '../../../store/unsaved-guard';
import { useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';

/** The agent as it is once its saved changes are written (what the editor edits; see saved-values.ts). */
export function withPending(agent: UccxAgent, pending: PendingChange[], config: UccxConfig): UccxAgent {
  return withSavedValues('resource', agent, agent.userID, pending, config);
}

interface Filters {
  text: string;
  teamId: string;
  skillId: string;
  resourceGroupId: string;
}

export function AgentsEditor({ config }: { config: UccxConfig }) {
  const t = useT();
  // Saved changes, whether still waiting or written since the configuration was read.
  const pending = useSavedChanges();
  const [filters, setFilters] = useState<Filters>({ text: '', teamId: '', skillId: '', resourceGroupId: '' });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);

  const agents = useMemo(() => config.agents.map((agent) => withPending(agent, pending, config)), [config, pending]);
  const visible = useMemo(() => {
    const text = filters.text.trim().toLowerCase();
    return agents.filter((agent) => {
      if (filters.teamId && agent.team?.id !== filters.teamId) return false;
      if (filters.resourceGroupId && (agent.resourceGroup?.id ?? 'none') !== filters.resourceGroupId) return false;
      if (filters.skillId && !agent.skills.some((skill) => skill.skillId === filters.skillId)) return false;
      if (text && !`${agent.firstName} ${agent.lastName} ${agent.userID} ${agent.extension} ${agent.alias}`.toLowerCase().includes(text)) return false;
      return true;
    });
  }, [agents, filters]);

  const selected = agents.find((agent) => agent.userID === selectedId) ?? null;
  const allVisibleChecked = visible.length > 0 && visible.every((agent) => checked.has(agent.userID));

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: visible.length, getScrollElement: () => scrollRef.current, estimateSize: () => 40, overscan: 10 });
  const toggle = (userID: string) => {
    const next = new Set(checked);
    if (next.has(userID)) next.delete(userID);
    else next.add(userID);
    setChecked(next);
  };
  const keysHintId = useId();
  const bulkHintId = useId();
  const nav = useListNavigation({
    count: visible.length,
    idPrefix: 'agents',
    listRef: scrollRef,
    onOpen: (index) => leaveIfAllowed(() => setSelectedId(visible[index]!.userID)),
    onToggle: (index) => toggle(visible[index]!.userID),
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    labelAt: (index) => (visible[index] ? agentName(visible[index]) : undefined),
    preferredIndex: visible.findIndex((agent) => agent.userID === selectedId),
  });

  return (
    <div className="agents-editor">
      <div className="agents-list panel">
        <div className="toolbar filters" role="search">
          <input
            type="search"
            aria-label={t('uccx.agents.search')}
            placeholder={t('uccx.agents.searchPlaceholder')}
            value={filters.text}
            onChange={(e) => setFilters({ ...filters, text: e.target.value })}
            onKeyDown={nav.searchBoxKeyDown}
          />
          <select aria-label={t('uccx.agents.filterTeam')} value={filters.teamId} onChange={(e) => setFilters({ ...filters, teamId: e.target.value })}>
            <option value="">{t('uccx.agents.allTeams')}</option>
            <NamedOptions items={config.teams} />
          </select>
          <select aria-label={t('uccx.agents.filterSkill')} value={filters.skillId} onChange={(e) => setFilters({ ...filters, skillId: e.target.value })}>
            <option value="">{t('uccx.agents.allSkills')}</option>
            <NamedOptions items={config.skills} />
          </select>
          <select aria-label={t('uccx.agents.filterResourceGroup')} value={filters.resourceGroupId} onChange={(e) => setFilters({ ...filters, resourceGroupId: e.target.value })}>
            <option value="">{t('uccx.agents.allResourceGroups')}</option>
            <option value="none">{t('uccx.agents.noResourceGroup')}</option>
            <NamedOptions items={config.resourceGroups} />
          </select>
        </div>
        <div className="toolbar">
          <label className="inline">
            <input
              type="checkbox"
              checked={allVisibleChecked}
              onChange={() => {
                const next = new Set(checked);
                for (const agent of visible) {
                  if (allVisibleChecked) next.delete(agent.userID);
                  else next.add(agent.userID);
                }
                setChecked(next);
              }}
            />
            {t('uccx.agents.selectAllShown')}
          </label>
          <span className="muted" aria-live="polite">
            {t('uccx.agents.counts', { shown: visible.length, total: agents.length, selected: checked.size })}
          </span>
          <button type="button" className="primary" disabled={checked.size === 0} aria-describedby={checked.size === 0 ? bulkHintId : undefined} onClick={() => leaveIfAllowed(() => setBulkOpen(true))}>
            {t('uccx.agents.bulkReskill')}
          </button>
          {checked.size === 0 ? (
            <span id={bulkHintId} className="muted">
              {t('uccx.agents.tickFirst')}
            </span>
          ) : null}
        </div>
        <div ref={scrollRef} className="virtual-list nav-list" role="listbox" aria-label={t('uccx.agents.list')} aria-multiselectable="true" aria-describedby={keysHintId} {...nav.listProps}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const agent = visible[row.index]!;
              const waiting = pendingFor(pending, 'resource', agent.userID);
              const ticked = checked.has(agent.userID);
              return (
                // An option: ticked (aria-selected) for a bulk re-skill with Space or its box; opened with Enter or a click.
                <div
                  key={agent.userID}
                  id={nav.rowId(row.index)}
                  role="option"
                  aria-selected={ticked}
                  aria-current={agent.userID === selectedId ? 'true' : undefined}
                  className={`agent-row nav-row${agent.userID === selectedId ? ' selected' : ''}${row.index === nav.activeIndex ? ' active' : ''}`}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` }}
                  onClick={() => {
                    nav.setActiveIndex(row.index);
                    leaveIfAllowed(() => setSelectedId(agent.userID));
                  }}
                >
                  <span
                    className={`tick${ticked ? ' ticked' : ''}`}
                    aria-hidden="true"
                    data-testid={`tick-${agent.userID}`}
                    onClick={(event) => {
                      event.stopPropagation();
                      nav.setActiveIndex(row.index);
                      toggle(agent.userID);
                    }}
                  >
                    {ticked ? '✓' : ''}
                  </span>
                  <span className="agent-name" translate="no">
                    {agentName(agent)}
                  </span>
                  {agent.team ? (
                    <span className="muted" translate="no">
                      {agent.team.name}
                    </span>
                  ) : (
                    <span className="muted">{t('uccx.agents.noTeam')}</span>
                  )}
                  <span className="muted">{t('uccx.agents.skillCount', { count: agent.skills.length })}</span>
                  <PendingMarker changes={waiting} brief />
                </div>
              );
            })}
          </div>
        </div>
        <p id={keysHintId} className="muted list-keys-hint">
          {t('uccx.agents.keysHint')}
        </p>
      </div>
      <div className="agent-detail">
        {bulkOpen ? (
          <BulkReskill
            config={config}
            agents={agents.filter((agent) => checked.has(agent.userID))}
            onClose={() => setBulkOpen(false)}
          />
        ) : selected ? (
          <AfterSaveFocus.Provider value={() => nav.focusRow(visible.findIndex((agent) => agent.userID === selected.userID))}>
            <AgentForm key={`${selected.userID}:${JSON.stringify(agentFields(selected))}`} agent={selected} config={config} />
          </AfterSaveFocus.Provider>
        ) : (
          <p className="muted panel">{t('uccx.agents.pick')}</p>
        )}
      </div>
    </div>
  );
}

function AgentForm({ agent, config }: { agent: UccxAgent; config: UccxConfig }) {
  const t = useT();
  const pending = useSavedChanges();
  const { draft, setDraft, base, mine, labels, shownLabels, errors, errorOf, reset } = useEditDraft(agent, agentFields, config, 'resource');
  const tooMany = draft.skills.length > MAX_SKILLS_PER_AGENT ? t('uccx.agents.tooManySkills', { max: MAX_SKILLS_PER_AGENT }) : null;
  const aliasTooLong = draft.alias.length > UCCX_LIMITS.alias ? t('uccx.agents.aliasTooLong', { max: UCCX_LIMITS.alias }) : null;

  return (
    <form className="panel agent-form" aria-label={t('uccx.agents.editLabel', { name: agentName(agent) })} onSubmit={(e) => e.preventDefault()}>
      <h2>
        <span translate="no">{agentName(agent)}</span> <PendingMarker changes={pendingFor(pending, 'resource', agent.userID)} />
      </h2>
      <p className="muted">
        <Message
          id="uccx.agents.identity"
          values={{ type: agent.type === 2 ? 'supervisor' : 'agent' }}
          parts={{ extension: <span translate="no">{agent.extension || '—'}</span> }}
        />
      </p>
      <div className="form-grid">
        <Field label={t('uccx.agents.alias')} hint={t('uccx.agents.aliasHint', { max: UCCX_LIMITS.alias })} error={errorOf('alias')}>
          <input value={draft.alias} maxLength={64} onChange={(e) => setDraft({ ...draft, alias: e.target.value })} />
        </Field>
        <Field label={t('uccx.agents.team')}>
          <select value={draft.team?.id ?? ''} onChange={(e) => setDraft({ ...draft, team: { id: e.target.value, name: config.teams.find((team) => team.id === e.target.value)?.name ?? '' } })}>
            <NamedOptions items={config.teams} />
          </select>
        </Field>
        <Field label={t('uccx.agents.resourceGroup')}>
          <select
            value={draft.resourceGroup?.id ?? ''}
            onChange={(e) =>
              setDraft({ ...draft, resourceGroup: e.target.value ? { id: e.target.value, name: config.resourceGroups.find((g) => g.id === e.target.value)?.name ?? '' } : null })
            }
          >
            <option value="">{t('uccx.agents.noneOption')}</option>
            <NamedOptions items={config.resourceGroups} />
          </select>
        </Field>
        <CheckField label={t('uccx.agents.autoAvailable')} checked={draft.autoAvailable} onChange={(autoAvailable) => setDraft({ ...draft, autoAvailable })} />
      </div>
      <h3>
        <Message id="uccx.agents.skills" parts={{ count: <span className="muted">{t('uccx.agents.skillsOfMax', { count: draft.skills.length, max: MAX_SKILLS_PER_AGENT })}</span> }} />
      </h3>
      <SkillLevelTable
        rows={draft.skills}
        allSkills={config.skills}
        levelHeading={t('uccx.agents.competence')}
        levelLabel={(name) => t('uccx.agents.competenceFor', { name })}
        max={MAX_SKILLS_PER_AGENT}
        newRow={(skill) => ({ skillId: skill.id, name: skill.name, level: 5 })}
        onChange={(skills) => setDraft({ ...draft, skills })}
      />
      <ReviewAndQueue
        name={agentName(agent)}
        base={base}
        mine={mine}
        labels={shownLabels}
        disabled={tooMany ?? aliasTooLong}
        errors={errors}
        onReset={reset}
        onQueue={() => submitEdits([agentUpdate(agent, { base, mine, labels })])}
      />
    </form>
  );
}

/**
 * The queue request for an edit of one agent (the editor's or a bulk re-skill's), summarised as "Skill Billing: 7, Team: 3".
 * The label and summary are English: they are the words of the journal and the audit log, not of the screen.
 */
export function agentUpdate(agent: UccxAgent, change: { base: FieldMap; mine: FieldMap; labels: Record<string, string> }): UccxEditRequest {
  const summary = Object.entries(change.mine)
    .map(([field, value]) => `${change.labels[field] ?? field}: ${value === null ? 'removed' : String(value)}`)
    .join(', ');
  return updateRequest('resource', agent.userID, `Agent ${agentName(agent)}`, change, summary);
}

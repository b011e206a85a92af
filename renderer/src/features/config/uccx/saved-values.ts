import { useMemo } from 'react';
import type { FieldValue, PendingChange } from '../../../../../shared/domain/changes';
import type { NameRef, UccxAgent, UccxApplication, UccxCalendar, UccxConfig, UccxCsq, UccxSkill, UccxTeam } from '../../../../../shared/domain/uccx';
import { pendingFor, useUccxStore } from './uccx-store';

/**
 * What every UCCX form shows: each object as it is once its saved changes are
 * written. A change counts from the moment it is saved (queued), while it is
 * written, and after it is written until a reload brings the same values
 * from UCCX (`written` in the store); so a saved form never falls back to the
 * old values in between. Failed and conflicted changes do not count: they
 * were not written, the form goes back to what the server holds, and their
 * marker says why. One applier per object type turns a change's fields back
 * into the object the form edits.
 */

/** Saved changes, whether still waiting or written since the configuration was read. */
export function useSavedChanges(): PendingChange[] {
  const waiting = useUccxStore((s) => s.pending);
  const written = useUccxStore((s) => s.written);
  return useMemo(() => [...waiting, ...written], [waiting, written]);
}

/** Sets one field of a change on a copy of the object (the copy is the applier's to change). */
type FieldApplier<T> = (item: T, field: string, value: FieldValue, config: UccxConfig) => void;

const text = (value: FieldValue): string => (value === null ? '' : String(value));
const byId = (list: ReadonlyArray<{ id: string; name: string }>, id: FieldValue): NameRef => ({ id: String(id), name: list.find((item) => item.id === id)?.name ?? String(id) });
const agentRef = (config: UccxConfig, id: FieldValue): NameRef => ({ id: String(id), name: config.agents.find((agent) => agent.userID === id)?.userID ?? String(id) });
const ids = (value: FieldValue): FieldValue[] => (Array.isArray(value) ? value : []);

/** A "skill/<id>" field: the level, or null when the skill was removed. */
function applySkillLevel<S extends { skillId: string; name: string; level: number }>(skills: S[], field: string, value: FieldValue, config: UccxConfig, extra: Omit<S, 'skillId' | 'name' | 'level'>): S[] {
  const skillId = field.slice('skill/'.length);
  const existing = skills.find((skill) => skill.skillId === skillId);
  const rest = skills.filter((skill) => skill.skillId !== skillId);
  if (typeof value !== 'number') return rest;
  return [...rest, { ...(existing ?? extra), skillId, name: config.skills.find((s) => s.id === skillId)?.name ?? skillId, level: value } as S];
}

const agentApplier: FieldApplier<UccxAgent> = (agent, field, value, config) => {
  if (field === 'alias') agent.alias = text(value);
  else if (field === 'autoAvailable') agent.autoAvailable = value === true;
  else if (field === 'team') agent.team = value === null ? null : byId(config.teams, value);
  else if (field === 'resourceGroup') agent.resourceGroup = value === null ? null : byId(config.resourceGroups, value);
  else if (field.startsWith('skill/')) agent.skills = applySkillLevel(agent.skills, field, value, config, {});
};

const skillApplier: FieldApplier<UccxSkill> = (skill, field, value) => {
  if (field === 'name') skill.name = text(value);
};

const csqApplier: FieldApplier<UccxCsq> = (csq, field, value, config) => {
  if (field === 'name' || field === 'selectionCriteria') csq[field] = text(value);
  else if (field === 'serviceLevel' || field === 'serviceLevelPercentage' || field === 'wrapupTime') csq[field] = typeof value === 'number' ? value : Number(value);
  else if (field === 'autoWork') csq.autoWork = value === true;
  else if (field.startsWith('skill/')) csq.skills = applySkillLevel(csq.skills, field, value, config, { weight: 1 });
};

const teamApplier: FieldApplier<UccxTeam> = (team, field, value, config) => {
  if (field === 'name') team.name = text(value);
  else if (field === 'primarySupervisor') team.primarySupervisor = value === null ? null : agentRef(config, value);
  else if (field === 'secondarySupervisors') team.secondarySupervisors = ids(value).map((id) => agentRef(config, id));
  else if (field === 'csqs') team.csqs = ids(value).map((id) => byId(config.csqs, id));
};

const applicationApplier: FieldApplier<UccxApplication> = (application, field, value) => {
  if (field === 'description') application.description = text(value);
  else if (field === 'enabled') application.enabled = value === true;
  else if (field === 'maxsession') application.maxsession = typeof value === 'number' ? value : null;
  else if (field.startsWith('param/')) {
    const name = field.slice('param/'.length);
    application.params = application.params.map((param) => (param.name === name ? { ...param, value: text(value) } : param));
  }
};

const calendarApplier: FieldApplier<UccxCalendar> = (calendar, field, value) => {
  if (field === 'name' || field === 'description' || field === 'timeZone' || field === 'calendarType') calendar[field] = text(value);
  else if (field === 'workingDays')
    calendar.workingDays = ids(value).map((day) => {
      const row = (day ?? {}) as Record<string, FieldValue>;
      return { day: text(row.day ?? null), startTime: text(row.startTime ?? null), endTime: text(row.endTime ?? null) };
    });
  else if (field === 'holidays')
    calendar.holidays = ids(value).map((holiday) => {
      const row = (holiday ?? {}) as Record<string, FieldValue>;
      return { date: text(row.date ?? null), description: text(row.description ?? null) };
    });
};

/** The applier of each object type the UCCX forms edit, by its type in the change queue. */
const APPLIERS = {
  resource: agentApplier,
  skill: skillApplier,
  csq: csqApplier,
  team: teamApplier,
  application: applicationApplier,
  calendar: calendarApplier,
} satisfies Record<string, FieldApplier<never>>;

export type SavedValueType = keyof typeof APPLIERS;
type ItemOf<K extends SavedValueType> = (typeof APPLIERS)[K] extends FieldApplier<infer T> ? T : never;

/** The changes that count for what a form shows: saved updates not failed, in conflict or discarded. */
export function countingChanges(changes: PendingChange[], type: string, id: string): PendingChange[] {
  // A create or a delete has no fields to show on an object the form has.
  return pendingFor(changes, type, id).filter((change) => change.operation !== 'create' && change.operation !== 'delete' && (change.state === 'queued' || change.state === 'applying' || change.state === 'applied'));
}

/** The object as it is once its saved changes are written (the same object when none count). */
export function withSavedValues<K extends SavedValueType>(type: K, item: ItemOf<K>, id: string, changes: PendingChange[], config: UccxConfig): ItemOf<K> {
  const counting = countingChanges(changes, type, id);
  if (counting.length === 0) return item;
  const copy = structuredClone(item);
  const apply = APPLIERS[type] as FieldApplier<ItemOf<K>>;
  for (const change of counting) for (const [field, value] of Object.entries(change.mine)) apply(copy, field, value, config);
  return copy;
}

/** A list of objects as the forms show them, with their saved changes. */
export function useWithSavedValues<K extends SavedValueType>(type: K, items: ItemOf<K>[], keyOf: (item: ItemOf<K>) => string, config: UccxConfig): ItemOf<K>[] {
  const changes = useSavedChanges();
  return useMemo(() => items.map((item) => withSavedValues(type, item, keyOf(item), changes, config)), [type, items, keyOf, changes, config]);
}

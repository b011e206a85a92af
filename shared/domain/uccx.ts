/**
 * UCCX configuration as the editors see it: the modelled part of each
 * adminapi object (apis.md section 1.3). The main process keeps the whole XML
 * of every object; these views never travel back to the server as such.
 */
import { sameField, type FieldMap, type FieldValue } from './changes';
import type { NodeCondition } from './status';

/** A reference to another object: its key and display name. */
export interface NameRef {
  id: string;
  name: string;
}

export interface SkillLevel {
  skillId: string;
  name: string;
  /** Competence level 1 (lowest) to 10 (highest). */
  level: number;
}

export interface UccxAgent {
  userID: string;
  firstName: string;
  lastName: string;
  extension: string;
  alias: string;
  autoAvailable: boolean;
  /** 1 agent, 2 supervisor. */
  type: number;
  team: NameRef | null;
  resourceGroup: NameRef | null;
  skills: SkillLevel[];
}

export interface UccxSkill {
  id: string;
  name: string;
}

export interface UccxResourceGroup {
  id: string;
  name: string;
}

export interface CsqSkill extends SkillLevel {
  weight: number | null;
}

export interface UccxCsq {
  id: string;
  name: string;
  queueType: string;
  resourcePoolType: string;
  serviceLevel: number;
  serviceLevelPercentage: number;
  wrapupTime: number;
  autoWork: boolean;
  selectionCriteria: string;
  skills: CsqSkill[];
}

export interface UccxTeam {
  id: string;
  name: string;
  primarySupervisor: NameRef | null;
  secondarySupervisors: NameRef[];
  members: NameRef[];
  csqs: NameRef[];
}

export interface ScriptParameter {
  name: string;
  value: string;
  type: string;
}

export interface UccxApplication {
  /** The application name is its key. */
  name: string;
  id: number | null;
  type: string;
  description: string;
  enabled: boolean;
  maxsession: number | null;
  script: string;
  params: ScriptParameter[];
}

export interface WorkingDay {
  day: string;
  startTime: string;
  endTime: string;
}

export interface Holiday {
  date: string;
  description: string;
}

export interface UccxCalendar {
  id: string;
  name: string;
  description: string;
  timeZone: string;
  calendarType: string;
  workingDays: WorkingDay[];
  holidays: Holiday[];
}

export interface UccxPrompt {
  /** File name, its key. */
  name: string;
  fileSize: number | null;
  audioFormat: string;
  sampleRate: number | null;
  channels: number | null;
  durationMillis: number | null;
}

export type UccxEntityType = 'resource' | 'skill' | 'csq' | 'team' | 'resourceGroup' | 'application' | 'calendar' | 'prompt';

/** The whole configuration the editors load at once (one LIST request per type). */
export interface UccxConfig {
  agents: UccxAgent[];
  skills: UccxSkill[];
  resourceGroups: UccxResourceGroup[];
  csqs: UccxCsq[];
  teams: UccxTeam[];
  applications: UccxApplication[];
  calendars: UccxCalendar[];
  prompts: UccxPrompt[];
  /** Epoch ms the data was read from the server. */
  fetchedAt: number;
  /** 'cache' when UCCX could not be reached and the last copy is shown. */
  source: 'live' | 'cache';
  /** Node that answered, e.g. "ccx-b". */
  node: string | null;
}

export type UccxMode =
  /** Reads and writes go to the DB master. */
  | 'ok'
  /** A node answers but none can take writes (or both claim master): edits queue. */
  | 'read-only'
  /** No node answers: editors show the cache, edits queue. */
  | 'offline'
  /** Not probed yet. */
  | 'connecting'
  /** No UCCX in this profile. */
  | 'off';

export interface UccxNodeState {
  name: string;
  url: string;
  /** Answered its last isDBMaster with 200 in time (maybe slowly). */
  reachable: boolean;
  master: boolean;
  /** Epoch ms since which the node answers (or fails) the way it does now. */
  since: number;
  /** Why it cannot be used, in words ("not answering since 10:42"); null while it answers. */
  problem: string | null;
  /** How it answers and its role in the pair, by the rule every node follows (describeNode). */
  condition: NodeCondition;
}

export interface UccxState {
  mode: UccxMode;
  /** Writes go now. */
  writable: boolean;
  /** The frame's sentence, e.g. "UCCX read-only: ccx-a unreachable since 10:42; 3 changes waiting". */
  detail: string;
  nodes: UccxNodeState[];
  /** Changes waiting for UCCX. */
  waiting: number;
}

export const MAX_SKILLS_PER_AGENT = 50;
export const MIN_COMPETENCE = 1;
export const MAX_COMPETENCE = 10;

export const SELECTION_CRITERIA = [
  'Longest Available',
  'Most Handled Contacts',
  'Shortest Average Handle Time',
  'Most Skilled',
  'Least Skilled',
  'Most Skilled by Weight',
  'Least Skilled by Weight',
  'Most Skilled by Order',
  'Least Skilled by Order',
] as const;

/** Agent display name: "Jane Doe (jdoe)". */
export function agentName(agent: Pick<UccxAgent, 'firstName' | 'lastName' | 'userID'>): string {
  const full = `${agent.firstName} ${agent.lastName}`.trim();
  return full ? `${full} (${agent.userID})` : agent.userID;
}

// ---- fields: the flat form of each view the journal compares (see electron/services/uccx/entities.ts) ----


const sortedIds = (refs: ReadonlyArray<NameRef | null>): string[] => refs.flatMap((ref) => (ref ? [ref.id] : [])).sort();

export function agentFields(agent: UccxAgent): FieldMap {
  const fields: FieldMap = {
    alias: agent.alias,
    autoAvailable: agent.autoAvailable,
    team: agent.team?.id ?? null,
    resourceGroup: agent.resourceGroup?.id ?? null,
  };
  for (const skill of agent.skills) fields[`skill/${skill.skillId}`] = skill.level;
  return fields;
}

export function csqFields(csq: UccxCsq): FieldMap {
  const fields: FieldMap = {
    name: csq.name,
    serviceLevel: csq.serviceLevel,
    serviceLevelPercentage: csq.serviceLevelPercentage,
    wrapupTime: csq.wrapupTime,
    autoWork: csq.autoWork,
    selectionCriteria: csq.selectionCriteria,
  };
  for (const skill of csq.skills) fields[`skill/${skill.skillId}`] = skill.level;
  return fields;
}

export function teamFields(team: UccxTeam): FieldMap {
  return {
    name: team.name,
    primarySupervisor: team.primarySupervisor?.id ?? null,
    secondarySupervisors: sortedIds(team.secondarySupervisors),
    csqs: sortedIds(team.csqs),
  };
}

export function applicationFields(application: UccxApplication): FieldMap {
  const fields: FieldMap = { description: application.description, enabled: application.enabled, maxsession: application.maxsession };
  for (const param of application.params) fields[`param/${param.name}`] = param.value;
  return fields;
}

export function calendarFields(calendar: UccxCalendar): FieldMap {
  return {
    name: calendar.name,
    description: calendar.description,
    timeZone: calendar.timeZone,
    calendarType: calendar.calendarType,
    workingDays: calendar.workingDays.map((day) => ({ day: day.day, startTime: day.startTime, endTime: day.endTime })),
    holidays: calendar.holidays.map((holiday) => ({ date: holiday.date, description: holiday.description })),
  };
}

export function skillFields(skill: UccxSkill): FieldMap {
  return { name: skill.name };
}

/** The fields that differ between two field maps: `base` = before, `mine` = after (absent = null). */
export function changedFields(before: FieldMap, after: FieldMap): { base: FieldMap; mine: FieldMap } {
  const base: FieldMap = {};
  const mine: FieldMap = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (sameField(before[field], after[field])) continue;
    base[field] = before[field] ?? null;
    mine[field] = after[field] ?? null;
  }
  return { base, mine };
}

/**
 * A change's values as the review shows them: the ids of agents, CSQs, teams
 * and resource groups replaced by their names ("Jane Doe (sup01)", not
 * "sup01"; "Billing_CSQ", not "3"). An id the configuration does not know
 * stays as it is. The change itself keeps the ids.
 */
export function uccxDisplayValues(fields: FieldMap, config: Pick<UccxConfig, 'agents' | 'csqs' | 'teams' | 'resourceGroups'> | null): FieldMap {
  if (!config) return fields;
  const agent = (id: FieldValue) => {
    const found = config.agents.find((a) => a.userID === id);
    return found ? agentName(found) : id;
  };
  const byId = (list: ReadonlyArray<{ id: string; name: string }>) => (id: FieldValue) => list.find((item) => item.id === id)?.name ?? id;
  const namers: Record<string, (id: FieldValue) => FieldValue> = {
    primarySupervisor: agent,
    secondarySupervisors: agent,
    csqs: byId(config.csqs),
    team: byId(config.teams),
    resourceGroup: byId(config.resourceGroups),
  };
  const out: FieldMap = {};
  for (const [field, value] of Object.entries(fields)) {
    const name = namers[field];
    out[field] = !name || value === null ? value : Array.isArray(value) ? value.map(name) : name(value);
  }
  return out;
}

/** Human names of the fields of an entity ("skill/5" → "Skill Billing"). */
export function uccxFieldLabels(fields: Iterable<string>, config: Pick<UccxConfig, 'skills'> | null): Record<string, string> {
  const skillName = (id: string) => config?.skills.find((skill) => skill.id === id)?.name ?? `#${id}`;
  const fixed: Record<string, string> = {
    alias: 'Alias',
    autoAvailable: 'Auto-available',
    team: 'Team',
    resourceGroup: 'Resource group',
    name: 'Name',
    serviceLevel: 'Service level (s)',
    serviceLevelPercentage: 'Service level %',
    wrapupTime: 'Wrap-up time (s)',
    autoWork: 'Auto-work',
    selectionCriteria: 'Selection criteria',
    primarySupervisor: 'Primary supervisor',
    secondarySupervisors: 'Secondary supervisors',
    csqs: 'CSQs',
    description: 'Description',
    enabled: 'Enabled',
    maxsession: 'Maximum sessions',
    timeZone: 'Time zone',
    calendarType: 'Calendar type',
    workingDays: 'Working days',
    holidays: 'Holidays',
    content: 'Audio file',
  };
  const labels: Record<string, string> = {};
  for (const field of fields) {
    if (field.startsWith('skill/')) labels[field] = `Skill ${skillName(field.slice(6))}`;
    else if (field.startsWith('param/')) labels[field] = `Parameter ${field.slice(6)}`;
    else labels[field] = fixed[field] ?? field;
  }
  return labels;
}

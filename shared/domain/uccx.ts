/**
 * UCCX configuration as the editors see it: the modelled part of each
 * adminapi object (apis.md section 1.3). The main process keeps the whole XML
 * of every object; these views never travel back to the server as such.
 */
import { sameField, type FieldMap, type FieldValue } from './changes';
import type { NodeCondition } from './status';
import type { UccxAccountAccess } from './uccx-access';
import { checkOneOf, checkText, checkWholeNumber, clockMinutes, isCalendarDate, type FieldError } from './validation';

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

/** A file or folder of the UCCX prompt repository, as listed (unknown or missing details are null). */
export interface UccxRepositoryItem {
  /** The folder it is in, with both slashes: '/en_US/'. */
  folder: string;
  name: string;
  isFolder: boolean;
  size: number | null;
  dateModified: string | null;
  modifiedBy: string | null;
}

/** How far the upload of a queued prompt has gone (bytes of step 1 that have left the console). */
export interface UccxPromptUploadProgress {
  changeId: string;
  /** '/en_US/welcome.wav'. */
  path: string;
  sent: number;
  total: number;
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
  /** Epoch ms the data was read from the server. */
  fetchedAt: number;
  /** 'cache' when UCCX could not be reached and the last copy is shown. */
  source: 'live' | 'cache';
  /** Node that answered, e.g. "ccx-b". */
  node: string | null;
  /**
   * What the profile's account may do, per editor (supervisor credentials,
   * docs/uccx.md). Absent in a copy cached before the console looked: every
   * editor is open and UCCX's answers to writes say the rest.
   */
  account?: UccxAccountAccess;
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

// ---- validation: what UCCX accepts, checked by the editors as the user types and by main before queuing ----

/** Limits of the adminapi (Cisco's data structures; the lab enforces the same). */
export const UCCX_LIMITS = {
  /** Seconds; UCCX takes 0 and up, and a service level beyond an hour measures nothing useful. */
  serviceLevel: { min: 0, max: 3600 },
  serviceLevelPercentage: { min: 0, max: 100 },
  wrapupTime: { min: 0, max: 7200 },
  csqName: 50,
  skillName: 50,
  teamName: 49,
  calendarName: 50,
  alias: 31,
  description: 255,
  maxsession: { min: 1, max: 2_147_483_647 },
  /** A script parameter's text value. */
  parameterText: 1000,
} as const;

export const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

const JAVA_INT = { min: -2_147_483_648, max: 2_147_483_647 };
const JAVA_LONG = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** The kind of a script parameter from its declared type ("java.lang.Integer" → "integer"). */
export function parameterKind(type: string): 'integer' | 'long' | 'decimal' | 'boolean' | 'character' | 'text' {
  const name = type.trim().replace(/^java\.lang\./i, '').toLowerCase();
  if (name === 'integer' || name === 'int' || name === 'short' || name === 'byte') return 'integer';
  if (name === 'long') return 'long';
  if (name === 'float' || name === 'double') return 'decimal';
  if (name === 'boolean') return 'boolean';
  if (name === 'character' || name === 'char') return 'character';
  return 'text';
}

/** Problems with one script parameter value, judged by the parameter's declared type. */
export function validateParameterValue(field: string, type: string, value: FieldValue | undefined): FieldError[] {
  if (typeof value !== 'string') return [{ field, message: 'Enter a value.' }];
  const text = value.trim();
  switch (parameterKind(type)) {
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return [{ field, message: `Must be a whole number (this parameter is an Integer); "${value.slice(0, 40)}" is not.` }];
      const number = Number(text);
      return number < JAVA_INT.min || number > JAVA_INT.max ? [{ field, message: `Must be from ${JAVA_INT.min} to ${JAVA_INT.max}.` }] : [];
    }
    case 'long': {
      if (!/^-?\d{1,20}$/.test(text)) return [{ field, message: `Must be a whole number (this parameter is a Long); "${value.slice(0, 40)}" is not.` }];
      const number = BigInt(text);
      return number < JAVA_LONG.min || number > JAVA_LONG.max ? [{ field, message: 'The number is too large for a Long.' }] : [];
    }
    case 'decimal':
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/.test(text) && Number.isFinite(Number(text))
        ? []
        : [{ field, message: `Must be a number such as 2.5 (this parameter is a ${parameterKindLabel(type)}); "${value.slice(0, 40)}" is not.` }];
    case 'boolean':
      return /^(true|false)$/i.test(text) ? [] : [{ field, message: 'Must be true or false.' }];
    case 'character':
      return [...value].length === 1 ? [] : [{ field, message: 'Must be exactly one character.' }];
    case 'text':
      return value.length > UCCX_LIMITS.parameterText ? [{ field, message: `At most ${UCCX_LIMITS.parameterText} characters; this has ${value.length}.` }] : [];
  }
}

function parameterKindLabel(type: string): string {
  return /double/i.test(type) ? 'Double' : 'Float';
}

/** Problems with a competence level: a whole number 1–10; null means "remove the skill". */
function checkSkillLevel(field: string, value: FieldValue | undefined): FieldError[] {
  if (value === null) return [];
  return checkWholeNumber(field, value, MIN_COMPETENCE, MAX_COMPETENCE).map((error) => ({ ...error, message: `Competence levels go from ${MIN_COMPETENCE} to ${MAX_COMPETENCE} (whole numbers).` }));
}

function asRecords(value: FieldValue | undefined): Array<Record<string, FieldValue>> | null {
  if (!Array.isArray(value)) return null;
  return value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) ? (value as Array<Record<string, FieldValue>>) : null;
}

/** Working days: known day names, HH:MM times, opening before closing, no two overlapping hours on one day. */
export function validateWorkingDays(value: FieldValue | undefined): FieldError[] {
  const days = asRecords(value);
  if (!days) return [{ field: 'workingDays', message: 'Working days must be a list of days with opening and closing times.' }];
  const errors: FieldError[] = [];
  const ranges: Array<{ index: number; day: string; open: number; close: number }> = [];
  days.forEach((entry, index) => {
    const at = `workingDays.${index}.`;
    errors.push(...checkOneOf(`${at}day`, entry.day, WEEK_DAYS));
    const open = typeof entry.startTime === 'string' ? clockMinutes(entry.startTime) : null;
    const close = typeof entry.endTime === 'string' ? clockMinutes(entry.endTime) : null;
    if (open === null || open === 24 * 60) errors.push({ field: `${at}startTime`, message: 'Enter the opening time as HH:MM (24-hour), e.g. 08:00.' });
    if (close === null) errors.push({ field: `${at}endTime`, message: 'Enter the closing time as HH:MM (24-hour), e.g. 17:30.' });
    if (open === null || close === null || open === 24 * 60) return;
    if (close <= open) {
      errors.push({ field: `${at}endTime`, message: `Closes at ${String(entry.endTime)}, which is not after it opens (${String(entry.startTime)}).` });
      return;
    }
    ranges.push({ index, day: String(entry.day), open, close });
  });
  for (const range of ranges) {
    const earlier = ranges.find((other) => other.index < range.index && other.day === range.day && other.open < range.close && range.open < other.close);
    if (earlier) errors.push({ field: `workingDays.${range.index}.startTime`, message: `Overlaps the other ${range.day.toLowerCase()} hours (row ${earlier.index + 1}).` });
  }
  return errors;
}

/** Holidays: real dates (YYYY-MM-DD), each at most once. */
export function validateHolidays(value: FieldValue | undefined): FieldError[] {
  const holidays = asRecords(value);
  if (!holidays) return [{ field: 'holidays', message: 'Holidays must be a list of dates.' }];
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  holidays.forEach((holiday, index) => {
    const at = `holidays.${index}.`;
    const date = typeof holiday.date === 'string' ? holiday.date : '';
    if (!isCalendarDate(date)) {
      errors.push({ field: `${at}date`, message: 'Enter a date that exists, as YYYY-MM-DD (e.g. 2025-12-25).' });
    } else if (seen.has(date)) {
      errors.push({ field: `${at}date`, message: `${date} is already listed (row ${seen.get(date)! + 1}).` });
    } else {
      seen.set(date, index);
    }
    errors.push(...checkText(`${at}description`, holiday.description ?? '', { max: UCCX_LIMITS.description }));
  });
  return errors;
}

export interface UccxValidationContext {
  /** Declared types of the application's script parameters, by parameter name. */
  parameterTypes?: Record<string, string>;
}

/**
 * Problems with the fields an edit sets (`fields` is the edit's `mine`: only
 * the touched fields are judged, so an unrelated odd value already on the
 * server never blocks an edit). The same function runs in the editors and in
 * main before anything is queued.
 */
export function validateUccxFields(type: UccxEntityType, fields: FieldMap, context: UccxValidationContext = {}): FieldError[] {
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (field.startsWith('skill/')) {
      if (type === 'resource' || type === 'csq') errors.push(...checkSkillLevel(field, value));
      continue;
    }
    if (field.startsWith('param/') && type === 'application') {
      errors.push(...validateParameterValue(field, context.parameterTypes?.[field.slice(6)] ?? 'java.lang.String', value));
      continue;
    }
    errors.push(...validateOne(type, field, value));
  }
  return errors;
}

function validateOne(type: UccxEntityType, field: string, value: FieldValue): FieldError[] {
  const L = UCCX_LIMITS;
  switch (`${type}.${field}`) {
    case 'resource.alias':
      return checkText(field, value, { max: L.alias });
    case 'csq.name':
      return checkText(field, value, { required: true, max: L.csqName });
    case 'csq.serviceLevel':
      return checkWholeNumber(field, value, L.serviceLevel.min, L.serviceLevel.max, 'seconds');
    case 'csq.serviceLevelPercentage':
      return checkWholeNumber(field, value, L.serviceLevelPercentage.min, L.serviceLevelPercentage.max, 'percent');
    case 'csq.wrapupTime':
      return checkWholeNumber(field, value, L.wrapupTime.min, L.wrapupTime.max, 'seconds');
    case 'csq.selectionCriteria':
      return checkOneOf(field, value, SELECTION_CRITERIA);
    case 'skill.name':
      return checkText(field, value, { required: true, max: L.skillName });
    case 'team.name':
      return checkText(field, value, { required: true, max: L.teamName });
    case 'application.description':
    case 'calendar.description':
      return checkText(field, value, { max: L.description });
    case 'application.maxsession':
      return value === null ? [{ field, message: 'Required: enter how many calls the application may handle at once.' }] : checkWholeNumber(field, value, L.maxsession.min, L.maxsession.max);
    case 'calendar.name':
      return checkText(field, value, { required: true, max: L.calendarName });
    case 'calendar.timeZone':
    case 'calendar.calendarType':
      return checkText(field, value, { required: true, max: 100 });
    case 'calendar.workingDays':
      return validateWorkingDays(value);
    case 'calendar.holidays':
      return validateHolidays(value);
    default:
      return [];
  }
}

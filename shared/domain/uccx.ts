/**
 * UCCX configuration as the editors see it: the modelled part of each
 * adminapi object (apis.md section 1.3). The main process keeps the whole XML
 * of every object; these views never travel back to the server as such.
 */
import type { MainSentence } from './main-message';
import { sameField, type FieldMap, type FieldValue } from './changes';
import type { NodeCondition } from './status';
import type { UccxAccountAccess } from './uccx-access';
import { plainText } from './glossary';
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
  /** SKILL_GROUP (agents chosen by their skills) or RESOURCE_GROUP (agents of one resource group). */
  resourcePoolType: string;
  /** The resource group a RESOURCE_GROUP CSQ takes its agents from. */
  resourceGroup?: NameRef | null;
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

/** A file or folder of the UCCX repository (prompts, documents), as listed (unknown or missing details are null). */
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
  /** The same sentence by message id (`main.uccx.*`), for the renderer to say in the user's language. */
  detailMessage?: MainSentence;
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
    resourcePoolType: csq.resourcePoolType,
    resourceGroup: csq.resourceGroup?.id ?? null,
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
    resourcePoolType: (value) => plainText('resource-pool-type', typeof value === 'string' ? value : null),
    calendarType: (value) => plainText('calendar-type', typeof value === 'string' ? value : null),
  };
  const out: FieldMap = {};
  for (const [field, value] of Object.entries(fields)) {
    const name = namers[field];
    out[field] = !name || value === null ? value : Array.isArray(value) ? value.map(name) : name(value);
  }
  return out;
}

/**
 * The English names of the fields the editors change, for main's summaries
 * and the audit log; the screens say them in the user's language
 * (`uccxFieldWords`, renderer/src/features/config/uccx/field-words.ts).
 */
export const UCCX_FIELD_LABELS = {
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
  resourcePoolType: 'Agents chosen by',
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
} as const;

export type UccxNamedField = keyof typeof UCCX_FIELD_LABELS;

/** Human names of the fields of an entity ("skill/5" → "Skill Billing"), in English. */
export function uccxFieldLabels(fields: Iterable<string>, config: Pick<UccxConfig, 'skills'> | null): Record<string, string> {
  const fixed: Record<string, string> = UCCX_FIELD_LABELS;
  const labels: Record<string, string> = {};
  for (const field of fields) {
    if (field.startsWith('skill/')) labels[field] = `Skill ${uccxSkillName(field.slice(6), config)}`;
    else if (field.startsWith('param/')) labels[field] = `Parameter ${field.slice(6)}`;
    else labels[field] = fixed[field] ?? field;
  }
  return labels;
}

/** A skill's name by its id, "#id" when the configuration does not know it. */
export function uccxSkillName(id: string, config: Pick<UccxConfig, 'skills'> | null): string {
  return config?.skills.find((skill) => skill.id === id)?.name ?? `#${id}`;
}

// ---- validation: what UCCX accepts, checked by the editors as the user types and by main before queuing ----

/** Limits of the adminapi (Cisco's data structures; the lab enforces the same). */
export const UCCX_LIMITS = {
  /** Seconds; UCCX takes 0 and up, and a service level beyond an hour measures nothing useful. */
  serviceLevel: { min: 0, max: 3600 },
  /** 1–100 [C: CSQ data structure, minInclusive 1]. */
  serviceLevelPercentage: { min: 1, max: 100 },
  wrapupTime: { min: 0, max: 7200 },
  csqName: 50,
  skillName: 50,
  teamName: 49,
  /** Cisco's Data Structure for Calendar: name 1–30, description up to 70, at most 3 opening intervals a day, 40 holidays. */
  calendarName: 30,
  calendarDescription: 70,
  calendarIntervalsPerDay: 3,
  calendarHolidays: 40,
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
  if (typeof value !== 'string') return [{ field, message: 'Enter a value.', said: { id: 'validation.uccx.parameter.empty' } }];
  const text = value.trim();
  // What was typed, as the problem quotes it: the first 40 characters.
  const shown = value.slice(0, 40);
  switch (parameterKind(type)) {
    case 'integer': {
      if (!/^-?\d+$/.test(text)) return [{ field, message: `Must be a whole number (this parameter is an Integer); "${shown}" is not.`, said: { id: 'validation.uccx.parameter.integer', values: { text: shown } } }];
      const number = Number(text);
      return number < JAVA_INT.min || number > JAVA_INT.max
        ? [{ field, message: `Must be from ${JAVA_INT.min} to ${JAVA_INT.max}.`, said: { id: 'validation.uccx.parameter.integerRange', values: { min: JAVA_INT.min, max: JAVA_INT.max } } }]
        : [];
    }
    case 'long': {
      if (!/^-?\d{1,20}$/.test(text)) return [{ field, message: `Must be a whole number (this parameter is a Long); "${shown}" is not.`, said: { id: 'validation.uccx.parameter.long', values: { text: shown } } }];
      const number = BigInt(text);
      return number < JAVA_LONG.min || number > JAVA_LONG.max ? [{ field, message: 'The number is too large for a Long.', said: { id: 'validation.uccx.parameter.longRange' } }] : [];
    }
    case 'decimal':
      return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?$/.test(text) && Number.isFinite(Number(text))
        ? []
        : [
            {
              field,
              message: `Must be a number such as 2.5 (this parameter is a ${parameterKindLabel(type)}); "${shown}" is not.`,
              said: { id: 'validation.uccx.parameter.decimal', values: { kind: parameterKindLabel(type), text: shown } },
            },
          ];
    case 'boolean':
      return /^(true|false)$/i.test(text) ? [] : [{ field, message: 'Must be true or false.', said: { id: 'validation.uccx.parameter.boolean' } }];
    case 'character':
      return [...value].length === 1 ? [] : [{ field, message: 'Must be exactly one character.', said: { id: 'validation.uccx.parameter.character' } }];
    case 'text':
      return checkText(field, value, { max: UCCX_LIMITS.parameterText });
  }
}

function parameterKindLabel(type: string): string {
  return /double/i.test(type) ? 'Double' : 'Float';
}

/** Problems with a competence level: a whole number 1–10; null means "remove the skill". */
function checkSkillLevel(field: string, value: FieldValue | undefined): FieldError[] {
  if (value === null) return [];
  return checkWholeNumber(field, value, MIN_COMPETENCE, MAX_COMPETENCE).map((error) => ({
    ...error,
    message: `Competence levels go from ${MIN_COMPETENCE} to ${MAX_COMPETENCE} (whole numbers).`,
    said: { id: 'validation.uccx.competence', values: { min: MIN_COMPETENCE, max: MAX_COMPETENCE } },
  }));
}

function asRecords(value: FieldValue | undefined): Array<Record<string, FieldValue>> | null {
  if (!Array.isArray(value)) return null;
  return value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item)) ? (value as Array<Record<string, FieldValue>>) : null;
}

/** Working days: known day names, HH:MM times, opening before closing, no two overlapping hours on one day. */
export function validateWorkingDays(value: FieldValue | undefined): FieldError[] {
  const days = asRecords(value);
  if (!days) return [{ field: 'workingDays', message: 'Working days must be a list of days with opening and closing times.', said: { id: 'validation.uccx.workingDays.notList' } }];
  const errors: FieldError[] = [];
  const ranges: Array<{ index: number; day: string; open: number; close: number }> = [];
  days.forEach((entry, index) => {
    const at = `workingDays.${index}.`;
    errors.push(...checkOneOf(`${at}day`, entry.day, WEEK_DAYS));
    const open = typeof entry.startTime === 'string' ? clockMinutes(entry.startTime) : null;
    const close = typeof entry.endTime === 'string' ? clockMinutes(entry.endTime) : null;
    if (open === null || open === 24 * 60) errors.push({ field: `${at}startTime`, message: 'Enter the opening time as HH:MM (24-hour), e.g. 08:00.', said: { id: 'validation.uccx.workingDays.opening' } });
    if (close === null) errors.push({ field: `${at}endTime`, message: 'Enter the closing time as HH:MM (24-hour), e.g. 17:30.', said: { id: 'validation.uccx.workingDays.closing' } });
    if (open === null || close === null || open === 24 * 60) return;
    if (close <= open) {
      const values = { closes: String(entry.endTime), opens: String(entry.startTime) };
      errors.push({ field: `${at}endTime`, message: `Closes at ${values.closes}, which is not after it opens (${values.opens}).`, said: { id: 'validation.uccx.workingDays.closesBeforeOpening', values } });
      return;
    }
    ranges.push({ index, day: String(entry.day), open, close });
  });
  for (const range of ranges) {
    const earlier = ranges.find((other) => other.index < range.index && other.day === range.day && other.open < range.close && range.open < other.close);
    if (earlier) {
      const values = { day: range.day.toLowerCase(), row: earlier.index + 1 };
      errors.push({ field: `workingDays.${range.index}.startTime`, message: `Overlaps the other ${values.day} hours (row ${values.row}).`, said: { id: 'validation.uccx.workingDays.overlap', values } });
    }
  }
  // UCCX keeps at most three opening intervals per day (Data Structure for Calendar).
  const perDay = new Map<string, number>();
  days.forEach((entry, index) => {
    const count = (perDay.get(String(entry.day)) ?? 0) + 1;
    perDay.set(String(entry.day), count);
    if (count > UCCX_LIMITS.calendarIntervalsPerDay) {
      const values = { max: UCCX_LIMITS.calendarIntervalsPerDay, count, day: String(entry.day).toLowerCase() };
      errors.push({
        field: `workingDays.${index}.day`,
        message: `At most ${values.max} opening intervals per day; this is the ${ordinal(count)} for ${values.day}.`,
        said: { id: 'validation.uccx.workingDays.tooManyIntervals', values },
      });
    }
  });
  return errors;
}

/** Holidays: real dates (YYYY-MM-DD), each at most once. */
export function validateHolidays(value: FieldValue | undefined): FieldError[] {
  const holidays = asRecords(value);
  if (!holidays) return [{ field: 'holidays', message: 'Holidays must be a list of dates.', said: { id: 'validation.uccx.holidays.notList' } }];
  const errors: FieldError[] = [];
  if (holidays.length > UCCX_LIMITS.calendarHolidays) {
    const values = { max: UCCX_LIMITS.calendarHolidays, count: holidays.length };
    errors.push({ field: 'holidays', message: `At most ${values.max} holidays per calendar; this has ${values.count}.`, said: { id: 'validation.uccx.holidays.tooMany', values } });
  }
  const seen = new Map<string, number>();
  holidays.forEach((holiday, index) => {
    const at = `holidays.${index}.`;
    const date = typeof holiday.date === 'string' ? holiday.date : '';
    if (!isCalendarDate(date)) {
      errors.push({ field: `${at}date`, message: 'Enter a date that exists, as YYYY-MM-DD (e.g. 2025-12-25).', said: { id: 'validation.uccx.holidays.date' } });
    } else if (seen.has(date)) {
      const values = { date, row: seen.get(date)! + 1 };
      errors.push({ field: `${at}date`, message: `${date} is already listed (row ${values.row}).`, said: { id: 'validation.uccx.holidays.duplicate', values } });
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
 * main before anything is queued. Every problem is said by message id too
 * (`said`: `validation.uccx.*`, and `validation.field.*` from the generic
 * checks), so the editors say it in the user's language.
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
      return checkUccxName(field, value, L.csqName);
    case 'csq.resourcePoolType':
      return checkOneOf(field, value, RESOURCE_POOL_TYPES);
    case 'csq.resourceGroup':
      return value === null || (typeof value === 'string' && value.length > 0 && value.length <= 200) ? [] : [{ field, message: 'Choose a resource group.', said: { id: 'validation.uccx.chooseResourceGroup' } }];
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
      return checkUccxName(field, value, L.teamName);
    case 'application.description':
      return checkText(field, value, { max: L.description });
    case 'calendar.description':
      return checkText(field, value, { max: L.calendarDescription });
    case 'application.maxsession':
      return value === null
        ? [{ field, message: 'Required: enter how many calls the application may handle at once.', said: { id: 'validation.uccx.maxsessionRequired' } }]
        : checkWholeNumber(field, value, L.maxsession.min, L.maxsession.max);
    case 'calendar.name':
      return checkUccxName(field, value, L.calendarName);
    case 'calendar.timeZone':
      return checkTimeZone(field, value);
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

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

/**
 * A CSQ, team or calendar name as UCCX takes it (Cisco's data structures:
 * "alphanumeric characters, special characters, spaces, underscores and
 * hyphens without leading or trailing white spaces"): not blank, at most
 * `max` characters, no space at either end, no control characters.
 */
export function checkUccxName(field: string, value: FieldValue | undefined, max: number): FieldError[] {
  const basic = checkText(field, value, { required: true, max });
  if (basic.length > 0 || typeof value !== 'string') return basic;
  if (value !== value.trim()) return [{ field, message: 'UCCX does not accept a space at the start or end of a name.', said: { id: 'validation.uccx.name.spaceAtEnd' } }];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return [{ field, message: 'A name cannot contain tabs, line breaks or other control characters.', said: { id: 'validation.uccx.name.control' } }];
  return [];
}

/** A time zone name the platform knows (IANA, e.g. "Europe/Paris" or "Etc/Universal"). */
export function checkTimeZone(field: string, value: FieldValue | undefined): FieldError[] {
  const basic = checkText(field, value, { required: true, max: 100 });
  if (basic.length > 0 || typeof value !== 'string') return basic;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return [];
  } catch {
    const shown = value.slice(0, 40);
    return [{ field, message: `"${shown}" is not a time zone; choose one such as Europe/London or America/New_York.`, said: { id: 'validation.uccx.timeZone', values: { text: shown } } }];
  }
}

export const RESOURCE_POOL_TYPES = ['SKILL_GROUP', 'RESOURCE_GROUP'] as const;
/** A resource-group CSQ chooses among its agents by these only: the skill-based criteria need skills. */
export const RESOURCE_GROUP_CRITERIA = ['Longest Available', 'Most Handled Contacts', 'Shortest Average Handle Time'] as const;

/** The types the console creates and deletes besides skills. */
export type CreatableType = 'csq' | 'team' | 'calendar';

export interface UccxCreateContext {
  /** The configuration the new object joins (names must be unique, references must exist). */
  config: Pick<UccxConfig, 'csqs' | 'teams' | 'calendars' | 'skills' | 'resourceGroups' | 'agents'> | null;
  /** Today as YYYY-MM-DD: UCCX does not take holidays in the past on a new calendar. */
  today?: string;
}

const NAME_FIELD_OF: Record<CreatableType, 'csqs' | 'teams' | 'calendars'> = { csq: 'csqs', team: 'teams', calendar: 'calendars' };

/**
 * Problems with a new CSQ, team or calendar as a whole: every field it needs
 * is there and valid (validateUccxFields), the name is not taken
 * (case-insensitive, as the server compares), and the parts that depend on
 * each other agree (a skill-based CSQ has skills, a resource-group CSQ a
 * group; a team's supervisor is a supervisor). The problems found here are
 * said by message id too (`said`, `validation.uccx.create.*`), so the
 * editors say them in the user's language (docs/i18n.md, "Shared rules").
 */
export function validateUccxCreate(type: CreatableType, mine: FieldMap, context: UccxCreateContext): FieldError[] {
  const required: Record<CreatableType, string[]> = {
    csq: ['name', 'resourcePoolType', 'serviceLevel', 'serviceLevelPercentage', 'wrapupTime', 'autoWork', 'selectionCriteria'],
    team: ['name'],
    calendar: ['name', 'timeZone', 'calendarType', 'workingDays', 'holidays'],
  };
  const errors: FieldError[] = required[type].filter((field) => mine[field] === undefined).map((field) => ({ field, message: 'Required for a new one.', said: { id: 'validation.uccx.create.required' } }));
  errors.push(...validateUccxFields(type, mine));
  const config = context.config;
  const name = typeof mine.name === 'string' ? mine.name.trim().toLowerCase() : '';
  if (config && name && config[NAME_FIELD_OF[type]].some((item) => item.name.toLowerCase() === name)) {
    errors.push({
      field: 'name',
      message: `A ${type === 'csq' ? 'CSQ' : type} with this name already exists (UCCX compares names without regard to case).`,
      said: { id: 'validation.uccx.create.nameTaken', values: { type } },
    });
  }
  const skillFieldsSet = Object.keys(mine).filter((field) => field.startsWith('skill/') && mine[field] !== null);
  if (type === 'csq') {
    if (mine.resourcePoolType === 'SKILL_GROUP') {
      if (skillFieldsSet.length === 0) errors.push({ field: 'skills', message: 'Add at least one skill: a skill-based CSQ finds its agents by their skills.', said: { id: 'validation.uccx.create.noSkill' } });
      if (skillFieldsSet.length > MAX_SKILLS_PER_AGENT) errors.push({ field: 'skills', message: `At most ${MAX_SKILLS_PER_AGENT} skills per CSQ.`, said: { id: 'validation.uccx.create.tooManySkills', values: { max: MAX_SKILLS_PER_AGENT } } });
      if (mine.resourceGroup !== undefined && mine.resourceGroup !== null) errors.push({ field: 'resourceGroup', message: 'A skill-based CSQ has no resource group.', said: { id: 'validation.uccx.create.skillsNoGroup' } });
      for (const field of skillFieldsSet) if (config && !config.skills.some((skill) => skill.id === field.slice(6))) errors.push({ field, message: 'This skill does not exist on UCCX.', said: { id: 'validation.uccx.create.noSuchSkill' } });
    } else if (mine.resourcePoolType === 'RESOURCE_GROUP') {
      if (typeof mine.resourceGroup !== 'string') errors.push({ field: 'resourceGroup', message: 'Choose the resource group whose agents answer this CSQ.', said: { id: 'validation.uccx.create.chooseGroup' } });
      else if (config && !config.resourceGroups.some((group) => group.id === mine.resourceGroup)) errors.push({ field: 'resourceGroup', message: 'This resource group does not exist on UCCX.', said: { id: 'validation.uccx.create.noSuchGroup' } });
      if (skillFieldsSet.length > 0) errors.push({ field: 'skills', message: 'A resource-group CSQ has no skills.', said: { id: 'validation.uccx.create.groupNoSkills' } });
      if (typeof mine.selectionCriteria === 'string' && !(RESOURCE_GROUP_CRITERIA as readonly string[]).includes(mine.selectionCriteria)) {
        const criteria = RESOURCE_GROUP_CRITERIA.join(', ');
        errors.push({ field: 'selectionCriteria', message: `A resource-group CSQ chooses by ${criteria} only.`, said: { id: 'validation.uccx.create.groupCriteria', values: { criteria } } });
      }
    }
  } else if (type === 'team' && config) {
    const supervisor = mine.primarySupervisor;
    if (typeof supervisor === 'string' && config.agents.find((agent) => agent.userID === supervisor)?.type !== 2) {
      errors.push({ field: 'primarySupervisor', message: 'Only a supervisor can be the primary supervisor of a team.', said: { id: 'validation.uccx.create.notSupervisor' } });
    }
    for (const csqId of Array.isArray(mine.csqs) ? mine.csqs : []) {
      if (!config.csqs.some((csq) => csq.id === csqId)) errors.push({ field: 'csqs', message: `CSQ ${String(csqId)} does not exist on UCCX.`, said: { id: 'validation.uccx.create.noSuchCsq', values: { csq: String(csqId) } } });
    }
  } else if (type === 'calendar' && context.today) {
    const today = context.today;
    asRecords(mine.holidays)?.forEach((holiday, index) => {
      if (typeof holiday.date === 'string' && isCalendarDate(holiday.date) && holiday.date < today) {
        errors.push({
          field: `holidays.${index}.date`,
          message: `${holiday.date} is in the past: UCCX does not take past dates on a new calendar.`,
          said: { id: 'validation.uccx.create.pastHoliday', values: { date: holiday.date } },
        });
      }
    });
  }
  return errors;
}

/** Today as YYYY-MM-DD on this computer's clock. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

// ---- in use: what refuses a delete ------------------------------------------------

/** One kind of user of an object, e.g. the teams that serve a CSQ. */
export interface UccxUsage {
  /** "team" / "application" / "agent": what the names are. */
  kind: 'team' | 'application' | 'agent' | 'default-team';
  names: string[];
}

/** The calendar a script parameter of type com.cisco.cccalendar.CCCalendar points at, by name or id (apis-2.md §4.3; the value's form is [U]). */
function parameterNamesCalendar(value: string, calendar: Pick<UccxCalendar, 'id' | 'name'>): boolean {
  const text = value.trim().replace(/^"(.*)"$/, '$1').replace(/^CAL\[(.*)\]$/i, '$1').trim().toLowerCase();
  return text === calendar.name.toLowerCase() || text === calendar.id;
}

export const CALENDAR_PARAMETER_TYPE = 'com.cisco.cccalendar.CCCalendar';

/**
 * Why an object cannot be deleted now, by what uses it (empty: nothing does):
 * a CSQ that teams serve; a calendar that an application's script parameter
 * names; a team with agents in it, or the Default team, which UCCX keeps.
 */
export function uccxUsage(config: Pick<UccxConfig, 'teams' | 'applications' | 'agents' | 'calendars'>, type: CreatableType, id: string): UccxUsage[] {
  const usage: UccxUsage[] = [];
  if (type === 'csq') {
    const teams = config.teams.filter((team) => team.csqs.some((csq) => csq.id === id)).map((team) => team.name);
    if (teams.length) usage.push({ kind: 'team', names: teams });
  } else if (type === 'calendar') {
    const calendar = config.calendars.find((item) => item.id === id) ?? { id, name: id };
    const applications = config.applications
      .filter((application) => application.params.some((param) => param.type.trim() === CALENDAR_PARAMETER_TYPE && parameterNamesCalendar(param.value, calendar)))
      .map((application) => application.name);
    if (applications.length) usage.push({ kind: 'application', names: applications });
  } else {
    const team = config.teams.find((item) => item.id === id);
    if (team && team.name.toLowerCase() === 'default') usage.push({ kind: 'default-team', names: [team.name] });
    const members = config.agents.filter((agent) => agent.team?.id === id).map(agentName);
    if (members.length) usage.push({ kind: 'agent', names: members });
  }
  return usage;
}

function listNames(names: string[], limit = 20): string {
  const shown = names.slice(0, limit);
  const more = names.length > limit ? ` and ${names.length - limit} more` : '';
  return shown.length <= 1 ? `${shown[0] ?? ''}${more}` : more ? `${shown.join(', ')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** The refusal in words, naming every user: "CSQ Sales_CSQ cannot be deleted: team Alpha serves it. Remove it from that team first." */
export function describeUsage(what: string, usage: UccxUsage[]): string {
  const reasons = usage.map((use) => {
    const plural = use.names.length > 1;
    switch (use.kind) {
      case 'team':
        return `${plural ? 'teams' : 'team'} ${listNames(use.names)} ${plural ? 'serve' : 'serves'} it; remove it from ${plural ? 'those teams' : 'that team'} first`;
      case 'application':
        return `${plural ? 'applications' : 'application'} ${listNames(use.names)} ${plural ? 'use' : 'uses'} it in a script parameter; point ${plural ? 'those parameters' : 'that parameter'} at another calendar first`;
      case 'agent':
        return `${use.names.length} agent${plural ? 's are' : ' is'} in it (${listNames(use.names)}); move ${plural ? 'them' : 'the agent'} to another team first`;
      case 'default-team':
        return 'UCCX keeps the Default team: agents go there when their team is removed';
    }
  });
  return `${what} cannot be deleted: ${reasons.join('; ')}.`;
}

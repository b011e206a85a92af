/**
 * The names of UCCX fields as the editors' review shows them, in the user's
 * language. `uccxFieldLabels` (shared/domain/uccx.ts) names them in English
 * for main's summaries and the audit log; the screen says them through the
 * catalogues (`uccx.field.*`). Skill names and parameter names are UCCX's own
 * and go in as they are. The same goes for the values the review puts in
 * words (`uccxDisplayValues`): how a CSQ chooses its agents and a calendar's
 * type.
 */
import type { FieldMap } from '../../../../../shared/domain/changes';
import { UCCX_FIELD_LABELS, uccxDisplayValues, uccxSkillName, type UccxConfig, type UccxNamedField } from '../../../../../shared/domain/uccx';
import { t, type MessageId } from '../../../i18n/i18n';

const FIELD_IDS = {
  alias: 'uccx.field.alias',
  autoAvailable: 'uccx.field.autoAvailable',
  team: 'uccx.field.team',
  resourceGroup: 'uccx.field.resourceGroup',
  name: 'uccx.field.name',
  serviceLevel: 'uccx.field.serviceLevel',
  serviceLevelPercentage: 'uccx.field.serviceLevelPercentage',
  wrapupTime: 'uccx.field.wrapupTime',
  autoWork: 'uccx.field.autoWork',
  selectionCriteria: 'uccx.field.selectionCriteria',
  resourcePoolType: 'uccx.field.resourcePoolType',
  primarySupervisor: 'uccx.field.primarySupervisor',
  secondarySupervisors: 'uccx.field.secondarySupervisors',
  csqs: 'uccx.field.csqs',
  description: 'uccx.field.description',
  enabled: 'uccx.field.enabled',
  maxsession: 'uccx.field.maxsession',
  timeZone: 'uccx.field.timeZone',
  calendarType: 'uccx.field.calendarType',
  workingDays: 'uccx.field.workingDays',
  holidays: 'uccx.field.holidays',
  content: 'uccx.field.content',
} as const satisfies Record<UccxNamedField, MessageId>;

const isNamedField = (field: string): field is UccxNamedField => Object.prototype.hasOwnProperty.call(UCCX_FIELD_LABELS, field);

/** One field's name in the active language ("skill/5" → "Skill Billing"); a field without a name keeps its key. */
export function uccxFieldWord(field: string, config: Pick<UccxConfig, 'skills'> | null): string {
  if (field.startsWith('skill/')) return t('uccx.field.skill', { skill: uccxSkillName(field.slice(6), config) });
  if (field.startsWith('param/')) return t('uccx.field.parameter', { name: field.slice(6) });
  // A new CSQ's skills as a whole, where its rules find a problem with them.
  if (field === 'skills') return t('uccx.field.skills');
  return isNamedField(field) ? t(FIELD_IDS[field]) : field;
}

/** The names of a change's fields in the active language, as `uccxFieldLabels` gives them in English. */
export function uccxFieldWords(fields: Iterable<string>, config: Pick<UccxConfig, 'skills'> | null): Record<string, string> {
  const words: Record<string, string> = {};
  for (const field of fields) words[field] = uccxFieldWord(field, config);
  return words;
}

/** UCCX's own values that the review says in words, by field; a value not listed is shown as `uccxDisplayValues` shows it. */
const VALUE_IDS: Record<string, Record<string, MessageId>> = {
  resourcePoolType: { SKILL_GROUP: 'uccx.field.value.resourcePoolType.SKILL_GROUP', RESOURCE_GROUP: 'uccx.field.value.resourcePoolType.RESOURCE_GROUP' },
  calendarType: { FULLTIME: 'uccx.calendars.type.FULLTIME', PARTTIME: 'uccx.calendars.type.PARTTIME' },
};

/** A change's values as the review shows them (names for ids, words for UCCX's codes), in the active language. */
export function uccxShownValues(fields: FieldMap, config: Parameters<typeof uccxDisplayValues>[1]): FieldMap {
  const shown = { ...uccxDisplayValues(fields, config) };
  for (const [field, ids] of Object.entries(VALUE_IDS)) {
    const value = fields[field];
    const id = typeof value === 'string' ? ids[value] : undefined;
    if (id) shown[field] = t(id);
  }
  return shown;
}


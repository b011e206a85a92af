/**
 * The Unity Connection editors' words for what shared/domain/cupi-fields.ts
 * names in English (field labels, hints, choices, object types), in the
 * user's language. The English there stays for main's change summaries and
 * the audit log; the screen says it through the catalogues. A field or choice
 * the catalogue does not know (a time zone, a value only the server has) is
 * shown as it is.
 */
import type { CupiFields, CupiObjectType, GreetingName, TransferRuleName } from '../../../../../shared/domain/cupi';
import { CUPI_FIELD_LABELS, type CupiFieldSpec } from '../../../../../shared/domain/cupi-fields';
import { cupiSentinel } from '../../../../../shared/domain/time-words';
import { parseCupiTime } from '../../../../../shared/domain/cupi';
import { formatDateTime } from '../../../i18n/format';
import { hasMessage, type t as translate } from '../../../i18n/i18n';

type Translate = typeof translate;

/** Labels a form sets instead of the field's usual one. */
const OTHER_LABELS: Record<string, 'cupi.field.handlerName' | 'cupi.field.ruleAction'> = {
  'DisplayName:Name': 'cupi.field.handlerName',
  'Action:When this rule is active': 'cupi.field.ruleAction',
};

export function fieldLabel(t: Translate, field: Pick<CupiFieldSpec, 'name' | 'label'>): string {
  const other = OTHER_LABELS[`${field.name}:${field.label}`];
  if (other) return t(other);
  const id = `cupi.field.${field.name}`;
  return field.label === CUPI_FIELD_LABELS[field.name] && hasMessage(id) ? t(id) : field.label;
}

export function fieldHint(t: Translate, field: CupiFieldSpec): string | undefined {
  const id = `cupi.hint.${field.name}`;
  return field.hint && hasMessage(id) ? t(id) : field.hint;
}

/** A select's choice in words; time zones keep Cisco's own names. */
export function optionLabel(t: Translate, field: CupiFieldSpec, option: { value: string; label: string }): string {
  const id = `cupi.option.${field.name}.${option.value}`;
  return hasMessage(id) ? t(id) : option.label;
}

/** Whether a field's choices are server names (time zones) rather than our words. */
export const isServerChoice = (field: CupiFieldSpec) => field.name === 'TimeZone';

const TYPE_IDS = {
  user: 'cupi.type.user',
  contact: 'cupi.type.contact',
  distributionlist: 'cupi.type.distributionlist',
  callhandler: 'cupi.type.callhandler',
} as const;

/** The object's own name as the server holds it: "jdoe (Jane Doe)", "Support Line". */
export function objectName(type: CupiObjectType, fields: CupiFields): string {
  const name = type === 'callhandler' ? fields.DisplayName : fields.Alias && fields.DisplayName ? `${fields.Alias} (${fields.DisplayName})` : (fields.Alias ?? fields.DisplayName);
  return name ?? fields.ObjectId ?? '';
}

/** "User jdoe (Jane Doe)" in the user's language (cupiObjectLabel says it in English for main). */
export function objectLabel(t: Translate, type: CupiObjectType, fields: CupiFields): string {
  return `${t(TYPE_IDS[type])} ${objectName(type, fields)}`.trim();
}

const GREETING_IDS = {
  Standard: 'cupi.greeting.Standard',
  Alternate: 'cupi.greeting.Alternate',
  Busy: 'cupi.greeting.Busy',
  'Off Hours': 'cupi.greeting.OffHours',
  Holiday: 'cupi.greeting.Holiday',
  Internal: 'cupi.greeting.Internal',
} as const satisfies Record<GreetingName, string>;

export const greetingLabel = (t: Translate, greeting: GreetingName) => t(GREETING_IDS[greeting]);

const RULE_IDS = { Standard: 'cupi.rule.Standard', Alternate: 'cupi.rule.Alternate', 'Off Hours': 'cupi.rule.OffHours' } as const satisfies Record<TransferRuleName, string>;

export const ruleLabel = (t: Translate, rule: TransferRuleName) => t(RULE_IDS[rule]);

/** A Unity Connection moment (last changed, locked since) in the user's locale; its sentinels read "Never" or "Not set", an unreadable value as it is. */
export function cupiEventDate(t: Translate, locale: string, raw: string | null | undefined): string {
  const sentinel = cupiSentinel(raw);
  if (sentinel === 'empty') return t('cupi.date.notSet');
  if (sentinel === 'long-ago' || sentinel === 'far-future') return t('cupi.date.never');
  const ms = parseCupiTime(raw);
  return ms === null ? String(raw) : formatDateTime(ms, locale);
}

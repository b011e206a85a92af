import type { CupiFields, CupiObjectType } from './cupi';
import type { FieldError } from './validation';

/**
 * The Unity Connection fields the console edits, in one place for both
 * sides: the renderer builds its edit forms from the field lists, main checks
 * every write against `EDITABLE_FIELDS` and names the fields of a queued
 * change (Pending changes, the audit log) with `CUPI_FIELD_LABELS`.
 */

/** One input of an edit form. CUPI values are strings; a `bool` field holds "true" or "false". */
export interface CupiFieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'bool' | 'select' | 'email';
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** A short hint under a text, email or select input. */
  hint?: string;
  required?: boolean;
}

/**
 * Unity Connection time zones are Windows-style numbers ([U]: the full table
 * is long; the common contact-centre zones are offered, and any other value
 * already set on an object is kept and shown as its number).
 */
export const CUPI_TIME_ZONES = [
  { value: '35', label: '(GMT-05:00) Eastern Time (US & Canada)' },
  { value: '20', label: '(GMT-06:00) Central Time (US & Canada)' },
  { value: '10', label: '(GMT-07:00) Mountain Time (US & Canada)' },
  { value: '4', label: '(GMT-08:00) Pacific Time (US & Canada)' },
  { value: '85', label: '(GMT+00:00) London, Dublin, Lisbon' },
  { value: '110', label: '(GMT+01:00) Amsterdam, Berlin, Rome, Vienna' },
  { value: '105', label: '(GMT+01:00) Paris, Madrid, Brussels' },
  { value: '190', label: '(GMT+05:30) India' },
  { value: '255', label: '(GMT+10:00) Sydney, Melbourne' },
] as const;

/** A select's options from [value, label] pairs. */
function choices(...pairs: Array<[value: string, label: string]>) {
  return pairs.map(([value, label]) => ({ value, label }));
}

/** Every field by its CUPI name: what it is called and how it is entered. */
const FIELDS = {
  Alias: { label: 'Alias' },
  FirstName: { label: 'First name' },
  LastName: { label: 'Last name' },
  DisplayName: { label: 'Display name' },
  DtmfAccessId: { label: 'Extension' },
  SmtpAddress: { label: 'SMTP address', kind: 'email' },
  TimeZone: { label: 'Time zone', kind: 'select', options: CUPI_TIME_ZONES },
  UseDefaultTimeZone: { label: 'Use the system default time zone', kind: 'bool' },
  TransferEnabled: { label: 'Transfer callers to this contact', kind: 'bool' },
  TransferExtension: { label: 'Transfer number' },
  ListInDirectory: { label: 'List in the directory', kind: 'bool' },
  AllowContacts: { label: 'Contacts may be members', kind: 'bool' },
  IsPublic: { label: 'Public list', kind: 'bool' },
  // Greetings and transfer rules.
  TimeExpires: { label: 'On until' },
  Action: { label: 'Action', kind: 'select', options: choices(['0', 'Send callers to the greeting'], ['1', 'Transfer to an extension']) },
  Extension: { label: 'Transfer extension' },
  TransferType: { label: 'Transfer type', kind: 'select', options: choices(['0', 'Release to switch'], ['1', 'Supervise transfer']) },
  TransferRings: { label: 'Rings to wait before the greeting' },
  // What Unity Connection says and asks during a supervised transfer (CUPI's TransferOption fields).
  PlayTransferPrompt: { label: 'Callers hear “Wait while I transfer your call”', kind: 'bool' },
  TransferAnnounce: { label: 'Announce: the person who answers hears “Transferring call”', kind: 'bool' },
  TransferIntroduce: { label: 'Introduce: the person who answers hears “Call for” and this call handler’s name', kind: 'bool' },
  TransferConfirm: { label: 'Confirm: the person who answers is asked to take the call or send it to the greeting', kind: 'bool' },
  TransferScreening: { label: 'Screen: callers are asked their name, which the person who answers hears (“Call from …”)', kind: 'bool' },
} satisfies Record<string, Omit<CupiFieldSpec, 'name'>>;

type FieldName = keyof typeof FIELDS;

/** Human names of the fields, for change summaries, Pending changes and the audit log. */
export const CUPI_FIELD_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(FIELDS).map(([name, field]) => [name, field.label])),
  // Not a CUPI field: adding or removing a distribution list member.
  member: 'Member',
};

/** A form input for a field; `more` sets what this form says differently (required, a hint, another label). */
function input(name: FieldName, more: Partial<Omit<CupiFieldSpec, 'name'>> = {}): CupiFieldSpec {
  return { name, ...FIELDS[name], ...more };
}

export const USER_FIELDS: readonly CupiFieldSpec[] = [
  input('Alias', { required: true }),
  input('FirstName'),
  input('LastName'),
  input('DisplayName'),
  input('DtmfAccessId', { hint: 'Digits only; must not be used by another user, contact, list or call handler.' }),
  input('SmtpAddress'),
  input('TimeZone'),
  input('UseDefaultTimeZone'),
];

export const CONTACT_FIELDS: readonly CupiFieldSpec[] = [
  input('Alias', { required: true }),
  input('FirstName'),
  input('LastName'),
  input('DisplayName'),
  input('DtmfAccessId'),
  input('SmtpAddress'),
  input('TransferEnabled'),
  input('TransferExtension'),
  input('ListInDirectory'),
];

export const LIST_FIELDS: readonly CupiFieldSpec[] = [input('Alias', { required: true }), input('DisplayName'), input('DtmfAccessId'), input('AllowContacts'), input('IsPublic')];

export const HANDLER_FIELDS: readonly CupiFieldSpec[] = [input('DisplayName', { label: 'Name', required: true }), input('DtmfAccessId'), input('TimeZone'), input('UseDefaultTimeZone')];

/**
 * What Unity Connection does only while it supervises a transfer (TransferType
 * 1): with "Release to switch" the phone system takes the call over at once,
 * so there is nobody to ring for, announce to, ask or screen (Cisco's
 * TransferOption fields each say "requires a TransferType of supervised").
 */
export const SUPERVISED_TRANSFER_FIELDS: readonly CupiFieldSpec[] = [
  input('TransferRings', { hint: 'Unanswered after this many rings (2 to 20), the caller hears the greeting.' }),
  input('TransferAnnounce'),
  input('TransferIntroduce'),
  input('TransferConfirm'),
  input('TransferScreening'),
];

/** The form of one transfer rule of a call handler (its end time has buttons of its own): the rule, then the supervised-only options. */
export const TRANSFER_RULE_FORM_FIELDS: readonly CupiFieldSpec[] = [
  input('Action', { label: 'When this rule is active' }),
  input('Extension'),
  input('TransferType'),
  input('PlayTransferPrompt'),
  ...SUPERVISED_TRANSFER_FIELDS,
];

/**
 * Why the supervised-only options of a transfer rule cannot be used with
 * these values, in words; null when they can. The options keep what the
 * server holds (Unity Connection ignores them without supervision).
 */
export function supervisedOptionsUnavailable(rule: CupiFields): string | null {
  if (rule.Action !== '1') return 'Only when this rule transfers to an extension with “Supervise transfer”: this rule sends callers to the greeting.';
  if (rule.TransferType !== '1') {
    return 'Only for “Supervise transfer”: with “Release to switch” the phone system takes the call over at once, so Unity Connection cannot wait for rings, announce, introduce, confirm or screen it.';
  }
  return null;
}

const names = (fields: readonly CupiFieldSpec[]) => fields.map((field) => field.name);

/** Fields a write may touch, per object type: the forms' fields and a few more (anything else sent by a renderer is refused). */
export const EDITABLE_FIELDS: Record<CupiObjectType, readonly string[]> = {
  user: [...names(USER_FIELDS), 'Title', 'Department'],
  contact: [...names(CONTACT_FIELDS), 'TransferRings'],
  distributionlist: names(LIST_FIELDS),
  callhandler: [...names(HANDLER_FIELDS), 'ScheduleSetObjectId', 'MaxMsgLen', 'AfterMessageAction', 'RecipientSubscriberObjectId', 'RecipientDistributionListObjectId'],
};

export const GREETING_FIELDS = ['TimeExpires', 'PlayWhat', 'PlayRecordMessagePrompt', 'IgnoreDigits', 'EnableTransfer', 'AfterGreetingAction', 'AfterGreetingTargetHandlerObjectId', 'Reprompts', 'RepromptDelay'] as const;
export const TRANSFER_RULE_FIELDS = ['TimeExpires', 'Action', 'Extension', 'TransferType', 'TransferRings', 'RnaAction', 'TransferAnnounce', 'TransferConfirm', 'TransferIntroduce', 'TransferScreening', 'TransferHoldingMode', 'PlayTransferPrompt', 'UsePrimaryExtension'] as const;

export const CUPI_TYPE_NAMES: Record<CupiObjectType, string> = {
  user: 'User',
  contact: 'Contact',
  distributionlist: 'Distribution list',
  callhandler: 'Call handler',
};

/** "User jdoe (Jane Doe)", "Call handler Support Line": how an object is named in titles, the queue and the audit log. */
export function cupiObjectLabel(type: CupiObjectType, fields: CupiFields): string {
  const name = type === 'callhandler' ? fields.DisplayName : fields.Alias && fields.DisplayName ? `${fields.Alias} (${fields.DisplayName})` : (fields.Alias ?? fields.DisplayName);
  return `${CUPI_TYPE_NAMES[type]} ${name ?? fields.ObjectId ?? ''}`.trim();
}

/**
 * Problems with the values a transfer rule write sets, as Unity Connection
 * would refuse them: switches "true" or "false", a choice among its options,
 * rings a whole number from 2 to 20, an extension of digits (a leading +, * and # allowed).
 */
export function validateTransferRuleFields(fields: CupiFields): FieldError[] {
  const specs = new Map(TRANSFER_RULE_FORM_FIELDS.map((spec) => [spec.name, spec]));
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const spec = specs.get(field);
    if (!spec) continue;
    if (spec.kind === 'bool' && value !== 'true' && value !== 'false') errors.push({ field, message: 'Must be true or false.', said: { id: 'validation.cupi.trueOrFalse' } });
    else if (spec.kind === 'select' && !spec.options?.some((option) => option.value === value)) errors.push({ field, message: `Choose one of: ${spec.options?.map((o) => o.label).join(', ')}.` });
    else if (field === 'TransferRings' && !(/^\d{1,2}$/.test(value) && Number(value) >= 2 && Number(value) <= 20)) errors.push({ field, message: 'A whole number of rings from 2 to 20.', said: { id: 'validation.cupi.rings' } });
    else if (field === 'Extension' && value !== '' && !/^\+?[0-9*#]{1,40}$/.test(value)) errors.push({ field, message: 'An extension is digits only (a leading +, * and # are allowed).', said: { id: 'validation.cupi.transferExtension' } });
  }
  return errors;
}

const FORM_FIELDS: Record<CupiObjectType, readonly CupiFieldSpec[]> = { user: USER_FIELDS, contact: CONTACT_FIELDS, distributionlist: LIST_FIELDS, callhandler: HANDLER_FIELDS };

/**
 * Problems with the values a write sets, by the form's rules: required fields
 * not blank, switches "true" or "false", an extension of digits, an SMTP
 * address that looks like one. Only the fields present are judged.
 */
export function validateCupiFields(type: CupiObjectType, fields: CupiFields): FieldError[] {
  const specs = new Map(FORM_FIELDS[type].map((spec) => [spec.name, spec]));
  const errors: FieldError[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const spec: CupiFieldSpec | undefined = specs.get(field) ?? (field in FIELDS ? input(field as FieldName) : undefined);
    if (!spec) continue;
    if (spec.required && value.trim() === '') errors.push({ field, message: 'Required: this cannot be empty.', said: { id: 'validation.cupi.required' } });
    else if (spec.kind === 'bool' && value !== 'true' && value !== 'false') errors.push({ field, message: 'Must be true or false.', said: { id: 'validation.cupi.trueOrFalse' } });
    else if (field === 'DtmfAccessId' && value !== '' && !/^\d{1,40}$/.test(value)) errors.push({ field, message: 'An extension is digits only.', said: { id: 'validation.cupi.extensionDigits' } });
    else if (spec.kind === 'email' && value !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) errors.push({ field, message: 'Enter an address like name@example.com.', said: { id: 'validation.cupi.email' } });
  }
  return errors;
}

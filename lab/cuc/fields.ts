import { badRequest } from './errors';
import { formatCupiTime, parseCupiTime } from './time';
import type { CupiRecord } from './wire';

/**
 * The writable fields of each CUPI object and how their values are checked.
 *
 * Fields a request sends that are not writable (ObjectId, URI, derived fields
 * such as Enabled, or fields this lab does not model) are ignored, the way the
 * CUPI versioning page describes a server that does not know a field: "the
 * operation will complete (with the exception of updating the field…)".
 */
export type FieldRule =
  | { type: 'text'; maxLength: number; pattern?: RegExp; patternHint?: string }
  | { type: 'bool' }
  | { type: 'int'; min: number; max: number; allowed?: readonly number[] }
  | { type: 'time' }
  | { type: 'objectId' };

export type FieldRules = Readonly<Record<string, FieldRule>>;

const text = (maxLength: number): FieldRule => ({ type: 'text', maxLength });
const bool: FieldRule = { type: 'bool' };
const int = (min: number, max: number, allowed?: readonly number[]): FieldRule => ({ type: 'int', min, max, allowed });
const time: FieldRule = { type: 'time' };
const objectId: FieldRule = { type: 'objectId' };

/** Extensions: digits, optionally a leading + (E.164) and * or # as dialled. */
export const EXTENSION_RULE: FieldRule = {
  type: 'text',
  maxLength: 40,
  pattern: /^\+?[0-9*#]+$/,
  patternHint: 'digits only (a leading + and * or # are allowed)',
};

/** Aliases: no spaces at either end and none of the characters CUC refuses in an alias. */
export const ALIAS_RULE: FieldRule = {
  type: 'text',
  maxLength: 64,
  pattern: /^[^\s,;*?"<>|\\/][^,;*?"<>|\\/]*(?<!\s)$/,
  patternHint: 'no leading or trailing spaces and none of , ; * ? " < > | \\ /',
};

export const USER_FIELDS: FieldRules = {
  Alias: ALIAS_RULE,
  DisplayName: text(64),
  FirstName: text(64),
  LastName: text(64),
  Initials: text(8),
  Title: text(64),
  Department: text(64),
  EmployeeId: text(64),
  SmtpAddress: { type: 'text', maxLength: 320, pattern: /^[^\s@]+@[^\s@]+$/, patternHint: 'an address like name@example.com' },
  DtmfAccessId: EXTENSION_RULE,
  TimeZone: int(0, 9999),
  UseDefaultTimeZone: bool,
  Language: int(0, 99999),
  UseDefaultLanguage: bool,
  Inactive: bool,
  ListInDirectory: bool,
  IsVmEnrolled: bool,
  CosObjectId: objectId,
};

export const CONTACT_FIELDS: FieldRules = {
  Alias: ALIAS_RULE,
  DisplayName: text(64),
  FirstName: text(64),
  LastName: text(64),
  AltFirstName: text(64),
  AltLastName: text(64),
  DtmfAccessId: EXTENSION_RULE,
  ListInDirectory: bool,
  TransferEnabled: bool,
  TransferExtension: EXTENSION_RULE,
  TransferRings: int(2, 20),
  SmtpAddress: { type: 'text', maxLength: 320, pattern: /^[^\s@]+@[^\s@]+$/, patternHint: 'an address like name@example.com' },
};

export const DISTRIBUTION_LIST_FIELDS: FieldRules = {
  Alias: ALIAS_RULE,
  DisplayName: text(64),
  DtmfAccessId: EXTENSION_RULE,
  AllowContacts: bool,
  AllowForeignMessage: bool,
  IsPublic: bool,
};

export const CALL_HANDLER_FIELDS: FieldRules = {
  DisplayName: text(64),
  DtmfAccessId: EXTENSION_RULE,
  Language: int(0, 99999),
  UseDefaultLanguage: bool,
  TimeZone: int(0, 9999),
  UseDefaultTimeZone: bool,
  ScheduleSetObjectId: objectId,
  EditMsg: bool,
  OneKeyDelay: int(0, 10000),
  SendUrgentMsg: int(0, 2),
  MaxMsgLen: int(1, 3600),
  AfterMessageAction: int(1, 8, [1, 2, 4, 6, 8]),
  RecipientSubscriberObjectId: objectId,
  RecipientDistributionListObjectId: objectId,
};

export const GREETING_FIELDS: FieldRules = {
  TimeExpires: time,
  PlayWhat: int(0, 2),
  PlayRecordMessagePrompt: bool,
  IgnoreDigits: bool,
  EnableTransfer: bool,
  RepromptDelay: int(0, 100),
  Reprompts: int(0, 100),
  AfterGreetingAction: int(1, 8, [1, 2, 4, 6, 8]),
  AfterGreetingTargetConversation: text(64),
  AfterGreetingTargetHandlerObjectId: objectId,
};

export const TRANSFER_OPTION_FIELDS: FieldRules = {
  TimeExpires: time,
  Action: int(0, 1),
  Extension: EXTENSION_RULE,
  TransferType: int(0, 1),
  // [U] the range: the administration pages offer 2 to 20 rings.
  TransferRings: int(2, 20),
  RnaAction: int(0, 1),
  TransferAnnounce: bool,
  TransferConfirm: bool,
  TransferDtDetect: bool,
  TransferIntroduce: bool,
  TransferScreening: bool,
  TransferHoldingMode: int(0, 2),
  PlayTransferPrompt: bool,
  UsePrimaryExtension: bool,
  PersonalCallTransfer: bool,
};

export const CREDENTIAL_FIELDS: FieldRules = {
  Locked: bool,
  CantChange: bool,
  DoesntExpire: bool,
  CredMustChange: bool,
  CredentialPolicyObjectId: objectId,
  HackCount: int(0, 9999),
  TimeLastHack: time,
};

const OBJECT_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Keep the writable fields of an input, each checked and in CUPI's canonical
 * form ("1" → "true" for booleans, times re-printed). An empty string means
 * "clear this field" and is kept as '' for the caller to apply.
 */
export function normaliseFields(objectName: string, rules: FieldRules, input: CupiRecord): CupiRecord {
  const out: CupiRecord = {};
  for (const [name, raw] of Object.entries(input)) {
    const rule = rules[name];
    if (!rule) continue;
    const value = raw.trim();
    if (value === '') {
      out[name] = '';
      continue;
    }
    out[name] = normaliseValue(objectName, name, rule, value);
  }
  return out;
}

function normaliseValue(objectName: string, name: string, rule: FieldRule, value: string): string {
  switch (rule.type) {
    case 'text':
      if (value.length > rule.maxLength) throw badRequest(`${objectName} ${name} is longer than ${rule.maxLength} characters.`);
      if (rule.pattern && !rule.pattern.test(value)) throw badRequest(`${objectName} ${name} "${value}" is not valid: ${rule.patternHint}.`);
      return value;
    case 'bool': {
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === '1') return 'true';
      if (lower === 'false' || lower === '0') return 'false';
      throw badRequest(`${objectName} ${name} must be true or false, not "${value}".`);
    }
    case 'int': {
      if (!/^-?\d+$/.test(value)) throw badRequest(`${objectName} ${name} must be a whole number, not "${value}".`);
      const n = Number(value);
      if (rule.allowed && !rule.allowed.includes(n)) throw badRequest(`${objectName} ${name} must be one of ${rule.allowed.join(', ')}, not ${n}.`);
      if (n < rule.min || n > rule.max) throw badRequest(`${objectName} ${name} must be between ${rule.min} and ${rule.max}, not ${n}.`);
      return String(n);
    }
    case 'time': {
      const ms = parseCupiTime(value);
      if (ms === null) {
        throw badRequest(`${objectName} ${name} "${value}" is not a valid date: use GMT in the form 2031-01-01 00:00:00.0.`);
      }
      return formatCupiTime(ms);
    }
    case 'objectId':
      if (!OBJECT_ID_PATTERN.test(value)) throw badRequest(`${objectName} ${name} "${value}" is not an ObjectId.`);
      return value.toLowerCase();
  }
}

/** Apply normalised changes to a record: '' removes the field (null in the database). */
export function applyChanges(record: CupiRecord, changes: CupiRecord): CupiRecord {
  const next = { ...record };
  for (const [name, value] of Object.entries(changes)) {
    if (value === '') delete next[name];
    else next[name] = value;
  }
  return next;
}

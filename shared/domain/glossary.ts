/**
 * Plain words for the raw values Cisco servers send: script parameter types,
 * application and queue kinds, calendar days and types, Unity Connection
 * flags. Every screen that shows such a value asks here first, so a
 * supervisor reads "Yes/No" where UCCX says `java.lang.Boolean`.
 *
 * A value the glossary does not know is never hidden: it comes back as it
 * is, marked `known: false`, so the screen can say "(as the server names it)".
 * The raw value always travels along for a title or a secondary line.
 */
import { formatCupiDate } from './time-words';

/** One raw value in words. */
export interface PlainTerm {
  /** What the screen shows. */
  text: string;
  /** The value as the server sent it (for a title, or a line for administrators). */
  raw: string;
  /** False when the glossary has no words for the value and `text` is the raw value. */
  known: boolean;
}

/** What kind of value a raw string is: each kind has its own table. */
export type GlossaryKind =
  | 'script-parameter-type'
  | 'application-type'
  | 'script'
  | 'queue-type'
  | 'resource-pool-type'
  | 'calendar-type'
  | 'day'
  | 'agent-type'
  | 'cupi-field'
  | 'finesse-system-status';

/** UCCX script parameter types are Java class names. */
const SCRIPT_PARAMETER_TYPES: Record<string, string> = {
  'java.lang.Boolean': 'Yes/No',
  'java.lang.Integer': 'Whole number',
  'java.lang.Long': 'Whole number',
  'java.lang.Short': 'Whole number',
  'java.lang.Float': 'Number',
  'java.lang.Double': 'Number',
  'java.math.BigDecimal': 'Number',
  'java.lang.String': 'Text',
  'java.lang.Character': 'Single character',
  'java.util.Date': 'Date',
  'java.sql.Time': 'Time of day',
  'java.sql.Date': 'Date',
  'com.cisco.prompt.Playable': 'Prompt',
  'com.cisco.cccalendar.CCCalendar': 'Business calendar',
  'com.cisco.grammar.Grammar': 'Grammar',
  'com.cisco.doc.Document': 'Document',
  'com.cisco.contact.Contact': 'Contact',
  'com.cisco.session.Session': 'Session',
  'com.cisco.user.User': 'User',
  'java.util.Locale': 'Language',
  'java.lang.Currency': 'Currency',
};

const APPLICATION_TYPES: Record<string, string> = {
  'Cisco Script Application': 'Script application',
  'Busy': 'Busy signal',
  'Ring-no-answer': 'Ring, no answer',
  'Overflow': 'Overflow',
};

const QUEUE_TYPES: Record<string, string> = { VOICE: 'Voice', CHAT: 'Chat', EMAIL: 'Email' };

const RESOURCE_POOL_TYPES: Record<string, string> = { SKILL_GROUP: 'Skills', RESOURCE_GROUP: 'Resource group' };

/** UCCX 12 business calendars. */
const CALENDAR_TYPES: Record<string, string> = { FULLTIME: 'Open all day (24 hours)', PARTTIME: 'Open on working hours' };

const DAYS: Record<string, string> = {
  MONDAY: 'Monday',
  TUESDAY: 'Tuesday',
  WEDNESDAY: 'Wednesday',
  THURSDAY: 'Thursday',
  FRIDAY: 'Friday',
  SATURDAY: 'Saturday',
  SUNDAY: 'Sunday',
};

/** adminapi resource type: 1 agent, 2 supervisor. */
const AGENT_TYPES: Record<string, string> = { '1': 'Agent', '2': 'Supervisor' };

/**
 * Unity Connection field and flag names a person may meet (credentials,
 * greetings, transfer rules), where cupi-fields.ts does not already label
 * them as form fields.
 */
const CUPI_FIELDS: Record<string, string> = {
  CredMustChange: 'Must change at next sign-in',
  CantChange: 'User cannot change it',
  DoesntExpire: 'Never expires',
  Locked: 'Locked by an administrator',
  HackCount: 'Failed sign-ins',
  TimeHacked: 'Locked out since',
  TimeLastHacked: 'Last failed sign-in',
  TimeChanged: 'Last changed',
  Credentials: 'New value',
  TimeExpires: 'On until',
  PlayWhat: 'What callers hear',
  PlayRecordMessagePrompt: 'Prompt callers to leave a message',
  IgnoreDigits: 'Ignore caller input',
  EnableTransfer: 'Transfer callers',
  AfterGreetingAction: 'After the greeting',
  Reprompts: 'Times to repeat',
  RepromptDelay: 'Seconds before repeating',
  RnaAction: 'If there is no answer',
  TransferAnnounce: 'Announce “Transferring call”',
  TransferConfirm: 'Ask the person who answers to take the call',
  TransferIntroduce: 'Introduce “Call for” this call handler',
  TransferScreening: 'Ask callers their name',
  TransferHoldingMode: 'When the line is busy',
  PlayTransferPrompt: 'Say “wait while I transfer your call”',
  UsePrimaryExtension: 'Use the primary extension',
  ScheduleSetObjectId: 'Schedule',
  MaxMsgLen: 'Longest message (seconds)',
  Title: 'Title',
  Department: 'Department',
};

/** Finesse SystemInfo status. */
const FINESSE_SYSTEM_STATUS: Record<string, string> = {
  IN_SERVICE: 'in service',
  OUT_OF_SERVICE: 'not in service',
  PARTIAL_SERVICE: 'partly in service',
};

const TABLES: Record<Exclude<GlossaryKind, 'script'>, Record<string, string>> = {
  'script-parameter-type': SCRIPT_PARAMETER_TYPES,
  'application-type': APPLICATION_TYPES,
  'queue-type': QUEUE_TYPES,
  'resource-pool-type': RESOURCE_POOL_TYPES,
  'calendar-type': CALENDAR_TYPES,
  day: DAYS,
  'agent-type': AGENT_TYPES,
  'cupi-field': CUPI_FIELDS,
  'finesse-system-status': FINESSE_SYSTEM_STATUS,
};

/** UCCX names a script by repository path: `SCRIPT[customer_service.aef]`, or a file path `/default/x.aef`. */
const SCRIPT_REFERENCE = /^SCRIPT\[(.*)\]$/i;

/** The words for one raw value of a kind; unknown values come back as they are, marked. */
export function plainTerm(kind: GlossaryKind, raw: string | number | null | undefined): PlainTerm {
  const value = raw === null || raw === undefined ? '' : String(raw);
  if (kind === 'script') return scriptTerm(value);
  const text = TABLES[kind][value] ?? TABLES[kind][value.trim().toUpperCase()];
  return text ? { text, raw: value, known: true } : { text: value, raw: value, known: false };
}

/** Just the words (the raw value when unknown). */
export function plainText(kind: GlossaryKind, raw: string | number | null | undefined): string {
  return plainTerm(kind, raw).text;
}

function scriptTerm(value: string): PlainTerm {
  if (!value) return { text: 'No script', raw: value, known: true };
  const inner = SCRIPT_REFERENCE.exec(value.trim())?.[1]?.trim();
  if (inner !== undefined) return { text: inner ? `Script ${baseName(inner)}` : 'No script', raw: value, known: true };
  if (/\.aef$/i.test(value.trim())) return { text: `Script ${baseName(value.trim())}`, raw: value, known: true };
  return { text: value, raw: value, known: false };
}

/** "/default/sub/x.aef" → "x.aef": the repository folder says nothing to a supervisor. */
function baseName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** Every raw value the glossary knows, per kind (for tests and documentation). */
export function glossaryEntries(kind: Exclude<GlossaryKind, 'script'>): ReadonlyArray<[raw: string, text: string]> {
  return Object.entries(TABLES[kind]);
}

/**
 * A Unity Connection field value in words, by what the field holds: dates
 * (`Time…`) local and without sentinels ("Off", "No end date", "Never"),
 * flags "Yes"/"No", an empty value "(none)"; anything else as it is.
 */
export function cupiValueWords(field: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return field === 'TimeExpires' ? formatCupiDate('', 'expiry') : '(none)';
  const text = String(value);
  if (field === 'TimeExpires') return formatCupiDate(text, 'expiry');
  if (/^Time[A-Z]/.test(field)) return formatCupiDate(text, 'event');
  if (text === 'true') return 'Yes';
  if (text === 'false') return 'No';
  return text;
}

/**
 * Unity Connection (CUPI) objects as the console handles them. CUPI renders
 * every scalar as a string and leaves null fields out, so an object is a flat
 * map of field name to string; the editors know which fields they show.
 * Pure helpers only: this file runs in main and in the renderer.
 */
import type { MainSentence } from './main-message';
import type { NodeCondition } from './status';
import type { MainMessage } from './main-message';

export type CupiFields = Record<string, string>;

/** The four object types CUPI provisions (apis.md 2.4–2.8). */
export type CupiObjectType = 'user' | 'contact' | 'distributionlist' | 'callhandler';
export const CUPI_OBJECT_TYPES = ['user', 'contact', 'distributionlist', 'callhandler'] as const;

/** Which server answered a read: the publisher, the subscriber (publisher unreachable) or the offline cache. */
export type CupiSource = 'publisher' | 'subscriber' | 'cache';

/** CUPI list queries support one column and two operators (apis.md 2.2). */
export type CupiQueryOperator = 'startswith' | 'is';

/** Searchable columns per object type, as the user picks them ("name" is DisplayName). */
export const CUPI_SEARCH_COLUMNS: Record<CupiObjectType, readonly { column: string; label: string }[]> = {
  user: [
    { column: 'Alias', label: 'Alias' },
    { column: 'DisplayName', label: 'Name' },
    { column: 'LastName', label: 'Last name' },
    { column: 'DtmfAccessId', label: 'Extension' },
  ],
  contact: [
    { column: 'Alias', label: 'Alias' },
    { column: 'DisplayName', label: 'Name' },
    { column: 'DtmfAccessId', label: 'Extension' },
  ],
  distributionlist: [
    { column: 'Alias', label: 'Alias' },
    { column: 'DisplayName', label: 'Name' },
    { column: 'DtmfAccessId', label: 'Extension' },
  ],
  callhandler: [
    { column: 'DisplayName', label: 'Name' },
    { column: 'DtmfAccessId', label: 'Extension' },
  ],
};

export interface CupiPage {
  total: number;
  /** 1-based, as CUPI counts. */
  page: number;
  pageSize: number;
  items: CupiFields[];
  source: CupiSource;
  /** Epoch ms the data was read (older than now when it comes from the cache). */
  fetchedAt: number;
}

export interface CupiObjectView {
  type: CupiObjectType;
  fields: CupiFields;
  source: CupiSource;
  fetchedAt: number;
}

/** Credential state of a user's PIN or web password (never the value). */
export interface CupiCredentialView {
  kind: CredentialKind;
  locked: boolean;
  /** Locked out by failed sign-ins (HackCount at the policy's threshold). */
  hacked: boolean;
  hackCount: number;
  mustChange: boolean;
  cantChange: boolean;
  doesntExpire: boolean;
  timeChanged: string | null;
  timeLockout: string | null;
}

export type CredentialKind = 'pin' | 'password';

/** Greetings as CUPI names them in paths. "Closed" is CUPI's "Off Hours". */
export const GREETING_NAMES = ['Standard', 'Alternate', 'Busy', 'Off Hours', 'Holiday', 'Internal'] as const;
export type GreetingName = (typeof GREETING_NAMES)[number];
export const GREETING_LABELS: Record<GreetingName, string> = {
  Standard: 'Standard',
  Alternate: 'Alternate',
  Busy: 'Busy',
  'Off Hours': 'Closed',
  Holiday: 'Holiday',
  Internal: 'Internal',
};
/** Greetings that are always on and cannot be given an end date. */
export const ALWAYS_ENABLED_GREETINGS: readonly GreetingName[] = ['Standard'];

export const TRANSFER_RULE_NAMES = ['Standard', 'Off Hours', 'Alternate'] as const;
export type TransferRuleName = (typeof TRANSFER_RULE_NAMES)[number];

/** Everything the call handler editor shows in one answer. */
export interface CallHandlerView extends CupiObjectView {
  greetings: CupiFields[];
  transferRules: CupiFields[];
}

export interface DistributionListView extends CupiObjectView {
  members: CupiFields[];
}

export interface UserView extends CupiObjectView {
  pin: CupiCredentialView | null;
  password: CupiCredentialView | null;
}

export type CupiMemberType = 'user' | 'contact' | 'distributionlist';

/** What happened to a change the user saved. */
export interface CupiWriteOutcome {
  /** applied: on the publisher now; queued: waiting in the journal for the publisher. */
  state: 'applied' | 'queued';
  message: string;
  /** The same sentence by message id, for the renderer to say in the user's language (docs/i18n.md, "Words from main"). */
  said?: MainMessage;
  /** Id of the new object for a create that was applied. */
  objectId?: string;
  /** Journal entry id when queued or recorded. */
  entryId?: string;
  /** What the change is about, in words, when it went through the journal ("User jdoe"). */
  label?: string;
}

/** Connection state of the CUPI client as the editors need it. */
/** One Unity Connection node and how it answers (the rule every node follows: describeNode in status.ts). */
export interface CupiNodeState {
  node: 'publisher' | 'subscriber';
  /** What the screen calls the node (the profile's label, else its host name). */
  name: string;
  url: string;
  condition: NodeCondition;
}

export interface CupiState {
  configured: boolean;
  /** Writes are impossible right now (publisher unreachable). */
  readOnly: boolean;
  /** Where reads currently come from. */
  readsFrom: CupiSource | null;
  /** A 503 back-off in progress, in words ("Unity Connection is busy; retrying in 2 s"). */
  busy: string | null;
  /** `busy` by message id (`main.cupi.busy`), for the renderer to say in the user's language. */
  busyMessage?: MainMessage;
  detail: string;
  /** `detail` by message id (`main.cupi.*`), for the renderer to say in the user's language. */
  detailMessage?: MainSentence;
  /** The publisher and (when configured) the subscriber. */
  nodes: CupiNodeState[];
}

// ------------------------------------------------------------- Close now

export interface CloseNowRequest {
  handlerObjectIds: string[];
  greeting: 'Alternate' | 'Off Hours';
  /** Epoch ms after which everything reverts by itself. */
  until: number;
  /** The UCCX side, optional: set one application script parameter. */
  uccx?: { application: string; parameter: string; value: string };
  /** Shown in the list and the audit log, e.g. "Snow closure". */
  reason: string;
}

export type CloseNowPartState = 'pending' | 'applied' | 'queued' | 'failed' | 'reverted' | 'revert-failed';

export interface CloseNowPart {
  id: string;
  /** "Greeting Closed on Main Operator" / "Customer_Service emergencyClosed = true". */
  label: string;
  system: 'cupi' | 'uccx';
  state: CloseNowPartState;
  /** The label by message id (a greeting part); a UCCX parameter's label is server data alone. */
  labelMessage?: MainMessage;
  /** Why it failed, in words. */
  error?: string;
  /** The same by message id, when main said it (Cisco's own reason is a value in it). */
  errorMessage?: MainMessage;
}

export interface CloseNowView {
  id: string;
  reason: string;
  greeting: 'Alternate' | 'Off Hours';
  createdAt: number;
  until: number;
  state: 'active' | 'reverted' | 'partly-failed';
  parts: CloseNowPart[];
}

// ------------------------------------------------------------- time

/**
 * CUPI date-times (TimeExpires and friends) are GMT, printed the way Java's
 * Timestamp prints them: `2031-01-01 00:00:00.0`.
 */
export function formatCupiTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fraction = pad(date.getUTCMilliseconds(), 3).replace(/0+$/, '') || '0';
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${fraction}`
  );
}

const CUPI_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?Z?$/;

/** Epoch ms of a CUPI GMT date-time, or null when absent or unreadable. */
export function parseCupiTime(text: string | undefined | null): number | null {
  if (!text) return null;
  const match = CUPI_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = match[6] ? Number(match[6]) : 0;
  const fraction = match[7] ? Math.round(Number(`0.${match[7]}`) * 1000) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
}

/** Far enough ahead to mean "until further notice": CUPI cannot set TimeExpires to null ([P], apis.md 2.8). */
export const INDEFINITE_EXPIRY_MS = Date.UTC(2199, 11, 31, 0, 0, 0);
/** The date CUPI itself uses for "disabled". */
export const DISABLED_EXPIRY = '1972-01-01 00:00:00.0';

/** Is a greeting or transfer rule with this TimeExpires enabled at `now`? Absent = enabled with no end. */
export function isRuleEnabled(timeExpires: string | undefined, now = Date.now()): boolean {
  const expires = parseCupiTime(timeExpires);
  return timeExpires === undefined || timeExpires === '' || (expires !== null && expires > now);
}

/** "until further notice" when the end is far away, else the end date. */
export function isIndefinite(timeExpires: string | undefined): boolean {
  const expires = parseCupiTime(timeExpires);
  return timeExpires === undefined || timeExpires === '' || (expires !== null && expires >= Date.UTC(2100, 0, 1));
}

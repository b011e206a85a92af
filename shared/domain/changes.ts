/**
 * Changes waiting to be written to a server (UCCX, Unity Connection), as the
 * write-behind journal keeps them and the Pending changes screen shows them.
 *
 * A change is described by the fields it touches: `base` is what those fields
 * held when the user made the change, `mine` what the user wants. Before a
 * change is written the object is read again; `theirs` is what the server
 * holds then. base = theirs: safe to write. theirs = mine: already written
 * (nothing to do). Otherwise someone changed it behind our back: a conflict.
 */
import type { JsonBounds } from './bounded-json';
import type { MainMessage } from './main-message';

/** A JSON value compared field by field (arrays compare in order, objects by key). */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

/**
 * How large a field value from the renderer may be. Real values are at most
 * a list of records (2 levels); the bounds leave room and stop hostile input
 * before it costs anything (the request schemas enforce them).
 */
export const FIELD_VALUE_BOUNDS: JsonBounds = { maxDepth: 16, maxStringLength: 10_000, maxArrayLength: 500, maxKeys: 200, maxKeyLength: 200 };

/** Flat map of field name (e.g. "alias", "skill/5") to value; a missing field equals null. */
export type FieldMap = Record<string, FieldValue>;

/** Which object a change is about. `system` picks the applier ("uccx", "cupi"). */
export interface ObjectRef {
  system: string;
  /** Entity type within the system, e.g. "resource", "skill", "user". */
  type: string;
  /** The object's key; for a create it is a natural key the applier can search by (e.g. the name). */
  id: string;
}

export type ChangeOperation = 'create' | 'update' | 'delete';

export type ChangeState =
  /** Waiting its turn (or for the server to accept writes, or for the next retry). */
  | 'queued'
  /** Being read back and written right now. */
  | 'applying'
  /** Written (or found already written). */
  | 'applied'
  /** The server refused it; `lastError` holds its message (and `notPermitted` says when the account may not). Retry, edit or discard. */
  | 'failed'
  /** The object changed behind the console's back; `theirs` holds the server's values. */
  | 'conflicted'
  /** Dropped by the user. */
  | 'discarded';

export interface PendingChange {
  id: string;
  /** Position in the journal; changes to one object are applied in this order. */
  seq: number;
  ref: ObjectRef;
  operation: ChangeOperation;
  /** What the change is about, in words ("Agent jdoe (Jane Doe)"). */
  label: string;
  /** What it does, in words ("Billing 5 → 7"). */
  summary: string;
  /** Human names for the fields (e.g. "skill/5" → "Skill Billing"). */
  fieldLabels: Record<string, string>;
  /** Names of the ids the values hold, per field (e.g. team: { "3": "Sales" }), so the audit shows names, not ids. */
  valueNames?: ValueNames;
  base: FieldMap;
  mine: FieldMap;
  /** Server values of the touched fields when a conflict was detected. */
  theirs?: FieldMap;
  /** Who made the change (the account the write is made as). */
  user: string;
  /** Profile the change belongs to. */
  profile: string;
  createdAt: number;
  updatedAt: number;
  state: ChangeState;
  attempts: number;
  /** The server's (or network's) message of the last failed attempt. */
  lastError?: string;
  /** The same by message id, when main has one (docs/i18n.md, "Words from main"); the server's own words are values in it. */
  lastErrorMessage?: MainMessage;
  /**
   * Failed because the server does not let this account make the change
   * (HTTP 403): never retried by itself; an account with the permission (or
   * a retry after it is granted) can apply it.
   */
  notPermitted?: boolean;
  /** Epoch ms of the next automatic attempt after a retryable failure. */
  nextAttemptAt?: number;
  appliedAt?: number;
  /** Applied without writing, because the server already held `mine`. */
  alreadyApplied?: boolean;
  /** Extra data the applier needs (e.g. a prompt file's stored name); opaque to the journal. */
  payload?: FieldValue;
}

export interface ChangeCounts {
  queued: number;
  applying: number;
  failed: number;
  /** Of the failed, those the server does not let this account make (HTTP 403). */
  notPermitted: number;
  conflicted: number;
  /** Everything not yet applied or discarded. */
  waiting: number;
}

/** The counts while no journal is open (no active profile). */
export const NO_CHANGES: Readonly<ChangeCounts> = { queued: 0, applying: 0, failed: 0, notPermitted: 0, conflicted: 0, waiting: 0 };

/** How the user resolves a conflict. */
export type ConflictResolution =
  /** Drop my change, keep what the server holds. */
  | { kind: 'keep-theirs' }
  /** Write my values anyway (theirs becomes the new base). */
  | { kind: 'reapply-mine' }
  /** Write these values instead (theirs becomes the new base). */
  | { kind: 'edit'; mine: FieldMap };

export type AuditResult =
  | 'queued'
  | 'applied'
  | 'already-applied'
  | 'failed'
  /** Refused because the account may not make the change (HTTP 403); not retried. */
  | 'not-permitted'
  | 'conflicted'
  | 'discarded'
  | 'kept-theirs'
  | 'edited'
  | 'retried'
  /** An agent action Finesse holds until the agent's call ends (a sign-out). */
  | 'pending'
  /** An agent action Finesse accepted whose result had not shown yet. */
  | 'sent';

/** Per field, the name of each id its values hold ("team" → { "3": "Sales" }). */
export type ValueNames = Record<string, Record<string, string>>;

/** Who made a change: the person at the console and the server account the write went out as. */
export interface AuditActor {
  /** The operating-system user running the console (read by main, never sent by the page); null when unknown. */
  osUser: string | null;
  /** The profile's `operatorName`, when the profile sets one. */
  operatorName: string | null;
}

/**
 * One line of the audit log: who changed what, when, from what to what, and
 * how it ended. The file keeps every step (append-only, so nothing is lost
 * in a crash); reading folds the steps of one change into one entry with its
 * final outcome (see docs/audit.md).
 */
export interface AuditEntry extends Partial<AuditActor> {
  /** When the outcome happened (for a folded entry: its last step). */
  at: number;
  /** When the change was first made (folded entries). */
  firstAt?: number;
  profile: string;
  /** The server account the write was made as (e.g. "administrator"). Older files call it "user" only. */
  user: string;
  system: string;
  objectType: string;
  objectId: string;
  label: string;
  changeId: string;
  before: FieldMap;
  after: FieldMap;
  result: AuditResult;
  message?: string;
  /** Human names of the fields, as the change had them. */
  fieldLabels?: Record<string, string>;
  /** Names of the ids in `before` and `after`, per field. */
  valueNames?: ValueNames;
  /** Steps before the outcome, in words ("conflict: kept mine", "failed: …, retried"), for a folded entry. */
  history?: string[];
  /**
   * The same steps' words (after the time) by id, in the same order, for the
   * renderer to say in the user's language; a step's message stays as written.
   */
  historyMessages?: MainMessage[];
}

/** A value for display with ids replaced by their names ("3" → "Sales"); ids without a known name stay. */
export function displayNamedField(value: FieldValue | undefined, names: Record<string, string> | undefined): string {
  if (!names) return displayField(value);
  const named = (item: FieldValue): FieldValue => (typeof item === 'string' || typeof item === 'number' ? (names[String(item)] ?? item) : Array.isArray(item) ? item.map(named) : item);
  return displayField(value === undefined ? undefined : named(value));
}

export interface AuditQuery {
  text?: string;
  system?: string;
  result?: AuditResult;
  since?: number;
  until?: number;
  limit?: number;
}

/** Canonical text of a field value, for comparisons and display. Missing = null. */
export function fieldKey(value: FieldValue | undefined): string {
  return JSON.stringify(canonical(value ?? null));
}

function canonical(value: FieldValue): FieldValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: { [key: string]: FieldValue } = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]!);
    return out;
  }
  return value;
}

export function sameField(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return fieldKey(a) === fieldKey(b);
}

/** Do two field maps agree on every one of `fields`? */
export function sameFields(a: FieldMap, b: FieldMap, fields: Iterable<string>): boolean {
  for (const field of fields) if (!sameField(a[field], b[field])) return false;
  return true;
}

/** A value for display: null reads as "(none)". */
export function displayField(value: FieldValue | undefined): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((item) => displayField(item)).join(', ');
  return JSON.stringify(value);
}

/**
 * One lifecycle for every change, in the same words wherever it shows (the
 * form, its toast, Pending changes): editing → queued → writing → written ✓,
 * or failed (with the server's reason), or in conflict; discarded by the user.
 */
export type ChangePhase = 'editing' | 'queued' | 'writing' | 'written' | 'failed' | 'conflicted' | 'discarded';

export const PHASE_WORDS: Readonly<Record<ChangePhase, { icon: string; word: string }>> = {
  editing: { icon: '✎', word: 'Editing' },
  queued: { icon: '◷', word: 'Queued' },
  writing: { icon: '↻', word: 'Writing' },
  written: { icon: '✓', word: 'Written' },
  failed: { icon: '✖', word: 'Failed' },
  conflicted: { icon: '⚠', word: 'In conflict' },
  discarded: { icon: '○', word: 'Discarded' },
};

const PHASE_OF_STATE: Readonly<Record<ChangeState, ChangePhase>> = {
  queued: 'queued',
  applying: 'writing',
  applied: 'written',
  failed: 'failed',
  conflicted: 'conflicted',
  discarded: 'discarded',
};

export function phaseOf(state: ChangeState): ChangePhase {
  return PHASE_OF_STATE[state];
}

/** How many of a group's changes are in each phase (a toast's or Bulk re-skill's progress line). */
export function countPhases(progress: ReadonlyArray<{ state: ChangeState }>): Record<ChangePhase, number> {
  const counts: Record<ChangePhase, number> = { editing: 0, queued: 0, writing: 0, written: 0, failed: 0, conflicted: 0, discarded: 0 };
  for (const change of progress) counts[phaseOf(change.state)]++;
  return counts;
}

/** How a failed change the account may not make shows instead of "Failed": it is not retried and needs someone with the permission. */
export const NOT_PERMITTED_WORDS = { icon: '⊘', word: 'Not permitted' } as const;

/** The icon and word for a change where it shows on its own (Pending changes). */
export function changeWords(change: Pick<PendingChange, 'state' | 'notPermitted'>): { icon: string; word: string } {
  return change.state === 'failed' && change.notPermitted ? NOT_PERMITTED_WORDS : PHASE_WORDS[phaseOf(change.state)];
}

/** Where one change is in its lifecycle, as main pushes it to the renderer (`changes:progress`). */
export interface ChangeProgress {
  id: string;
  state: ChangeState;
  /** The server's (or network's) message of the last failed attempt. */
  lastError?: string;
  /** The same by message id, when main has one (docs/i18n.md, "Words from main"). */
  lastErrorMessage?: MainMessage;
  /** Failed because the account may not make the change (HTTP 403). */
  notPermitted?: boolean;
}

/** Where a group of changes submitted together stands, in words ("Written 9 of 9 ✓"). */
export interface ProgressSummary {
  /** The phase the group as a whole is in: failed/conflicted once any is, written once all are. */
  phase: ChangePhase;
  /** "Queued 9 of 9", "Writing 3 of 9", "Written 9 of 9 ✓", "Written 7 of 9, 2 failed: …". */
  text: string;
  /** Every change has reached an end (written, failed, in conflict or discarded). */
  settled: boolean;
}

/** The words for a group's progress; `waitingFor` says why queued changes wait (e.g. "UCCX accepts writes"). */
export function summarizeProgress(progress: readonly ChangeProgress[], waitingFor?: string): ProgressSummary {
  const total = progress.length;
  const { written, failed, conflicted, discarded, writing, queued } = countPhases(progress);
  const settled = queued + writing === 0;
  const reason = progress.find((p) => p.state === 'failed' && p.lastError)?.lastError;
  const problems = [
    failed ? `${failed} failed${reason ? `: ${reason}` : ''}` : '',
    conflicted ? `${conflicted} in conflict (changed on the server; resolve in Pending changes)` : '',
    discarded ? `${discarded} discarded` : '',
  ].filter(Boolean);
  if (total > 0 && written === total) return { phase: 'written', text: `Written ${written} of ${total} ${PHASE_WORDS.written.icon}`, settled };
  if (settled && problems.length) {
    const phase: ChangePhase = failed ? 'failed' : conflicted ? 'conflicted' : 'discarded';
    return { phase, text: `Written ${written} of ${total}, ${problems.join(', ')}`, settled };
  }
  const tail = problems.length ? `, ${problems.join(', ')}` : '';
  if (writing > 0 || written > 0) return { phase: 'writing', text: `Writing: written ${written} of ${total}${tail}`, settled };
  return { phase: 'queued', text: `Queued ${queued} of ${total}${waitingFor ? `; written when ${waitingFor}` : ''}${tail}`, settled };
}

/** The line a submission's toast shows: "Agent Jane Doe (jdoe): written ✓", "Bulk re-skill: Queued 9 of 9". */
export function describeSubmission(what: string, progress: readonly ChangeProgress[], waitingFor?: string): ProgressSummary {
  if (progress.length !== 1) {
    const summary = summarizeProgress(progress, waitingFor);
    return { ...summary, text: `${what}: ${summary.text}` };
  }
  const change = progress[0]!;
  const phase = phaseOf(change.state);
  const word = changeWords(change).word.toLowerCase();
  const settled = phase !== 'queued' && phase !== 'writing';
  const tail: Record<ChangePhase, string> = {
    editing: '',
    queued: waitingFor ? `; written when ${waitingFor}` : '',
    writing: '…',
    written: ` ${PHASE_WORDS.written.icon}`,
    failed: change.lastError ? `. The server said: ${change.lastError}` : '',
    conflicted: '. It was changed on the server meanwhile; nothing was overwritten. Resolve it in Pending changes.',
    discarded: '; it will not be written',
  };
  return { phase, text: `${what}: ${word}${tail[phase]}`, settled };
}

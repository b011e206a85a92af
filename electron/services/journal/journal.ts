import { EventEmitter } from 'node:events';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { JournalFile, type JournalRecord } from './journal-file';
import type { FileLayer } from '../storage/file-layer';
import { NetworkError } from '../net/network-error';
import { ConsoleError, refuseInvalid } from '../../../shared/ipc/result';
import type { FieldError } from '../../../shared/domain/validation';
import type { MainMessage } from '../../../shared/domain/main-message';
import {
  sameFields,
  type AuditResult,
  type ChangeCounts,
  type ChangeOperation,
  type ConflictResolution,
  type FieldMap,
  type FieldValue,
  type ObjectRef,
  type PendingChange,
  type ValueNames,
} from '../../../shared/domain/changes';

/**
 * The write-behind journal: every change a user makes to UCCX or Unity
 * Connection is first made durable here, then applied in the background by
 * the applier registered for its system, when that system accepts writes.
 *
 * Guarantees:
 * - `enqueue` returns only after the change is fsync'd to disk.
 * - Changes to one object are applied strictly in order; a failed or
 *   conflicted change holds back the later changes to the same object.
 *   Different objects go in parallel up to the applier's concurrency.
 * - Before every write the object is read again. If the server already holds
 *   `mine`, the change is recorded as applied without writing: this is what
 *   makes a crash between "sent" and "recorded" harmless. If a touched field
 *   differs from `base`, the change is a conflict and is NOT written.
 * - Network failures and "not writable now" retry with exponential back-off;
 *   a refusal by the server (validation) fails the change with its message.
 *
 * Using it for another system (e.g. Unity Connection):
 *
 *   journal.registerApplier('cupi', {
 *     read: async (change) => fetchUser(change.ref.id),          // null when absent
 *     fieldsOf: (user) => ({ displayName: user.DisplayName, ... }),// flat, comparable
 *     apply: async (change, current) => putUser(current, change.mine),
 *     pausedReason: () => (publisherUp ? null : 'publisher unreachable'),
 *     concurrency: 2,
 *   });
 *   journal.enqueue({ ref: { system: 'cupi', type: 'user', id }, operation: 'update',
 *     label: 'User jdoe', summary: 'Display name', base: { displayName: 'Jane' },
 *     mine: { displayName: 'Jane D.' }, user: 'cucadmin' });
 */
export interface ChangeApplier<TObject = unknown> {
  /**
   * The object as the server holds it now, or null when it does not exist.
   * For a create, find it by its natural key (`change.ref.id`, e.g. a name).
   * Throw (NetworkError, ApplyError) when the server cannot be read.
   */
  read(change: PendingChange): Promise<TObject | null>;
  /** The object's field values, named as in `base`/`mine` (only the touched ones are compared). */
  fieldsOf(object: TObject, change: PendingChange): FieldMap;
  /** Write `change.mine` onto `current` (null for a create). Throw ApplyError(message, retryable) on refusal. */
  apply(change: PendingChange, current: TObject | null): Promise<void>;
  /** A sentence saying why writes are paused right now, or null when they may go. */
  pausedReason?(): string | null;
  /**
   * Problems with new values for a change (the same validators the editors
   * run): an edit with any is refused whole and the change stays as it was.
   */
  validate?(change: PendingChange, mine: FieldMap): FieldError[];
  /** Objects applied in parallel for this system (default 2). */
  concurrency?: number;
}

/** The journal file could not be written: the step was not recorded and did not happen. */
class JournalWriteError extends ConsoleError {
  constructor(message: string) {
    super('internal', message);
  }
}

/**
 * A refusal from a server: `retryable` for "try again later" (busy, not
 * master), not for validation errors; `notPermitted` when the account may
 * not make the change at all (HTTP 403), which is never retried by itself.
 */
export class ApplyError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly notPermitted = false,
  ) {
    super(message);
    this.name = 'ApplyError';
  }
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof ApplyError) return error.retryable;
  if (error instanceof NetworkError) return true;
  if (error instanceof ConsoleError) return error.code === 'unavailable' || error.code === 'timeout' || error.code === 'read_only';
  return false;
}

export interface EnqueueInput {
  ref: ObjectRef;
  operation: ChangeOperation;
  label: string;
  summary?: string;
  fieldLabels?: Record<string, string>;
  valueNames?: ValueNames;
  base: FieldMap;
  mine: FieldMap;
  user: string;
  payload?: FieldValue;
}

export interface JournalOptions {
  /** Folder of the profile; the journal is `<dir>/changes.jsonl`. */
  dir: string;
  profile: string;
  now?: () => number;
  /** First retry delay; doubles per attempt up to maxRetryMs. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** Rewrite the log once it holds this many records. */
  compactAfterRecords?: number;
  onError?: (message: string, error: unknown) => void;
  /** The file operations the log is written with (default node:fs; the power-cut test passes its own). */
  files?: FileLayer;
}

export interface JournalEvents {
  /** Any change's state changed (the IPC layer throttles these). */
  changed: [PendingChange];
  /** For the audit log: what happened to a change. */
  outcome: [PendingChange, AuditResult, string | undefined];
}

const TERMINAL = new Set(['applied', 'discarded']);

function objectKey(ref: ObjectRef): string {
  return `${ref.system}\u0000${ref.type}\u0000${ref.id}`;
}

export class WriteJournal extends EventEmitter<JournalEvents> {
  private readonly file: JournalFile;
  private readonly changes = new Map<string, PendingChange>();
  private readonly appliers = new Map<string, ChangeApplier<unknown>>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly now: () => number;
  private readonly retryBaseMs: number;
  private readonly maxRetryMs: number;
  private readonly compactAfterRecords: number;
  private nextSeq = 1;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(private readonly options: JournalOptions) {
    super();
    this.file = new JournalFile(path.join(options.dir, 'changes.jsonl'), options.files);
    this.now = options.now ?? Date.now;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 60_000;
    this.compactAfterRecords = options.compactAfterRecords ?? 2000;
  }

  /** Open (or create) the profile's journal and recover its state; changes caught mid-apply go back to the queue. */
  static open(options: JournalOptions): WriteJournal {
    const journal = new WriteJournal(options);
    const { records } = journal.file.open();
    for (const record of records) journal.replay(record);
    for (const change of journal.changes.values()) {
      // We cannot know whether the write landed: the re-read before the next attempt finds out.
      if (change.state === 'applying') change.state = 'queued';
    }
    journal.compact();
    return journal;
  }

  get path(): string {
    return this.file.file;
  }

  registerApplier<T>(system: string, applier: ChangeApplier<T>): () => void {
    this.appliers.set(system, applier as ChangeApplier<unknown>);
    this.wake();
    return () => {
      if (this.appliers.get(system) === (applier as ChangeApplier<unknown>)) this.appliers.delete(system);
    };
  }

  /** Commit a change durably and schedule it. Later changes to the same object are based on earlier ones' `mine`. */
  enqueue(input: EnqueueInput): PendingChange {
    if (this.closed) throw new ConsoleError('unavailable', 'The change journal is closed.', undefined, { id: 'errors.changes.journalClosed' });
    const base: FieldMap = { ...input.base };
    const earlier = this.pendingFor(input.ref);
    for (const field of Object.keys(input.mine)) {
      for (const change of earlier) if (field in change.mine) base[field] = change.mine[field]!;
    }
    const at = this.now();
    const change: PendingChange = {
      id: randomUUID(),
      seq: this.nextSeq++,
      ref: { ...input.ref },
      operation: input.operation,
      label: input.label,
      summary: input.summary ?? '',
      fieldLabels: input.fieldLabels ?? {},
      ...(input.valueNames && Object.keys(input.valueNames).length ? { valueNames: input.valueNames } : {}),
      base,
      mine: { ...input.mine },
      user: input.user,
      profile: this.options.profile,
      createdAt: at,
      updatedAt: at,
      state: 'queued',
      attempts: 0,
      ...(input.payload !== undefined ? { payload: input.payload } : {}),
    };
    this.write({ t: 'enqueued', at, change });
    this.changes.set(change.id, change);
    this.announce(change, 'queued');
    this.wake();
    return { ...change };
  }

  list(): PendingChange[] {
    return [...this.changes.values()].sort((a, b) => a.seq - b.seq).map((change) => ({ ...change }));
  }

  get(id: string): PendingChange | undefined {
    const change = this.changes.get(id);
    return change && { ...change };
  }

  /** Not yet applied or discarded changes to one object, oldest first. */
  pendingFor(ref: ObjectRef): PendingChange[] {
    const key = objectKey(ref);
    return [...this.changes.values()].filter((c) => !TERMINAL.has(c.state) && objectKey(c.ref) === key).sort((a, b) => a.seq - b.seq);
  }

  /** The field values an object will have once its waiting changes are applied (for editors showing queued state). */
  overlay(ref: ObjectRef): FieldMap {
    const out: FieldMap = {};
    for (const change of this.pendingFor(ref)) Object.assign(out, change.mine);
    return out;
  }

  counts(system?: string): ChangeCounts {
    const counts: ChangeCounts = { queued: 0, applying: 0, failed: 0, notPermitted: 0, conflicted: 0, waiting: 0 };
    for (const change of this.changes.values()) {
      if (system && change.ref.system !== system) continue;
      if (TERMINAL.has(change.state)) continue;
      counts.waiting++;
      if (change.state === 'queued') counts.queued++;
      else if (change.state === 'applying') counts.applying++;
      else if (change.state === 'failed') {
        counts.failed++;
        if (change.notPermitted) counts.notPermitted++;
      }
      else if (change.state === 'conflicted') counts.conflicted++;
    }
    return counts;
  }

  /** Try a failed change again now (also clears the back-off of a queued one). */
  retry(id: string): PendingChange {
    const change = this.require(id, ['failed', 'queued']);
    this.commit(change, { t: 'requeued', at: this.now(), id });
    this.announce(change, 'retried');
    this.wake();
    return { ...change };
  }

  /** Drop a change that has not been applied. */
  discard(id: string): PendingChange {
    const change = this.require(id, ['queued', 'failed', 'conflicted']);
    this.commit(change, { t: 'discarded', at: this.now(), id });
    this.announce(change, 'discarded');
    this.wake();
    return { ...change };
  }

  /** Replace the values of a change that has not been applied yet (queued or failed). */
  edit(id: string, mine: FieldMap): PendingChange {
    const change = this.require(id, ['queued', 'failed']);
    const edited = this.onlyTouched(change, mine);
    this.refuseInvalid(change, edited);
    this.commit(change, { t: 'requeued', at: this.now(), id, mine: edited });
    this.announce(change, 'edited');
    this.wake();
    return { ...change };
  }

  /** Settle a conflict: keep the server's values, write mine anyway, or write edited values. */
  resolve(id: string, resolution: ConflictResolution): PendingChange {
    const change = this.require(id, ['conflicted']);
    if (resolution.kind === 'keep-theirs') {
      this.commit(change, { t: 'discarded', at: this.now(), id });
      this.announce(change, 'kept-theirs');
    } else {
      // The server's values become the base, so the next attempt sees no conflict unless it changes again.
      const base = { ...(change.theirs ?? change.base) };
      const mine = resolution.kind === 'edit' ? this.onlyTouched(change, resolution.mine) : change.mine;
      if (resolution.kind === 'edit') this.refuseInvalid(change, mine);
      this.commit(change, { t: 'requeued', at: this.now(), id, base, mine });
      this.announce(change, resolution.kind === 'edit' ? 'edited' : 'retried');
    }
    this.wake();
    return { ...change };
  }

  /** Look for work now (call when a system becomes writable). */
  /**
   * A system accepts writes again (its master or publisher is back): its
   * queued changes go now instead of sitting out a back-off earned while it
   * was away. Only the in-memory schedule changes; nothing is written.
   */
  retryNow(system: string): void {
    for (const change of this.changes.values()) {
      if (change.ref.system === system && change.state === 'queued') delete change.nextAttemptAt;
    }
    this.wake();
  }

  wake(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    queueMicrotask(() => this.pump());
  }

  /** Resolves when nothing is applying (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stop scheduling, let writes in flight finish (bounded), close the file. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    this.file.close();
  }

  // ---- scheduling ------------------------------------------------------

  private pump(): void {
    if (this.closed) return;
    const now = this.now();
    const activeBySystem = new Map<string, number>();
    for (const id of this.running.keys()) {
      const system = this.changes.get(id)?.ref.system ?? '';
      activeBySystem.set(system, (activeBySystem.get(system) ?? 0) + 1);
    }
    const heads = new Map<string, PendingChange>();
    for (const change of [...this.changes.values()].sort((a, b) => a.seq - b.seq)) {
      if (TERMINAL.has(change.state)) continue;
      const key = objectKey(change.ref);
      if (!heads.has(key)) heads.set(key, change);
    }
    let earliestRetry = Infinity;
    const paused = new Map<string, boolean>();
    for (const change of heads.values()) {
      if (change.state !== 'queued') continue;
      const system = change.ref.system;
      const applier = this.appliers.get(system);
      if (!applier) continue;
      if (!paused.has(system)) paused.set(system, Boolean(applier.pausedReason?.()));
      if (paused.get(system)) continue;
      if (change.nextAttemptAt && change.nextAttemptAt > now) {
        earliestRetry = Math.min(earliestRetry, change.nextAttemptAt);
        continue;
      }
      const active = activeBySystem.get(system) ?? 0;
      if (active >= (applier.concurrency ?? 2)) continue;
      activeBySystem.set(system, active + 1);
      const run = this.applyOne(change, applier).then(
        () => {
          this.running.delete(change.id);
          this.pump();
        },
        () => {
          // A step could not be recorded (disk full, gone). As at open after a crash, a change caught mid-apply goes
          // back to the queue (the re-read finds out whether its write landed); try again later, not at once.
          this.running.delete(change.id);
          if (change.state === 'applying') change.state = 'queued';
          this.pumpLater(this.retryBaseMs);
        },
      );
      this.running.set(change.id, run);
    }
    if (earliestRetry !== Infinity) this.pumpLater(earliestRetry - now);
  }

  private pumpLater(delayMs: number): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pump();
    }, Math.max(10, delayMs));
    this.timer.unref?.();
  }

  private async applyOne(change: PendingChange, applier: ChangeApplier<unknown>): Promise<void> {
    this.commit(change, { t: 'attempt', at: this.now(), id: change.id });
    this.emit('changed', { ...change });
    const touched = Object.keys(change.mine).concat(Object.keys(change.base).filter((field) => !(field in change.mine)));
    try {
      const current = await applier.read(change);
      if (this.closed) return;
      const theirs = current === null ? null : pick(applier.fieldsOf(current, change), touched);
      const verdict = judge(change, theirs);
      if (verdict === 'already-applied') {
        this.markApplied(change, true);
      } else if (verdict === 'gone') {
        this.markFailed(change, `${change.label} no longer exists on the server.`, false, { id: 'errors.changes.goneOnServer', values: { label: change.label } });
      } else if (verdict === 'conflict') {
        this.commit(change, { t: 'conflicted', at: this.now(), id: change.id, theirs: theirs ?? {} });
        this.announce(change, 'conflicted', 'Changed on the server since this change was made.');
      } else {
        await applier.apply(change, current);
        if (this.closed) return;
        this.markApplied(change, false);
      }
    } catch (error) {
      // A record that could not be written is not an outcome of the change: leave it as the log says it is.
      if (error instanceof JournalWriteError) throw error;
      if (this.closed) return;
      const message = describeError(error);
      const said = saidOf(error);
      if (isRetryable(error)) {
        const delay = Math.min(this.maxRetryMs, this.retryBaseMs * 2 ** Math.min(change.attempts - 1, 16));
        const nextAttemptAt = this.now() + Math.round(delay * (0.8 + Math.random() * 0.4));
        this.commit(change, { t: 'retry-later', at: this.now(), id: change.id, message, ...(said ? { said } : {}), nextAttemptAt });
        this.emit('changed', { ...change });
      } else {
        this.markFailed(change, message, error instanceof ApplyError && error.notPermitted, said);
      }
    }
  }

  private markApplied(change: PendingChange, alreadyApplied: boolean): void {
    this.commit(change, { t: 'applied', at: this.now(), id: change.id, alreadyApplied });
    this.announce(change, alreadyApplied ? 'already-applied' : 'applied');
    if (this.file.recordsSinceCompaction > this.compactAfterRecords && !this.closed) {
      try {
        this.compact();
      } catch (error) {
        // The log as it was is still whole (the rename is the switch); compaction is tried again after the next change.
        this.options.onError?.('could not compact the change journal', error);
      }
    }
  }

  private markFailed(change: PendingChange, message: string, notPermitted = false, said?: MainMessage): void {
    this.commit(change, { t: 'failed', at: this.now(), id: change.id, message, ...(said ? { said } : {}), ...(notPermitted ? { notPermitted: true as const } : {}) });
    this.announce(change, notPermitted ? 'not-permitted' : 'failed', message);
  }

  private require(id: string, states: PendingChange['state'][]): PendingChange {
    const change = this.changes.get(id);
    if (!change) throw new ConsoleError('not_found', 'That change is no longer in the queue.', undefined, { id: 'errors.changes.gone' });
    if (!states.includes(change.state)) {
      throw new ConsoleError('conflict', `That change is ${change.state}; this action needs it to be ${states.join(' or ')}.`);
    }
    return change;
  }

  /** Values the change's system refuses are never recorded: a typed error names each field. */
  private refuseInvalid(change: PendingChange, mine: FieldMap): void {
    const errors = this.appliers.get(change.ref.system)?.validate?.(change, mine) ?? [];
    refuseInvalid(change.label, errors);
  }

  /** Edited values may only touch the fields the change already touches. */
  private onlyTouched(change: PendingChange, mine: FieldMap): FieldMap {
    const out: FieldMap = {};
    for (const field of Object.keys(change.mine)) out[field] = field in mine ? mine[field]! : change.mine[field]!;
    return out;
  }

  private announce(change: PendingChange, result: AuditResult, message?: string): void {
    const copy = { ...change };
    this.emit('changed', copy);
    this.emit('outcome', copy, result, message ?? change.lastError);
  }

  // ---- persistence -----------------------------------------------------

  private write(record: JournalRecord): void {
    try {
      this.file.append(record);
    } catch (error) {
      this.options.onError?.('could not write the change journal', error);
      throw new JournalWriteError(`The change could not be saved to the local journal: ${(error as Error).message}`);
    }
  }

  /** Make a state change durable, then apply it: the live path's only way to change a change. */
  private commit(change: PendingChange, record: ChangeRecord): void {
    this.write(record);
    applyRecord(change, record);
  }

  /** Rebuild state from the log at open, with the same function the live path uses. */
  private replay(record: JournalRecord): void {
    if (record.t === 'enqueued' || record.t === 'snapshot') {
      this.changes.set(record.change.id, { ...record.change });
      this.nextSeq = Math.max(this.nextSeq, record.change.seq + 1);
      return;
    }
    const change = this.changes.get(record.id);
    if (change) applyRecord(change, record);
  }

  /** Keep only what is still waiting; applied and discarded changes live on in the audit log. */
  private compact(): void {
    const keep = [...this.changes.values()].filter((change) => !TERMINAL.has(change.state)).sort((a, b) => a.seq - b.seq);
    this.file.compact(keep, this.now());
    for (const change of [...this.changes.values()]) if (TERMINAL.has(change.state)) this.changes.delete(change.id);
  }
}

/** A record that changes an existing change (every kind but the two that carry a whole change). */
type ChangeRecord = Exclude<JournalRecord, { t: 'enqueued' } | { t: 'snapshot' }>;

/**
 * The one state-change function of the journal: what a record does to a
 * change. The live path calls it right after the record is fsync'd, replay
 * calls it for every record read at open, so both always agree.
 */
function applyRecord(change: PendingChange, record: ChangeRecord): void {
  change.updatedAt = record.at;
  switch (record.t) {
    case 'attempt':
      change.state = 'applying';
      change.attempts++;
      break;
    case 'applied':
      change.state = 'applied';
      change.appliedAt = record.at;
      change.alreadyApplied = record.alreadyApplied;
      delete change.nextAttemptAt;
      break;
    case 'retry-later':
      change.state = 'queued';
      change.lastError = record.message;
      noteSaid(change, record.said);
      change.nextAttemptAt = record.nextAttemptAt;
      break;
    case 'failed':
      change.state = 'failed';
      change.lastError = record.message;
      noteSaid(change, record.said);
      if (record.notPermitted) change.notPermitted = true;
      else delete change.notPermitted;
      delete change.nextAttemptAt;
      break;
    case 'conflicted':
      change.state = 'conflicted';
      change.theirs = record.theirs;
      break;
    case 'requeued':
      if (record.base) change.base = record.base;
      if (record.mine) change.mine = record.mine;
      change.state = 'queued';
      delete change.nextAttemptAt;
      delete change.theirs;
      delete change.notPermitted;
      break;
    case 'discarded':
      change.state = 'discarded';
      break;
  }
}

type Verdict = 'write' | 'already-applied' | 'conflict' | 'gone';

/** Compare the server's current values with base and mine (null theirs = the object does not exist). */
function judge(change: PendingChange, theirs: FieldMap | null): Verdict {
  switch (change.operation) {
    case 'create':
      if (theirs === null) return 'write';
      return sameFields(theirs, change.mine, Object.keys(change.mine)) ? 'already-applied' : 'conflict';
    case 'delete':
      if (theirs === null) return 'already-applied';
      return sameFields(theirs, change.base, Object.keys(change.base)) ? 'write' : 'conflict';
    case 'update':
      if (theirs === null) return 'gone';
      if (sameFields(theirs, change.mine, Object.keys(change.mine))) return 'already-applied';
      // Only fields with a recorded base can be judged (a prompt replacement records the size it replaces, not the audio).
      return sameFields(theirs, change.base, Object.keys(change.base)) ? 'write' : 'conflict';
  }
}

function pick(fields: FieldMap, names: string[]): FieldMap {
  const out: FieldMap = {};
  for (const name of names) out[name] = fields[name] ?? null;
  return out;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The message by id an error carries beside its English (a typed error, a server's HTTP answer), if any. */
function saidOf(error: unknown): MainMessage | undefined {
  const said = typeof error === 'object' && error !== null ? (error as { said?: MainMessage }).said : undefined;
  return said && typeof said.id === 'string' ? said : undefined;
}

/** The last error by id beside its English, or none (an older journal's record, an error without one). */
function noteSaid(change: PendingChange, said: MainMessage | undefined): void {
  if (said) change.lastErrorMessage = said;
  else delete change.lastErrorMessage;
}

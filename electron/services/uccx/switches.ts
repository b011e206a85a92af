import { EventEmitter } from 'node:events';
import path from 'node:path';
import { ApplyError } from '../journal/journal';
import type { JournalHub } from '../journal/hub';
import type { Logger } from '../log/logger';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import { ConsoleError, refuseInvalid } from '../../../shared/ipc/result';
import type { FieldError } from '../../../shared/domain/validation';
import type { MainMessage } from '../../../shared/domain/main-message';
import type { FieldMap, PendingChange } from '../../../shared/domain/changes';
import {
  DEFAULT_SWITCH_DURATIONS_S,
  DEFAULT_SWITCHES_DOCUMENT,
  SWITCH_LIMITS,
  SWITCHES_TYPE,
  checkSwitchName,
  cleanSwitch,
  describeSwitchesSave,
  durationWords,
  switchField,
  switchFields,
  switchOfField,
  switchStateWords,
  switchesOfFields,
  touchedSwitchFields,
  untilMs,
  validateSwitches,
  type SwitchEntry,
  type SwitchTimer,
  type SwitchesView,
} from '../../../shared/domain/switches';
import { DocumentFolder, documentTime, type DocumentRepository, type RemovalMarks } from './repository-document';
import { parseSwitches, serializeSwitches, SwitchesFormatError } from './switch-document';

/** The switches document as the applier reads it before writing: absent reads as no switches. */
export interface SwitchesObject {
  exists: boolean;
  switches: SwitchEntry[];
}

export interface SwitchesOptions {
  repository: DocumentRepository;
  hub: JournalHub;
  /** The profile folder: the timed switches are kept in switch-timers.json there. */
  dir: string;
  /** The account writes go out as (the user of the changes that end timed switches). */
  account: string;
  /** The document's path (profile `uccx.switchesDocument`, default /en_US/lists/switches.xml). */
  document?: string;
  /** The "On for …" choices in seconds. */
  durations?: readonly number[];
  /** Where a save that removed the document before uploading it again is noted (durable in the console; memory by default). */
  removals?: RemovalMarks;
  log?: Logger;
  now?: () => number;
}

/** A timed switch as kept on disk: the switch as the console set it is the base of the change that ends it. */
interface StoredTimer extends SwitchTimer {
  entry: SwitchEntry;
}

interface StoredFile {
  version: 1;
  document: string;
  timers: StoredTimer[];
}

/** Longest a single timer may wait (setTimeout's limit); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Ended timers kept to show what the console did. */
const KEEP_ENDED = 10;
/** When no profile's journal is open at the end time, try again after this long. */
const RETRY_MS = 30_000;

/**
 * Announcement switches (docs/ivr.md, "Switches"): one XML document in the
 * UCCX document repository that scripts read at call time. Loading it for
 * the editor, queuing a save as one journal change, writing it (the UCCX
 * applier calls `read`, `fieldsOf` and `apply` for type `switches`), and
 * ending timed switches by themselves.
 *
 * - Each switch is its own journal field (`switch/<name>`), so a save
 *   touching one switch is judged only against that switch: two people
 *   changing different switches never conflict, and the change that ends a
 *   timed switch is not held up by a new prompt on another one.
 * - A timed switch ("On for 30 min") is written with `until` in the document,
 *   so scripts can ignore it once the time has passed, and kept in
 *   switch-timers.json in the profile folder (atomic writes). At the time, a
 *   change turning it off is queued like any save (base = the switch as the
 *   console set it, so a change made in between is a conflict, not
 *   overwritten). A console that was not running then queues it at its next
 *   start and marks it "late", which the editor says in words.
 */
export class Switches extends EventEmitter<{ changed: [] }> {
  private readonly documents: DocumentFolder;
  readonly path: string;
  readonly fileName: string;
  readonly durations: number[];
  private readonly file: string;
  private readonly now: () => number;
  private timers: StoredTimer[] = [];
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** What a change's document held when this console deleted it to write it again: read back while its upload has not landed. */
  private readonly heldBeforeRemoval = new Map<string, SwitchEntry[]>();

  constructor(private readonly options: SwitchesOptions) {
    super();
    const documentPath = options.document ?? DEFAULT_SWITCHES_DOCUMENT;
    const slash = documentPath.lastIndexOf('/');
    this.fileName = documentPath.slice(slash + 1);
    this.documents = new DocumentFolder(options.repository, documentPath.slice(0, slash + 1), 'uccx.switchesDocument', options.removals);
    this.path = this.documents.path(this.fileName);
    this.durations = [...(options.durations ?? DEFAULT_SWITCH_DURATIONS_S)];
    this.file = path.join(options.dir, 'switch-timers.json');
    this.now = options.now ?? Date.now;
  }

  // ---- timed switches ----------------------------------------------------

  /** Load the timed switches; any whose time passed while the console was not running is ended now, marked late. */
  start(): void {
    this.stopped = false;
    try {
      const stored = readJsonFile(this.file) as StoredFile | null;
      this.timers = stored?.version === 1 && stored.document === this.path && Array.isArray(stored.timers) ? stored.timers.filter(isStoredTimer) : [];
    } catch (error) {
      this.options.log?.error('could not read the timed switches; none are kept', error);
      this.timers = [];
    }
    this.endDue(true);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The timed switches, the waiting ones first (soonest first), then the recently ended ones. */
  timerViews(): SwitchTimer[] {
    const waiting = this.timers.filter((timer) => timer.state === 'waiting').sort((a, b) => a.until - b.until);
    const ended = this.timers.filter((timer) => timer.state !== 'waiting').sort((a, b) => (b.revertedAt ?? 0) - (a.revertedAt ?? 0));
    return [...waiting, ...ended].map(({ entry: _entry, ...view }) => view);
  }

  /** Queue the change that turns every due switch off; `atStart`: the console was not running at their time. */
  private endDue(atStart: boolean): void {
    if (this.stopped) return;
    const now = this.now();
    let touched = false;
    let retry = false;
    for (const timer of this.timers) {
      if (timer.state !== 'waiting' || timer.until > now) continue;
      const journal = this.options.hub.journal;
      if (!journal) {
        retry = true;
        continue;
      }
      const late = atStart;
      const field = switchField(timer.name);
      const off: SwitchEntry = { ...timer.entry, enabled: false, until: '' };
      try {
        const change = journal.enqueue({
          ref: { system: 'uccx', type: SWITCHES_TYPE, id: this.path },
          operation: 'update',
          label: this.label(),
          summary: `Switches: ${timer.name}: ${switchStateWords(timer.entry)} → Off (its time ended${late ? '; the console was not running then, so it was turned off at its next start' : ''})`,
          fieldLabels: { [field]: `Switch ${timer.name}` },
          base: switchFields([timer.entry]),
          mine: switchFields([off]),
          user: this.options.account,
        });
        Object.assign(timer, { state: 'reverted', late, revertedAt: now, changeId: change.id });
        if (late) this.options.log?.warn(`switch ${timer.name} was due to turn off at ${new Date(timer.until).toISOString()} while the console was not running; turned off now`);
      } catch (error) {
        Object.assign(timer, { state: 'failed', late, revertedAt: now, ...notTurnedOff(timer.name, error) });
        this.options.log?.error(`could not queue the end of switch ${timer.name}`, error);
      }
      touched = true;
    }
    if (touched) {
      this.trim();
      this.save();
      this.emit('changed');
    }
    this.arm(retry ? RETRY_MS : null);
  }

  private arm(retryMs: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.stopped) return;
    const waiting = this.timers.filter((timer) => timer.state === 'waiting');
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((timer) => timer.until));
    const wait = retryMs ?? Math.max(0, Math.min(MAX_TIMER_MS, next - this.now()));
    this.timer = setTimeout(() => this.endDue(false), wait);
    this.timer.unref?.();
  }

  private trim(): void {
    const ended = this.timers.filter((timer) => timer.state !== 'waiting').sort((a, b) => (b.revertedAt ?? 0) - (a.revertedAt ?? 0));
    const dropped = new Set(ended.slice(KEEP_ENDED));
    this.timers = this.timers.filter((timer) => !dropped.has(timer));
  }

  private save(): void {
    try {
      writeFileAtomic(this.file, JSON.stringify({ version: 1, document: this.path, timers: this.timers } satisfies StoredFile, null, 1));
    } catch (error) {
      this.options.log?.error('could not save the timed switches', error);
    }
  }

  /** After a save: the switches it touches lose their waiting timer, and those it turns on until a time get one. */
  private schedule(base: FieldMap, mine: FieldMap): void {
    const touchedNames = new Set(Object.keys({ ...base, ...mine }).map((field) => field.slice('switch/'.length)));
    this.timers = this.timers.filter((timer) => timer.state !== 'waiting' || !touchedNames.has(timer.name));
    for (const [field, value] of Object.entries(mine)) {
      const entry = switchOfField(field, value);
      const until = entry ? untilMs(entry) : null;
      if (entry?.enabled && until !== null) this.timers.push({ name: entry.name, until, state: 'waiting', late: false, revertedAt: null, entry });
    }
    this.trim();
    this.save();
    this.arm(null);
    this.emit('changed');
  }

  // ---- the editor's side -------------------------------------------------

  private label(): string {
    return `Switches (${this.fileName})`;
  }

  /** The document as UCCX holds it now, with what waiting changes will make of it, and the timed switches. */
  async load(): Promise<SwitchesView> {
    const { parsed, view } = await this.documents.open(this.fileName, parseSwitches, SwitchesFormatError, 'a switches document', { switches: [], updated: '', updatedBy: '', skipped: [], skippedMessages: [] });
    const overlay = this.options.hub.journal?.overlay({ system: 'uccx', type: SWITCHES_TYPE, id: this.path }) ?? {};
    const queued = Object.keys(overlay).length ? switchesOfFields({ ...switchFields(parsed.switches), ...overlay }) : null;
    return { ...view, switches: parsed.switches, queued, timers: this.timerViews(), durations: [...this.durations] };
  }

  /**
   * Queue a save as one change: `base` is the document as the editor loaded
   * it, `switches` as the user wants it. Only the switches that differ are
   * in the change. A new end time must lie ahead (at least half the shortest
   * "On for …" choice, at most a minute) and within 7 days.
   */
  submit(base: readonly SwitchEntry[], switches: readonly SwitchEntry[], user: string): PendingChange {
    refuseInvalid('Switches', validateSwitches(switches));
    const wanted = switches.map(cleanSwitch);
    const before = base.filter((entry) => checkSwitchName(entry.name) === null).map(cleanSwitch);
    const { base: baseFields, mine } = touchedSwitchFields(before, wanted);
    if (Object.keys(mine).length === 0) throw new ConsoleError('rejected', 'Switches: nothing to save, every switch is as it was.', undefined, { id: 'errors.uccx.switchesUnchanged' });
    refuseInvalid('Switches', this.checkTimes(baseFields, mine, wanted));
    const change = this.options.hub.require().enqueue({
      ref: { system: 'uccx', type: SWITCHES_TYPE, id: this.path },
      operation: 'update',
      label: this.label(),
      summary: describeSwitchesSave(baseFields, mine),
      fieldLabels: Object.fromEntries(Object.keys(mine).map((field) => [field, `Switch ${field.slice('switch/'.length)}`])),
      base: baseFields,
      mine,
      user,
    });
    this.schedule(baseFields, mine);
    return change;
  }

  private checkTimes(base: FieldMap, mine: FieldMap, wanted: readonly SwitchEntry[]): FieldError[] {
    const now = this.now();
    const lead = Math.min(60_000, (Math.min(...this.durations) * 1000) / 2);
    const errors: FieldError[] = [];
    for (const [field, value] of Object.entries(mine)) {
      const entry = switchOfField(field, value);
      const until = entry ? untilMs(entry) : null;
      if (!entry || until === null || switchOfField(field, base[field])?.until === entry.until) continue;
      const index = wanted.findIndex((other) => other.name === entry.name);
      if (until < now + lead) errors.push({ field: `switches.${index}.until`, message: `${entry.name}: the end time must be at least ${durationWords(Math.ceil(lead / 1000))} from now.` });
      else if (until > now + SWITCH_LIMITS.maxTimedMs) errors.push({ field: `switches.${index}.until`, message: `${entry.name}: a timed switch lasts at most 7 days; leave it on without an end instead.` });
    }
    return errors;
  }

  // ---- the applier's part (called by the UCCX applier for type switches) ----

  /** Problems with a change's values when it is edited or resolved in Pending changes. */
  validate(mine: FieldMap): FieldError[] {
    const errors: FieldError[] = [];
    const entries: SwitchEntry[] = [];
    for (const [field, value] of Object.entries(mine)) {
      if (!field.startsWith('switch/')) errors.push({ field, message: `${field} is not a switch.` });
      else if (value === null) continue;
      else {
        const entry = switchOfField(field, value);
        if (!entry) errors.push({ field, message: `${field}: a switch is {enabled, prompt, until}.` });
        else entries.push(entry);
      }
    }
    return [...errors, ...validateSwitches(entries)];
  }

  async read(change: PendingChange): Promise<SwitchesObject> {
    const bytes = await this.documents.download(this.fileName);
    if (bytes === null) {
      // Deleted by this console's own write, whose upload has not landed yet: what was there is what it held.
      const held = this.heldBeforeRemoval.get(change.id);
      if (held && this.documents.removedBy(change.id)) return { exists: false, switches: held };
      return { exists: false, switches: [] };
    }
    try {
      return { exists: true, switches: parseSwitches(bytes).switches };
    } catch (error) {
      if (error instanceof SwitchesFormatError) throw new ApplyError(`${this.fileName} on UCCX is not a switches document the console can read, so it was not overwritten: ${error.message}`, false);
      throw error;
    }
  }

  fieldsOf(object: SwitchesObject): FieldMap {
    return switchFields(object.switches);
  }

  /** Write the document as UCCX holds it now with this change's switches set (or removed), as a whole new document. */
  async apply(change: PendingChange, current: SwitchesObject | null): Promise<void> {
    const merged = new Map((current?.switches ?? []).map((entry) => [entry.name, entry]));
    for (const [field, value] of Object.entries(change.mine)) {
      const entry = switchOfField(field, value);
      if (entry) merged.set(entry.name, cleanSwitch(entry));
      else merged.delete(field.slice('switch/'.length));
    }
    const bytes = serializeSwitches({ switches: [...merged.values()], updated: documentTime(this.now()), updatedBy: change.user });
    this.heldBeforeRemoval.set(change.id, current?.switches ?? []);
    try {
      await this.documents.replace(change.id, this.fileName, bytes, current?.exists ?? false);
    } finally {
      if (!this.documents.removedBy(change.id)) this.heldBeforeRemoval.delete(change.id);
    }
  }
}

function isStoredTimer(value: unknown): value is StoredTimer {
  const timer = value as StoredTimer | null;
  return (
    typeof timer === 'object' &&
    timer !== null &&
    typeof timer.name === 'string' &&
    checkSwitchName(timer.name) === null &&
    typeof timer.until === 'number' &&
    ['waiting', 'reverted', 'failed'].includes(timer.state) &&
    typeof timer.entry === 'object' &&
    timer.entry !== null &&
    timer.entry.name === timer.name
  );
}

/**
 * Why a timed switch was not turned off: the change turning it off could not
 * be queued. In words, and by id (`main.switches.notTurnedOff`) with the
 * journal's reason said by its own id where it has one.
 */
export function notTurnedOff(name: string, error: unknown): { message: string; said: MainMessage } {
  const reason = error instanceof Error ? error.message : String(error);
  const reasonSaid = error instanceof ConsoleError ? error.said : undefined;
  return {
    message: `The change turning ${name} off could not be queued: ${reason}`,
    said: { id: 'main.switches.notTurnedOff', values: { name, reason }, ...(reasonSaid ? { sentences: { reason: reasonSaid } } : {}) },
  };
}

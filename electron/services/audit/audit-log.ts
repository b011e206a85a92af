import path from 'node:path';
import { redact } from '../log/logger';
import { appendDurably, ensureDir, nodeFiles, readIfExists, type FileLayer } from '../storage/file-layer';
import type { AuditActor, AuditEntry, AuditQuery, AuditResult, PendingChange } from '../../../shared/domain/changes';
import type { MainMessage } from '../../../shared/domain/main-message';
import { displayNamedField } from '../../../shared/domain/changes';

/**
 * The audit log of one profile: every change made through the console and
 * how it ended (written, failed, conflict resolved, discarded...), who made
 * it (the operating-system user at the console, the profile's operator name,
 * the server account it went out as), with the values before and after,
 * named rather than as ids where the console knows the names.
 *
 * The file is append-only JSON lines, one line per step, so nothing is lost
 * in a crash; a torn last line is skipped when reading. Reading folds the
 * steps of each change into one entry with its final outcome, so the screen
 * and the CSV show one line per change. Lines written before the actor
 * fields existed read as entries without them (docs/audit.md).
 */
export class AuditLog {
  readonly file: string;
  /** The log ends in a line torn by a crash: the next entry starts on a new line instead of joining it. */
  private tornTail: boolean;

  constructor(
    dir: string,
    private readonly files: FileLayer = nodeFiles,
    /** The person at the console, stamped on every entry that does not name one. */
    private readonly actor: AuditActor = { osUser: null, operatorName: null },
  ) {
    this.file = path.join(dir, 'audit.jsonl');
    ensureDir(dir, files);
    const bytes = readIfExists(this.file, files);
    this.tornTail = bytes !== null && bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
  }

  append(entry: AuditEntry): void {
    const fd = this.files.open(this.file, 'a');
    try {
      // A server's message may echo what it refused (a PIN): the audit log never keeps a registered secret.
      const stamped: AuditEntry = { osUser: this.actor.osUser, operatorName: this.actor.operatorName, ...entry };
      const safe = stamped.message === undefined ? stamped : { ...stamped, message: redact(stamped.message) };
      appendDurably(fd, `${this.tornTail ? '\n' : ''}${JSON.stringify(safe)}\n`, this.files);
      this.tornTail = false;
    } finally {
      this.files.close(fd);
    }
  }

  /** The entry for a journal outcome: "before" is the base the change was made on, "after" what it writes. */
  record(change: PendingChange, result: AuditResult, message?: string, at = Date.now()): AuditEntry {
    const entry: AuditEntry = {
      at,
      profile: change.profile,
      user: change.user,
      system: change.ref.system,
      objectType: change.ref.type,
      objectId: change.ref.id,
      label: change.label,
      changeId: change.id,
      before: result === 'conflicted' && change.theirs ? change.theirs : change.base,
      after: change.mine,
      result,
      ...(message ? { message } : {}),
      ...(Object.keys(change.fieldLabels).length ? { fieldLabels: change.fieldLabels } : {}),
      ...(change.valueNames ? { valueNames: change.valueNames } : {}),
    };
    this.append(entry);
    return entry;
  }

  /**
   * One entry per change, newest outcome first. `text` matches label, object
   * id, people, outcome, message and values (by name and by id), case-insensitively;
   * `result` matches the final outcome.
   */
  search(query: AuditQuery = {}): AuditEntry[] {
    const limit = query.limit ?? 500;
    const text = query.text?.trim().toLowerCase();
    const out: AuditEntry[] = [];
    const entries = foldSteps(this.readAll());
    for (let index = entries.length - 1; index >= 0 && out.length < limit; index--) {
      const entry = entries[index]!;
      if (query.system && entry.system !== query.system) continue;
      if (query.result && entry.result !== query.result) continue;
      if (query.since !== undefined && entry.at < query.since) continue;
      if (query.until !== undefined && entry.at > query.until) continue;
      if (text && !searchableText(entry).includes(text)) continue;
      out.push(entry);
    }
    return out;
  }

  /** CSV (RFC 4180, with a header line) of the entries matching the query. */
  exportCsv(query: AuditQuery = {}): string {
    return toCsv(this.search({ ...query, limit: query.limit ?? 100_000 }));
  }

  private readAll(): AuditEntry[] {
    const text = readIfExists(this.file, this.files)?.toString('utf8') ?? '';
    const entries: AuditEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as AuditEntry);
      } catch {
        // A line torn by a crash: skip it, the rest of the log stays readable.
      }
    }
    return entries;
  }
}

/**
 * Steps that are not an outcome of their own: they show in the folded entry's
 * history, not as its result. Each with its id (`main.audit.step.*`) for the
 * renderer; a refusal's message follows after ": " (the `because` id).
 */
const STEP_WORDS: Partial<Record<AuditResult, { words: string; id: string; because?: string }>> = {
  failed: { words: 'failed', because: 'main.audit.step.failedBecause', id: 'main.audit.step.failed' },
  'not-permitted': { words: 'not permitted for this account', because: 'main.audit.step.notPermittedBecause', id: 'main.audit.step.notPermitted' },
  conflicted: { words: 'changed on the server meanwhile (conflict)', id: 'main.audit.step.conflicted' },
  'kept-theirs': { words: "conflict resolved: kept the server's values", id: 'main.audit.step.keptTheirs' },
  edited: { words: 'edited before it was written', id: 'main.audit.step.edited' },
  retried: { words: 'tried again', id: 'main.audit.step.retried' },
};

/** A step of a folded entry's history: "<ISO time> <words>[: <message>]", and its words by id. */
function historyStep(step: AuditEntry): { text: string; said: MainMessage } | null {
  const words = STEP_WORDS[step.result];
  if (!words) return null;
  const at = new Date(step.at).toISOString();
  if (step.message && words.because) return { text: `${at} ${words.words}: ${step.message}`, said: { id: words.because, values: { message: step.message } } };
  return { text: `${at} ${words.words}`, said: { id: words.id } };
}

/**
 * Fold the steps of each change (same changeId) into one entry: the last
 * step's outcome and values, the first step's time, the steps in between as
 * history, and the people from whichever step names them (older lines do not).
 */
export function foldSteps(steps: readonly AuditEntry[]): AuditEntry[] {
  const byChange = new Map<string, AuditEntry[]>();
  for (const step of steps) {
    const list = byChange.get(step.changeId);
    if (list) list.push(step);
    else byChange.set(step.changeId, [step]);
  }
  const folded: AuditEntry[] = [];
  for (const list of byChange.values()) {
    const last = list[list.length - 1]!;
    const steps = list.slice(0, -1).flatMap((step) => historyStep(step) ?? []);
    const history = steps.map((step) => step.text);
    const withActor = [...list].reverse().find((step) => step.osUser || step.operatorName);
    folded.push({
      ...last,
      firstAt: list[0]!.at,
      osUser: last.osUser ?? withActor?.osUser ?? null,
      operatorName: last.operatorName ?? withActor?.operatorName ?? null,
      valueNames: last.valueNames ?? list.find((step) => step.valueNames)?.valueNames,
      ...(history.length ? { history, historyMessages: steps.map((step) => step.said) } : {}),
    });
    if (!folded.at(-1)!.valueNames) delete folded.at(-1)!.valueNames;
  }
  return folded.sort((a, b) => a.at - b.at);
}

/** Who made a change, in words: "Jane Doe (jdoe at the console)", "jdoe", or "unknown" for lines older than the actor fields. */
export function describeActor(entry: Pick<AuditEntry, 'osUser' | 'operatorName'>): string {
  if (entry.operatorName && entry.osUser) return `${entry.operatorName} (${entry.osUser})`;
  return entry.operatorName ?? entry.osUser ?? 'unknown';
}

function describeFields(entry: AuditEntry, fields: AuditEntry['before'], named = true): string {
  return Object.entries(fields)
    .map(([name, value]) => `${(named && entry.fieldLabels?.[name]) || name}=${named ? displayNamedField(value, entry.valueNames?.[name]) : displayNamedField(value, undefined)}`)
    .join('; ');
}

function searchableText(entry: AuditEntry): string {
  return [
    entry.label,
    entry.objectId,
    entry.objectType,
    entry.user,
    entry.osUser ?? '',
    entry.operatorName ?? '',
    entry.result,
    entry.message ?? '',
    ...(entry.history ?? []),
    describeFields(entry, entry.before),
    describeFields(entry, entry.after),
    describeFields(entry, entry.before, false),
    describeFields(entry, entry.after, false),
  ]
    .join(' ')
    .toLowerCase();
}

const CSV_COLUMNS = ['time', 'first made', 'person', 'operator name', 'server account', 'profile', 'system', 'object type', 'object id', 'object', 'before', 'after', 'result', 'message', 'history'];

function csvCell(value: string): string {
  // Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(entries: readonly AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const entry of entries) {
    lines.push(
      [
        new Date(entry.at).toISOString(),
        new Date(entry.firstAt ?? entry.at).toISOString(),
        entry.osUser ?? '',
        entry.operatorName ?? '',
        entry.user,
        entry.profile,
        entry.system,
        entry.objectType,
        entry.objectId,
        entry.label,
        describeFields(entry, entry.before),
        describeFields(entry, entry.after),
        entry.result,
        entry.message ?? '',
        (entry.history ?? []).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

import path from 'node:path';
import { redact } from '../log/logger';
import { appendDurably, ensureDir, nodeFiles, readIfExists, type FileLayer } from '../storage/file-layer';
import type { AuditEntry, AuditQuery, AuditResult, PendingChange } from '../../../shared/domain/changes';
import { displayField } from '../../../shared/domain/changes';

/**
 * The audit log of one profile: every change made through the console and
 * how it ended (queued, applied, failed, conflicted, discarded...), with the
 * values before and after. Append-only JSON lines; a torn last line from a
 * crash is skipped when reading. Searchable and exportable as CSV.
 */
export class AuditLog {
  readonly file: string;
  /** The log ends in a line torn by a crash: the next entry starts on a new line instead of joining it. */
  private tornTail: boolean;

  constructor(
    dir: string,
    private readonly files: FileLayer = nodeFiles,
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
      const safe = entry.message === undefined ? entry : { ...entry, message: redact(entry.message) };
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
    };
    this.append(entry);
    return entry;
  }

  /** Newest first. `text` matches label, object id, user, message and values, case-insensitively. */
  search(query: AuditQuery = {}): AuditEntry[] {
    const limit = query.limit ?? 500;
    const text = query.text?.trim().toLowerCase();
    const out: AuditEntry[] = [];
    const entries = this.readAll();
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

function describeFields(fields: AuditEntry['before'], labels: Record<string, string> = {}): string {
  return Object.entries(fields)
    .map(([name, value]) => `${labels[name] ?? name}=${displayField(value)}`)
    .join('; ');
}

function searchableText(entry: AuditEntry): string {
  return [entry.label, entry.objectId, entry.objectType, entry.user, entry.result, entry.message ?? '', describeFields(entry.before, entry.fieldLabels), describeFields(entry.after, entry.fieldLabels), describeFields(entry.before), describeFields(entry.after)]
    .join(' ')
    .toLowerCase();
}

const CSV_COLUMNS = ['time', 'profile', 'user', 'system', 'object type', 'object id', 'object', 'before', 'after', 'result', 'message'];

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
        entry.profile,
        entry.user,
        entry.system,
        entry.objectType,
        entry.objectId,
        entry.label,
        describeFields(entry.before, entry.fieldLabels),
        describeFields(entry.after, entry.fieldLabels),
        entry.result,
        entry.message ?? '',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

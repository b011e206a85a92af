/**
 * One searchable column: (lower-cased value, ObjectId) pairs kept sorted, so
 * `is` and `startswith` are two binary searches and a page is a slice. Inserts
 * and removals splice one entry (a memmove, cheap even at 20,000 users), so
 * no query ever sorts the whole directory again.
 */
interface IndexEntry {
  key: string;
  id: string;
}

function compareEntries(a: IndexEntry, b: IndexEntry): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

/** Keys compare case-insensitively, like CUPI's searches ([U]: assumed for every indexed column). */
export function indexKey(value: string | undefined): string {
  return (value ?? '').toLowerCase();
}

export class SortedIndex {
  private entries: IndexEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  /** Build from many pairs at once: one sort instead of n splices. */
  load(pairs: Iterable<{ value: string | undefined; id: string }>): void {
    this.entries = Array.from(pairs, (p) => ({ key: indexKey(p.value), id: p.id }));
    this.entries.sort(compareEntries);
  }

  insert(value: string | undefined, id: string): void {
    const entry = { key: indexKey(value), id };
    this.entries.splice(this.firstNotBefore(entry), 0, entry);
  }

  remove(value: string | undefined, id: string): void {
    const entry = { key: indexKey(value), id };
    const at = this.firstNotBefore(entry);
    if (at < this.entries.length && compareEntries(this.entries[at]!, entry) === 0) this.entries.splice(at, 1);
  }

  idAt(position: number): string {
    return this.entries[position]!.id;
  }

  /** [start, end) of the entries whose value equals `value` (case-insensitive). */
  equalRange(value: string): [number, number] {
    const key = indexKey(value);
    const start = this.firstWhere((e) => e.key >= key);
    const end = this.firstWhere((e) => e.key > key, start);
    return [start, end];
  }

  /** [start, end) of the entries whose value starts with `prefix` (case-insensitive). */
  prefixRange(prefix: string): [number, number] {
    const key = indexKey(prefix);
    const start = this.firstWhere((e) => e.key >= key);
    // Matches form one block right after `start`: the first key past it that no longer starts with the prefix ends it.
    const end = this.firstWhere((e) => e.key > key && !e.key.startsWith(key), start);
    return [start, end];
  }

  private firstNotBefore(entry: IndexEntry): number {
    return this.firstWhere((e) => compareEntries(e, entry) >= 0);
  }

  /** Binary search for the first position where a monotone predicate turns true. */
  private firstWhere(predicate: (entry: IndexEntry) => boolean, low = 0): number {
    let lo = low;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (predicate(this.entries[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

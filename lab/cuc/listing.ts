import { badRequest } from './errors';
import { indexKey, SortedIndex } from './sorted-index';
import type { CupiRecord } from './wire';

/**
 * CUPI list parameters (apis.md 2.2):
 *   query=(column is value) | query=(column startswith value)
 *   sort=(column asc|desc)
 *   rowsPerPage=n&pageNumber=p   (1-based; 0 for either → only the count)
 * Only one query column and one sort column; both must be searchable; when
 * both are given the sort column must be the query column.
 */
export interface ListQuery {
  column: string;
  operator: 'is' | 'startswith';
  value: string;
}

export interface ListRequest {
  query?: ListQuery;
  sort?: { column: string; direction: 'asc' | 'desc' };
  rowsPerPage: number;
  pageNumber: number;
}

/** Documented default page size on the user-license page. */
export const DEFAULT_ROWS_PER_PAGE = 2001;

const QUERY_PATTERN = /^\(\s*([A-Za-z][A-Za-z0-9]*)\s+(is|startswith)\s+(.*?)\s*\)$/i;
const SORT_PATTERN = /^\(\s*([A-Za-z][A-Za-z0-9]*)\s+(asc|desc)\s*\)$/i;

function pageParameter(params: URLSearchParams, name: string, fallback: number): number {
  const text = params.get(name);
  if (text === null || text.trim() === '') return fallback;
  if (!/^\d+$/.test(text.trim())) throw badRequest(`${name} must be a whole number of 0 or more, not "${text}".`);
  return Number(text.trim());
}

/**
 * Parse and check the list parameters against the columns a resource can
 * search on (lower-case names; column names in requests are case-insensitive).
 */
export function parseListRequest(params: URLSearchParams, searchableColumns: readonly string[]): ListRequest {
  const request: ListRequest = {
    rowsPerPage: pageParameter(params, 'rowsPerPage', DEFAULT_ROWS_PER_PAGE),
    pageNumber: pageParameter(params, 'pageNumber', 1),
  };
  const describeColumns = () => (searchableColumns.length ? searchableColumns.join(', ') : 'none');

  const queryText = params.get('query');
  if (queryText !== null) {
    const match = QUERY_PATTERN.exec(queryText.trim());
    if (!match) {
      throw badRequest(`Invalid query "${queryText}": use (column is value) or (column startswith value).`);
    }
    const column = match[1]!.toLowerCase();
    if (!searchableColumns.includes(column)) {
      throw badRequest(`Cannot query on column "${match[1]}"; searchable columns: ${describeColumns()}.`);
    }
    request.query = { column, operator: match[2]!.toLowerCase() as ListQuery['operator'], value: match[3]! };
  }

  const sortText = params.get('sort');
  if (sortText !== null) {
    if (sortText.includes(',')) throw badRequest('Only one sort column is allowed.');
    const match = SORT_PATTERN.exec(sortText.trim());
    if (!match) throw badRequest(`Invalid sort "${sortText}": use (column asc) or (column desc).`);
    const column = match[1]!.toLowerCase();
    if (!searchableColumns.includes(column)) {
      throw badRequest(`Cannot sort on column "${match[1]}"; sortable columns: ${describeColumns()}.`);
    }
    if (request.query && request.query.column !== column) {
      throw badRequest('When both query and sort are given, the sort column must be the query column.');
    }
    request.sort = { column, direction: match[2]!.toLowerCase() as 'asc' | 'desc' };
  }
  return request;
}

export interface ListPage<T> {
  total: number;
  items: T[];
}

function pageBounds(request: ListRequest, total: number): [number, number] | null {
  if (request.rowsPerPage === 0 || request.pageNumber === 0) return null;
  const first = (request.pageNumber - 1) * request.rowsPerPage;
  if (first >= total) return [0, 0];
  return [first, Math.min(total, first + request.rowsPerPage)];
}

/**
 * A collection searchable through sorted indexes (users, contacts, lists,
 * call handlers). Cost of a query: two binary searches plus the page.
 */
export class IndexedCollection {
  private readonly records = new Map<string, CupiRecord>();
  /** lower-case column name → field name and its index. */
  private readonly indexes = new Map<string, { field: string; index: SortedIndex }>();

  constructor(
    indexedFields: readonly string[],
    /** The order of a list without sort=… ([U]: the lab's choice). */
    private readonly defaultOrderField: string,
  ) {
    for (const field of indexedFields) this.indexes.set(field.toLowerCase(), { field, index: new SortedIndex() });
  }

  get searchableColumns(): string[] {
    return [...this.indexes.keys()];
  }

  get size(): number {
    return this.records.size;
  }

  get(id: string): CupiRecord | undefined {
    return this.records.get(id);
  }

  values(): IterableIterator<CupiRecord> {
    return this.records.values();
  }

  /** Load many records at once (seeding): each index is sorted once. */
  load(records: readonly CupiRecord[]): void {
    for (const record of records) this.records.set(record.ObjectId!, record);
    for (const { field, index } of this.indexes.values()) {
      index.load(Array.from(this.records.values(), (r) => ({ value: r[field], id: r.ObjectId! })));
    }
  }

  insert(record: CupiRecord): void {
    const id = record.ObjectId!;
    this.records.set(id, record);
    for (const { field, index } of this.indexes.values()) index.insert(record[field], id);
  }

  /** Replace a record, moving it in every index whose column changed. */
  replace(next: CupiRecord): void {
    const id = next.ObjectId!;
    const previous = this.records.get(id);
    if (!previous) throw new Error(`no record ${id}`);
    for (const { field, index } of this.indexes.values()) {
      if (indexKey(previous[field]) !== indexKey(next[field])) {
        index.remove(previous[field], id);
        index.insert(next[field], id);
      }
    }
    this.records.set(id, next);
  }

  delete(id: string): void {
    const previous = this.records.get(id);
    if (!previous) return;
    for (const { field, index } of this.indexes.values()) index.remove(previous[field], id);
    this.records.delete(id);
  }

  /** First record whose indexed field equals the value (case-insensitive). */
  findBy(field: string, value: string): CupiRecord | undefined {
    const entry = this.indexes.get(field.toLowerCase());
    if (!entry) throw new Error(`${field} is not indexed`);
    const [start, end] = entry.index.equalRange(value);
    return start < end ? this.records.get(entry.index.idAt(start)) : undefined;
  }

  search(request: ListRequest): ListPage<CupiRecord> {
    const column = request.query?.column ?? request.sort?.column ?? this.defaultOrderField.toLowerCase();
    const { index } = this.indexes.get(column)!;
    let [start, end] = [0, index.size];
    if (request.query) {
      [start, end] = request.query.operator === 'is' ? index.equalRange(request.query.value) : index.prefixRange(request.query.value);
    }
    const total = end - start;
    const bounds = pageBounds(request, total);
    if (!bounds) return { total, items: [] };
    const descending = request.sort?.direction === 'desc';
    const items: CupiRecord[] = [];
    for (let i = bounds[0]; i < bounds[1]; i++) {
      const position = descending ? end - 1 - i : start + i;
      items.push(this.records.get(index.idAt(position))!);
    }
    return { total, items };
  }
}

/**
 * The same list semantics over a small in-memory list (templates, list
 * members, greetings): filter, sort and page by scanning.
 */
export function searchSmallList(records: readonly CupiRecord[], request: ListRequest, columnToField: (column: string) => string): ListPage<CupiRecord> {
  let matches = [...records];
  if (request.query) {
    const field = columnToField(request.query.column);
    const wanted = indexKey(request.query.value);
    matches = matches.filter((r) =>
      request.query!.operator === 'is' ? indexKey(r[field]) === wanted : indexKey(r[field]).startsWith(wanted),
    );
  }
  if (request.sort) {
    const field = columnToField(request.sort.column);
    const sign = request.sort.direction === 'desc' ? -1 : 1;
    matches.sort((a, b) => {
      const ka = indexKey(a[field]);
      const kb = indexKey(b[field]);
      return ka === kb ? 0 : ka < kb ? -sign : sign;
    });
  }
  const bounds = pageBounds(request, matches.length);
  return { total: matches.length, items: bounds ? matches.slice(bounds[0], bounds[1]) : [] };
}

import { describe, expect, it } from 'vitest';
import {
  CALLER_LIST_LIMITS,
  checkListName,
  describeListChange,
  describeCallerListChange,
  callerListFields,
  diffCallerLists,
  isExpired,
  localToday,
  normalizeNumber,
  validateCallerEntries,
  type CallerEntry,
} from '../../shared/domain/caller-lists';
import { callerListToCsv, parseCsv, previewCallerCsv } from '../../shared/domain/caller-list-csv';
import { CallerListFormatError, parseCallerList, serializeCallerList } from '../../electron/services/uccx/caller-list-document';

const entry = (number: string, label: string, expires = '', route = ''): CallerEntry => ({ number, label, expires, route });

describe('caller numbers', () => {
  it('keeps digits and a leading +, dropping spaces, dashes, dots and brackets', () => {
    expect(normalizeNumber('+41 44 123 45 67')).toBe('+41441234567');
    expect(normalizeNumber('(044) 123-45.67')).toBe('0441234567');
    expect(normalizeNumber('[+1] 555 0100')).toBe('+15550100');
    expect(normalizeNumber('2001')).toBe('2001');
  });

  it('refuses anything else, and empty', () => {
    for (const bad of ['', '   ', '044 12x', '+', '41+44', '++41', 'abc', '12/34', '1'.repeat(CALLER_LIST_LIMITS.maxDigits + 1)]) expect(normalizeNumber(bad), bad).toBeNull();
  });

  it('names the row of an invalid number and of a duplicate, with the first row it repeats', () => {
    const errors = validateCallerEntries([
      { number: '+41 44 123 45 67', label: 'A' },
      { number: '079 123 45 67', label: 'B' },
      { number: '+41441234567', label: 'C' },
      { number: '044 12x', label: 'D' },
      { number: '', label: 'E' },
    ]);
    expect(errors.map((e) => e.message)).toEqual(['Row 3: +41441234567 is already in row 1', 'Row 4: 044 12x is not a phone number', 'Row 5: the number is empty']);
    expect(errors.map((e) => e.field)).toEqual(['entries.2.number', 'entries.3.number', 'entries.4.number']);
  });

  it('wants a label, a real date and bounded text', () => {
    const errors = validateCallerEntries([
      { number: '1', label: '   ' },
      { number: '2', label: 'x', expires: '2026-02-30' },
      { number: '3', label: 'x'.repeat(101) },
      { number: '4', label: 'line\nbreak', route: 'r'.repeat(65) },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'Row 1: the label is empty (scripts read the label to know a caller is listed)',
      'Row 2: 2026-02-30 is not a date (YYYY-MM-DD)',
      'Row 3: the label has 101 characters; at most 100',
      'Row 4: the label holds a tab, line break or control character',
      'Row 4: the route has 65 characters; at most 64',
    ]);
  });

  it('refuses characters an XML document cannot carry (U+FFFE, U+FFFF, half a surrogate pair), and keeps whole pairs', () => {
    const errors = validateCallerEntries([
      { number: '1', label: 'a\uffffb' },
      { number: '2', label: 'x', route: '\ufffe' },
      { number: '3', label: 'half \ud83d pair' },
      { number: '4', label: 'whole \ud83d\ude00 pair' },
    ]);
    expect(errors.map((e) => e.message)).toEqual([
      'Row 1: the label holds a tab, line break or control character',
      'Row 2: the route holds a tab, line break or control character',
      'Row 3: the label holds a tab, line break or control character',
    ]);
  });

  it('refuses more entries than a list holds', () => {
    const many = Array.from({ length: CALLER_LIST_LIMITS.maxEntries + 1 }, (_, i) => ({ number: String(1000 + i), label: 'x' }));
    expect(validateCallerEntries(many)[0]).toEqual({
      field: 'entries',
      message: `A list holds at most ${CALLER_LIST_LIMITS.maxEntries} callers; this has ${CALLER_LIST_LIMITS.maxEntries + 1}.`,
      said: { id: 'validation.callerList.tooManyEntries', values: { max: CALLER_LIST_LIMITS.maxEntries, count: CALLER_LIST_LIMITS.maxEntries + 1 } },
    });
  });

  it('calls an entry expired from the day after its last day, by the local date', () => {
    expect(localToday(new Date(2026, 11, 2, 0, 5))).toBe('2026-12-02');
    expect(isExpired({ expires: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(isExpired({ expires: '2026-12-02' }, '2026-12-02')).toBe(false);
    expect(isExpired({ expires: '' }, '2026-12-02')).toBe(false);
  });

  it('list names become file names: letters, digits, - and _', () => {
    expect(checkListName('vip')).toBeNull();
    expect(checkListName('blocked_test-2')).toBeNull();
    expect(checkListName('')).toMatch(/Enter a name/);
    expect(checkListName('../etc')).toMatch(/only letters/);
    expect(checkListName('vip list')).toMatch(/only letters/);
    expect(checkListName('x'.repeat(41))).toMatch(/At most 40/);
  });

  it('sums up a save in words', () => {
    const before = [entry('1', 'a'), entry('2', 'b'), entry('3', 'c'), entry('4', 'd')];
    const after = [entry('1', 'a'), entry('2', 'B'), entry('3', 'c', '2027-01-01'), entry('5', 'e'), entry('6', 'f'), entry('7', 'g')];
    const diff = diffCallerLists(before, after);
    expect(diff.added.map((e) => e.number)).toEqual(['5', '6', '7']);
    expect(diff.removed.map((e) => e.number)).toEqual(['4']);
    expect(diff.changed.map((c) => c.after.number)).toEqual(['2', '3']);
    expect(describeListChange('vip', diff)).toBe('VIP: 3 added, 1 removed, 2 changed');
    expect(describeListChange('night', diffCallerLists(before, before))).toBe('night: no changes');
  });
});

describe('CSV', () => {
  it('parses quotes, commas and quotes inside quotes, a BOM, CRLF, LF and a missing last line end', () => {
    const text = '\ufeffnumber,label,expires,route\r\n"+41 44 123 45 67","Smith, ""Jo""",2027-01-01,CSQ_VIP\r\n0791234567,"two\r\nlines",,\n2001,plain,,2001';
    expect(parseCsv(text)).toEqual([
      ['number', 'label', 'expires', 'route'],
      ['+41 44 123 45 67', 'Smith, "Jo"', '2027-01-01', 'CSQ_VIP'],
      ['0791234567', 'two\r\nlines', '', ''],
      ['2001', 'plain', '', '2001'],
    ]);
  });

  it('says which row has a quote never closed', () => {
    expect(() => parseCsv('number,label\n1,"open\n2,x\n')).toThrow('Row 2: a quoted value is never closed');
  });

  it('previews an import: rows to add, to change, unchanged, and refused rows with their reasons', () => {
    const current = [entry('+41441234567', 'Key account A'), entry('0791234567', 'CEO')];
    const csv = ['label,number,extra', 'Key account A,+41 44 123 45 67,x', 'Chief,079 123 45 67,', 'New one,+41 44 555 00 00,', 'Bad,044 12x,', 'Again,+41445550000,', ',+41 1,', ''].join('\r\n');
    const preview = previewCallerCsv(csv, current);
    expect(preview.problem).toBeNull();
    expect(preview.unchanged).toBe(1);
    expect(preview.change).toEqual([{ before: current[1], after: entry('0791234567', 'Chief') }]);
    expect(preview.add).toEqual([entry('+41445550000', 'New one')]);
    expect(preview.refused).toEqual([
      { row: 5, reason: 'Row 5: 044 12x is not a phone number', said: [{ id: 'validation.callerList.notPhoneNumber', values: { row: 5, text: '044 12x' } }] },
      { row: 6, reason: 'Row 6: +41445550000 is already in row 4', said: [{ id: 'validation.callerList.duplicate', values: { number: '+41445550000', earlier: 4 } }] },
      { row: 7, reason: 'Row 7: the label is empty (scripts read the label to know a caller is listed)', said: [{ id: 'validation.callerList.labelEmpty', values: { row: 7 } }] },
    ]);
    expect(preview.result.map((e) => e.number)).toEqual(['+41441234567', '+41445550000', '0791234567']);
  });

  it('keeps a listed caller’s expiry and route when the file has no such column, and clears them for an empty cell', () => {
    const current = [entry('2001', 'Desk', '2027-01-01', 'CSQ_A')];
    expect(previewCallerCsv('number,label\n2001,Desk 2\n', current).change).toEqual([{ before: current[0], after: entry('2001', 'Desk 2', '2027-01-01', 'CSQ_A') }]);
    expect(previewCallerCsv('number,label,expires,route\n2001,Desk,,\n', current).change).toEqual([{ before: current[0], after: entry('2001', 'Desk') }]);
  });

  it('refuses a file without the header row, and one that would overfill the list', () => {
    expect(previewCallerCsv('+41441234567,A\r\n', []).problem).toMatch(/first row must name the columns/);
    const rows = ['number,label', ...Array.from({ length: CALLER_LIST_LIMITS.maxEntries }, (_, i) => `${1000 + i},x`)];
    expect(previewCallerCsv(rows.join('\n'), [entry('1', 'one')]).problem).toBe(`After the import the list would hold ${CALLER_LIST_LIMITS.maxEntries + 1} callers; a list holds at most ${CALLER_LIST_LIMITS.maxEntries}.`);
  });

  it('exports sorted, quoted where needed, formulas defused, and imports its own export unchanged', () => {
    const entries = [entry('0791234567', '=HYPERLINK("x")', '2027-01-01', '@CSQ'), entry('+41441234567', 'Smith, Jo', '', 'CSQ_VIP')];
    const csv = callerListToCsv(entries);
    expect(csv).toBe('number,label,expires,route\r\n+41441234567,"Smith, Jo",,CSQ_VIP\r\n0791234567,"\'=HYPERLINK(""x"")",2027-01-01,\'@CSQ\r\n');
    const back = previewCallerCsv(csv, []);
    expect(back.refused).toEqual([]);
    expect(back.result).toEqual([entries[1], entries[0]]);
  });

  it('a label or route that itself starts with an apostrophe before =, +, - or @ comes back from its export unchanged', () => {
    const entries = [entry('0791234567', "'=not a formula", '', "''@route"), entry('0441234567', "'quoted'", '', '')];
    const back = previewCallerCsv(callerListToCsv(entries), []);
    expect(back.refused).toEqual([]);
    expect(back.result).toEqual([entries[1], entries[0]]);
  });
});

describe('the document', () => {
  const entries = [entry('+41791234567', 'CEO mobile', '2027-06-30'), entry('+41441234567', `Tom & Jerry's <"best">`, '', 'CSQ_VIP')];

  it('is written deterministically: fixed attribute order, escaped values, sorted, one element per line', () => {
    const bytes = serializeCallerList({ name: 'vip', entries, updated: '2026-12-02T09:15:00Z', updatedBy: 'sup1' });
    expect(bytes.toString('utf8')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<callers list="vip" updated="2026-12-02T09:15:00Z" updatedBy="sup1">',
        '  <caller ani="+41441234567" label="Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt;" expires="" route="CSQ_VIP"/>',
        '  <caller ani="+41791234567" label="CEO mobile" expires="2027-06-30" route=""/>',
        '</callers>',
        '',
      ].join('\n'),
    );
    expect(serializeCallerList({ name: 'vip', entries: [...entries].reverse(), updated: '2026-12-02T09:15:00Z', updatedBy: 'sup1' }).equals(bytes)).toBe(true);
  });

  it('reads back what it writes (UTF-8 included)', () => {
    const withUmlaut = [...entries, entry('2001', 'Müller Zürich')];
    const parsed = parseCallerList(serializeCallerList({ name: 'vip', entries: withUmlaut, updated: '2026-12-02T09:15:00Z', updatedBy: 'sup1' }));
    expect(parsed).toEqual({ name: 'vip', updated: '2026-12-02T09:15:00Z', updatedBy: 'sup1', entries: [withUmlaut[1], withUmlaut[0], withUmlaut[2]].sort((a, b) => (a.number < b.number ? -1 : 1)), skipped: [], skippedMessages: [] });
  });

  it('reads a hand-made document tolerantly: missing attributes empty, unknown ignored, bad and repeated numbers skipped by name', () => {
    const xml = `<callers><caller ani="+41 44 123 45 67" label="A" colour="red"/><caller ani="12ab"/><caller label="no number"/><caller ani="+41441234567" label="again"/><note>x</note></callers>`;
    const parsed = parseCallerList(Buffer.from(xml));
    expect(parsed.entries).toEqual([entry('+41441234567', 'A')]);
    expect(parsed.skipped).toEqual(['caller 2: 12ab is not a phone number', 'caller 3: no number', 'caller 4: +41441234567 is listed twice; the first is kept']);
    expect(parsed.name).toBe('');
  });

  it('refuses what is not a caller list, malformed XML, and documents beyond the bounds', () => {
    expect(() => parseCallerList(Buffer.from('<switches/>'))).toThrow(/not <callers>/);
    expect(() => parseCallerList(Buffer.from('<callers><caller'))).toThrow(CallerListFormatError);
    expect(() => parseCallerList(Buffer.alloc(CALLER_LIST_LIMITS.maxDocumentBytes + 1, 32))).toThrow(/at most 512 KB/);
    const many = `<callers>${Array.from({ length: CALLER_LIST_LIMITS.maxEntries + 1 }, (_, i) => `<caller ani="${1000 + i}" label="x"/>`).join('')}</callers>`;
    expect(() => parseCallerList(Buffer.from(many))).toThrow(`lists ${CALLER_LIST_LIMITS.maxEntries + 1} callers`);
  });
});

describe('the audit log’s words for a caller list', () => {
  it('names the numbers added, removed and changed', () => {
    const before = callerListFields([entry('1', 'a'), entry('2', 'b'), entry('3', 'c')]);
    const after = callerListFields([entry('2', 'B'), entry('3', 'c'), ...['4', '5', '6', '7', '8', '9'].map((n) => entry(n, n))]);
    expect(describeCallerListChange('vip', before, after)).toBe('VIP: 6 added (4, 5, 6, 7, 8, …), 1 removed (1), 1 changed (2)');
  });
});

import { attributeText, readFlatDocument, xmlAttribute as attribute } from './repository-document';
import type { MainMessage } from '../../../shared/domain/main-message';
import { CALLER_LIST_LIMITS, normalizeNumber, sortEntries, type CallerEntry } from '../../../shared/domain/caller-lists';

/**
 * The XML document a UCCX script reads for one caller list (docs/ivr.md):
 * flat, namespace-free, one `caller` element per entry with the number in
 * `ani`, so one XPath step answers "is this caller listed?".
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <callers list="vip" updated="2026-12-02T09:00:00Z" updatedBy="sup1">
 *     <caller ani="+41441234567" label="Key account A" expires="" route=""/>
 *   </callers>
 *
 * Written deterministically: the same entries, time and author give the same
 * bytes (attributes in a fixed order, entries sorted by number, one element
 * per line, LF line ends, UTF-8), so a test can compare what UCCX holds byte
 * for byte.
 */
export interface CallerListContent {
  name: string;
  entries: readonly CallerEntry[];
  /** When the console wrote it, ISO 8601 UTC to the second ("2026-12-02T09:00:00Z"). */
  updated: string;
  /** Who wrote it (the account the console writes as). */
  updatedBy: string;
}

/** The document's bytes for a list. */
export function serializeCallerList(content: CallerListContent): Buffer {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<callers${attribute('list', content.name)}${attribute('updated', content.updated)}${attribute('updatedBy', content.updatedBy)}>`];
  for (const entry of sortEntries(content.entries)) {
    lines.push(`  <caller${attribute('ani', entry.number)}${attribute('label', entry.label)}${attribute('expires', entry.expires)}${attribute('route', entry.route)}/>`);
  }
  lines.push('</callers>', '');
  return Buffer.from(lines.join('\n'), 'utf8');
}

export interface ParsedCallerList {
  /** The `list` attribute ('' when absent). */
  name: string;
  updated: string;
  updatedBy: string;
  entries: CallerEntry[];
  /** Elements the console cannot use, in words ("caller 4: 12ab is not a phone number"). */
  skipped: string[];
  /** The same, each by id (`main.uccx.skipped.*`), for the renderer to say in the user's language. */
  skippedMessages: MainMessage[];
}

export class CallerListFormatError extends Error {}

/**
 * Read a caller-list document tolerantly: missing attributes read as empty,
 * unknown attributes and elements are ignored (and not written back), a
 * `caller` whose number is not a phone number or repeats an earlier one is
 * skipped and named. Bounded: larger than `maxDocumentBytes`, or with more
 * than `maxEntries` callers, it is refused whole (CallerListFormatError).
 */
export function parseCallerList(bytes: Buffer): ParsedCallerList {
  const { root, items: callers } = readFlatDocument(bytes, {
    root: 'callers',
    item: 'caller',
    items: 'callers',
    maxBytes: CALLER_LIST_LIMITS.maxDocumentBytes,
    maxItems: CALLER_LIST_LIMITS.maxEntries,
    documents: 'caller lists',
    aDocument: 'a caller list',
    editsAtMost: 'lists of at most',
    error: CallerListFormatError,
  });
  const entries: CallerEntry[] = [];
  const skipped: string[] = [];
  const skippedMessages: MainMessage[] = [];
  const skip = (english: string, said: MainMessage) => {
    skipped.push(english);
    skippedMessages.push(said);
  };
  const seen = new Set<string>();
  callers.forEach((element, index) => {
    const text = (name: string) => attributeText(element, name);
    const number = normalizeNumber(text('ani'));
    const position = index + 1;
    if (number === null) {
      const ani = text('ani').slice(0, 40);
      if (ani === '') skip(`caller ${position}: no number`, { id: 'main.uccx.skipped.callerNoNumber', values: { position } });
      else skip(`caller ${position}: ${ani} is not a phone number`, { id: 'main.uccx.skipped.callerNotNumber', values: { position, text: ani } });
    } else if (seen.has(number)) {
      skip(`caller ${position}: ${number} is listed twice; the first is kept`, { id: 'main.uccx.skipped.callerTwice', values: { position, number } });
    } else {
      seen.add(number);
      entries.push({ number, label: text('label'), expires: text('expires'), route: text('route') });
    }
  });
  return { name: root.attributes.list ?? '', updated: root.attributes.updated ?? '', updatedBy: root.attributes.updatedBy ?? '', entries: sortEntries(entries), skipped, skippedMessages };
}

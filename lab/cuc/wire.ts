import { XMLParser } from 'fast-xml-parser';
import { badRequest, CupiError } from './errors';

/**
 * How CUPI puts objects on the wire.
 *
 * Every object is a flat map of field name to string: CUPI renders every
 * scalar as a string in JSON ("Inactive":"false", "TransferRings":"4") and a
 * field that is null in the database is simply absent.
 *
 * JSON quirks reproduced on purpose (apis.md 2.3):
 * - a list of one item carries the item as a bare object, not an array;
 * - a list of zero items is `{"@total":"0"}` without the item key.
 */
export type CupiRecord = Record<string, string>;
export type WireFormat = 'json' | 'xml';

/** JSON only when the client asks for it; XML is CUPI's default. */
export function responseFormatFor(acceptHeader: string | undefined): WireFormat {
  return acceptHeader && /application\/json/i.test(acceptHeader) ? 'json' : 'xml';
}

/** The format of a request body, or null when the Content-Type is missing or unsupported (→ 415). */
export function bodyFormatFor(contentTypeHeader: string | undefined): WireFormat | null {
  if (!contentTypeHeader) return null;
  const mediaType = contentTypeHeader.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/xml' || mediaType === 'text/xml') return 'xml';
  return null;
}

export function contentTypeOf(format: WireFormat): string {
  return format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8';
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function xmlFields(record: CupiRecord): string {
  let out = '';
  for (const [name, value] of Object.entries(record)) out += `<${name}>${escapeXml(value)}</${name}>`;
  return out;
}

/** One object, e.g. GET /vmrest/users/{id}: `<User>…</User>` or the bare JSON object. */
export function renderObject(format: WireFormat, elementName: string, record: CupiRecord): string {
  if (format === 'json') return JSON.stringify(record);
  return `${XML_DECLARATION}<${elementName}>${xmlFields(record)}</${elementName}>`;
}

/**
 * A list: `<Users total="n"><User>…</User></Users>` or
 * `{"@total":"n","User":…}` with CUPI's one/zero-item quirks.
 * `total` is the number of matches, which can exceed the page's length.
 */
export function renderList(format: WireFormat, listName: string, itemName: string, records: readonly CupiRecord[], total: number): string {
  if (format === 'json') {
    const body: Record<string, unknown> = { '@total': String(total) };
    if (records.length === 1) body[itemName] = records[0];
    else if (records.length > 1) body[itemName] = records;
    return JSON.stringify(body);
  }
  const items = records.map((r) => `<${itemName}>${xmlFields(r)}</${itemName}>`).join('');
  return `${XML_DECLARATION}<${listName} total="${total}">${items}</${listName}>`;
}

/** The ErrorDetails body (apis.md 2.9 / 5.2f), in the format the client reads. */
export function renderError(format: WireFormat, error: CupiError): string {
  if (format === 'json') {
    return JSON.stringify({ ErrorDetails: { errors: { code: error.code, message: error.message } } });
  }
  return (
    `${XML_DECLARATION}<ErrorDetails><errors><code>${escapeXml(error.code)}</code>` +
    `<message>${escapeXml(error.message)}</message></errors></ErrorDetails>`
  );
}

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  processEntities: true,
});

/**
 * Parse a request body into a flat field map. XML: the children of the single
 * root element (its name is not checked). JSON: an object of scalars; numbers
 * and booleans are accepted and turned into strings like CUPI's own output.
 * Nested structures are rejected: no CUPI write in the lab takes them.
 */
export function parseBody(format: WireFormat, body: Buffer): CupiRecord {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let root: unknown;
  if (format === 'json') {
    try {
      root = JSON.parse(text);
    } catch {
      throw badRequest('The request body is not valid JSON.');
    }
  } else {
    let parsed: unknown;
    try {
      parsed = xmlParser.parse(text, true);
    } catch {
      throw badRequest('The request body is not valid XML.');
    }
    const roots = parsed && typeof parsed === 'object' ? Object.values(parsed as Record<string, unknown>) : [];
    if (roots.length !== 1) throw badRequest('The XML request body must have exactly one root element.');
    root = roots[0] === '' ? {} : roots[0];
  }
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw badRequest('The request body must be a single object of fields.');
  }
  const fields: CupiRecord = {};
  for (const [name, value] of Object.entries(root as Record<string, unknown>)) {
    if (value === null || value === undefined) fields[name] = '';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[name] = String(value);
    else throw badRequest(`Field ${name} must be a single value, not a list or an object.`);
  }
  return fields;
}

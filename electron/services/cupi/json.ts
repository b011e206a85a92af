import { XMLParser } from 'fast-xml-parser';
import type { CupiFields } from '../../../shared/domain/cupi';

/**
 * CUPI's JSON, made regular (apis.md 2.3):
 * - a list of one item carries a bare object instead of an array;
 * - a list of zero items is `{"@total":"0"}` with no item key at all ([P]);
 * - every scalar is a string ("Inactive":"false"), and null fields are absent;
 * - the total travels as "@total" (a string).
 * Everything the console reads goes through these functions, so no editor
 * ever sees the quirks.
 */
export interface CupiList {
  total: number;
  items: CupiFields[];
}

/** Turn any JSON value into the string CUPI would have sent (numbers and booleans from a friendlier server, too). */
function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** One object as a flat field map; nested objects (e.g. an embedded URI block) are left out. */
export function toFields(value: unknown): CupiFields {
  const out: CupiFields = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    const text = scalarText(field);
    if (text !== undefined) out[name] = text;
  }
  return out;
}

/**
 * A list response: `{"@total":"n","User":…}` where … is an array, one bare
 * object, or missing. `itemKey` is the item's element name ("User",
 * "Contact", "DistributionList", "Callhandler", "Greeting", …); when the
 * server spells it differently, the one non-"@" key is used.
 */
export function normaliseList(body: unknown, itemKey: string): CupiList {
  if (!body || typeof body !== 'object') return { total: 0, items: [] };
  const record = body as Record<string, unknown>;
  let raw = record[itemKey];
  if (raw === undefined) {
    const others = Object.keys(record).filter((k) => !k.startsWith('@'));
    if (others.length === 1) raw = record[others[0]!];
  }
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const items = list.map(toFields);
  const totalText = scalarText(record['@total']);
  const total = totalText !== undefined && /^\d+$/.test(totalText) ? Number(totalText) : items.length;
  return { total, items };
}

/** "true"/"false" (or "1"/"0") as CUPI writes booleans. */
export function cupiBool(value: string | undefined, fallback = false): boolean {
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return fallback;
}

export function cupiInt(value: string | undefined, fallback = 0): number {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return fallback;
  return Number(value);
}

// ------------------------------------------------------------------ errors

export interface CupiErrorDetail {
  code: string | null;
  message: string;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function detailsFrom(errors: unknown): CupiErrorDetail[] {
  const list = Array.isArray(errors) ? errors : errors ? [errors] : [];
  return list
    .map((e) => toFields(e))
    .filter((e) => e.message || e.code)
    .map((e) => ({ code: e.code ?? null, message: (e.message ?? e.code ?? '').trim() }));
}

/**
 * The errors in an error body, whichever of CUPI's shapes it has:
 * `{"errors":{…}}` (documented JSON), `{"ErrorDetails":{"errors":…}}`,
 * `errors` as an array when there are several, or the XML
 * `<ErrorDetails><errors><code/><message/></errors></ErrorDetails>`.
 * Empty when the body is none of these (an HTML error page, say).
 */
export function parseErrorBody(text: string): CupiErrorDetail[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith('{')) {
    try {
      const body = JSON.parse(trimmed) as Record<string, unknown>;
      const holder = (body.ErrorDetails as Record<string, unknown> | undefined) ?? body;
      return detailsFrom(holder.errors ?? holder.error);
    } catch {
      return [];
    }
  }
  if (trimmed.startsWith('<')) {
    try {
      const parsed = xml.parse(trimmed) as Record<string, unknown>;
      const details = parsed.ErrorDetails as Record<string, unknown> | undefined;
      return details ? detailsFrom(details.errors) : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** What a status means to a supervisor when the server gave no message of its own. */
export function describeStatus(status: number): string {
  switch (status) {
    case 400:
      return 'Unity Connection refused the request as invalid.';
    case 401:
      return 'Unity Connection refused the sign-in: check the user name and password in Connections.';
    case 403:
      return 'The Unity Connection account lacks the permission for this (it needs an administrator role).';
    case 404:
      return 'Unity Connection no longer has this object; it may have been deleted elsewhere.';
    case 405:
      return 'Unity Connection does not allow this operation on this object.';
    case 415:
      return 'Unity Connection did not accept the format of the request.';
    case 503:
      return 'Unity Connection is too busy to answer right now (server busy); try again in a minute.';
    default:
      return status >= 500 ? `Unity Connection had an internal error (HTTP ${status}).` : `Unity Connection answered HTTP ${status}.`;
  }
}

/** One sentence for the person: the server's own messages when it gave any, else the meaning of the status. */
export function errorMessageFor(status: number, bodyText: string): string {
  const details = parseErrorBody(bodyText);
  if (details.length === 0) return describeStatus(status);
  return serverMessagesOf(details)!;
}

/** Unity Connection's own messages in an error answer (its ErrorDetails), each once, or null when it gave none. */
export function serverMessagesOf(details: readonly CupiErrorDetail[]): string | null {
  const messages = [...new Set(details.map((d) => d.message).filter(Boolean))];
  return messages.length ? messages.join(' ').slice(0, 1000) : null;
}

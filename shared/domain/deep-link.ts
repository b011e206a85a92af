import { z } from 'zod';
import { CALL_ID_PATTERN, validateCallId } from './board';
import type { FieldError } from './validation';

/**
 * Links into the console from outside (a CRM, a ticket, a chat message):
 *
 *   supervisor-console://journey/<Call ID>   the Call journey of that call
 *   supervisor-console://board?team=<name>   the Team board showing that team
 *
 * The parser is strict on purpose: a link comes from any program on the
 * computer, so anything that is not exactly one of these two shapes is
 * refused with a sentence saying why, and nothing is opened or run.
 */
export const DEEP_LINK_SCHEME = 'supervisor-console';
/** Longer links are refused before they are read; the two shapes fit in far less. */
export const MAX_DEEP_LINK_LENGTH = 512;
/** A UCCX team name is at most 50 characters; room to spare, but bounded. */
export const MAX_LINK_TEAM_LENGTH = 100;

/** Where the console can be asked to go: by a link, the tray, the application menu or a clicked alert. */
export type OpenTarget =
  | { screen: 'journey'; callId: string }
  /** The board, optionally showing one team (by name), one member (by name) or one queue (CSQ name). */
  | { screen: 'board'; team?: string; member?: string; queue?: string }
  /** A screen as it is (the journey without a call: the View menu). */
  | { screen: 'journey' | 'wallboard' | 'config' | 'connections' | 'pending' | 'history' };

const boundedName = z.string().trim().min(1).max(MAX_LINK_TEAM_LENGTH).regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'no control characters');

/** The one schema of a target: main checks what the renderer asks to be opened from an alert, the renderer checks what main sends. */
export const openTargetSchema: z.ZodType<OpenTarget> = z.union([
  z.object({ screen: z.literal('journey'), callId: z.string().regex(CALL_ID_PATTERN) }).strict(),
  z.object({ screen: z.literal('board'), team: boundedName.optional(), member: boundedName.optional(), queue: boundedName.optional() }).strict(),
  z.object({ screen: z.enum(['journey', 'wallboard', 'config', 'connections', 'pending', 'history']) }).strict(),
]);

export type DeepLinkOutcome = { ok: true; target: OpenTarget } | { ok: false; message: string };

const SHAPES = `Links the console opens: ${DEEP_LINK_SCHEME}://journey/<Call ID> and ${DEEP_LINK_SCHEME}://board?team=<team name>.`;

/** What a refusal may quote of the link: printable, short. */
function quote(raw: string): string {
  const printable = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 60)}…` : printable;
}

function refuse(raw: string, reason: string): DeepLinkOutcome {
  return { ok: false, message: `The link “${quote(raw)}” was not opened: ${reason} ${SHAPES}` };
}

/** Percent-decoding that answers null instead of throwing; `+` is a space, as web forms and URLSearchParams write it. */
function decodeQueryValue(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

export function parseDeepLink(raw: unknown): DeepLinkOutcome {
  if (typeof raw !== 'string') return { ok: false, message: `The link was not opened: it is not text. ${SHAPES}` };
  if (raw.length > MAX_DEEP_LINK_LENGTH) return refuse(raw, `it is ${raw.length} characters long; a console link is at most ${MAX_DEEP_LINK_LENGTH}.`);
  // Whitespace and control characters have no place in a link (a console link is percent-encoded).
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return refuse(raw, 'it contains spaces or control characters.');
  const prefix = `${DEEP_LINK_SCHEME}://`;
  if (raw.slice(0, prefix.length).toLowerCase() !== prefix) return refuse(raw, `it is not a ${DEEP_LINK_SCHEME}:// link.`);
  const rest = raw.slice(prefix.length);
  if (rest.includes('#')) return refuse(raw, 'it has a # part.');
  const queryAt = rest.indexOf('?');
  // One trailing slash is tolerated: some programs add it to a link without a path.
  const place = (queryAt < 0 ? rest : rest.slice(0, queryAt)).replace(/\/$/, '');
  const query = queryAt < 0 ? null : rest.slice(queryAt + 1);
  const parts = place.split('/');
  const where = parts[0]!.toLowerCase();

  if (where === 'journey') {
    if (parts.length !== 2 || query !== null) return refuse(raw, 'a journey link is journey/ followed by the Call ID and nothing else.');
    const callId = parts[1]!;
    const problem = validateCallId(callId)[0];
    if (problem) return refuse(raw, problem.message);
    return { ok: true, target: { screen: 'journey', callId } };
  }

  if (where === 'board') {
    if (parts.length !== 1) return refuse(raw, 'a board link has no path after board.');
    if (query === null || query === '') return { ok: true, target: { screen: 'board' } };
    const pairs = query.split('&');
    if (pairs.length !== 1) return refuse(raw, 'a board link takes one setting, team.');
    const eq = pairs[0]!.indexOf('=');
    const key = eq < 0 ? pairs[0]! : pairs[0]!.slice(0, eq);
    if (key !== 'team' || eq < 0) return refuse(raw, 'a board link takes one setting, team.');
    const team = decodeQueryValue(pairs[0]!.slice(eq + 1));
    if (team === null) return refuse(raw, 'its team name is not correctly percent-encoded.');
    if (/[\u0000-\u001f\u007f-\u009f]/.test(team)) return refuse(raw, 'its team name contains control characters.');
    const trimmed = team.trim();
    if (!trimmed) return refuse(raw, 'its team name is empty.');
    if (trimmed.length > MAX_LINK_TEAM_LENGTH) return refuse(raw, `its team name is longer than ${MAX_LINK_TEAM_LENGTH} characters.`);
    return { ok: true, target: { screen: 'board', team: trimmed } };
  }

  return refuse(raw, `the console has no “${quote(where).slice(0, 30)}” to open.`);
}

/** The link to a call's journey, for a CRM's URL template. */
export function journeyLink(callId: string): string {
  return `${DEEP_LINK_SCHEME}://journey/${encodeURIComponent(callId)}`;
}

/** The link to the board showing one team. */
export function boardTeamLink(team: string): string {
  return `${DEEP_LINK_SCHEME}://board?team=${encodeURIComponent(team)}`;
}

/**
 * The Call ID in a page address `#/journey/<Call ID>` (the browser host's
 * equivalent of a journey link): null when the address names no call, a
 * refusal when it names one that is not a Call ID.
 */
export function callIdFromHash(hash: string): { ok: true; callId: string } | { ok: false; message: string; problem: FieldError } | null {
  const match = /^#\/?journey\/(.*)$/.exec(hash);
  if (!match) return null;
  const raw = match[1]!.split('?')[0]!;
  if (raw === '') return null;
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    text = raw;
  }
  if (!CALL_ID_PATTERN.test(text)) {
    const problem = validateCallId(text.slice(0, 200))[0] ?? { field: 'callId', message: 'a call ID is the UCCX session number, digits only.', said: { id: 'validation.callId.digitsOnly' } };
    return { ok: false, message: `The address names no call to look up: ${problem.message}`, problem };
  }
  return { ok: true, callId: text };
}

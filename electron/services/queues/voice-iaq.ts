import type { QueueFigures } from '../../../shared/domain/queues';
import { QueueSourceError } from './source';

/**
 * The UCCX real-time `VoiceIAQStats` answer (undocumented; apis.md §1.8,
 * apis-2.md §3.4): a JSON array of `{"id": <CSQ name>, "operation": "UPDATE",
 * "VoiceIAQStats": {...}}`, durations in milliseconds. Releases differ, so
 * the reading is tolerant: numbers may come as text, an entry may be the
 * figures object itself, a field missing or unreadable is null (shown as
 * "—"), unknown fields are ignored. Only an answer that is not such a list
 * at all is refused.
 */

/** Where each figure is read from, in order of preference (the first present wins). */
const FIELDS: Readonly<Record<Exclude<keyof QueueFigures, 'name' | 'id'>, readonly string[]>> = {
  waiting: ['nWaitingContacts'],
  longestWaitMs: ['longestCurrentlyWaitingDuration'],
  loggedIn: ['nResourcesLoggedIn'],
  available: ['nAvailResources'],
  talking: ['nInSessionResources', 'nTalkingResources'],
  notReady: ['nUnavailResources'],
  handled: ['nHandledContacts'],
  abandoned: ['nAbandonedContacts'],
};

/** At most this many queues are kept from one answer. */
export const MAX_QUEUES = 500;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A count or duration: a non-negative finite number, or digits as text; anything else is unknown. */
function figure(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(number) && number >= 0 ? Math.round(number) : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.trim()) return value.trim().slice(0, 200);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function entryOf(item: unknown): { outerId: string | null; stats: Json } | null {
  if (!isObject(item)) return null;
  const inner = item.VoiceIAQStats ?? item.voiceIAQStats;
  if (isObject(inner)) return { outerId: text(item.id), stats: inner };
  return { outerId: null, stats: item };
}

/** What an answer that is not queue statistics was, after the node's name ("ccx-a:9080 answered with nothing"). */
const NOT_QUEUE_STATISTICS = {
  empty: 'answered with nothing',
  webPage: 'answered a web page instead of queue statistics',
  notJson: 'answered something that is not queue statistics (not JSON)',
  noList: 'answered something that is not queue statistics (no list of queues)',
  noQueue: 'answered something that is not queue statistics (no queue in the list)',
} as const;

/**
 * The answer was not queue statistics: the words, and the id the reading's
 * error says them by once the node is named (`main.queues.answer.<what>`, with `where`).
 */
function notQueueStatistics(what: keyof typeof NOT_QUEUE_STATISTICS): QueueSourceError {
  return new QueueSourceError(NOT_QUEUE_STATISTICS[what], { id: `main.queues.answer.${what}`, values: {} });
}

export function parseVoiceIaqStats(body: string): QueueFigures[] {
  if (!body.trim()) throw notQueueStatistics('empty');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const start = body.trim().slice(0, 1);
    throw notQueueStatistics(start === '<' ? 'webPage' : 'notJson');
  }
  // Some gateways wrap the list: {"VoiceIAQStats": [...]}.
  const list = Array.isArray(json) ? json : isObject(json) ? Object.values(json).find(Array.isArray) : undefined;
  if (!list) throw notQueueStatistics('noList');
  const queues: QueueFigures[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const entry = entryOf(item);
    if (!entry) continue;
    const { stats, outerId } = entry;
    const id = text(stats.id) ?? text(stats.esdId);
    const name = text(stats.esdName) ?? outerId ?? (id !== null ? `CSQ ${id}` : null);
    if (name === null || seen.has(name)) continue;
    seen.add(name);
    const figures = { name, id } as QueueFigures;
    for (const [key, names] of Object.entries(FIELDS) as Array<[keyof typeof FIELDS, readonly string[]]>) {
      const present = names.find((field) => stats[field] !== undefined);
      figures[key] = present === undefined ? null : figure(stats[present]);
    }
    queues.push(figures);
    if (queues.length >= MAX_QUEUES) break;
  }
  if (list.length > 0 && queues.length === 0) throw notQueueStatistics('noQueue');
  return queues;
}

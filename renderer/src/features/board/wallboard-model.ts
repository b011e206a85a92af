import { t } from '../../i18n/i18n';
import type { BoardConnectionState, BoardMember, BoardTeam } from '../../../../shared/domain/board';

/**
 * The wallboard's pure parts: its configuration read from the address
 * (`#/wallboard?csqs=A,B&teams=Sales,12&rotate=20`), how many tiles go on a
 * row, the pages of teams, and when the figures on screen are stale. No
 * React, no store.
 */
export interface WallboardConfig {
  /** CSQ names to show, in this order; null = the board's own choice (the supervisor's teams' CSQs). */
  csqs: string[] | null;
  /** Team names or ids (either matches, case-insensitively); null = every team. */
  teams: string[] | null;
  /** Seconds between team pages when not every team fits; 0 = no rotation. */
  rotateSeconds: number;
}

export const DEFAULT_ROTATE_SECONDS = 20;
export const MAX_LIST = 50;
/** Teams on one page; more rotate in pages. */
export const TEAMS_PER_PAGE = 12;
/** Queue tiles shown at most. */
export const MAX_QUEUES = 12;
/** Figures not renewed for this long count as stale (the queue source is read every 1–10 s). */
export const STALE_AFTER_MS = 30_000;

const decode = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/** A comma-separated list; a comma inside a name is written %2C, so the list is split before decoding. */
function readList(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const names = [...new Set(raw.split(',').map((s) => decode(s).trim().slice(0, 200)).filter(Boolean))].slice(0, MAX_LIST);
  return names.length ? names : null;
}

/** The configuration from a location hash; anything unreadable falls back to its default. */
export function parseWallboardHash(hash: string): WallboardConfig {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at > 0 && !params.has(decode(pair.slice(0, at)))) params.set(decode(pair.slice(0, at)), pair.slice(at + 1));
  }
  const rotateRaw = decode(params.get('rotate') ?? '').trim();
  const rotate = /^\d{1,4}$/.test(rotateRaw) ? Number(rotateRaw) : NaN;
  return {
    csqs: readList(params.get('csqs')),
    teams: readList(params.get('teams')),
    rotateSeconds: rotate === 0 || (rotate >= 3 && rotate <= 3600) ? rotate : DEFAULT_ROTATE_SECONDS,
  };
}

/** The hash that opens the wallboard with this configuration. */
export function wallboardHash(config: Partial<WallboardConfig>): string {
  const parts: string[] = [];
  const list = (names: string[]) => names.map((n) => encodeURIComponent(n)).join(',');
  if (config.csqs?.length) parts.push(`csqs=${list(config.csqs)}`);
  if (config.teams?.length) parts.push(`teams=${list(config.teams)}`);
  if (config.rotateSeconds !== undefined) parts.push(`rotate=${config.rotateSeconds}`);
  return `#/wallboard${parts.length ? `?${parts.join('&')}` : ''}`;
}

/** The teams the address names (by name or id, in the address's order), or every team. */
export function pickTeams(teams: readonly BoardTeam[], wanted: readonly string[] | null): BoardTeam[] {
  if (!wanted) return [...teams];
  const picked: BoardTeam[] = [];
  for (const key of wanted.map((w) => w.toLowerCase())) {
    const team = teams.find((t) => t.teamId.toLowerCase() === key || t.teamName.toLowerCase() === key);
    if (team && !picked.includes(team)) picked.push(team);
  }
  return picked;
}

/** Columns for n tiles so that they fill the width and leave no empty half row where it can be helped. */
export function tileColumns(n: number, maxColumns = 6): number {
  if (n <= 0) return 1;
  if (n <= 4) return Math.min(n, maxColumns);
  const rows = Math.ceil(n / maxColumns);
  return Math.ceil(n / rows);
}

/** The teams on page `index` (pages of TEAMS_PER_PAGE, wrapping). */
export function teamPage<T>(teams: readonly T[], index: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(teams.length / TEAMS_PER_PAGE));
  const page = ((index % pages) + pages) % pages;
  return { items: teams.slice(page * TEAMS_PER_PAGE, (page + 1) * TEAMS_PER_PAGE), page, pages };
}

/** The members of these teams longest in Not Ready (then ACW), once each, longest first. */
export function longestNotReady(teams: readonly BoardTeam[], members: ReadonlyMap<string, BoardMember>, limit: number): BoardMember[] {
  const seen = new Map<string, BoardMember>();
  for (const team of teams)
    for (const id of team.memberIds) {
      const member = members.get(id);
      if (!member || member.status === 'ready' || member.agentState?.state === 'LOGOUT') continue;
      seen.set(id, member);
    }
  const rank = (m: BoardMember) => (m.status === 'not_ready' ? 0 : 1);
  return [...seen.values()].sort((a, b) => rank(a) - rank(b) || a.since - b.since).slice(0, limit);
}

export interface Freshness {
  /** The page has lost its connection to the console host. */
  hostDisconnected: boolean;
  board: BoardConnectionState;
  /** Whether queue figures are expected at all (the profile has UCCX). */
  queuesExpected: boolean;
  /** When this page last received queue figures (its own clock), or null. */
  queuesReceivedAt: number | null;
  now: number;
}

/** Why the screen is stale, in words, or null when it is live. */
export function staleReason(f: Freshness): string | null {
  if (f.hostDisconnected) return t('wallboard.stale.host');
  if (f.board !== 'live' && f.board !== 'off') return t('wallboard.stale.board');
  if (f.queuesExpected && f.queuesReceivedAt !== null && f.now - f.queuesReceivedAt > STALE_AFTER_MS) return t('wallboard.stale.queues');
  return null;
}

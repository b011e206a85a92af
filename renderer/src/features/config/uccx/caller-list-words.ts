/**
 * The caller lists' words that shared/domain/caller-lists.ts and
 * caller-list-csv.ts write in English (a list's title, a row's problem, what a
 * save changes), in the user's language. The English there stays for main's
 * refusals, the change summary in the queue and the audit log.
 */
import type { CallerListDiff } from '../../../../../shared/domain/caller-lists';
import type { RefusedRow } from '../../../../../shared/domain/caller-list-csv';
import type { MainMessage } from '../../../../../shared/domain/main-message';
import { hasMessage, type t as translate } from '../../../i18n/i18n';

type Translate = typeof translate;

/** The lists every site has, by name; any other list's title is its own name (server data). */
const WELL_KNOWN_TITLES = { vip: 'uccx.callerLists.title.vip', blocked: 'uccx.callerLists.title.blocked' } as const;

export function isWellKnownList(name: string): name is keyof typeof WELL_KNOWN_TITLES {
  return Object.hasOwn(WELL_KNOWN_TITLES, name);
}

/** "VIP", "Blocked" (ours, translated), or the list's own name. */
export function listTitle(t: Translate, name: string): string {
  return isWellKnownList(name) ? t(WELL_KNOWN_TITLES[name]) : name;
}

/**
 * A caller-list rule's problem in the user's language. A problem with a `row`
 * among its values is said without its row, so the row goes in front here:
 * "Row 4: 044 12x is not a phone number".
 */
export function sayCallerProblem(t: Translate, problem: { message: string; said?: MainMessage | null }): string {
  const said = problem.said;
  if (!said || !hasMessage(said.id)) return problem.message;
  const words = t(said.id, said.values);
  const row = said.values?.row;
  return typeof row === 'number' ? t('validation.callerList.inRow', { row, problem: words }) : words;
}

/** Why an imported row is refused: its row named once, then each problem ("Row 7: …; …"). */
export function sayRefusedRow(t: Translate, refused: RefusedRow): string {
  if (refused.said.length === 0) return refused.reason;
  const problems: string[] = [];
  for (const said of refused.said) {
    if (!hasMessage(said.id)) return refused.reason;
    problems.push(t(said.id, said.values));
  }
  return t('validation.callerList.inRow', { row: refused.row, problem: problems.join('; ') });
}

/** "VIP: 3 added, 1 removed, 2 changed" (or "VIP: no changes"). */
export function describeListChangeWords(t: Translate, title: string, diff: CallerListDiff): string {
  const parts = [
    diff.added.length ? t('uccx.callerLists.diff.added', { count: diff.added.length }) : '',
    diff.removed.length ? t('uccx.callerLists.diff.removed', { count: diff.removed.length }) : '',
    diff.changed.length ? t('uccx.callerLists.diff.changed', { count: diff.changed.length }) : '',
  ].filter(Boolean);
  return parts.length ? t('uccx.callerLists.diff.summary', { title, changes: parts.join(', ') }) : t('uccx.callerLists.diff.none', { title });
}

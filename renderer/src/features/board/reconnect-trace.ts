import { t } from '../../i18n/i18n';
import { alertLevel, type AlertLevel, type ThresholdRule } from './board-model';
import type { BoardMember, BoardPatch } from '../../../../shared/domain/board';

/**
 * What a member's row remembers across a report-server reconnect. After a
 * resubscription the report server announces every member again without a
 * time, so each clock restarts at "≥ 0:00" and a member who was red a moment
 * ago would look fine. The row keeps "was red before the reconnect" until the
 * member's state changes (another status or reason).
 */
export interface ReconnectTrace {
  /** The level the member had when the clock restarted. */
  level: Exclude<AlertLevel, 'normal'>;
  /** The state the trace belongs to: a different status or reason ends it. */
  status: BoardMember['status'];
  reason: string;
}

export type ReconnectTraces = ReadonlyMap<string, ReconnectTrace>;

export const NO_TRACES: ReconnectTraces = new Map();

const RANK: Readonly<Record<AlertLevel, number>> = { normal: 0, amber: 1, red: 2 };

/** The trace a row should show: only while the member's level now is below what it was before the reconnect. */
export function visibleTrace(trace: ReconnectTrace | undefined, levelNow: AlertLevel): ReconnectTrace | null {
  return trace && RANK[trace.level] > RANK[levelNow] ? trace : null;
}

/** "was red before the reconnect" */
export function describeTrace(trace: ReconnectTrace): string {
  return t('board.trace.was', { level: trace.level });
}

const sameState = (a: Pick<BoardMember, 'status' | 'reason'>, b: Pick<BoardMember, 'status' | 'reason'>) => a.status === b.status && a.reason === b.reason;

/**
 * The traces after one patch. A member whose clock moved later and became
 * "at least" while its status and reason stayed the same was announced again
 * by a resubscription: if it was amber or red (graded at `now`, the moment
 * its old clock stopped counting), it gets a trace. A trace ends when its
 * member's state changes or the member leaves the board; a patch that
 * replaces the whole board (another profile) ends them all.
 */
export function traceReconnects(before: ReadonlyMap<string, BoardMember>, patch: Pick<BoardPatch, 'reset' | 'members' | 'removedMemberIds'>, traces: ReconnectTraces, rules: readonly ThresholdRule[], now: number): ReconnectTraces {
  if (patch.reset) return traces.size === 0 ? traces : NO_TRACES;
  let next: Map<string, ReconnectTrace> | null = null;
  const edit = () => (next ??= new Map(traces));
  for (const id of patch.removedMemberIds) if (traces.has(id)) edit().delete(id);
  for (const member of patch.members) {
    const trace = (next ?? traces).get(member.memberId);
    if (trace && !sameState(trace, member)) edit().delete(member.memberId);
    const previous = before.get(member.memberId);
    const clockRestarted = previous !== undefined && sameState(previous, member) && member.sinceAtLeast && member.since > previous.since;
    if (!clockRestarted) continue;
    const level = alertLevel(previous, rules, now);
    if (level === 'normal') continue;
    const kept = (next ?? traces).get(member.memberId);
    // A second reconnect soon after the first must not weaken what the first one saw.
    if (kept && RANK[kept.level] >= RANK[level]) continue;
    edit().set(member.memberId, { level, status: member.status, reason: member.reason });
  }
  return next ?? traces;
}

/** After a fresh snapshot (the page reconnected to its host), keep only the traces whose member is still in the same state. */
export function keepMatchingTraces(members: ReadonlyMap<string, BoardMember>, traces: ReconnectTraces): ReconnectTraces {
  if (traces.size === 0) return traces;
  const next = new Map<string, ReconnectTrace>();
  for (const [id, trace] of traces) {
    const member = members.get(id);
    if (member && sameState(member, trace)) next.set(id, trace);
  }
  return next;
}

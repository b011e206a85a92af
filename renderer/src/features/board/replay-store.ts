import { create } from 'zustand';
import { call } from '../../api/client';
import { shownError, type ShownError } from '../../components/ErrorDetails';
import { dayKeyOf, MAX_BOARD_AT_MEMBERS, type BoardAt, type BoardAtMember } from '../../../../shared/domain/history';
import type { BoardMember, BoardTeam } from '../../../../shared/domain/board';
import { isAgentState } from '../../../../shared/domain/finesse';

/**
 * Replaying the board: the time slider under the board's header asks main
 * for the board as it was at a moment (`history:boardAt`, docs/history.md)
 * and the board shows that instead of the live one until "Live". While the
 * slider moves, at most one request is on its way: when it answers, the
 * newest position asked for meanwhile is fetched next, so the last position
 * always wins and a drag never queues up stale requests.
 */

export interface ReplayState {
  /** History is recorded for this profile and at least one day is kept. */
  available: boolean;
  /** Kept days, newest first. */
  days: string[];
  /** The day the slider spans. */
  day: string | null;
  /** First and last moment recorded that day. */
  span: { first: number; last: number } | null;
  /** The moment shown; null while the board is live. */
  at: number | null;
  /** The latest answer for a replayed moment (may be for an earlier position while a newer one loads). */
  board: BoardAt | null;
  error: ShownError | null;
}

const LIVE: Pick<ReplayState, 'at' | 'board' | 'error'> = { at: null, board: null, error: null };

export const useReplayStore = create<ReplayState>()(() => ({ available: false, days: [], day: null, span: null, ...LIVE }));

export function isReplaying(): boolean {
  return useReplayStore.getState().at !== null;
}


/** Which days can be replayed (called when the board opens, and again to catch a new day). */
export async function loadReplayDays(): Promise<void> {
  try {
    const answer = await call('history:days', undefined);
    const days = answer.days.map((d) => d.day);
    const current = useReplayStore.getState().day;
    useReplayStore.setState({ available: answer.status.state !== 'off' && days.length > 0, days });
    await chooseReplayDay(current && days.includes(current) ? current : (days[0] ?? null));
  } catch {
    // No history (no profile, an old host): the board simply offers no replay.
    useReplayStore.setState({ available: false, days: [] });
  }
}

export async function chooseReplayDay(day: string | null): Promise<void> {
  useReplayStore.setState({ day, span: null });
  if (!day) return;
  try {
    const overview = await call('history:day', { day });
    if (useReplayStore.getState().day === day) useReplayStore.setState({ span: { first: overview.first, last: overview.last } });
  } catch (error) {
    useReplayStore.setState({ error: shownError(error) });
  }
}

/** The slider's range: the day's records; today's runs to now. */
export function sliderRange(state: Pick<ReplayState, 'day' | 'span'>, now: number): { min: number; max: number } | null {
  if (!state.span) return null;
  const last = state.day === dayKeyOf(now) ? Math.max(state.span.last, now) : state.span.last;
  return { min: state.span.first, max: Math.max(state.span.first, last) };
}

let inFlight = false;
/** The newest position asked for that has not been sent yet. */
let wanted: number | null = null;

/** Show the board as it was at `at` (epoch ms). */
export function replayAt(at: number): void {
  useReplayStore.setState({ at: Math.round(at) });
  wanted = Math.round(at);
  sendNext();
}

function sendNext(): void {
  if (inFlight || wanted === null) return;
  const at = wanted;
  wanted = null;
  inFlight = true;
  call('history:boardAt', { at, limit: MAX_BOARD_AT_MEMBERS })
    .then(
      (board) => {
        // "Live" was pressed meanwhile: the answer is for nobody.
        if (isReplaying()) useReplayStore.setState({ board, error: null });
      },
      (error: unknown) => {
        if (isReplaying()) useReplayStore.setState({ board: null, error: shownError(error) });
      },
    )
    .finally(() => {
      inFlight = false;
      sendNext();
    });
}

/** Back to the live board. */
export function goLive(): void {
  wanted = null;
  useReplayStore.setState(LIVE);
}

/** The replayed board in the live board's shape, so the same table and counts draw it. */
export function replayedBoard(board: BoardAt): { teams: BoardTeam[]; members: ReadonlyMap<string, BoardMember> } {
  return { teams: board.teams, members: new Map(board.members.map((m) => [m.memberId, asBoardMember(m, board.at)])) };
}

function asBoardMember(member: BoardAtMember, at: number): BoardMember {
  const agentState = member.agentState && isAgentState(member.agentState) ? { state: member.agentState, pendingState: null, reasonLabel: member.reason, source: 'finesse' as const, at } : undefined;
  return {
    memberId: member.memberId,
    memberName: member.memberName,
    memberType: member.memberType,
    status: member.status,
    reason: member.reason,
    since: member.since,
    sinceAtLeast: member.sinceAtLeast,
    ...(agentState ? { agentState } : {}),
  };
}

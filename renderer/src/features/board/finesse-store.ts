import { hasMessage, t, type MessageId } from '../../i18n/i18n';
import { saidOf, sayError } from '../../components/ErrorDetails';
import { transitionReason } from './finesse-words';
import { create } from 'zustand';
import { call, keepCurrent } from '../../api/client';
import { agentStateForStatus, checkTransition, FINESSE_OFF, type ActionOutcome, type AgentState, type FinesseState, type SupervisorTarget, type TransitionCheck } from '../../../../shared/domain/finesse';
import type { BoardMember } from '../../../../shared/domain/board';
import { useBoardStore } from './board-store';

/**
 * Finesse on the board: its state (kept current from main), what each action
 * ended in (in words), the rows selected for a bulk sign-out and its progress.
 * Actions are sent once, right away; nothing is kept to send later.
 */
export interface ActionNote {
  id: number;
  agentId: string;
  tone: 'ok' | 'pending' | 'warn' | 'error' | 'working';
  message: string;
  /** The sentence is main's (Finesse's outcome or a typed error), still in English (docs/i18n.md). */
  fromMain?: boolean;
}

export interface BulkProgress {
  total: number;
  /** Finished, whatever the outcome. */
  finished: number;
  signedOut: number;
  pending: number;
  failed: number;
  /** Name of the member being signed out now, null when finished. */
  current: string | null;
}

interface FinesseStoreState {
  state: FinesseState;
  notes: ActionNote[];
  /** Member ids ticked for "Sign out selected…". */
  selected: ReadonlySet<string>;
  bulk: BulkProgress | null;
  /** Agents with an action on its way (their menu waits). */
  busy: ReadonlySet<string>;
  /** Members a sign-out waits to be confirmed for (one from a row's menu, or the selection). */
  confirming: BoardMember[] | null;
}

export const useFinesseStore = create<FinesseStoreState>()(() => ({ state: FINESSE_OFF, notes: [], selected: new Set(), bulk: null, busy: new Set(), confirming: null }));

/** A row's menu chose an action: Ready and Not Ready go at once, a sign-out asks first. */
export function chooseAction(member: BoardMember, target: SupervisorTarget): void {
  if (target === 'LOGOUT') useFinesseStore.setState({ confirming: [member] });
  else void act(member, target);
}

export function askSignOut(members: BoardMember[]): void {
  useFinesseStore.setState({ confirming: members });
}

export function cancelSignOut(): void {
  useFinesseStore.setState({ confirming: null });
}

let started = false;
let nextNote = 1;
const MAX_NOTES = 4;
/** Sign-outs Finesse holds until the agent's call ends: said again when the board shows them signed out. */
const pendingSignOuts = new Set<string>();

/** Keep Finesse's state current (idempotent). */
export function startFinesseBridge(): void {
  if (started) return;
  started = true;
  keepCurrent('finesse:state-changed', 'finesse:state', (state) => useFinesseStore.setState({ state }));
  useBoardStore.subscribe(({ members }) => {
    for (const id of pendingSignOuts) {
      const member = members.get(id);
      if (!member) {
        pendingSignOuts.delete(id);
      } else if (member.agentState?.state === 'LOGOUT') {
        pendingSignOuts.delete(id);
        note(id, 'ok', t('board.note.signedOutAfterCall', { name: member.memberName }));
      }
    }
  });
}

/** The member's state as far as the console knows it (Finesse's, else the one its report status stands for). */
export function currentAgentState(member: BoardMember): { state: AgentState; pendingState: AgentState | null } {
  return member.agentState ?? { state: agentStateForStatus(member.status), pendingState: null };
}

/** Whether an action is possible now, with the reason when not (Finesse unreachable counts). */
export function actionCheck(member: BoardMember, target: SupervisorTarget, finesse: FinesseState): TransitionCheck {
  if (finesse.mode === 'down') return { allowed: false, reason: t('board.reason.finesseDown') };
  if (finesse.mode === 'connecting') return { allowed: false, reason: t('board.reason.finesseConnecting') };
  const current = currentAgentState(member);
  const check = checkTransition(current, target);
  return check.allowed ? check : { allowed: false, reason: transitionReason(current, target) };
}

function note(agentId: string, tone: ActionNote['tone'], message: string, fromMain = false): number {
  const id = nextNote++;
  useFinesseStore.setState((s) => ({ notes: [{ id, agentId, tone, message, fromMain }, ...s.notes.filter((n) => !(n.agentId === agentId && n.tone === 'working'))].slice(0, MAX_NOTES) }));
  return id;
}

export function dismissNote(id: number): void {
  useFinesseStore.setState((s) => ({ notes: s.notes.filter((n) => n.id !== id) }));
}

function setBusy(agentId: string, busy: boolean): void {
  useFinesseStore.setState((s) => {
    const next = new Set(s.busy);
    if (busy) next.add(agentId);
    else next.delete(agentId);
    return { busy: next };
  });
}

const WORKING: Record<SupervisorTarget, MessageId> = { READY: 'board.note.makingReady', NOT_READY: 'board.note.makingNotReady', LOGOUT: 'board.note.signingOut' };

/** Send one action and say how it ended. Returns the outcome, or null when it failed (the note says why). */
export async function act(member: BoardMember, target: SupervisorTarget): Promise<ActionOutcome | null> {
  const { memberId, memberName } = member;
  setBusy(memberId, true);
  note(memberId, 'working', t(WORKING[target], { name: memberName }));
  try {
    const outcome = await call('finesse:set-state', { agentId: memberId, target });
    note(memberId, outcome.result === 'done' ? 'ok' : outcome.result === 'pending' ? 'pending' : 'warn', outcome.message, true);
    if (outcome.result === 'pending') pendingSignOuts.add(memberId);
    return outcome;
  } catch (error) {
    // Main's sentence in the user's language when it sent one by id; its English (marked as such) otherwise.
    const said = saidOf(error);
    note(memberId, 'error', sayError(error), !(said && hasMessage(said.id)));
    return null;
  } finally {
    setBusy(memberId, false);
  }
}

export function toggleSelected(memberId: string, on: boolean): void {
  useFinesseStore.setState((s) => {
    const next = new Set(s.selected);
    if (on) next.add(memberId);
    else next.delete(memberId);
    return { selected: next };
  });
}

export function setSelection(memberIds: Iterable<string>): void {
  useFinesseStore.setState({ selected: new Set(memberIds) });
}

/** End of shift: sign the members out one after the other, with progress; each outcome is noted. */
export async function signOutMany(members: readonly BoardMember[]): Promise<BulkProgress> {
  const progress: BulkProgress = { total: members.length, finished: 0, signedOut: 0, pending: 0, failed: 0, current: null };
  const publish = () => useFinesseStore.setState({ bulk: { ...progress } });
  for (const member of members) {
    progress.current = member.memberName;
    publish();
    const outcome = await act(member, 'LOGOUT');
    if (!outcome) progress.failed++;
    else if (outcome.result === 'pending') progress.pending++;
    else progress.signedOut++;
    progress.finished++;
    if (outcome) toggleSelected(member.memberId, false);
  }
  progress.current = null;
  publish();
  return progress;
}

export function clearBulk(): void {
  useFinesseStore.setState({ bulk: null });
}

import type { AgentState, SupervisorTarget } from '../../../../shared/domain/finesse';
import { t } from '../../i18n/i18n';

/** Finesse's agent state in the active language ("Talking", "Im Gespräch", "Hablando"). */
export function agentStateLabel(state: AgentState): string {
  return t(`board.agentState.${state}`);
}

/** A supervisor action's menu word in the active language. */
export function actionLabel(target: SupervisorTarget): string {
  return t(`board.action.${target}`);
}

/** States in which the agent has a call (as `checkTransition` in shared/domain/finesse.ts has them). */
const ON_A_CALL: ReadonlySet<AgentState> = new Set(['RESERVED', 'RESERVED_OUTBOUND', 'RESERVED_OUTBOUND_PREVIEW', 'TALKING', 'HOLD']);

/**
 * Why a supervisor action is refused, in the active language: the same cases,
 * in the same order, as `checkTransition`, whose English sentence main and the logs keep.
 */
export function transitionReason(current: { state: AgentState; pendingState: AgentState | null }, target: SupervisorTarget): string {
  const { state, pendingState } = current;
  if (target === 'LOGOUT' && pendingState === 'LOGOUT') return t('board.reason.alreadySigningOut');
  if (state === target) return target === 'LOGOUT' ? t('board.reason.alreadySignedOut') : t('board.reason.already', { state: agentStateLabel(target) });
  if (state === 'LOGOUT') return t('board.reason.signedOut');
  if (ON_A_CALL.has(state)) return target === 'READY' ? t('board.reason.onCallReady') : t('board.reason.onCallNotReady');
  return t('board.reason.notAccepted', { state: agentStateLabel(state) });
}

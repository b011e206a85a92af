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

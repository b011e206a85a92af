/**
 * Cisco Finesse as the board uses it (apis-2.md §1): each agent's exact
 * state, the three changes a supervisor may make to another agent's state,
 * and team messages. Shared by main (which checks every change before
 * sending it) and the renderer (which enables only the allowed ones).
 */
import type { MainMessage, MainSentence } from './main-message';
import type { MemberStatus } from './board';

/** Agent states documented for the User and Team APIs [C: user-api-parameters]. */
export const AGENT_STATES = [
  'LOGIN',
  'LOGOUT',
  'NOT_READY',
  'READY',
  'RESERVED',
  'RESERVED_OUTBOUND',
  'RESERVED_OUTBOUND_PREVIEW',
  'TALKING',
  'HOLD',
  'WORK',
  'WORK_READY',
  'UNKNOWN',
] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** The only states a supervisor may set for another agent [C: ch.47]. */
export const SUPERVISOR_TARGETS = ['READY', 'NOT_READY', 'LOGOUT'] as const;
export type SupervisorTarget = (typeof SUPERVISOR_TARGETS)[number];

export function isAgentState(value: string): value is AgentState {
  return (AGENT_STATES as readonly string[]).includes(value);
}

export const AGENT_STATE_LABELS: Readonly<Record<AgentState, string>> = {
  LOGIN: 'Signing in',
  LOGOUT: 'Signed out',
  NOT_READY: 'Not Ready',
  READY: 'Ready',
  RESERVED: 'Reserved (call ringing)',
  RESERVED_OUTBOUND: 'Reserved (outbound)',
  RESERVED_OUTBOUND_PREVIEW: 'Reserved (outbound preview)',
  TALKING: 'Talking',
  HOLD: 'On hold',
  WORK: 'Wrap-up',
  WORK_READY: 'Wrap-up, then Ready',
  UNKNOWN: 'Unknown',
};

/** The words of each action, as the board's menu shows them. */
export const ACTION_LABELS: Readonly<Record<SupervisorTarget, string>> = {
  READY: 'Make ready',
  NOT_READY: 'Make not ready',
  LOGOUT: 'Sign out…',
};

/** States in which the agent has a call: a sign-out then waits for the call to end [C: ch.49–50]. */
const ON_A_CALL: ReadonlySet<AgentState> = new Set(['RESERVED', 'RESERVED_OUTBOUND', 'RESERVED_OUTBOUND_PREVIEW', 'TALKING', 'HOLD']);

/** Where each supervisor change is accepted from [C: ch.47; READY's sources are the lab's reading, [U]]. */
const ALLOWED_FROM: Readonly<Record<SupervisorTarget, ReadonlySet<AgentState>>> = {
  READY: new Set(['NOT_READY', 'WORK', 'WORK_READY']),
  NOT_READY: new Set(['READY', 'WORK', 'WORK_READY']),
  LOGOUT: new Set(['READY', 'NOT_READY', 'RESERVED', 'RESERVED_OUTBOUND', 'RESERVED_OUTBOUND_PREVIEW', 'TALKING', 'HOLD', 'WORK', 'WORK_READY']),
};

export type TransitionCheck = { allowed: true; deferred: boolean } | { allowed: false; reason: string };

/**
 * Whether a supervisor may move an agent from `current` to `target`, and if
 * so whether Finesse will only apply it when the current call ends. The
 * reason is a sentence for the menu.
 */
export function checkTransition(current: { state: AgentState; pendingState: AgentState | null }, target: SupervisorTarget): TransitionCheck {
  const { state, pendingState } = current;
  if (target === 'LOGOUT' && pendingState === 'LOGOUT') return { allowed: false, reason: 'Already signing out after the current call.' };
  if (ALLOWED_FROM[target].has(state)) return { allowed: true, deferred: target === 'LOGOUT' && ON_A_CALL.has(state) };
  if (state === target) {
    return { allowed: false, reason: target === 'LOGOUT' ? 'Already signed out.' : `Already ${AGENT_STATE_LABELS[target]}.` };
  }
  if (state === 'LOGOUT') return { allowed: false, reason: 'Signed out: only the agent can sign in again.' };
  if (ON_A_CALL.has(state)) {
    return {
      allowed: false,
      reason: target === 'READY' ? 'On a call: Finesse does not make an agent Ready during a call.' : 'On a call: Finesse accepts Not Ready from a supervisor only when the agent is Ready or in wrap-up.',
    };
  }
  return { allowed: false, reason: `Finesse does not accept this while the agent is ${AGENT_STATE_LABELS[state]}.` };
}

/**
 * The Finesse state that goes with a report-server status, for a member whose
 * status changed on the report stream after Finesse was last read (the report
 * server knows only three statuses).
 */
export function agentStateForStatus(status: MemberStatus): AgentState {
  return status === 'ready' ? 'READY' : status === 'not_ready' ? 'NOT_READY' : 'WORK';
}

/** The report status an agent state shows as, where the report protocol has one; null where it does not say [U]. */
export function statusForAgentState(state: AgentState): MemberStatus | null {
  if (state === 'READY') return 'ready';
  if (state === 'NOT_READY') return 'not_ready';
  if (state === 'WORK' || state === 'WORK_READY') return 'ACW';
  return null;
}

/** A board member's state as Finesse knows it. */
export interface AgentStateView {
  state: AgentState;
  /** What Finesse will apply when the current call ends (e.g. LOGOUT), else null. */
  pendingState: AgentState | null;
  /** Reason code label (Not Ready / sign-out reason), '' when none. */
  reasonLabel: string;
  /**
   * 'finesse': as the Team API said at `at`. 'stream': the report stream
   * changed the member's status since, and this is the state that status
   * stands for (re-read from Finesse on the next refresh).
   */
  source: 'finesse' | 'stream';
  /** Epoch ms of the reading that found this state (a later reading that finds the same leaves it). */
  at: number;
}

/** A team of the supervisor's, as Finesse lists it (`User/{id}` → teams). */
export interface FinesseTeam {
  id: string;
  name: string;
}

/** One node's Finesse service. */
export interface FinesseNodeState {
  url: string;
  /** host[:port] */
  name: string;
  status: 'in-service' | 'out-of-service' | 'unreachable' | 'unknown';
  /** Why it is not in service, in words; null when it is. */
  problem: string | null;
  /** `problem` by message id, for the renderer to say in the user's language. */
  problemMessage?: MainSentence | null;
  since: number;
}

export interface FinesseState {
  /** off: not in this profile; ok: a node is in service; down: none is (actions are refused, never queued). */
  mode: 'off' | 'connecting' | 'ok' | 'down';
  /** One sentence for the status bar and the board. */
  detail: string;
  /** `detail` by message id (`main.finesse.*`), for the renderer to say in the user's language. */
  detailMessage?: MainSentence;
  /** The node requests go to, null when none is in service. */
  activeNode: string | null;
  nodes: FinesseNodeState[];
  /** Finesse's clock minus ours, in ms (from SystemInfo currentTimestamp); 0 before the first reading. */
  skewMs: number;
  /** The Finesse user the console signs in as (the supervisor). */
  username: string | null;
  /** What was wrong with Finesse's last answers (HTML instead of XML, an unknown state...), in words; null when nothing. */
  problem: string | null;
  /** `problem` sentence by sentence, each by message id where main has one, for the renderer to say in the user's language. */
  problemSentences?: FinesseProblemSentence[] | null;
}

/** One sentence of what was wrong with Finesse's answers: main's English, and the same by id (when main has one). */
export interface FinesseProblemSentence {
  english: string;
  said?: MainMessage;
}

export const FINESSE_OFF: FinesseState = {
  mode: 'off',
  detail: 'Finesse is not configured in this profile: add a Finesse section under Connections to act on agents from the board.',
  activeNode: null,
  nodes: [],
  skewMs: 0,
  username: null,
  problem: null,
};

/** How an action ended, as the board reports it in words. */
export type ActionResult =
  /** Finesse applied it and the board saw the new state. */
  | 'done'
  /** The agent is on a call: Finesse applies it when the call ends (pendingState). */
  | 'pending'
  /** Finesse accepted it (202) but the new state was not seen within the wait. */
  | 'sent';

export interface ActionOutcome {
  agentId: string;
  agentName: string;
  from: AgentState;
  target: SupervisorTarget;
  result: ActionResult;
  /** One sentence, e.g. "Jane Doe signs out after the current call." */
  message: string;
}

/** Team messages [C: teammessage]: at most 255 characters, shown 5 minutes to 23 h 55 min. */
export const TEAM_MESSAGE_MAX_CHARS = 255;
export const TEAM_MESSAGE_MIN_SECONDS = 5 * 60;
export const TEAM_MESSAGE_MAX_SECONDS = 23 * 3600 + 55 * 60;

export interface TeamMessage {
  id: string;
  content: string;
  teamIds: string[];
  /** Epoch ms, corrected for Finesse's clock. */
  createdAt: number;
  durationSeconds: number;
  /** Epoch ms when it stops showing. */
  expiresAt: number;
  createdBy: { id: string; name: string };
}

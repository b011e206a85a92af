import { statusIdFor } from './profile';
import { formatClock } from './time-words';

/** What the app frame shows for each server the console talks to. */
export type ServerKind = 'uccx' | 'cupi' | 'reports';

export type ServerState =
  /** Connected and fully usable. */
  | 'ok'
  /** Reachable but limited, e.g. UCCX read-only because no node is the DB master. */
  | 'degraded'
  /** Unreachable or refusing us. */
  | 'down'
  /** Not configured in this profile. */
  | 'off'
  /** Connecting, or not probed yet. */
  | 'connecting';

export interface ServerStatus {
  /** Stable id, e.g. "uccx", "uccx:ccx-a", "cupi", "reports". */
  id: string;
  kind: ServerKind;
  /** Short label for the frame, e.g. "UCCX", "Unity Connection", "Reports". */
  label: string;
  state: ServerState;
  /** One sentence in words, e.g. "UCCX read-only: ccx-a unreachable since 10:42; 3 changes waiting". */
  detail: string;
  /** A node's own word for the chip instead of the state's, e.g. "Slow (2.1 s)" (see describeNode). */
  word?: string;
  /** The connection is plain http:// or ws:// (the profile accepted that): the chip says "not encrypted". */
  unencrypted?: boolean;
  /** Epoch ms of the last change of state. */
  since: number;
}

// ---------------------------------------------------------------- nodes

/**
 * How one server node is doing, found by the console's probes and requests.
 * UCCX and Unity Connection nodes follow the same rule; `describeNode` is
 * the one place that turns a condition into a status-bar chip.
 */
export type NodeConditionKind =
  /** Not probed yet. */
  | 'checking'
  /** Answers in time (UCCX: the database master). */
  | 'ok'
  /** UCCX: answers in time and is not the database master while the other node is: normal, not a fault. */
  | 'standby'
  /** Answers, but the last answer took at least SLOW_ANSWER_MS. */
  | 'slow'
  /** Answers with HTTP errors (5xx, or any error to the probe itself). */
  | 'errors'
  /** Accepted the connection (or not) but gave no answer within the probe timeout. */
  | 'not-answering'
  /** Nothing listens on the port. */
  | 'refused'
  /** Cannot be reached for another reason (name not found, certificate not trusted, connection reset). */
  | 'unreachable'
  /** UCCX island mode: this node says it is the database master, and so does the other one. */
  | 'island'
  /** UCCX: answers, is not the database master, and neither is the other node. */
  | 'not-master';

export interface NodeCondition {
  kind: NodeConditionKind;
  /** Epoch ms since which the node is in this kind of condition. */
  since: number;
  /** The last answer time in ms (null before the first answer, or while the node does not answer). */
  latencyMs: number | null;
  /** `errors`: the HTTP status the node answers with. */
  httpStatus?: number;
  /** `not-answering`: how long the console waited for the answer, in ms. */
  waitedMs?: number;
  /** `unreachable`: why, in words, e.g. "name not found". */
  reason?: string;
  /** UCCX: the node is not the database master (shown beside `slow`). */
  standby?: boolean;
}

/** An answer that took this long or longer makes a node "slow". */
export const SLOW_ANSWER_MS = 1000;

/** Bounds of the adaptive probe timeout: 3 × the last answer time, never below 1 s nor above 10 s. */
export const PROBE_TIMEOUT_BOUNDS = { minMs: 1000, maxMs: 10_000, factor: 3 } as const;

/** Local wall-clock time as HH:MM, for "since 10:42". */
export function clockTime(epochMs: number): string {
  return formatClock(epochMs);
}

/** 2093 → "2.1 s", 640 → "0.6 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface NodeDescription {
  /** The chip's colour and icon. */
  state: ServerState;
  /** The chip's word, e.g. "Slow (2.1 s)", "Answering with errors (HTTP 500)". */
  word: string;
  /** For sentences about the node, after its name: "not answering since 10:42". */
  phrase: string;
  /** The chip's tooltip: one sentence. */
  detail: string;
}

/** The one rule from a node's condition to what the status bar and the summary sentences say. */
export function describeNode(condition: NodeCondition): NodeDescription {
  const since = clockTime(condition.since);
  const latency = seconds(condition.latencyMs ?? 0);
  switch (condition.kind) {
    case 'checking':
      return { state: 'connecting', word: 'Checking', phrase: 'not checked yet', detail: 'Checking the connection.' };
    case 'ok':
      return { state: 'ok', word: 'Connected', phrase: 'connected', detail: 'Connected.' };
    case 'standby':
      return { state: 'ok', word: 'Standby', phrase: 'standby', detail: 'Standby — takes over if the active node fails (reachable; writes go to the database master).' };
    case 'slow': {
      const role = condition.standby ? ', standby' : '';
      return {
        state: 'degraded',
        word: `Slow (${latency})`,
        phrase: `slow (${latency}${role})`,
        detail: `Slow: the last answer took ${latency}${condition.standby ? '; standby, not the database master' : ''}.`,
      };
    }
    case 'errors': {
      const status = `HTTP ${condition.httpStatus ?? '?'}`;
      return { state: 'degraded', word: `Answering with errors (${status})`, phrase: `answering with errors (${status}) since ${since}`, detail: `Answering with errors (${status}) since ${since}.` };
    }
    case 'not-answering': {
      const waited = condition.waitedMs ? ` (no answer within ${seconds(condition.waitedMs)})` : '';
      return { state: 'down', word: 'Not answering', phrase: `not answering since ${since}`, detail: `Not answering since ${since}${waited}.` };
    }
    case 'refused':
      return {
        state: 'down',
        word: 'Unreachable (connection refused)',
        phrase: `unreachable since ${since} (connection refused)`,
        detail: `Connection refused since ${since}: the server or service is not running.`,
      };
    case 'unreachable': {
      const reason = condition.reason ?? 'connection failed';
      return { state: 'down', word: `Unreachable (${reason})`, phrase: `unreachable since ${since} (${reason})`, detail: `Unreachable since ${since}: ${reason}.` };
    }
    case 'island':
      return {
        state: 'degraded',
        word: 'Both claim master',
        phrase: 'claiming to be the database master, like the other node',
        detail: `Claims to be the database master, and so does the other node (since ${since}): writes are paused.`,
      };
    case 'not-master':
      return {
        state: 'degraded',
        word: 'Not master',
        phrase: 'not the database master',
        detail: `Reachable, but not the database master, and neither is the other node (since ${since}): writes are paused.`,
      };
  }
}

/** Conditions in which a node answers requests normally (possibly slowly). */
export function isAnswering(condition: NodeCondition): boolean {
  return condition.kind === 'ok' || condition.kind === 'standby' || condition.kind === 'slow' || condition.kind === 'island' || condition.kind === 'not-master';
}

/** The status-bar line of one node: the id the connection test uses, the node's name, the chip from `describeNode`. */
export function nodeStatus(server: 'uccx' | 'cupi', url: string, condition: NodeCondition, name?: string): Omit<ServerStatus, 'since'> {
  const { state, word, detail } = describeNode(condition);
  return { id: statusIdFor(server, url), kind: server, label: nodeLabel(server, url, name), state, word, detail };
}

/**
 * "UCCX ccx-a", "Unity Connection cuc-pub", "Reports": the system and the
 * node's name (its profile label, see nodeNameIn); without a name, the host
 * part of the node's status id.
 */
export function nodeLabel(server: ServerKind, url: string, name?: string): string {
  if (server === 'reports') return 'Reports';
  const host = name ?? statusIdFor(server, url).slice(server.length + 1);
  return `${server === 'uccx' ? 'UCCX' : 'Unity Connection'} ${host}`;
}

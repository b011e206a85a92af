import { statusIdFor } from './profile';
import { formatClock } from './time-words';
import type { MainMessage, MainSentence } from './main-message';

export type { MainMessage, MainSentence, MainValue } from './main-message';

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
  /** `word` and `detail` by message id (nodes: see describeNode; a system's summary sentence: its service's state). */
  wordMessage?: MainMessage;
  detailMessage?: MainSentence;
  /** A node's line: the node's own name (server data), shown after the system's name. */
  nodeName?: string;
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
  /** `word`, `detail` and `phrase` by message id, for the renderer to say in the user's language. */
  wordMessage: MainMessage;
  detailMessage: MainMessage;
  phraseMessage: MainMessage;
}

/**
 * The one rule from a node's condition to what the status bar and the summary
 * sentences say. The chip's word and tooltip also go out as message ids
 * (`node.<kind>.word`, `node.<kind>.detail`, in the renderer's catalogues) with
 * their values, so the status bar speaks the user's language; `phrase` is the
 * part of main's summary sentences about the node (`node.<kind>.phrase`).
 */
export function describeNode(condition: NodeCondition): NodeDescription {
  const since = clockTime(condition.since);
  const latency = seconds(condition.latencyMs ?? 0);
  const described = (state: ServerState, word: string, phrase: string, detail: string, values: Record<string, string | number> = {}): NodeDescription => ({
    state,
    word,
    phrase,
    detail,
    wordMessage: { id: `node.${condition.kind}.word`, values },
    detailMessage: { id: `node.${condition.kind}.detail`, values },
    phraseMessage: { id: `node.${condition.kind}.phrase`, values },
  });
  switch (condition.kind) {
    case 'checking':
      return described('connecting', 'Checking', 'not checked yet', 'Checking the connection.');
    case 'ok':
      return described('ok', 'Connected', 'connected', 'Connected.');
    case 'standby':
      return described('ok', 'Standby', 'standby', 'Standby — takes over if the active node fails (reachable; writes go to the database master).');
    case 'slow': {
      const role = condition.standby ? ', standby' : '';
      return described(
        'degraded',
        `Slow (${latency})`,
        `slow (${latency}${role})`,
        `Slow: the last answer took ${latency}${condition.standby ? '; standby, not the database master' : ''}.`,
        { seconds: roundedSeconds(condition.latencyMs ?? 0), standby: condition.standby ? 'yes' : 'no' },
      );
    }
    case 'errors': {
      const status = `HTTP ${condition.httpStatus ?? '?'}`;
      return described('degraded', `Answering with errors (${status})`, `answering with errors (${status}) since ${since}`, `Answering with errors (${status}) since ${since}.`, {
        status: condition.httpStatus ?? '?',
        since: condition.since,
      });
    }
    case 'not-answering': {
      const waited = condition.waitedMs ? ` (no answer within ${seconds(condition.waitedMs)})` : '';
      return described('down', 'Not answering', `not answering since ${since}`, `Not answering since ${since}${waited}.`, {
        since: condition.since,
        waited: condition.waitedMs ? roundedSeconds(condition.waitedMs) : 0,
      });
    }
    case 'refused':
      return described(
        'down',
        'Unreachable (connection refused)',
        `unreachable since ${since} (connection refused)`,
        `Connection refused since ${since}: the server or service is not running.`,
        { since: condition.since },
      );
    case 'unreachable': {
      // The reason ("name not found", "certificate not trusted") is main's English word for a network error; it is passed on as it is.
      const reason = condition.reason ?? 'connection failed';
      return described('down', `Unreachable (${reason})`, `unreachable since ${since} (${reason})`, `Unreachable since ${since}: ${reason}.`, { since: condition.since, reason });
    }
    case 'island':
      return described(
        'degraded',
        'Both claim master',
        'claiming to be the database master, like the other node',
        `Claims to be the database master, and so does the other node (since ${since}): writes are paused.`,
        { since: condition.since },
      );
    case 'not-master':
      return described(
        'degraded',
        'Not master',
        'not the database master',
        `Reachable, but not the database master, and neither is the other node (since ${since}): writes are paused.`,
        { since: condition.since },
      );
  }
}

/** Milliseconds as seconds with one decimal, a number for the renderer to format in its locale: 2093 → 2.1. */
function roundedSeconds(ms: number): number {
  return Math.round(ms / 100) / 10;
}

/** Conditions in which a node answers requests normally (possibly slowly). */
export function isAnswering(condition: NodeCondition): boolean {
  return condition.kind === 'ok' || condition.kind === 'standby' || condition.kind === 'slow' || condition.kind === 'island' || condition.kind === 'not-master';
}

/** The status-bar line of one node: the id the connection test uses, the node's name, the chip from `describeNode`. */
export function nodeStatus(server: 'uccx' | 'cupi', url: string, condition: NodeCondition, name?: string): Omit<ServerStatus, 'since'> {
  const { state, word, detail, wordMessage, detailMessage } = describeNode(condition);
  return { id: statusIdFor(server, url), kind: server, label: nodeLabel(server, url, name), state, word, detail, wordMessage, detailMessage, nodeName: name ?? statusIdFor(server, url).slice(server.length + 1) };
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

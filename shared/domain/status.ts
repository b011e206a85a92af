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
  /** Epoch ms of the last change of state. */
  since: number;
}

import type { MainSentence } from './main-message';
/**
 * A site profile as the renderer may see it: where the servers are and who we
 * sign in as, never a secret (only whether one is set).
 */
export interface SiteProfile {
  id: string;
  name: string;
  /** The person at the console as the audit log names them, next to their operating-system user; absent when not set. */
  operatorName?: string;
  /** Credentials may travel over http:// / ws:// (the profile said so); shown as "not encrypted". */
  allowPlaintextCredentials?: boolean;
  uccx?: {
    /** One or two node base URLs, e.g. https://ccx-a.example.com */
    nodes: string[];
    /** What the screen calls each node, in the order of `nodes`, e.g. "ccx-a" (default: its host name). */
    nodeLabels?: string[];
    username: string;
    passwordSet: boolean;
    /** Document-repository folder of the caller lists IVR scripts read (default /en_US/lists/; docs/ivr.md). */
    callerListFolder?: string;
    /** Document-repository path of the announcement switches IVR scripts read (default /en_US/lists/switches.xml; docs/ivr.md). */
    switchesDocument?: string;
  };
  cupi?: {
    publisher: string;
    subscriber?: string;
    /** What the screen calls the publisher and the subscriber (default: their host names). */
    publisherLabel?: string;
    subscriberLabel?: string;
    username: string;
    passwordSet: boolean;
  };
  reports?: {
    /** ws:// or wss:// URL of the report server */
    url: string;
    /** What the screen calls the report server (default: its host name). */
    label?: string;
    /** The supervisor's UCCX agent id used for report.teamstatus.begin */
    agentId: string;
    username?: string;
    passwordSet: boolean;
    /** Names of extra headers sent on connect (values are secrets). */
    headerNames: string[];
    /** Overrides of DEFAULT_BOARD_LIMITS (shared/domain/board.ts). */
    limits?: { maxTeams?: number; maxMembers?: number; maxFrameBytes?: number };
  };
  /** Cisco Finesse (agent actions, exact time in state, team messages): the supervisor's own Finesse sign-in. */
  finesse?: {
    /** One or two node base URLs, e.g. https://ccx-a.example.com:8445 */
    nodes: string[];
    /** What the screen calls each node, in the order of `nodes` (default: the UCCX label of the same host, else its host name). */
    nodeLabels?: string[];
    username: string;
    passwordSet: boolean;
  };
  /** Where the board reads per-queue figures (every field optional; defaults in shared/domain/queues.ts). */
  realtime?: RealtimeSettings;
  tls?: {
    fingerprints: string[];
  };
  /** The board's history (docs/history.md): how many days are kept (default 14). */
  history?: { retentionDays?: number };
  /** Desktop app presets of a roll-out (docs/desktop.md): used until the user chooses otherwise. */
  desktop?: { startAtLogin?: boolean; closeToTray?: boolean };
}

/** The real-time queue endpoint: URL template ({node}, {host}, {port}), port, whose credentials, poll interval. */
export interface RealtimeSettings {
  url?: string;
  port?: number;
  auth?: 'none' | 'uccx' | 'finesse';
  pollSeconds?: number;
}

/** The secrets of one profile, held by main only. */
export interface SiteSecrets {
  uccxPassword?: string;
  cupiPassword?: string;
  reportsPassword?: string;
  reportsHeaders?: Record<string, string>;
  finessePassword?: string;
}

/** Which server of a profile a connection test or status line is about. */
export type ProfileServer = 'uccx' | 'cupi' | 'reports' | 'finesse';

/**
 * What a connection test found, as something a person can act on. The
 * renderer words each outcome; `message` carries the specifics (host, status).
 */
export type ConnectionOutcome =
  | 'ok'
  | 'name-not-found'
  | 'connection-refused'
  | 'timed-out'
  | 'connection-reset'
  | 'certificate-untrusted'
  | 'certificate-changed'
  | 'credentials-rejected'
  | 'not-db-master'
  /** Finesse answers but is not in service on this node (the standby of a pair): requests go to the other. */
  | 'out-of-service'
  | 'no-credentials'
  | 'unexpected-reply';

export interface CertificateDetails {
  /** "host:port" the certificate is pinned to. */
  endpoint: string;
  subject: string;
  /** "sha256 AB:CD:..." */
  fingerprint: string;
  /** For a changed certificate: the fingerprint trusted before. */
  pinnedFingerprint?: string;
}

export interface ConnectionTestResult {
  server: ProfileServer;
  /** The node's URL as configured. */
  node: string;
  /** Short role, e.g. "node 1", "publisher", "report server". */
  role: string;
  /** `role` by message id (`main.role.*`), for the renderer to say in the user's language. */
  roleMessage?: MainSentence;
  /** What the screen calls the node (the profile's label, else its host name; see nodeNameIn). */
  name?: string;
  outcome: ConnectionOutcome;
  /** One sentence, never a secret. */
  message: string;
  /** `message` by message id (`main.test.*`), where main says it so; network failures are still English only. */
  said?: MainSentence;
  certificate?: CertificateDetails;
  /** Round trip of the test in ms (successful tests only). */
  elapsedMs?: number;
}

/** Where the secrets of saved profiles live, as the renderer sees it (never the secrets). */
export interface VaultStatus {
  /** passphrase: AES-256-GCM file (browser host); os: Electron safeStorage; memory: demo lab, nothing stored. */
  kind: 'passphrase' | 'os' | 'memory';
  state:
    /** Secrets can be read and stored. */
    | 'unlocked'
    /** The browser host waits for the passphrase. */
    | 'locked'
    /** OS storage is weak (Linux basic_text): storing waits for the user's explicit consent. */
    | 'needs-consent'
    /** OS encryption is unavailable: nothing can be stored. */
    | 'unavailable';
  /** Whether a vault file already exists (a first passphrase creates it). */
  exists: boolean;
  /** One sentence for the screen. */
  detail: string;
  /** `detail` by message id (`main.vault.*`), for the renderer to say in the user's language. */
  detailMessage?: MainSentence;
}

/** Saved profiles and which one is in use. */
export interface ProfileList {
  profiles: SiteProfile[];
  activeId: string | null;
  /** --demo: the built-in lab profile only; saving and importing are refused. */
  demo: boolean;
}

/**
 * The status-bar id of one node: "uccx:<host[:port]>", "cupi:<host[:port]>",
 * "finesse:<host[:port]>", and plain "reports" (one report server per profile). Every client reporting
 * a node's state uses these, so the frame shows one line per node.
 */
export function statusIdFor(server: ProfileServer, nodeUrl: string): string {
  if (server === 'reports') return 'reports';
  let host = nodeUrl;
  try {
    host = new URL(nodeUrl).host;
  } catch {
    // Not a URL: use the text as given.
  }
  return `${server}:${host}`;
}

/**
 * What the screen calls each of a system's nodes: its label from the profile,
 * else its host name ("ccx-a.example.com"), else, when two nodes share a host
 * name (two ports of one machine), "host:port" so they can be told apart.
 */
export function nodeNames(urls: readonly string[], labels: ReadonlyArray<string | undefined> = []): string[] {
  const parsed = urls.map((url) => {
    try {
      return new URL(url);
    } catch {
      return null;
    }
  });
  const hostnames = parsed.map((u) => u?.hostname ?? '');
  const distinct = new Set(hostnames).size === hostnames.length;
  return urls.map((url, index) => labels[index]?.trim() || (distinct ? hostnames[index] : parsed[index]?.host) || url || `node ${index + 1}`);
}

/** The name of one node of a profile (see nodeNames): what the status bar, errors and Connections call it. */
export function nodeNameIn(profile: SiteProfile, server: ProfileServer, url: string): string {
  const pick = (urls: string[], labels: ReadonlyArray<string | undefined> | undefined) => {
    const index = urls.indexOf(url);
    return index >= 0 ? nodeNames(urls, labels ?? [])[index]! : null;
  };
  switch (server) {
    case 'uccx':
      return pick(profile.uccx?.nodes ?? [], profile.uccx?.nodeLabels) ?? nodeNames([url])[0]!;
    case 'cupi': {
      const cupi = profile.cupi;
      const urls = cupi ? [cupi.publisher, ...(cupi.subscriber ? [cupi.subscriber] : [])] : [];
      return pick(urls, [cupi?.publisherLabel, cupi?.subscriberLabel]) ?? nodeNames([url])[0]!;
    }
    case 'reports':
      return profile.reports?.label?.trim() || nodeNames([url])[0]!;
    case 'finesse': {
      // Finesse runs on the UCCX nodes: without labels of its own it borrows theirs, host for host.
      const nodes = profile.finesse?.nodes ?? [];
      const labels = nodes.map((node, index) => profile.finesse?.nodeLabels?.[index] ?? uccxLabelForHost(profile, node));
      return pick(nodes, labels) ?? nodeNames([url])[0]!;
    }
  }
}

function uccxLabelForHost(profile: SiteProfile, url: string): string | undefined {
  const host = (text: string) => {
    try {
      return new URL(text).hostname;
    } catch {
      return text;
    }
  };
  const nodes = profile.uccx?.nodes ?? [];
  const matches = nodes.map((node, index) => ({ node, index })).filter(({ node }) => host(node) === host(url));
  // Two UCCX nodes on one host name (ports of one machine) cannot be matched by host.
  return matches.length === 1 ? profile.uccx?.nodeLabels?.[matches[0]!.index] : undefined;
}

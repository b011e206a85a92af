/**
 * A site profile as the renderer may see it: where the servers are and who we
 * sign in as, never a secret (only whether one is set).
 */
export interface SiteProfile {
  id: string;
  name: string;
  uccx?: {
    /** One or two node base URLs, e.g. https://ccx-a.example.com */
    nodes: string[];
    username: string;
    passwordSet: boolean;
  };
  cupi?: {
    publisher: string;
    subscriber?: string;
    username: string;
    passwordSet: boolean;
  };
  reports?: {
    /** ws:// or wss:// URL of the report server */
    url: string;
    /** The supervisor's UCCX agent id used for report.teamstatus.begin */
    agentId: string;
    username?: string;
    passwordSet: boolean;
    /** Names of extra headers sent on connect (values are secrets). */
    headerNames: string[];
  };
  tls?: {
    fingerprints: string[];
  };
}

/** The secrets of one profile, held by main only. */
export interface SiteSecrets {
  uccxPassword?: string;
  cupiPassword?: string;
  reportsPassword?: string;
  reportsHeaders?: Record<string, string>;
}

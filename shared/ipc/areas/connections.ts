import { MAX_HISTORY_RETENTION_DAYS } from '../../domain/history';
import { z } from 'zod';
import { event, invoke } from '../define';
import type { CertificateDetails, ConnectionTestResult, ProfileList, SiteProfile, VaultStatus } from '../../domain/profile';

/**
 * Site profiles, the credential vault and certificate trust. Secrets travel
 * in one direction only: the renderer may send a password it was given
 * (saving a profile, unlocking the vault); main never sends one back, only
 * whether it is set.
 */

/** A user name or password inside a URL would be stored and logged as part of an address: refused. */
const NO_CREDENTIALS_IN_URL = /^[a-z]+:\/\/[^/?#@\s]*$|^[a-z]+:\/\/[^/?#@\s]*[/?#]/i;
const CREDENTIALS_IN_URL_MESSAGE = 'must not contain a user name or password (user:password@); put them in the username and password fields';
const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s/]+/i, 'must be an http:// or https:// URL, e.g. https://ccx-a.example.com')
  .regex(NO_CREDENTIALS_IN_URL, CREDENTIALS_IN_URL_MESSAGE);
const wsUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^wss?:\/\/[^\s/]+/i, 'must be a ws:// or wss:// URL, e.g. wss://reports.example.com:9443/')
  .regex(NO_CREDENTIALS_IN_URL, CREDENTIALS_IN_URL_MESSAGE);
const userName = z.string().trim().min(1, 'must not be empty').max(256);
/** A password as typed or read from a profile file; never echoed back. */
const secretText = z.string().max(1024);
/** A node's name on screen, e.g. "ccx-a" (profile labels). */
const nodeLabel = z.string().trim().min(1, 'must not be empty').max(60);
const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'must be an HTTP header name');

/**
 * The profile as a person or a profile file describes it. Every section is
 * optional: a board-only profile has just `reports`. In the editor a missing
 * password means "keep the stored one"; an empty string removes it.
 */
export const profileInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(120),
    /** The person who uses this profile, as the audit log should name them ("Jane Doe"); optional. */
    operatorName: z.string().trim().max(120).optional(),
    /**
     * Accept sending passwords and header secrets over http:// and ws://,
     * where anyone on the network path can read them. Off unless set: such
     * a profile is refused. Where it is on, the console says "not encrypted".
     */
    allowPlaintextCredentials: z.boolean().optional(),
    uccx: z
      .object({
        nodes: z.array(httpUrl).min(1, 'needs at least one node URL').max(2, 'UCCX has at most two nodes'),
        /** What the screen calls each node, in the order of `nodes` (default: its host name). */
        nodeLabels: z.array(nodeLabel).max(2).optional(),
        username: userName,
        password: secretText.optional(),
        /** Document-repository folder of the caller lists (docs/ivr.md), e.g. /en_US/lists/. */
        callerListFolder: z
          .string()
          .trim()
          .max(200)
          .regex(/^\/([A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*([A-Za-z0-9_-][A-Za-z0-9_.-]*)?\/?$/, 'must be a repository folder such as /en_US/lists/ (letters, digits, . - _ between slashes)')
          .optional(),
        /** Document-repository path of the announcement switches (docs/ivr.md), e.g. /en_US/lists/switches.xml. */
        switchesDocument: z
          .string()
          .trim()
          .max(200)
          .regex(/^\/([A-Za-z0-9_-][A-Za-z0-9_.-]*\/)+[A-Za-z0-9_-][A-Za-z0-9_.-]*\.xml$/, 'must be an .xml document below a language folder, such as /en_US/lists/switches.xml (letters, digits, . - _ between slashes)')
          .optional(),
      })
      .strict()
      .optional(),
    cupi: z
      .object({
        publisher: httpUrl,
        subscriber: httpUrl.optional(),
        publisherLabel: nodeLabel.optional(),
        subscriberLabel: nodeLabel.optional(),
        username: userName,
        password: secretText.optional(),
      })
      .strict()
      .optional(),
    reports: z
      .object({
        url: wsUrl,
        label: nodeLabel.optional(),
        agentId: z.string().trim().min(1, 'must not be empty').max(128),
        username: z.string().trim().max(256).optional(),
        password: secretText.optional(),
        /** Extra headers sent when connecting (values are secrets, e.g. API keys). */
        headers: z
          .record(headerName, z.string().max(4096))
          .refine((headers) => Object.keys(headers).length <= 32, 'at most 32 headers')
          .optional(),
        /** How much one board keeps (defaults in shared/domain/board.ts DEFAULT_BOARD_LIMITS). */
        limits: z
          .object({
            maxTeams: z.number().int().min(1).max(10_000).optional(),
            maxMembers: z.number().int().min(1).max(200_000).optional(),
            maxFrameBytes: z.number().int().min(64 * 1024).max(64 * 1024 * 1024).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    /** Cisco Finesse on the UCCX nodes (HTTPS, usually port 8445): the supervisor's own sign-in. */
    finesse: z
      .object({
        nodes: z.array(httpUrl).min(1, 'needs at least one node URL').max(2, 'Finesse runs on at most two nodes'),
        nodeLabels: z.array(nodeLabel).max(2).optional(),
        username: userName,
        password: secretText.optional(),
      })
      .strict()
      .optional(),
    /**
     * The per-queue real-time figures of the board (UCCX /realtime/VoiceIAQStats,
     * undocumented: its port, scheme and authentication differ between releases).
     * Defaults in shared/domain/queues.ts REALTIME_DEFAULTS; see docs/profile.md.
     */
    realtime: z
      .object({
        url: z
          .string()
          .trim()
          .max(2048)
          .regex(/^(https?:\/\/[^\s/]+|\{node\})/i, 'must be an http:// or https:// URL template, e.g. https://{host}:{port}/realtime/VoiceIAQStats, or start with {node}')
          .regex(/^[^@\s]*$/, CREDENTIALS_IN_URL_MESSAGE)
          .optional(),
        port: z.number().int().min(1).max(65535).optional(),
        auth: z.enum(['none', 'uccx', 'finesse']).optional(),
        pollSeconds: z.number().int().min(1, 'at least 1 second').max(10, 'at most 10 seconds').optional(),
      })
      .strict()
      .optional(),
    /** The board's history: days kept (default DEFAULT_HISTORY_RETENTION_DAYS in shared/domain/history.ts). */
    history: z
      .object({
        retentionDays: z.number().int().min(1, 'at least 1 day').max(MAX_HISTORY_RETENTION_DAYS, `at most ${MAX_HISTORY_RETENTION_DAYS} days`).optional(),
      })
      .strict()
      .optional(),
    /**
     * The desktop app's settings preset by a roll-out (docs/desktop.md): the
     * value a user has not chosen yet. The browser host ignores them.
     */
    desktop: z
      .object({
        startAtLogin: z.boolean().optional(),
        closeToTray: z.boolean().optional(),
      })
      .strict()
      .optional(),
    tls: z
      .object({
        fingerprints: z
          .array(z.string().max(200).regex(/^(sha-?256[\s:=]*)?([0-9a-f]{2}[:\s]?){32}$/i, 'must be a SHA-256 fingerprint, e.g. "sha256 AB:CD:..." (32 hex pairs)'))
          .max(32),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileInputSchema>;

const profileId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a profile id');
const endpoint = z.string().regex(/^[A-Za-z0-9.\-[\]:]{1,300}:\d{1,5}$/, 'must be host:port');

export const connectionsInvoke = {
  'profiles:list': invoke<ProfileList>()(z.undefined()),
  /** Create (no id) or update a profile; answers with the saved profile (no secrets). */
  'profiles:save': invoke<SiteProfile>()(z.object({ id: profileId.optional(), profile: profileInputSchema }).strict()),
  'profiles:delete': invoke<ProfileList>()(z.object({ id: profileId }).strict()),
  /** Make a saved profile the active one (ends everything of the previous one first). */
  'profiles:activate': invoke<ProfileList>()(z.object({ id: profileId }).strict()),
  /**
   * Import a profile file's text (the Import button). `${NAME}` is never
   * expanded here (only in a --profile file at start). A profile of the same
   * name is replaced only with `replace: true`; otherwise the answer is a
   * `conflict` the page asks about.
   */
  'profiles:import': invoke<SiteProfile>()(z.object({ text: z.string().min(2).max(256 * 1024), replace: z.boolean().optional() }).strict()),
  /** Test every server of a profile (default: the active one). */
  'connections:test': invoke<ConnectionTestResult[]>()(z.object({ id: profileId.optional() }).strict()),
  /**
   * Pin a certificate the user confirmed. Main accepts only the fingerprint it
   * last saw from that endpoint in a test, so the page cannot pin anything else.
   */
  'connections:trust': invoke<CertificateDetails[]>()(
    z.object({ endpoint, fingerprint: z.string().min(10).max(200) }).strict(),
  ),
  'connections:trusted': invoke<CertificateDetails[]>()(z.undefined()),
  'connections:forget': invoke<CertificateDetails[]>()(z.object({ endpoint }).strict()),
  'vault:status': invoke<VaultStatus>()(z.undefined()),
  /** The browser host's passphrase, sent once; a new vault is created with it if none exists. */
  'vault:unlock': invoke<VaultStatus>()(z.object({ passphrase: z.string().min(8, 'must be at least 8 characters').max(1024) }).strict()),
  /** Electron on Linux without a keyring: the user accepts the weaker basic_text storage. */
  'vault:accept-weak': invoke<VaultStatus>()(z.object({ accept: z.literal(true) }).strict()),
};

export const connectionsEvents = {
  'profiles:changed': event<ProfileList>(),
  'vault:changed': event<VaultStatus>(),
};

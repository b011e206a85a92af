import { LabNode } from '../lab-node';
import type { LabSeed } from '../seed';
import type { CredentialPolicy } from './credentials';
import { createCupiHandler } from './http';
import { populateDirectory } from './seed-directory';
import { SessionTable } from './sessions';
import { CucStore } from './store';
import { RequestThrottle } from './throttle';

/**
 * A simulated Unity Connection cluster: publisher and subscriber, each a
 * LabNode serving CUPI (/vmrest) over one shared store (the replicated
 * database). Faults come from LabNode (stop, hang, latency, 500s); CUPI's own
 * behaviour (throttling, session cookies, publisher-only provisioning) lives
 * in the request handler.
 *
 * Cluster rule: writes go to the publisher while it is up. A write sent to
 * the subscriber then gets 403 ([U]: status chosen by the lab). When the
 * publisher is stopped the subscriber acts as primary and accepts writes, as
 * Cisco documents for failover. A hung publisher still counts as up: a hung
 * service does not make the subscriber take over.
 *
 * Other choices where Cisco's documentation is silent or unconfirmed ([U]),
 * kept in one place so clients are written to tolerate them:
 * - a JSESSIONID cookie alone authenticates later requests on the same node;
 * - queries match case-insensitively; a list without sort=… is ordered by
 *   Alias (call handlers by DisplayName);
 * - fields a write sends that are unknown or read-only are ignored;
 * - DELETE of a distribution list works except for Undeletable system lists;
 * - an empty TimeExpires is refused for greetings and transfer options alike
 *   (CucStore.emptyGreetingExpiryMeansNoEndDate relaxes it for greetings);
 * - the closed greeting is "Off Hours" (Cisco's greeting page); "Closed" is
 *   accepted as a path alias;
 * - /vmrest/handlers/callhandlers lists system call handlers only; a user's
 *   own handler is reached through the user's CallHandlerObjectId;
 * - ErrorDetails codes come from a small fixed set (see errors.ts).
 */
export interface CucLabOptions {
  host?: string;
  /** Publisher and subscriber ports; 0 = any free port. Default [0, 0]. */
  ports?: [number, number];
  /** The administrator account CUPI accepts (HTTP Basic). */
  credentials: { username: string; password: string };
  /** Requests processed at once per node (older doc 3, newer FAQ 5). Default 3. */
  maxConcurrent?: number;
  /** A request queued longer than this gets 503 "server busy". Default 2000 ms. */
  queueTimeoutMs?: number;
  /** Simulated work per request, inside the throttle. Default 0. */
  processingDelayMs?: number;
  /** Override parts of the PIN/password policy (PIN minimum 6 digits, password 8 characters by default). */
  credentialPolicy?: Partial<CredentialPolicy>;
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
}

export interface CucLab {
  readonly publisher: LabNode;
  readonly subscriber: LabNode;
  /** Shared by both nodes: tests read and change objects here behind the console's back. */
  readonly store: CucStore;
  /** Simulated work per request inside the throttle; raise it to make requests queue. */
  processingDelayMs: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  setThrottle(maxConcurrent: number, queueTimeoutMs: number): void;
  /** Forget every JSESSIONID on both nodes (clients must sign in again). */
  clearSessions(): void;
}

export function createCucLab(seed: LabSeed, options: CucLabOptions): CucLab {
  const store = new CucStore({ credentialPolicy: options.credentialPolicy });
  populateDirectory(store, seed);

  const maxConcurrent = options.maxConcurrent ?? 3;
  const queueTimeoutMs = options.queueTimeoutMs ?? 2000;
  const [publisherPort, subscriberPort] = options.ports ?? [0, 0];
  const throttles = [new RequestThrottle(maxConcurrent, queueTimeoutMs), new RequestThrottle(maxConcurrent, queueTimeoutMs)] as const;
  const sessions = [new SessionTable(), new SessionTable()] as const;

  // Declared before the nodes because each handler asks about the publisher's state.
  let publisher: LabNode;

  const lab: CucLab = {
    store,
    processingDelayMs: options.processingDelayMs ?? 0,
    get publisher() {
      return publisher;
    },
    get subscriber() {
      return subscriber;
    },
    async start() {
      await publisher.start();
      await subscriber.start();
    },
    async stop() {
      for (const throttle of throttles) throttle.clear();
      await Promise.all([publisher.stop(), subscriber.stop()]);
    },
    setThrottle(max, timeout) {
      for (const throttle of throttles) throttle.setLimits(max, timeout);
    },
    clearSessions() {
      for (const table of sessions) table.clear();
    },
  };

  const nodeHandler = (role: 0 | 1, node: () => LabNode) =>
    createCupiHandler({
      store,
      credentials: options.credentials,
      throttle: throttles[role],
      sessions: sessions[role],
      acceptsWrites: () => role === 0 || publisher.state === 'stopped',
      baseUrl: () => node().url,
      processingDelayMs: () => lab.processingDelayMs,
    });

  publisher = new LabNode(
    { name: 'cuc-pub', host: options.host, port: publisherPort, tls: options.tls },
    nodeHandler(0, () => publisher),
  );
  const subscriber: LabNode = new LabNode(
    { name: 'cuc-sub', host: options.host, port: subscriberPort, tls: options.tls },
    nodeHandler(1, () => subscriber),
  );

  return lab;
}

export { CucStore, CUC_REFERENCE_IDS, GREETING_TYPES, TRANSFER_OPTION_TYPES, SEED_TIME } from './store';
export type { CucStoreOptions, GreetingType, TransferOptionType } from './store';
export type { CredentialKind, CredentialPolicy } from './credentials';
export { DEFAULT_CREDENTIAL_POLICY } from './credentials';
export { CupiError } from './errors';
export type { CupiRecord } from './wire';
export { LOCKED_OUT_PIN_USER_INDEXES, LOCKED_PASSWORD_USER_INDEXES, MUST_CHANGE_PIN_USER_INDEXES, WAREHOUSE_LINES } from './seed-directory';
export { formatCupiTime, parseCupiTime } from './time';

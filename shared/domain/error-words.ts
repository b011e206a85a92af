/**
 * Network and HTTP failures in sentences a supervisor can act on, naming the
 * system and the node by the names the profile gives them:
 * "UCCX node ccx-a refused the connection (is the Cisco Tomcat service running?)".
 * The technical detail ("connect ECONNREFUSED 10.0.0.5:8443") is kept apart,
 * for the log and a "Details" line, never the sentence itself.
 * Each sentence also goes by message id (`failureMessage`, `httpFailureMessage`),
 * one id per failure kind and HTTP status, so the renderer says it in the
 * user's language; the node's name and the server's reason are values.
 */
import type { MainMessage } from './main-message';

/** Why a request failed, in terms a person can act on. */
export type NetworkFailureKind =
  | 'name-not-found'
  | 'connection-refused'
  | 'timed-out'
  | 'certificate-untrusted'
  | 'certificate-changed'
  | 'connection-reset'
  | 'protocol';

/** Who was asked: "UCCX" and "ccx-a", "Unity Connection" and "cuc-pub", "the report server". */
export interface FailurePlace {
  /** The system's name: "UCCX", "Unity Connection", "Finesse", "Report server". */
  system: string;
  /** The node's name from the profile (its label, else its host name). */
  node?: string;
  /** A system with a single server (the report server) is named without the word "node". */
  single?: boolean;
}

export interface PlainFailure {
  kind: NetworkFailureKind;
  /** One sentence in words. */
  sentence: string;
  /** The technical detail (error code, address), for the log and a "Details" disclosure. */
  detail: string;
}

/** The Cisco service that usually answers each system, for the hint after "refused". */
const SERVICE_HINT: Record<string, string> = {
  UCCX: 'is the Cisco Tomcat service running?',
  'Unity Connection': 'is the Cisco Tomcat service running?',
  Finesse: 'is the Cisco Finesse Tomcat service running?',
  'Report server': 'is the report server running?',
};

/** Node error codes (Node's `error.code`) to a failure kind; unknown codes are `protocol`. */
export function failureKindOf(code: string | undefined): NetworkFailureKind {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'name-not-found';
    case 'ECONNREFUSED':
      return 'connection-refused';
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'ABORT_ERR':
      return 'timed-out';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'connection-reset';
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'certificate-untrusted';
    default:
      return 'protocol';
  }
}

/** "UCCX node ccx-a", "Report server lab", or "UCCX" when the node is not known. */
export function placeName(place: FailurePlace): string {
  if (!place.node) return place.system;
  return place.single ? `${place.system} ${place.node}` : `${place.system} node ${place.node}`;
}

/** The sentence for one kind of failure at one place. */
export function failureSentence(kind: NetworkFailureKind, place: FailurePlace): string {
  const who = placeName(place);
  switch (kind) {
    case 'name-not-found':
      return `The name of ${who} was not found (check the address in the profile, or the DNS).`;
    case 'connection-refused':
      return `${who} refused the connection (${SERVICE_HINT[place.system] ?? 'is the service running?'}).`;
    case 'timed-out':
      return `${who} did not answer in time.`;
    case 'connection-reset':
      return `${who} closed the connection.`;
    case 'certificate-untrusted':
      return `${who} presented a certificate this computer does not trust (trust it in Connections after checking its fingerprint).`;
    case 'certificate-changed':
      return `${who} presented a different certificate from the one you trusted: the connection is blocked until you confirm it in Connections.`;
    case 'protocol':
      return `${who} could not be reached.`;
  }
}

/**
 * The place as message values: `place` chooses the phrase ("UCCX node ccx-a",
 * "Report server lab", "UCCX"), `system` is the product's name (the same in
 * every language), `node` the node's name from the profile, `service` which
 * Cisco service the "refused" hint names.
 */
function placeValues(place: FailurePlace): Record<string, string> {
  const reports = place.system === 'Report server';
  return {
    place: reports ? 'reports' : place.node ? 'node' : 'system',
    system: place.system,
    node: place.node ?? '',
    service: reports ? 'reports' : place.system === 'Finesse' ? 'finesse' : SERVICE_HINT[place.system] ? 'tomcat' : 'other',
  };
}

/** Optional values: `presented` and `trusted` tell the message whether a certificate's fingerprints follow. */
export interface PresentedCertificate {
  fingerprint: string;
  subject: string;
  pinnedFingerprint?: string;
}

/** `failureSentence` by message id (`errors.network.<kind>`), with the fingerprints a certificate failure names (see network-error.ts). */
export function failureMessage(kind: NetworkFailureKind, place: FailurePlace, certificate?: PresentedCertificate): MainMessage {
  const values: Record<string, string> = { ...placeValues(place) };
  if (kind === 'certificate-untrusted' || kind === 'certificate-changed') {
    values.presented = certificate ? 'yes' : 'no';
    values.fingerprint = certificate?.fingerprint ?? '';
    values.subject = certificate?.subject ?? '';
    values.trusted = certificate?.pinnedFingerprint ? 'yes' : 'no';
    values.pinned = certificate?.pinnedFingerprint ?? '';
  }
  return { id: `errors.network.${kind}`, values };
}

/** The id of an HTTP status's sentence: one per status `httpStatusSentence` names, `5xx` and `other` for the rest. */
export function httpStatusMessageId(status: number): string {
  if ([400, 401, 403, 404, 409, 503].includes(status)) return `errors.http.${status}`;
  return status >= 500 ? 'errors.http.5xx' : 'errors.http.other';
}

/** `httpFailureSentence` by message id: the status's sentence, with the server's own reason as a value (`said` says whether there is one). */
export function httpFailureMessage(status: number, place: FailurePlace, serverReason?: string | null): MainMessage {
  const reason = serverReason?.trim() ?? '';
  return { id: httpStatusMessageId(status), values: { ...placeValues(place), status, said: reason ? 'yes' : 'no', reason } };
}

/** Any error from a socket or request at one place, as a sentence and its technical detail. */
export function plainFailure(error: unknown, place: FailurePlace): PlainFailure {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const kind = failureKindOf(typeof code === 'string' ? code : undefined);
  const detail = error instanceof Error ? error.message : String(error);
  return { kind, sentence: failureSentence(kind, place), detail };
}

/** A failure as a short phrase after a node's name, for lists of nodes: "ccx-b: connection refused". */
export function failurePhrase(kind: NetworkFailureKind): string {
  switch (kind) {
    case 'name-not-found':
      return 'name not found';
    case 'connection-refused':
      return 'connection refused';
    case 'timed-out':
      return 'no answer in time';
    case 'connection-reset':
      return 'connection closed';
    case 'certificate-untrusted':
      return 'certificate not trusted';
    case 'certificate-changed':
      return 'certificate changed since it was trusted';
    case 'protocol':
      return 'unreachable';
  }
}

/** An HTTP status from a server as a sentence: 401, 403, 404, 5xx and the rest. */
export function httpStatusSentence(status: number, place: FailurePlace): string {
  const who = placeName(place);
  if (status === 400) return `${who} refused the request as invalid (HTTP 400).`;
  if (status === 401) return `${who} did not accept the user name or password of this profile (HTTP 401).`;
  if (status === 403) return `${who} accepted the sign-in but does not allow this account to do that (HTTP 403).`;
  if (status === 404) return `${who} does not have what was asked for (HTTP 404): it may have been deleted, or the address is wrong.`;
  if (status === 409) return `${who} refused the change because it conflicts with what is there now (HTTP 409).`;
  // Whether the console tries again depends on what was asked (a queued change does, a one-off read does not): the caller says so.
  if (status === 503) return `${who} is busy or not in service (HTTP 503).`;
  if (status >= 500) return `${who} had an internal error (HTTP ${status}).`;
  return `${who} answered with an unexpected reply (HTTP ${status}).`;
}

/**
 * The sentence for an HTTP failure, then the server's own reason when it gave
 * one (UCCX's apiErrors, Unity Connection's ErrorDetails: users can act on
 * those): "UCCX node ccx-a refused the request as invalid (HTTP 400). It said: alias too long".
 */
export function httpFailureSentence(status: number, place: FailurePlace, serverReason?: string | null): string {
  const reason = serverReason?.trim();
  return reason ? `${httpStatusSentence(status, place)} It said: ${reason}` : httpStatusSentence(status, place);
}

/** The technical detail of an HTTP failure, for the log and a "Details" disclosure: "HTTP 500 from GET https://ccx-a:8443/adminapi/skill". */
export function httpFailureDetail(status: number, method: string, url: string): string {
  return `HTTP ${status} from ${method} ${url}`;
}

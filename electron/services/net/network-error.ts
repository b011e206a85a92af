import { ConsoleError } from '../../../shared/ipc/result';
import { failureKindOf, failureMessage, failureSentence, type FailurePlace, type NetworkFailureKind } from '../../../shared/domain/error-words';
import type { MainMessage } from '../../../shared/domain/main-message';

export type { NetworkFailureKind } from '../../../shared/domain/error-words';

/**
 * Why a request to a server failed, in terms a person can act on. Every
 * client maps low-level errors to one of these kinds; the Connections screen
 * turns them into its diagnosis.
 */

export interface CertificateInfo {
  endpoint: string;
  subject: string;
  fingerprint: string;
  /** For certificate-changed: the fingerprint the user trusted before. */
  pinnedFingerprint?: string;
}

export class NetworkError extends ConsoleError {
  constructor(
    readonly kind: NetworkFailureKind,
    message: string,
    readonly certificate?: CertificateInfo,
    /** The technical detail (error code, address) for the log; the message is the sentence. */
    detail?: string,
    /** The sentence by message id, when it names a place (`failureMessage`). */
    said?: MainMessage,
  ) {
    super(kind === 'timed-out' ? 'timeout' : 'unavailable', message, detail, said);
    this.name = 'NetworkError';
  }
}

/**
 * A low-level failure as a NetworkError. With `place` (the system and the
 * node's name from the profile) the message is the plain sentence of
 * shared/domain/error-words.ts and the raw error goes to `detail`; without
 * it, the message names the address (connection tests, which show it anyway).
 */
export function describeNetworkFailure(error: unknown, target: string, place?: FailurePlace): NetworkError {
  if (error instanceof NetworkError) {
    if (!place || error.kind === 'protocol') return error;
    return new NetworkError(
      error.kind,
      failureSentence(error.kind, place) + fingerprintNote(error),
      error.certificate,
      error.detail ?? error.message,
      failureMessage(error.kind, place, error.certificate),
    );
  }
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  const raw = `${target}: ${(error as Error)?.message ?? String(error)}`;
  const kind = failureKindOf(code);
  if (place) return new NetworkError(kind, failureSentence(kind, place), undefined, raw, failureMessage(kind, place));
  switch (kind) {
    case 'name-not-found':
      return new NetworkError(kind, `${target}: the server name was not found (DNS).`, undefined, raw);
    case 'connection-refused':
      return new NetworkError(kind, `${target}: connection refused; the server or service is not running.`, undefined, raw);
    case 'timed-out':
      return new NetworkError(kind, `${target}: no answer in time.`, undefined, raw);
    case 'connection-reset':
      return new NetworkError(kind, `${target}: the connection was closed by the server.`, undefined, raw);
    default:
      return new NetworkError('protocol', raw, undefined, raw);
  }
}

/** A certificate problem names the fingerprints: the user checks them before trusting anything. */
function fingerprintNote(error: NetworkError): string {
  const certificate = error.certificate;
  if (!certificate) return '';
  const trusted = certificate.pinnedFingerprint ? ` The one you trusted was ${certificate.pinnedFingerprint}.` : '';
  return ` It presented ${certificate.fingerprint} (${certificate.subject}).${trusted}`;
}

import { ConsoleError } from '../../../shared/ipc/result';

/**
 * Why a request to a server failed, in terms a person can act on. Every
 * client maps low-level errors to one of these kinds; the Connections screen
 * turns them into its diagnosis.
 */
export type NetworkFailureKind =
  | 'name-not-found'
  | 'connection-refused'
  | 'timed-out'
  | 'certificate-untrusted'
  | 'certificate-changed'
  | 'connection-reset'
  | 'protocol';

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
  ) {
    super(kind === 'timed-out' ? 'timeout' : 'unavailable', message);
    this.name = 'NetworkError';
  }
}

export function describeNetworkFailure(error: unknown, target: string): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new NetworkError('name-not-found', `${target}: the server name was not found (DNS).`);
    case 'ECONNREFUSED':
      return new NetworkError('connection-refused', `${target}: connection refused; the server or service is not running.`);
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'ABORT_ERR':
      return new NetworkError('timed-out', `${target}: no answer in time.`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new NetworkError('connection-reset', `${target}: the connection was closed by the server.`);
    default:
      return new NetworkError('protocol', `${target}: ${(error as Error)?.message ?? String(error)}`);
  }
}

import { basicAuthHeader, type HttpClient } from '../net/http-client';
import { describeNetworkFailure, NetworkError } from '../net/network-error';
import type { NetworkFailureKind } from '../../../shared/domain/error-words';
import { REALTIME_DEFAULTS } from '../../../shared/domain/queues';
import type { RealtimeSettings } from '../../../shared/domain/profile';
import { parseVoiceIaqStats } from './voice-iaq';
import { QueueSourceError, type QueueReading, type QueueStatsSource } from './source';

/** A UCCX node as the real-time source sees it: its configured base URL and whether it is the master now. */
export interface RealtimeNode {
  url: string;
  master: boolean;
  /** Answered its last probe. */
  answering: boolean;
}

export interface RealtimeSourceOptions {
  http: HttpClient;
  settings?: RealtimeSettings;
  /** The UCCX nodes, from the UCCX service's health (which one is master, which answer). */
  nodes: () => readonly RealtimeNode[];
  /** Basic credentials when the settings ask for them; null sends none. */
  credentials: { username: string; password: string } | null;
  /** Per request; default 5 s. */
  timeoutMs?: number;
}

/** The endpoint's URL for one UCCX node: {node} its base URL, {host} its host name, {port} the configured port. */
export function realtimeUrl(template: string, nodeUrl: string, port: number): string {
  let host = nodeUrl;
  try {
    host = new URL(nodeUrl).hostname;
  } catch {
    // Not a URL: use the text as given.
  }
  return template
    .replace('{node}', nodeUrl.replace(/\/+$/, ''))
    .replaceAll('{host}', host)
    .replaceAll('{port}', String(port));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The UCCX real-time endpoint `/realtime/VoiceIAQStats` (undocumented [U]).
 * It follows the UCCX master: the master is asked first, then the other
 * nodes that answer, then the rest, each once per reading, so a failover
 * continues the figures at the next poll.
 */
export class RealtimeQueueSource implements QueueStatsSource {
  readonly name = 'UCCX real-time (VoiceIAQStats)';

  constructor(private readonly options: RealtimeSourceOptions) {}

  private order(): RealtimeNode[] {
    const rank = (node: RealtimeNode) => (node.answering ? (node.master ? 0 : 1) : 2);
    return [...this.options.nodes()].sort((a, b) => rank(a) - rank(b));
  }

  async read(signal?: AbortSignal): Promise<QueueReading> {
    const settings = this.options.settings ?? {};
    const template = settings.url ?? REALTIME_DEFAULTS.url;
    const port = settings.port ?? REALTIME_DEFAULTS.port;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.options.credentials) headers.authorization = basicAuthHeader(this.options.credentials.username, this.options.credentials.password);
    let first: QueueSourceError | null = null;
    for (const node of this.order()) {
      const url = realtimeUrl(template, node.url, port);
      const where = hostOf(url);
      try {
        const response = await this.options.http
          .request({ method: 'GET', url, headers, timeoutMs: this.options.timeoutMs ?? 5000, signal, maxResponseBytes: 4 * 1024 * 1024 })
          .catch((error: unknown) => {
            throw networkProblem(error, where);
          });
        if (response.status === 404) {
          const path = new URL(url).pathname;
          throw new QueueSourceError(`${where} answered HTTP 404: no real-time endpoint at ${path} (check realtime.url and realtime.port in the profile)`, {
            id: 'main.queues.notFound',
            values: { where, path },
          });
        }
        if (response.status === 401 || response.status === 403) {
          const kind = this.options.credentials ? 'credentials' : 'none';
          throw new QueueSourceError(
            `${where} refused ${this.options.credentials ? 'the credentials' : 'a request without credentials'} (HTTP ${response.status}); set realtime.auth in the profile`,
            { id: 'main.queues.refused', values: { where, kind, status: response.status } },
          );
        }
        if (response.status !== 200) throw new QueueSourceError(`${where} answered HTTP ${response.status}`, { id: 'main.queues.httpStatus', values: { where, status: response.status } });
        try {
          return { queues: parseVoiceIaqStats(response.text()), node: where };
        } catch (error) {
          // The answer was not queue statistics: the node named before what it answered.
          const said = error instanceof QueueSourceError && error.said ? { ...error.said, values: { ...error.said.values, where } } : undefined;
          throw new QueueSourceError(`${where} ${(error as Error).message}`, said);
        }
      } catch (error) {
        if (signal?.aborted) throw error;
        first ??= error instanceof QueueSourceError ? error : new QueueSourceError(`${where}: ${String(error)}`);
      }
    }
    throw first ?? new QueueSourceError('no UCCX node is configured', { id: 'main.queues.noNode' });
  }
}

/** The network sentences a queue reading's failure can be said by, for the failures `describeNetworkFailure` words itself. */
const NETWORK_PROBLEM_IDS: Partial<Record<NetworkFailureKind, string>> = {
  'name-not-found': 'main.queues.network.nameNotFound',
  'connection-refused': 'main.queues.network.refused',
  'timed-out': 'main.queues.network.noAnswer',
  'connection-reset': 'main.queues.network.closed',
};

/**
 * A request to a node that got no answer: "ccx-a:9080: connection refused;
 * the server or service is not running", by id where the sentence is one of
 * ours. A timeout the HTTP client words ("no answer within 5000 ms") is said
 * with its wait; other failures (certificates, a protocol error's own text)
 * stay in main's English.
 */
export function networkProblem(error: unknown, where: string): QueueSourceError {
  const failure = describeNetworkFailure(error, where);
  const message = failure.message.replace(/\.$/, '');
  if (!(error instanceof NetworkError)) {
    const id = NETWORK_PROBLEM_IDS[failure.kind];
    return new QueueSourceError(message, id ? { id, values: { where } } : undefined);
  }
  const timeout = /^(.*): no answer within (\d+) ms$/.exec(message);
  if (failure.kind === 'timed-out' && timeout) return new QueueSourceError(message, { id: 'main.queues.network.noAnswerWithin', values: { where: timeout[1]!, ms: Number(timeout[2]) } });
  return new QueueSourceError(message);
}

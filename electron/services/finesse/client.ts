import { EventEmitter } from 'node:events';
import { basicAuthHeader, type HttpClient, type HttpResponse } from '../net/http-client';
import { NetworkError } from '../net/network-error';
import { ConsoleError, type IpcErrorCode } from '../../../shared/ipc/result';
import type { FinesseNodeState } from '../../../shared/domain/finesse';
import type { MainSentence } from '../../../shared/domain/main-message';
import { FinesseReplyError, parseApiErrors, parseSystemInfo } from './finesse-xml';
import { nodeNames } from '../../../shared/domain/profile';
import { failurePhrase } from '../../../shared/domain/error-words';

/**
 * The Finesse REST client for one UCCX pair (apis-2.md §1).
 *
 * - Finds the node in service with `GET /finesse/api/SystemInfo` (the last
 *   good node first, then the other): `status` IN_SERVICE. A 503, a refused
 *   or failed connection, or OUT_OF_SERVICE moves it to the other node.
 *   Only the profile's own nodes receive the password: the peer SystemInfo
 *   names is shown in messages, never called.
 * - Corrects for clock skew: `currentTimestamp` minus the middle of our
 *   request's round trip is Finesse's clock minus ours.
 * - A request answered 503, or whose connection was refused (nothing was
 *   sent), is tried once on the other node. A write whose answer never came
 *   is not repeated: it may have been applied.
 * - Nothing is ever queued: with no node in service a request fails at once
 *   with an `unavailable` error that says so.
 */
export interface FinesseClientOptions {
  nodes: string[];
  /** The profile's names for the nodes, in the same order (default: host names). */
  nodeLabels?: ReadonlyArray<string | undefined>;
  username: string;
  password: string;
  http: HttpClient;
  /** Per request; default 6 s. */
  timeoutMs?: number;
  now?: () => number;
}

export class FinesseClient extends EventEmitter<{ changed: [] }> {
  private readonly states: FinesseNodeState[];
  private active: string | null = null;
  private locating: Promise<string> | null = null;
  private skew = 0;
  private readonly now: () => number;

  constructor(private readonly options: FinesseClientOptions) {
    super();
    this.now = options.now ?? Date.now;
    const names = nodeNames(options.nodes, options.nodeLabels);
    this.states = options.nodes.map((url, index) => ({ url: url.replace(/\/+$/, ''), name: names[index]!, status: 'unknown', problem: 'not checked yet', problemMessage: { id: 'main.finesse.problem.checking' }, since: this.now() }));
  }

  /** The name the screen uses for a node URL. */
  private nameOf(url: string): string {
    return this.states.find((state) => state.url === url.replace(/\/+$/, ''))?.name ?? url;
  }

  get activeNode(): string | null {
    return this.active;
  }

  /** Finesse's clock minus ours, in ms. */
  get skewMs(): number {
    return this.skew;
  }

  nodes(): FinesseNodeState[] {
    return this.states.map((state) => ({ ...state }));
  }

  /** `unavailableReason` by message id: each node's name with its problem (by id where main says it so). */
  unavailableMessage(): MainSentence {
    const nodes: MainSentence[] = this.states.map((state) => ({
      id: state.problem === null ? 'main.finesse.nodeInService' : 'main.finesse.nodeProblem',
      values: { name: state.name, problem: state.problemMessage ?? state.problem ?? '' },
    }));
    return { id: 'main.finesse.down', values: { nodes } };
  }

  /** Why no node is in service, in one sentence. */
  unavailableReason(): string {
    const parts = this.states.map((state) => `${state.name}: ${state.problem ?? 'in service'}`);
    return `Finesse is not in service on any node (${parts.join('; ')}).`;
  }

  /** The node in service, found through SystemInfo (one search at a time). */
  locate(): Promise<string> {
    this.locating ??= this.search().finally(() => (this.locating = null));
    return this.locating;
  }

  /**
   * The health poll: SystemInfo on every node (so each node's line stays
   * true, the standby's too), then a search if none is in service.
   */
  async check(): Promise<void> {
    const active = this.active;
    // The node in service first: when it still is, the others are only looked at.
    await Promise.all(this.states.map((state) => this.probe(state.url, state.url === active)));
    if (this.active) return;
    await this.locate().catch(() => {
      // The state says why; callers of requests get the error.
    });
  }

  private async search(): Promise<string> {
    const order = [...this.states].sort((a, b) => Number(b.url === this.active) - Number(a.url === this.active));
    for (const state of order) {
      if (await this.probe(state.url)) return state.url;
    }
    this.setActive(null);
    throw new ConsoleError('unavailable', `${this.unavailableReason()} Nothing was sent.`);
  }

  /** SystemInfo on one node: true when in service (and then it becomes the active node, unless `adopt` is false and one is active). */
  private async probe(url: string, adopt = true): Promise<boolean> {
    const started = this.now();
    let response: HttpResponse;
    try {
      response = await this.options.http.request({ method: 'GET', url: `${url}/finesse/api/SystemInfo`, headers: this.headers(), timeoutMs: this.options.timeoutMs ?? 6_000, place: { system: 'Finesse', node: this.nameOf(url) } });
    } catch (error) {
      this.mark(url, 'unreachable', describeFailure(error), error instanceof NetworkError ? { id: `main.failure.${error.kind}` } : null);
      return false;
    }
    const ended = this.now();
    if (response.status === 503) {
      this.mark(url, 'out-of-service', 'not in service (HTTP 503)', { id: 'main.finesse.problem.notInService' });
      return false;
    }
    if (response.status === 401 || response.status === 403) {
      this.mark(url, 'unreachable', `the Finesse user name or password was rejected (HTTP ${response.status})`, { id: 'main.finesse.problem.rejected', values: { status: response.status } });
      return false;
    }
    if (response.status !== 200) {
      this.mark(url, 'unreachable', `SystemInfo answered HTTP ${response.status}`, { id: 'main.finesse.problem.http', values: { status: response.status } });
      return false;
    }
    try {
      const info = parseSystemInfo(response.text());
      if (info.status !== 'IN_SERVICE') {
        this.mark(url, 'out-of-service', `${info.status || 'no status'}${info.statusReason ? ` (${info.statusReason})` : ''}`);
        return false;
      }
      this.mark(url, 'in-service', null);
      if (adopt || !this.active) {
        if (info.currentTimestamp !== null) this.skew = info.currentTimestamp - Math.round((started + ended) / 2);
        this.setActive(url);
      }
      return true;
    } catch (error) {
      this.mark(url, 'unreachable', error instanceof FinesseReplyError ? error.message : String(error));
      return false;
    }
  }

  /** A node's state; `problemMessage` says `problem` by message id where it is our words (Finesse's own status is shown as sent). */
  private mark(url: string, status: FinesseNodeState['status'], problem: string | null, problemMessage: MainSentence | null = null): void {
    const state = this.states.find((s) => s.url === url);
    if (!state) return;
    if (state.status !== status || state.problem !== problem) {
      if (state.status !== status) state.since = this.now();
      state.status = status;
      state.problem = problem;
      state.problemMessage = problemMessage;
      this.emit('changed');
    }
    if (status !== 'in-service' && this.active === url) this.setActive(null);
  }

  private setActive(url: string | null): void {
    if (this.active === url) return;
    this.active = url;
    this.emit('changed');
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: basicAuthHeader(this.options.username, this.options.password), accept: 'application/xml', ...extra };
  }

  /**
   * One request to the node in service. Returns every answer except 503
   * (which moves to the other node); the caller reads its status.
   */
  async request(method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, body?: string): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      const node = this.active ?? (await this.locate());
      let response: HttpResponse;
      try {
        response = await this.options.http.request({
          method,
          url: node + path,
          headers: this.headers(body !== undefined ? { 'content-type': 'application/xml' } : {}),
          body,
          timeoutMs: this.options.timeoutMs ?? 6_000,
          place: { system: 'Finesse', node: this.nameOf(node) },
        });
      } catch (error) {
        this.mark(node, 'unreachable', describeFailure(error));
        // A refused connection carried nothing; a read may always be repeated. A write that got no answer may have been applied.
        const safe = method === 'GET' || (error instanceof NetworkError && error.kind === 'connection-refused');
        if (attempt === 0 && safe) continue;
        if (!safe && error instanceof NetworkError && error.kind === 'timed-out') {
          throw new ConsoleError(
            'timeout',
            `Finesse node ${this.nameOf(node)} did not answer in time: the change may or may not have been made. Check the board before trying again.`,
            undefined,
            { id: 'errors.finesse.writeTimedOut', values: { node: this.nameOf(node) } },
          );
        }
        if (error instanceof NetworkError) throw new ConsoleError('unavailable', error.message, error.detail, error.said);
        throw new ConsoleError('unavailable', `Finesse node ${this.nameOf(node)} could not be reached: ${describeFailure(error)}.`, undefined, {
          id: 'errors.finesse.unreachable',
          values: { node: this.nameOf(node), reason: describeFailure(error) },
        });
      }
      if (response.status === 503) {
        // Not in service (any more): the request was not applied there.
        this.mark(node, 'out-of-service', 'not in service (HTTP 503)');
        if (attempt === 0) continue;
        throw new ConsoleError('unavailable', `${this.unavailableReason()} Nothing was sent.`);
      }
      return response;
    }
  }
}

/** What was asked of Finesse, for the sentence when it refuses: `subject` is a user's, team's or agent's name. */
export type FinesseRequest =
  | { kind: 'teams' | 'team' | 'change' | 'messages'; subject: string }
  | { kind: 'message' | 'deleteMessage' };

function requestWords(request: FinesseRequest): string {
  switch (request.kind) {
    case 'teams':
      return `the request for ${request.subject}'s teams`;
    case 'team':
      return `the request for team ${request.subject}`;
    case 'change':
      return `the change for ${request.subject}`;
    case 'messages':
      return `the team messages of ${request.subject}`;
    case 'message':
      return 'the team message';
    case 'deleteMessage':
      return 'deleting the team message';
  }
}

/** A Finesse error answer as a typed error with Finesse's own words (a value in the sentence by id). */
export function finesseRefusal(response: HttpResponse, request: FinesseRequest): ConsoleError {
  const errors = parseApiErrors(response.text());
  const first = errors[0];
  const code: IpcErrorCode = response.status === 401 || response.status === 403 ? 'forbidden' : response.status === 404 ? 'not_found' : 'rejected';
  const what = requestWords(request);
  const values = { request: request.kind, subject: 'subject' in request ? request.subject : '', status: response.status };
  if (!first) return new ConsoleError(code, `Finesse answered ${what} with HTTP ${response.status}.`, undefined, { id: 'errors.finesse.answered', values });
  const words = [first.type, first.message].filter(Boolean).join(': ');
  return new ConsoleError(code, `Finesse refused ${what}: ${words}`, undefined, { id: 'errors.finesse.refused', values: { ...values, words } });
}

/** A failure in words without its host (the node's name goes in front of it). */
function describeFailure(error: unknown): string {
  if (error instanceof NetworkError) return failurePhrase(error.kind);
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\S+?:\d+: /, '').replace(/\.$/, '');
}

import { EventEmitter } from 'node:events';
import { ConsoleError } from '../../../shared/ipc/result';
import {
  FINESSE_OFF,
  TEAM_MESSAGE_MAX_SECONDS,
  TEAM_MESSAGE_MIN_SECONDS,
  type FinesseNodeState,
  type FinesseState,
  type FinesseProblemSentence,
  type FinesseTeam,
  type SupervisorTarget,
  type TeamMessage,
} from '../../../shared/domain/finesse';
import type { ServerState, ServerStatus } from '../../../shared/domain/status';
import type { MainSentence } from '../../../shared/domain/main-message';
import { nodeNameIn, statusIdFor } from '../../../shared/domain/profile';
import type { ActiveSite } from '../site/site-manager';
import type { HttpClient } from '../net/http-client';
import type { Logger } from '../log/logger';
import { FinesseClient, finesseRefusal } from './client';
import { FinesseReplyError, parseTeam, parseTeamMessages, parseUser, stateChangeBody, teamMessageBody, type TeamUser } from './finesse-xml';

/**
 * Finesse for the active site: which node is in service (checked every few
 * seconds, reported as a 'state' event like every site service), the
 * supervisor's teams and their members' exact states, state changes and team
 * messages. Times it hands out are on our clock (Finesse's skew removed).
 */
export interface FinesseServiceOptions {
  nodes: string[];
  /** The profile's names for the nodes, in the same order. */
  nodeLabels?: ReadonlyArray<string | undefined>;
  username: string;
  password: string;
  http: HttpClient;
  log: Logger;
  /** How often the node in service is checked; default 5 s. */
  pollIntervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/** A team member as Finesse read it, with its time in state on our clock. */
export interface TeamMemberReading extends TeamUser {
  /** stateChangeTime corrected for Finesse's clock skew; null when Finesse gave none. */
  since: number | null;
}

export interface TeamReading {
  team: FinesseTeam;
  members: TeamMemberReading[];
  /** Epoch ms (our clock) when the request was sent: the reading is true as of then or later. */
  readAt: number;
}

/** How the status bar shows Finesse. */
export function finesseServerState(state: FinesseState): ServerState {
  return state.mode === 'ok' ? (state.problem ? 'degraded' : 'ok') : state.mode === 'down' ? 'down' : state.mode === 'off' ? 'off' : 'connecting';
}

/** The status-bar line of each Finesse node ("finesse:<host>", with the UCCX lines). */
export function finesseNodeStatuses(state: FinesseState): Array<Omit<ServerStatus, 'since'>> {
  return state.nodes.map((node) => ({
    id: statusIdFor('finesse', node.url),
    kind: 'uccx',
    label: `Finesse ${node.name}`,
    nodeName: node.name,
    state: node.status === 'in-service' || node.status === 'out-of-service' ? 'ok' : node.status === 'unreachable' ? 'down' : 'connecting',
    detail:
      node.status === 'in-service'
        ? 'Connected: Finesse is in service here.'
        : node.status === 'out-of-service'
          ? `Standby — takes over if the active node fails (Finesse is not in service here: ${node.problem ?? 'out of service'}).`
          : (node.problem ?? 'Checking the connection.'),
    ...nodeDetailMessage(node),
  }));
}

/**
 * A Finesse node's tooltip by message id. Finesse's own status goes in as it
 * sent it; a problem main words in English only (an unreadable answer) leaves
 * the tooltip in English.
 */
function nodeDetailMessage(node: FinesseNodeState): { detailMessage?: MainSentence } {
  if (node.status === 'in-service') return { detailMessage: { id: 'main.finesse.node.inService' } };
  if (node.status === 'out-of-service') {
    return { detailMessage: node.problem === null ? { id: 'main.finesse.node.standbyPlain' } : { id: 'main.finesse.node.standby', values: { problem: node.problemMessage ?? node.problem } } };
  }
  if (node.problem === null) return { detailMessage: { id: 'node.checking.detail' } };
  return node.problemMessage ? { detailMessage: node.problemMessage } : {};
}

const TEAMS_CACHE_MS = 5 * 60_000;

export class FinesseService extends EventEmitter<{ state: [FinesseState] }> {
  readonly client: FinesseClient;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private stopped = false;
  private teamsCache: { at: number; teams: FinesseTeam[] } | null = null;
  private problem: string | null = null;
  private problemSentences: FinesseProblemSentence[] | null = null;
  private lastState = '';
  private readonly now: () => number;

  constructor(private readonly options: FinesseServiceOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.client = new FinesseClient({ nodes: options.nodes, nodeLabels: options.nodeLabels, username: options.username, password: options.password, http: options.http, timeoutMs: options.timeoutMs, now: this.now });
    this.client.on('changed', () => this.publish());
  }

  static forSite(site: ActiveSite, overrides: Partial<FinesseServiceOptions> = {}): FinesseService | null {
    const finesse = site.profile.finesse;
    if (!finesse || finesse.nodes.length === 0) return null;
    return new FinesseService({
      nodes: finesse.nodes,
      nodeLabels: finesse.nodes.map((url) => nodeNameIn(site.profile, 'finesse', url)),
      username: finesse.username,
      password: site.secrets.finessePassword ?? '',
      http: site.http,
      log: site.log.child('finesse'),
      ...overrides,
    });
  }

  get username(): string {
    return this.options.username;
  }

  async start(): Promise<void> {
    this.started = true;
    await this.client.check();
    this.publish();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.client.check().finally(() => this.schedule());
    }, this.options.pollIntervalMs ?? 5_000);
    this.timer.unref?.();
  }

  state(): FinesseState {
    const active = this.client.activeNode;
    const nodes = this.client.nodes();
    const mode: FinesseState['mode'] = active ? 'ok' : !this.started || nodes.every((n) => n.status === 'unknown') ? 'connecting' : 'down';
    const activeName = nodes.find((n) => n.url === active)?.name;
    const detail =
      mode === 'ok'
        ? `In service on ${activeName}, signed in as ${this.options.username}.${this.problem ? ` ${this.problem}` : ''}`
        : mode === 'down'
          ? `${this.client.unavailableReason()} Agent actions and team messages are refused until it is back; nothing is queued.`
          : 'Looking for the Finesse node in service.';
    // The problem with Finesse's answers is main's English (the board shows it apart, BoardActions); it goes in as sent.
    const detailMessage: MainSentence =
      mode === 'ok'
        ? { id: 'main.finesse.inService', values: { node: activeName ?? '', user: this.options.username, hasProblem: this.problem ? 'yes' : 'no', problem: this.problem ?? '' } }
        : mode === 'down'
          ? this.client.unavailableMessage()
          : { id: 'main.finesse.connecting' };
    return { ...FINESSE_OFF, mode, detail, detailMessage, activeNode: active, nodes, skewMs: this.client.skewMs, username: this.options.username, problem: this.problem, problemSentences: this.problemSentences };
  }

  /** A problem with Finesse's last answers (null: none), shown on the board and in the status bar. */
  setProblem(sentences: readonly FinesseProblemSentence[] | null): void {
    const problem = sentences?.length ? sentences.map((sentence) => sentence.english).join(' ') : null;
    if (this.problem === problem) return;
    this.problem = problem;
    this.problemSentences = problem ? [...sentences!] : null;
    this.publish();
  }

  private publish(): void {
    const state = this.state();
    // The skew wobbles by a few ms per reading: only a change of a second or more is news.
    const key = JSON.stringify({ ...state, skewMs: Math.round(state.skewMs / 1000), nodes: state.nodes.map((n) => [n.status, n.problem]) });
    if (key === this.lastState) return;
    this.lastState = key;
    this.emit('state', state);
  }

  // ---- reading --------------------------------------------------------------

  /** The teams the supervisor supervises (`User/<username>` → teams), cached for a few minutes. */
  async supervisedTeams(refresh = false): Promise<FinesseTeam[]> {
    if (!refresh && this.teamsCache && this.now() - this.teamsCache.at < TEAMS_CACHE_MS) return this.teamsCache.teams;
    const response = await this.client.request('GET', `/finesse/api/User/${encodeURIComponent(this.options.username)}`);
    if (response.status !== 200) throw finesseRefusal(response, { kind: 'teams', subject: this.options.username });
    const user = this.parse(() => parseUser(response.text()));
    if (!user.roles.some((role) => role.toLowerCase() === 'supervisor')) {
      throw new ConsoleError('forbidden', `${this.options.username} is not a supervisor in Finesse, so it cannot act on agents or send team messages.`, undefined, {
        id: 'errors.finesse.notSupervisor',
        values: { user: this.options.username },
      });
    }
    this.teamsCache = { at: this.now(), teams: user.teams };
    return user.teams;
  }

  /** One team's members with their exact states; times on our clock. */
  async readTeam(team: FinesseTeam): Promise<TeamReading> {
    const readAt = this.now();
    const response = await this.client.request('GET', `/finesse/api/Team/${encodeURIComponent(team.id)}`);
    if (response.status !== 200) throw finesseRefusal(response, { kind: 'team', subject: team.name || team.id });
    const view = this.parse(() => parseTeam(response.text(), team.id));
    const skew = this.client.skewMs;
    return {
      team: { id: team.id, name: view.name || team.name },
      members: view.users.map((user) => ({ ...user, since: user.stateChangeTime === null ? null : user.stateChangeTime - skew })),
      readAt,
    };
  }

  private parse<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof FinesseReplyError) throw new ConsoleError('rejected', error.message);
      throw error;
    }
  }

  // ---- acting -----------------------------------------------------------------

  /** Ask Finesse to move an agent (202 Accepted); the result shows later as a state change. */
  async setState(agentId: string, target: SupervisorTarget, agentName: string): Promise<void> {
    const response = await this.client.request('PUT', `/finesse/api/User/${encodeURIComponent(agentId)}`, stateChangeBody(target));
    if (response.status === 202 || response.status === 200 || response.status === 204) return;
    throw finesseRefusal(response, { kind: 'change', subject: agentName });
  }

  // ---- team messages ----------------------------------------------------------

  /** Active messages on the supervisor's teams, newest first (list path [U]: Team/<id>/TeamMessages). */
  async messages(): Promise<TeamMessage[]> {
    const teams = await this.supervisedTeams();
    const byId = new Map<string, TeamMessage>();
    for (const team of teams) {
      const response = await this.client.request('GET', `/finesse/api/Team/${encodeURIComponent(team.id)}/TeamMessages`);
      if (response.status === 404) continue;
      if (response.status !== 200) throw finesseRefusal(response, { kind: 'messages', subject: team.name });
      for (const message of this.parse(() => parseTeamMessages(response.text(), `the team messages of ${team.name}`))) {
        const createdAt = (message.createdAt ?? this.now() + this.client.skewMs) - this.client.skewMs;
        const known = byId.get(message.id);
        const teamIds = [...new Set([...(known?.teamIds ?? []), ...message.teamIds])];
        byId.set(message.id, { id: message.id, content: message.content, teamIds, createdAt, durationSeconds: message.durationSeconds, expiresAt: createdAt + message.durationSeconds * 1000, createdBy: message.createdBy });
      }
    }
    const now = this.now();
    return [...byId.values()].filter((m) => m.expiresAt > now).sort((a, b) => b.createdAt - a.createdAt);
  }

  async sendMessage(content: string, teamIds: readonly string[], durationSeconds: number): Promise<TeamMessage[]> {
    if (durationSeconds < TEAM_MESSAGE_MIN_SECONDS || durationSeconds > TEAM_MESSAGE_MAX_SECONDS) {
      throw new ConsoleError('invalid_payload', 'A team message shows for 5 minutes to 23 h 55 min.', undefined, { id: 'errors.finesse.messageDuration' });
    }
    const mine = new Set((await this.supervisedTeams()).map((team) => team.id));
    const foreign = teamIds.filter((id) => !mine.has(id));
    if (foreign.length) {
      throw new ConsoleError('forbidden', `You do not supervise team ${foreign.join(', ')} in Finesse.`, undefined, { id: 'errors.finesse.notYourTeam', values: { teams: foreign.join(', ') } });
    }
    const response = await this.client.request('POST', '/finesse/api/TeamMessage', teamMessageBody(content, durationSeconds, teamIds));
    // 207: saved, but not copied to the other node [C]; still sent.
    if (response.status !== 200 && response.status !== 201 && response.status !== 207) throw finesseRefusal(response, { kind: 'message' });
    return this.messages();
  }

  async deleteMessage(id: string): Promise<TeamMessage[]> {
    const response = await this.client.request('DELETE', `/finesse/api/TeamMessage/${encodeURIComponent(id)}`);
    if (response.status !== 200 && response.status !== 204 && response.status !== 404) throw finesseRefusal(response, { kind: 'deleteMessage' });
    return this.messages();
  }
}

import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { Socket } from 'node:net';
import { listenOn } from '../lab-node';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { createRandom, type LabSeed } from '../seed';
import { CallJourneyRecorder, type RecordedCall } from './journeys';
import {
  CALL_STATES,
  SUPERVISOR_LOGOUT,
  SUPERVISOR_NOT_READY,
  TeamStatusModel,
  type AgentStateName,
  type LabReasonCode,
  type MemberState,
  type TeamNotification,
  type TeamState,
} from './model';
import {
  COMMAND_BEGIN,
  COMMAND_CALL_JOURNEY,
  COMMAND_END,
  COMMAND_UNKNOWN,
  EVENT_PREFIX,
  FailureCode,
  eventFrame,
  failureFrame,
  successFrame,
  type MemberStatus,
  type WireMember,
} from './protocol';
import { ScenarioEngine } from './scenario';

/**
 * The simulated UCCX report server: a WebSocket endpoint speaking the Report
 * Server resource protocol (team status subscriptions and call journeys), fed
 * by a deterministic scenario engine, with the faults a live board must
 * survive (dropped sockets, malformed frames, a silent server, refusal).
 */

export interface ReportLabOptions {
  host?: string;
  /** 0 = any free port; the port is kept across stopServer()/startServer(). */
  port?: number;
  /** Status changes per second across all agents (default 5; load tests use 1000). */
  rate?: number;
  /** PRNG seed of the scenario (default seed.options.seed). */
  seed?: number;
  /** Run the scenario engine on start (default true). */
  autoStart?: boolean;
}

export type ReportLabEvent = 'begin' | 'end' | 'calljourney';

/**
 * The agents as Finesse sees them: the same members and states the report
 * server streams (one world). Every change goes through the shared model and
 * reaches report subscribers as memberstatuschanged when the status they see
 * changed.
 */
export interface AgentWorld {
  readonly reasonCodes: readonly LabReasonCode[];
  member(memberId: string): MemberState | undefined;
  team(teamId: string): TeamState | undefined;
  teams(): TeamState[];
  teamsSupervisedBy(supervisorId: string): TeamState[];
  reasonByLabel(label: string): LabReasonCode | null;
  setAgentState(memberId: string, state: AgentStateName, reason: LabReasonCode | null): MemberState;
  /** Set what happens when the current call ends (a supervisor's sign-out of an agent on a call). */
  setPendingState(memberId: string, state: AgentStateName | null): MemberState;
  /** A routed call reaches a Ready agent: TALKING (the report status stays ready). */
  startCall(memberId: string): MemberState;
  /** The call ends: the pending state if one is set (a sign-out), else wrap-up. */
  endCall(memberId: string): MemberState;
  /** The lab's true clock (epoch ms). */
  now(): number;
}

export interface ReportSnapshotTeam {
  teamId: string;
  teamName: string;
  members: WireMember[];
}

export interface ReportLab {
  /** ws://host:port/ (valid after start). */
  readonly url: string;
  start(): Promise<void>;
  /** Stop the scenario, close the server and every socket. */
  stop(): Promise<void>;

  setRate(eventsPerSecond: number): void;
  pause(): void;
  resume(): void;
  /** Apply `count` scenario status changes now and send their events before returning. */
  step(count?: number): void;

  /** What the supervisor's board should show: their teams with every member's current status. */
  snapshot(supervisorId: string): ReportSnapshotTeam[];
  /** Ids of recorded call journeys, newest first. */
  callIds(): string[];
  /** The last `limit` recorded calls with when they ended and who called, newest first. */
  recentCalls(limit: number): RecordedCall[];
  /** Member entries sent in memberstatuschanged events so far, summed over every subscription. */
  statusChangesSent(): number;

  renameTeam(teamId: string, newName: string): void;
  /** The supervisor also becomes a member; listed agents move out of their previous team. */
  addTeam(team: { teamId: string; teamName: string; memberIds: string[] }, supervisorId: string): void;
  removeTeam(teamId: string): void;
  /** Move a member into a team (an agent leaves its previous team, announced with memberremoved). */
  addMember(teamId: string, memberId: string): void;
  removeMember(teamId: string, memberId: string): void;
  setMemberStatus(memberId: string, status: MemberStatus, reason?: string): void;
  /** The agents and their Finesse states (shared with the Finesse lab). */
  readonly agents: AgentWorld;

  /** Terminate every client socket without a close handshake. */
  dropAllSockets(): void;
  /** Send one malformed frame to every socket holding at least one subscription. */
  sendMalformed(kind: MalformedKind): void;
  /** Keep sockets open but send nothing, answer no request and no ping. */
  setSilent(silent: boolean): void;
  /** Answer pings and every other request, but ignore report.teamstatus.begin (a half-broken server). */
  setIgnoreBegin(ignore: boolean): void;
  /** Refuse connections (the port is closed) / accept again on the same port. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  connectionCount(): number;
  /** One entry per active begin subscription (a socket subscribed twice counts once). */
  subscriptions(): Array<{ agentId: string }>;
  /**
   * Requests as they arrive (also failed ones): `begin`/`end` with the agentId
   * (undefined when missing), `calljourney` with the requested CallId.
   * Closing a socket does not emit `end`: only an explicit end request does.
   */
  on(event: ReportLabEvent, listener: (agentId: string | undefined) => void): void;
  off(event: ReportLabEvent, listener: (agentId: string | undefined) => void): void;
}

export type MalformedKind = 'invalid-json' | 'unknown-event' | 'missing-fields' | 'unknown-status' | 'binary';

/** Scenario timer period: changes due in a period are sent together, grouped per team. */
export const TICK_MS = 20;
/** A client this far behind is cut off, as a real server would, instead of buffering without end. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

interface Connection {
  readonly socket: WebSocket;
  /** Supervisors subscribed on this socket, in subscription order. */
  readonly subscribedAgentIds: Set<string>;
}

export function createReportLab(seed: LabSeed, options: ReportLabOptions = {}): ReportLab {
  return new ReportLabServer(seed, options);
}

class ReportLabServer implements ReportLab {
  private readonly host: string;
  private port: number;
  private rate: number;
  private readonly autoStart: boolean;

  private readonly model: TeamStatusModel;
  readonly agents: AgentWorld;
  private readonly journeys: CallJourneyRecorder;
  private readonly scenario: ScenarioEngine;
  /** Agents known to UCCX: begin for anyone else fails with UNKNOWN_AGENT. */
  private readonly knownAgentIds: ReadonlySet<string>;

  private httpServer: http.Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false });
  private readonly rawSockets = new Set<Socket>();
  private readonly connections = new Set<Connection>();
  /** supervisorId → connections subscribed for them: the fan-out index of every event. */
  private readonly viewers = new Map<string, Set<Connection>>();
  private readonly listeners = new EventEmitter();

  private silent = false;
  private ignoreBegin = false;
  private statusUpdatesSent = 0;

  private timer: NodeJS.Timeout | null = null;
  private paused = false;
  private lastTickAt = 0;
  /** Fraction of a change carried to the next tick, so low rates are exact on average. */
  private carriedChanges = 0;

  constructor(seed: LabSeed, options: ReportLabOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.rate = options.rate ?? 5;
    this.autoStart = options.autoStart ?? true;
    const random = createRandom(options.seed ?? seed.options.seed);
    this.model = new TeamStatusModel(seed, random, seed.notReadyReasons);
    this.journeys = new CallJourneyRecorder(seed, random, () => this.model.now());
    this.scenario = new ScenarioEngine(this.model, this.journeys, random);
    this.scenario.recordInitialCalls(seed.agents.map((a) => this.model.member(a.userID)!));
    this.knownAgentIds = new Set(seed.agents.map((a) => a.userID));
    this.wss.on('connection', (socket: WebSocket) => this.onConnection(socket));
    this.agents = this.createAgentWorld();
  }

  private createAgentWorld(): AgentWorld {
    const model = this.model;
    const require = (memberId: string) => {
      const member = model.member(memberId);
      if (!member) throw new Error(`unknown agent ${memberId}`);
      return member;
    };
    const change = (member: MemberState, state: AgentStateName, reason: LabReasonCode | null) => {
      if (model.setAgentState(member, state, reason)) this.publishStatusChanges([member]);
      return member;
    };
    return {
      reasonCodes: model.reasonCodes,
      member: (memberId) => model.member(memberId),
      team: (teamId) => model.team(teamId),
      teams: () => model.allTeams(),
      teamsSupervisedBy: (supervisorId) => model.teamsSupervisedBy(supervisorId),
      reasonByLabel: (label) => model.reasonByLabel(label),
      setAgentState: (memberId, state, reason) => change(require(memberId), state, reason),
      setPendingState: (memberId, state) => {
        const member = require(memberId);
        member.pendingState = state;
        return member;
      },
      startCall: (memberId) => {
        const member = require(memberId);
        if (member.agentState !== 'READY') throw new Error(`${memberId} is ${member.agentState}; a routed call reaches only a Ready agent`);
        return change(member, 'TALKING', null);
      },
      endCall: (memberId) => {
        const member = require(memberId);
        if (!CALL_STATES.has(member.agentState)) throw new Error(`${memberId} is not on a call (${member.agentState})`);
        const pending = member.pendingState;
        if (pending === 'LOGOUT') return change(member, 'LOGOUT', SUPERVISOR_LOGOUT);
        if (pending === 'NOT_READY') return change(member, 'NOT_READY', SUPERVISOR_NOT_READY);
        return change(member, 'WORK', null);
      },
      now: () => model.now(),
    };
  }

  get url(): string {
    return `ws://${this.host}:${this.port}/`;
  }

  // ---- lifecycle ----------------------------------------------------------

  async start(): Promise<void> {
    await this.startServer();
    if (this.autoStart) this.startTimer();
  }

  async stop(): Promise<void> {
    this.stopTimer();
    await this.stopServer();
  }

  async startServer(): Promise<void> {
    if (this.httpServer) return;
    const server = http.createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain' });
      res.end('This endpoint speaks WebSocket only');
    });
    server.on('connection', (socket: Socket) => {
      this.rawSockets.add(socket);
      socket.on('close', () => this.rawSockets.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    });
    this.port = await listenOn(server, this.port, this.host);
    this.httpServer = server;
  }

  async stopServer(): Promise<void> {
    const server = this.httpServer;
    this.httpServer = null;
    for (const connection of this.connections) connection.socket.terminate();
    for (const socket of this.rawSockets) socket.destroy();
    this.rawSockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- scenario -----------------------------------------------------------

  setRate(eventsPerSecond: number): void {
    this.rate = Math.max(0, eventsPerSecond);
    this.carriedChanges = 0;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.lastTickAt = performance.now();
    if (!this.timer && this.httpServer) this.startTimer();
  }

  step(count = 1): void {
    this.applyScenarioChanges(count);
  }

  private startTimer(): void {
    this.lastTickAt = performance.now();
    this.carriedChanges = 0;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const now = performance.now();
    const elapsedSeconds = (now - this.lastTickAt) / 1000;
    this.lastTickAt = now;
    if (this.paused || this.rate <= 0) return;
    // A stalled event loop catches up at most one second's worth of changes.
    const due = Math.min(this.rate * elapsedSeconds + this.carriedChanges, Math.max(1, this.rate));
    const count = Math.floor(due);
    this.carriedChanges = due - count;
    if (count > 0) this.applyScenarioChanges(count);
  }

  /** Apply changes, then send one memberstatuschanged per team holding every member that changed. */
  private applyScenarioChanges(count: number): void {
    const changed = new Set<MemberState>();
    for (let i = 0; i < count; i++) {
      const member = this.scenario.next();
      if (!member) break;
      changed.add(member);
    }
    this.publishStatusChanges(changed);
  }

  private publishStatusChanges(changed: Iterable<MemberState>): void {
    // Member objects are live: a member changed twice in one batch is sent once, with its last status.
    const changedByTeam = new Map<string, MemberState[]>();
    for (const member of changed) {
      for (const teamId of this.model.teamIdsOf(member.memberId)) {
        let list = changedByTeam.get(teamId);
        if (!list) changedByTeam.set(teamId, (list = []));
        list.push(member);
      }
    }
    for (const [teamId, members] of changedByTeam) {
      const team = this.model.team(teamId)!;
      if (!this.hasViewers(team)) continue;
      const payload = {
        teamId: team.teamId,
        teamName: team.teamName,
        members: members.map((m) => this.model.wireMember(m)),
      };
      this.publish({ event: 'memberstatuschanged', team, payload }, members.length);
    }
  }

  // ---- the lab's truth ----------------------------------------------------

  snapshot(supervisorId: string): ReportSnapshotTeam[] {
    return this.model.teamsSupervisedBy(supervisorId).map((team) => {
      const { teamId, teamName, members } = this.model.wireTeam(team);
      return { teamId, teamName, members: members as WireMember[] };
    });
  }

  callIds(): string[] {
    return this.journeys.callIds();
  }

  recentCalls(limit: number): RecordedCall[] {
    return this.journeys.recentCalls(limit);
  }

  statusChangesSent(): number {
    return this.statusUpdatesSent;
  }

  // ---- team changes -------------------------------------------------------

  renameTeam(teamId: string, newName: string): void {
    this.publishAll(this.model.renameTeam(teamId, newName));
  }

  addTeam(team: { teamId: string; teamName: string; memberIds: string[] }, supervisorId: string): void {
    this.publishAll(this.model.addTeam(team, supervisorId));
  }

  removeTeam(teamId: string): void {
    this.publishAll(this.model.removeTeam(teamId));
  }

  addMember(teamId: string, memberId: string): void {
    this.publishAll(this.model.addMember(teamId, memberId));
  }

  removeMember(teamId: string, memberId: string): void {
    this.publishAll(this.model.removeMember(teamId, memberId));
  }

  setMemberStatus(memberId: string, status: MemberStatus, reason = ''): void {
    const member = this.model.member(memberId);
    if (!member) throw new Error(`unknown member ${memberId}`);
    this.model.setStatus(member, status, reason);
    this.publishStatusChanges([member]);
  }

  // ---- faults -------------------------------------------------------------

  dropAllSockets(): void {
    for (const connection of this.connections) connection.socket.terminate();
  }

  sendMalformed(kind: MalformedKind): void {
    for (const connection of this.connections) {
      const agentId = connection.subscribedAgentIds.values().next().value;
      if (agentId === undefined || connection.socket.readyState !== WebSocket.OPEN) continue;
      if (kind === 'binary') {
        // Not UTF-8 and not JSON: the console must drop it, not crash.
        connection.socket.send(Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x22, 0x9f, 0x00, 0x01]), { binary: true });
        continue;
      }
      connection.socket.send(this.malformedFrame(kind, agentId));
    }
  }

  private malformedFrame(kind: Exclude<MalformedKind, 'binary'>, agentId: string): string {
    const team = this.model.teamsSupervisedBy(agentId)[0];
    const teamId = team?.teamId ?? '0';
    const teamName = team?.teamName ?? 'Unknown';
    const firstMember = team ? this.model.member(team.members.values().next().value ?? '') : undefined;
    switch (kind) {
      case 'invalid-json':
        // A frame cut in the middle.
        return `{"name":"${EVENT_PREFIX}memberstatuschanged","data":{"agentId":"${agentId}","team":{"teamId":"${teamId}","members":[{"memberId":`;
      case 'unknown-event':
        return JSON.stringify({
          name: `${EVENT_PREFIX}memberskillchanged`,
          data: { agentId, team: { teamId, teamName, members: [] } },
        });
      case 'missing-fields':
        // A memberstatuschanged without teamId and without members.
        return JSON.stringify({ name: `${EVENT_PREFIX}memberstatuschanged`, data: { agentId, team: { teamName } } });
      case 'unknown-status': {
        // A status outside the documented three; the lab's truth is NOT changed by it.
        const member = firstMember
          ? { ...this.model.wireMember(firstMember), status: 'talking', reason: '' }
          : { memberId: 'unknown', memberType: 'Agent', memberName: 'Unknown', status: 'talking', reason: '' };
        return JSON.stringify({
          name: `${EVENT_PREFIX}memberstatuschanged`,
          data: { agentId, team: { teamId, teamName, members: [member] } },
        });
      }
    }
  }

  setSilent(silent: boolean): void {
    this.silent = silent;
  }

  setIgnoreBegin(ignore: boolean): void {
    this.ignoreBegin = ignore;
  }

  connectionCount(): number {
    return this.connections.size;
  }

  subscriptions(): Array<{ agentId: string }> {
    const result: Array<{ agentId: string }> = [];
    for (const connection of this.connections) {
      for (const agentId of connection.subscribedAgentIds) result.push({ agentId });
    }
    return result;
  }

  on(event: ReportLabEvent, listener: (agentId: string | undefined) => void): void {
    this.listeners.on(event, listener);
  }

  off(event: ReportLabEvent, listener: (agentId: string | undefined) => void): void {
    this.listeners.off(event, listener);
  }

  // ---- connections and requests -------------------------------------------

  private onConnection(socket: WebSocket): void {
    if (!this.httpServer) {
      socket.terminate();
      return;
    }
    const connection: Connection = { socket, subscribedAgentIds: new Set() };
    this.connections.add(connection);
    socket.on('ping', (data: Buffer) => {
      if (!this.silent && socket.readyState === WebSocket.OPEN) socket.pong(data);
    });
    socket.on('message', (data: RawData) => {
      if (!this.silent) this.onRequest(connection, rawDataToText(data));
    });
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      this.connections.delete(connection);
      for (const agentId of connection.subscribedAgentIds) this.unsubscribe(connection, agentId);
    });
  }

  private onRequest(connection: Connection, text: string): void {
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch (error) {
      this.reply(connection, failureFrame(COMMAND_UNKNOWN, {
        code: FailureCode.InvalidJson,
        message: `Request is not valid JSON: ${(error as Error).message}`,
        context: 'The "original" property holds the text as received.',
      }, text));
      return;
    }
    if (!isPlainObject(request) || typeof request.command !== 'string') {
      this.reply(connection, failureFrame(COMMAND_UNKNOWN, {
        code: FailureCode.InvalidRequest,
        message: 'Request must be a JSON object with a string "command" property',
        context: '',
      }, request));
      return;
    }
    switch (request.command) {
      case COMMAND_BEGIN:
        if (this.ignoreBegin) {
          this.listeners.emit('begin', stringField(request.data, 'agentId'));
          return;
        }
        this.onBegin(connection, request);
        return;
      case COMMAND_END:
        this.onEnd(connection, request);
        return;
      case COMMAND_CALL_JOURNEY:
        this.onCallJourney(connection, request);
        return;
      default:
        this.reply(connection, failureFrame(request.command, {
          code: FailureCode.UnknownCommand,
          message: `Unknown command "${request.command}"`,
          context: `Supported commands: ${COMMAND_BEGIN}, ${COMMAND_END}, ${COMMAND_CALL_JOURNEY}`,
        }, request));
    }
  }

  private onBegin(connection: Connection, request: Record<string, unknown>): void {
    const agentId = stringField(request.data, 'agentId');
    this.listeners.emit('begin', agentId);
    if (agentId === undefined) {
      this.reply(connection, missingField(COMMAND_BEGIN, 'agentId', request));
      return;
    }
    if (!this.knownAgentIds.has(agentId)) {
      this.reply(connection, failureFrame(COMMAND_BEGIN, {
        code: FailureCode.UnknownAgent,
        message: `Unknown agent id ${agentId}`,
        context: `${COMMAND_BEGIN}: no UCCX resource with userID "${agentId}"`,
      }, request));
      return;
    }
    const teams = this.model.teamsSupervisedBy(agentId);
    if (teams.length === 0) {
      this.reply(connection, failureFrame(COMMAND_BEGIN, {
        code: FailureCode.NotASupervisor,
        message: `Agent ${agentId} does not supervise any team`,
        context: `${COMMAND_BEGIN}: "${agentId}" is neither primary nor secondary supervisor of a team`,
      }, request));
      return;
    }
    // A repeated begin on the same socket is accepted and resends the full state.
    connection.subscribedAgentIds.add(agentId);
    let viewers = this.viewers.get(agentId);
    if (!viewers) this.viewers.set(agentId, (viewers = new Set()));
    viewers.add(connection);
    this.reply(connection, successFrame(COMMAND_BEGIN, {}));
    for (const team of teams) this.reply(connection, eventFrame('teamadded', agentId, this.model.wireTeam(team)));
  }

  private onEnd(connection: Connection, request: Record<string, unknown>): void {
    const agentId = stringField(request.data, 'agentId');
    this.listeners.emit('end', agentId);
    if (agentId === undefined) {
      this.reply(connection, missingField(COMMAND_END, 'agentId', request));
      return;
    }
    if (!this.knownAgentIds.has(agentId)) {
      this.reply(connection, failureFrame(COMMAND_END, {
        code: FailureCode.UnknownAgent,
        message: `Unknown agent id ${agentId}`,
        context: `${COMMAND_END}: no UCCX resource with userID "${agentId}"`,
      }, request));
      return;
    }
    // Ending a subscription that is not active is harmless and succeeds.
    this.unsubscribe(connection, agentId);
    this.reply(connection, successFrame(COMMAND_END, {}));
  }

  private onCallJourney(connection: Connection, request: Record<string, unknown>): void {
    const callId = stringField(request.data, 'CallId');
    this.listeners.emit('calljourney', callId);
    if (callId === undefined) {
      this.reply(connection, missingField(COMMAND_CALL_JOURNEY, 'CallId', request));
      return;
    }
    const steps = this.journeys.get(callId);
    if (!steps) {
      this.reply(connection, failureFrame(COMMAND_CALL_JOURNEY, {
        code: FailureCode.CallNotFound,
        message: `No call journey found for call id ${callId}`,
        context: `${COMMAND_CALL_JOURNEY}: CallId "${callId}"`,
      }, request));
      return;
    }
    this.reply(connection, successFrame(COMMAND_CALL_JOURNEY, { CallJourney: steps }));
  }

  private unsubscribe(connection: Connection, agentId: string): void {
    connection.subscribedAgentIds.delete(agentId);
    const viewers = this.viewers.get(agentId);
    viewers?.delete(connection);
    if (viewers?.size === 0) this.viewers.delete(agentId);
  }

  // ---- sending ------------------------------------------------------------

  private hasViewers(team: TeamState): boolean {
    for (const supervisorId of team.supervisors) if (this.viewers.has(supervisorId)) return true;
    return false;
  }

  private publishAll(notifications: TeamNotification[]): void {
    for (const notification of notifications) this.publish(notification, 0);
  }

  /** Send an event to every connection subscribed for one of the team's supervisors. */
  private publish(notification: TeamNotification, statusUpdates: number): void {
    if (this.silent) return;
    for (const supervisorId of notification.team.supervisors) {
      const viewers = this.viewers.get(supervisorId);
      if (!viewers) continue;
      const frame = eventFrame(notification.event, supervisorId, notification.payload);
      for (const connection of viewers) {
        if (this.send(connection, frame)) this.statusUpdatesSent += statusUpdates;
      }
    }
  }

  private reply(connection: Connection, frame: string): void {
    this.send(connection, frame);
  }

  private send(connection: Connection, frame: string): boolean {
    const socket = connection.socket;
    if (this.silent || socket.readyState !== WebSocket.OPEN) return false;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.terminate();
      return false;
    }
    socket.send(frame);
    return true;
  }
}

function rawDataToText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string (numbers are accepted and turned into strings: ids are numeric in UCCX). */
function stringField(data: unknown, field: string): string | undefined {
  if (!isPlainObject(data)) return undefined;
  const value = data[field];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.length > 0) return value;
  return undefined;
}

function missingField(command: string, field: string, original: unknown): string {
  return failureFrame(command, {
    code: FailureCode.MissingField,
    message: `Missing required field data.${field}`,
    context: `${command}: expected {"command":"${command}","data":{"${field}":"..."}}`,
  }, original);
}

/**
 * Cisco Finesse on both lab UCCX nodes (apis-2.md §1): SystemInfo, User,
 * Team, reason codes and TeamMessage, XML like the real API, over the same
 * agents the report server streams (one world: a state set here shows on the
 * report stream, and the scenario's changes show here with their times).
 *
 * Finesse is in service on the node whose UCCX is the DB master; the other
 * answers 503 and reports OUT_OF_SERVICE in SystemInfo. When the master's
 * Finesse is down (node stopped or hung, or a fault below) the other node
 * takes over, as the Finesse desktop's failover does.
 *
 * Supervisor rules (apis-2.md §1.2): only agents on a team the caller
 * supervises (else 401 Invalid Supervisor); READY, NOT_READY and LOGOUT only,
 * each from the states the table allows (else 400 Invalid State); no
 * reasonCodeId on a supervisor's NOT_READY (400 Invalid Input; Finesse applies
 * code 33 itself) nor, the lab's choice [U], on a LOGOUT; a sign-out of an
 * agent on a call is deferred (pendingState LOGOUT) until the call ends.
 * Where the real Finesse reports an error asynchronously over XMPP (a READY
 * during an ICD call), the lab answers it synchronously as 400 Invalid State.
 */
import crypto from 'node:crypto';
import type http from 'node:http';
import { basicCredentials, readBody, type LabNode, type LabRequestHandler } from '../lab-node';
import type { AgentWorld } from '../report';
import { CALL_STATES, SUPERVISOR_LOGOUT, SUPERVISOR_NOT_READY, type AgentStateName, type LabReasonCode, type MemberState, type TeamState } from '../report/model';
import { parseBody, toXml, XmlBodyError, type XmlChild, type XmlValue } from './xml';
import { UccxApiError } from '../uccx/model';

export type FinesseRole = 'a' | 'b';
export type BadAnswerKind = 'none' | 'html' | 'malformed-xml' | 'empty-state-change-time' | 'unknown-state';
export const BAD_ANSWER_KINDS: readonly BadAnswerKind[] = ['none', 'html', 'malformed-xml', 'empty-state-change-time', 'unknown-state'];

export interface FinesseLabOptions {
  world: AgentWorld;
  /** The two UCCX nodes Finesse runs on (their LabNode state: a stopped or hung node serves nothing). */
  nodes: () => readonly [LabNode, LabNode];
  /** Which node UCCX names DB master ('a', 'b', 'both', 'none'). */
  dbMaster: () => 'a' | 'b' | 'both' | 'none';
  /** Every lab user signs in to Finesse with this password. */
  password: string;
}

export interface TeamMessageRecord {
  id: string;
  content: string;
  teamIds: string[];
  /** Epoch seconds, the lab's true clock. */
  createdAt: number;
  durationSeconds: number;
  createdBy: string;
}

/** Most active team messages the lab keeps (the real cap is [U]). */
export const MAX_ACTIVE_TEAM_MESSAGES = 50;

/** A Finesse error answer: status, ErrorType, ErrorMessage, ErrorData (the same parts as the adminapi's). */
class FinesseApiError extends UccxApiError {
  override name = 'FinesseApiError';
}

export interface FinesseLab {
  /** The request handler for /finesse/* on one node (the UCCX node's handler passes these on). */
  handler(role: FinesseRole): LabRequestHandler;
  /** The node whose Finesse is in service, or null. */
  inService(): FinesseRole | null;
  /** Faults of one node: SystemInfo says OUT_OF_SERVICE and every request 503 / every request, SystemInfo included, 503. */
  setOutOfService(role: FinesseRole, on: boolean): void;
  setFail503(role: FinesseRole, on: boolean): void;
  /** Added to every Finesse answer, in ms. */
  latencyMs: number;
  /** Finesse's clock minus the true one, in ms (every time it writes, currentTimestamp included). */
  skewMs: number;
  /** Team (and, for html, every) answer malformed in the chosen way. */
  badAnswers: BadAnswerKind;
  messages(): TeamMessageRecord[];
  /** State changes Finesse accepted from supervisors, newest last (for tests). */
  readonly changes: Array<{ by: string; agentId: string; from: AgentStateName; to: AgentStateName; deferred: boolean; at: number; node: string }>;
  /** PUTs that reached a node, accepted or refused (a console must never queue: tests count them). */
  putCount: number;
  /** The control API's /finesse and /agents paths. */
  control(method: string, parts: string[], body: Record<string, unknown>): { status: number; body: unknown };
}

export function createFinesseLab(options: FinesseLabOptions): FinesseLab {
  const { world } = options;
  const faults: Record<FinesseRole, { outOfService: boolean; fail503: boolean }> = { a: { outOfService: false, fail503: false }, b: { outOfService: false, fail503: false } };
  const messages = new Map<string, TeamMessageRecord>();
  const roles: readonly FinesseRole[] = ['a', 'b'];

  const nodeOf = (role: FinesseRole) => options.nodes()[role === 'a' ? 0 : 1];
  const healthy = (role: FinesseRole) => nodeOf(role).state === 'up' && !faults[role].outOfService && !faults[role].fail503;

  const lab: FinesseLab = {
    latencyMs: 0,
    skewMs: 0,
    badAnswers: 'none',
    changes: [],
    putCount: 0,
    handler: (role) => (req, res) => handle(role, req, res),
    inService() {
      // The DB master's Finesse serves; when it cannot, the other node takes over.
      const order: FinesseRole[] = options.dbMaster() === 'b' ? ['b', 'a'] : ['a', 'b'];
      return order.find(healthy) ?? null;
    },
    setOutOfService(role, on) {
      faults[role].outOfService = on;
    },
    setFail503(role, on) {
      faults[role].fail503 = on;
    },
    messages: () => activeMessages(),
    control,
  };

  const finesseTime = (epochMs: number) => new Date(epochMs + lab.skewMs).toISOString();

  function activeMessages(): TeamMessageRecord[] {
    const nowSeconds = world.now() / 1000;
    for (const [id, message] of messages) if (message.createdAt + message.durationSeconds <= nowSeconds) messages.delete(id);
    return [...messages.values()];
  }

  // ---- HTTP ---------------------------------------------------------------

  async function handle(role: FinesseRole, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (lab.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, lab.latencyMs));
    const requestId = typeof req.headers.requestid === 'string' ? req.headers.requestid : undefined;
    const send = (status: number, body: string, type = 'application/xml; charset=utf-8', extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': type, ...(requestId ? { requestId } : {}), ...extra });
      res.end(body);
    };
    if (faults[role].fail503) {
      send(503, '', 'text/plain');
      return;
    }
    try {
      const url = new URL(req.url ?? '/', 'http://finesse.invalid');
      if (lab.badAnswers === 'html' && req.method === 'GET') {
        send(200, '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login">Please sign in</form></body></html>', 'text/html; charset=utf-8');
        return;
      }
      if (url.pathname === '/finesse/api/SystemInfo') {
        if (req.method !== 'GET') throw new FinesseApiError(405, 'Method Not Allowed', 'SystemInfo answers GET only');
        send(200, systemInfo(role));
        return;
      }
      if (lab.inService() !== role) {
        throw new FinesseApiError(503, 'Service Unavailable', `Finesse is not in service on ${nodeOf(role).name}: use the node in service.`);
      }
      const caller = authenticate(req);
      const answer = await route(caller, req, url, nodeOf(role).name);
      send(answer.status, answer.body);
    } catch (error) {
      if (error instanceof FinesseApiError) {
        const extra: Record<string, string> = error.status === 401 && error.errorType === 'Authorization Failure' ? { 'www-authenticate': 'Basic realm="Finesse"' } : {};
        send(error.status, apiErrors(error), 'application/xml; charset=utf-8', extra);
        return;
      }
      throw error;
    }
  }

  function authenticate(req: http.IncomingMessage): MemberState {
    const credentials = basicCredentials(req);
    const member = credentials ? world.member(credentials.username) : undefined;
    if (!credentials || !member || credentials.password !== options.password) {
      throw new FinesseApiError(401, 'Authorization Failure', 'The user name or password is not valid.');
    }
    return member;
  }

  async function route(caller: MemberState, req: http.IncomingMessage, url: URL, node: string): Promise<{ status: number; body: string }> {
    const parts = url.pathname.replace(/^\/finesse\/api\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const [resource, id, sub] = parts;
    if (resource === 'User' && id && !sub) {
      const target = world.member(id);
      if (!target) throw new FinesseApiError(404, 'User Not Found', `No user with id ${id}.`, id);
      if (method === 'GET') {
        if (target !== caller && !supervises(caller, target)) throw new FinesseApiError(401, 'Invalid Authorization User Specified', `${caller.memberId} may not read user ${id}.`, id);
        return { status: 200, body: userXml(target) };
      }
      if (method === 'PUT') {
        lab.putCount++;
        changeState(caller, target, await readXml(req, 'User'), node);
        return { status: 202, body: '' };
      }
      throw new FinesseApiError(405, 'Method Not Allowed', `${method} is not supported on User.`);
    }
    if (resource === 'Team' && id && method === 'GET') {
      const team = world.team(id);
      if (!team) throw new FinesseApiError(404, 'Not Found', `No team with id ${id}.`, id);
      if (!team.supervisors.has(caller.memberId)) throw new FinesseApiError(401, 'Invalid Supervisor', `${caller.memberId} is not a supervisor of team ${id}.`, id);
      if (!sub) return { status: 200, body: teamXml(team) };
      if (sub === 'TeamMessages') return { status: 200, body: toXml('TeamMessages', activeMessages().filter((m) => m.teamIds.includes(id)).map((m) => ['TeamMessage', teamMessageXml(m)])) };
    }
    if (resource === 'TeamResource' && id && sub === 'ReasonCodes' && method === 'GET') {
      const team = world.team(id);
      if (!team) throw new FinesseApiError(404, 'Not Found', `No team with id ${id}.`, id);
      if (!team.supervisors.has(caller.memberId) && !team.members.has(caller.memberId)) throw new FinesseApiError(401, 'Authorization Failure', `${caller.memberId} may not read team ${id}.`);
      const category = (url.searchParams.get('category') ?? 'ALL').toUpperCase();
      if (!['NOT_READY', 'LOGOUT', 'ALL'].includes(category)) throw new FinesseApiError(400, 'Invalid Input', `category must be NOT_READY, LOGOUT or ALL.`, category);
      const codes = world.reasonCodes.filter((code) => category === 'ALL' || code.category === category);
      return { status: 200, body: toXml('ReasonCodes', codes.map((code) => ['ReasonCode', reasonCodeXml(code)])) };
    }
    if (resource === 'TeamMessage') {
      if (!id && method === 'POST') return { status: 200, body: toXml('TeamMessage', teamMessageXml(createMessage(caller, await readXml(req, 'TeamMessage')))) };
      if (id && !sub) {
        const message = activeMessages().find((m) => m.id === id);
        if (!message) throw new FinesseApiError(404, 'Not Found', `No active team message ${id}.`, id);
        if (method === 'GET') return { status: 200, body: toXml('TeamMessage', teamMessageXml(message)) };
        if (method === 'DELETE') {
          if (message.createdBy !== caller.memberId) throw new FinesseApiError(401, 'Authorization Failure', 'Only the supervisor who sent a team message may delete it.', id);
          messages.delete(id);
          return { status: 200, body: '' };
        }
      }
    }
    throw new FinesseApiError(404, 'Not Found', `${url.pathname} is not a Finesse resource the lab serves.`);
  }

  async function readXml(req: http.IncomingMessage, expectedRoot: string): Promise<Record<string, unknown>> {
    const text = (await readBody(req, 64 * 1024)).toString('utf8');
    try {
      const { root, value } = parseBody(text);
      if (root !== expectedRoot) throw new FinesseApiError(400, 'Bad Request', `The body must be a <${expectedRoot}>, not <${root}>.`);
      return value;
    } catch (error) {
      if (error instanceof XmlBodyError) throw new FinesseApiError(400, 'Bad Request', error.message);
      throw error;
    }
  }

  function supervises(supervisor: MemberState, agent: MemberState): boolean {
    return world.teamsSupervisedBy(supervisor.memberId).some((team) => team.members.has(agent.memberId));
  }

  // ---- state changes ------------------------------------------------------

  const NOT_READY_FROM: ReadonlySet<AgentStateName> = new Set(['READY', 'WORK', 'WORK_READY']);
  const READY_FROM: ReadonlySet<AgentStateName> = new Set(['NOT_READY', 'WORK', 'WORK_READY']);
  const LOGOUT_FROM: ReadonlySet<AgentStateName> = new Set(['READY', 'NOT_READY', 'RESERVED', 'RESERVED_OUTBOUND', 'RESERVED_OUTBOUND_PREVIEW', 'TALKING', 'HOLD', 'WORK', 'WORK_READY']);

  function changeState(caller: MemberState, target: MemberState, body: Record<string, unknown>, node: string): void {
    const state = String(body.state ?? '').trim().toUpperCase();
    if (!state) throw new FinesseApiError(400, 'Parameter Missing', 'The state element is required.', 'state');
    const hasReason = body.reasonCodeId !== undefined && String(body.reasonCodeId).trim() !== '';
    if (caller !== target) {
      if (caller.memberType !== 'Supervisor') throw new FinesseApiError(401, 'Invalid Authorization User Specified', `${caller.memberId} is not a supervisor.`, target.memberId);
      if (!supervises(caller, target)) throw new FinesseApiError(401, 'Invalid Supervisor', `${caller.memberId} is not a supervisor of a team of ${target.memberId}.`, target.memberId);
      if (!['READY', 'NOT_READY', 'LOGOUT'].includes(state)) throw new FinesseApiError(400, 'Invalid State', `A supervisor may set READY, NOT_READY or LOGOUT, not ${state}.`, state);
      if (hasReason) throw new FinesseApiError(400, 'Invalid Input', `A supervisor's ${state} must not carry a reasonCodeId; Finesse applies its own code.`, 'reasonCodeId');
    } else if (state === 'NOT_READY' && !hasReason && world.reasonCodes.some((code) => code.category === 'NOT_READY' && !code.systemCode)) {
      throw new FinesseApiError(400, 'Parameter Missing', 'A reason code is required to go Not Ready.', 'finesse.api.reasoncode.require_reasoncode');
    }
    const from = target.agentState;
    if (state === 'LOGOUT') {
      if (!LOGOUT_FROM.has(from)) throw invalidState(target, state);
      if (CALL_STATES.has(from)) {
        if (target.pendingState === 'LOGOUT') throw new FinesseApiError(400, 'Invalid State', `${target.memberId} already signs out when the call ends.`, target.memberId);
        world.setPendingState(target.memberId, 'LOGOUT');
        record(caller, target, from, 'LOGOUT', true, node);
        return;
      }
      world.setAgentState(target.memberId, 'LOGOUT', caller !== target ? SUPERVISOR_LOGOUT : null);
    } else if (state === 'NOT_READY') {
      if (!NOT_READY_FROM.has(from)) throw invalidState(target, state);
      world.setAgentState(target.memberId, 'NOT_READY', caller !== target ? SUPERVISOR_NOT_READY : reasonById(body.reasonCodeId));
    } else if (state === 'READY') {
      // UCCX refuses a pending READY during an ICD call: CF_INVALID_AGENT_WORKMODE [C: ch.49–50].
      if (CALL_STATES.has(from)) throw new FinesseApiError(400, 'Invalid State', `${target.memberId} is on a call: CF_INVALID_AGENT_WORKMODE.`, '265');
      if (!READY_FROM.has(from)) throw invalidState(target, state);
      world.setAgentState(target.memberId, 'READY', null);
    } else {
      throw new FinesseApiError(400, 'Invalid State', `State ${state} cannot be set through the lab's User API.`, state);
    }
    record(caller, target, from, state as AgentStateName, false, node);
  }

  function invalidState(target: MemberState, state: string): FinesseApiError {
    return new FinesseApiError(400, 'Invalid State', `Cannot change ${target.memberId} from ${target.agentState} to ${state}.`, target.agentState);
  }

  function reasonById(value: unknown): LabReasonCode {
    const code = world.reasonCodes.find((c) => String(c.id) === String(value).trim() && c.category === 'NOT_READY');
    if (!code) throw new FinesseApiError(400, 'Invalid Input', `Unknown reason code id ${String(value)}.`, 'reasonCodeId');
    return code;
  }

  function record(caller: MemberState, target: MemberState, from: AgentStateName, to: AgentStateName, deferred: boolean, node: string): void {
    lab.changes.push({ by: caller.memberId, agentId: target.memberId, from, to, deferred, at: world.now(), node });
    if (lab.changes.length > 1000) lab.changes.shift();
  }

  // ---- team messages ------------------------------------------------------

  function createMessage(caller: MemberState, body: Record<string, unknown>): TeamMessageRecord {
    const content = typeof body.content === 'string' ? body.content : String(body.content ?? '');
    const duration = Number(body.duration);
    const teams = body.teams as { team?: unknown[] } | undefined;
    const teamIds = (teams?.team ?? []).map((team) => String(typeof team === 'object' && team !== null ? (team as { id?: unknown }).id : team).trim()).filter(Boolean);
    if (!content.trim()) throw new FinesseApiError(400, 'Parameter Missing', 'content is required.', 'content');
    if ([...content].length > 255) throw new FinesseApiError(400, 'Invalid Input', 'content is at most 255 characters.', 'content');
    if (!Number.isInteger(duration) || duration < 300 || duration > 86_100) throw new FinesseApiError(400, 'Invalid Input', 'duration is 300 to 86100 seconds (5 minutes to 23 h 55 min).', 'duration');
    if (teamIds.length === 0) throw new FinesseApiError(400, 'Parameter Missing', 'At least one team is required.', 'teams');
    for (const teamId of teamIds) {
      const team = world.team(teamId);
      if (!team) throw new FinesseApiError(404, 'Not Found', `No team with id ${teamId}.`, teamId);
      if (!team.supervisors.has(caller.memberId)) throw new FinesseApiError(401, 'Invalid Supervisor', `${caller.memberId} is not a supervisor of team ${teamId}.`, teamId);
    }
    if (activeMessages().length >= MAX_ACTIVE_TEAM_MESSAGES) {
      throw new FinesseApiError(400, 'System Resource Limit Exceeded', 'Too many active team messages.', 'MAX_ACTIVE_MESSAGE_LIMIT_EXCEEDED');
    }
    const record: TeamMessageRecord = { id: crypto.randomUUID(), content, teamIds, createdAt: Math.floor(world.now() / 1000), durationSeconds: duration, createdBy: caller.memberId };
    messages.set(record.id, record);
    return record;
  }

  // ---- XML ------------------------------------------------------------------

  function systemInfo(role: FinesseRole): string {
    const serving = lab.inService();
    const [a, b] = options.nodes();
    const node = (n: LabNode): XmlChild[] => {
      const url = new URL(n.url);
      return [
        ['host', url.hostname],
        ['httpsPort', url.port],
      ];
    };
    const reason = serving === role ? '' : serving ? `The other node (${nodeOf(serving).name}) is in service.` : 'No Finesse node is in service (the lab\'s fault controls).';
    return toXml('SystemInfo', [
      ['currentTimestamp', finesseTime(world.now())],
      ['deploymentType', 'UCCX'],
      ['primaryNode', node(a)],
      ['secondaryNode', node(b)],
      ['status', serving === role ? 'IN_SERVICE' : 'OUT_OF_SERVICE'],
      ['statusReason', reason],
      ['timezoneOffset', '0'],
      ['uri', '/finesse/api/SystemInfo'],
      ['xmppDomain', new URL(nodeOf(role).url).hostname],
      ['xmppPubSubDomain', `pubsub.${new URL(nodeOf(role).url).hostname}`],
    ]);
  }

  function reasonCodeXml(code: LabReasonCode): XmlChild[] {
    return [
      ['category', code.category],
      ['code', code.code],
      ['forAll', String(code.forAll)],
      ['id', code.id],
      ['label', code.label],
      ['systemCode', String(code.systemCode)],
      ['uri', `/finesse/api/ReasonCode/${code.id}`],
    ];
  }

  function stateFields(member: MemberState, index = 1): XmlChild[] {
    const bad = lab.badAnswers;
    return [
      ['pendingState', member.pendingState ?? ''],
      ['state', bad === 'unknown-state' && index === 0 ? 'ON_A_BREAK_MAYBE' : member.agentState],
      ['stateChangeTime', bad === 'empty-state-change-time' ? '' : finesseTime(member.stateChangeTime)],
    ];
  }

  function names(member: MemberState): XmlChild[] {
    const [first, ...rest] = member.memberName.split(' ');
    return [
      ['firstName', first ?? ''],
      ['lastName', rest.join(' ')],
    ];
  }

  function userXml(member: MemberState): string {
    const supervised = world.teamsSupervisedBy(member.memberId);
    const home = world.teams().find((team) => team.members.has(member.memberId) && !team.supervisors.has(member.memberId)) ?? supervised[0];
    const roles: XmlChild[] = [['role', 'Agent']];
    if (member.memberType === 'Supervisor') roles.push(['role', 'Supervisor']);
    return toXml('User', [
      ['uri', `/finesse/api/User/${member.memberId}`],
      ['dialogs', `/finesse/api/User/${member.memberId}/Dialogs`],
      ['extension', member.extension],
      ...names(member),
      ['loginId', member.memberId],
      ['loginName', member.memberId],
      ...stateFields(member),
      ['reasonCodeId', member.reasonCode ? member.reasonCode.id : ''],
      ['ReasonCode', member.reasonCode ? reasonCodeXml(member.reasonCode) : null],
      ['roles', roles],
      ['teamId', home?.teamId ?? ''],
      ['teamName', home?.teamName ?? ''],
      ['teams', supervised.map((team): XmlChild => ['Team', [['id', team.teamId], ['name', team.teamName], ['uri', `/finesse/api/Team/${team.teamId}`]]])],
    ]);
  }

  function teamXml(team: TeamState): string {
    const users = [...team.members].map((id, index): XmlChild => {
      const member = world.member(id)!;
      return [
        'User',
        [
          ['dialogs', `/finesse/api/User/${id}/Dialogs`],
          ['extension', member.extension],
          ...names(member),
          ['loginId', id],
          ['mediaState', CALL_STATES.has(member.agentState) ? 'BUSY' : 'IDLE'],
          ...stateFields(member, index),
          ['reasonCode', member.reasonCode ? reasonCodeXml(member.reasonCode) : null],
          ['uri', `/finesse/api/User/${id}/`],
        ],
      ];
    });
    const xml = toXml('Team', [
      ['id', team.teamId],
      ['name', team.teamName],
      ['uri', `/finesse/api/Team/${team.teamId}`],
      ['users', users],
    ]);
    // A document cut off mid-element, as a proxy or a crashed node might send it.
    return lab.badAnswers === 'malformed-xml' ? xml.slice(0, Math.floor(xml.length / 2)) : xml;
  }

  function teamMessageXml(message: TeamMessageRecord): XmlValue {
    const author = world.member(message.createdBy);
    const [first, ...rest] = (author?.memberName ?? message.createdBy).split(' ');
    return [
      ['uri', `/finesse/api/TeamMessage/${message.id}`],
      ['id', message.id],
      ['createdBy', [['id', message.createdBy], ['firstName', first ?? ''], ['lastName', rest.join(' ')]]],
      ['createdAt', Math.floor(message.createdAt + lab.skewMs / 1000)],
      ['duration', message.durationSeconds],
      ['content', message.content],
      ['teams', message.teamIds.map((id): XmlChild => ['team', id])],
    ];
  }

  function apiErrors(error: FinesseApiError): string {
    return toXml('ApiErrors', [['ApiError', [['ErrorType', error.errorType], ['ErrorData', error.errorData], ['ErrorMessage', error.message]]]]);
  }

  // ---- control API ----------------------------------------------------------

  function control(method: string, parts: string[], body: Record<string, unknown>): { status: number; body: unknown } {
    const roleOf = (name: string | undefined): FinesseRole | null => (name === 'ccx-a' ? 'a' : name === 'ccx-b' ? 'b' : null);
    const status = () => ({
      inService: lab.inService() ? nodeOf(lab.inService()!).name : null,
      faults: Object.fromEntries(roles.map((r) => [nodeOf(r).name, { ...faults[r] }])),
      latencyMs: lab.latencyMs,
      skewMs: lab.skewMs,
      badAnswers: lab.badAnswers,
    });
    try {
      if (parts[0] === 'agents') {
        const agentId = parts[1] ?? String(body.agentId ?? '');
        const member = world.member(agentId);
        if (!member) return { status: 404, body: { error: `no agent ${agentId}` } };
        if (method === 'GET') return { status: 200, body: agentView(member) };
        if (parts[2] === 'call') {
          if (body.on === false) world.endCall(agentId);
          else world.startCall(agentId);
          return { status: 200, body: agentView(member) };
        }
        if (parts[2] === 'state') {
          const state = String(body.state ?? '').toUpperCase() as AgentStateName;
          if (!['READY', 'NOT_READY', 'LOGOUT', 'WORK'].includes(state)) return { status: 400, body: { error: 'state must be READY, NOT_READY, LOGOUT or WORK' } };
          const reason = state === 'NOT_READY' ? (body.reason ? world.reasonByLabel(String(body.reason)) : member.agentState === 'LOGOUT' ? world.reasonCodes.find((c) => c.code === 32740)! : null) : null;
          world.setAgentState(agentId, state, reason);
          return { status: 200, body: agentView(member) };
        }
        return { status: 404, body: { error: `unknown agent action ${parts[2]}` } };
      }
      if (method === 'GET' && parts[1] === 'messages') return { status: 200, body: { messages: activeMessages() } };
      if (method === 'GET' && parts.length === 1) return { status: 200, body: { ...status(), changes: lab.changes.slice(-50), putCount: lab.putCount } };
      if (method !== 'POST') return { status: 405, body: { error: 'use POST for faults' } };
      if (parts[1] === 'nodes') {
        const role = roleOf(parts[2]);
        if (!role) return { status: 404, body: { error: 'Finesse runs on ccx-a and ccx-b' } };
        if (parts[3] === 'out-of-service') lab.setOutOfService(role, body.on !== false);
        else if (parts[3] === 'fail503') lab.setFail503(role, body.on !== false);
        else return { status: 404, body: { error: `unknown Finesse node action ${parts[3]}` } };
        return { status: 200, body: status() };
      }
      if (parts[1] === 'latency') lab.latencyMs = Math.max(0, Number(body.ms ?? 0));
      else if (parts[1] === 'skew') lab.skewMs = Number(body.ms ?? 0) || 0;
      else if (parts[1] === 'bad-answers') {
        const kind = String(body.kind ?? 'none') as BadAnswerKind;
        if (!BAD_ANSWER_KINDS.includes(kind)) return { status: 400, body: { error: `kind must be one of ${BAD_ANSWER_KINDS.join(', ')}` } };
        lab.badAnswers = kind;
      } else return { status: 404, body: { error: `unknown Finesse control ${parts[1]}; see docs/lab.md` } };
      return { status: 200, body: status() };
    } catch (error) {
      return { status: 409, body: { error: (error as Error).message } };
    }
  }

  function agentView(member: MemberState) {
    return {
      agentId: member.memberId,
      name: member.memberName,
      state: member.agentState,
      pendingState: member.pendingState,
      stateChangeTime: new Date(member.stateChangeTime).toISOString(),
      reason: member.reasonCode?.label ?? '',
      reportStatus: member.status,
      reportReason: member.reason,
    };
  }

  return lab;
}

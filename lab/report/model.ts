import { createRandom, type LabSeed } from '../seed';
import type {
  MemberStatus,
  MemberType,
  TeamStatusEventName,
  WireMember,
  WireTeamHeader,
  WireTeamWithMembers,
} from './protocol';

/**
 * The contact centre's truth, shared by the report server and Finesse: who is
 * in which team, who supervises which team, and every member's agent state.
 * One instance is shared by every connection, so two supervisors watching the
 * same team see the same agent in the same state, on the report stream and in
 * Finesse alike. Mutations return the notifications they cause; the server
 * decides who receives them.
 *
 * Each member has one Finesse agent state (READY, NOT_READY, TALKING, WORK,
 * LOGOUT, ...) with the time it began; the report status (ready, not_ready,
 * ACW: the only three the report protocol knows) is derived from it:
 *
 *   READY → ready · NOT_READY → not_ready + reason label · WORK, WORK_READY → ACW
 *   LOGOUT → not_ready, reason "Logged out"                      (lab's choice [U])
 *   on a call (RESERVED, TALKING, HOLD) → unchanged: the agent took a routed
 *   call while ready, and the protocol has no talking status     (lab's choice [U])
 */

/** Finesse agent states (apis-2.md §1.4). */
export type AgentStateName =
  | 'LOGIN'
  | 'LOGOUT'
  | 'NOT_READY'
  | 'READY'
  | 'RESERVED'
  | 'RESERVED_OUTBOUND'
  | 'RESERVED_OUTBOUND_PREVIEW'
  | 'TALKING'
  | 'HOLD'
  | 'WORK'
  | 'WORK_READY'
  | 'UNKNOWN';

/** A reason code as Finesse describes it (apis-2.md §1.2, §1.7). */
export interface LabReasonCode {
  id: number;
  code: number;
  label: string;
  category: 'NOT_READY' | 'LOGOUT';
  systemCode: boolean;
  forAll: boolean;
}

/** What the report server says for a signed-out agent (the protocol does not say; the lab's choice [U]). */
export const LOGGED_OUT_REASON = 'Logged out';
/** States with a call on the agent's phone: a supervisor's sign-out waits for the call to end. */
export const CALL_STATES: ReadonlySet<AgentStateName> = new Set(['RESERVED', 'RESERVED_OUTBOUND', 'RESERVED_OUTBOUND_PREVIEW', 'TALKING', 'HOLD']);

export interface MemberState {
  readonly memberId: string;
  readonly memberType: MemberType;
  readonly memberName: string;
  /** Agent phone extension, used as the agent device in call journeys. */
  readonly extension: string;
  /** Derived from the agent state (see the top of this file); never set directly. */
  status: MemberStatus;
  reason: string;
  agentState: AgentStateName;
  /** What Finesse applies when the current call ends (a supervisor's sign-out), else null. */
  pendingState: AgentStateName | null;
  /** Epoch ms (the lab's true clock) when the agent state began. */
  stateChangeTime: number;
  reasonCode: LabReasonCode | null;
  /**
   * Moved by the scenario engine. Supervisors are not: they watch the board,
   * and their status only changes on request (setMemberStatus).
   */
  readonly scenarioDriven: boolean;
  /** Position inside the pool of its status, for O(1) random picks; -1 when in no pool. */
  poolIndex: number;
  /** The pool it is in: only scenario-driven agents in READY, NOT_READY or wrap-up (not on a call, not signed out). */
  pool: MemberStatus | null;
}

export interface TeamState {
  readonly teamId: string;
  teamName: string;
  /** Member ids in board order (agents in seed order, then supervisors). */
  readonly members: Set<string>;
  /** Supervisors who see this team on their board (primary first, then secondaries). */
  readonly supervisors: Set<string>;
  readonly csqIds: readonly number[];
}

export interface TeamNotification {
  event: TeamStatusEventName;
  /** The team as it was when the change happened (still usable after teamremoved). */
  team: TeamState;
  payload: WireTeamHeader | WireTeamWithMembers;
}

/** Initial mix of statuses: a plausible mid-morning contact centre. */
export const INITIAL_STATUS_SHARES: Readonly<Record<MemberStatus, number>> = {
  ready: 0.55,
  not_ready: 0.3,
  ACW: 0.15,
};

/** UCCX system reason codes a supervisor's changes carry (apis-2.md §1.2); labels are the lab's [U]. */
export const SUPERVISOR_NOT_READY: LabReasonCode = { id: 33, code: 33, label: 'Supervisor initiated', category: 'NOT_READY', systemCode: true, forAll: true };
export const SUPERVISOR_LOGOUT: LabReasonCode = { id: 22, code: 22, label: 'Supervisor initiated', category: 'LOGOUT', systemCode: true, forAll: true };
export const AGENT_RELOGIN: LabReasonCode = { id: 32740, code: 32740, label: 'Agent re-login', category: 'NOT_READY', systemCode: true, forAll: true };

/** The longest time an agent has already spent in their initial state when the lab starts, in minutes. */
const INITIAL_MINUTES: Readonly<Record<MemberStatus, number>> = { ready: 15, not_ready: 20, ACW: 4 };

function createElapsedRandom(seed: number): () => number {
  return createRandom((seed ^ 0x5eed5) >>> 0);
}

/** Teams with more agents than this get a second team lead. */
const SECOND_TEAM_LEAD_THRESHOLD = 20;

export class TeamStatusModel {
  private readonly membersById = new Map<string, MemberState>();
  private readonly teamsById = new Map<string, TeamState>();
  /** memberId → ids of the teams the member belongs to (fan-out of status changes). */
  private readonly teamsOfMember = new Map<string, Set<string>>();
  private readonly pools: Record<MemberStatus, MemberState[]> = { ready: [], not_ready: [], ACW: [] };
  /** Reason codes by label (NOT_READY user codes from the seed, plus the system codes a console sees). */
  readonly reasonCodes: readonly LabReasonCode[];

  constructor(
    seed: LabSeed,
    random: () => number,
    private readonly notReadyReasons: readonly string[],
    /** The lab's true clock. */
    readonly now: () => number = Date.now,
  ) {
    this.reasonCodes = [
      ...notReadyReasons.map((label, index): LabReasonCode => ({ id: index + 1, code: index + 1, label, category: 'NOT_READY', systemCode: false, forAll: true })),
      SUPERVISOR_NOT_READY,
      SUPERVISOR_LOGOUT,
      AGENT_RELOGIN,
    ];
    // Time already spent in the initial state (Ready up to 15 min, Not Ready 20, wrap-up 4), from a PRNG of its own so the scenario's sequence is unchanged.
    const elapsed = createElapsedRandom(seed.options.seed);
    const start = this.now();
    const agentCountByTeam = new Map<number, number>();
    for (const agent of seed.agents) {
      if (agent.type === 1) agentCountByTeam.set(agent.teamId, (agentCountByTeam.get(agent.teamId) ?? 0) + 1);
    }
    // Team leads: the first agent of each team, and the second one in large teams.
    const teamLeadsSeen = new Map<number, number>();

    for (const agent of seed.agents) {
      let memberType: MemberType = 'Supervisor';
      if (agent.type === 1) {
        const seen = teamLeadsSeen.get(agent.teamId) ?? 0;
        const leadsWanted = (agentCountByTeam.get(agent.teamId) ?? 0) > SECOND_TEAM_LEAD_THRESHOLD ? 2 : 1;
        memberType = seen < leadsWanted ? 'TeamLead' : 'Agent';
        teamLeadsSeen.set(agent.teamId, seen + 1);
      }
      const roll = random();
      let status: MemberStatus = 'ready';
      let reason = '';
      if (roll >= INITIAL_STATUS_SHARES.ready + INITIAL_STATUS_SHARES.not_ready) {
        status = 'ACW';
      } else if (roll >= INITIAL_STATUS_SHARES.ready) {
        status = 'not_ready';
        reason = this.randomReason(random);
      }
      const agentState: AgentStateName = status === 'ready' ? 'READY' : status === 'not_ready' ? 'NOT_READY' : 'WORK';
      const member: MemberState = {
        memberId: agent.userID,
        memberType,
        memberName: `${agent.firstName} ${agent.lastName}`,
        extension: agent.extension,
        status,
        reason,
        agentState,
        pendingState: null,
        stateChangeTime: start - Math.floor(elapsed() * INITIAL_MINUTES[status] * 60_000),
        reasonCode: agentState === 'NOT_READY' ? this.reasonByLabel(reason) : null,
        scenarioDriven: agent.type === 1,
        poolIndex: -1,
        pool: null,
      };
      this.membersById.set(member.memberId, member);
      this.teamsOfMember.set(member.memberId, new Set());
      this.placeInPool(member);
    }

    for (const seedTeam of seed.teams) {
      const team: TeamState = {
        teamId: String(seedTeam.teamId),
        teamName: seedTeam.teamname,
        members: new Set(),
        supervisors: new Set(),
        csqIds: seedTeam.csqIds,
      };
      if (seedTeam.primarySupervisor) team.supervisors.add(seedTeam.primarySupervisor);
      for (const id of seedTeam.secondarySupervisors) team.supervisors.add(id);
      this.teamsById.set(team.teamId, team);
    }
    for (const agent of seed.agents) {
      const team = this.teamsById.get(String(agent.teamId));
      if (team) this.join(team, agent.userID);
    }
    for (const team of this.teamsById.values()) {
      for (const supervisorId of team.supervisors) if (this.membersById.has(supervisorId)) this.join(team, supervisorId);
    }
  }

  // ---- reading ------------------------------------------------------------

  member(memberId: string): MemberState | undefined {
    return this.membersById.get(memberId);
  }

  team(teamId: string): TeamState | undefined {
    return this.teamsById.get(teamId);
  }

  /** Teams on this supervisor's board, in creation order. */
  teamsSupervisedBy(supervisorId: string): TeamState[] {
    const result: TeamState[] = [];
    for (const team of this.teamsById.values()) if (team.supervisors.has(supervisorId)) result.push(team);
    return result;
  }

  teamIdsOf(memberId: string): ReadonlySet<string> {
    return this.teamsOfMember.get(memberId) ?? new Set();
  }

  /** Scenario-driven members currently in this status (do not modify). */
  pool(status: MemberStatus): readonly MemberState[] {
    return this.pools[status];
  }

  wireMember(member: MemberState): WireMember {
    return {
      memberId: member.memberId,
      memberType: member.memberType,
      memberName: member.memberName,
      status: member.status,
      reason: member.reason,
    };
  }

  wireTeam(team: TeamState): WireTeamWithMembers {
    const members: WireMember[] = [];
    for (const id of team.members) members.push(this.wireMember(this.membersById.get(id)!));
    return { teamId: team.teamId, teamName: team.teamName, members };
  }

  randomReason(random: () => number, different?: string): string {
    const reasons = this.notReadyReasons;
    if (reasons.length === 0) return '';
    let reason = reasons[Math.floor(random() * reasons.length)]!;
    if (reason === different && reasons.length > 1) {
      reason = reasons[(reasons.indexOf(reason) + 1) % reasons.length]!;
    }
    return reason;
  }

  // ---- status -------------------------------------------------------------

  /** A change in report terms (the scenario, the control API): the agent state that status stands for. */
  setStatus(member: MemberState, status: MemberStatus, reason: string): void {
    if (status === 'ready') this.setAgentState(member, 'READY', null);
    else if (status === 'ACW') this.setAgentState(member, 'WORK', null);
    else this.setAgentState(member, 'NOT_READY', this.reasonByLabel(reason));
  }

  /**
   * The one way an agent's state changes. The clock restarts when the state
   * or its reason changes; a pending state is cleared. Returns whether the
   * report status or reason changed (what report subscribers must be told).
   */
  setAgentState(member: MemberState, state: AgentStateName, reasonCode: LabReasonCode | null): boolean {
    const before = `${member.status}|${member.reason}`;
    if (member.agentState !== state || member.reasonCode?.id !== reasonCode?.id) member.stateChangeTime = this.now();
    member.agentState = state;
    member.reasonCode = reasonCode;
    member.pendingState = null;
    if (state === 'READY') [member.status, member.reason] = ['ready', ''];
    else if (state === 'NOT_READY') [member.status, member.reason] = ['not_ready', reasonCode?.label ?? ''];
    else if (state === 'WORK' || state === 'WORK_READY') [member.status, member.reason] = ['ACW', ''];
    else if (state === 'LOGOUT') [member.status, member.reason] = ['not_ready', LOGGED_OUT_REASON];
    this.placeInPool(member);
    return `${member.status}|${member.reason}` !== before;
  }

  /** A reason code by label; an unknown label becomes a new NOT_READY code (tests set any reason they like). */
  reasonByLabel(label: string): LabReasonCode | null {
    if (!label) return null;
    const found = this.reasonCodes.find((code) => code.category === 'NOT_READY' && code.label === label);
    if (found) return found;
    const created: LabReasonCode = { id: 100 + this.reasonCodes.length, code: 100 + this.reasonCodes.length, label, category: 'NOT_READY', systemCode: false, forAll: true };
    (this.reasonCodes as LabReasonCode[]).push(created);
    return created;
  }

  /** Every team, in creation order. */
  allTeams(): TeamState[] {
    return [...this.teamsById.values()];
  }

  // ---- team changes -------------------------------------------------------

  renameTeam(teamId: string, newName: string): TeamNotification[] {
    const team = this.requireTeam(teamId);
    team.teamName = newName;
    return [{ event: 'teamchanged', team, payload: { teamId: team.teamId, teamName: team.teamName } }];
  }

  /**
   * A new team on `supervisorId`'s board. The supervisor becomes a member too
   * (like seeded teams). Agents listed are moved out of their previous team,
   * because a UCCX resource belongs to exactly one team.
   */
  addTeam(definition: { teamId: string; teamName: string; memberIds: string[] }, supervisorId: string): TeamNotification[] {
    if (this.teamsById.has(definition.teamId)) throw new Error(`team ${definition.teamId} already exists`);
    this.requireMember(supervisorId);
    for (const id of definition.memberIds) this.requireMember(id);
    const team: TeamState = {
      teamId: definition.teamId,
      teamName: definition.teamName,
      members: new Set(),
      supervisors: new Set([supervisorId]),
      csqIds: [],
    };
    const notifications = this.leavePreviousTeams(definition.memberIds, team.teamId);
    this.teamsById.set(team.teamId, team);
    for (const id of definition.memberIds) this.join(team, id);
    this.join(team, supervisorId);
    notifications.push({ event: 'teamadded', team, payload: this.wireTeam(team) });
    return notifications;
  }

  removeTeam(teamId: string): TeamNotification[] {
    const team = this.requireTeam(teamId);
    for (const id of team.members) this.teamsOfMember.get(id)?.delete(teamId);
    this.teamsById.delete(teamId);
    return [{ event: 'teamremoved', team, payload: { teamId: team.teamId, teamName: team.teamName } }];
  }

  /** Move a member into a team (agents leave their previous team; supervisors may be in several). */
  addMember(teamId: string, memberId: string): TeamNotification[] {
    const team = this.requireTeam(teamId);
    const member = this.requireMember(memberId);
    const notifications = this.leavePreviousTeams([memberId], teamId);
    this.join(team, memberId);
    notifications.push({
      event: 'memberadded',
      team,
      payload: { teamId: team.teamId, teamName: team.teamName, members: [this.wireMember(member)] },
    });
    return notifications;
  }

  removeMember(teamId: string, memberId: string): TeamNotification[] {
    const team = this.requireTeam(teamId);
    this.requireMember(memberId);
    if (!team.members.has(memberId)) throw new Error(`${memberId} is not a member of team ${teamId}`);
    this.leave(team, memberId);
    return [this.memberRemovedNotification(team, [memberId])];
  }

  // ---- internals ----------------------------------------------------------

  private leavePreviousTeams(memberIds: readonly string[], exceptTeamId: string): TeamNotification[] {
    const removedByTeam = new Map<TeamState, string[]>();
    for (const id of memberIds) {
      if (this.membersById.get(id)!.memberType === 'Supervisor') continue;
      for (const previousTeamId of [...this.teamIdsOf(id)]) {
        if (previousTeamId === exceptTeamId) continue;
        const previous = this.teamsById.get(previousTeamId)!;
        this.leave(previous, id);
        const list = removedByTeam.get(previous) ?? [];
        list.push(id);
        removedByTeam.set(previous, list);
      }
    }
    return [...removedByTeam].map(([team, ids]) => this.memberRemovedNotification(team, ids));
  }

  private memberRemovedNotification(team: TeamState, memberIds: string[]): TeamNotification {
    return {
      event: 'memberremoved',
      team,
      payload: { teamId: team.teamId, teamName: team.teamName, members: memberIds.map((memberId) => ({ memberId })) },
    };
  }

  private join(team: TeamState, memberId: string): void {
    team.members.add(memberId);
    this.teamsOfMember.get(memberId)?.add(team.teamId);
  }

  private leave(team: TeamState, memberId: string): void {
    team.members.delete(memberId);
    this.teamsOfMember.get(memberId)?.delete(team.teamId);
  }

  private requireTeam(teamId: string): TeamState {
    const team = this.teamsById.get(teamId);
    if (!team) throw new Error(`unknown team ${teamId}`);
    return team;
  }

  private requireMember(memberId: string): MemberState {
    const member = this.membersById.get(memberId);
    if (!member) throw new Error(`unknown member ${memberId}`);
    return member;
  }

  /** Scenario-driven agents who are Ready, Not Ready or in wrap-up are in the pool of their status; others in none. */
  private placeInPool(member: MemberState): void {
    const wanted = member.scenarioDriven && ['READY', 'NOT_READY', 'WORK', 'WORK_READY'].includes(member.agentState) ? member.status : null;
    if (wanted === member.pool) return;
    if (member.pool) this.removeFromPool(member, member.pool);
    if (wanted) {
      const pool = this.pools[wanted];
      member.poolIndex = pool.length;
      pool.push(member);
    }
    member.pool = wanted;
  }

  /** Swap-remove: O(1), order inside a pool does not matter. */
  private removeFromPool(member: MemberState, status: MemberStatus): void {
    const pool = this.pools[status];
    const last = pool.pop()!;
    if (last !== member) {
      pool[member.poolIndex] = last;
      last.poolIndex = member.poolIndex;
    }
    member.poolIndex = -1;
  }
}

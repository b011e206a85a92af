import {
  NO_REJECTIONS,
  type BoardConnection,
  type BoardMember,
  type BoardPatch,
  type BoardRejections,
  type BoardSnapshot,
  type BoardTeam,
  DEFAULT_BOARD_LIMITS,
  type BoardLimits,
} from '../../../shared/domain/board';
import { agentStateForStatus, statusForAgentState, type AgentStateView } from '../../../shared/domain/finesse';
import type { TeamEvent, WireMemberEntry } from './protocol';
import type { MainMessage } from '../../../shared/domain/main-message';

/** One member's state as Finesse read it, for `applyAgentStates`. */
export interface AgentReading {
  memberId: string;
  view: AgentStateView;
  /** stateChangeTime on our clock; null when Finesse gave none. */
  since: number | null;
}

/**
 * The board's reducer: folds validated team-status events into a normalized
 * model (members by id, teams holding ordered member-id sets) and records what
 * changed, so that `takePatch()` can hand the renderer one numbered patch per
 * batch. No I/O and no clock: the caller passes the receive time. It mutates
 * in place for speed (tens of thousands of events per second on 5,000
 * members); callers only ever see copies.
 *
 * A member may be in several teams (supervisors are); its status is one value
 * shared by every team it is in. A member in no team is removed.
 */

/**
 * How far apart two readings of the same state change may put it: Finesse's
 * clock skew is re-estimated on every request and wobbles by a few ms, which
 * moves the same stateChangeTime on our clock. The board shows whole seconds.
 */
const SINCE_WOBBLE_MS = 1_000;

/**
 * A Finesse reading that finds the member as the board holds it: the same
 * state, pending state and reason from Finesse, and (when the reading gives a
 * time for the state shown) the same exact time within SINCE_WOBBLE_MS. The
 * member is left as it is, time of the reading that found the state included.
 */
function confirmsMember(member: BoardMember, view: AgentStateView, since: number | null): boolean {
  const held = member.agentState;
  if (!held || held.source !== view.source || held.state !== view.state || held.pendingState !== view.pendingState || held.reasonLabel !== view.reasonLabel) return false;
  return since === null || (!member.sinceAtLeast && Math.abs(member.since - since) < SINCE_WOBBLE_MS);
}

interface TeamRecord {
  teamId: string;
  teamName: string;
  /** Insertion-ordered and duplicate-free by construction. */
  memberIds: Set<string>;
}

export interface SavedBoard {
  savedAt: number;
  supervisorId: string | null;
  teams: BoardTeam[];
  members: BoardMember[];
}

/** Ids remembered as left out, at most this many (the count then says "at least"). */
const MAX_LEFT_OUT_IDS = 100_000;

function noteLeftOut(ids: Set<string>, id: string): void {
  if (ids.size < MAX_LEFT_OUT_IDS) ids.add(id);
}

const INITIAL_CONNECTION: BoardConnection = { state: 'connecting', detail: 'Connecting to the report server.', detailMessage: { id: 'main.reports.connecting' }, asOf: null, retryAt: null };

export class BoardState {
  private readonly members = new Map<string, BoardMember>();
  private readonly teams = new Map<string, TeamRecord>();
  /** memberId → ids of the teams it is in (to find members left in no team). */
  private readonly teamsOfMember = new Map<string, Set<string>>();

  private seq = 0;
  private configured: boolean;
  private supervisorId: string | null;
  private connection: BoardConnection = { ...INITIAL_CONNECTION };
  private rejections: BoardRejections = { ...NO_REJECTIONS };
  private eventsApplied = 0;
  private readonly limits: Pick<BoardLimits, 'maxTeams' | 'maxMembers'>;
  /** Teams and members left out because the board was full (new ones only: known ones keep updating). */
  private teamsLeftOut = new Set<string>();
  private membersLeftOut = new Set<string>();

  // What changed since the last patch.
  private resetPending = false;
  private readonly dirtyTeams = new Set<string>();
  private readonly removedTeams = new Set<string>();
  private readonly dirtyMembers = new Set<string>();
  private readonly removedMembers = new Set<string>();
  private metaDirty = false;
  private oldestEventAt: number | null = null;

  /** Set between a (re)subscription and the end of the teamadded burst that follows it. */
  private resync: { at: number; seenTeams: Set<string> } | null = null;

  /** `startSeq` continues the numbering of a previous board, so a renderer never sees the sequence go back. */
  constructor(options: { configured: boolean; supervisorId: string | null; startSeq?: number; limits?: Partial<BoardLimits> }) {
    this.seq = options.startSeq ?? 0;
    this.limits = { maxTeams: options.limits?.maxTeams ?? DEFAULT_BOARD_LIMITS.maxTeams, maxMembers: options.limits?.maxMembers ?? DEFAULT_BOARD_LIMITS.maxMembers };
    // The first patch of a board always replaces whatever the renderer held.
    this.resetPending = true;
    this.configured = options.configured;
    this.supervisorId = options.supervisorId;
    if (!options.configured) this.connection = { state: 'off', detail: 'No report server in this profile.', detailMessage: { id: 'main.reports.off' }, asOf: null, retryAt: null };
  }

  // ---- reading ------------------------------------------------------------

  get sequence(): number {
    return this.seq;
  }

  get resyncing(): boolean {
    return this.resync !== null;
  }

  get memberCount(): number {
    return this.members.size;
  }

  get teamCount(): number {
    return this.teams.size;
  }

  get connectionState(): BoardConnection {
    return { ...this.connection };
  }

  /** Everything, as of the last patch taken (call takePatch first to include pending changes). */
  snapshot(): BoardSnapshot {
    return {
      seq: this.seq,
      configured: this.configured,
      supervisorId: this.supervisorId,
      connection: { ...this.connection },
      teams: this.teamList(),
      members: this.memberList(),
      rejections: { ...this.rejections },
      eventsApplied: this.eventsApplied,
      ...this.limitNotice(),
    };
  }

  /** What the board left out because it was full, in words and by id (null when nothing was). */
  private limitNotice(): { limitNotice: string | null; limitNoticeMessage: MainMessage | null } {
    const notice = limitNoticeWords(this.teamsLeftOut.size, this.membersLeftOut.size, this.limits);
    return { limitNotice: notice?.message ?? null, limitNoticeMessage: notice?.said ?? null };
  }

  /** What is worth keeping on disk for the offline view. */
  toSaved(now: number): SavedBoard {
    return { savedAt: this.connection.asOf ?? now, supervisorId: this.supervisorId, teams: this.teamList(), members: this.memberList() };
  }

  // ---- loading and connection ---------------------------------------------

  /** Start from a board saved earlier: shown read-only, labelled with its time, until live data replaces it. */
  loadSaved(saved: SavedBoard): void {
    this.clear();
    for (const member of saved.members) this.members.set(member.memberId, { ...member });
    for (const team of saved.teams) {
      const record: TeamRecord = { teamId: team.teamId, teamName: team.teamName, memberIds: new Set() };
      this.teams.set(team.teamId, record);
      for (const id of team.memberIds) if (this.members.has(id)) this.join(record, id);
    }
    // Members the saved file lists in no team are dropped.
    for (const id of [...this.members.keys()]) if (!this.teamsOfMember.has(id)) this.members.delete(id);
    this.connection = {
      state: 'offline',
      detail: 'Showing the last board saved on this computer.',
      detailMessage: { id: 'main.reports.saved' },
      asOf: saved.savedAt,
      retryAt: null,
    };
    this.resetPending = true;
  }

  setConnection(connection: BoardConnection): void {
    const previous = this.connection;
    if (
      previous.state === connection.state &&
      previous.detail === connection.detail &&
      previous.asOf === connection.asOf &&
      previous.retryAt === connection.retryAt
    ) {
      return;
    }
    this.connection = { ...connection };
    this.metaDirty = true;
  }

  /** Count a dropped frame or member entry. */
  reject(cause: keyof BoardRejections, count = 1): void {
    this.rejections[cause] += count;
    this.metaDirty = true;
  }

  /**
   * A subscription (first or after a reconnect) succeeded: the server now
   * re-sends every team with teamadded. Those replace what the board holds;
   * teams not re-announced are removed by endResync().
   */
  beginResync(now: number): void {
    this.resync = { at: now, seenTeams: new Set() };
    // Everything is announced again; what does not fit is counted afresh.
    this.teamsLeftOut.clear();
    this.membersLeftOut.clear();
  }

  endResync(): void {
    const resync = this.resync;
    if (!resync) return;
    this.resync = null;
    for (const teamId of [...this.teams.keys()]) if (!resync.seenTeams.has(teamId)) this.removeTeam(teamId);
  }

  // ---- Finesse --------------------------------------------------------------

  /**
   * Exact states from Finesse's Team API. A member's time in state becomes
   * Finesse's stateChangeTime (no longer "at least") when Finesse's state is
   * the one the board shows; a reading older than a change the report stream
   * brought since is ignored. Members the board does not hold are skipped.
   * A reading that finds what the board already holds changes nothing (see
   * `confirmsMember`), so the minute's re-read of every team sends the
   * renderer only the members that really changed.
   */
  applyAgentStates(readings: readonly AgentReading[]): string[] {
    const applied: string[] = [];
    for (const { memberId, view, since } of readings) {
      const member = this.members.get(memberId);
      if (!member) continue;
      const shows = statusForAgentState(view.state);
      const agrees = shows === null || shows === member.status;
      // The stream brought a change after this reading began: the reading is out of date.
      if (!agrees && !member.sinceAtLeast && member.since > view.at) continue;
      if (confirmsMember(member, view, agrees ? since : null)) {
        applied.push(memberId);
        continue;
      }
      const before = JSON.stringify([member.since, member.sinceAtLeast, member.agentState]);
      member.agentState = { ...view };
      if (agrees && since !== null) {
        member.since = since;
        member.sinceAtLeast = false;
      }
      if (JSON.stringify([member.since, member.sinceAtLeast, member.agentState]) !== before) this.dirtyMembers.add(memberId);
      applied.push(memberId);
    }
    return applied;
  }

  /** A member as the board holds it now (a copy), or null. */
  member(memberId: string): BoardMember | null {
    const member = this.members.get(memberId);
    return member ? { ...member } : null;
  }

  // ---- events -------------------------------------------------------------

  /** Fold one validated event in. `receivedAt` is when main received it (epoch ms). */
  apply(event: TeamEvent, receivedAt: number): void {
    for (const [cause, count] of Object.entries(event.droppedMembers)) this.reject(cause as keyof BoardRejections, count);
    // Any other event ends the burst of teamadded that follows a subscription.
    if (this.resync && event.name !== 'teamadded') this.endResync();

    switch (event.name) {
      case 'teamadded':
        this.teamAdded(event, receivedAt);
        break;
      case 'teamchanged': {
        const team = this.teams.get(event.teamId);
        if (!team) {
          this.reject('unknownTeam');
          return;
        }
        team.teamName = event.teamName ?? team.teamName;
        this.dirtyTeams.add(team.teamId);
        break;
      }
      case 'teamremoved':
        if (!this.teams.has(event.teamId)) {
          this.reject('unknownTeam');
          return;
        }
        this.removeTeam(event.teamId);
        break;
      case 'memberadded': {
        const team = this.teams.get(event.teamId);
        if (!team) {
          this.reject('unknownTeam');
          return;
        }
        for (const entry of event.members) this.upsertMember(team, entry, receivedAt, 'added');
        break;
      }
      case 'memberstatuschanged': {
        const team = this.teams.get(event.teamId);
        if (!team) {
          this.reject('unknownTeam');
          return;
        }
        for (const entry of event.members) this.upsertMember(team, entry, receivedAt, 'changed');
        this.eventsApplied += event.members.length;
        this.noteEvent(receivedAt);
        return;
      }
      case 'memberremoved': {
        const team = this.teams.get(event.teamId);
        if (!team) {
          this.reject('unknownTeam');
          return;
        }
        for (const entry of event.members) this.leave(team, entry.memberId);
        this.dirtyTeams.add(team.teamId);
        break;
      }
    }
    this.eventsApplied++;
    this.noteEvent(receivedAt);
  }

  private noteEvent(receivedAt: number): void {
    if (this.oldestEventAt === null) this.oldestEventAt = receivedAt;
  }

  private teamAdded(event: TeamEvent, receivedAt: number): void {
    let team = this.teams.get(event.teamId);
    const previousMembers = team ? [...team.memberIds] : [];
    if (!team && this.teams.size >= this.limits.maxTeams) {
      noteLeftOut(this.teamsLeftOut, event.teamId);
      this.metaDirty = true;
      return;
    }
    if (!team) {
      team = { teamId: event.teamId, teamName: event.teamName ?? event.teamId, memberIds: new Set() };
      this.teams.set(team.teamId, team);
      this.removedTeams.delete(team.teamId);
    } else {
      team.teamName = event.teamName ?? team.teamName;
      // The announcement is the team's whole membership: start it afresh.
      for (const id of previousMembers) this.leaveQuietly(team, id);
    }
    for (const entry of event.members) this.upsertMember(team, entry, receivedAt, 'announced');
    // Members who were in the team but are not any more, and are in no other team, go.
    for (const id of previousMembers) if (!this.teamsOfMember.has(id)) this.removeMember(id);
    this.dirtyTeams.add(team.teamId);
    this.resync?.seenTeams.add(team.teamId);
  }

  /**
   * How `since` moves: a status change received now starts the clock exactly
   * (if status or reason really changed). A member announced or added keeps
   * its clock when its state is unchanged, except right after a subscription:
   * whatever happened while we were not listening is unknown, so the clock
   * restarts "at least since subscribed".
   */
  private upsertMember(team: TeamRecord, entry: WireMemberEntry, receivedAt: number, how: 'announced' | 'added' | 'changed'): void {
    const existing = this.members.get(entry.memberId);
    const status = entry.status!;
    if (!existing) {
      // Already left out for want of room: its updates are expected, not malformed.
      if (this.membersLeftOut.has(entry.memberId)) return;
      if (entry.memberName === undefined || entry.memberType === undefined) {
        // A status change for someone never announced, without name or type: nothing to show.
        this.reject('missingFields');
        return;
      }
      if (this.members.size >= this.limits.maxMembers) {
        noteLeftOut(this.membersLeftOut, entry.memberId);
        this.metaDirty = true;
        return;
      }
      this.members.set(entry.memberId, {
        memberId: entry.memberId,
        memberType: entry.memberType,
        memberName: entry.memberName,
        status,
        reason: entry.reason,
        since: receivedAt,
        sinceAtLeast: how !== 'changed',
      });
      this.removedMembers.delete(entry.memberId);
      this.dirtyMembers.add(entry.memberId);
    } else {
      let changed = false;
      if (existing.status !== status || existing.reason !== entry.reason) {
        existing.status = status;
        existing.reason = entry.reason;
        existing.since = receivedAt;
        existing.sinceAtLeast = how !== 'changed';
        // Finesse's reading is older than this change: keep the state this status stands for until Finesse is read again.
        if (existing.agentState) existing.agentState = { state: agentStateForStatus(status), pendingState: null, reasonLabel: entry.reason, source: 'stream', at: receivedAt };
        changed = true;
      } else if (how === 'announced' && this.resync && (existing.since !== this.resync.at || !existing.sinceAtLeast)) {
        existing.since = this.resync.at;
        existing.sinceAtLeast = true;
        changed = true;
      }
      if (entry.memberName !== undefined && entry.memberName !== existing.memberName) {
        existing.memberName = entry.memberName;
        changed = true;
      }
      if (entry.memberType !== undefined && entry.memberType !== existing.memberType) {
        existing.memberType = entry.memberType;
        changed = true;
      }
      if (changed) this.dirtyMembers.add(existing.memberId);
    }
    if (!team.memberIds.has(entry.memberId)) {
      this.join(team, entry.memberId);
      this.dirtyTeams.add(team.teamId);
    }
  }

  // ---- membership ---------------------------------------------------------

  private join(team: TeamRecord, memberId: string): void {
    team.memberIds.add(memberId);
    let teams = this.teamsOfMember.get(memberId);
    if (!teams) this.teamsOfMember.set(memberId, (teams = new Set()));
    teams.add(team.teamId);
  }

  /** Leave without removing the member record (it may re-join in the same event). */
  private leaveQuietly(team: TeamRecord, memberId: string): void {
    team.memberIds.delete(memberId);
    const teams = this.teamsOfMember.get(memberId);
    teams?.delete(team.teamId);
    if (teams?.size === 0) this.teamsOfMember.delete(memberId);
  }

  private leave(team: TeamRecord, memberId: string): void {
    if (!team.memberIds.has(memberId)) return;
    this.leaveQuietly(team, memberId);
    if (!this.teamsOfMember.has(memberId)) this.removeMember(memberId);
  }

  private removeMember(memberId: string): void {
    if (!this.members.delete(memberId)) return;
    this.dirtyMembers.delete(memberId);
    this.removedMembers.add(memberId);
  }

  private removeTeam(teamId: string): void {
    const team = this.teams.get(teamId);
    if (!team) return;
    this.teams.delete(teamId);
    for (const id of [...team.memberIds]) this.leave(team, id);
    this.dirtyTeams.delete(teamId);
    this.removedTeams.add(teamId);
  }

  private clear(): void {
    this.members.clear();
    this.teams.clear();
    this.teamsOfMember.clear();
    this.dirtyTeams.clear();
    this.removedTeams.clear();
    this.dirtyMembers.clear();
    this.removedMembers.clear();
    this.teamsLeftOut.clear();
    this.membersLeftOut.clear();
    this.resync = null;
  }

  // ---- patches ------------------------------------------------------------

  get hasChanges(): boolean {
    return (
      this.resetPending ||
      this.metaDirty ||
      this.dirtyTeams.size > 0 ||
      this.removedTeams.size > 0 ||
      this.dirtyMembers.size > 0 ||
      this.removedMembers.size > 0
    );
  }

  /** The changes since the previous patch as the next numbered patch; null when nothing changed. */
  takePatch(): BoardPatch | null {
    if (!this.hasChanges) return null;
    const reset = this.resetPending;
    const patch: BoardPatch = {
      seq: ++this.seq,
      reset,
      configured: this.configured,
      supervisorId: this.supervisorId,
      teams: reset ? this.teamList() : [...this.dirtyTeams].map((id) => this.teamCopy(this.teams.get(id)!)),
      removedTeamIds: reset ? [] : [...this.removedTeams],
      members: reset ? this.memberList() : [...this.dirtyMembers].map((id) => ({ ...this.members.get(id)! })),
      removedMemberIds: reset ? [] : [...this.removedMembers],
      connection: { ...this.connection },
      rejections: { ...this.rejections },
      eventsApplied: this.eventsApplied,
      oldestEventAt: this.oldestEventAt,
      ...this.limitNotice(),
    };
    this.resetPending = false;
    this.metaDirty = false;
    this.dirtyTeams.clear();
    this.removedTeams.clear();
    this.dirtyMembers.clear();
    this.removedMembers.clear();
    this.oldestEventAt = null;
    return patch;
  }

  private teamCopy(team: TeamRecord): BoardTeam {
    return { teamId: team.teamId, teamName: team.teamName, memberIds: [...team.memberIds] };
  }

  private teamList(): BoardTeam[] {
    return [...this.teams.values()].map((team) => this.teamCopy(team));
  }

  private memberList(): BoardMember[] {
    return [...this.members.values()].map((member) => ({ ...member }));
  }
}

/**
 * The notice when the report server sent more teams or members than the board
 * keeps: in words, and by id (`main.reports.limit`) with the counts as values.
 * Null when nothing was left out.
 */
export function limitNoticeWords(teamsLeftOut: number, membersLeftOut: number, limits: { maxTeams: number; maxMembers: number }): { message: string; said: MainMessage } | null {
  const parts: string[] = [];
  if (teamsLeftOut) parts.push(`${teamsLeftOut} team${teamsLeftOut === 1 ? '' : 's'} beyond the limit of ${limits.maxTeams}`);
  if (membersLeftOut) parts.push(`${membersLeftOut} member${membersLeftOut === 1 ? '' : 's'} beyond the limit of ${limits.maxMembers}`);
  if (!parts.length) return null;
  return {
    message: `The report server sent more than this board keeps, so it is incomplete: ${parts.join(' and ')} are not shown. The limits are set in the profile (reports.limits).`,
    said: { id: 'main.reports.limit', values: { teams: teamsLeftOut, members: membersLeftOut, maxTeams: limits.maxTeams, maxMembers: limits.maxMembers } },
  };
}

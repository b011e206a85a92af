import crypto from 'node:crypto';
import { ConsoleError } from '../../../shared/ipc/result';
import {
  ACTION_LABELS,
  AGENT_STATE_LABELS,
  agentStateForStatus,
  checkTransition,
  statusForAgentState,
  type ActionOutcome,
  type ActionResult,
  type AgentState,
  type AgentStateView,
  type FinesseProblemSentence,
  type SupervisorTarget,
} from '../../../shared/domain/finesse';
import type { AuditResult } from '../../../shared/domain/changes';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../log/logger';
import type { BoardService } from '../reports/board-service';
import type { AgentReading } from '../reports/board-state';
import type { FinesseService, TeamReading } from './service';

/**
 * Where Finesse meets the board.
 *
 * Time in state: after every (re)subscription of the board, and every 60 s,
 * each of the supervisor's teams is read from Finesse and every member's
 * "since" becomes Finesse's stateChangeTime (skew removed). A member whose
 * state Finesse knows but the report stream cannot say (signed out, on a call,
 * a sign-out waiting for the call's end) is read again as soon as the stream
 * shows a change for them.
 *
 * Actions: a change is checked against the member's current state (the same
 * rule the menu uses), sent once (never queued: with Finesse unreachable it
 * fails at once and says so), then confirmed by re-reading the member's team,
 * at once when the report stream shows the member changing and otherwise a
 * few times over six seconds. Every action and its outcome goes to the audit
 * log.
 */
export interface BoardLinkOptions {
  board: BoardService;
  /** Finesse for the active site, or null when the profile has none. */
  finesse: () => FinesseService | null;
  audit: () => AuditLog | null;
  profileName: () => string;
  /** Every action and its outcome also goes to the board's history. */
  recordAction?: (action: { at: number; memberId: string; memberName: string; action: SupervisorTarget; by: string; result: ActionResult | 'failed'; message: string }) => void;
  log: Logger;
  /** Default 60 s. */
  refreshIntervalMs?: number;
  /** Re-reads while confirming an action, ms after it was accepted. */
  confirmDelaysMs?: readonly number[];
  now?: () => number;
}

const DEFAULT_CONFIRM_DELAYS = [300, 800, 1_500, 3_000, 6_000];
/** How often one team is read at most while following a member the stream cannot describe. */
const FOLLOW_DEBOUNCE_MS = 250;

export class BoardFinesseLink {
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private again = false;
  /** Finesse team ids each member was last read in. */
  private readonly teamsOfMember = new Map<string, Set<string>>();
  /** The last Finesse reading of each member. */
  private readonly lastRead = new Map<string, AgentStateView>();
  private readonly teamNames = new Map<string, string>();
  /** Members with an action being confirmed: their stream changes wake the confirmation. */
  private readonly watching = new Map<string, () => void>();
  private followTimer: NodeJS.Timeout | null = null;
  private readonly followTeams = new Set<string>();
  private service: FinesseService | null = null;
  private readonly now: () => number;

  constructor(private readonly options: BoardLinkOptions) {
    this.now = options.now ?? Date.now;
    options.board.on('resynced', () => void this.refresh());
    options.board.on('statusChanged', (ids) => this.onStatusChanged(ids));
  }

  /** A site's Finesse started: read now, then every minute. */
  attach(service: FinesseService): void {
    this.detach();
    this.service = service;
    let wasOk = false;
    service.on('state', (state) => {
      // Back in service (after a failover or an outage): what changed meanwhile is read at once.
      if (state.mode === 'ok' && !wasOk && this.service === service) void this.refresh();
      wasOk = state.mode === 'ok';
    });
    this.timer = setInterval(() => void this.refresh(), this.options.refreshIntervalMs ?? 60_000);
    this.timer.unref?.();
  }

  detach(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.followTimer) clearTimeout(this.followTimer);
    this.timer = null;
    this.followTimer = null;
    this.service = null;
    this.teamsOfMember.clear();
    this.lastRead.clear();
    this.followTeams.clear();
  }

  // ---- time in state ----------------------------------------------------------

  /** Read every team of the supervisor's and give the board their members' exact states (one read at a time). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        await this.readAll();
      } while (this.again);
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async readAll(): Promise<void> {
    const service = this.options.finesse();
    if (!service) return;
    let teams;
    try {
      teams = await service.supervisedTeams(true);
    } catch (error) {
      this.noteFailures(service, [error]);
      return;
    }
    await this.read(service, teams, true);
  }

  private async readTeams(teamIds: Iterable<string>): Promise<void> {
    const service = this.options.finesse();
    if (service) await this.read(service, [...teamIds].map((id) => ({ id, name: this.teamNames.get(id) ?? '' })), false);
  }

  /** Read teams one by one; a team whose answer is unusable is said on the board, the others still count. */
  private async read(service: FinesseService, teams: ReadonlyArray<{ id: string; name: string }>, complete: boolean): Promise<void> {
    const readings: TeamReading[] = [];
    const failures: unknown[] = [];
    for (const team of teams) {
      try {
        readings.push(await service.readTeam(team));
      } catch (error) {
        failures.push(error);
        // Unreachable: the other teams would fail the same way.
        if (error instanceof ConsoleError && error.code === 'unavailable') break;
      }
    }
    if (this.options.finesse() !== service) return;
    if (complete && failures.length === 0) this.teamsOfMember.clear();
    this.apply(service, readings, failures, complete);
  }

  private apply(service: FinesseService, readings: readonly TeamReading[], failures: readonly unknown[], complete: boolean): void {
    const board: AgentReading[] = [];
    const unknown: string[] = [];
    let timeless = 0;
    for (const { team, members, readAt } of readings) {
      this.teamNames.set(team.id, team.name);
      for (const member of members) {
        let teams = this.teamsOfMember.get(member.loginId);
        if (!teams) this.teamsOfMember.set(member.loginId, (teams = new Set()));
        teams.add(team.id);
        if (member.unknownState) unknown.push(`${member.name} (“${member.unknownState.slice(0, 40)}”)`);
        if (member.since === null) timeless++;
        // A reading that began before one already applied is out of date.
        if ((this.lastRead.get(member.loginId)?.at ?? -Infinity) > readAt) continue;
        const view: AgentStateView = { state: member.state, pendingState: member.pendingState, reasonLabel: member.reasonLabel, source: 'finesse', at: readAt };
        this.lastRead.set(member.loginId, view);
        board.push({ memberId: member.loginId, view, since: member.since });
      }
    }
    this.options.board.applyAgentStates(board);
    // Only a full read says what is wrong now; a partial one adds to it.
    if (!complete && failures.length === 0 && unknown.length === 0 && timeless === 0) return;
    const problems: FinesseProblemSentence[] = failures.length ? this.describeFailures(failures) : [];
    if (unknown.length) problems.push(unknownStateProblem(unknown));
    if (timeless) problems.push(timelessProblem(timeless));
    service.setProblem(problems.length ? problems : null);
  }

  private noteFailures(service: FinesseService, failures: readonly unknown[]): void {
    const problems = this.describeFailures(failures);
    if (problems.length) service.setProblem(problems);
  }

  /** Unreachable Finesse shows in its state already; a bad answer is said on the board. */
  private describeFailures(failures: readonly unknown[]): FinesseProblemSentence[] {
    const shown = failures.filter((error) => !(error instanceof ConsoleError && error.code === 'unavailable'));
    if (shown.length === 0) return [];
    this.options.log.warn(`reading teams from Finesse failed: ${shown[0] instanceof Error ? shown[0].message : String(shown[0])}`);
    return readFailureProblems(shown);
  }

  /** The stream changed members Finesse knows more about (signed out, on a call, a pending state): read their teams soon. */
  private onStatusChanged(memberIds: readonly string[]): void {
    for (const id of memberIds) {
      this.watching.get(id)?.();
      const last = this.lastRead.get(id);
      if (!last || (last.pendingState === null && statusForAgentState(last.state) !== null)) continue;
      for (const teamId of this.teamsOfMember.get(id) ?? []) this.followTeams.add(teamId);
    }
    if (this.followTeams.size === 0 || this.followTimer) return;
    this.followTimer = setTimeout(() => {
      this.followTimer = null;
      const teams = [...this.followTeams];
      this.followTeams.clear();
      void this.readTeams(teams);
    }, FOLLOW_DEBOUNCE_MS);
    this.followTimer.unref?.();
  }

  // ---- actions ------------------------------------------------------------------

  async act(agentId: string, target: SupervisorTarget): Promise<ActionOutcome> {
    const service = this.options.finesse();
    if (!service) {
      throw new ConsoleError('unavailable', 'Finesse is not configured in the active profile: add a Finesse section under Connections to act on agents.', undefined, {
        id: 'errors.finesse.notConfigured',
      });
    }
    const member = this.options.board.member(agentId);
    if (!member) throw new ConsoleError('not_found', 'That agent is not on the board (any more).', undefined, { id: 'errors.board.agentGone' });
    const name = member.memberName;
    const current = member.agentState ?? { state: agentStateForStatus(member.status), pendingState: null };
    const from = current.state;
    const verb = ACTION_LABELS[target].replace('…', '');
    const check = checkTransition(current, target);
    if (!check.allowed) {
      const message = `${verb} is not possible for ${name}: ${check.reason} Nothing was sent.`;
      this.audit(service, agentId, name, from, target, 'failed', message);
      throw new ConsoleError('conflict', message);
    }
    if (service.state().mode === 'down') {
      // One more look: the poll may not have seen a node come back yet. Still nothing is queued.
      await service.client.locate().catch(() => undefined);
      if (!service.client.activeNode) {
        const message = `${service.client.unavailableReason()} ${verb} for ${name} was not sent, and will not be sent later.`;
        this.audit(service, agentId, name, from, target, 'failed', message);
        throw new ConsoleError('unavailable', message);
      }
    }
    let seenOnStream = false;
    const confirmation = this.confirm(agentId, target, () => (seenOnStream = true));
    try {
      await service.setState(agentId, target, name);
    } catch (error) {
      confirmation.cancel();
      const message = error instanceof Error ? error.message : String(error);
      this.audit(service, agentId, name, from, target, 'failed', message);
      throw error;
    }
    const result = await confirmation.result;
    const outcome: ActionOutcome = { agentId, agentName: name, from, target, result, message: describeOutcome(name, target, result, seenOnStream) };
    this.audit(service, agentId, name, from, target, result === 'done' ? 'applied' : result, outcome.message);
    return outcome;
  }

  /** Wait until Finesse shows the target (done) or holds it as pending (deferred), re-reading the member's teams. */
  private confirm(agentId: string, target: SupervisorTarget, onStream: () => void): { result: Promise<ActionOutcome['result']>; cancel: () => void } {
    let cancelled = false;
    let wake: () => void = () => undefined;
    const result = (async (): Promise<ActionOutcome['result']> => {
      const started = this.now();
      const delays = this.options.confirmDelaysMs ?? DEFAULT_CONFIRM_DELAYS;
      const deadline = started + (delays.at(-1) ?? 0);
      // Readings before the request was made say nothing about it.
      const settled = () => {
        const last = this.lastRead.get(agentId);
        if (!last || last.at < started) return null;
        if (last.state === target) return 'done' as const;
        if (last.pendingState === target) return 'pending' as const;
        return null;
      };
      this.watching.set(agentId, () => {
        onStream();
        wake();
      });
      try {
        for (const delay of delays) {
          if (cancelled) return 'sent';
          // Sleep until the next re-read, or until the stream shows the member changing.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, Math.max(0, started + delay - this.now()));
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          if (cancelled) return 'sent';
          await this.readTeams(this.teamsOfMember.get(agentId) ?? (await this.allTeamIds()));
          const verdict = settled();
          if (verdict) return verdict;
          if (this.now() > deadline) break;
        }
        return 'sent';
      } finally {
        this.watching.delete(agentId);
      }
    })();
    return {
      result,
      cancel: () => {
        cancelled = true;
        wake();
      },
    };
  }

  private async allTeamIds(): Promise<string[]> {
    const service = this.options.finesse();
    return service ? (await service.supervisedTeams()).map((team) => team.id) : [];
  }

  private audit(service: FinesseService, agentId: string, name: string, from: AgentState, target: SupervisorTarget, result: AuditResult, message: string): void {
    try {
      const outcome = result === 'applied' ? 'done' : result === 'pending' || result === 'sent' ? result : 'failed';
      this.options.recordAction?.({ at: this.now(), memberId: agentId, memberName: name, action: target, by: service.username, result: outcome, message });
    } catch (error) {
      this.options.log.error('could not record the action in the history', error);
    }
    try {
      this.options.audit()?.append({
        at: this.now(),
        profile: this.options.profileName(),
        user: service.username,
        system: 'finesse',
        objectType: 'agent',
        objectId: agentId,
        label: `Agent ${name} (${agentId})`,
        changeId: `finesse-${crypto.randomUUID()}`,
        before: { state: from },
        after: { state: target },
        result,
        message,
        fieldLabels: { state: 'Agent state' },
      });
    } catch (error) {
      this.options.log.error('could not write the audit log', error);
    }
  }
}

function describeOutcome(name: string, target: SupervisorTarget, result: ActionOutcome['result'], seenOnStream: boolean): string {
  if (result === 'pending') return `${name} signs out after the current call.`;
  if (result === 'sent') return `Finesse accepted the change for ${name} (${AGENT_STATE_LABELS[target]}), but it has not shown yet; watch the board.`;
  const source = seenOnStream ? 'seen on the report stream' : 'confirmed by Finesse';
  if (target === 'LOGOUT') return `${name} is signed out (${source}).`;
  return `${name} is ${AGENT_STATE_LABELS[target]} now (${source}).`;
}

/**
 * Finesse's answers to reading the teams could not be used: its first two
 * different refusals (each by its own id where it has one), then what the
 * board does meanwhile (`main.finesse.problem.ownTimes`).
 */
export function readFailureProblems(failures: readonly unknown[]): FinesseProblemSentence[] {
  const sentences = new Map<string, FinesseProblemSentence>();
  for (const error of failures) {
    const english = error instanceof Error ? error.message : String(error);
    const said = error instanceof ConsoleError ? error.said : undefined;
    if (!sentences.has(english)) sentences.set(english, { english, ...(said ? { said } : {}) });
  }
  return [
    ...[...sentences.values()].slice(0, 2),
    { english: 'The board keeps its own times for those members until Finesse answers properly.', said: { id: 'main.finesse.problem.ownTimes' } },
  ];
}

/** Finesse reported states the console does not know, for these members (`Name (“STATE”)`; the first three are named). */
export function unknownStateProblem(members: readonly string[]): FinesseProblemSentence {
  const named = members.slice(0, 3).join(', ');
  const more = Math.max(0, members.length - 3);
  return {
    english: `Finesse reported a state this console does not know for ${named}${more ? ` and ${more} more` : ''}; shown as Unknown, with no actions.`,
    said: { id: 'main.finesse.problem.unknownState', values: { members: named, more } },
  };
}

/** Finesse gave no time in state for this many members. */
export function timelessProblem(count: number): FinesseProblemSentence {
  return {
    english: `Finesse gave no time in state for ${count} member${count === 1 ? '' : 's'}; the board counts from when it saw their state (“≥”).`,
    said: { id: 'main.finesse.problem.noTimeInState', values: { count } },
  };
}

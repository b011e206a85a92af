import type { CallJourneyRecorder } from './journeys';
import { INITIAL_STATUS_SHARES, type MemberState, type TeamStatusModel } from './model';
import type { MemberStatus } from './protocol';

/**
 * The scenario engine: one deterministic stream of agent status changes,
 * using only the three statuses the protocol knows.
 *
 *   ready     → ACW (took and finished a call; its journey is recorded)  75%
 *             → not_ready with a reason code                           25%
 *   ACW       → ready 85%, not_ready 15%
 *   not_ready → ready 90%, not_ready with another reason 10%
 *
 * Agents are not picked uniformly: each status has a pick weight (short ACW,
 * longer not-ready spells) chosen so that the mix stays near the initial one
 * (55% ready, 30% not ready, 15% ACW) however long the scenario runs.
 */

const READY_TO_ACW = 0.75;
const ACW_TO_READY = 0.85;
const NOT_READY_TO_READY = 0.9;

// Balance of flows per unit of time (ready's outflow taken as 1): each status
// must receive as much as it loses, and weight = outflow / share.
const READY_OUTFLOW = 1;
const ACW_OUTFLOW = READY_TO_ACW * READY_OUTFLOW;
const NOT_READY_OUTFLOW = ((1 - READY_TO_ACW) * READY_OUTFLOW + (1 - ACW_TO_READY) * ACW_OUTFLOW) / NOT_READY_TO_READY;

export const PICK_WEIGHTS: Readonly<Record<MemberStatus, number>> = {
  ready: READY_OUTFLOW / INITIAL_STATUS_SHARES.ready,
  ACW: ACW_OUTFLOW / INITIAL_STATUS_SHARES.ACW,
  not_ready: NOT_READY_OUTFLOW / INITIAL_STATUS_SHARES.not_ready,
};

export class ScenarioEngine {
  constructor(
    private readonly model: TeamStatusModel,
    private readonly journeys: CallJourneyRecorder,
    private readonly random: () => number,
  ) {}

  /** Agents who start in ACW have just finished a call: give them a journey too. */
  recordInitialCalls(agents: Iterable<MemberState>): void {
    for (const agent of agents) if (agent.status === 'ACW') this.journeys.record(agent, this.homeTeam(agent), agent.stateChangeTime);
  }

  /** Apply one status change and return the member it changed (null when nobody can change). */
  next(): MemberState | null {
    const member = this.pickMember();
    if (!member) return null;
    const roll = this.random();
    switch (member.status) {
      case 'ready':
        if (roll < READY_TO_ACW) {
          this.journeys.record(member, this.homeTeam(member));
          this.model.setStatus(member, 'ACW', '');
        } else {
          this.model.setStatus(member, 'not_ready', this.model.randomReason(this.random));
        }
        break;
      case 'ACW':
        if (roll < ACW_TO_READY) this.model.setStatus(member, 'ready', '');
        else this.model.setStatus(member, 'not_ready', this.model.randomReason(this.random));
        break;
      case 'not_ready':
        if (roll < NOT_READY_TO_READY) this.model.setStatus(member, 'ready', '');
        else this.model.setStatus(member, 'not_ready', this.model.randomReason(this.random, member.reason));
        break;
    }
    return member;
  }

  private pickMember(): MemberState | null {
    const ready = this.model.pool('ready');
    const notReady = this.model.pool('not_ready');
    const acw = this.model.pool('ACW');
    const readyWeight = ready.length * PICK_WEIGHTS.ready;
    const notReadyWeight = notReady.length * PICK_WEIGHTS.not_ready;
    const total = readyWeight + notReadyWeight + acw.length * PICK_WEIGHTS.ACW;
    if (total === 0) return null;
    const point = this.random() * total;
    const pool = point < readyWeight ? ready : point < readyWeight + notReadyWeight ? notReady : acw;
    return pool[Math.floor(this.random() * pool.length)] ?? null;
  }

  private homeTeam(member: MemberState) {
    const first = this.model.teamIdsOf(member.memberId).values().next();
    return first.done ? undefined : this.model.team(first.value);
  }
}

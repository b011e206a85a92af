/**
 * The generated day both history benchmarks record: 5,000 members in 50
 * teams, 1,000 status events a second in board patches every 33 ms (each
 * status change also handed over as it is applied, as the board's
 * `statusChanged` does), a membership change every 10 minutes and a 2-minute
 * outage of the report stream at mid-day, at simulated times from `DAY_START`.
 * The same seed gives the same day, so a member's day can be checked.
 */
import type { BoardMember, BoardPatch, BoardTeam, MemberStatus } from '../../shared/domain/board';
import { downSince, LIVE, patch } from '../support/history-script';

export const MEMBERS = 5_000;
export const TEAMS = 50;
export const RATE = 1_000;
export const PATCH_MS = 33;
const REASONS = ['Lunch', 'Break', 'Meeting', 'Training', 'Coaching', 'System'];

export interface DayStream {
  /** Feeds every patch (and resync) of `hours` at simulated times; ticks every 250 ms. */
  run(hours: number, sink: { status(m: BoardMember, now: number): void; patch(p: BoardPatch, now: number): void; resynced(now: number): void; tick(now: number): void }): number;
}

export function memberId(i: number): string {
  return `agent${String(i).padStart(5, '0')}`;
}

export function generatedDay(DAY_START: number): DayStream {
  return {
    run(hours, sink) {
      let seed = 12345;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
      const members: BoardMember[] = [];
      for (let i = 0; i < MEMBERS; i++) members.push({ memberId: memberId(i), memberName: `Agent ${i}`, memberType: 'Agent', status: 'ready', reason: '', since: DAY_START, sinceAtLeast: true });
      const teams: BoardTeam[] = [];
      for (let t = 0; t < TEAMS; t++) teams.push({ teamId: `team${t}`, teamName: `Team ${t}`, memberIds: members.slice(t * (MEMBERS / TEAMS), (t + 1) * (MEMBERS / TEAMS)).map((m) => m.memberId) });
      sink.patch(patch({ reset: true, connection: LIVE, teams: teams.map((t) => ({ ...t, memberIds: [...t.memberIds] })), members: members.map((m) => ({ ...m })) }), DAY_START);
      sink.resynced(DAY_START + 1_000);
      const end = DAY_START + hours * 3_600_000;
      const outageAt = DAY_START + (hours * 3_600_000) / 2;
      let events = 0;
      let nextTick = DAY_START + 1_250;
      let owed = 0;
      let outage: 'before' | 'down' | 'after' = 'before';
      for (let now = DAY_START + 1_000 + PATCH_MS; now < end; now += PATCH_MS) {
        while (nextTick <= now) {
          sink.tick(nextTick);
          nextTick += 250;
        }
        if (outage === 'before' && now >= outageAt) {
          outage = 'down';
          sink.patch(patch({ connection: downSince(now) }), now);
        }
        if (outage === 'down' && now >= outageAt + 120_000) {
          outage = 'after';
          sink.patch(patch({ connection: LIVE }), now);
          sink.resynced(now + 500);
        }
        const changed: BoardMember[] = [];
        owed += (RATE * PATCH_MS) / 1000;
        while (owed >= 1) {
          owed--;
          const m = members[Math.floor(random() * MEMBERS)]!;
          const roll = random();
          const status: MemberStatus = m.status === 'ready' ? (roll < 0.6 ? 'ACW' : 'not_ready') : 'ready';
          m.status = status;
          m.reason = status === 'not_ready' ? REASONS[Math.floor(random() * REASONS.length)]! : '';
          m.since = now - Math.floor(random() * PATCH_MS);
          const copy = { ...m };
          sink.status(copy, m.since);
          changed.push(copy);
          events++;
        }
        const moved: BoardTeam[] = [];
        if ((now - DAY_START) % 600_000 < PATCH_MS) {
          // Every 10 minutes someone moves to the next team.
          const from = teams[Math.floor(random() * TEAMS)]!;
          const to = teams[(teams.indexOf(from) + 1) % TEAMS]!;
          const who = from.memberIds.shift();
          if (who) to.memberIds.push(who);
          moved.push({ ...from, memberIds: [...from.memberIds] }, { ...to, memberIds: [...to.memberIds] });
        }
        sink.patch(patch({ connection: outage === 'down' ? downSince(outageAt) : LIVE, members: changed, teams: moved }), now);
      }
      sink.tick(end);
      return events;
    },
  };
}

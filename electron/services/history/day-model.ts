import type { MemberStatus, MemberType } from '../../../shared/domain/board';

/**
 * One day of the board's history as a model: who is on the board in which
 * state since when, which teams hold whom, whether the console is seeing
 * (live) or not (a gap), and the running sums the day's summary and team
 * chart are made of. The recorder drives it live; the reader rebuilds it from
 * a checkpoint plus the records after it. Both go through these same methods,
 * so what is recorded and what is read back cannot drift apart.
 *
 * Members and states are small integers within a day (dictionaries kept in
 * the day's control log): members are numbered as first seen, states are
 * (status, reason, Finesse state) triples.
 */

export const MINUTE_MS = 60_000;
/** State code for "not on the board". */
export const ABSENT = 0xffff;
/** Largest state code (codes are 16-bit on disk; ABSENT is reserved). */
export const MAX_STATE_CODE = 0xfffe;

export interface StateKey {
  status: MemberStatus;
  reason: string;
  /** Finesse's state when Finesse was read, '' otherwise. */
  agent: string;
}

export interface MemberInfo {
  id: string;
  name: string;
  type: MemberType;
}

interface MemberSlot {
  code: number;
  /** When the current state began as seen (epoch ms). */
  since: number;
  sinceAtLeast: boolean;
  /** Start of the part of the current state not yet added to the sums; null while not observed. */
  openSince: number | null;
  /** Start of the current continuous observed state (for the longest Not Ready); null while not observed. */
  stateStart: number | null;
  teams: string[];
}

export interface MemberSums {
  /** state code → observed ms. */
  byCode: Map<number, number>;
  longestNotReady: { start: number; ms: number; code: number } | null;
  signOuts: number;
  firstSeen: number | null;
  lastSeen: number | null;
}

/** One minute's member-time per state code for one team. */
export type TeamMinute = Map<number, number>;

export interface MinuteRecord {
  /** Epoch ms of the minute's start. */
  m: number;
  /** teamId → [code, ms, code, ms, ...]; `o` → observed member-ms of the team. */
  teams: Record<string, number[]>;
}

/** The model as JSON, for checkpoints. Arrays keep it compact: 5,000 members in a few hundred KB. */
export interface ModelCheckpoint {
  at: number;
  live: boolean;
  minuteStart: number;
  /** [n, code, since, sinceAtLeast 0|1, openSince|-1, stateStart|-1] per member on the board. */
  members: number[][];
  /** [teamId, teamName, memberNumbers]. */
  teams: Array<[string, string, number[]]>;
  /** [n, [code, ms, ...], longestStart|-1, longestMs, longestCode, signOuts, firstSeen|-1, lastSeen|-1]. */
  sums: Array<[number, number[], number, number, number, number, number, number]>;
  /** [teamId, [code, ms, ...]] for the minute in progress. */
  teamMinute: Array<[string, number[]]>;
}

export class DayModel {
  readonly members: Array<MemberSlot | undefined> = [];
  readonly teams = new Map<string, { name: string; members: Set<number> }>();
  readonly sums: Array<MemberSums | undefined> = [];
  private teamMinute = new Map<string, TeamMinute>();
  private minuteStart: number;
  live = false;
  /** The last moment the model was advanced to. */
  at: number;

  /**
   * `stateOf` turns a code into its triple (from the day's dictionary);
   * `onMinute` receives each finished minute's team sums.
   */
  constructor(
    dayStart: number,
    private readonly stateOf: (code: number) => StateKey | undefined,
    private readonly onMinute: (minute: MinuteRecord) => void = () => undefined,
    /** False: only who is where in which state (the board at a moment), no sums: about twice as fast to replay. */
    private readonly tracking = true,
  ) {
    this.minuteStart = dayStart;
    this.at = dayStart;
  }

  // ---- time -----------------------------------------------------------------

  /** Move time forward, closing every whole minute passed (sums per team per minute). */
  advance(to: number): void {
    if (to < this.at) return;
    while (to >= this.minuteStart + MINUTE_MS) {
      const boundary = this.minuteStart + MINUTE_MS;
      if (this.live && this.tracking) this.members.forEach((slot, n) => slot && this.closeOpen(n, slot, boundary));
      if (this.tracking) this.emitMinute();
      this.minuteStart = boundary;
    }
    this.at = to;
  }

  private emitMinute(): void {
    const teams: Record<string, number[]> = {};
    for (const [teamId, sums] of this.teamMinute) {
      const flat: number[] = [];
      for (const [code, ms] of sums) flat.push(code, ms);
      if (flat.length) teams[teamId] = flat;
    }
    this.teamMinute = new Map();
    this.onMinute({ m: this.minuteStart, teams });
  }

  // ---- what happens ---------------------------------------------------------

  /** The console sees again (after a resync): every member's state is observed from now, its start unknown. */
  goLive(at: number): void {
    this.advance(at);
    if (this.live) return;
    this.live = true;
    this.members.forEach((slot, n) => {
      if (!slot || slot.code === ABSENT) return;
      slot.openSince = at;
      slot.stateStart = at;
      slot.since = Math.max(slot.since, at);
      slot.sinceAtLeast = true;
      this.seen(n, at);
    });
  }

  /** The console stops seeing (stream down, console closing): from now until the next goLive is a gap. */
  goDark(at: number): void {
    this.advance(at);
    if (!this.live) return;
    this.members.forEach((slot, n) => {
      if (!slot) return;
      this.closeOpen(n, slot, at);
      this.closeState(n, slot, at);
    });
    this.live = false;
  }

  /** A member's state changed (or the member left the board: code ABSENT). */
  setState(at: number, n: number, code: number): void {
    this.advance(at);
    let slot = this.members[n];
    if (!slot) {
      if (code === ABSENT) return;
      slot = this.members[n] = { code: ABSENT, since: at, sinceAtLeast: true, openSince: null, stateStart: null, teams: [] };
    }
    if (slot.code === code) return;
    this.closeOpen(n, slot, at);
    this.closeState(n, slot, at);
    const before = this.stateOf(slot.code);
    slot.code = code;
    slot.since = at;
    slot.sinceAtLeast = !this.live;
    if (code === ABSENT) {
      for (const teamId of slot.teams) this.teams.get(teamId)?.members.delete(n);
      slot.teams = [];
      return;
    }
    if (this.live) {
      slot.openSince = at;
      slot.stateStart = at;
      this.seen(n, at);
      if (this.tracking && this.stateOf(code)?.agent === 'LOGOUT' && before?.agent !== 'LOGOUT') this.sumsOf(n).signOuts++;
    }
  }

  team(at: number, teamId: string, name: string): void {
    this.advance(at);
    const team = this.teams.get(teamId);
    if (team) team.name = name;
    else this.teams.set(teamId, { name, members: new Set() });
  }

  teamRemoved(at: number, teamId: string): void {
    this.advance(at);
    const team = this.teams.get(teamId);
    if (!team) return;
    for (const n of [...team.members]) this.leave(at, teamId, n);
    this.teams.delete(teamId);
  }

  join(at: number, teamId: string, n: number): void {
    this.advance(at);
    const team = this.teams.get(teamId);
    const slot = this.members[n];
    if (!team || !slot || team.members.has(n)) return;
    // Time so far belongs to the teams the member was in until now.
    this.reopen(n, slot, at);
    team.members.add(n);
    slot.teams.push(teamId);
  }

  leave(at: number, teamId: string, n: number): void {
    this.advance(at);
    const team = this.teams.get(teamId);
    const slot = this.members[n];
    if (!team || !slot || !team.members.has(n)) return;
    this.reopen(n, slot, at);
    team.members.delete(n);
    slot.teams = slot.teams.filter((id) => id !== teamId);
  }

  // ---- sums -----------------------------------------------------------------

  sumsOf(n: number): MemberSums {
    let sums = this.sums[n];
    if (!sums) this.sums[n] = sums = { byCode: new Map(), longestNotReady: null, signOuts: 0, firstSeen: null, lastSeen: null };
    return sums;
  }

  private seen(n: number, at: number): void {
    if (!this.tracking) return;
    const sums = this.sumsOf(n);
    if (sums.firstSeen === null) sums.firstSeen = at;
    if (sums.lastSeen === null || at > sums.lastSeen) sums.lastSeen = at;
  }

  private reopen(n: number, slot: MemberSlot, at: number): void {
    if (slot.openSince === null || !this.tracking) return;
    this.closeOpen(n, slot, at);
    slot.openSince = at;
  }

  /** Add the observed time since openSince to the member's and its teams' sums. */
  private closeOpen(n: number, slot: MemberSlot, at: number): void {
    if (slot.openSince === null || slot.code === ABSENT) return;
    const ms = at - slot.openSince;
    slot.openSince = this.live ? at : null;
    if (ms <= 0 || !this.tracking) return;
    const sums = this.sumsOf(n);
    sums.byCode.set(slot.code, (sums.byCode.get(slot.code) ?? 0) + ms);
    if (sums.lastSeen === null || at > sums.lastSeen) sums.lastSeen = at;
    for (const teamId of slot.teams) {
      let minute = this.teamMinute.get(teamId);
      if (!minute) this.teamMinute.set(teamId, (minute = new Map()));
      minute.set(slot.code, (minute.get(slot.code) ?? 0) + ms);
    }
  }

  /** The continuous state ends: note it if it is the longest Not Ready so far. */
  private closeState(n: number, slot: MemberSlot, at: number): void {
    if (slot.stateStart === null) return;
    const start = slot.stateStart;
    slot.stateStart = null;
    slot.openSince = null;
    if (!this.tracking || this.stateOf(slot.code)?.status !== 'not_ready') return;
    const sums = this.sumsOf(n);
    const ms = at - start;
    if (ms > 0 && (!sums.longestNotReady || ms > sums.longestNotReady.ms)) sums.longestNotReady = { start, ms, code: slot.code };
  }

  /** Sums as of `at`, including the open parts (without changing the model). */
  sumsAt(n: number, at: number): MemberSums | null {
    const sums = this.sums[n];
    const slot = this.members[n];
    if (!sums && !(slot && slot.openSince !== null)) return null;
    const copy: MemberSums = sums
      ? { byCode: new Map(sums.byCode), longestNotReady: sums.longestNotReady && { ...sums.longestNotReady }, signOuts: sums.signOuts, firstSeen: sums.firstSeen, lastSeen: sums.lastSeen }
      : { byCode: new Map(), longestNotReady: null, signOuts: 0, firstSeen: null, lastSeen: null };
    if (slot && slot.openSince !== null && slot.code !== ABSENT && at > slot.openSince) {
      copy.byCode.set(slot.code, (copy.byCode.get(slot.code) ?? 0) + at - slot.openSince);
      copy.lastSeen = Math.max(copy.lastSeen ?? at, at);
      if (slot.stateStart !== null && this.stateOf(slot.code)?.status === 'not_ready') {
        const ms = at - slot.stateStart;
        if (!copy.longestNotReady || ms > copy.longestNotReady.ms) copy.longestNotReady = { start: slot.stateStart, ms, code: slot.code };
      }
    }
    return copy;
  }

  /** Member numbers with sums or an open state. */
  memberNumbers(): number[] {
    const out: number[] = [];
    const count = Math.max(this.sums.length, this.members.length);
    for (let n = 0; n < count; n++) if (this.sums[n] || this.members[n]) out.push(n);
    return out;
  }

  member(n: number): Readonly<MemberSlot> | undefined {
    return this.members[n];
  }

  // ---- checkpoints ----------------------------------------------------------

  toCheckpoint(): ModelCheckpoint {
    const members: number[][] = [];
    this.members.forEach((slot, n) => {
      if (slot && slot.code !== ABSENT) members.push([n, slot.code, slot.since, slot.sinceAtLeast ? 1 : 0, slot.openSince ?? -1, slot.stateStart ?? -1]);
    });
    const teams: ModelCheckpoint['teams'] = [...this.teams].map(([id, team]) => [id, team.name, [...team.members]]);
    const sums: ModelCheckpoint['sums'] = [];
    this.sums.forEach((s, n) => {
      if (!s) return;
      const flat: number[] = [];
      for (const [code, ms] of s.byCode) flat.push(code, ms);
      const longest = s.longestNotReady;
      sums.push([n, flat, longest?.start ?? -1, longest?.ms ?? 0, longest?.code ?? 0, s.signOuts, s.firstSeen ?? -1, s.lastSeen ?? -1]);
    });
    const teamMinute: ModelCheckpoint['teamMinute'] = [...this.teamMinute].map(([id, m]) => [id, [...m].flat()]);
    return { at: this.at, live: this.live, minuteStart: this.minuteStart, members, teams, sums, teamMinute };
  }

  /** Continue from a checkpoint (the model must be fresh). */
  loadCheckpoint(cp: ModelCheckpoint): void {
    this.at = cp.at;
    this.live = cp.live;
    this.minuteStart = cp.minuteStart;
    for (const [n, code, since, atLeast, openSince, stateStart] of cp.members) {
      this.members[n!] = { code: code!, since: since!, sinceAtLeast: atLeast === 1, openSince: openSince! < 0 ? null : openSince!, stateStart: stateStart! < 0 ? null : stateStart!, teams: [] };
    }
    for (const [id, name, numbers] of cp.teams) {
      this.teams.set(id, { name, members: new Set(numbers) });
      for (const n of numbers) this.members[n]?.teams.push(id);
    }
    if (!this.tracking) return;
    for (const [n, flat, longestStart, longestMs, longestCode, signOuts, firstSeen, lastSeen] of cp.sums) {
      const byCode = new Map<number, number>();
      for (let i = 0; i < flat.length; i += 2) byCode.set(flat[i]!, flat[i + 1]!);
      this.sums[n] = {
        byCode,
        longestNotReady: longestStart < 0 ? null : { start: longestStart, ms: longestMs, code: longestCode },
        signOuts,
        firstSeen: firstSeen < 0 ? null : firstSeen,
        lastSeen: lastSeen < 0 ? null : lastSeen,
      };
    }
    for (const [id, flat] of cp.teamMinute) {
      const minute: TeamMinute = new Map();
      for (let i = 0; i < flat.length; i += 2) minute.set(flat[i]!, flat[i + 1]!);
      this.teamMinute.set(id, minute);
    }
  }
}

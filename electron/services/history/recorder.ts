import fs from 'node:fs';
import path from 'node:path';
import type { BoardMember, BoardPatch } from '../../../shared/domain/board';
import { DEFAULT_HISTORY_RETENTION_DAYS, dayKeyOf, type HistoryAction, type HistoryStatus } from '../../../shared/domain/history';
import type { Logger } from '../log/logger';
import { ABSENT } from './day-model';
import { DamagedDayError, isDayFolderName } from './day-files';
import { DayWriter } from './day-writer';

/**
 * Records every change the board applies into one profile's history folder,
 * one sub-folder per day (see day-files.ts). It follows the board's status
 * changes as each is applied, its numbered patches (the same changes the
 * screen gets: everything else) and its resyncs:
 *
 * - a member's status, reason or Finesse state: an event at the time the board
 *   received it (the member's `since`);
 * - teams added, renamed, removed and their membership, as control records;
 * - the connection: from the moment the report stream is lost (or the console
 *   closes) until the board has resynced after a reconnect is a gap, so no
 *   state is ever shown for a time the console did not see;
 * - supervisor actions through Finesse, with who did them.
 *
 * Writes are buffered and flushed every 250 ms (a kill -9 loses at most that),
 * synced to disk every 5 s, and a checkpoint of the whole day model is taken
 * every 5 minutes or 100,000 events. Old days are deleted in the background.
 */

export interface HistoryRecorderOptions {
  /** The profile's history folder. */
  root: string;
  log: Logger;
  retentionDays?: number;
  now?: () => number;
  /** Run the flush timer (false: the caller calls tick(), as the benchmark does with simulated time). */
  timer?: boolean;
  flushEveryMs?: number;
  syncEveryMs?: number;
  checkpointEveryMs?: number;
}

export const HISTORY_FOLDER = 'history';
const DEFAULT_FLUSH_MS = 250;
const DEFAULT_SYNC_MS = 5_000;
const DEFAULT_CHECKPOINT_MS = 5 * 60_000;
/** Or after this many events, whichever comes first: a query replays at most about this many. */
const CHECKPOINT_EVENTS = 100_000;
const HEARTBEAT_MS = 1_000;
/** What history was doing when it failed, in the English of the log and the status (the renderer says it by `main.history.failed`'s step). */
const FAILED_STEP = {
  open: 'History could not be opened',
  stopped: 'History stopped recording',
  newDay: 'History could not start a new day',
} as const;
const DAY_MS = 86_400_000;

export interface ActionInput {
  at: number;
  memberId: string;
  memberName: string;
  action: HistoryAction['action'];
  by: string;
  result: HistoryAction['result'];
  message: string;
}

export class HistoryRecorder {
  private writer: DayWriter | null = null;
  private state: HistoryStatus = { state: 'off', detail: 'History is not open.', detailMessage: { id: 'main.history.notOpen' } };
  private timer: NodeJS.Timeout | null = null;
  private lastSync = 0;
  private readonly now: () => number;
  readonly retentionDays: number;
  /** The last background prune (tests wait for it). */
  pruning: Promise<string[]> = Promise.resolve([]);

  constructor(private readonly options: HistoryRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.retentionDays = options.retentionDays ?? DEFAULT_HISTORY_RETENTION_DAYS;
  }

  status(): HistoryStatus {
    return { ...this.state };
  }

  /** The day being written and how far it is known (for queries of today): up to now, live or in a gap. */
  current(): { day: string; latest: number; live: boolean } | null {
    const writer = this.writer;
    return writer ? { day: writer.day, latest: Math.max(writer.latest, Math.min(this.now(), writer.dayEnd)), live: writer.model.live } : null;
  }

  open(): HistoryStatus {
    const now = this.now();
    try {
      fs.mkdirSync(this.options.root, { recursive: true, mode: 0o700 });
      this.writer = this.openDay(dayKeyOf(now), now);
      if (this.state.state !== 'recovered') {
        this.state = {
          state: 'recording',
          detail: `Recording the board's history (kept ${this.retentionDays} ${this.retentionDays === 1 ? 'day' : 'days'}).`,
          detailMessage: { id: 'main.history.recording', values: { days: this.retentionDays } },
        };
      }
    } catch (error) {
      this.fail('open', error);
    }
    this.prune(now);
    if (this.options.timer !== false) {
      this.timer = setInterval(() => this.tick(), this.options.flushEveryMs ?? DEFAULT_FLUSH_MS);
      this.timer.unref();
    }
    return this.status();
  }

  /** Open a day's folder; a damaged one is renamed aside and a fresh one started. */
  private openDay(day: string, now: number): DayWriter {
    const dir = path.join(this.options.root, day);
    try {
      const opened = DayWriter.open(day, dir);
      if (opened.lastKnown !== null && opened.writer.model.live) {
        opened.writer.control({ t: 'gap', at: opened.lastKnown, why: 'closed' });
      }
      return opened.writer;
    } catch (error) {
      if (!(error instanceof DamagedDayError) && !(error instanceof SyntaxError)) throw error;
      const aside = `${day}.damaged-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dir, path.join(this.options.root, aside));
      const reason = error.message;
      this.options.log.error(`the history of ${day} was damaged (${reason}); it was set aside as ${aside} and a fresh one started`);
      this.state = {
        state: 'recovered',
        detail: `The history of ${day} was damaged (${reason}). It was set aside as "${aside}" in the profile's history folder and recording started afresh; earlier moments of that day cannot be shown.`,
        detailMessage: { id: 'main.history.recovered', values: { day, reason, aside } },
      };
      return DayWriter.open(day, dir).writer;
    }
  }

  // ---- what the board does ----------------------------------------------------

  /** Fold one board patch in (state changes at the members' `since`, the rest now). */
  recordPatch(patch: BoardPatch): void {
    const writer = this.writerFor(this.now());
    if (!writer) return;
    const now = this.now();
    try {
      // Losing the stream starts a gap from the last moment the board was right.
      if (patch.connection.state !== 'live' && writer.model.live) {
        writer.control({ t: 'gap', at: Math.min(now, patch.connection.asOf ?? now), why: patch.connection.state });
      }
      const listed = patch.reset ? new Set<number>() : null;
      this.recordStates(writer, patch.members, now, listed);
      const teamIds = patch.reset ? new Set(patch.teams.map((t) => t.teamId)) : null;
      for (const team of patch.teams) {
        const known = writer.model.teams.get(team.teamId);
        if (!known || known.name !== team.teamName) writer.control({ t: 'team', at: now, id: team.teamId, name: team.teamName });
        const wanted = new Set<number>();
        for (const memberId of team.memberIds) {
          const n = writer.knownNumber(memberId);
          if (n === undefined || writer.model.member(n)?.code === ABSENT) continue;
          wanted.add(n);
          if (!writer.model.teams.get(team.teamId)!.members.has(n)) writer.control({ t: 'j', at: now, team: team.teamId, n });
        }
        for (const n of [...writer.model.teams.get(team.teamId)!.members]) if (!wanted.has(n)) writer.control({ t: 'l', at: now, team: team.teamId, n });
      }
      const removedTeams = teamIds ? [...writer.model.teams.keys()].filter((id) => !teamIds.has(id)) : patch.removedTeamIds;
      for (const teamId of removedTeams) if (writer.model.teams.has(teamId)) writer.control({ t: 'tr', at: now, id: teamId });
      const removedMembers = listed ? writer.model.memberNumbers().filter((n) => !listed.has(n)) : patch.removedMemberIds.map((id) => writer.knownNumber(id)).filter((n): n is number => n !== undefined);
      for (const n of removedMembers) if (writer.model.member(n) && writer.model.member(n)!.code !== ABSENT) writer.event(now, n, ABSENT);
    } catch (error) {
      this.fail('stopped', error);
    }
  }

  /**
   * Members whose status the report stream just changed, as the board holds
   * them now: recorded at once, so that two changes closer together than one
   * patch are both kept.
   */
  recordMembers(members: readonly BoardMember[]): void {
    const now = this.now();
    const writer = this.writerFor(now);
    if (!writer) return;
    try {
      this.recordStates(writer, members, now, null);
    } catch (error) {
      this.fail('stopped', error);
    }
  }

  /** Each member's state, at the time the board received it (its `since`), in time order. */
  private recordStates(writer: DayWriter, list: readonly BoardMember[], now: number, listed: Set<number> | null): void {
    const members = list.length > 1 ? [...list].sort((a, b) => a.since - b.since) : list;
    for (const member of members) {
      const n = writer.numberOf(member.memberId, member.memberName, member.memberType);
      if (n < 0) continue;
      listed?.add(n);
      // Finesse's state is kept when Finesse said it; a state derived from the stream adds nothing to status.
      const code = writer.codeOf(member.status, member.reason, member.agentState?.source === 'finesse' ? member.agentState.state : '');
      if (writer.model.member(n)?.code !== code) writer.event(Math.min(now, member.since), n, code);
    }
  }

  /** The board holds every team again after a (re)subscription: seeing from now. */
  resynced(): void {
    const now = this.now();
    const writer = this.writerFor(now);
    if (!writer || writer.model.live) return;
    writer.control({ t: 'live', at: now });
  }

  /** A supervisor action through Finesse (with its outcome). */
  action(input: ActionInput): void {
    const writer = this.writerFor(this.now());
    if (!writer) return;
    const known = writer.knownNumber(input.memberId);
    const n = known ?? writer.numberOf(input.memberId, input.memberName, 'Agent');
    if (n < 0) return;
    writer.control({ t: 'act', at: input.at, n, action: input.action, by: input.by.slice(0, 256), result: input.result, message: input.message.slice(0, 1_000) });
  }

  // ---- time -------------------------------------------------------------------

  /** Flush (every 250 ms): heartbeat, buffered records, a checkpoint when due, a sync every 5 s, day change. */
  tick(now = this.now()): void {
    const writer = this.writerFor(now);
    if (!writer) return;
    try {
      writer.model.advance(Math.max(writer.latest, Math.min(now, writer.dayEnd - 1)));
      if (writer.model.live && now - writer.lastRecordAt >= HEARTBEAT_MS) writer.control({ t: 'b', at: now });
      if (now - writer.lastCheckpointAt >= (this.options.checkpointEveryMs ?? DEFAULT_CHECKPOINT_MS) || writer.eventsSinceCheckpoint >= CHECKPOINT_EVENTS) writer.checkpoint();
      else writer.flush();
      if (now - this.lastSync >= (this.options.syncEveryMs ?? DEFAULT_SYNC_MS)) {
        this.lastSync = now;
        void writer.sync();
      }
    } catch (error) {
      this.fail('stopped', error);
    }
  }

  /** Write what is buffered (queries of today call this first). */
  flush(): void {
    try {
      this.writer?.flush();
    } catch (error) {
      this.fail('stopped', error);
    }
  }

  /** The console is closing or leaving the profile: a gap from now, then a final checkpoint. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const writer = this.writer;
    this.writer = null;
    if (!writer) return;
    try {
      if (writer.model.live) writer.control({ t: 'gap', at: this.now(), why: 'closed' });
      writer.checkpoint();
      writer.close();
    } catch (error) {
      this.options.log.error('history could not be closed cleanly', error);
    }
    if (this.state.state === 'recording') this.state = { state: 'off', detail: 'History is closed.', detailMessage: { id: 'main.history.closed' } };
  }

  /** The writer for `now`'s day, moving to a new day at midnight with the board carried over. */
  private writerFor(now: number): DayWriter | null {
    const writer = this.writer;
    if (!writer) return null;
    if (now < writer.dayEnd) return writer;
    try {
      const wasLive = writer.model.live;
      writer.model.advance(writer.dayEnd);
      writer.control({ t: 'end', at: writer.dayEnd });
      writer.checkpoint();
      writer.close();
      // Normally the next day; after the clock jumps ahead, straight to today's (no empty days in between).
      const next = this.openDay(dayKeyOf(now), now);
      carryBoard(writer, next, wasLive);
      next.checkpoint();
      this.writer = next;
      this.prune(now);
      return next;
    } catch (error) {
      this.fail('newDay', error);
      return null;
    }
  }

  private fail(step: keyof typeof FAILED_STEP, error: unknown): void {
    const what = FAILED_STEP[step];
    const detail = error instanceof Error ? error.message : String(error);
    this.options.log.error(`${what}: ${detail}`);
    this.state = {
      state: 'failed',
      detail: `${what}: ${detail}. The board works on; its history is not being kept.`,
      detailMessage: { id: 'main.history.failed', values: { step, reason: detail } },
    };
    try {
      this.writer?.close();
    } catch {
      // Already reported.
    }
    this.writer = null;
  }

  // ---- retention --------------------------------------------------------------

  /** Delete days older than the retention (and damaged copies of them), in the background. */
  prune(now = this.now()): Promise<string[]> {
    const oldestKept = dayKeyOf(now - (this.retentionDays - 1) * DAY_MS);
    const root = this.options.root;
    const current = this.writer?.day;
    this.pruning = (async () => {
      let names: string[];
      try {
        names = await fs.promises.readdir(root);
      } catch {
        return [];
      }
      const removed: string[] = [];
      for (const name of names) {
        const day = name.slice(0, 10);
        if (!isDayFolderName(day) || day >= oldestKept || day === current) continue;
        try {
          await fs.promises.rm(path.join(root, name), { recursive: true, force: true });
          removed.push(name);
        } catch (error) {
          this.options.log.warn(`could not delete old history ${name}`, error);
        }
      }
      return removed;
    })();
    return this.pruning;
  }
}

/** A new day starts with the board as the old day ended: members, teams, live or not, real start times. */
function carryBoard(from: DayWriter, to: DayWriter, live: boolean): void {
  const numbers = new Map<number, number>();
  from.model.members.forEach((slot, n) => {
    if (!slot || slot.code === ABSENT) return;
    const info = from.memberInfo(n)!;
    const key = from.stateKey(slot.code)!;
    const m = to.numberOf(info.id, info.name, info.type);
    if (m < 0) return;
    numbers.set(n, m);
    to.event(to.dayStart, m, to.codeOf(key.status, key.reason, key.agent));
  });
  for (const [teamId, team] of from.model.teams) {
    to.control({ t: 'team', at: to.dayStart, id: teamId, name: team.name });
    for (const n of team.members) if (numbers.has(n)) to.control({ t: 'j', at: to.dayStart, team: teamId, n: numbers.get(n)! });
  }
  if (live) to.control({ t: 'live', at: to.dayStart });
  for (const [n, m] of numbers) {
    const slot = from.model.members[n]!;
    to.carrySince(m, slot.since, slot.sinceAtLeast);
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HistoryRecorder } from '../../electron/services/history/recorder';
import { HistoryQueries } from '../../electron/services/history/queries';
import { CHECKPOINT_FILE, CONTROL_FILE, MINUTES_FILE, shardFile } from '../../electron/services/history/day-files';
import { createLogger } from '../../electron/services/log/logger';
import type { TimelineSegment } from '../../shared/domain/history';
import { overviewIsExact, overviewRuns, runLook } from '../../shared/domain/timeline-overview';
import { CONNECTING, downSince, localTime, member, patch, team } from '../support/history-script';
import { tempDirs } from '../support/temp-dirs';

// The history recorder driven with scripted board patches at simulated times, and the queries over what it wrote.

const DAY = '2026-03-10';
const at = (time: string) => localTime(DAY, time);
const tempDir = tempDirs('history-');

function setup(root = path.join(tempDir(), 'history'), retentionDays?: number) {
  const clock = { now: at('08:00:00') };
  const recorder = new HistoryRecorder({ root, log: createLogger('test'), now: () => clock.now, timer: false, retentionDays, checkpointEveryMs: 10 * 60_000 });
  const queries = new HistoryQueries(root, () => {
    recorder.flush();
    return recorder.current();
  });
  /** Move the clock, flushing every simulated second on the way (as the timer would). */
  const advance = (time: string) => {
    const target = at(time);
    while (clock.now < target) {
      clock.now = Math.min(target, clock.now + 1_000);
      recorder.tick(clock.now);
    }
  };
  return { root, clock, recorder, queries, advance };
}

/** Timeline segments as readable lines, times to the second. */
function lines(segments: TimelineSegment[]): string[] {
  const time = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
  return segments.map((s) => `${time(s.start)}-${time(s.end)} ${s.kind === 'state' ? `${s.status}${s.reason ? `:${s.reason}` : ''}${s.startAtLeast ? ' (at least)' : ''}` : s.kind}`);
}

/** Anna's and Bob's scripted morning in team Billing. */
function scriptedMorning(h: ReturnType<typeof setup>) {
  const { recorder, clock, advance } = h;
  recorder.open();
  recorder.recordPatch(
    patch({ reset: true, connection: CONNECTING, teams: [team('t1', 'Billing', ['anna', 'bob'])], members: [member('anna', 'ready', clock.now, '', 'Anna'), member('bob', 'ready', clock.now, '', 'Bob')] }),
  );
  advance('08:00:01');
  recorder.recordPatch(patch({}));
  recorder.resynced();
  advance('08:05:00');
  recorder.recordPatch(patch({ members: [member('anna', 'not_ready', clock.now, 'Meeting', 'Anna')] }));
  advance('08:06:00');
  recorder.recordMembers([member('anna', 'ready', clock.now, '', 'Anna')]);
  advance('08:10:00');
  recorder.recordPatch(patch({ members: [member('anna', 'not_ready', clock.now, 'Lunch', 'Anna')] }));
  advance('08:50:00');
  recorder.recordPatch(patch({ members: [member('anna', 'ready', clock.now, '', 'Anna')] }));
  advance('09:00:00');
  recorder.recordPatch(patch({ members: [member('anna', 'ACW', clock.now, '', 'Anna')] }));
  advance('09:00:30');
  recorder.recordPatch(patch({ members: [member('anna', 'ready', clock.now, '', 'Anna')] }));
  advance('09:10:00');
  // The report stream is lost at 09:10; it comes back at 09:12 and the board has resynced at 09:12:01.
  recorder.recordPatch(patch({ connection: downSince(clock.now) }));
  advance('09:12:00');
  recorder.recordPatch(patch({ members: [member('anna', 'not_ready', clock.now, 'Break', 'Anna')] }));
  advance('09:12:01');
  recorder.resynced();
  advance('09:30:00');
}

describe('history recorder and queries', () => {
  it('gives an agent timeline that matches the script to the second, with the outage as a gap', () => {
    const h = setup();
    scriptedMorning(h);
    const timeline = h.queries.timeline(DAY, 'anna');
    expect(timeline.memberName).toBe('Anna');
    expect(lines(timeline.segments)).toEqual([
      '08:00:00-08:00:01 gap',
      '08:00:01-08:05:00 ready (at least)',
      '08:05:00-08:06:00 not_ready:Meeting',
      '08:06:00-08:10:00 ready',
      '08:10:00-08:50:00 not_ready:Lunch',
      '08:50:00-09:00:00 ready',
      '09:00:00-09:00:30 ACW',
      '09:00:30-09:10:00 ready',
      '09:10:00-09:12:01 gap',
      '09:12:01-09:30:00 not_ready:Break (at least)',
    ]);
  });

  it('answers the same day merged to a bar: exact where every stretch fills a pixel, a gap wherever one was', () => {
    const h = setup();
    scriptedMorning(h);
    const full = h.queries.timeline(DAY, 'anna');
    const span = { from: at('08:00:00'), to: at('09:30:00') };
    // 5,400 s on 5,400 px: every stretch is a pixel or more, so the overview holds each whole.
    const wide = h.queries.timelineOverview(DAY, 'anna', { ...span, pixels: 5_400 });
    expect(overviewIsExact(wide)).toBe(true);
    expect(overviewRuns(wide).map((run) => run.segment)).toEqual(full.segments);
    expect([wide.memberName, wide.stretches, wide.actions]).toEqual(['Anna', 10, full.actions]);
    // 90 px: a pixel is a minute. The first second (a gap) and 30 s of ACW are short, but alone between long
    // stretches: each stays itself.
    const narrow = overviewRuns(h.queries.timelineOverview(DAY, 'anna', { ...span, pixels: 90 }));
    expect(narrow[0]!.segment).toEqual(full.segments[0]);
    expect(narrow.find((run) => run.start === at('09:00:00'))!.segment).toMatchObject({ kind: 'state', status: 'ACW', end: at('09:00:30') });
    // 9 px: a pixel is ten minutes. The gap, Ready, the Meeting and Ready again make one run: drawn as not observed.
    const tiny = overviewRuns(h.queries.timelineOverview(DAY, 'anna', { ...span, pixels: 9 }));
    expect([tiny[0]!.start, tiny[0]!.end, tiny[0]!.count]).toEqual([at('08:00:00'), at('08:10:00'), 4]);
    expect(runLook(tiny[0]!.parts).main).toEqual({ kind: 'gap' });
    // Nothing lost: each state's time over the runs is the full timeline's.
    const total = (parts: Array<{ kind: { kind: string }; ms: number }>) => parts.reduce((sum, p) => sum + p.ms, 0);
    expect(total(narrow.flatMap((run) => run.parts))).toBe(full.segments.reduce((sum, s) => sum + s.end - s.start, 0));
    expect(() => h.queries.timelineOverview(DAY, 'nobody', { ...span, pixels: 90 })).toThrow(/nobody was not on the board/);
  });

  it('answers the board at a moment, a gap as not observed, the day summary and the team day', () => {
    const h = setup();
    scriptedMorning(h);
    const board = h.queries.boardAt(at('08:30:00'), { limit: 100 });
    expect(board.observed).toBe(true);
    expect(board.teams).toEqual([{ teamId: 't1', teamName: 'Billing', memberIds: ['anna', 'bob'] }]);
    const anna = board.members.find((m) => m.memberId === 'anna')!;
    expect([anna.status, anna.reason, anna.timeInStateMs, anna.sinceAtLeast]).toEqual(['not_ready', 'Lunch', 20 * 60_000, false]);

    const during = h.queries.boardAt(at('09:11:00'), { limit: 100 });
    expect(during.observed).toBe(false);
    expect(during.members).toEqual([]);
    expect(during.detail).toMatch(/not receiving/);

    const summary = h.queries.summary(DAY, { offset: 0, limit: 10 });
    expect(summary.agents.map((a) => a.memberId)).toEqual(['anna', 'bob']);
    const annaDay = summary.agents[0]!;
    const ms = (status: string, reason = '') => annaDay.byState.find((s) => s.status === status && s.reason === reason)?.ms ?? 0;
    expect(ms('not_ready', 'Lunch')).toBe(40 * 60_000);
    expect(ms('ACW')).toBe(30_000);
    expect(ms('not_ready', 'Break')).toBe(at('09:30:00') - at('09:12:01'));
    expect(ms('not_ready', 'Meeting')).toBe(60_000);
    expect(ms('ready')).toBe(at('08:05:00') - at('08:00:01') + 4 * 60_000 + 10 * 60_000 + at('09:10:00') - at('09:00:30'));
    expect(annaDay.longestNotReady).toEqual({ start: at('08:10:00'), ms: 40 * 60_000, reason: 'Lunch' });
    expect(annaDay.firstSeen).toBe(at('08:00:01'));

    const teamDay = h.queries.teamDay(DAY, 't1', 60);
    expect(teamDay.teamName).toBe('Billing');
    const eight = teamDay.buckets[0]!;
    expect(eight.start).toBe(at('08:00:00'));
    // Anna was Not Ready 40 (Lunch) and 1 (Meeting) of the 59:59 observed minutes; Bob was Ready throughout.
    expect(eight.notReady.Lunch).toBeCloseTo(40 / (60 - 1 / 60), 2);
    expect(eight.notReady.Meeting).toBeCloseTo(1 / (60 - 1 / 60), 2);
    expect(eight.ready).toBeCloseTo(1 + (19 - 1 / 60) / (60 - 1 / 60), 2);
    expect(eight.observed).toBeCloseTo(1, 2);
  });

  it('answers a day\'s span and the teams seen in it, by their last name that day', () => {
    const h = setup();
    scriptedMorning(h);
    h.recorder.recordPatch(patch({ teams: [team('t1', 'Billing East', ['anna', 'bob']), team('t0', 'Accounts', ['bob'])] }));
    h.advance('09:31:00');
    const overview = h.queries.dayOverview(DAY);
    expect(overview.first).toBe(at('08:00:00'));
    expect(overview.last).toBe(at('09:31:00'));
    expect(overview.teams).toEqual([
      { teamId: 't0', teamName: 'Accounts' },
      { teamId: 't1', teamName: 'Billing East' },
    ]);
    expect(() => h.queries.dayOverview('2026-03-11')).toThrow(/No history is kept/);
  });

  it('opens again after the process died without closing: what was flushed is there, the rest is a gap', () => {
    const h = setup();
    scriptedMorning(h);
    h.recorder.recordPatch(patch({ members: [member('bob', 'ACW', h.clock.now, '', 'Bob')] }));
    h.recorder.flush();
    // No close(): as after a kill -9. A later process opens the same folder at 09:45.
    const later = setup(h.root);
    later.clock.now = at('09:45:00');
    expect(later.recorder.open().state).toBe('recording');
    later.recorder.recordPatch(patch({ reset: true, connection: CONNECTING, teams: [team('t1', 'Billing', ['anna', 'bob'])], members: [member('anna', 'ready', later.clock.now, '', 'Anna'), member('bob', 'ACW', at('09:30:00'), '', 'Bob')] }));
    later.advance('09:45:02');
    later.recorder.resynced();
    later.advance('09:50:00');
    expect(lines(later.queries.timeline(DAY, 'bob').segments).slice(-3)).toEqual(['09:12:01-09:30:00 ready (at least)', '09:30:00-09:45:02 gap', '09:45:02-09:50:00 ACW (at least)']);
  });

  it('cuts off torn tails left by a crash in the middle of a write, and reads on', () => {
    const h = setup();
    scriptedMorning(h);
    h.recorder.flush();
    const dayDir = path.join(h.root, DAY);
    // Partial records at the end of an events file, the control log, the checkpoints and the minutes.
    const anna = 0;
    fs.appendFileSync(path.join(dayDir, shardFile(anna)), Buffer.from([1, 2, 3]));
    fs.appendFileSync(path.join(dayDir, CONTROL_FILE), '{"t":"team","at":1773');
    fs.appendFileSync(path.join(dayDir, CHECKPOINT_FILE), '{"events":[1,2');
    fs.appendFileSync(path.join(dayDir, MINUTES_FILE), '{"m":17');
    const later = setup(h.root);
    later.clock.now = at('09:31:00');
    expect(later.recorder.open()).toMatchObject({ state: 'recording' });
    later.recorder.flush();
    expect(fs.statSync(path.join(dayDir, shardFile(anna))).size % 8).toBe(0);
    expect(fs.readFileSync(path.join(dayDir, CONTROL_FILE), 'utf8')).not.toContain('"at":1773\n');
    expect(lines(later.queries.timeline(DAY, 'anna').segments).slice(-2)).toEqual(['09:12:01-09:30:00 not_ready:Break (at least)', '09:30:00-09:31:00 gap']);
  });

  it('deletes days older than the retention in the background', async () => {
    const root = path.join(tempDir(), 'history');
    for (const day of ['2026-02-01', '2026-02-24', '2026-02-25', '2026-03-09', '2026-02-20.damaged-x']) fs.mkdirSync(path.join(root, day), { recursive: true });
    fs.writeFileSync(path.join(root, 'notes.txt'), 'not a day');
    const h = setup(root);
    h.recorder.open();
    const removed = await h.recorder.pruning;
    // 14 days kept: 2026-02-25 … 2026-03-10.
    expect(removed.sort()).toEqual(['2026-02-01', '2026-02-20.damaged-x', '2026-02-24']);
    expect(fs.readdirSync(root).sort()).toEqual(['2026-02-25', '2026-03-09', DAY, 'notes.txt']);

    const short = setup(root, 2);
    short.recorder.open();
    expect(await short.recorder.pruning).toEqual(['2026-02-25']);
  });

  it('sets a damaged store aside with a clear message and starts a fresh one', () => {
    const h = setup();
    scriptedMorning(h);
    h.recorder.close();
    const dayDir = path.join(h.root, DAY);
    const control = path.join(dayDir, CONTROL_FILE);
    const text = fs.readFileSync(control, 'utf8').split('\n');
    text.splice(3, 0, '{"t":"team","at":12, garbage');
    fs.writeFileSync(control, text.join('\n'));

    const again = setup(h.root);
    again.clock.now = at('10:00:00');
    const status = again.recorder.open();
    expect(status.state).toBe('recovered');
    expect(status.detail).toMatch(/history of 2026-03-10 was damaged .*control\.jsonl has a damaged line.*set aside as "2026-03-10\.damaged-/);
    const aside = fs.readdirSync(again.root).filter((name) => name.startsWith(`${DAY}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(again.root, aside[0]!, CONTROL_FILE), 'utf8')).toContain('garbage');
    // The fresh store records and answers.
    again.recorder.recordPatch(patch({ reset: true, teams: [team('t1', 'Billing', ['anna'])], members: [member('anna', 'ready', again.clock.now, '', 'Anna')] }));
    again.recorder.resynced();
    again.advance('10:05:00');
    expect(lines(again.queries.timeline(DAY, 'anna').segments)).toEqual(['10:00:00-10:05:00 ready (at least)']);
  });

  it('starts a new day at midnight with the board as it was, and keeps actions and sign-outs', () => {
    const h = setup();
    h.clock.now = at('23:58:00');
    h.recorder.open();
    h.recorder.recordPatch(patch({ reset: true, teams: [team('t1', 'Billing', ['anna'])], members: [member('anna', 'not_ready', at('23:58:00'), 'Late', 'Anna')] }));
    h.recorder.resynced();
    h.advance('23:59:00');
    h.recorder.action({ at: h.clock.now, memberId: 'anna', memberName: 'Anna', action: 'LOGOUT', by: 'sup1', result: 'done', message: 'Anna is signed out.' });
    const signedOut = { ...member('anna', 'not_ready', h.clock.now, 'Late', 'Anna'), agentState: { state: 'LOGOUT' as const, pendingState: null, reasonLabel: '', source: 'finesse' as const, at: h.clock.now } };
    h.recorder.recordPatch(patch({ members: [signedOut] }));
    const next = localTime('2026-03-11', '00:00:30');
    while (h.clock.now < next) h.recorder.tick((h.clock.now += 1_000));

    const first = h.queries.timeline(DAY, 'anna');
    expect(lines(first.segments)).toEqual(['23:58:00-23:59:00 not_ready:Late (at least)', '23:59:00-00:00:00 not_ready:Late']);
    expect(first.segments[1]).toMatchObject({ agentState: 'LOGOUT' });
    expect(first.actions).toEqual([{ at: at('23:59:00'), memberId: 'anna', memberName: 'Anna', action: 'LOGOUT', by: 'sup1', result: 'done', message: 'Anna is signed out.' }]);
    expect(h.queries.summary(DAY, { offset: 0, limit: 10 }).agents[0]).toMatchObject({ signOuts: 1, lastSeen: localTime('2026-03-11', '00:00:00') });

    const second = h.queries.timeline('2026-03-11', 'anna');
    expect(lines(second.segments)).toEqual(['00:00:00-00:00:30 not_ready:Late']);
    const board = h.queries.boardAt(localTime('2026-03-11', '00:00:20'), { limit: 10 });
    // Time in state runs on from the day before.
    expect(board.members[0]).toMatchObject({ memberId: 'anna', agentState: 'LOGOUT', since: at('23:59:00'), timeInStateMs: 80_000 });
    expect(h.queries.days().map((d) => d.day)).toEqual(['2026-03-11', DAY]);
  });

  it('answers typed errors for days and members it does not have', () => {
    const h = setup();
    scriptedMorning(h);
    expect(() => h.queries.timeline('2026-03-01', 'anna')).toThrow(/No history is kept for 2026-03-01/);
    expect(() => h.queries.timeline(DAY, 'nobody')).toThrow(/nobody was not on the board on 2026-03-10/);
    expect(() => h.queries.teamDay(DAY, 'nope', 15)).toThrow(/Team nope was not on the board/);
  });
});

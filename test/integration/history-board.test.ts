import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed } from '../../lab/seed';
import { BoardService } from '../../electron/services/reports/board-service';
import { HistoryService } from '../../electron/services/history/service';
import { createLogger } from '../../electron/services/log/logger';
import { TrustStore } from '../../electron/services/net/trust-store';
import type { TimelineSegment } from '../../shared/domain/history';
import { localTime } from '../support/history-script';

// The history of a scripted agent, recorded from the real board service against the report lab over a WebSocket.
// One clock, moved by the script, is the board's and the history's: so the script's times are exact.

const DAY = '2026-03-10';
const at = (time: string) => localTime(DAY, time);
const seed = createSeed({ agents: 40, teams: 3 });
let lab: ReportLab;
let dir: string;

beforeAll(async () => {
  lab = createReportLab(seed, { autoStart: false });
  await lab.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-board-'));
});
afterAll(async () => {
  await lab?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function lines(segments: TimelineSegment[]): string[] {
  const time = (ms: number) => new Date(ms).toTimeString().slice(0, 8);
  return segments.map((s) => `${time(s.start)}-${time(s.end)} ${s.kind === 'state' ? `${s.status}${s.reason ? `:${s.reason}` : ''}${s.startAtLeast ? ' (at least)' : ''}` : s.kind}`);
}

describe('history recorded from the board service', () => {
  it('gives the timeline of a scripted agent to the second, with a report-server outage as a gap', async () => {
    const clock = { now: at('08:00:00') };
    const now = () => clock.now;
    const board = new BoardService({
      log: createLogger('test'),
      now,
      resyncSettleMs: 100,
      // No dead-socket pings: the script's clock jumps by minutes.
      timings: { backoffBaseMs: 20, backoffMaxMs: 50, pingAfterMs: 1e9, deadAfterMs: 1e9, beginTimeoutMs: 2_000, endTimeoutMs: 300 },
    });
    const history = new HistoryService({ board, log: createLogger('test'), now, recorder: { timer: false } });
    const site = {
      profile: { id: 'p1', name: 'Test', reports: { url: lab.url, agentId: seed.demoSupervisor, passwordSet: false, headerNames: [] } },
      secrets: {},
      trust: new TrustStore({ load: () => [], save: () => {} }),
      dir,
      log: createLogger('test'),
    };
    let resyncs = 0;
    board.on('resynced', () => resyncs++);
    const stopBoard = await board.start(site);
    const stopHistory = history.start(site);
    try {
      await until(() => resyncs === 1, 'the first resync');
      const anna = lab.snapshot(seed.demoSupervisor)[0]!.members.find((m) => m.memberType === 'Agent')!;
      lab.setMemberStatus(anna.memberId, 'ready');
      await until(() => board.member(anna.memberId)?.status === 'ready', 'ready');

      const script: Array<[string, 'ready' | 'not_ready' | 'ACW', string]> = [
        ['08:10:00', 'not_ready', 'Lunch'],
        ['08:50:00', 'ready', ''],
        ['09:00:00', 'ACW', ''],
        ['09:00:30', 'ready', ''],
      ];
      for (const [time, status, reason] of script) {
        clock.now = at(time);
        lab.setMemberStatus(anna.memberId, status, reason);
        await until(() => board.member(anna.memberId)?.status === status && board.member(anna.memberId)?.reason === reason, `${status} at ${time}`);
      }
      // The report server goes away at 09:10 and is back at 09:12.
      clock.now = at('09:10:00');
      await lab.stopServer();
      await until(() => board.snapshot().connection.state !== 'live', 'the outage');
      clock.now = at('09:12:00');
      await lab.startServer();
      await until(() => resyncs === 2, 'the resync after the outage');
      clock.now = at('09:20:00');

      const timeline = history.timeline(DAY, anna.memberId);
      expect(lines(timeline.segments)).toEqual([
        '08:00:00-08:10:00 ready (at least)',
        '08:10:00-08:50:00 not_ready:Lunch',
        '08:50:00-09:00:00 ready',
        '09:00:00-09:00:30 ACW',
        '09:00:30-09:10:00 ready',
        '09:10:00-09:12:00 gap',
        '09:12:00-09:20:00 ready (at least)',
      ]);
      const moment = history.boardAt(at('08:30:00'), { limit: 100 });
      expect(moment.totalMembers).toBe(board.snapshot().members.length);
      expect(moment.members.find((m) => m.memberId === anna.memberId)).toMatchObject({ status: 'not_ready', reason: 'Lunch', timeInStateMs: 20 * 60_000 });
      expect(history.days().status.state).toBe('recording');
    } finally {
      stopHistory();
      await stopBoard();
    }
  }, 30_000);
});

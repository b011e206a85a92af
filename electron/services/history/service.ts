import path from 'node:path';
import type { SiteProfile } from '../../../shared/domain/profile';
import {
  DEFAULT_HISTORY_RETENTION_DAYS,
  type AgentTimeline,
  type BoardAt,
  type DaySummaryPage,
  type HistoryDayOverview,
  type HistoryDays,
  type HistoryStatus,
  type TeamDay,
  type TeamDayBucketMinutes,
} from '../../../shared/domain/history';
import type { AgentTimelineOverview } from '../../../shared/domain/timeline-overview';
import { ConsoleError } from '../../../shared/ipc/result';
import type { Logger } from '../log/logger';
import type { BoardService } from '../reports/board-service';
import { HISTORY_FOLDER, HistoryRecorder, type ActionInput, type HistoryRecorderOptions } from './recorder';
import { HistoryQueries } from './queries';

/**
 * The board's history for the active profile: a recorder following the
 * board (when the profile has a report server) and the queries over what is
 * kept under the profile's folder (`<profile dir>/history/`).
 */

export interface HistorySite {
  profile: SiteProfile;
  dir: string;
  log: Logger;
}

export interface HistoryServiceOptions {
  board: BoardService;
  log: Logger;
  now?: () => number;
  /** Recorder settings for tests (timer, intervals). */
  recorder?: Partial<Pick<HistoryRecorderOptions, 'timer' | 'flushEveryMs' | 'syncEveryMs' | 'checkpointEveryMs'>>;
}

const OFF: HistoryStatus = { state: 'off', detail: 'No profile is active.', detailMessage: { id: 'errors.changes.noProfileActive' } };

export class HistoryService {
  private recorder: HistoryRecorder | null = null;
  private queries: HistoryQueries | null = null;
  private retentionDays = DEFAULT_HISTORY_RETENTION_DAYS;
  private offStatus: HistoryStatus = OFF;

  constructor(private readonly options: HistoryServiceOptions) {
    // Status changes as each report-stream event is applied (a patch may carry only the last of two quick ones), then everything else from the patches.
    options.board.on('statusChanged', (ids) => {
      const recorder = this.recorder;
      if (!recorder) return;
      const members = [];
      for (const id of ids) {
        const member = options.board.member(id);
        if (member) members.push(member);
      }
      recorder.recordMembers(members);
    });
    options.board.on('patch', (patch) => this.recorder?.recordPatch(patch));
    options.board.on('resynced', () => this.recorder?.resynced());
  }

  /** Start for a site (after the board); returns the teardown. */
  start(site: HistorySite): () => void {
    this.stop();
    const root = path.join(site.dir, HISTORY_FOLDER);
    this.retentionDays = site.profile.history?.retentionDays ?? DEFAULT_HISTORY_RETENTION_DAYS;
    this.queries = new HistoryQueries(root, () => {
      this.recorder?.flush();
      return this.recorder?.current() ?? null;
    });
    if (!site.profile.reports) {
      this.offStatus = { state: 'off', detail: 'No report server in this profile, so no history is recorded.', detailMessage: { id: 'main.history.noReportServer' } };
      return () => this.stop();
    }
    const recorder = new HistoryRecorder({ root, log: site.log.child('history'), retentionDays: this.retentionDays, now: this.options.now, ...this.options.recorder });
    recorder.open();
    this.recorder = recorder;
    // The board as it is now (saved or live), then live from here if it already is.
    const board = this.options.board;
    const snapshot = board.snapshot();
    recorder.recordPatch({ ...snapshot, reset: true, removedTeamIds: [], removedMemberIds: [], oldestEventAt: null });
    if (snapshot.connection.state === 'live' && !board.resyncing) recorder.resynced();
    return () => this.stop();
  }

  stop(): void {
    this.recorder?.close();
    this.recorder = null;
    this.queries = null;
    this.offStatus = OFF;
  }

  /** A supervisor action through Finesse, with who did it and how it ended. */
  action(input: ActionInput): void {
    this.recorder?.action(input);
  }

  status(): HistoryStatus {
    return this.recorder?.status() ?? { ...this.offStatus };
  }

  days(): HistoryDays {
    return { days: this.queries?.days() ?? [], retentionDays: this.retentionDays, status: this.status() };
  }

  dayOverview(day: string): HistoryDayOverview {
    return this.require().dayOverview(day);
  }

  timeline(day: string, memberId: string): AgentTimeline {
    return this.require().timeline(day, memberId);
  }

  timelineOverview(day: string, memberId: string, span: { from: number; to: number; pixels: number }): AgentTimelineOverview {
    return this.require().timelineOverview(day, memberId, span);
  }

  teamDay(day: string, teamId: string, bucketMinutes: TeamDayBucketMinutes): TeamDay {
    return this.require().teamDay(day, teamId, bucketMinutes);
  }

  summary(day: string, options: { teamId?: string; offset: number; limit: number }): DaySummaryPage {
    return this.require().summary(day, options);
  }

  boardAt(at: number, options: { teamId?: string; limit: number }): BoardAt {
    return this.require().boardAt(at, options);
  }

  private require(): HistoryQueries {
    if (!this.queries) throw new ConsoleError('unavailable', 'No profile is active, so there is no history to show.', undefined, { id: 'errors.history.noProfile' });
    return this.queries;
  }
}

import { z } from 'zod';
import { invoke } from '../define';
import {
  HISTORY_DAY_PATTERN,
  MAX_BOARD_AT_MEMBERS,
  MAX_SUMMARY_PAGE,
  TEAM_DAY_BUCKET_MINUTES,
  type AgentTimeline,
  type BoardAt,
  type DaySummaryPage,
  type HistoryDayOverview,
  type HistoryDays,
  type TeamDay,
} from '../../domain/history';
import { MAX_OVERVIEW_PIXELS, type AgentTimelineOverview } from '../../domain/timeline-overview';

/**
 * The board's history (docs/history.md): what the board showed, per day, as
 * recorded in main. One view at a time; every answer is bounded (one agent,
 * one team, one page of a day's summary, one moment's board).
 */

const day = z.string().regex(HISTORY_DAY_PATTERN, 'a day is written YYYY-MM-DD');
const memberId = z.string().min(1).max(128);
const teamId = z.string().min(1).max(128);
/** Epoch ms between 2000 and 2100: anything else is not a moment the console could have recorded. */
const moment = z.number().int().min(946_684_800_000).max(4_102_444_800_000);

export const historyInvoke = {
  /** The days kept, newest first, the retention and whether recording works. */
  'history:days': invoke<HistoryDays>()(z.undefined()),
  /** One day's span (first and last moment recorded) and the teams seen in it. */
  'history:day': invoke<HistoryDayOverview>()(z.object({ day }).strict()),
  /** One member's day: ordered segments (state, absent, gap) and the supervisor actions on them. */
  'history:timeline': invoke<AgentTimeline>()(z.object({ day, memberId }).strict()),
  /**
   * One member's day merged to the pixels of a bar spanning `from`..`to`, `pixels` wide: stretches of a pixel or
   * more whole, shorter ones gathered into runs of about a pixel with the time of each state in them
   * (shared/domain/timeline-overview.ts). What a timeline row draws; `history:timeline` gives every stretch.
   */
  'history:timelineOverview': invoke<AgentTimelineOverview>()(
    z
      .object({ day, memberId, from: moment, to: moment, pixels: z.number().int().min(1).max(MAX_OVERVIEW_PIXELS) })
      .strict()
      .refine((span) => span.to > span.from, { message: 'to must be after from', path: ['to'] }),
  ),
  /** One team's day in buckets: average members Ready, Not Ready by reason, ACW, and how much was observed. */
  'history:teamDay': invoke<TeamDay>()(
    z
      .object({
        day,
        teamId,
        bucketMinutes: z
          .number()
          .int()
          .refine((value) => (TEAM_DAY_BUCKET_MINUTES as readonly number[]).includes(value), `bucketMinutes is one of ${TEAM_DAY_BUCKET_MINUTES.join(', ')}`)
          .transform((value) => value as (typeof TEAM_DAY_BUCKET_MINUTES)[number]),
      })
      .strict(),
  ),
  /** Per member for a day (100 a page unless `limit` says) (optionally one team's): time in each state and reason, longest Not Ready, sign-outs, first and last seen. */
  'history:summary': invoke<DaySummaryPage>()(
    z
      .object({
        day,
        teamId: teamId.optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
        limit: z.number().int().min(1).max(MAX_SUMMARY_PAGE).optional(),
      })
      .strict(),
  ),
  /** The board at a moment: teams, members, status, reason and time in state as the console saw them. */
  'history:boardAt': invoke<BoardAt>()(
    z
      .object({
        at: moment,
        teamId: teamId.optional(),
        limit: z.number().int().min(1).max(MAX_BOARD_AT_MEMBERS).optional(),
      })
      .strict(),
  ),
};


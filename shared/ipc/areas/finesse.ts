import { z } from 'zod';
import { event, invoke } from '../define';
import {
  SUPERVISOR_TARGETS,
  TEAM_MESSAGE_MAX_CHARS,
  TEAM_MESSAGE_MAX_SECONDS,
  TEAM_MESSAGE_MIN_SECONDS,
  type ActionOutcome,
  type FinesseState,
  type FinesseTeam,
  type TeamMessage,
} from '../../domain/finesse';

/**
 * Cisco Finesse from the board: the supervisor's actions on agents, their
 * teams, and team messages. An action is sent at once or refused with a
 * typed error (never queued): `conflict` when the change is not allowed from
 * the agent's current state, `unavailable` when Finesse is not configured or
 * no node is in service, `forbidden` / `rejected` / `not_found` with
 * Finesse's own words when it refuses.
 */

/** UCCX user ids: printable text without spaces. */
const agentId = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'an agent id is printable text without spaces');
const teamId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'a team id is letters, digits, - or _');

export const finesseInvoke = {
  'finesse:state': invoke<FinesseState>()(z.undefined()),
  /** Make an agent Ready or Not Ready, or sign them out; answers once Finesse showed the result (or after a few seconds, "sent"). */
  'finesse:set-state': invoke<ActionOutcome>()(z.object({ agentId, target: z.enum(SUPERVISOR_TARGETS) }).strict()),
  /** The teams the supervisor supervises in Finesse. */
  'finesse:teams': invoke<FinesseTeam[]>()(z.undefined()),
  /** Active team messages on the supervisor's teams, newest first. */
  'finesse:messages': invoke<TeamMessage[]>()(z.undefined()),
  /** Send a team message; answers with the active messages. */
  'finesse:message-send': invoke<TeamMessage[]>()(
    z
      .object({
        content: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(TEAM_MESSAGE_MAX_CHARS * 2)
          .refine((text) => [...text].length <= TEAM_MESSAGE_MAX_CHARS, `at most ${TEAM_MESSAGE_MAX_CHARS} characters`),
        teamIds: z.array(teamId).min(1, 'choose at least one team').max(200),
        durationSeconds: z.number().int().min(TEAM_MESSAGE_MIN_SECONDS, 'at least 5 minutes').max(TEAM_MESSAGE_MAX_SECONDS, 'at most 23 h 55 min'),
      })
      .strict(),
  ),
  'finesse:message-delete': invoke<TeamMessage[]>()(z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) }).strict()),
};

export const finesseEvents = {
  'finesse:state-changed': event<FinesseState>(),
};

/**
 * What the profile's UCCX account may do, as the console found out after
 * connecting (docs/uccx.md, "Supervisor credentials"), per editor: edit,
 * look only (read-only) or nothing (hidden), each with the reason in words.
 */
import { z } from 'zod';
import type { UccxEntityType } from './uccx';

export type UccxEditorKey = 'agents' | 'skills' | 'csqs' | 'teams' | 'applications' | 'calendars' | 'prompts' | 'callerLists' | 'switches';

export const UCCX_EDITOR_KEYS: readonly UccxEditorKey[] = ['agents', 'skills', 'csqs', 'teams', 'applications', 'calendars', 'prompts', 'callerLists', 'switches'];

export type EditorAccessLevel = 'edit' | 'read-only' | 'hidden';

export interface EditorAccess {
  access: EditorAccessLevel;
  /** Why, in words ("" for an editor with nothing to say). */
  reason: string;
  /**
   * Why New… and Delete… are held back while the editor is otherwise open
   * (UCCX refused a create or delete with 403, e.g. a supervisor who may edit
   * the calendars they manage but not add one); absent when they are offered.
   */
  createDelete?: string;
}

/**
 * administrator: UCCX knows no agent or supervisor of the account's name (an
 * application user); supervisor: UCCX answered the account's own supervisor
 * capabilities, or refused them with 403; unknown: the probe got no answer.
 */
export type UccxRole = 'administrator' | 'supervisor' | 'unknown';

/** Advanced supervisor capabilities UCCX grants (apis-2.md §5). */
export const SUPERVISOR_CAPABILITY_NAMES: Readonly<Record<string, string>> = {
  CAMPAIGN_MGMT: 'Campaign management',
  APPLICATION_MGMT: 'Application management',
  QUEUE_MGMT: 'Queue management',
  CALENDAR_MGMT: 'Calendar management',
};

export interface UccxAccountAccess {
  username: string;
  role: UccxRole;
  /** The capabilities UCCX listed for the account (supervisors), e.g. ["CALENDAR_MGMT"]. */
  capabilities: string[];
  /** How the role was found, in words. */
  basis: string;
  editors: Record<UccxEditorKey, EditorAccess>;
}

const editorAccessSchema = z.object({ access: z.enum(['edit', 'read-only', 'hidden']), reason: z.string().max(2000), createDelete: z.string().max(2000).optional() }).strict();

/**
 * The shape `UccxConfig.account` must have when it reaches the renderer:
 * main checks what it built and what it reads back from the offline cache
 * (a copy from an older version, or damaged, is dropped: every editor open).
 */
export const accountAccessSchema = z
  .object({
    username: z.string().max(200),
    role: z.enum(['administrator', 'supervisor', 'unknown']),
    capabilities: z.array(z.string().max(40)).max(20),
    basis: z.string().max(2000),
    editors: z.object(Object.fromEntries(UCCX_EDITOR_KEYS.map((key) => [key, editorAccessSchema])) as Record<UccxEditorKey, typeof editorAccessSchema>).strict(),
  })
  .strict() satisfies z.ZodType<UccxAccountAccess>;

/** The account section if it has the right shape, else undefined. */
export function checkedAccount(value: unknown): UccxAccountAccess | undefined {
  const parsed = accountAccessSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The editor that shows objects of a type (resource groups have none of their own; caller lists are 'callerList' documents). */
export function editorOfType(type: UccxEntityType | 'callerList' | 'switches'): UccxEditorKey | null {
  const editors: Partial<Record<UccxEntityType | 'callerList' | 'switches', UccxEditorKey>> = {
    resource: 'agents',
    skill: 'skills',
    csq: 'csqs',
    team: 'teams',
    application: 'applications',
    calendar: 'calendars',
    prompt: 'prompts',
    callerList: 'callerLists',
    switches: 'switches',
  };
  return editors[type] ?? null;
}

/** Plural words for an editor's objects in a sentence ("change CSQs"). */
export const EDITOR_OBJECTS: Readonly<Record<UccxEditorKey, string>> = {
  agents: 'agents',
  skills: 'skills',
  csqs: 'CSQs',
  teams: 'teams',
  applications: 'applications',
  calendars: 'calendars',
  prompts: 'prompts',
  callerLists: 'caller lists',
  switches: 'switches',
};

/** Every editor open to edit: an administrator, or a configuration read before the console looked. */
export function fullAccess(username: string, role: UccxRole = 'unknown', basis = ''): UccxAccountAccess {
  const editors = Object.fromEntries(UCCX_EDITOR_KEYS.map((key) => [key, { access: 'edit', reason: '' }])) as Record<UccxEditorKey, EditorAccess>;
  return { username, role, capabilities: [], basis, editors };
}

/** What the console measured, the input of `decideAccess`. */
export interface AccessEvidence {
  username: string;
  role: UccxRole;
  capabilities: string[];
  basis: string;
  /** Editors whose list UCCX refused to read (403), with the server's message. */
  forbiddenReads: Partial<Record<UccxEditorKey, string>>;
  /** Editors a write of which UCCX refused (403) since the console connected, with the server's message. */
  refusedWrites: Partial<Record<UccxEditorKey, string>>;
  /** Editors a create or delete of which UCCX refused (403) since the console connected: only New… and Delete… are held back. */
  refusedCreates?: Partial<Record<UccxEditorKey, string>>;
  /** Agents UCCX listed for the account. */
  agentCount: number;
}

/**
 * Which capability opens which editor to a supervisor. Skills and teams are
 * administrators' only (no capability opens them); agents are open (UCCX
 * lets a supervisor re-skill the agents of their teams; whether 12.5 and
 * later take that through the adminapi is unconfirmed, so a refusal is shown
 * as "not permitted" when it comes). Prompts, caller lists and switches
 * (documents in the repository that applications read) follow Application
 * management (unconfirmed).
 */
const CAPABILITY_OF_EDITOR: Partial<Record<UccxEditorKey, string>> = {
  csqs: 'QUEUE_MGMT',
  applications: 'APPLICATION_MGMT',
  calendars: 'CALENDAR_MGMT',
  prompts: 'APPLICATION_MGMT',
  callerLists: 'APPLICATION_MGMT',
  switches: 'APPLICATION_MGMT',
};
const ADMINISTRATORS_ONLY: readonly UccxEditorKey[] = ['skills', 'teams'];

/** The access of every editor from what was measured; a measured 403 always wins over what was inferred. */
export function decideAccess(evidence: AccessEvidence): UccxAccountAccess {
  const who = evidence.role === 'supervisor' ? `supervisor ${evidence.username}` : evidence.role === 'administrator' ? `administrator ${evidence.username}` : evidence.username;
  const signedIn = `Signed in to UCCX as ${who}`;
  const askFor = (key: UccxEditorKey) => {
    const capability = CAPABILITY_OF_EDITOR[key];
    return capability ? ` Ask an administrator for the ${SUPERVISOR_CAPABILITY_NAMES[capability]} capability.` : ' Ask an administrator to make the change.';
  };
  const editors = {} as Record<UccxEditorKey, EditorAccess>;
  for (const key of UCCX_EDITOR_KEYS) {
    const objects = EDITOR_OBJECTS[key];
    const readRefusal = evidence.forbiddenReads[key];
    const writeRefusal = evidence.refusedWrites[key];
    const capability = CAPABILITY_OF_EDITOR[key];
    if (readRefusal !== undefined) {
      editors[key] = { access: 'hidden', reason: `${signedIn}: this account may not see ${objects} (UCCX answered 403 Forbidden: ${readRefusal}).${askFor(key)}` };
    } else if (writeRefusal !== undefined && key !== 'agents') {
      editors[key] = { access: 'read-only', reason: `${signedIn}: this account may not change ${objects} (UCCX answered 403 Forbidden: ${writeRefusal}).${askFor(key)}` };
    } else if (evidence.role !== 'supervisor') {
      editors[key] = { access: 'edit', reason: '' };
    } else if (key === 'agents') {
      editors[key] = { access: 'edit', reason: `${signedIn}: UCCX lists only the agents of the teams this account supervises (${evidence.agentCount}).` };
    } else if (ADMINISTRATORS_ONLY.includes(key)) {
      editors[key] = { access: 'read-only', reason: `${signedIn}: this account may not change ${objects}; UCCX leaves that to administrators.${askFor(key)}` };
    } else if (capability && !evidence.capabilities.includes(capability)) {
      editors[key] = {
        access: 'read-only',
        reason: `${signedIn}: this account may not change ${objects}; UCCX does not list the ${SUPERVISOR_CAPABILITY_NAMES[capability]} capability (${capability}) for it.${askFor(key)}`,
      };
    } else {
      const scope = key === 'applications' || key === 'calendars' ? ` UCCX shows only the ${objects} this account manages.` : '';
      editors[key] = { access: 'edit', reason: capability ? `${signedIn} with the ${SUPERVISOR_CAPABILITY_NAMES[capability]} capability.${scope}` : '' };
    }
    const createRefusal = evidence.refusedCreates?.[key];
    if (createRefusal !== undefined && editors[key].access === 'edit') {
      editors[key].createDelete = `${signedIn}: this account may not create or delete ${objects} (UCCX answered 403 Forbidden: ${createRefusal}). Ask an administrator to make the change.`;
    }
  }
  return { username: evidence.username, role: evidence.role, capabilities: [...evidence.capabilities], basis: evidence.basis, editors };
}

/**
 * What the profile's UCCX account may do, as the console found out after
 * connecting (docs/uccx.md, "Supervisor credentials"), per editor: edit,
 * look only (read-only) or nothing (hidden), each with the reason in words.
 */
import { z } from 'zod';
import type { MainMessage } from './main-message';
import type { UccxEntityType } from './uccx';

export type UccxEditorKey = 'agents' | 'skills' | 'csqs' | 'teams' | 'applications' | 'calendars' | 'prompts' | 'callerLists' | 'switches';

export const UCCX_EDITOR_KEYS: readonly UccxEditorKey[] = ['agents', 'skills', 'csqs', 'teams', 'applications', 'calendars', 'prompts', 'callerLists', 'switches'];

export type EditorAccessLevel = 'edit' | 'read-only' | 'hidden';

export interface EditorAccess {
  access: EditorAccessLevel;
  /** Why, in words ("" for an editor with nothing to say). */
  reason: string;
  /** The reason by id, for the renderer to say in the user's language (docs/i18n.md, "Words from main"); absent with no reason. */
  reasonMessage?: MainMessage;
  /**
   * Why New… and Delete… are held back while the editor is otherwise open
   * (UCCX refused a create or delete with 403, e.g. a supervisor who may edit
   * the calendars they manage but not add one); absent when they are offered.
   */
  createDelete?: string;
  /** `createDelete` by id. */
  createDeleteMessage?: MainMessage;
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

/** A sentence by id as the access reasons send it: values are text or numbers, the parts inside are sentences by id in turn. */
const mainMessageSchema: z.ZodType<MainMessage> = z.lazy(() =>
  z
    .object({
      id: z.string().max(200),
      values: z.record(z.string().max(40), z.union([z.string().max(2000), z.number()])).optional(),
      sentences: z.record(z.string().max(40), mainMessageSchema).optional(),
    })
    .strict(),
);

const editorAccessSchema = z
  .object({
    access: z.enum(['edit', 'read-only', 'hidden']),
    reason: z.string().max(2000),
    reasonMessage: mainMessageSchema.optional(),
    createDelete: z.string().max(2000).optional(),
    createDeleteMessage: mainMessageSchema.optional(),
  })
  .strict();

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

/**
 * A sentence of the access reasons with its English and its id: its English
 * is `english`; each part that is a sentence of its own (who is signed in,
 * the editor's objects, what to ask for) goes in by id too.
 */
interface Said {
  english: string;
  said: MainMessage;
}

function said(id: string, english: string, values: Record<string, string | number | Said> = {}): Said {
  const flat: Record<string, string | number> = {};
  const sentences: Record<string, MainMessage> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'object') {
      flat[name] = value.english;
      sentences[name] = value.said;
    } else flat[name] = value;
  }
  return { english, said: { id, values: flat, ...(Object.keys(sentences).length > 0 ? { sentences } : {}) } };
}

/** The access of every editor from what was measured; a measured 403 always wins over what was inferred. */
export function decideAccess(evidence: AccessEvidence): UccxAccountAccess {
  const { username } = evidence;
  const signedIn =
    evidence.role === 'supervisor'
      ? said('main.uccx.access.signedIn.supervisor', `Signed in to UCCX as supervisor ${username}`, { username })
      : evidence.role === 'administrator'
        ? said('main.uccx.access.signedIn.administrator', `Signed in to UCCX as administrator ${username}`, { username })
        : said('main.uccx.access.signedIn.unknown', `Signed in to UCCX as ${username}`, { username });
  const capabilityName = (capability: string) => said(`main.uccx.access.capability.${capability}`, SUPERVISOR_CAPABILITY_NAMES[capability]!);
  const askChange = said('main.uccx.access.ask.change', 'Ask an administrator to make the change.');
  const askFor = (key: UccxEditorKey) => {
    const capability = CAPABILITY_OF_EDITOR[key];
    if (!capability) return askChange;
    const name = capabilityName(capability);
    return said('main.uccx.access.ask.capability', `Ask an administrator for the ${name.english} capability.`, { capabilityName: name });
  };
  const editors = {} as Record<UccxEditorKey, EditorAccess>;
  const reasoned = (access: EditorAccessLevel, reason: Said): EditorAccess => ({ access, reason: reason.english, reasonMessage: reason.said });
  for (const key of UCCX_EDITOR_KEYS) {
    const objects = said(`main.uccx.access.objects.${key}`, EDITOR_OBJECTS[key]);
    const readRefusal = evidence.forbiddenReads[key];
    const writeRefusal = evidence.refusedWrites[key];
    const capability = CAPABILITY_OF_EDITOR[key];
    if (readRefusal !== undefined) {
      const ask = askFor(key);
      editors[key] = reasoned(
        'hidden',
        said('main.uccx.access.hidden', `${signedIn.english}: this account may not see ${objects.english} (UCCX answered 403 Forbidden: ${readRefusal}). ${ask.english}`, { signedIn, objects, refusal: readRefusal, ask }),
      );
    } else if (writeRefusal !== undefined && key !== 'agents') {
      const ask = askFor(key);
      editors[key] = reasoned(
        'read-only',
        said('main.uccx.access.writeRefused', `${signedIn.english}: this account may not change ${objects.english} (UCCX answered 403 Forbidden: ${writeRefusal}). ${ask.english}`, { signedIn, objects, refusal: writeRefusal, ask }),
      );
    } else if (evidence.role !== 'supervisor') {
      editors[key] = { access: 'edit', reason: '' };
    } else if (key === 'agents') {
      editors[key] = reasoned(
        'edit',
        said('main.uccx.access.teamAgents', `${signedIn.english}: UCCX lists only the agents of the teams this account supervises (${evidence.agentCount}).`, { signedIn, count: evidence.agentCount }),
      );
    } else if (ADMINISTRATORS_ONLY.includes(key)) {
      const ask = askFor(key);
      editors[key] = reasoned(
        'read-only',
        said('main.uccx.access.administratorsOnly', `${signedIn.english}: this account may not change ${objects.english}; UCCX leaves that to administrators. ${ask.english}`, { signedIn, objects, ask }),
      );
    } else if (capability && !evidence.capabilities.includes(capability)) {
      const name = capabilityName(capability);
      const ask = askFor(key);
      editors[key] = reasoned(
        'read-only',
        said(
          'main.uccx.access.noCapability',
          `${signedIn.english}: this account may not change ${objects.english}; UCCX does not list the ${name.english} capability (${capability}) for it. ${ask.english}`,
          { signedIn, objects, capabilityName: name, capability, ask },
        ),
      );
    } else if (!capability) {
      editors[key] = { access: 'edit', reason: '' };
    } else if (key === 'applications' || key === 'calendars') {
      const name = capabilityName(capability);
      editors[key] = reasoned(
        'edit',
        said('main.uccx.access.withCapabilityScope', `${signedIn.english} with the ${name.english} capability. UCCX shows only the ${objects.english} this account manages.`, { signedIn, capabilityName: name, objects }),
      );
    } else {
      const name = capabilityName(capability);
      editors[key] = reasoned('edit', said('main.uccx.access.withCapability', `${signedIn.english} with the ${name.english} capability.`, { signedIn, capabilityName: name }));
    }
    const createRefusal = evidence.refusedCreates?.[key];
    if (createRefusal !== undefined && editors[key].access === 'edit') {
      const refused = said(
        'main.uccx.access.createDelete',
        `${signedIn.english}: this account may not create or delete ${objects.english} (UCCX answered 403 Forbidden: ${createRefusal}). Ask an administrator to make the change.`,
        { signedIn, objects, refusal: createRefusal },
      );
      editors[key].createDelete = refused.english;
      editors[key].createDeleteMessage = refused.said;
    }
  }
  return { username: evidence.username, role: evidence.role, capabilities: [...evidence.capabilities], basis: evidence.basis, editors };
}

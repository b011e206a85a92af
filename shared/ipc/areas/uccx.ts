import { z } from 'zod';
import { event, invoke } from '../define';
import { fieldMapSchema } from './changes';
import type { PendingChange } from '../../domain/changes';
import type { UccxConfig, UccxPromptUploadProgress, UccxRepositoryItem, UccxState } from '../../domain/uccx';
import { CALLER_LIST_LIMITS, type CallerListDocument, type CallerListSummary } from '../../domain/caller-lists';
import { SWITCH_LIMITS, type SwitchesView } from '../../domain/switches';

const entityType = z.enum(['resource', 'skill', 'csq', 'team', 'resourceGroup', 'application', 'calendar', 'prompt']);

export const uccxEditSchema = z
  .object({
    type: entityType,
    id: z.string().min(1).max(200),
    operation: z.enum(['create', 'update', 'delete']),
    label: z.string().min(1).max(300),
    summary: z.string().max(2000).optional(),
    base: fieldMapSchema,
    mine: fieldMapSchema,
  })
  .strict();

/** A folder of the prompt repository: '/', '/en_US/', '/en_US/holidays/'. */
const promptFolder = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\/(?:[^/\\\u0000-\u001f]+\/){0,8}$/, 'a folder path like /en_US/')
  // '.' and '..' would be resolved by the HTTP client, out of the repository.
  .refine((folder) => !folder.split('/').some((segment) => segment === '.' || segment === '..'), 'a folder path without . or .. segments');
/** A prompt file name: no path separators. */
const promptFileName = z
  .string()
  .min(5)
  .max(128)
  .regex(/^[^/\\\u0000-\u001f]+\.wav$/i, 'a .wav file name without / or \\');

/** Prompt files travel base64-encoded; 2 MB of audio is far beyond any IVR prompt. */
const MAX_PROMPT_BASE64 = Math.ceil((2 * 1024 * 1024 * 4) / 3) + 4;

/** The payload of 'uccx:prompt-upload-progress' (main builds it; the schema documents and bounds it). */
export const promptUploadProgressSchema = z
  .object({
    changeId: z.string().min(1).max(100),
    path: z.string().min(1).max(700),
    sent: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  })
  .strict() satisfies z.ZodType<UccxPromptUploadProgress>;

/**
 * A caller-list entry as the editor sends it. The bounds stop hostile input;
 * they are looser than the list's own rules (validateCallerEntries), so an
 * entry slightly too long is refused with its row named, not as a bad payload.
 */
const callerEntrySchema = z
  .object({
    number: z.string().max(100),
    label: z.string().max(1000),
    expires: z.string().max(40),
    route: z.string().max(1000),
  })
  .strict();
const callerEntriesSchema = z.array(callerEntrySchema).max(CALLER_LIST_LIMITS.maxEntries * 2);
const callerListName = z.string().min(1).max(CALLER_LIST_LIMITS.maxNameLength * 2);

/**
 * A switch as the editor sends it. Loose bounds against hostile input; the
 * switches' own rules (validateSwitches) refuse the rest by name.
 */
const switchEntrySchema = z
  .object({
    name: z.string().max(SWITCH_LIMITS.maxNameLength * 2),
    enabled: z.boolean(),
    prompt: z.string().max(SWITCH_LIMITS.maxPromptLength * 2),
    until: z.string().max(40),
  })
  .strict();
const switchEntriesSchema = z.array(switchEntrySchema).max(SWITCH_LIMITS.maxSwitches * 2);

export const uccxInvoke = {
  'uccx:state': invoke<UccxState>()(z.undefined()),
  /** The whole configuration (live, or the cached copy when UCCX is unreachable). */
  'uccx:config': invoke<UccxConfig>()(z.undefined()),
  /** Queue edits (one per object); they are durable when this answers. Bulk re-skill sends up to 500. */
  'uccx:submit': invoke<PendingChange[]>()(z.object({ edits: z.array(uccxEditSchema).min(1).max(500) }).strict()),
  /** What a prompt folder holds ('/' lists the language folders). */
  'uccx:prompt-list': invoke<UccxRepositoryItem[]>()(z.object({ folder: promptFolder }).strict()),
  /** Queue a new prompt, or the replacement of one (remove, then upload). */
  'uccx:prompt-upload': invoke<PendingChange>()(
    z
      .object({
        folder: promptFolder,
        name: promptFileName,
        dataBase64: z.string().min(4).max(MAX_PROMPT_BASE64),
        /** Size of the prompt being replaced, as shown; null for a new prompt, or when the listing gave no size. */
        replacedSize: z.number().int().nonnegative().nullable(),
        /** True when the upload replaces the prompt of that name (default: when replacedSize is given). */
        replacing: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Queue the deletion of a prompt, judged against the size shown. */
  'uccx:prompt-delete': invoke<PendingChange>()(
    z.object({ folder: promptFolder, name: promptFileName, size: z.number().int().nonnegative().nullable() }).strict(),
  ),
  'uccx:prompt-audio': invoke<{ dataBase64: string; contentType: string }>()(z.object({ folder: promptFolder, name: promptFileName }).strict()),
  /** The caller lists in the profile's caller-list folder of the document repository (docs/ivr.md). */
  'uccx:caller-lists': invoke<{ folder: string; lists: CallerListSummary[] }>()(z.undefined()),
  /** One caller list as UCCX holds it now (an absent document is an empty list that does not exist yet). */
  'uccx:caller-list': invoke<CallerListDocument>()(z.object({ name: callerListName }).strict()),
  /** Queue a save of a whole list as one change; `base` is the list as the editor loaded it. Durable when this answers. */
  'uccx:caller-list-save': invoke<PendingChange>()(z.object({ name: callerListName, base: callerEntriesSchema, entries: callerEntriesSchema }).strict()),
  /** The switches document as UCCX holds it now, with the timed switches main will turn off (docs/ivr.md). */
  'uccx:switches': invoke<SwitchesView>()(z.undefined()),
  /** Queue a save of the switches as one change (only the switches that differ from `base`, the document as loaded). Durable when this answers. */
  'uccx:switches-save': invoke<PendingChange>()(z.object({ base: switchEntriesSchema, switches: switchEntriesSchema }).strict()),
};

export const uccxEvents = {
  'uccx:state-changed': event<UccxState>(),
  /** Something was written to UCCX: editors reload the configuration. */
  'uccx:config-changed': event<{ at: number }>(),
  /** The switches document was written, or a timed switch was scheduled or ended: the Switches tab reads it again. */
  'uccx:switches-changed': event<{ at: number }>(),
  /** Step 1 of a queued prompt upload is sending its bytes (about every 16 KB). */
  'uccx:prompt-upload-progress': event<z.infer<typeof promptUploadProgressSchema>>(),
};

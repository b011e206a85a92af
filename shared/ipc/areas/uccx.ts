import { z } from 'zod';
import { event, invoke } from '../define';
import { fieldMapSchema } from './changes';
import type { PendingChange } from '../../domain/changes';
import type { UccxConfig, UccxState } from '../../domain/uccx';

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

/** Prompt files travel base64-encoded; 2 MB of audio is far beyond any IVR prompt. */
const MAX_PROMPT_BASE64 = Math.ceil((2 * 1024 * 1024 * 4) / 3) + 4;

export const uccxInvoke = {
  'uccx:state': invoke<UccxState>()(z.undefined()),
  /** The whole configuration (live, or the cached copy when UCCX is unreachable). */
  'uccx:config': invoke<UccxConfig>()(z.undefined()),
  /** Queue edits (one per object); they are durable when this answers. Bulk re-skill sends up to 500. */
  'uccx:submit': invoke<PendingChange[]>()(z.object({ edits: z.array(uccxEditSchema).min(1).max(500) }).strict()),
  'uccx:prompt-upload': invoke<PendingChange>()(
    z
      .object({
        name: z.string().min(5).max(128),
        dataBase64: z.string().min(4).max(MAX_PROMPT_BASE64),
        /** Size of the prompt being replaced, as shown; null for a new prompt. */
        replacedSize: z.number().int().nonnegative().nullable(),
      })
      .strict(),
  ),
  'uccx:prompt-audio': invoke<{ dataBase64: string; contentType: string }>()(z.object({ name: z.string().min(1).max(128) }).strict()),
};

export const uccxEvents = {
  'uccx:state-changed': event<UccxState>(),
  /** Something was written to UCCX: editors reload the configuration. */
  'uccx:config-changed': event<{ at: number }>(),
};

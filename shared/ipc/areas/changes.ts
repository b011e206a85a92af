import { z } from 'zod';
import { event, invoke } from '../define';
import { FIELD_VALUE_BOUNDS, type AuditEntry, type ChangeCounts, type ChangeProgress, type PendingChange } from '../../domain/changes';
import { boundedJsonSchema } from '../../domain/bounded-json';

/** A field value as the renderer may send it: JSON, bounded in depth and size by the schema itself. */
const fieldValue = boundedJsonSchema(FIELD_VALUE_BOUNDS);
export const fieldMapSchema = z.record(z.string().min(1).max(200), fieldValue).refine((map) => Object.keys(map).length <= 200, 'at most 200 fields');

const changeId = z.object({ id: z.string().min(1).max(100) }).strict();

const auditResults = ['queued', 'applied', 'already-applied', 'failed', 'not-permitted', 'conflicted', 'discarded', 'kept-theirs', 'edited', 'retried', 'pending', 'sent'] as const;

export const auditQuerySchema = z
  .object({
    text: z.string().max(200).optional(),
    system: z.string().max(20).optional(),
    result: z.enum(auditResults).optional(),
    since: z.number().int().nonnegative().optional(),
    until: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();

export const changesInvoke = {
  /** Changes not yet applied or discarded (queued, applying, failed, conflicted), oldest first. */
  'changes:list': invoke<PendingChange[]>()(z.undefined()),
  'changes:counts': invoke<ChangeCounts>()(z.undefined()),
  'changes:retry': invoke<PendingChange>()(changeId),
  'changes:discard': invoke<PendingChange>()(changeId),
  /** New values for a queued or failed change (only the fields it already touches). */
  'changes:edit': invoke<PendingChange>()(z.object({ id: z.string().min(1).max(100), mine: fieldMapSchema }).strict()),
  'changes:resolve': invoke<PendingChange>()(
    z
      .object({
        id: z.string().min(1).max(100),
        resolution: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('keep-theirs') }).strict(),
          z.object({ kind: z.literal('reapply-mine') }).strict(),
          z.object({ kind: z.literal('edit'), mine: fieldMapSchema }).strict(),
        ]),
      })
      .strict(),
  ),
  'changes:audit': invoke<AuditEntry[]>()(auditQuerySchema),
  /** The matching audit entries as CSV text, with a suggested file name. */
  'changes:audit-csv': invoke<{ fileName: string; csv: string }>()(auditQuerySchema),
};

export const changesEvents = {
  /** The queue changed (throttled): new counts; fetch the list again if showing it. */
  'changes:updated': event<ChangeCounts>(),
  /** Changes that moved in their lifecycle since the last push (throttled; the latest state of each), so a toast or form can follow the changes it submitted. */
  'changes:progress': event<ChangeProgress[]>(),
};

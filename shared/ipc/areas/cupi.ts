import { z } from 'zod';
import { event, invoke } from '../define';
import type { MainMessage } from '../../domain/main-message';
import {
  CUPI_OBJECT_TYPES,
  GREETING_NAMES,
  TRANSFER_RULE_NAMES,
  type CloseNowView,
  type CupiCredentialView,
  type CupiFields,
  type CupiObjectView,
  type CupiPage,
  type CupiState,
  type CupiWriteOutcome,
} from '../../domain/cupi';

/** The Unity Connection (CUPI) editors and "Close now". */
const objectType = z.enum(CUPI_OBJECT_TYPES);
const objectId = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'an ObjectId');
/** CUPI field names are identifiers; values are short strings (the longest, SmtpAddress, is 320). */
const fields = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), z.string().max(400)).refine((f) => Object.keys(f).length <= 40, 'at most 40 fields');
const label = z.string().min(1).max(300);
const memberType = z.enum(['user', 'contact', 'distributionlist']);
const credentialKind = z.enum(['pin', 'password']);

/** Everything an editor shows for one object; the parts present depend on its type. */
export interface CupiDetail extends CupiObjectView {
  /** Users. */
  pin?: CupiCredentialView | null;
  password?: CupiCredentialView | null;
  /** Call handlers. */
  greetings?: CupiFields[];
  transferRules?: CupiFields[];
  /** Distribution lists. */
  members?: CupiFields[];
}

export interface CloseNowOptions {
  /** UCCX applications and their script parameters; null when UCCX is not configured or unreachable. */
  applications: Array<{ name: string; params: Array<{ name: string; value: string }> }> | null;
  /** Why applications is null, in words. */
  unavailableReason?: string;
  /** The same by message id, for the renderer to say in the user's language. */
  unavailableMessage?: MainMessage;
}

export const cupiInvoke = {
  'cupi:state': invoke<CupiState>()(z.undefined()),
  'cupi:search': invoke<CupiPage>()(
    z
      .object({
        type: objectType,
        column: z.enum(['Alias', 'DisplayName', 'FirstName', 'LastName', 'DtmfAccessId']).optional(),
        operator: z.enum(['startswith', 'is']).optional(),
        text: z.string().max(64).optional(),
        page: z.number().int().min(1).max(100_000).optional(),
        pageSize: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
  ),
  'cupi:get': invoke<CupiDetail>()(z.object({ type: objectType, objectId }).strict()),
  'cupi:user-templates': invoke<CupiFields[]>()(z.undefined()),
  'cupi:create': invoke<CupiWriteOutcome>()(z.object({ type: objectType, fields, template: z.string().min(1).max(64).optional() }).strict()),
  'cupi:update': invoke<CupiWriteOutcome>()(z.object({ type: objectType, objectId, label, base: fields, changes: fields }).strict()),
  'cupi:delete': invoke<CupiWriteOutcome>()(z.object({ type: objectType, objectId, label, base: fields }).strict()),
  'cupi:greeting': invoke<CupiWriteOutcome>()(
    z.object({ handlerId: objectId, handlerName: label, greeting: z.enum(GREETING_NAMES), base: fields, changes: fields }).strict(),
  ),
  'cupi:transfer-rule': invoke<CupiWriteOutcome>()(
    z.object({ handlerId: objectId, handlerName: label, rule: z.enum(TRANSFER_RULE_NAMES), base: fields, changes: fields }).strict(),
  ),
  'cupi:member-add': invoke<CupiWriteOutcome>()(
    z.object({ listId: objectId, listName: label, memberType, memberId: objectId, memberName: label }).strict(),
  ),
  'cupi:member-remove': invoke<CupiWriteOutcome>()(z.object({ listId: objectId, listName: label, memberId: objectId, memberName: label }).strict()),
  /** The value is a secret: registered for redaction on arrival, never stored or queued. */
  'cupi:credential-reset': invoke<CupiWriteOutcome>()(
    z.object({ userId: objectId, userLabel: label, kind: credentialKind, value: z.string().min(1).max(64), mustChange: z.boolean() }).strict(),
  ),
  'cupi:credential-unlock': invoke<CupiWriteOutcome>()(z.object({ userId: objectId, userLabel: label, kind: credentialKind }).strict()),
  'cupi:credential-must-change': invoke<CupiWriteOutcome>()(
    z.object({ userId: objectId, userLabel: label, kind: credentialKind, mustChange: z.boolean() }).strict(),
  ),
  'cupi:close-now': invoke<CloseNowView>()(
    z
      .object({
        handlerObjectIds: z.array(objectId).max(50),
        greeting: z.enum(['Alternate', 'Off Hours']),
        until: z.number().int().positive(),
        reason: z.string().max(120),
        uccx: z
          .object({ application: z.string().min(1).max(100), parameter: z.string().min(1).max(100), value: z.string().max(400) })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  'cupi:close-now-list': invoke<CloseNowView[]>()(z.undefined()),
  'cupi:close-now-reopen': invoke<CloseNowView>()(z.object({ id: z.string().min(1).max(64) }).strict()),
  'cupi:close-now-options': invoke<CloseNowOptions>()(z.undefined()),
};

export const cupiEvents = {
  'cupi:state-changed': event<CupiState>(),
  'cupi:close-now-changed': event<CloseNowView[]>(),
};

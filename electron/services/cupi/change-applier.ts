import type { FieldMap, FieldValue, ObjectRef, PendingChange } from '../../../shared/domain/changes';
import type { CupiFields, CupiObjectType } from '../../../shared/domain/cupi';
import { ConsoleError } from '../../../shared/ipc/result';
import type { CupiClient } from './client';
import { CupiRequestError } from './client';

/**
 * Every CUPI write the console makes, described as data (a change to the
 * fields of one object) so the durable journal can keep it, check it for
 * conflicts and apply it later. This file knows where each kind of object
 * lives on the server and how to read and write it.
 *
 * Object kinds (ObjectRef.type) and their ids:
 *   user | contact | distributionlist | callhandler   id = ObjectId (create: the alias / display name)
 *   greeting      id = <handler ObjectId>/<greeting name>   (update only)
 *   transferrule  id = <handler ObjectId>/<rule name>       (update only)
 *   listmember    id = <list ObjectId>/<member's ObjectId>  (create = add, delete = remove)
 */
export const CUPI_SYSTEM = 'cupi';

export type CupiChangeType = CupiObjectType | 'greeting' | 'transferrule' | 'listmember';

/** What a change needs besides its fields (kept in PendingChange.payload, never a secret). */
export interface CupiChangePayload {
  /** create user: the template alias; create call handler: the template ObjectId. */
  template?: string;
  /** listmember: which kind of object the member is. */
  memberType?: 'user' | 'contact' | 'distributionlist';
  /** Display name of the handler/list a sub-object belongs to (for messages). */
  parentLabel?: string;
}

export type CupiChangeSpec = Pick<PendingChange, 'ref' | 'operation' | 'label' | 'summary' | 'fieldLabels' | 'valueNames' | 'base' | 'mine'> & {
  payload?: CupiChangePayload;
};

const COLLECTION: Record<CupiObjectType, { path: string; item: string; naturalKey: string }> = {
  user: { path: '/vmrest/users', item: 'User', naturalKey: 'Alias' },
  contact: { path: '/vmrest/contacts', item: 'Contact', naturalKey: 'Alias' },
  distributionlist: { path: '/vmrest/distributionlists', item: 'DistributionList', naturalKey: 'Alias' },
  callhandler: { path: '/vmrest/handlers/callhandlers', item: 'Callhandler', naturalKey: 'DisplayName' },
};

export function collectionPath(type: CupiObjectType): string {
  return COLLECTION[type].path;
}

export function collectionItemKey(type: CupiObjectType): string {
  return COLLECTION[type].item;
}

export function objectPath(type: CupiObjectType, objectId: string): string {
  return `${COLLECTION[type].path}/${encodeURIComponent(objectId)}`;
}

function splitId(id: string): [string, string] {
  const slash = id.indexOf('/');
  if (slash < 0) throw new ConsoleError('invalid_payload', `Malformed Unity Connection object key "${id}".`);
  return [id.slice(0, slash), id.slice(slash + 1)];
}

export function greetingPath(handlerId: string, greeting: string): string {
  return `/vmrest/handlers/callhandlers/${encodeURIComponent(handlerId)}/greetings/${encodeURIComponent(greeting)}`;
}

export function transferRulePath(handlerId: string, rule: string): string {
  return `/vmrest/handlers/callhandlers/${encodeURIComponent(handlerId)}/transferoptions/${encodeURIComponent(rule)}`;
}

export function membersPath(listId: string): string {
  return `/vmrest/distributionlists/${encodeURIComponent(listId)}/distributionlistmembers`;
}

const MEMBER_FIELD: Record<NonNullable<CupiChangePayload['memberType']>, string> = {
  user: 'MemberUserObjectId',
  contact: 'MemberContactObjectId',
  distributionlist: 'MemberDistributionListObjectId',
};

/** Field maps for the journal: CUPI's strings as they are; an empty string is "no value" (null). */
export function toFieldMap(fields: CupiFields, only?: Iterable<string>): FieldMap {
  const out: FieldMap = {};
  for (const name of only ?? Object.keys(fields)) {
    const value = fields[name];
    out[name] = value === undefined || value === '' ? null : value;
  }
  return out;
}

/** Back to CUPI's form for a request body: null → "" (clears the field). */
function toCupiBody(fields: FieldMap): CupiFields {
  const out: CupiFields = {};
  for (const [name, value] of Object.entries(fields)) out[name] = value === null ? '' : textOf(value);
  return out;
}

function textOf(value: FieldValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isNotFound(error: unknown): boolean {
  return error instanceof CupiRequestError && error.status === 404;
}

function payloadOf(change: Pick<PendingChange, 'payload'>): CupiChangePayload {
  const payload = change.payload;
  return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as CupiChangePayload) : {};
}

/**
 * Reads and writes one change against the publisher. `read` answers what the
 * server holds now for the fields a change touches (null: the object does not
 * exist); `apply` writes the change. The journal calls read before apply to
 * detect conflicts; the direct path below does the same.
 */
export class CupiChangeApplier {
  constructor(private readonly client: CupiClient) {}

  async read(ref: ObjectRef): Promise<FieldMap | null> {
    const type = ref.type as CupiChangeType;
    try {
      switch (type) {
        case 'user':
        case 'contact':
        case 'distributionlist':
        case 'callhandler': {
          if (looksLikeObjectId(ref.id)) return toFieldMap(await this.client.getFromPublisher(objectPath(type, ref.id)));
          // A create not yet applied: find it by its natural key.
          const found = await this.findByNaturalKey(type, ref.id);
          return found ? toFieldMap(found) : null;
        }
        case 'greeting': {
          const [handlerId, name] = splitId(ref.id);
          return toFieldMap(await this.client.getFromPublisher(greetingPath(handlerId, name)));
        }
        case 'transferrule': {
          const [handlerId, name] = splitId(ref.id);
          return toFieldMap(await this.client.getFromPublisher(transferRulePath(handlerId, name)));
        }
        case 'listmember': {
          const [listId, targetId] = splitId(ref.id);
          const member = await this.findMember(listId, targetId);
          return member ? { member: targetId } : null;
        }
        default:
          throw new ConsoleError('invalid_payload', `Unknown Unity Connection object type "${ref.type}".`);
      }
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Write the change; answers the ObjectId of a created object. */
  async apply(change: Pick<PendingChange, 'ref' | 'operation' | 'mine' | 'payload'>): Promise<{ objectId?: string }> {
    const type = change.ref.type as CupiChangeType;
    const payload = payloadOf(change);
    const body = toCupiBody(change.mine);
    switch (type) {
      case 'user':
      case 'contact':
      case 'distributionlist':
      case 'callhandler': {
        if (change.operation === 'create') {
          const query: Record<string, string | undefined> = {};
          if (type === 'user') query.templateAlias = payload.template ?? 'voicemailusertemplate';
          if (type === 'callhandler' && payload.template) query.templateObjectId = payload.template;
          if (type === 'contact' && payload.template) query.templateAlias = payload.template;
          // Leave out empty fields: a create has nothing to clear.
          const created = await this.client.create(collectionPath(type), dropEmpty(body), query);
          return { objectId: created.objectId ?? undefined };
        }
        if (change.operation === 'delete') {
          await this.client.remove(objectPath(type, change.ref.id));
          return {};
        }
        await this.client.update(objectPath(type, change.ref.id), body);
        return {};
      }
      case 'greeting': {
        const [handlerId, name] = splitId(change.ref.id);
        await this.client.update(greetingPath(handlerId, name), body);
        return {};
      }
      case 'transferrule': {
        const [handlerId, name] = splitId(change.ref.id);
        await this.client.update(transferRulePath(handlerId, name), body);
        return {};
      }
      case 'listmember': {
        const [listId, targetId] = splitId(change.ref.id);
        if (change.operation === 'delete') {
          const member = await this.findMember(listId, targetId);
          if (member?.ObjectId) await this.client.remove(`${membersPath(listId)}/${encodeURIComponent(member.ObjectId)}`);
          return {};
        }
        const field = MEMBER_FIELD[payload.memberType ?? 'user'];
        const created = await this.client.create(membersPath(listId), { [field]: targetId });
        return { objectId: created.objectId ?? undefined };
      }
      default:
        throw new ConsoleError('invalid_payload', `Unknown Unity Connection object type "${change.ref.type}".`);
    }
  }

  private async findByNaturalKey(type: CupiObjectType, key: string): Promise<CupiFields | null> {
    const { naturalKey, item, path } = COLLECTION[type];
    const page = await this.client.list(path, item, { query: `(${naturalKey} is ${key})`, rowsPerPage: 5, pageNumber: 1 });
    return page.value.items.find((r) => (r[naturalKey] ?? '').toLowerCase() === key.toLowerCase()) ?? null;
  }

  /** The member entry of a list that points at targetId (members carry the target's ObjectId in one of three fields). */
  async findMember(listId: string, targetId: string): Promise<CupiFields | null> {
    const page = await this.client.list(membersPath(listId), 'DistributionListMember', { rowsPerPage: 2000, pageNumber: 1 });
    const wanted = targetId.toLowerCase();
    return (
      page.value.items.find((m) => Object.values(MEMBER_FIELD).some((field) => (m[field] ?? '').toLowerCase() === wanted)) ?? null
    );
  }
}

function dropEmpty(fields: CupiFields): CupiFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}

export function looksLikeObjectId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

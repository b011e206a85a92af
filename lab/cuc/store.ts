import {
  checkNewCredential,
  DEFAULT_CREDENTIAL_POLICY,
  hashSecret,
  newCredentialState,
  secretMatches,
  type CredentialKind,
  type CredentialPolicy,
  type CredentialState,
} from './credentials';
import { badRequest, CupiError, notFound } from './errors';
import {
  applyChanges,
  CALL_HANDLER_FIELDS,
  CONTACT_FIELDS,
  CREDENTIAL_FIELDS,
  DISTRIBUTION_LIST_FIELDS,
  GREETING_FIELDS,
  normaliseFields,
  TRANSFER_OPTION_FIELDS,
  USER_FIELDS,
} from './fields';
import { objectIdFor } from './ids';
import { IndexedCollection, parseListRequest, searchSmallList, type ListPage, type ListRequest } from './listing';
import { formatCupiTime, formatIsoSeconds, LONG_AGO, parseCupiTime } from './time';
import type { CupiRecord } from './wire';

/**
 * The Unity Connection directory the lab serves: one store shared by the
 * publisher and the subscriber (the replicated database). Every method applies
 * the same rules as the HTTP API and returns copies, so a test can read or
 * change objects behind the console's back without breaking the indexes.
 *
 * Rule violations throw CupiError (status + code + message), which the HTTP
 * layer turns into an ErrorDetails body.
 */

/** Fixed ObjectIds of the supporting objects every record points at. */
export const CUC_REFERENCE_IDS = {
  location: objectIdFor('cuc:location:local'),
  partition: objectIdFor('cuc:partition:default'),
  phoneSystem: objectIdFor('cuc:phonesystem:phonesystem'),
  voiceMailCos: objectIdFor('cuc:cos:voice-mail-user'),
  supervisorCos: objectIdFor('cuc:cos:supervisor'),
  systemCos: objectIdFor('cuc:cos:system'),
  allHoursSchedule: objectIdFor('cuc:scheduleset:all-hours'),
  weekdaysSchedule: objectIdFor('cuc:scheduleset:weekdays'),
  pinPolicy: objectIdFor('cuc:credentialpolicy:pin'),
  passwordPolicy: objectIdFor('cuc:credentialpolicy:password'),
  systemCallHandlerTemplate: objectIdFor('cuc:callhandlertemplate:system'),
  systemContactTemplate: objectIdFor('cuc:contacttemplate:system'),
} as const;

const COS_IDS: readonly string[] = [CUC_REFERENCE_IDS.voiceMailCos, CUC_REFERENCE_IDS.supervisorCos, CUC_REFERENCE_IDS.systemCos];
const SCHEDULE_SET_IDS: readonly string[] = [CUC_REFERENCE_IDS.allHoursSchedule, CUC_REFERENCE_IDS.weekdaysSchedule];

/** Greeting names as CUPI spells them in paths and GreetingType. */
export const GREETING_TYPES = ['Alternate', 'Busy', 'Error', 'Holiday', 'Internal', 'Off Hours', 'Standard'] as const;
export type GreetingType = (typeof GREETING_TYPES)[number];
/**
 * The closed (after-hours) greeting is "Off Hours" in Cisco's greeting pages;
 * product screens and our reference notes call it "Closed" ([P]). Both names
 * are accepted in paths; responses use "Off Hours".
 */
const GREETING_ALIASES: Readonly<Record<string, GreetingType>> = { Closed: 'Off Hours' };
/** Greetings that can never be turned off: Standard (Cisco greeting page) and Error (administration guide). */
const ALWAYS_ENABLED_GREETINGS: readonly GreetingType[] = ['Standard', 'Error'];

export const TRANSFER_OPTION_TYPES = ['Alternate', 'Off Hours', 'Standard'] as const;
export type TransferOptionType = (typeof TRANSFER_OPTION_TYPES)[number];

export interface UserTemplateDefinition {
  alias: string;
  displayName: string;
  cosObjectId: string;
  /** Administrator templates create users without a mailbox: no extension and no call handler. */
  hasMailbox: boolean;
}

interface MemberLink {
  kind: 'User' | 'Contact' | 'DistributionList';
  targetId: string;
}

interface HandlerRules {
  greetings: Map<GreetingType, CupiRecord>;
  transferOptions: Map<TransferOptionType, CupiRecord>;
}

type ExtensionOwner = { kind: 'user' | 'contact' | 'distribution list' | 'call handler'; id: string };

export interface CucStoreOptions {
  credentialPolicy?: Partial<CredentialPolicy>;
  /** Clock for Enabled/TimeExpires and timestamps; tests may replace it. */
  now?: () => number;
}

/** Fixed "creation" time of seeded objects, so seeded data is identical on every run. */
export const SEED_TIME = Date.UTC(2024, 0, 15, 9, 0, 0);

const isTrue = (value: string | undefined) => value === 'true';

export class CucStore {
  now: () => number;
  readonly policy: CredentialPolicy;
  /**
   * CUPI's transfer-option page says TimeExpires cannot be set to null; the
   * greeting page shows an empty TimeExpires meaning "no end date". The lab
   * follows the stricter rule for both by default ([U]); set this to accept
   * an empty greeting TimeExpires as "enabled with no end date".
   */
  emptyGreetingExpiryMeansNoEndDate = false;
  /** What GET /vmrest/version/product/ reports ([U]: a plausible 14.0 build). */
  productName = 'Cisco Unity Connection Version';
  productVersion = '14.0.1.14900-9';

  private readonly users = new IndexedCollection(['Alias', 'FirstName', 'LastName', 'DisplayName', 'DtmfAccessId'], 'Alias');
  private readonly contacts = new IndexedCollection(['Alias', 'FirstName', 'LastName', 'DisplayName', 'DtmfAccessId'], 'Alias');
  private readonly distributionLists = new IndexedCollection(['Alias', 'DisplayName', 'DtmfAccessId'], 'Alias');
  /** System call handlers only; users' primary handlers live in primaryHandlers (see listCallHandlers). */
  private readonly callHandlers = new IndexedCollection(['DisplayName', 'DtmfAccessId'], 'DisplayName');
  private readonly userTemplates = new Map<string, { record: CupiRecord; definition: UserTemplateDefinition }>();
  private readonly contactTemplates: CupiRecord[] = [];
  private readonly callHandlerTemplates: CupiRecord[] = [];
  private readonly extensions = new Map<string, ExtensionOwner>();
  /** Primary handler ObjectId → owning user ObjectId, for every user with a mailbox. */
  private readonly primaryHandlerOwners = new Map<string, string>();
  /** Primary handlers materialise on first use: 20,000 users need not mean 200,000 greeting rows. */
  private readonly primaryHandlers = new Map<string, CupiRecord>();
  private readonly handlerRules = new Map<string, HandlerRules>();
  private readonly members = new Map<string, Map<string, MemberLink>>();
  private readonly credentials = new Map<string, Partial<Record<CredentialKind, CredentialState>>>();
  private sequence = 0;

  constructor(options: CucStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.policy = { ...DEFAULT_CREDENTIAL_POLICY, ...options.credentialPolicy };
    this.defineTemplates();
  }

  // ---------------------------------------------------------------- users

  get userCount(): number {
    return this.users.size;
  }

  listUsers(params: URLSearchParams | string = ''): ListPage<CupiRecord> {
    const request = parseListRequest(new URLSearchParams(params), this.users.searchableColumns);
    return copyPage(this.users.search(request));
  }

  getUser(id: string): CupiRecord {
    return { ...this.requireUser(id) };
  }

  findUserByAlias(alias: string): CupiRecord | undefined {
    const user = this.users.findBy('Alias', alias);
    return user && { ...user };
  }

  /**
   * Bulk load for seeding: one sort per index instead of one splice per user.
   * Each entry needs at least Alias and DtmfAccessId; other fields come from the template.
   */
  loadUsers(entries: readonly CupiRecord[], templateAlias = 'voicemailusertemplate'): void {
    const template = this.requireUserTemplate(templateAlias);
    const records = entries.map((fields) => {
      const record = this.buildUser(objectIdFor(`cuc:user:${fields.Alias}`), fields, template, SEED_TIME);
      if (this.extensions.has(record.DtmfAccessId!)) throw new Error(`duplicate seed extension ${record.DtmfAccessId}`);
      this.registerUserSideObjects(record);
      return record;
    });
    this.users.load(records);
  }

  /** POST /vmrest/users?templateAlias=… */
  createUser(templateAlias: string | null, input: CupiRecord): CupiRecord {
    if (!templateAlias) throw badRequest('templateAlias is required to create a user (for example voicemailusertemplate).', 'MISSING_PARAMETER');
    const template = this.requireUserTemplate(templateAlias);
    const fields = normaliseFields('User', USER_FIELDS, input);
    if (!fields.Alias) throw badRequest('Alias is required to create a user.', 'MISSING_PARAMETER');
    if (template.definition.hasMailbox && !fields.DtmfAccessId) {
      throw badRequest('DtmfAccessId (the extension) is required to create a user with a mailbox.', 'MISSING_PARAMETER');
    }
    if (fields.Inactive === 'true') throw badRequest('A new user cannot be created inactive.');
    this.assertAliasFree(this.users, 'user', fields.Alias);
    if (fields.DtmfAccessId) this.assertExtensionFree(fields.DtmfAccessId);
    if (fields.CosObjectId) this.assertKnown(COS_IDS, fields.CosObjectId, 'class of service');
    const id = objectIdFor(`cuc:user:${fields.Alias}:${++this.sequence}`);
    const record = this.buildUser(id, fields, template, this.now());
    this.registerUserSideObjects(record);
    this.users.insert(record);
    return { ...record };
  }

  /** PUT /vmrest/users/{id}: only the fields sent change. */
  updateUser(id: string, input: CupiRecord): void {
    const current = this.requireUser(id);
    const changes = normaliseFields('User', USER_FIELDS, input);
    if ('Alias' in changes) {
      if (!changes.Alias) throw badRequest('Alias cannot be empty.', 'MISSING_PARAMETER');
      if (changes.Alias.toLowerCase() !== current.Alias!.toLowerCase()) this.assertAliasFree(this.users, 'user', changes.Alias);
    }
    if ('DtmfAccessId' in changes && changes.DtmfAccessId !== current.DtmfAccessId) {
      if (!changes.DtmfAccessId && current.CallHandlerObjectId) throw badRequest('A user with a mailbox must keep an extension (DtmfAccessId).');
      if (changes.DtmfAccessId) this.assertExtensionFree(changes.DtmfAccessId);
    }
    // Documented: Inactive can only go from true to false.
    if (changes.Inactive === 'true' && current.Inactive !== 'true') {
      throw badRequest('Inactive can only be changed from true to false; a user cannot be made inactive through CUPI.');
    }
    if (changes.CosObjectId) this.assertKnown(COS_IDS, changes.CosObjectId, 'class of service');
    if (changes.CosObjectId === '') throw badRequest('CosObjectId cannot be empty.');
    for (const required of ['DisplayName', 'UseDefaultTimeZone', 'TimeZone', 'Inactive'] as const) {
      if (changes[required] === '') throw badRequest(`${required} cannot be empty.`);
    }
    const next = applyChanges(current, changes);
    if (next.CosObjectId !== current.CosObjectId) next.CosURI = `/vmrest/coses/${next.CosObjectId}`;
    if (next.DtmfAccessId !== current.DtmfAccessId) {
      if (current.DtmfAccessId) this.extensions.delete(current.DtmfAccessId);
      if (next.DtmfAccessId) this.extensions.set(next.DtmfAccessId, { kind: 'user', id });
    }
    this.users.replace(next);
    const handler = current.CallHandlerObjectId && this.primaryHandlers.get(current.CallHandlerObjectId);
    if (handler && next.DisplayName !== current.DisplayName) handler.DisplayName = next.DisplayName!;
  }

  deleteUser(id: string): void {
    const user = this.requireUser(id);
    this.users.delete(id);
    if (user.DtmfAccessId) this.extensions.delete(user.DtmfAccessId);
    this.credentials.delete(id);
    if (user.CallHandlerObjectId) {
      this.primaryHandlerOwners.delete(user.CallHandlerObjectId);
      this.primaryHandlers.delete(user.CallHandlerObjectId);
      this.handlerRules.delete(user.CallHandlerObjectId);
    }
    this.removeMembershipsOf(id);
  }

  listUserTemplates(params: URLSearchParams | string = ''): ListPage<CupiRecord> {
    const request = parseListRequest(new URLSearchParams(params), ['alias', 'displayname']);
    return copyPage(searchSmallList([...this.userTemplates.values()].map((t) => t.record), request, columnField));
  }

  getUserTemplate(id: string): CupiRecord {
    const template = [...this.userTemplates.values()].find((t) => t.record.ObjectId === id);
    if (!template) throw notFound(`No user template with ObjectId ${id}.`);
    return { ...template.record };
  }

  // ---------------------------------------------------------- credentials

  /** GET /vmrest/users/{id}/credential/pin|password: settings and lock-out state, never the value. */
  getCredential(userId: string, kind: CredentialKind): CupiRecord {
    const user = this.requireUser(userId);
    return this.renderCredential(user, kind, this.credentialState(userId, kind));
  }

  /** PUT …/credential/pin|password: a new value (policy-checked), settings, or an unlock. Applied all or nothing. */
  updateCredential(userId: string, kind: CredentialKind, input: CupiRecord): void {
    const user = this.requireUser(userId);
    const state = this.credentialState(userId, kind);
    const changes = normaliseFields('Credential', CREDENTIAL_FIELDS, input);
    // The documented unlock sends an empty TimeHacked: it clears the time of the last failed sign-in.
    if ('TimeHacked' in input) {
      const text = input.TimeHacked!.trim();
      if (text !== '' && parseCupiTime(text) === null) throw badRequest(`TimeHacked "${text}" is not a valid date.`);
      changes.TimeLastHack = text === '' ? '' : formatCupiTime(parseCupiTime(text)!);
    }
    const policyId = kind === 'pin' ? CUC_REFERENCE_IDS.pinPolicy : CUC_REFERENCE_IDS.passwordPolicy;
    if (changes.CredentialPolicyObjectId !== undefined && changes.CredentialPolicyObjectId !== policyId) {
      throw badRequest(`CredentialPolicyObjectId ${changes.CredentialPolicyObjectId} is not a ${kind === 'pin' ? 'PIN' : 'password'} policy.`);
    }
    for (const flag of ['Locked', 'CantChange', 'DoesntExpire', 'CredMustChange', 'HackCount'] as const) {
      if (changes[flag] === '') throw badRequest(`${flag} cannot be empty.`);
    }
    const newValue = 'Credentials' in input ? input.Credentials! : undefined;
    if (newValue !== undefined) {
      checkNewCredential(kind, newValue, { alias: user.Alias!, extension: user.DtmfAccessId }, state, this.policy);
    }

    const now = this.now();
    if (changes.Locked !== undefined) state.locked = isTrue(changes.Locked);
    if (changes.CantChange !== undefined) state.cantChange = isTrue(changes.CantChange);
    if (changes.DoesntExpire !== undefined) state.doesntExpire = isTrue(changes.DoesntExpire);
    if (changes.CredMustChange !== undefined) state.credMustChange = isTrue(changes.CredMustChange);
    if (changes.TimeLastHack !== undefined) state.timeLastHack = changes.TimeLastHack === '' ? null : parseCupiTime(changes.TimeLastHack);
    if (changes.HackCount !== undefined) this.setHackCount(state, Number(changes.HackCount), now);
    if (newValue !== undefined) {
      if (state.secret) state.history = [state.secret, ...state.history].slice(0, this.policy.historyDepth);
      state.secret = hashSecret(newValue);
      state.timeChanged = now;
    }
  }

  /** Does the stored PIN/password equal this value? For tests; never reachable over HTTP. */
  verifyCredential(userId: string, kind: CredentialKind, value: string): boolean {
    this.requireUser(userId);
    return secretMatches(this.credentialState(userId, kind).secret, value);
  }

  /** Simulate failed sign-ins (a caller guessing a PIN): at the policy threshold the credential is locked out. */
  recordFailedSignIns(userId: string, kind: CredentialKind, attempts: number, at = this.now()): void {
    this.requireUser(userId);
    const state = this.credentialState(userId, kind);
    const now = at;
    state.timeLastHack = now;
    this.setHackCount(state, state.hackCount + attempts, now);
  }

  // -------------------------------------------------------------- contacts

  listContacts(params: URLSearchParams | string = ''): ListPage<CupiRecord> {
    return copyPage(this.contacts.search(parseListRequest(new URLSearchParams(params), this.contacts.searchableColumns)));
  }

  getContact(id: string): CupiRecord {
    return { ...this.requireContact(id) };
  }

  findContactByAlias(alias: string): CupiRecord | undefined {
    const contact = this.contacts.findBy('Alias', alias);
    return contact && { ...contact };
  }

  listContactTemplates(): ListPage<CupiRecord> {
    return copyPage({ total: this.contactTemplates.length, items: this.contactTemplates });
  }

  /** POST /vmrest/contacts[?templateAlias=…]: the template parameter is optional here ([U]). */
  createContact(templateAlias: string | null, input: CupiRecord): CupiRecord {
    if (templateAlias && !this.contactTemplates.some((t) => t.Alias!.toLowerCase() === templateAlias.toLowerCase())) {
      throw badRequest(`No contact template with alias "${templateAlias}".`);
    }
    const fields = normaliseFields('Contact', CONTACT_FIELDS, input);
    if (!fields.Alias) throw badRequest('Alias is required to create a contact.', 'MISSING_PARAMETER');
    this.assertAliasFree(this.contacts, 'contact', fields.Alias);
    if (fields.DtmfAccessId) this.assertExtensionFree(fields.DtmfAccessId);
    const id = objectIdFor(`cuc:contact:${fields.Alias}:${++this.sequence}`);
    const record = dropEmpty({
      URI: `/vmrest/contacts/${id}`,
      ObjectId: id,
      Alias: fields.Alias,
      DisplayName: fields.DisplayName || joinName(fields.FirstName, fields.LastName) || fields.Alias,
      FirstName: fields.FirstName,
      LastName: fields.LastName,
      AltFirstName: fields.AltFirstName,
      AltLastName: fields.AltLastName,
      DtmfAccessId: fields.DtmfAccessId,
      SmtpAddress: fields.SmtpAddress,
      ListInDirectory: fields.ListInDirectory || 'true',
      TransferEnabled: fields.TransferEnabled || 'false',
      TransferExtension: fields.TransferExtension,
      TransferRings: fields.TransferRings || '4',
      CreationTime: formatIsoSeconds(this.now()),
      LocationObjectId: CUC_REFERENCE_IDS.location,
      PartitionObjectId: CUC_REFERENCE_IDS.partition,
    });
    if (record.TransferEnabled === 'true' && !record.TransferExtension) {
      throw badRequest('A contact with TransferEnabled needs a TransferExtension.');
    }
    if (record.DtmfAccessId) this.extensions.set(record.DtmfAccessId, { kind: 'contact', id });
    this.contacts.insert(record);
    return { ...record };
  }

  updateContact(id: string, input: CupiRecord): void {
    const current = this.requireContact(id);
    const changes = normaliseFields('Contact', CONTACT_FIELDS, input);
    if ('Alias' in changes) {
      if (!changes.Alias) throw badRequest('Alias cannot be empty.', 'MISSING_PARAMETER');
      if (changes.Alias.toLowerCase() !== current.Alias!.toLowerCase()) this.assertAliasFree(this.contacts, 'contact', changes.Alias);
    }
    if (changes.DisplayName === '') throw badRequest('DisplayName cannot be empty.');
    if (changes.DtmfAccessId && changes.DtmfAccessId !== current.DtmfAccessId) this.assertExtensionFree(changes.DtmfAccessId);
    const next = applyChanges(current, changes);
    if (next.TransferEnabled === 'true' && !next.TransferExtension) {
      throw badRequest('A contact with TransferEnabled needs a TransferExtension.');
    }
    this.moveExtension(current.DtmfAccessId, next.DtmfAccessId, { kind: 'contact', id });
    this.contacts.replace(next);
  }

  deleteContact(id: string): void {
    const contact = this.requireContact(id);
    this.contacts.delete(id);
    if (contact.DtmfAccessId) this.extensions.delete(contact.DtmfAccessId);
    this.removeMembershipsOf(id);
  }

  // ---------------------------------------------------- distribution lists

  listDistributionLists(params: URLSearchParams | string = ''): ListPage<CupiRecord> {
    const request = parseListRequest(new URLSearchParams(params), this.distributionLists.searchableColumns);
    return copyPage(this.distributionLists.search(request));
  }

  getDistributionList(id: string): CupiRecord {
    return { ...this.requireDistributionList(id) };
  }

  findDistributionListByAlias(alias: string): CupiRecord | undefined {
    const list = this.distributionLists.findBy('Alias', alias);
    return list && { ...list };
  }

  createDistributionList(input: CupiRecord, options: { undeletable?: boolean } = {}): CupiRecord {
    const fields = normaliseFields('DistributionList', DISTRIBUTION_LIST_FIELDS, input);
    if (!fields.Alias) throw badRequest('Alias is required to create a distribution list.', 'MISSING_PARAMETER');
    this.assertAliasFree(this.distributionLists, 'distribution list', fields.Alias);
    if (fields.DtmfAccessId) this.assertExtensionFree(fields.DtmfAccessId);
    const id = objectIdFor(`cuc:distributionlist:${fields.Alias}:${++this.sequence}`);
    const record = dropEmpty({
      URI: `/vmrest/distributionlists/${id}`,
      ObjectId: id,
      Alias: fields.Alias,
      DisplayName: fields.DisplayName || fields.Alias,
      DtmfAccessId: fields.DtmfAccessId,
      AllowContacts: fields.AllowContacts || 'false',
      AllowForeignMessage: fields.AllowForeignMessage || 'false',
      IsPublic: fields.IsPublic || 'true',
      Undeletable: options.undeletable ? 'true' : 'false',
      CreationTime: formatIsoSeconds(this.now()),
      LocationObjectId: CUC_REFERENCE_IDS.location,
      PartitionObjectId: CUC_REFERENCE_IDS.partition,
      DistributionListMembersURI: `/vmrest/distributionlists/${id}/distributionlistmembers`,
    });
    if (record.DtmfAccessId) this.extensions.set(record.DtmfAccessId, { kind: 'distribution list', id });
    this.distributionLists.insert(record);
    this.members.set(id, new Map());
    return { ...record };
  }

  updateDistributionList(id: string, input: CupiRecord): void {
    const current = this.requireDistributionList(id);
    const changes = normaliseFields('DistributionList', DISTRIBUTION_LIST_FIELDS, input);
    if ('Alias' in changes) {
      if (!changes.Alias) throw badRequest('Alias cannot be empty.', 'MISSING_PARAMETER');
      if (changes.Alias.toLowerCase() !== current.Alias!.toLowerCase()) this.assertAliasFree(this.distributionLists, 'distribution list', changes.Alias);
    }
    if (changes.DisplayName === '') throw badRequest('DisplayName cannot be empty.');
    if (changes.DtmfAccessId && changes.DtmfAccessId !== current.DtmfAccessId) this.assertExtensionFree(changes.DtmfAccessId);
    if (changes.AllowContacts === 'false' && [...this.members.get(id)!.values()].some((m) => m.kind === 'Contact')) {
      throw badRequest('This list has contacts as members; remove them before setting AllowContacts to false.');
    }
    const next = applyChanges(current, changes);
    this.moveExtension(current.DtmfAccessId, next.DtmfAccessId, { kind: 'distribution list', id });
    this.distributionLists.replace(next);
  }

  /**
   * DELETE /vmrest/distributionlists/{id}. The CUPI overview lists no delete
   * for lists ([U]); the lab allows it (like the administration pages do)
   * except for system lists marked Undeletable, and drops the list from any
   * list that contains it.
   */
  deleteDistributionList(id: string): void {
    const list = this.requireDistributionList(id);
    if (list.Undeletable === 'true') throw new CupiError(400, 'OPERATION_NOT_ALLOWED', `The system list ${list.DisplayName} cannot be deleted.`);
    this.distributionLists.delete(id);
    this.members.delete(id);
    if (list.DtmfAccessId) this.extensions.delete(list.DtmfAccessId);
    this.removeMembershipsOf(id);
  }

  /** GET …/distributionlistmembers: each member with its looked-up Alias, DisplayName and Extension. */
  listMembers(listId: string, params: URLSearchParams | string = ''): ListPage<CupiRecord> {
    this.requireDistributionList(listId);
    const request = parseListRequest(new URLSearchParams(params), ['alias', 'displayname']);
    const rendered = [...this.members.get(listId)!.entries()].map(([memberId, link]) => this.renderMember(listId, memberId, link));
    return copyPage(searchSmallList(rendered, request, columnField));
  }

  getMember(listId: string, memberId: string): CupiRecord {
    this.requireDistributionList(listId);
    const link = this.members.get(listId)!.get(memberId);
    if (!link) throw notFound(`No member ${memberId} in distribution list ${listId}.`);
    return this.renderMember(listId, memberId, link);
  }

  /** POST …/distributionlistmembers with exactly one of MemberUserObjectId, MemberContactObjectId, MemberDistributionListObjectId. */
  addMember(listId: string, input: CupiRecord): CupiRecord {
    const list = this.requireDistributionList(listId);
    const given = (['MemberUserObjectId', 'MemberContactObjectId', 'MemberDistributionListObjectId'] as const)
      .filter((field) => (input[field] ?? '').trim() !== '');
    if (given.length !== 1) {
      throw badRequest(
        'Give exactly one of MemberUserObjectId, MemberContactObjectId or MemberDistributionListObjectId.',
        given.length === 0 ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER',
      );
    }
    const field = given[0]!;
    const targetId = input[field]!.trim().toLowerCase();
    let kind: MemberLink['kind'];
    if (field === 'MemberUserObjectId') {
      if (!this.users.get(targetId)) throw badRequest(`No user with ObjectId ${targetId}.`);
      kind = 'User';
    } else if (field === 'MemberContactObjectId') {
      if (!this.contacts.get(targetId)) throw badRequest(`No contact with ObjectId ${targetId}.`);
      if (list.AllowContacts !== 'true') throw badRequest(`The list ${list.DisplayName} does not allow contacts (AllowContacts is false).`);
      kind = 'Contact';
    } else {
      if (!this.distributionLists.get(targetId)) throw badRequest(`No distribution list with ObjectId ${targetId}.`);
      if (targetId === listId || this.listContains(targetId, listId)) {
        throw badRequest('A distribution list cannot contain itself, directly or through another list.');
      }
      kind = 'DistributionList';
    }
    const listMembers = this.members.get(listId)!;
    if ([...listMembers.values()].some((m) => m.targetId === targetId)) throw badRequest('That member is already in the list.', 'DUPLICATE_OBJECT');
    const memberId = objectIdFor(`cuc:dlmember:${listId}:${targetId}:${++this.sequence}`);
    listMembers.set(memberId, { kind, targetId });
    return this.renderMember(listId, memberId, { kind, targetId });
  }

  removeMember(listId: string, memberId: string): void {
    this.requireDistributionList(listId);
    if (!this.members.get(listId)!.delete(memberId)) throw notFound(`No member ${memberId} in distribution list ${listId}.`);
  }

  // ---------------------------------------------------------- call handlers

  /**
   * GET /vmrest/handlers/callhandlers lists system call handlers. Users'
   * primary handlers are reached through a user's CallHandlerObjectId only
   * (a lab simplification: the real list may include them with IsPrimary=true).
   */
  listCallHandlers(params: URLSearchParams | string = ''): ListPage<CupiRecord> {
    const request = parseListRequest(new URLSearchParams(params), this.callHandlers.searchableColumns);
    return copyPage(this.callHandlers.search(request));
  }

  getCallHandler(id: string): CupiRecord {
    return this.renderHandler(this.requireHandler(id));
  }

  findCallHandlerByName(displayName: string): CupiRecord | undefined {
    const handler = this.callHandlers.findBy('DisplayName', displayName);
    return handler && this.renderHandler(handler);
  }

  listCallHandlerTemplates(): ListPage<CupiRecord> {
    return copyPage({ total: this.callHandlerTemplates.length, items: this.callHandlerTemplates });
  }

  getCallHandlerTemplate(id: string): CupiRecord {
    const template = this.callHandlerTemplates.find((t) => t.ObjectId === id);
    if (!template) throw notFound(`No call handler template with ObjectId ${id}.`);
    return { ...template };
  }

  /** POST /vmrest/handlers/callhandlers[?templateObjectId=…]: without a template the System Call Handler Template is used. */
  createCallHandler(templateObjectId: string | null, input: CupiRecord, options: { undeletable?: boolean } = {}): CupiRecord {
    const templateId = (templateObjectId ?? CUC_REFERENCE_IDS.systemCallHandlerTemplate).toLowerCase();
    const template = this.callHandlerTemplates.find((t) => t.ObjectId === templateId);
    if (!template) throw badRequest(`No call handler template with ObjectId ${templateObjectId}.`);
    const fields = normaliseFields('Callhandler', CALL_HANDLER_FIELDS, input);
    if (!fields.DisplayName) throw badRequest('DisplayName is required to create a call handler.', 'MISSING_PARAMETER');
    if (fields.DtmfAccessId) this.assertExtensionFree(fields.DtmfAccessId);
    const id = objectIdFor(`cuc:callhandler:${fields.DisplayName}:${++this.sequence}`);
    const base: CupiRecord = {
      URI: `/vmrest/handlers/callhandlers/${id}`,
      ObjectId: id,
      CreationTime: formatIsoSeconds(this.now()),
      DisplayName: fields.DisplayName,
      Language: template.Language!,
      UseDefaultLanguage: 'true',
      TimeZone: template.TimeZone!,
      UseDefaultTimeZone: 'true',
      Undeletable: options.undeletable ? 'true' : 'false',
      IsPrimary: 'false',
      IsTemplate: 'false',
      EditMsg: 'true',
      OneKeyDelay: '1500',
      ScheduleSetObjectId: template.ScheduleSetObjectId!,
      SendUrgentMsg: '0',
      MaxMsgLen: template.MaxMsgLen!,
      AfterMessageAction: template.AfterMessageAction!,
      RecipientDistributionListObjectId: template.RecipientDistributionListObjectId!,
      LocationObjectId: CUC_REFERENCE_IDS.location,
      PartitionObjectId: CUC_REFERENCE_IDS.partition,
      MediaSwitchObjectId: CUC_REFERENCE_IDS.phoneSystem,
    };
    const record = this.checkedHandler(base, fields);
    if (record.DtmfAccessId) this.extensions.set(record.DtmfAccessId, { kind: 'call handler', id });
    this.callHandlers.insert(record);
    this.handlerRules.set(id, defaultHandlerRules(id, { isPrimary: false }));
    return this.renderHandler(record);
  }

  updateCallHandler(id: string, input: CupiRecord): void {
    const current = this.requireHandler(id);
    const changes = normaliseFields('Callhandler', CALL_HANDLER_FIELDS, input);
    if (changes.DisplayName === '') throw badRequest('DisplayName cannot be empty.');
    if (current.IsPrimary === 'true') {
      if ('DtmfAccessId' in changes) throw badRequest("A user's call handler takes the user's extension; change the user's DtmfAccessId instead.");
      if ('DisplayName' in changes) throw badRequest("A user's call handler takes the user's name; change the user's DisplayName instead.");
    }
    if (changes.DtmfAccessId && changes.DtmfAccessId !== current.DtmfAccessId) this.assertExtensionFree(changes.DtmfAccessId);
    const next = this.checkedHandler(current, changes);
    if (current.IsPrimary === 'true') {
      this.primaryHandlers.set(id, next);
      return;
    }
    this.moveExtension(current.DtmfAccessId, next.DtmfAccessId, { kind: 'call handler', id });
    this.callHandlers.replace(next);
  }

  deleteCallHandler(id: string): void {
    const handler = this.requireHandler(id);
    if (handler.IsPrimary === 'true') throw new CupiError(400, 'OPERATION_NOT_ALLOWED', "A user's own call handler is deleted with the user, not on its own.");
    if (handler.Undeletable === 'true') throw new CupiError(400, 'OPERATION_NOT_ALLOWED', `The system call handler ${handler.DisplayName} cannot be deleted.`);
    this.callHandlers.delete(id);
    this.handlerRules.delete(id);
    if (handler.DtmfAccessId) this.extensions.delete(handler.DtmfAccessId);
  }

  // ----------------------------------------------------------- greetings

  /** Greeting path names: the seven types, plus "Closed" for "Off Hours". */
  static greetingTypeOf(name: string): GreetingType | undefined {
    if ((GREETING_TYPES as readonly string[]).includes(name)) return name as GreetingType;
    return GREETING_ALIASES[name];
  }

  listGreetings(handlerId: string): ListPage<CupiRecord> {
    const rules = this.rulesOf(handlerId);
    const items = GREETING_TYPES.map((type) => this.renderRule(rules.greetings.get(type)!));
    return { total: items.length, items };
  }

  getGreeting(handlerId: string, name: string): CupiRecord {
    return this.renderRule(this.requireGreeting(handlerId, name));
  }

  /**
   * PUT …/greetings/{type}. Enabling is date-based: TimeExpires in the future
   * (or null) = enabled, in the past = disabled; Enabled is derived on read.
   */
  updateGreeting(handlerId: string, name: string, input: CupiRecord): void {
    const current = this.requireGreeting(handlerId, name);
    const type = current.GreetingType as GreetingType;
    const changes = normaliseFields('Greeting', GREETING_FIELDS, input);
    if ('TimeExpires' in changes) {
      if (ALWAYS_ENABLED_GREETINGS.includes(type)) {
        throw new CupiError(400, 'OPERATION_NOT_ALLOWED', `The ${type} greeting is always enabled; it cannot be disabled or given an expiry date.`);
      }
      if (changes.TimeExpires === '' && !this.emptyGreetingExpiryMeansNoEndDate) throw emptyExpiryError();
    }
    const next = applyChanges(current, changes);
    if (next.AfterGreetingAction === '2') {
      const target = next.AfterGreetingTargetHandlerObjectId;
      if (!target) throw badRequest('AfterGreetingAction 2 needs an AfterGreetingTargetHandlerObjectId.');
      this.requireHandler(target);
      next.AfterGreetingTargetConversation ??= 'PHGreeting';
    }
    this.rulesOf(handlerId).greetings.set(type, next);
  }

  // ------------------------------------------------------ transfer options

  listTransferOptions(handlerId: string): ListPage<CupiRecord> {
    const rules = this.rulesOf(handlerId);
    const items = TRANSFER_OPTION_TYPES.map((type) => this.renderRule(rules.transferOptions.get(type)!));
    return { total: items.length, items };
  }

  getTransferOption(handlerId: string, name: string): CupiRecord {
    return this.renderRule(this.requireTransferOption(handlerId, name));
  }

  /** PUT …/transferoptions/{Standard|Off Hours|Alternate}, with the UsePrimaryExtension rules of the CUPI transfer-option page. */
  updateTransferOption(handlerId: string, name: string, input: CupiRecord): void {
    const current = this.requireTransferOption(handlerId, name);
    const type = current.TransferOptionType as TransferOptionType;
    const changes = normaliseFields('TransferOption', TRANSFER_OPTION_FIELDS, input);
    if ('TimeExpires' in changes) {
      if (type === 'Standard') {
        throw new CupiError(400, 'OPERATION_NOT_ALLOWED', 'The Standard transfer rule is always enabled; it cannot be disabled or given an expiry date.');
      }
      if (changes.TimeExpires === '') throw emptyExpiryError();
    }
    for (const required of ['Action', 'TransferType', 'TransferRings', 'RnaAction', 'UsePrimaryExtension'] as const) {
      if (changes[required] === '') throw badRequest(`${required} cannot be empty.`);
    }
    if (changes.UsePrimaryExtension === 'true' && 'Extension' in changes) {
      throw badRequest('Set either UsePrimaryExtension to true or an Extension, not both in the same request.');
    }
    if (changes.UsePrimaryExtension === 'false' && !changes.Extension) {
      throw badRequest('When UsePrimaryExtension is set to false, the new Extension must be given in the same request.');
    }
    const next = applyChanges(current, changes);
    if (changes.Extension && changes.UsePrimaryExtension === undefined) next.UsePrimaryExtension = 'false';
    if (next.UsePrimaryExtension === 'true') {
      delete next.Extension;
      if (!this.primaryExtensionOf(handlerId)) throw badRequest('This call handler has no extension of its own, so UsePrimaryExtension cannot be true.');
    }
    if (next.Action === '1' && next.UsePrimaryExtension !== 'true' && !next.Extension) {
      throw badRequest('A transfer rule that transfers to an extension (Action 1) needs an Extension.');
    }
    this.rulesOf(handlerId).transferOptions.set(type, next);
  }

  // ------------------------------------------------------------- internals

  private defineTemplates(): void {
    const userTemplates: UserTemplateDefinition[] = [
      { alias: 'voicemailusertemplate', displayName: 'Voice Mail User Template', cosObjectId: CUC_REFERENCE_IDS.voiceMailCos, hasMailbox: true },
      { alias: 'supervisortemplate', displayName: 'Contact Centre Supervisor Template', cosObjectId: CUC_REFERENCE_IDS.supervisorCos, hasMailbox: true },
      { alias: 'administratortemplate', displayName: 'Administrator Template', cosObjectId: CUC_REFERENCE_IDS.systemCos, hasMailbox: false },
    ];
    for (const definition of userTemplates) {
      const id = objectIdFor(`cuc:usertemplate:${definition.alias}`);
      this.userTemplates.set(definition.alias.toLowerCase(), {
        definition,
        record: {
          URI: `/vmrest/usertemplates/${id}`,
          ObjectId: id,
          Alias: definition.alias,
          DisplayName: definition.displayName,
          IsTemplate: 'true',
          CosObjectId: definition.cosObjectId,
          CosURI: `/vmrest/coses/${definition.cosObjectId}`,
          TimeZone: '35',
          UseDefaultTimeZone: 'true',
          Language: '1033',
          UseDefaultLanguage: 'true',
          LocationObjectId: CUC_REFERENCE_IDS.location,
          PartitionObjectId: CUC_REFERENCE_IDS.partition,
          MediaSwitchObjectId: CUC_REFERENCE_IDS.phoneSystem,
        },
      });
    }
    this.contactTemplates.push({
      URI: `/vmrest/contacttemplates/${CUC_REFERENCE_IDS.systemContactTemplate}`,
      ObjectId: CUC_REFERENCE_IDS.systemContactTemplate,
      Alias: 'systemcontacttemplate',
      DisplayName: 'System Contact Template',
    });
    this.callHandlerTemplates.push({
      URI: `/vmrest/callhandlertemplates/${CUC_REFERENCE_IDS.systemCallHandlerTemplate}`,
      ObjectId: CUC_REFERENCE_IDS.systemCallHandlerTemplate,
      DisplayName: 'System Call Handler Template',
      Language: '1033',
      TimeZone: '35',
      ScheduleSetObjectId: CUC_REFERENCE_IDS.weekdaysSchedule,
      MaxMsgLen: '300',
      AfterMessageAction: '1',
      // Filled in by seeding once the Undeliverable Messages list exists.
      RecipientDistributionListObjectId: '',
    });
  }

  /** Seeding hook: call handler templates send messages to this list. */
  setDefaultMessageRecipientList(listId: string): void {
    this.requireDistributionList(listId);
    for (const template of this.callHandlerTemplates) template.RecipientDistributionListObjectId = listId;
  }

  private requireUserTemplate(alias: string): { record: CupiRecord; definition: UserTemplateDefinition } {
    const template = this.userTemplates.get(alias.toLowerCase());
    if (!template) throw badRequest(`No user template with alias "${alias}"; see /vmrest/usertemplates.`);
    return template;
  }

  private buildUser(
    id: string,
    fields: CupiRecord,
    template: { record: CupiRecord; definition: UserTemplateDefinition },
    createdAt: number,
  ): CupiRecord {
    const t = template.record;
    const handlerId = template.definition.hasMailbox ? objectIdFor(`cuc:primaryhandler:${id}`) : undefined;
    const cos = fields.CosObjectId || t.CosObjectId!;
    return dropEmpty({
      URI: `/vmrest/users/${id}`,
      ObjectId: id,
      Alias: fields.Alias!,
      DisplayName: fields.DisplayName || joinName(fields.FirstName, fields.LastName) || fields.Alias!,
      FirstName: fields.FirstName,
      LastName: fields.LastName,
      Initials: fields.Initials,
      Title: fields.Title,
      Department: fields.Department,
      EmployeeId: fields.EmployeeId,
      SmtpAddress: fields.SmtpAddress || `${fields.Alias!.replace(/[^\w.-]/g, '')}@example.com`,
      DtmfAccessId: fields.DtmfAccessId,
      TimeZone: fields.TimeZone || t.TimeZone,
      UseDefaultTimeZone: fields.UseDefaultTimeZone || (fields.TimeZone ? 'false' : t.UseDefaultTimeZone),
      Language: fields.Language || t.Language,
      UseDefaultLanguage: fields.UseDefaultLanguage || t.UseDefaultLanguage,
      Inactive: 'false',
      ListInDirectory: fields.ListInDirectory || 'true',
      IsVmEnrolled: fields.IsVmEnrolled || 'false',
      IsTemplate: 'false',
      CreationTime: formatIsoSeconds(createdAt),
      CosObjectId: cos,
      CosURI: `/vmrest/coses/${cos}`,
      LocationObjectId: CUC_REFERENCE_IDS.location,
      LocationURI: `/vmrest/locations/connectionlocations/${CUC_REFERENCE_IDS.location}`,
      PartitionObjectId: CUC_REFERENCE_IDS.partition,
      MediaSwitchObjectId: CUC_REFERENCE_IDS.phoneSystem,
      PhoneSystemURI: `/vmrest/phonesystems/${CUC_REFERENCE_IDS.phoneSystem}`,
      CallHandlerObjectId: handlerId,
      CallhandlerURI: handlerId && `/vmrest/handlers/callhandlers/${handlerId}`,
    });
  }

  private registerUserSideObjects(user: CupiRecord): void {
    if (user.DtmfAccessId) this.extensions.set(user.DtmfAccessId, { kind: 'user', id: user.ObjectId! });
    if (user.CallHandlerObjectId) this.primaryHandlerOwners.set(user.CallHandlerObjectId, user.ObjectId!);
  }

  private requireUser(id: string): CupiRecord {
    const user = this.users.get(id.toLowerCase());
    if (!user) throw notFound(`No user with ObjectId ${id}.`);
    return user;
  }

  private requireContact(id: string): CupiRecord {
    const contact = this.contacts.get(id.toLowerCase());
    if (!contact) throw notFound(`No contact with ObjectId ${id}.`);
    return contact;
  }

  private requireDistributionList(id: string): CupiRecord {
    const list = this.distributionLists.get(id.toLowerCase());
    if (!list) throw notFound(`No distribution list with ObjectId ${id}.`);
    return list;
  }

  /** A system handler, or a user's primary handler (materialised on first use). */
  private requireHandler(id: string): CupiRecord {
    const key = id.toLowerCase();
    const system = this.callHandlers.get(key);
    if (system) return system;
    const materialised = this.primaryHandlers.get(key);
    if (materialised) return materialised;
    const ownerId = this.primaryHandlerOwners.get(key);
    if (!ownerId) throw notFound(`No call handler with ObjectId ${id}.`);
    const owner = this.users.get(ownerId)!;
    const handler: CupiRecord = {
      URI: `/vmrest/handlers/callhandlers/${key}`,
      ObjectId: key,
      CreationTime: owner.CreationTime!,
      DisplayName: owner.DisplayName!,
      Language: owner.Language!,
      UseDefaultLanguage: owner.UseDefaultLanguage!,
      TimeZone: owner.TimeZone!,
      UseDefaultTimeZone: owner.UseDefaultTimeZone!,
      Undeletable: 'false',
      IsPrimary: 'true',
      IsTemplate: 'false',
      EditMsg: 'true',
      OneKeyDelay: '1500',
      ScheduleSetObjectId: CUC_REFERENCE_IDS.weekdaysSchedule,
      SendUrgentMsg: '0',
      MaxMsgLen: '300',
      AfterMessageAction: '1',
      RecipientSubscriberObjectId: ownerId,
      LocationObjectId: CUC_REFERENCE_IDS.location,
      PartitionObjectId: CUC_REFERENCE_IDS.partition,
      MediaSwitchObjectId: CUC_REFERENCE_IDS.phoneSystem,
    };
    this.primaryHandlers.set(key, handler);
    this.handlerRules.set(key, defaultHandlerRules(key, { isPrimary: true }));
    return handler;
  }

  /** Apply handler changes and check the references they make. */
  private checkedHandler(current: CupiRecord, changes: CupiRecord): CupiRecord {
    for (const required of ['ScheduleSetObjectId', 'Language', 'TimeZone', 'MaxMsgLen'] as const) {
      if (changes[required] === '') throw badRequest(`${required} cannot be empty.`);
    }
    const next = applyChanges(current, changes);
    if (changes.ScheduleSetObjectId) this.assertKnown(SCHEDULE_SET_IDS, changes.ScheduleSetObjectId, 'schedule set');
    if (changes.RecipientSubscriberObjectId) {
      this.requireUser(changes.RecipientSubscriberObjectId);
      delete next.RecipientDistributionListObjectId;
    } else if (changes.RecipientDistributionListObjectId) {
      this.requireDistributionList(changes.RecipientDistributionListObjectId);
      delete next.RecipientSubscriberObjectId;
    }
    if (!next.RecipientSubscriberObjectId && !next.RecipientDistributionListObjectId) {
      throw badRequest('A call handler needs a message recipient (RecipientSubscriberObjectId or RecipientDistributionListObjectId).');
    }
    return next;
  }

  private renderHandler(handler: CupiRecord): CupiRecord {
    const id = handler.ObjectId!;
    const out: CupiRecord = { ...handler };
    if (handler.IsPrimary === 'true') {
      const owner = this.users.get(handler.RecipientSubscriberObjectId!);
      if (owner?.DtmfAccessId) out.DtmfAccessId = owner.DtmfAccessId;
    }
    out.ScheduleSetURI = `/vmrest/schedulesets/${handler.ScheduleSetObjectId}`;
    if (handler.RecipientSubscriberObjectId) out.RecipientUserURI = `/vmrest/users/${handler.RecipientSubscriberObjectId}`;
    if (handler.RecipientDistributionListObjectId) {
      out.RecipientDistributionListURI = `/vmrest/distributionlists/${handler.RecipientDistributionListObjectId}`;
    }
    out.LocationURI = `/vmrest/locations/connectionlocations/${handler.LocationObjectId}`;
    out.PhoneSystemURI = `/vmrest/phonesystems/${handler.MediaSwitchObjectId}`;
    out.GreetingsURI = `/vmrest/handlers/callhandlers/${id}/greetings`;
    out.TransferOptionsURI = `/vmrest/handlers/callhandlers/${id}/transferoptions`;
    out.MenuEntriesURI = `/vmrest/handlers/callhandlers/${id}/menuentries`;
    return out;
  }

  private rulesOf(handlerId: string): HandlerRules {
    const handler = this.requireHandler(handlerId);
    return this.handlerRules.get(handler.ObjectId!)!;
  }

  private requireGreeting(handlerId: string, name: string): CupiRecord {
    const type = CucStore.greetingTypeOf(name);
    const rules = this.rulesOf(handlerId);
    if (!type) throw notFound(`No greeting "${name}"; greetings are ${GREETING_TYPES.join(', ')}.`);
    return rules.greetings.get(type)!;
  }

  private requireTransferOption(handlerId: string, name: string): CupiRecord {
    const rules = this.rulesOf(handlerId);
    if (!(TRANSFER_OPTION_TYPES as readonly string[]).includes(name)) {
      throw notFound(`No transfer option "${name}"; transfer options are ${TRANSFER_OPTION_TYPES.join(', ')}.`);
    }
    return rules.transferOptions.get(name as TransferOptionType)!;
  }

  /** The extension "UsePrimaryExtension" stands for: the owner's, or the handler's own DtmfAccessId. */
  private primaryExtensionOf(handlerId: string): string | undefined {
    return this.getCallHandler(handlerId).DtmfAccessId;
  }

  /** Greetings and transfer options with the derived Enabled (computed now, so expiry passes by itself). */
  private renderRule(rule: CupiRecord): CupiRecord {
    const out: CupiRecord = { ...rule };
    if (rule.UsePrimaryExtension === 'true') {
      const extension = this.primaryExtensionOf(rule.CallHandlerObjectId!);
      if (extension) out.Extension = extension;
    }
    const expires = rule.TimeExpires === undefined ? null : parseCupiTime(rule.TimeExpires);
    out.Enabled = expires === null || expires > this.now() ? 'true' : 'false';
    return out;
  }

  private renderMember(listId: string, memberId: string, link: MemberLink): CupiRecord {
    const target =
      link.kind === 'User' ? this.users.get(link.targetId) : link.kind === 'Contact' ? this.contacts.get(link.targetId) : this.distributionLists.get(link.targetId);
    return dropEmpty({
      URI: `/vmrest/distributionlists/${listId}/distributionlistmembers/${memberId}`,
      ObjectId: memberId,
      DistributionListObjectId: listId,
      [`Member${link.kind}ObjectId`]: link.targetId,
      Alias: target?.Alias,
      DisplayName: target?.DisplayName,
      Extension: target?.DtmfAccessId,
    });
  }

  /** Does list `outer` contain list `inner`, directly or through nested lists? */
  private listContains(outer: string, inner: string, seen = new Set<string>()): boolean {
    if (seen.has(outer)) return false;
    seen.add(outer);
    for (const link of this.members.get(outer)?.values() ?? []) {
      if (link.kind !== 'DistributionList') continue;
      if (link.targetId === inner || this.listContains(link.targetId, inner, seen)) return true;
    }
    return false;
  }

  private removeMembershipsOf(targetId: string): void {
    for (const listMembers of this.members.values()) {
      for (const [memberId, link] of listMembers) if (link.targetId === targetId) listMembers.delete(memberId);
    }
  }

  private credentialState(userId: string, kind: CredentialKind): CredentialState {
    let perUser = this.credentials.get(userId);
    if (!perUser) this.credentials.set(userId, (perUser = {}));
    let state = perUser[kind];
    if (!state) {
      state = newCredentialState(kind === 'pin' ? CUC_REFERENCE_IDS.pinPolicy : CUC_REFERENCE_IDS.passwordPolicy);
      perUser[kind] = state;
    }
    return state;
  }

  private setHackCount(state: CredentialState, count: number, now: number): void {
    state.hackCount = count;
    if (count === 0) {
      state.timeLockout = null;
    } else if (count >= this.policy.lockoutThreshold && state.timeLockout === null) {
      state.timeLockout = now;
      state.timeLastHack ??= now;
    }
  }

  private renderCredential(user: CupiRecord, kind: CredentialKind, state: CredentialState): CupiRecord {
    const id = user.ObjectId!;
    const time = (ms: number | null) => (ms === null ? undefined : formatCupiTime(ms));
    return dropEmpty({
      URI: `/vmrest/users/${id}/credential/${kind}`,
      UserObjectId: id,
      CredentialType: kind === 'pin' ? '4' : '3',
      IsPrimary: 'false',
      CantChange: String(state.cantChange),
      DoesntExpire: String(state.doesntExpire),
      TimeChanged: time(state.timeChanged),
      HackCount: String(state.hackCount),
      Locked: String(state.locked),
      TimeLastHack: time(state.timeLastHack),
      TimeLockout: time(state.timeLockout),
      Alias: user.Alias,
      CredMustChange: String(state.credMustChange),
      CredentialPolicyObjectId: state.credentialPolicyObjectId,
      Hacked: String(state.hackCount >= this.policy.lockoutThreshold),
      ObjectId: objectIdFor(`cuc:credential:${id}:${kind}`),
      EncryptionType: '3',
    });
  }

  private assertAliasFree(collection: IndexedCollection, what: string, alias: string): void {
    if (collection.findBy('Alias', alias)) throw badRequest(`Alias ${alias} is already used by another ${what}.`, 'DUPLICATE_OBJECT');
  }

  private assertExtensionFree(extension: string): void {
    const owner = this.extensions.get(extension);
    if (owner) throw badRequest(`DtmfAccessId ${extension} is already in use by a ${owner.kind}.`, 'DUPLICATE_OBJECT');
  }

  private moveExtension(previous: string | undefined, next: string | undefined, owner: ExtensionOwner): void {
    if (previous === next) return;
    if (previous) this.extensions.delete(previous);
    if (next) this.extensions.set(next, owner);
  }

  private assertKnown(known: readonly string[], id: string, what: string): void {
    if (!known.includes(id.toLowerCase())) throw badRequest(`No ${what} with ObjectId ${id}.`);
  }
}

function emptyExpiryError(): CupiError {
  return badRequest(
    'TimeExpires cannot be set to empty (null) through CUPI. To enable until further notice use a far-future date; to disable use a date in the past (GMT, e.g. 1972-01-01 00:00:00.0).',
  );
}

function defaultHandlerRules(handlerId: string, { isPrimary }: { isPrimary: boolean }): HandlerRules {
  const handlerUri = `/vmrest/handlers/callhandlers/${handlerId}`;
  const greetings = new Map<GreetingType, CupiRecord>();
  for (const type of GREETING_TYPES) {
    greetings.set(
      type,
      dropEmpty({
        URI: `${handlerUri}/greetings/${encodeURIComponent(type)}`,
        CallHandlerObjectId: handlerId,
        CallhandlerURI: handlerUri,
        GreetingType: type,
        TimeExpires: ALWAYS_ENABLED_GREETINGS.includes(type) ? undefined : LONG_AGO,
        // Cisco's defaults: a call handler plays its recording, a user's handler the system greeting.
        PlayWhat: isPrimary || type === 'Error' ? '0' : '1',
        PlayRecordMessagePrompt: 'true',
        IgnoreDigits: 'false',
        EnableTransfer: 'false',
        RepromptDelay: '2',
        Reprompts: '0',
        AfterGreetingAction: type === 'Error' ? '6' : '4',
      }),
    );
  }
  const transferOptions = new Map<TransferOptionType, CupiRecord>();
  for (const type of TRANSFER_OPTION_TYPES) {
    transferOptions.set(
      type,
      dropEmpty({
        URI: `${handlerUri}/transferoptions/${encodeURIComponent(type)}`,
        CallHandlerObjectId: handlerId,
        CallhandlerURI: handlerUri,
        TransferOptionType: type,
        // A user's handler rings the user's phone; a system handler goes straight to its greeting.
        Action: isPrimary ? '1' : '0',
        TransferType: '0',
        TransferRings: '4',
        RnaAction: '1',
        TimeExpires: type === 'Standard' ? undefined : LONG_AGO,
        TransferAnnounce: 'false',
        TransferConfirm: 'false',
        TransferDtDetect: 'false',
        TransferHoldingMode: '0',
        TransferIntroduce: 'false',
        TransferScreening: 'false',
        PlayTransferPrompt: 'true',
        UsePrimaryExtension: isPrimary ? 'true' : 'false',
        PersonalCallTransfer: 'false',
        MediaSwitchObjectId: CUC_REFERENCE_IDS.phoneSystem,
      }),
    );
  }
  return { greetings, transferOptions };
}

/** Absent or empty fields are null in CUPI: leave them out of the record. */
function dropEmpty(fields: Record<string, string | undefined>): CupiRecord {
  const out: CupiRecord = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') out[name] = value;
  return out;
}

function joinName(first: string | undefined, last: string | undefined): string {
  return [first, last].filter(Boolean).join(' ');
}

function copyPage(page: ListPage<CupiRecord>): ListPage<CupiRecord> {
  return { total: page.total, items: page.items.map((r) => ({ ...r })) };
}

/** Column name (lower case, from a query) → field name, for the small lists. */
function columnField(column: string): string {
  return { alias: 'Alias', displayname: 'DisplayName' }[column] ?? column;
}

export type { CredentialKind, CredentialPolicy, ListRequest };

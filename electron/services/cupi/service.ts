import { cupiValueWords, plainText } from '../../../shared/domain/glossary';
import { EventEmitter } from 'node:events';
import type { FieldMap, PendingChange } from '../../../shared/domain/changes';
import { sameFields } from '../../../shared/domain/changes';
import {
  GREETING_LABELS,
  type CallHandlerView,
  type CredentialKind,
  type CupiCredentialView,
  type CupiFields,
  type CupiMemberType,
  type CupiObjectType,
  type CupiObjectView,
  type CupiPage,
  type CupiQueryOperator,
  type CupiSource,
  type CupiNodeState,
  type CupiState,
  type CupiWriteOutcome,
  type DistributionListView,
  type GreetingName,
  type TransferRuleName,
  type UserView,
} from '../../../shared/domain/cupi';
import { CUPI_FIELD_LABELS, CUPI_TYPE_NAMES, EDITABLE_FIELDS, GREETING_FIELDS, TRANSFER_RULE_FIELDS, cupiObjectLabel, validateCupiFields, validateTransferRuleFields } from '../../../shared/domain/cupi-fields';
import { ConsoleError, refuseInvalid } from '../../../shared/ipc/result';
import type { MainMessage } from '../../../shared/domain/main-message';
import { describeNode, isAnswering, seconds, type MainSentence, type NodeCondition, type ServerState } from '../../../shared/domain/status';
import type { ActiveSite } from '../site/site-manager';
import type { JournalHub } from '../journal/hub';
import type { ConfigCache } from '../cache/config-cache';
import type { Logger } from '../log/logger';
import { registerSecret } from '../log/logger';
import type { ChangeApplier, WriteJournal } from '../journal/journal';
import {
  collectionItemKey,
  collectionPath,
  CUPI_SYSTEM,
  CupiChangeApplier,
  greetingPath,
  membersPath,
  objectPath,
  toFieldMap,
  transferRulePath,
  type CupiChangeSpec,
} from './change-applier';
import { CupiClient, isNodeFailure, PublisherUnreachableError, type CupiClientOptions, type CupiNode } from './client';
import { cupiBool, cupiInt } from './json';

export interface CupiServiceOptions {
  /** How to reach the publisher and subscriber (the service builds its client from this). */
  client: CupiClientOptions;
  cache: ConfigCache | null;
  log: Logger;
  /** The account writes are made as (for the journal and the audit log). */
  user: string;
  profile: string;
  /** The profile's write-behind journal and audit log. */
  hub: JournalHub;
  /** How long a save waits for the journal to apply it before answering "queued" (default 8 s). */
  settleTimeoutMs?: number;
  /** Probe period of both nodes while the publisher cannot take writes and while it can (both default 5 s, like UCCX's isDBMaster poll). */
  probeDownMs?: number;
  probeUpMs?: number;
  now?: () => number;
}

export interface SearchRequest {
  type: CupiObjectType;
  column?: string;
  operator?: CupiQueryOperator;
  text?: string;
  page?: number;
  pageSize?: number;
}

const CACHE_AREA = 'cupi';

/** A field value in words (dates local, sentinels as "Off" / "No end date", flags "Yes" / "No"). */
function describeValue(field: string, value: FieldMap[string] | undefined): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : cupiValueWords(field, value);
}

export function summarise(base: FieldMap, mine: FieldMap): string {
  return Object.keys(mine)
    .map((field) => `${CUPI_FIELD_LABELS[field] ?? plainText('cupi-field', field)}: ${describeValue(field, base[field])} → ${describeValue(field, mine[field])}`)
    .join('; ');
}

/** The state while the active profile has no Unity Connection. */
export const CUPI_OFF: CupiState = { configured: false, readOnly: true, readsFrom: null, busy: null, detail: 'Unity Connection is not configured in this profile.', nodes: [] };

/** How the status bar shows a Unity Connection state: writable through a slow publisher is "limited", like UCCX. */
export function cupiServerState(state: CupiState): ServerState {
  if (!state.configured) return 'off';
  if (state.busy) return 'degraded';
  if (!state.readOnly) {
    const publisher = state.nodes.find((node) => node.node === 'publisher')?.condition.kind;
    return publisher === 'checking' ? 'connecting' : publisher === 'slow' ? 'degraded' : 'ok';
  }
  return state.readsFrom === 'subscriber' ? 'degraded' : 'down';
}

/**
 * Everything the Unity Connection editors do, for one active site: reads
 * (publisher, subscriber when the publisher is unreachable, the offline cache
 * when neither answers), writes through the durable journal with conflict
 * checks, credential resets (never queued: see resetCredential), and the
 * connection state, reported as a 'state' event like every site service.
 */
export class CupiService extends EventEmitter<{ state: [CupiState]; nodes: [CupiNodeState[]] }> {
  readonly client: CupiClient;
  private readonly applier: CupiChangeApplier;
  private unregister: (() => void) | null = null;
  private busyMessage: string | null = null;
  private busySaid: MainMessage | undefined;
  private lastSource: CupiSource | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;
  private lastStateKey = '';

  constructor(private readonly deps: CupiServiceOptions) {
    super();
    this.client = new CupiClient(deps.client);
    this.applier = new CupiChangeApplier(this.client);
    this.now = deps.now ?? Date.now;
    this.client.on('busy', (message, said) => this.setBusy(message, said));
    this.client.on('publisher', (reachable, reason) => this.publisherChanged(reachable, reason));
    this.client.on('nodes', (nodes) => {
      if (this.stopped) return;
      this.emit('nodes', nodes);
      this.emitState();
    });
  }

  /** The service for a site whose profile configures Unity Connection, else null. */
  static forSite(site: ActiveSite, hub: JournalHub, overrides: Partial<Omit<CupiServiceOptions, 'client'>> & { client?: Partial<CupiClientOptions> } = {}): CupiService | null {
    const cupi = site.profile.cupi;
    if (!cupi?.publisher) return null;
    const { client, ...rest } = overrides;
    return new CupiService({
      client: { http: site.http, publisher: cupi.publisher, subscriber: cupi.subscriber, publisherLabel: cupi.publisherLabel, subscriberLabel: cupi.subscriberLabel, username: cupi.username, password: site.secrets.cupiPassword ?? '', ...client },
      cache: site.cache,
      log: site.log.child('cupi'),
      user: cupi.username,
      profile: site.profile.name,
      hub,
      ...rest,
    });
  }

  // ------------------------------------------------------------ lifecycle

  /** Register the journal applier, then probe both nodes now and periodically; the journal is woken when the publisher comes back. */
  start(): void {
    this.unregister = this.deps.hub.registerApplier(CUPI_SYSTEM, this.journalApplier());
    this.deps.hub.on('changed', this.onJournalChanged);
    this.emitState();
    this.probe();
  }

  stop(): void {
    this.stopped = true;
    this.client.stop();
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    this.deps.hub.off('changed', this.onJournalChanged);
    this.unregister?.();
    this.unregister = null;
  }

  /** The waiting count in the state follows the journal. */
  private readonly onJournalChanged = (change: PendingChange | null): void => {
    if (!change || change.ref.system === CUPI_SYSTEM) this.emitState();
  };

  /** The journal applier for system "cupi" (register it with journal.registerApplier). */
  journalApplier(): ChangeApplier<FieldMap> {
    return {
      read: (change: PendingChange) => this.applier.read(change.ref),
      fieldsOf: (fields: FieldMap) => fields,
      apply: async (change: PendingChange) => {
        await this.applier.apply(change);
      },
      pausedReason: () =>
        this.client.publisherReachable ? null : `The Unity Connection publisher is ${this.client.publisherFailure ?? 'unreachable'}; changes wait until it is back.`,
      concurrency: 1,
    };
  }

  /**
   * Probe the publisher and the subscriber (each with its adaptive timeout),
   * then again after probeUpMs, or probeDownMs while the publisher cannot take
   * writes. A fixed rhythm: a node whose probe still waits (hung: up to 10 s)
   * does not hold back the other's.
   */
  private probe(): void {
    if (this.stopped) return;
    void this.client.probe('publisher');
    if (this.client.hasSubscriber) void this.client.probe('subscriber');
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.stopped) return;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    const delay = this.client.publisherReachable ? (this.deps.probeUpMs ?? 5_000) : (this.deps.probeDownMs ?? 5_000);
    this.probeTimer = setTimeout(() => this.probe(), delay);
    this.probeTimer.unref?.();
  }

  setBusy(message: string | null, said?: MainMessage): void {
    if (this.busyMessage === message) return;
    this.busyMessage = message;
    this.busySaid = message ? said : undefined;
    this.emitState();
  }

  publisherChanged(reachable: boolean, reason: string | null = null): void {
    if (reachable) {
      this.lastSource = 'publisher';
      this.deps.hub.wake(CUPI_SYSTEM);
    } else {
      this.deps.log.warn(`Unity Connection publisher cannot take writes: ${reason ?? 'unreachable'}`);
    }
    this.scheduleProbe();
    this.emitState();
  }

  state(): CupiState {
    const client = this.client;
    const nodes = client.nodeStates();
    const waiting = this.deps.hub.journal?.counts(CUPI_SYSTEM).waiting ?? 0;
    const base = { configured: true as const, nodes };
    if (this.busyMessage) {
      const said = this.busySaid ? { busyMessage: this.busySaid, detailMessage: this.busySaid } : {};
      return { ...base, readOnly: !client.publisherReachable, readsFrom: this.lastSource, busy: this.busyMessage, detail: this.busyMessage, ...said };
    }
    return { ...base, busy: null, ...describeCupi(nodes, client.publisherReachable, waiting) };
  }

  /** Tell listeners when what the state says changed (probes run every few seconds; most change nothing). */
  emitState(): void {
    if (this.stopped) return;
    const state = this.state();
    const key = JSON.stringify([state.readOnly, state.readsFrom, state.busy, state.detail, cupiServerState(state)]);
    if (key === this.lastStateKey) return;
    this.lastStateKey = key;
    this.emit('state', state);
  }

  // ------------------------------------------------------------ reads

  private noteSource(node: CupiNode): CupiSource {
    this.lastSource = node;
    return node;
  }

  /** Run a read; when no node answers, fall back to the cached copy (or rethrow when there is none). */
  private async readThrough<T extends { source: CupiSource; fetchedAt: number }>(cacheKey: string | null, read: () => Promise<T>): Promise<T> {
    try {
      const value = await read();
      if (cacheKey && this.deps.cache) {
        const cache = this.deps.cache;
        // After the answer: the cache file write must not delay the screen.
        setImmediate(() => {
          try {
            cache.put(CACHE_AREA, cacheKey, value, value.fetchedAt);
          } catch (error) {
            this.deps.log.warn('could not cache a Unity Connection read', error);
          }
        });
      }
      return value;
    } catch (error) {
      if (!isNodeFailure(error) || !cacheKey || !this.deps.cache) throw error;
      const cached = this.deps.cache.get<T>(CACHE_AREA, cacheKey);
      if (!cached) {
        throw new ConsoleError('unavailable', `Unity Connection cannot be reached (${error.message}) and there is no saved copy of this view.`, undefined, {
          id: 'errors.cupi.unreachableNoCopy',
          values: { reason: error.message },
          ...(error.said ? { sentences: { reason: error.said } } : {}),
        });
      }
      this.emitState();
      return { ...cached.value, source: 'cache', fetchedAt: cached.fetchedAt };
    }
  }

  /** Server-side search with CUPI's one-column query (startswith / is) and 1-based paging. */
  async search(request: SearchRequest): Promise<CupiPage> {
    const page = Math.max(1, request.page ?? 1);
    const pageSize = Math.min(500, Math.max(1, request.pageSize ?? 100));
    const text = (request.text ?? '').trim();
    const column = request.column ?? (request.type === 'callhandler' ? 'DisplayName' : 'Alias');
    const query: Record<string, string | number | undefined> = { rowsPerPage: pageSize, pageNumber: page };
    if (text) {
      query.query = `(${column} ${request.operator ?? 'startswith'} ${text})`;
      // CUPI: when both are given the sort column must be the query column.
      query.sort = `(${column} asc)`;
    }
    // Only the unfiltered first pages are kept offline: enough to browse, small enough to write quickly.
    const cacheKey = !text && page <= 3 ? `${request.type}:list:${pageSize}:${page}` : null;
    return this.readThrough(cacheKey, async () => {
      const response = await this.client.list(collectionPath(request.type), collectionItemKey(request.type), query);
      return {
        total: response.value.total,
        page,
        pageSize,
        items: response.value.items,
        source: this.noteSource(response.node),
        fetchedAt: this.now(),
      };
    });
  }

  async get(type: CupiObjectType, objectId: string): Promise<CupiObjectView> {
    return this.readThrough(`${type}:${objectId}`, async () => {
      const response = await this.client.get(objectPath(type, objectId));
      return { type, fields: response.value, source: this.noteSource(response.node), fetchedAt: this.now() };
    });
  }

  async getUser(objectId: string): Promise<UserView> {
    return this.readThrough(`user:${objectId}:full`, async () => {
      const [user, pin, password] = await Promise.all([
        this.client.get(objectPath('user', objectId)),
        this.readCredential(objectId, 'pin'),
        this.readCredential(objectId, 'password'),
      ]);
      return { type: 'user' as const, fields: user.value, pin, password, source: this.noteSource(user.node), fetchedAt: this.now() };
    });
  }

  private async readCredential(userId: string, kind: CredentialKind): Promise<CupiCredentialView | null> {
    try {
      const response = await this.client.get(`${objectPath('user', userId)}/credential/${kind}`);
      return credentialView(kind, response.value);
    } catch (error) {
      if (isNodeFailure(error)) throw error;
      // An account without a mailbox has no PIN; show the rest of the user anyway.
      return null;
    }
  }

  async getCallHandler(objectId: string): Promise<CallHandlerView> {
    return this.readThrough(`callhandler:${objectId}:full`, async () => {
      const base = `${objectPath('callhandler', objectId)}`;
      const [handler, greetings, rules] = await Promise.all([
        this.client.get(base),
        this.client.list(`${base}/greetings`, 'Greeting'),
        this.client.list(`${base}/transferoptions`, 'TransferOption'),
      ]);
      return {
        type: 'callhandler' as const,
        fields: handler.value,
        greetings: greetings.value.items,
        transferRules: rules.value.items,
        source: this.noteSource(handler.node),
        fetchedAt: this.now(),
      };
    });
  }

  async getDistributionList(objectId: string): Promise<DistributionListView> {
    return this.readThrough(`distributionlist:${objectId}:full`, async () => {
      const [list, members] = await Promise.all([
        this.client.get(objectPath('distributionlist', objectId)),
        this.client.list(membersPath(objectId), 'DistributionListMember', { rowsPerPage: 2000, pageNumber: 1 }),
      ]);
      return {
        type: 'distributionlist' as const,
        fields: list.value,
        members: members.value.items,
        source: this.noteSource(list.node),
        fetchedAt: this.now(),
      };
    });
  }

  async userTemplates(): Promise<CupiFields[]> {
    const response = await this.readThrough('usertemplates', async () => {
      const list = await this.client.list('/vmrest/usertemplates', 'UserTemplate', { rowsPerPage: 500, pageNumber: 1 });
      return { items: list.value.items, source: this.noteSource(list.node), fetchedAt: this.now() };
    });
    return response.items;
  }

  // ------------------------------------------------------------ writes

  private checkFields(type: CupiObjectType, fields: Record<string, string>): void {
    const allowed = EDITABLE_FIELDS[type];
    const unknown = Object.keys(fields).filter((f) => !allowed.includes(f));
    if (unknown.length) throw new ConsoleError('invalid_payload', `These ${CUPI_TYPE_NAMES[type].toLowerCase()} fields cannot be edited here: ${unknown.join(', ')}.`);
    // The form's own rules, as the editor checks them: nothing invalid is queued.
    refuseInvalid(`The ${CUPI_TYPE_NAMES[type].toLowerCase()}`, validateCupiFields(type, fields));
  }

  async update(type: CupiObjectType, objectId: string, label: string, base: CupiFields, changes: CupiFields): Promise<CupiWriteOutcome> {
    this.checkFields(type, changes);
    if (Object.keys(changes).length === 0) throw new ConsoleError('invalid_payload', 'Nothing was changed.', undefined, { id: 'errors.cupi.nothingChanged' });
    const fields = Object.keys(changes);
    const baseMap = toFieldMap(base, fields);
    const mine = toFieldMap(changes, fields);
    return this.submit({
      ref: { system: CUPI_SYSTEM, type, id: objectId },
      operation: 'update',
      label,
      summary: summarise(baseMap, mine),
      fieldLabels: pickLabels(fields),
      base: baseMap,
      mine,
    });
  }

  async create(type: CupiObjectType, fields: CupiFields, template?: string): Promise<CupiWriteOutcome> {
    this.checkFields(type, fields);
    const naturalKey = type === 'callhandler' ? fields.DisplayName : fields.Alias;
    if (!naturalKey?.trim()) {
      throw type === 'callhandler'
        ? new ConsoleError('invalid_payload', 'A call handler needs a display name.', undefined, { id: 'errors.cupi.displayNameRequired' })
        : new ConsoleError('invalid_payload', 'An alias is required.', undefined, { id: 'errors.cupi.aliasRequired' });
    }
    const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''));
    const mine = toFieldMap(present);
    return this.submit({
      ref: { system: CUPI_SYSTEM, type, id: naturalKey.trim() },
      operation: 'create',
      label: `New ${cupiObjectLabel(type, present).replace(/^./, (c) => c.toLowerCase())}`,
      summary: summarise({}, mine),
      fieldLabels: pickLabels(Object.keys(mine)),
      base: {},
      mine,
      payload: template ? { template } : undefined,
    });
  }

  async remove(type: CupiObjectType, objectId: string, label: string, base: CupiFields): Promise<CupiWriteOutcome> {
    // The conflict check compares what the user saw with what the server holds: alias/name and extension.
    const keys = ['Alias', 'DisplayName', 'DtmfAccessId'].filter((k) => k in base);
    return this.submit({
      ref: { system: CUPI_SYSTEM, type, id: objectId },
      operation: 'delete',
      label,
      summary: `Delete ${label}`,
      fieldLabels: pickLabels(keys),
      base: toFieldMap(base, keys),
      mine: {},
    });
  }

  async updateGreeting(handlerId: string, handlerName: string, greeting: GreetingName, base: CupiFields, changes: CupiFields): Promise<CupiWriteOutcome> {
    const unknown = Object.keys(changes).filter((f) => !(GREETING_FIELDS as readonly string[]).includes(f));
    if (unknown.length) throw new ConsoleError('invalid_payload', `These greeting fields cannot be edited here: ${unknown.join(', ')}.`);
    const fields = Object.keys(changes);
    const baseMap = toFieldMap(base, fields);
    const mine = toFieldMap(changes, fields);
    return this.submit({
      ref: { system: CUPI_SYSTEM, type: 'greeting', id: `${handlerId}/${greeting}` },
      operation: 'update',
      label: `${GREETING_LABELS[greeting]} greeting of ${handlerName}`,
      summary: summarise(baseMap, mine),
      fieldLabels: pickLabels(fields),
      base: baseMap,
      mine,
      payload: { parentLabel: handlerName },
    });
  }

  async updateTransferRule(handlerId: string, handlerName: string, rule: TransferRuleName, base: CupiFields, changes: CupiFields): Promise<CupiWriteOutcome> {
    const unknown = Object.keys(changes).filter((f) => !(TRANSFER_RULE_FIELDS as readonly string[]).includes(f));
    if (unknown.length) throw new ConsoleError('invalid_payload', `These transfer rule fields cannot be edited here: ${unknown.join(', ')}.`);
    // The editor's own rules (switches true/false, type 0/1, rings 2–20): nothing Unity Connection would refuse is queued.
    refuseInvalid('The transfer rule', validateTransferRuleFields(changes));
    const fields = Object.keys(changes);
    const baseMap = toFieldMap(base, fields);
    const mine = toFieldMap(changes, fields);
    return this.submit({
      ref: { system: CUPI_SYSTEM, type: 'transferrule', id: `${handlerId}/${rule}` },
      operation: 'update',
      label: `${rule === 'Off Hours' ? 'Closed (Off Hours)' : rule} transfer rule of ${handlerName}`,
      summary: summarise(baseMap, mine),
      fieldLabels: pickLabels(fields),
      base: baseMap,
      mine,
      payload: { parentLabel: handlerName },
    });
  }

  async addMember(listId: string, listName: string, memberType: CupiMemberType, memberId: string, memberName: string): Promise<CupiWriteOutcome> {
    return this.submit({
      ref: { system: CUPI_SYSTEM, type: 'listmember', id: `${listId}/${memberId.toLowerCase()}` },
      operation: 'create',
      label: `${memberName} in list ${listName}`,
      summary: `Add ${memberName} to ${listName}`,
      fieldLabels: { member: 'Member' },
      valueNames: { member: { [memberId.toLowerCase()]: memberName } },
      base: {},
      mine: { member: memberId.toLowerCase() },
      payload: { memberType, parentLabel: listName },
    });
  }

  async removeMember(listId: string, listName: string, memberId: string, memberName: string): Promise<CupiWriteOutcome> {
    return this.submit({
      ref: { system: CUPI_SYSTEM, type: 'listmember', id: `${listId}/${memberId.toLowerCase()}` },
      operation: 'delete',
      label: `${memberName} in list ${listName}`,
      summary: `Remove ${memberName} from ${listName}`,
      fieldLabels: { member: 'Member' },
      valueNames: { member: { [memberId.toLowerCase()]: memberName } },
      base: { member: memberId.toLowerCase() },
      mine: {},
      payload: { parentLabel: listName },
    });
  }

  /**
   * Every write goes here. With the journal: made durable, then applied in
   * the background; we wait a little so the usual case answers "applied" (or
   * the server's refusal) at once. Without it: applied now, with the same
   * conflict check, or refused while the publisher is unreachable.
   */
  async submit(spec: CupiChangeSpec): Promise<CupiWriteOutcome> {
    const journal = this.deps.hub.require();
    const change = journal.enqueue({
      ref: spec.ref,
      operation: spec.operation,
      label: spec.label,
      summary: spec.summary,
      fieldLabels: spec.fieldLabels,
      ...(spec.valueNames ? { valueNames: spec.valueNames } : {}),
      base: spec.base,
      mine: spec.mine,
      user: this.deps.user,
      ...(spec.payload ? { payload: { ...spec.payload } } : {}),
    });
    this.emitState();
    const settled = await this.waitForSettled(journal, change.id);
    this.emitState();
    return outcomeOf(settled ?? change);
  }

  private waitForSettled(journal: WriteJournal, id: string): Promise<PendingChange | null> {
    const settledStates = new Set(['applied', 'failed', 'conflicted', 'discarded']);
    return new Promise((resolve) => {
      const finish = (change: PendingChange | null) => {
        clearTimeout(timer);
        journal.off('changed', onChanged);
        resolve(change);
      };
      const onChanged = (change: PendingChange) => {
        if (change.id !== id) return;
        // Back in the queue after a retryable failure (publisher gone, busy): no point waiting longer.
        if (settledStates.has(change.state) || (change.state === 'queued' && change.attempts > 0)) finish(change);
      };
      const timer = setTimeout(() => finish(journal.get(id) ?? null), this.deps.settleTimeoutMs ?? 8_000);
      journal.on('changed', onChanged);
      const now = journal.get(id);
      if (now && settledStates.has(now.state)) finish(now);
      else if (!this.client.publisherReachable) finish(now ?? null);
    });
  }

  // ------------------------------------------------------------ credentials

  /**
   * Set a new PIN or web password. Never queued: a queued reset would have to
   * keep the secret on disk until the publisher is back, so while the
   * publisher is unreachable the reset is refused and nothing is stored.
   * The value is registered with the logger's redaction the moment it arrives.
   */
  async resetCredential(userId: string, userLabel: string, kind: CredentialKind, value: string, mustChange: boolean): Promise<CupiWriteOutcome> {
    registerSecret(value);
    const what = kind === 'pin' ? 'PIN' : 'web password';
    const body: CupiFields = { Credentials: value, CredMustChange: mustChange ? 'true' : 'false' };
    try {
      await this.client.update(`${objectPath('user', userId)}/credential/${kind}`, body);
    } catch (error) {
      if (error instanceof PublisherUnreachableError) {
        throw new ConsoleError('read_only', `${kind === 'pin' ? 'PIN' : 'Password'} resets need the publisher; it is ${error.reason}. Nothing was saved or queued: try again when it is back.`, undefined, {
          id: 'errors.cupi.credential.resetNeedsPublisher',
          values: { kind, reason: error.reason },
        });
      }
      this.auditCredential(userId, userLabel, kind, 'failed', { [what]: 'new value refused' }, error instanceof Error ? error.message : String(error));
      throw error;
    }
    this.auditCredential(userId, userLabel, kind, 'applied', { [what]: 'reset', CredMustChange: mustChange ? 'true' : 'false' });
    return {
      state: 'applied',
      message: `${userLabel}: ${what} reset${mustChange ? '; it must be changed at next sign-in' : ''}.`,
      said: { id: 'main.cupi.credential.reset', values: { label: userLabel, kind, mustChange: mustChange ? 'yes' : 'no' } },
    };
  }

  /** Clear a lock-out (HackCount 0, empty TimeHacked) and an administrative lock. */
  async unlockCredential(userId: string, userLabel: string, kind: CredentialKind): Promise<CupiWriteOutcome> {
    return this.credentialSettings(userId, userLabel, kind, { HackCount: '0', TimeHacked: '', Locked: 'false' }, 'unlocked', 'main.cupi.credential.unlocked');
  }

  async setMustChange(userId: string, userLabel: string, kind: CredentialKind, mustChange: boolean): Promise<CupiWriteOutcome> {
    return mustChange
      ? this.credentialSettings(userId, userLabel, kind, { CredMustChange: 'true' }, 'must be changed at next sign-in', 'main.cupi.credential.mustChange')
      : this.credentialSettings(userId, userLabel, kind, { CredMustChange: 'false' }, 'no longer must be changed', 'main.cupi.credential.noLongerMustChange');
  }

  /** Credential settings follow the same publisher-only rule as resets (Cisco: provision passwords on the publisher). */
  private async credentialSettings(userId: string, userLabel: string, kind: CredentialKind, body: CupiFields, done: string, doneId: string): Promise<CupiWriteOutcome> {
    const what = kind === 'pin' ? 'PIN' : 'web password';
    try {
      await this.client.update(`${objectPath('user', userId)}/credential/${kind}`, body);
    } catch (error) {
      if (error instanceof PublisherUnreachableError) {
        throw new ConsoleError('read_only', `Changes to a ${what} need the publisher; it is ${error.reason}. Nothing was saved: try again when it is back.`, undefined, {
          id: 'errors.cupi.credential.changeNeedsPublisher',
          values: { kind, reason: error.reason },
        });
      }
      throw error;
    }
    this.auditCredential(userId, userLabel, kind, 'applied', { [what]: done });
    return { state: 'applied', message: `${userLabel}: ${what} ${done}.`, said: { id: doneId, values: { label: userLabel, kind } } };
  }

  private auditCredential(userId: string, label: string, kind: CredentialKind, result: 'applied' | 'failed', after: FieldMap, message?: string): void {
    const audit = this.deps.hub.audit;
    if (!audit) return;
    try {
      audit.append({
        at: this.now(),
        profile: this.deps.profile,
        user: this.deps.user,
        system: CUPI_SYSTEM,
        objectType: `credential/${kind}`,
        objectId: userId,
        label,
        changeId: `credential-${userId}-${this.now()}`,
        before: {},
        after,
        result,
        ...(message ? { message } : {}),
      });
    } catch (error) {
      this.deps.log.error('could not write the audit log', error);
    }
  }

  /** For Close now: the current greeting, read from the publisher (the value the change is based on). */
  async readGreeting(handlerId: string, greeting: GreetingName): Promise<CupiFields> {
    const response = await this.client.get(greetingPath(handlerId, greeting));
    return response.value;
  }

  async readTransferRule(handlerId: string, rule: TransferRuleName): Promise<CupiFields> {
    const response = await this.client.get(transferRulePath(handlerId, rule));
    return response.value;
  }
}

function pickLabels(fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f, CUPI_FIELD_LABELS[f] ?? f]));
}

/** A change's last error, when main has it by id, as the `error` sentence of an outcome's message. */
function lastErrorSentence(change: PendingChange): Pick<MainMessage, 'sentences'> {
  return change.lastError && change.lastErrorMessage ? { sentences: { error: change.lastErrorMessage } } : {};
}

/** A write's outcome as the editor says it: written, queued, or (thrown) why not; exported for the catalogue test, which checks its sentences by id. */
export function outcomeOf(change: PendingChange): CupiWriteOutcome {
  switch (change.state) {
    case 'applied':
      return {
        state: 'applied',
        message: `${change.label}: ${change.alreadyApplied ? 'already up to date' : 'saved'}.`,
        said: { id: change.alreadyApplied ? 'main.cupi.upToDate' : 'main.cupi.saved', values: { label: change.label } },
        entryId: change.id,
      };
    case 'failed':
      throw new ConsoleError('rejected', `${change.label}: ${change.lastError ?? 'Unity Connection refused the change.'} The change is kept in Pending changes to edit or discard.`, undefined, {
        id: 'errors.cupi.failed',
        values: { label: change.label, withError: change.lastError ? 'yes' : 'no', error: change.lastError ?? '' },
        ...lastErrorSentence(change),
      });
    case 'conflicted': {
      const differences = Object.keys(change.theirs ?? {})
        .filter((field) => !sameFields(change.theirs ?? {}, change.base, [field]))
        .map((field) => `${change.fieldLabels[field] ?? field} is now ${describeValue(field, change.theirs?.[field])} (you started from ${describeValue(field, change.base[field])})`);
      throw new ConsoleError(
        'conflict',
        `${change.label} was changed in Unity Connection after you opened it${differences.length ? `: ${differences.join('; ')}` : ''}. Nothing was written; resolve it in Pending changes or reload.`,
        undefined,
        { id: 'errors.cupi.conflict', values: { label: change.label, withDifferences: differences.length ? 'yes' : 'no', differences: differences.join('; ') } },
      );
    }
    case 'discarded':
      return { state: 'applied', message: `${change.label}: discarded.`, said: { id: 'main.cupi.discarded', values: { label: change.label } }, entryId: change.id };
    default:
      return {
        state: 'queued',
        message: `${change.label}: queued${change.lastError ? ` (${change.lastError})` : ''}; it will be written when the Unity Connection publisher accepts changes.`,
        said: { id: 'main.cupi.queued', values: { label: change.label, withError: change.lastError ? 'yes' : 'no', error: change.lastError ?? '' }, ...lastErrorSentence(change) },
        entryId: change.id,
        label: change.label,
      };
  }
}

function credentialView(kind: CredentialKind, fields: CupiFields): CupiCredentialView {
  const hackCount = cupiInt(fields.HackCount);
  return {
    kind,
    locked: cupiBool(fields.Locked),
    hacked: cupiBool(fields.Hacked) || Boolean(fields.TimeLockout),
    hackCount,
    mustChange: cupiBool(fields.CredMustChange),
    cantChange: cupiBool(fields.CantChange),
    doesntExpire: cupiBool(fields.DoesntExpire),
    timeChanged: fields.TimeChanged ?? null,
    timeLockout: fields.TimeLockout ?? null,
  };
}

/**
 * Unity Connection's sentence for the frame and the editors (where reads come
 * from, whether writes go), and the same sentence by message id
 * (`main.cupi.*`, each node's phrase from describeNode).
 */
export function describeCupi(nodes: CupiNodeState[], publisherReachable: boolean, waiting: number): Pick<CupiState, 'readOnly' | 'readsFrom' | 'detail' | 'detailMessage'> {
  const waitingText = waiting ? `; ${waiting} change${waiting === 1 ? '' : 's'} waiting` : '';
  const publisher = nodes[0]!.condition;
  const subscriber = nodes[1]?.condition ?? null;
  const said = (condition: NodeCondition) => describeNode(condition).phrase;
  const phrase = (condition: NodeCondition) => describeNode(condition).phraseMessage;
  if (publisherReachable) {
    // A subscriber fault is worth a word even while writes go.
    const noteSubscriber = Boolean(subscriber && subscriber.kind !== 'ok' && subscriber.kind !== 'checking');
    const subscriberNote = noteSubscriber ? `; the subscriber is ${said(subscriber!)}` : '';
    const note = { subscriberNoted: noteSubscriber ? 'yes' : 'no', subscriber: noteSubscriber ? phrase(subscriber!) : '', waiting };
    const detail =
      publisher.kind === 'checking'
        ? `Unity Connection: checking the publisher${waitingText}.`
        : publisher.kind === 'slow'
          ? `Unity Connection publisher slow (${seconds(publisher.latencyMs ?? 0)}); changes are still written${subscriberNote}${waitingText}.`
          : `Unity Connection publisher connected${subscriberNote}${waitingText}.`;
    const detailMessage: MainSentence =
      publisher.kind === 'checking'
        ? { id: 'main.cupi.checking', values: { waiting } }
        : publisher.kind === 'slow'
          ? { id: 'main.cupi.slow', values: { seconds: Math.round((publisher.latencyMs ?? 0) / 100) / 10, ...note } }
          : { id: 'main.cupi.connected', values: note };
    return { readOnly: false, readsFrom: 'publisher', detail, detailMessage };
  }
  if (subscriber && (isAnswering(subscriber) || subscriber.kind === 'checking')) {
    return {
      readOnly: true,
      readsFrom: 'subscriber',
      detail: `Unity Connection read-only: the publisher is ${said(publisher)}; reading from the subscriber, changes are queued${waitingText}.`,
      detailMessage: { id: 'main.cupi.readOnly', values: { publisher: phrase(publisher), waiting } },
    };
  }
  const all = subscriber ? [publisher, subscriber] : [publisher];
  // "Unreachable" only when nothing answers at all; a node answering with errors is reachable, just not usable.
  const silent = all.every((condition) => !isAnswering(condition) && condition.kind !== 'errors');
  const which = subscriber ? `the publisher is ${said(publisher)}, the subscriber is ${said(subscriber)}` : `the publisher is ${said(publisher)}`;
  return {
    readOnly: true,
    readsFrom: 'cache',
    detail: `Unity Connection ${silent ? 'unreachable' : 'unavailable'}: ${which}; showing saved copies, changes are queued${waitingText}.`,
    detailMessage: {
      id: 'main.cupi.offline',
      values: { silent: silent ? 'yes' : 'no', publisher: phrase(publisher), hasSubscriber: subscriber ? 'yes' : 'no', subscriber: subscriber ? phrase(subscriber) : '', waiting },
    },
  };
}

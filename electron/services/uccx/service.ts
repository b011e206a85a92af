import { EventEmitter } from 'node:events';
import crypto from 'node:crypto';
import path from 'node:path';
import { UccxClient, UccxHttpError, asConsoleError, nodeNames, type UccxHealth } from './client';
import {
  ENTITIES,
  agentView,
  applicationView,
  applyFields,
  calendarView,
  csqView,
  fieldsOf,
  itemPath,
  keyOf,
  newObject,
  resourceGroupView,
  skillView,
  teamView,
  type ReferenceNames,
} from './entities';
import { childElements, type XmlElement } from './xml-tree';
import { checkPromptWav } from './wav-check';
import { UccxRepository, repositoryFolder } from './repository';
import { ReplacementMarkers } from './replacement-markers';
import { CallerLists, type CallerListObject, type CallerListRepository } from './caller-lists';
import { CALLER_LIST_TYPE } from '../../../shared/domain/caller-lists';
import { Switches, type SwitchesObject } from './switches';
import { SWITCHES_TYPE } from '../../../shared/domain/switches';
import type { Logger } from '../log/logger';
import { ApplyError, type ChangeApplier } from '../journal/journal';
import { writeFileAtomic } from '../storage/atomic-file';
import { nodeFiles, readIfExists, type FileLayer } from '../storage/file-layer';
import type { JournalHub } from '../journal/hub';
import type { ActiveSite } from '../site/site-manager';
import type { HttpClient } from '../net/http-client';
import type { ConfigCache } from '../cache/config-cache';
import { ConsoleError, refuseInvalid } from '../../../shared/ipc/result';
import type { MainMessage } from '../../../shared/domain/main-message';
import type { FieldMap, PendingChange, ChangeOperation, ValueNames } from '../../../shared/domain/changes';
import { within, type FieldError } from '../../../shared/domain/validation';
import { plainText } from '../../../shared/domain/glossary';
import { clockTime, describeNode, isAnswering, seconds, type MainSentence, type ServerState } from '../../../shared/domain/status';
import {
  agentName,
  describeUsage,
  localToday,
  RESOURCE_POOL_TYPES,
  uccxFieldLabels,
  uccxUsage,
  validateUccxCreate,
  validateUccxFields,
  type CreatableType,
  type UccxConfig,
  type UccxEntityType,
  type UccxNodeState,
  type UccxPromptUploadProgress,
  type UccxRepositoryItem,
  type UccxState,
} from '../../../shared/domain/uccx';
import { checkedAccount, decideAccess, editorOfType, type UccxEditorKey, type UccxRole } from '../../../shared/domain/uccx-access';

/** One edit of a UCCX object as an editor sends it: the fields it started from (`base`) and the new values (`mine`). */
export interface UccxEdit {
  type: UccxEntityType;
  id: string;
  operation: ChangeOperation;
  label: string;
  summary?: string;
  base: FieldMap;
  mine: FieldMap;
}

/** A prompt as the applier reads it (downloaded): the SHA-256 of its audio and its size. */
interface PromptObject {
  promptSha: string;
  size: number | null;
  /** Missing because this change removed it to replace it, then stopped before the upload (a cut or crash). */
  removedForReplacement?: boolean;
}

type UccxObject = XmlElement | PromptObject | CallerListObject | SwitchesObject;

function isPrompt(object: UccxObject): object is PromptObject {
  return 'promptSha' in object;
}

/** The object types loaded as lists; prompts are files in the repository, listed per folder. */
const LIST_TYPES: UccxEntityType[] = ['resource', 'skill', 'resourceGroup', 'csq', 'team', 'application', 'calendar'];

/** A prompt file name: a .wav with no path separators. */
const PROMPT_FILE_NAME = /^[^/\\\u0000-\u001f]{1,124}\.wav$/i;

/** Objects the console creates and deletes with their in-use checks (skills are simpler: see SkillsEditor). */
const CREATABLE: ReadonlySet<UccxEntityType> = new Set<CreatableType>(['csq', 'team', 'calendar']);
const isCreatable = (type: string): type is CreatableType => CREATABLE.has(type as UccxEntityType);

/** The kinds of change whose 403 holds back an editor. */
type RefusableType = UccxEntityType | typeof CALLER_LIST_TYPE | typeof SWITCHES_TYPE;

const CACHE_AREA = 'uccx';
const CACHE_KEY = 'config';

export interface UccxServiceOptions {
  nodes: string[];
  /** The profile's names for the nodes, in the same order (default: host names). */
  nodeLabels?: string[];
  username: string;
  password: string;
  http: HttpClient;
  cache?: ConfigCache;
  hub: JournalHub;
  /** Folder for uploaded prompt files waiting in the queue. */
  dir: string;
  /** The file operations queued prompt audio is written with (default node:fs). */
  files?: FileLayer;
  pollIntervalMs?: number;
  /** Floor and ceiling of the adaptive isDBMaster timeout (defaults 1 s and 10 s). */
  probeTimeoutMs?: number;
  maxProbeTimeoutMs?: number;
  readTimeoutMs?: number;
  /** The document repository caller lists are kept in. */
  repository?: CallerListRepository;
  /** Repository folder of the caller lists (profile `uccx.callerListFolder`, default /en_US/lists/). */
  callerListFolder?: string;
  /** Repository path of the switches document (profile `uccx.switchesDocument`, default /en_US/lists/switches.xml). */
  switchesDocument?: string;
  /** The "On for …" choices of timed switches, in seconds (default 30 min, 1 h, 2 h). */
  switchDurations?: readonly number[];
  log?: Logger;
}

/** The state while the active profile has no UCCX. */
export const UCCX_OFF: UccxState = { mode: 'off', writable: false, detail: 'UCCX is not configured in this profile', nodes: [], waiting: 0 };

/** How the status bar shows a UCCX state: writable but through a slow master is "limited". */
export function uccxServerState(state: UccxState): ServerState {
  if (state.mode === 'ok') return state.nodes.some((node) => node.master && node.condition.kind === 'slow') ? 'degraded' : 'ok';
  return state.mode === 'read-only' ? 'degraded' : state.mode === 'offline' ? 'down' : state.mode === 'off' ? 'off' : 'connecting';
}

/**
 * What the UCCX area of the console does for the active site: load
 * configuration, queue edits, apply them, and report its state as a 'state'
 * event like every site service.
 */
export class UccxService extends EventEmitter<{ state: [UccxState]; nodes: [UccxNodeState[]]; configChanged: []; switchesChanged: []; promptUploadProgress: [UccxPromptUploadProgress] }> {
  readonly client: UccxClient;
  /** Documents and prompts on UCCX (two-step upload). */
  readonly repository: UccxRepository;
  private names = new Map<string, string>();
  private config: UccxConfig | null = null;
  private unregister: (() => void) | null = null;
  private lastState: string | null = null;
  private writable = false;
  private stopped = false;
  private readonly uploadsDir: string;
  private readonly replacing: ReplacementMarkers;
  /** Editors a write of which UCCX refused with 403 since the profile became active, with the server's reason. */
  private readonly refusedWrites = new Map<UccxEditorKey, string>();
  /** Editors a create or delete of which UCCX refused with 403: their edits stay open, New… and Delete… are held back. */
  private readonly refusedCreates = new Map<UccxEditorKey, string>();
  /** VIP, blocked and the site's own caller lists (documents IVR scripts read; docs/ivr.md). */
  readonly callerLists: CallerLists;
  /** Announcement switches scripts read from one document, with timed switches ended by main (docs/ivr.md). */
  readonly switches: Switches;

  constructor(private readonly options: UccxServiceOptions) {
    super();
    this.client = new UccxClient({
      nodes: nodeNames(options.nodes, options.nodeLabels),
      username: options.username,
      password: options.password,
      http: options.http,
      pollIntervalMs: options.pollIntervalMs,
      probeTimeoutMs: options.probeTimeoutMs,
      maxProbeTimeoutMs: options.maxProbeTimeoutMs,
      readTimeoutMs: options.readTimeoutMs,
    });
    this.repository = new UccxRepository(this.client);
    this.uploadsDir = path.join(options.dir, 'prompt-uploads');
    // Prompts, caller lists and switches replace a file by remove then upload; one folder of markers (keyed by change) serves them all.
    this.replacing = new ReplacementMarkers(this.uploadsDir, options.files ?? nodeFiles);
    this.callerLists = new CallerLists(options.repository ?? new UccxRepository(this.client), options.hub, options.callerListFolder, Date.now, this.replacing);
    this.switches = new Switches({
      repository: options.repository ?? this.repository,
      hub: options.hub,
      dir: options.dir,
      account: options.username,
      document: options.switchesDocument,
      durations: options.switchDurations,
      log: options.log,
      removals: this.replacing,
    });
    this.switches.on('changed', () => this.emit('switchesChanged'));
    // Every probe: the nodes (the frame keeps one line per node current from them), then the state.
    this.client.on('health', (health) => {
      if (this.stopped) return;
      const writable = health.topology === 'master';
      if (writable && !this.writable) options.hub.wake('uccx');
      this.writable = writable;
      this.emit('nodes', health.nodes);
      this.publishState();
    });
    options.hub.on('changed', (change) => {
      this.publishState();
      // A switches change that settled (written, failed, in conflict, discarded): the Switches tab reads the document again.
      if (change?.ref.type === SWITCHES_TYPE && change.state !== 'queued' && change.state !== 'applying') this.emit('switchesChanged');
    });
  }

  static forSite(site: ActiveSite, hub: JournalHub, overrides: Partial<UccxServiceOptions> = {}): UccxService | null {
    const uccx = site.profile.uccx;
    if (!uccx || uccx.nodes.length === 0) return null;
    return new UccxService({
      nodes: uccx.nodes,
      nodeLabels: uccx.nodeLabels,
      username: uccx.username,
      password: site.secrets.uccxPassword ?? '',
      http: site.http,
      cache: site.cache,
      hub,
      dir: site.dir,
      callerListFolder: uccx.callerListFolder,
      switchesDocument: uccx.switchesDocument,
      log: site.log.child('uccx'),
      ...overrides,
    });
  }

  async start(): Promise<void> {
    this.unregister = this.options.hub.registerApplier('uccx', this.applier());
    // Timed switches whose time passed while the console was not running are ended now (queued until UCCX takes writes).
    this.switches.start();
    await this.client.start();
    this.publishState();
  }

  stop(): void {
    this.stopped = true;
    this.switches.stop();
    this.client.stop();
    this.unregister?.();
    this.unregister = null;
  }

  // ---- state -----------------------------------------------------------

  state(): UccxState {
    const health = this.client.health();
    const waiting = this.options.hub.journal?.counts('uccx').waiting ?? 0;
    return describeState(health, waiting, this.config?.source === 'cache' ? this.config.fetchedAt : null);
  }

  private publishState(): void {
    const state = this.state();
    const key = JSON.stringify([state.mode, state.detail]);
    if (key === this.lastState) return;
    this.lastState = key;
    this.emit('state', state);
  }

  // ---- reading ---------------------------------------------------------

  /**
   * The whole configuration: one LIST request per entity type (no per-object
   * requests), at most 4 at once. Falls back to the last cached copy when no
   * node answers.
   */
  async loadConfig(): Promise<UccxConfig> {
    try {
      let answeredBy: string | null = null;
      // A list the account may not read (403) is empty and its editor hidden, with the reason: never a failed load.
      const forbiddenReads: Partial<Record<UccxEditorKey, string>> = {};
      const probe = this.probeAccount();
      const lists = await Promise.all(
        LIST_TYPES.map(async (type) => {
          try {
            const result = await this.client.getXml(`/adminapi/${ENTITIES[type].segment}`);
            answeredBy ??= result?.node.name ?? null;
            return childElements(result?.root).filter((item) => item.name.toLowerCase() === type.toLowerCase());
          } catch (error) {
            if (!(error instanceof UccxHttpError && error.status === 403)) throw error;
            const editor = editorOfType(type);
            if (editor) forbiddenReads[editor] = error.serverReason ?? 'HTTP 403';
            return [];
          }
        }),
      );
      const account = await probe;
      const byType = new Map(LIST_TYPES.map((type, index) => [type, lists[index]!]));
      const list = (type: UccxEntityType) => byType.get(type) ?? [];
      const config: UccxConfig = {
        agents: list('resource').map(agentView),
        skills: list('skill').map(skillView),
        resourceGroups: list('resourceGroup').map(resourceGroupView),
        csqs: list('csq').map(csqView),
        teams: list('team').map(teamView),
        applications: list('application').map(applicationView),
        calendars: list('calendar').map(calendarView),
        fetchedAt: Date.now(),
        source: 'live',
        node: answeredBy,
        account: checkedAccount(
          decideAccess({
            username: this.options.username,
            ...account,
            forbiddenReads,
            refusedWrites: Object.fromEntries(this.refusedWrites),
            refusedCreates: Object.fromEntries(this.refusedCreates),
            agentCount: byType.get('resource')?.length ?? 0,
          }),
        ),
      };
      this.remember(config);
      this.options.cache?.put(CACHE_AREA, CACHE_KEY, config, config.fetchedAt);
      this.publishState();
      return config;
    } catch (error) {
      const cached = this.options.cache?.get<UccxConfig>(CACHE_AREA, CACHE_KEY);
      if (!cached) {
        const detail = (error as { detail?: unknown }).detail;
        const reason = (error as Error).message;
        const said = (error as { said?: MainMessage }).said;
        throw new ConsoleError('unavailable', `UCCX could not be read and nothing is cached yet. ${reason}`, typeof detail === 'string' ? detail : undefined, {
          id: 'errors.uccx.unreadNoCache',
          values: { reason },
          ...(said ? { sentences: { reason: said } } : {}),
        });
      }
      const config: UccxConfig = { ...cached.value, fetchedAt: cached.fetchedAt, source: 'cache', node: null, account: checkedAccount(cached.value.account) };
      this.remember(config);
      this.publishState();
      return config;
    }
  }

  /**
   * Who the account is to UCCX: its own advanced supervisor capabilities
   * (`GET /adminapi/resource/{own id}/capabilities`). 200: a supervisor with
   * the capabilities listed; 404: UCCX has no agent or supervisor of that
   * name, so it is an application user, an administrator; 401/403: a
   * supervisor UCCX does not show its capabilities to, none assumed; no
   * answer: unknown, nothing is held back (UCCX's answers to writes decide).
   */
  private async probeAccount(): Promise<{ role: UccxRole; capabilities: string[]; basis: string }> {
    const username = this.options.username;
    const probePath = `/adminapi/resource/${encodeURIComponent(username)}/capabilities`;
    try {
      const { response } = await this.client.read(probePath);
      if (response.status === 200) {
        // Values only, bounded: a capability is an upper-case word (CALENDAR_MGMT).
        const capabilities = [...new Set([...response.text().matchAll(/<capability>\s*([A-Z_]{1,40})\s*<\/capability>/g)].map((match) => match[1]!))].slice(0, 20);
        return { role: 'supervisor', capabilities, basis: `UCCX answered the supervisor capabilities of ${username}: ${capabilities.length ? capabilities.join(', ') : 'none'}.` };
      }
      if (response.status === 404) return { role: 'administrator', capabilities: [], basis: `UCCX has no agent or supervisor named ${username}, so the account is an administrator (application user).` };
      if (response.status === 401 || response.status === 403) {
        return { role: 'supervisor', capabilities: [], basis: `UCCX did not show ${username} its own capabilities (HTTP ${response.status}); none are assumed.` };
      }
      return { role: 'unknown', capabilities: [], basis: `UCCX answered HTTP ${response.status} when asked for the capabilities of ${username}.` };
    } catch (error) {
      return { role: 'unknown', capabilities: [], basis: `The capabilities of ${username} could not be read: ${(error as Error).message}` };
    }
  }

  /**
   * A write UCCX refused with 403: the editor of that kind becomes read-only
   * with the server's reason at the next load. A refused create or delete of
   * a CSQ, team or calendar holds back only New… and Delete…: the account may
   * still be allowed to change the ones it has (a supervisor's calendars).
   */
  private noteRefusal(type: RefusableType, error: unknown, operation: ChangeOperation): void {
    const editor = editorOfType(type);
    if (!editor || editor === 'agents' || !(error instanceof UccxHttpError) || error.status !== 403) return;
    const refusals = operation !== 'update' && isCreatable(type) ? this.refusedCreates : this.refusedWrites;
    refusals.set(editor, error.serverReason ?? 'HTTP 403');
    this.emit('configChanged');
  }

  private remember(config: UccxConfig): void {
    this.config = config;
    const names = new Map<string, string>();
    for (const skill of config.skills) names.set(`skill/${skill.id}`, skill.name);
    for (const team of config.teams) names.set(`team/${team.id}`, team.name);
    for (const group of config.resourceGroups) names.set(`resourceGroup/${group.id}`, group.name);
    for (const csq of config.csqs) names.set(`csq/${csq.id}`, csq.name);
    for (const agent of config.agents) names.set(`resource/${agent.userID}`, agent.userID);
    this.names = names;
  }

  /** What a prompt folder holds ('/' lists the language folders). */
  async promptFolder(folder: string): Promise<UccxRepositoryItem[]> {
    try {
      return await this.repository.list('prompt', folder);
    } catch (error) {
      throw asConsoleError(error);
    }
  }

  /** Audio of a prompt (download / play). */
  async promptAudio(folder: string, name: string): Promise<Buffer> {
    const filePath = repositoryFolder(folder) + name;
    const audio = await this.repository.download('prompt', filePath).catch((error: unknown) => {
      throw asConsoleError(error);
    });
    if (!audio) throw new ConsoleError('not_found', `Prompt ${filePath} does not exist on UCCX.`, undefined, { id: 'errors.uccx.noPrompt', values: { path: filePath } });
    return audio;
  }

  // ---- queuing edits ---------------------------------------------------

  /**
   * Check every edit with the editors' own validators, then commit them to
   * the journal (durable) and let the background writer apply them. One
   * invalid edit refuses the whole batch: nothing is queued.
   */
  submit(edits: UccxEdit[], user = this.options.username): PendingChange[] {
    // A prompt change carries its audio and a checked path: only queuePromptUpload and queuePromptDelete make one.
    if (edits.some((edit) => edit.type === 'prompt')) throw new ConsoleError('rejected', 'Prompts are uploaded, replaced and deleted from the Prompts tab, not as configuration edits.', undefined, { id: 'errors.uccx.promptsTab' });
    const errors = edits.flatMap((edit, index) => {
      const problems =
        edit.operation === 'create' && isCreatable(edit.type)
          ? validateUccxCreate(edit.type, edit.mine, { config: this.config, today: localToday() })
          : this.validate(edit.type, edit.id, edit.operation, edit.mine);
      return edits.length === 1 ? problems : within(`edits.${index}.`, problems);
    });
    refuseInvalid(edits.length === 1 ? edits[0]!.label : `${edits.length} changes`, errors);
    for (const edit of edits) if (edit.operation === 'delete' && isCreatable(edit.type)) this.refuseInUse(edit);
    const journal = this.options.hub.require();
    return edits.map((edit) =>
      journal.enqueue({
        ref: { system: 'uccx', type: edit.type, id: edit.id },
        operation: edit.operation,
        label: edit.label,
        summary: edit.summary,
        fieldLabels: uccxFieldLabels([...Object.keys(edit.mine), ...Object.keys(edit.base)], this.config),
        valueNames: this.valueNames(edit.type, [edit.base, edit.mine]),
        base: edit.base,
        mine: edit.mine,
        user,
      }),
    );
  }

  /**
   * Read the configuration first when edits need it to be judged: a script
   * parameter's declared type is known only from it. Call before `submit`.
   */
  async prepareToJudge(edits: readonly UccxEdit[]): Promise<void> {
    // Deleting or creating a CSQ, team or calendar is judged against the configuration as UCCX holds it now, not as the editor last read it.
    const fresh = edits.some((edit) => edit.operation !== 'update' && isCreatable(edit.type));
    if (fresh || (!this.config && edits.some((edit) => edit.type === 'application'))) await this.loadConfig().catch(() => undefined);
  }

  /**
   * Refuse deleting an object others still use (teams serving a CSQ, an
   * application's calendar parameter, agents in a team), naming them. The
   * check runs on the configuration read just before (prepareToJudge), or
   * the cached copy when UCCX cannot be read; the applier checks again
   * before it writes.
   */
  private refuseInUse(edit: UccxEdit): void {
    const type = edit.type as CreatableType;
    if (!this.config) throw new ConsoleError('unavailable', `${edit.label} was not deleted: UCCX could not be read to check what uses it, and nothing is cached yet.`);
    const usage = uccxUsage(this.config, type, edit.id);
    if (usage.length > 0) throw new ConsoleError('in_use', describeUsage(edit.label, usage), usage.map((use) => `${use.kind}: ${use.names.join(', ')}`).join('; '));
  }

  /** The same check at write time, on what UCCX holds at that moment: a delete that became in use fails (it is not retried). */
  private async refuseInUseNow(change: PendingChange): Promise<void> {
    const type = change.ref.type as CreatableType;
    const list = async (entity: UccxEntityType) => childElements((await this.client.getXml(`/adminapi/${ENTITIES[entity].segment}`))?.root).filter((item) => item.name.toLowerCase() === entity.toLowerCase());
    const current = {
      teams: (await list('team')).map(teamView),
      applications: type === 'calendar' ? (await list('application')).map(applicationView) : [],
      calendars: type === 'calendar' ? (await list('calendar')).map(calendarView) : [],
      agents: type === 'team' ? (await list('resource')).map(agentView) : [],
    };
    const usage = uccxUsage(current, type, change.ref.id);
    if (usage.length > 0) throw new ApplyError(describeUsage(change.label, usage), false);
  }

  /** Problems with the values an edit sets (none for a delete). */
  private validate(type: UccxEntityType, id: string, operation: ChangeOperation, mine: FieldMap): FieldError[] {
    if (operation === 'delete' || type === 'prompt') return [];
    const application = type === 'application' ? this.config?.applications.find((app) => app.name === id) : undefined;
    const parameterTypes = Object.fromEntries((application?.params ?? []).map((param) => [param.name, param.type]));
    return validateUccxFields(type, mine, { parameterTypes });
  }

  /** Names of the ids the values of a change hold (teams, groups, supervisors, CSQs), from the loaded configuration. */
  private valueNames(type: UccxEntityType, maps: FieldMap[]): ValueNames {
    const config = this.config;
    if (!config) return {};
    const namesFor: Record<string, Map<string, string>> = {};
    const byId = <T>(items: T[], id: (item: T) => string, name: (item: T) => string) => new Map(items.map((item) => [id(item), name(item)]));
    if (type === 'resource') {
      namesFor.team = byId(config.teams, (team) => team.id, (team) => team.name);
      namesFor.resourceGroup = byId(config.resourceGroups, (group) => group.id, (group) => group.name);
    } else if (type === 'csq') {
      namesFor.resourceGroup = byId(config.resourceGroups, (group) => group.id, (group) => group.name);
      // Enumerations in words too, so Pending changes and the audit log never show SKILL_GROUP.
      namesFor.resourcePoolType = new Map(RESOURCE_POOL_TYPES.map((raw) => [raw, plainText('resource-pool-type', raw)]));
    } else if (type === 'calendar') {
      namesFor.calendarType = new Map(['FULLTIME', 'PARTTIME'].map((raw) => [raw, plainText('calendar-type', raw)]));
    } else if (type === 'team') {
      const agents = byId(config.agents, (agent) => agent.userID, agentName);
      namesFor.primarySupervisor = agents;
      namesFor.secondarySupervisors = agents;
      namesFor.csqs = byId(config.csqs, (csq) => csq.id, (csq) => csq.name);
    }
    const out: ValueNames = {};
    for (const [field, names] of Object.entries(namesFor)) {
      const ids = maps.flatMap((map) => [map[field]].flat()).filter((value): value is string => typeof value === 'string');
      const known = Object.fromEntries(ids.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : [])));
      if (Object.keys(known).length) out[field] = known;
    }
    return out;
  }

  /**
   * Queue a prompt upload into a language folder: the file is kept next to
   * the journal until it is written. A file UCCX cannot play is refused here,
   * saying what it is and what UCCX needs. `replace` says the file replaces
   * the prompt of that name; `replacedSize` is the size the user saw, null
   * when the listing gave none (then the replacement has no size to be judged by).
   */
  queuePromptUpload(folder: string, name: string, wav: Buffer, replacedSize: number | null, user = this.options.username, replace = replacedSize !== null): PendingChange {
    const filePath = promptPath(folder, name);
    const problem = checkPromptWav(wav);
    if (problem) throw new ConsoleError('rejected', problem);
    const sha = crypto.createHash('sha256').update(wav).digest('hex');
    const file = path.join(this.uploadsDir, `${sha}.wav`);
    const files = this.options.files ?? nodeFiles;
    // Durable before the change that needs it is: a queued upload never outlives its audio.
    if (!files.exists(file)) writeFileAtomic(file, wav, files);
    return this.options.hub.require().enqueue({
      ref: { system: 'uccx', type: 'prompt', id: filePath },
      operation: replace ? 'update' : 'create',
      label: `Prompt ${filePath}`,
      summary: `${replace ? 'Replace' : 'Upload'} ${filePath} (${wav.length} bytes)`,
      fieldLabels: { content: 'Audio file', fileSize: 'File size' },
      // A replacement is judged by the size of the file the user saw (when the listing gave one): the audio itself is not kept locally.
      base: replacedSize !== null ? { fileSize: replacedSize } : {},
      mine: { content: sha },
      user,
      payload: sha,
    });
  }

  /** Queue the deletion of a prompt; it is judged against the size the user saw. */
  queuePromptDelete(folder: string, name: string, size: number | null, user = this.options.username): PendingChange {
    const filePath = promptPath(folder, name);
    return this.options.hub.require().enqueue({
      ref: { system: 'uccx', type: 'prompt', id: filePath },
      operation: 'delete',
      label: `Prompt ${filePath}`,
      summary: `Delete ${filePath}`,
      fieldLabels: { fileSize: 'File size' },
      base: size === null ? {} : { fileSize: size },
      mine: {},
      user,
    });
  }

  // ---- applying --------------------------------------------------------

  private referenceNames(): ReferenceNames {
    const node = this.client.health().master;
    return { baseUrl: node?.url ?? this.client.nodes[0]!.url, name: (type, id) => this.names.get(`${type}/${id}`) };
  }

  applier(): ChangeApplier<UccxObject> {
    return {
      concurrency: 4,
      validate: (change, mine) =>
        change.ref.type === CALLER_LIST_TYPE
          ? this.callerLists.validate(mine)
          : change.ref.type === SWITCHES_TYPE
            ? this.switches.validate(mine)
            : this.validate(change.ref.type as UccxEntityType, change.ref.id, change.operation, mine),
      pausedReason: () => {
        const health = this.client.health();
        return health.topology === 'master' ? null : describeState(health, 0, null).detail;
      },
      read: async (change) => {
        if (change.ref.type === CALLER_LIST_TYPE) return this.callerLists.read(change);
        if (change.ref.type === SWITCHES_TYPE) return this.switches.read(change);
        const type = change.ref.type as UccxEntityType;
        if (type === 'prompt') return this.readPrompt(change);
        if (change.operation === 'create' && ENTITIES[type].keyElement !== ENTITIES[type].nameElement) {
          // Server-assigned key: find the new object by its name (case-insensitive, as UCCX names are unique).
          const list = await this.client.getXml(`/adminapi/${ENTITIES[type].segment}`);
          const wanted = String(change.mine.name ?? change.ref.id).toLowerCase();
          return childElements(list?.root).find((item) => fieldsOf(type, item).name?.toString().toLowerCase() === wanted) ?? null;
        }
        const result = await this.client.getXml(itemPath(type, change.ref.id));
        return result?.root ?? null;
      },
      fieldsOf: (object, change) => {
        if (change.ref.type === CALLER_LIST_TYPE) return this.callerLists.fieldsOf(object as CallerListObject);
        if (change.ref.type === SWITCHES_TYPE) return this.switches.fieldsOf(object as SwitchesObject);
        if (isPrompt(object)) return { content: object.promptSha, fileSize: object.size };
        return fieldsOf(change.ref.type as UccxEntityType, object as XmlElement);
      },
      apply: async (change, current) => {
        try {
          await this.write(change, current);
        } catch (error) {
          this.noteRefusal(change.ref.type as RefusableType, error, change.operation);
          throw error;
        }
      },
    };
  }

  /** One change written to UCCX, by the kind of object it is about. */
  private async write(change: PendingChange, current: UccxObject | null): Promise<void> {
    if (change.ref.type === CALLER_LIST_TYPE) return this.callerLists.apply(change, current as CallerListObject | null);
    if (change.ref.type === SWITCHES_TYPE) return this.switches.apply(change, current as SwitchesObject | null);
    const type = change.ref.type as UccxEntityType;
    if (type === 'prompt') return this.writePrompt(change, current !== null && isPrompt(current) ? current : null);
    if (change.operation === 'delete') {
      if (isCreatable(type)) await this.refuseInUseNow(change);
      await this.client.write('DELETE', itemPath(type, change.ref.id));
    } else if (change.operation === 'create') {
      await this.client.postXml(`/adminapi/${ENTITIES[type].segment}`, newObject(type, change.mine, this.referenceNames()));
    } else {
      if (!current || isPrompt(current) || !('name' in current)) throw new ApplyError(`${change.label} no longer exists on UCCX.`, false);
      await this.client.putXml(itemPath(type, keyOf(type, current) || change.ref.id), applyFields(type, current, change.mine, this.referenceNames()));
    }
    this.emit('configChanged');
  }

  /** The UCCX account writes go out as (the journal's user). */
  get account(): string {
    return this.options.username;
  }

  private async readPrompt(change: PendingChange): Promise<PromptObject | null> {
    const audio = await this.repository.download('prompt', change.ref.id);
    if (audio) return { promptSha: crypto.createHash('sha256').update(audio).digest('hex'), size: audio.length };
    // A replacement that removed the old file and stopped before uploading the new one: it goes on, it is not "gone".
    if (change.operation === 'update' && this.replacing.has(change.id)) {
      const size = change.base.fileSize;
      return { promptSha: '', size: typeof size === 'number' ? size : null, removedForReplacement: true };
    }
    return null;
  }

  /**
   * Delete, upload or replace a prompt in the repository. A replacement is
   * remove then upload (whether UCCX overwrites on upload is unconfirmed);
   * step 1's bytes are reported as they leave, for the progress on screen.
   */
  private async writePrompt(change: PendingChange, current: PromptObject | null): Promise<void> {
    const filePath = change.ref.id;
    const { folder, name } = splitPromptPath(filePath);
    if (change.operation === 'delete') {
      await this.repository.remove('prompt', filePath);
      this.emit('configChanged');
      return;
    }
    const files = this.options.files ?? nodeFiles;
    const file = path.join(this.uploadsDir, `${String(change.payload)}.wav`);
    const wav = readIfExists(file, files);
    if (!wav) throw new ApplyError(`The audio file queued for ${filePath} is missing from the local queue; upload it again.`, false);
    if (current && !current.removedForReplacement) {
      this.replacing.set(change.id, filePath);
      await this.repository.remove('prompt', filePath);
    }
    await this.repository.upload('prompt', folder, name, wav, (sent, total) => this.emit('promptUploadProgress', { changeId: change.id, path: filePath, sent, total }));
    this.replacing.clear(change.id);
    this.emit('configChanged');
  }
}

/** '/en_US/' + 'welcome.wav' → '/en_US/welcome.wav', refusing names and folders UCCX cannot hold. */
function promptPath(folder: string, name: string): string {
  if (!PROMPT_FILE_NAME.test(name)) throw new ConsoleError('rejected', 'A prompt file name must end in .wav and contain no / or \\.', undefined, { id: 'errors.uccx.promptName' });
  const normalized = repositoryFolder(folder);
  if (normalized === '/') throw new ConsoleError('rejected', 'Prompts go in a language folder such as /en_US/, not at the top of the repository.', undefined, { id: 'errors.uccx.promptFolder' });
  return normalized + name;
}

function splitPromptPath(filePath: string): { folder: string; name: string } {
  const slash = filePath.lastIndexOf('/');
  return { folder: repositoryFolder(filePath.slice(0, slash + 1)), name: filePath.slice(slash + 1) };
}

function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The frame's sentence for the UCCX pair, e.g. "UCCX read-only: ccx-a not
 * answering since 10:42; 3 changes waiting", and the same sentence by message
 * id (`main.uccx.*`, each node's clause `main.uccx.fault` with its phrase from
 * describeNode) for the renderer to say in the user's language.
 */
export function describeState(health: UccxHealth, waiting: number, cachedAt: number | null): UccxState {
  const waitingText = waiting === 0 ? '' : `; ${waiting} change${waiting === 1 ? '' : 's'} waiting`;
  // Nodes worth a word: anything but a healthy master or standby (and, read-only, the "not master" every node shares).
  const noteworthy = (node: UccxNodeState) => !['ok', 'standby', 'not-master', 'island', 'checking'].includes(node.condition.kind);
  const faults = (nodes: UccxNodeState[]) => nodes.map((node) => `${node.name} ${describeNode(node.condition).phrase}`).join(', ');
  const faultMessages = (nodes: UccxNodeState[]): MainSentence[] =>
    nodes.map((node) => ({ id: 'main.uccx.fault', values: { name: node.name, phrase: describeNode(node.condition).phraseMessage } }));
  let mode: UccxState['mode'];
  let detail: string;
  let detailMessage: MainSentence;
  switch (health.topology) {
    case 'unknown':
      mode = 'connecting';
      detail = 'UCCX: checking which node is the database master';
      detailMessage = { id: 'main.uccx.checking' };
      break;
    case 'master': {
      mode = 'ok';
      const master = health.nodes.find((node) => node.master);
      const slow = master?.condition.kind === 'slow' ? `, which is slow (${seconds(master.condition.latencyMs ?? 0)})` : '';
      const noted = health.nodes.filter((node) => !node.master && noteworthy(node));
      const others = faults(noted);
      detail = `UCCX: writing to ${health.master?.name ?? 'the master'}${slow}${others ? `; ${others}` : ''}${waitingText}`;
      detailMessage = {
        id: 'main.uccx.writing',
        values: {
          master: health.master?.name ?? '',
          slow: slow ? 'yes' : 'no',
          seconds: Math.round((master?.condition.latencyMs ?? 0) / 100) / 10,
          noted: noted.length,
          faults: faultMessages(noted),
          waiting,
        },
      };
      break;
    }
    case 'two-masters': {
      mode = 'read-only';
      const masters = health.nodes.filter((n) => n.master).map((n) => n.name);
      detail = `UCCX read-only: both ${joinNames(masters)} claim to be database master, writes paused${waitingText}`;
      detailMessage = { id: 'main.uccx.twoMasters', values: { first: masters[0] ?? '', second: masters.slice(1).join(', '), waiting } };
      break;
    }
    case 'no-master': {
      mode = 'read-only';
      const noted = health.nodes.filter(noteworthy);
      const problems = faults(noted);
      detail = problems ? `UCCX read-only: ${problems}${waitingText}` : `UCCX read-only: no node is the database master${waitingText}`;
      detailMessage = problems ? { id: 'main.uccx.readOnly', values: { faults: faultMessages(noted), waiting } } : { id: 'main.uccx.noMaster', values: { waiting } };
      break;
    }
    case 'unreachable': {
      mode = 'offline';
      // "Unreachable" only when nothing answers at all; a node answering with errors is reachable, just not usable.
      const silent = health.nodes.every((node) => !isAnswering(node.condition) && node.condition.kind !== 'errors');
      detail = `UCCX ${silent ? 'unreachable' : 'unavailable'}: ${faults(health.nodes)}${cachedAt ? `; showing data as of ${clockTime(cachedAt)}` : ''}${waitingText}`;
      detailMessage = {
        id: 'main.uccx.offline',
        values: { silent: silent ? 'yes' : 'no', faults: faultMessages(health.nodes), cached: cachedAt ? 'yes' : 'no', cachedAt: cachedAt ?? 0, waiting },
      };
      break;
    }
  }
  return { mode, writable: mode === 'ok', detail, detailMessage, nodes: health.nodes, waiting };
}

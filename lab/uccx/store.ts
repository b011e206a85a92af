/**
 * The replicated UCCX configuration database both lab nodes read.
 *
 * Every object is kept as the full element tree last written (see Tree), so
 * a full-object PUT behaves as in the product: elements the client left out
 * are gone, elements the lab does not know are kept and returned. Elements
 * that are really joins in the product's DB are computed on every read:
 *
 * - team.resources          <- the resources whose `team` points at the team
 * - resource.primarySupervisorOf / secondarySupervisorOf <- the teams' supervisors
 * - resource.csqMap (?withCsqs) <- CSQs whose skill group the agent's skills satisfy
 *
 * Writes go through one path (create / replace / delete) whether they come
 * from HTTP or from a test changing data "behind the console's back", and
 * each write emits 'change' events, one per object whose answer changed.
 */
import { EventEmitter } from 'node:events';
import type { LabSeed } from '../seed';
import {
  ENTITY_NAMES,
  type EntityName,
  type Tree,
  type TreeValue,
  UccxApiError,
  adminPath,
  invalidInput,
  isTree,
  notFound,
  parseAdminUrl,
} from './model';
import {
  type EntityDefinition,
  type NameResolver,
  type ObjectShape,
  type ReferenceResolver,
  entityDefinition,
  normalizeObject,
  referenceTo,
  referencedId,
  renderObject,
} from './schema';
import { seedTrees } from './seed-trees';
import { LabRepository } from './repository';

export type ChangeKind = 'created' | 'updated' | 'deleted';

export interface UccxChange {
  entity: EntityName;
  id: string;
  kind: ChangeKind;
  /** The object as a GET answered just before the change (absent for 'created'). */
  previous?: Tree;
}

export interface ViewOptions {
  /** Add `csqMap` to resources, as `?withCsqs` does. */
  withCsqs?: boolean;
}

export interface ListOptions extends ViewOptions {
  /** Only resources that can serve this CSQ, as `?csqid=` does. */
  csqId?: string;
}

/** The team UCCX puts agents in when they leave a team or their team is deleted. */
export const DEFAULT_TEAM_NAME = 'Default';

/** The language folder seed prompts live in, and the one a bare prompt file name means. */
export const DEFAULT_PROMPT_LANGUAGE = 'en_US';

interface CsqRequirement {
  csqId: string;
  pool: string;
  skills: Array<{ skillId: string; minimumLevel: number }>;
  resourceGroupId: string | undefined;
}

const TRUST_SEED: ReferenceResolver = { exists: () => true };

/** The events of one write: each object once, with its answer from before the write. */
interface ChangeSet {
  touch(entity: EntityName, id: string, kind: ChangeKind): void;
  emit(): void;
}

/** Resource elements owned by Unified CM: taken from the body only when the resource is first synchronised. */
const UNIFIED_CM_ELEMENTS = ['firstName', 'lastName', 'extension', 'type'] as const;

export class UccxStore extends EventEmitter<{ change: [UccxChange] }> implements ReferenceResolver, NameResolver {
  private readonly tables = new Map<EntityName, Map<string, Tree>>(ENTITY_NAMES.map((name) => [name, new Map()]));
  private readonly highestNumericId = new Map<EntityName, number>();
  /** teamId -> userIDs, kept in step with every resource.team write. */
  private readonly membersByTeam = new Map<string, Set<string>>();
  private highestResourceId = 0;
  /** userID -> teams supervised; rebuilt lazily after a team write. */
  private supervisedTeams: Map<string, { primary: string[]; secondary: string[] }> | null = null;

  /**
   * Documents and prompts (apis-2.md §4). A prompt written there is also a
   * 'change' of entity 'prompt' whose id is its path ('/en_US/welcome.wav').
   */
  readonly repository: LabRepository;

  constructor(seed?: LabSeed) {
    super();
    this.repository = new LabRepository();
    for (const kind of ['document', 'prompt'] as const) this.repository.createLanguage(kind, DEFAULT_PROMPT_LANGUAGE, 'system');
    this.repository.on('change', (change) => {
      if (change.kind === 'prompt' && !change.path.endsWith('/')) this.emit('change', { entity: 'prompt', id: change.path, kind: change.change });
    });
    if (seed) this.loadSeed(seed);
  }

  // ---- reading ---------------------------------------------------------

  exists(entity: EntityName, id: string): boolean {
    // A CSQ names its prompt by file name ('welcome.wav') or by path in the repository.
    if (entity === 'prompt') return this.repository.filePaths('prompt').some((path) => path === id || path.endsWith(`/${id}`));
    return this.table(entity).has(id);
  }

  count(entity: EntityName): number {
    return this.table(entity).size;
  }

  ids(entity: EntityName): string[] {
    return [...this.table(entity).keys()];
  }

  /** The object as a GET would answer it (host-less refURLs), or undefined. A copy: change it with update(). */
  get(entity: EntityName, id: string, options: ViewOptions = {}): Tree | undefined {
    const view = this.view(entity, id, options);
    return view && structuredClone(view);
  }

  /** Every object as a LIST would answer it. Copies. */
  list(entity: EntityName, options: ListOptions = {}): Tree[] {
    return structuredClone(this.views(entity, options));
  }

  displayName(entity: EntityName, id: string): string | undefined {
    const stored = this.table(entity).get(id);
    const name = stored?.[entityDefinition(entity).nameField];
    return typeof name === 'string' ? name : undefined;
  }

  /** The team id a resource belongs to. */
  teamIdOf(userID: string): string | undefined {
    return referencedId(this.table('resource').get(userID)?.team);
  }

  /** userIDs of a team's members, in the order they joined. */
  teamMembers(teamId: string): string[] {
    return [...(this.membersByTeam.get(teamId) ?? [])];
  }

  /** CSQ id → userIDs of the agents whose skills (or resource group) let them serve it, the rule `?withCsqs` uses. */
  agentsByCsq(): Map<string, string[]> {
    const resources = [...this.table('resource')];
    return new Map(this.csqRequirements().map((requirement) => [requirement.csqId, resources.filter(([, tree]) => canServe(tree, requirement)).map(([userID]) => userID)]));
  }

  /** The .wav bytes of a prompt: a path ('/de_DE/welcome.wav') or a file name in the default language folder. */
  promptAudio(pathOrName: string): Buffer | undefined {
    return this.repository.read('prompt', promptPath(pathOrName));
  }

  /** Rendering for the HTTP layer: shares structure with the store, never hand it out. */
  view(entity: EntityName, id: string, options: ViewOptions = {}): Tree | undefined {
    return this.render(entity, id, options, undefined);
  }

  private render(entity: EntityName, id: string, options: ViewOptions, requirements: CsqRequirement[] | undefined): Tree | undefined {
    const stored = this.table(entity).get(id);
    if (!stored) return undefined;
    const definition = entityDefinition(entity);
    let computed: Tree | undefined;
    if (entity === 'resource') {
      const supervised = this.supervisedTeamsIndex().get(id);
      computed = {
        primarySupervisorOf: { supervisorOfTeamName: (supervised?.primary ?? []).map((teamId) => referenceTo('team', teamId)) },
        secondarySupervisorOf: { supervisorOfTeamName: (supervised?.secondary ?? []).map((teamId) => referenceTo('team', teamId)) },
      };
      if (options.withCsqs) {
        const eligible = (requirements ?? this.csqRequirements()).filter((requirement) => canServe(stored, requirement));
        computed.csqMap = { csq: eligible.map((requirement) => referenceTo('csq', requirement.csqId)) };
      }
    } else if (entity === 'team') {
      computed = { resources: { resource: this.teamMembers(id).map((userID) => referenceTo('resource', userID)) } };
    }
    return renderObject(stored, definition.shape, this, computed);
  }

  /** LIST rendering for the HTTP layer: one pass over the table, no per-item scans. */
  views(entity: EntityName, options: ListOptions = {}): Tree[] {
    const needsRequirements = entity === 'resource' && (options.withCsqs || options.csqId !== undefined);
    const requirements = needsRequirements ? this.csqRequirements() : undefined;
    let ids = this.ids(entity);
    if (entity === 'resource' && options.csqId !== undefined) {
      const requirement = requirements!.find((r) => r.csqId === options.csqId);
      if (!requirement) throw notFound('csq', options.csqId);
      const resources = this.table('resource');
      ids = ids.filter((userID) => canServe(resources.get(userID)!, requirement));
    }
    return ids.map((id) => this.render(entity, id, options, requirements)!);
  }

  // ---- writing ---------------------------------------------------------

  /**
   * Create an object from a client body (POST). Returns the new id.
   * Resources can be created here to simulate a Unified CM sync; the HTTP
   * layer refuses POST /adminapi/resource as the product does.
   */
  create(entity: EntityName, body: unknown): string {
    if (entity === 'prompt') throw new UccxApiError(405, 'Method Not Allowed', 'prompts are created by uploading a .wav file');
    const definition = entityDefinition(entity);
    const source = requireObject(definition, body);
    const input = withoutServerElements(definition, source);
    const tree = normalizeObject(input, definition.shape, entity, this);
    const members = entity === 'team' ? this.listedTeamMembers(source) : undefined;
    this.checkRules(entity, tree);

    const id = definition.serverAssignsId ? String((this.highestNumericId.get(entity) ?? 0) + 1) : this.clientKey(definition, source);
    if (this.exists(entity, id)) throw new UccxApiError(409, 'Conflict', `${entity} '${id}' already exists`, id);
    this.checkUniqueName(definition, tree, undefined);
    if (entity === 'application') this.assignApplicationNumber(tree, undefined);

    const changes = this.changeSet();
    changes.touch(entity, id, 'created');
    if (entity === 'team') this.touchSupervisorChanges({}, tree, changes);
    this.completeServerElements(definition, id, tree, undefined, source);
    if (entity === 'resource') this.indexMembership(id, undefined, referencedId(tree.team), changes);
    this.insert(entity, id, tree);
    if (entity === 'team') {
      this.supervisedTeams = null;
      if (members) this.applyTeamMembers(id, members, changes);
    }
    changes.emit();
    return id;
  }

  /** Replace an object with a full client body (PUT). */
  replace(entity: EntityName, id: string, body: unknown): void {
    const existing = this.table(entity).get(id);
    if (!existing) throw notFound(entity, id);
    if (entity === 'prompt') throw new UccxApiError(405, 'Method Not Allowed', 'prompt metadata is read-only; upload a .wav file instead');
    const definition = entityDefinition(entity);
    const source = requireObject(definition, body);
    const sentKey = source[definition.idField];
    if (sentKey !== undefined && sentKey !== null && sentKey !== '' && String(sentKey).trim() !== id) {
      throw invalidInput(definition.idField, `${definition.idField} '${String(sentKey)}' does not match the object addressed ('${id}'); it cannot be changed`);
    }
    const tree = normalizeObject(withoutServerElements(definition, source), definition.shape, entity, this);
    const members = entity === 'team' ? this.listedTeamMembers(source) : undefined;
    this.checkRules(entity, tree);
    this.checkUniqueName(definition, tree, id);
    if (entity === 'application') this.assignApplicationNumber(tree, id);

    const changes = this.changeSet();
    changes.touch(entity, id, 'updated');
    if (entity === 'team') this.touchSupervisorChanges(existing, tree, changes);
    this.completeServerElements(definition, id, tree, existing, source);
    if (entity === 'resource') {
      this.indexMembership(id, referencedId(existing.team), referencedId(tree.team), changes);
    }
    this.table(entity).set(id, tree);
    if (entity === 'team') {
      this.supervisedTeams = null;
      if (members) this.applyTeamMembers(id, members, changes);
    }
    changes.emit();
  }

  /**
   * Read-modify-write in one call, for tests changing data behind the
   * console's back: `mutate` gets the object as a GET answers it and the
   * result is stored with full-object PUT semantics and validation.
   */
  update(entity: EntityName, id: string, mutate: (tree: Tree) => void): Tree {
    const current = this.get(entity, id);
    if (!current) throw notFound(entity, id);
    mutate(current);
    this.replace(entity, id, current);
    return this.get(entity, id)!;
  }

  delete(entity: EntityName, id: string): void {
    const existing = this.table(entity).get(id);
    if (!existing) throw notFound(entity, id);
    if (entity === 'team' && this.isDefaultTeam(id)) {
      throw new UccxApiError(409, 'Conflict', 'the Default team cannot be deleted', id);
    }
    if (entity !== 'team' && entity !== 'resource') {
      const referrer = this.findReferrer(entity, id);
      if (referrer) {
        throw new UccxApiError(409, 'Conflict', `${entity} '${id}' is in use by ${referrer.entity} '${referrer.id}'`, id);
      }
    }
    const changes = this.changeSet();
    changes.touch(entity, id, 'deleted');
    if (entity === 'team') {
      const members = this.teamMembers(id);
      if (members.length > 0) {
        // As in the product: members of a deleted team move to the Default team.
        const defaultTeam = this.defaultTeamId(changes);
        for (const userID of members) this.moveToTeam(userID, defaultTeam, changes);
      }
    } else if (entity === 'resource') {
      this.removeSupervisor(id, changes);
      this.indexMembership(id, referencedId(existing.team), undefined, changes);
    }
    this.table(entity).delete(id);
    if (entity === 'team') {
      this.membersByTeam.delete(id);
      this.supervisedTeams = null;
    }
    changes.emit();
  }

  /**
   * Store a prompt file behind the console's back: a path or a file name in
   * the default language folder. 'create' refuses an existing name (409),
   * 'replace' a missing one (404); a file UCCX cannot play is a 400.
   */
  savePrompt(pathOrName: string, wav: Buffer, mode: 'create' | 'replace'): void {
    const path = promptPath(pathOrName);
    const exists = this.repository.isFile('prompt', path);
    if (mode === 'create' && exists) throw new UccxApiError(409, 'Conflict', `prompt '${path}' already exists`, path);
    if (mode === 'replace' && !exists) throw notFound('prompt', path);
    this.repository.put('prompt', path, wav);
  }

  // ---- internals -------------------------------------------------------

  private table(entity: EntityName): Map<string, Tree> {
    return this.tables.get(entity)!;
  }

  private loadSeed(seed: LabSeed): void {
    const trees = seedTrees(seed);
    this.repository.createLanguage('prompt', 'de_DE', 'system');
    for (const [path, bytes] of trees.promptAudio) this.repository.put('prompt', path, bytes, 'system');
    for (const { entity, id, tree } of trees.objects) {
      const definition = entityDefinition(entity);
      this.insert(entity, id, normalizeObject(tree, definition.shape, entity, TRUST_SEED));
      if (entity === 'resource') this.membersIndexAdd(id, referencedId(tree.team));
    }
  }

  private insert(entity: EntityName, id: string, tree: Tree): void {
    this.table(entity).set(id, tree);
    if (entityDefinition(entity).serverAssignsId) {
      this.highestNumericId.set(entity, Math.max(this.highestNumericId.get(entity) ?? 0, Number(id)));
    }
    if (entity === 'resource' && typeof tree.resourceId === 'number') {
      this.highestResourceId = Math.max(this.highestResourceId, tree.resourceId);
    }
  }

  private changeSet(): ChangeSet {
    const pending = new Map<string, UccxChange>();
    return {
      touch: (entity: EntityName, id: string, kind: ChangeKind) => {
        const key = `${entity}/${id}`;
        const earlier = pending.get(key);
        if (earlier) {
          if (kind === 'deleted') earlier.kind = 'deleted';
          return;
        }
        const previous = kind === 'created' ? undefined : this.get(entity, id);
        pending.set(key, previous ? { entity, id, kind, previous } : { entity, id, kind });
      },
      emit: () => {
        for (const change of pending.values()) this.emit('change', change);
      },
    };
  }

  /** Server-owned elements: ids and self always; Unified CM elements of resources kept from before. */
  private completeServerElements(definition: EntityDefinition, id: string, tree: Tree, existing: Tree | undefined, source: Tree): void {
    tree.self = adminPath(definition.name, id);
    tree[definition.idField] = definition.serverAssignsId ? Number(id) : id;
    if (definition.name !== 'resource') return;
    tree.resourceId = typeof existing?.resourceId === 'number' ? existing.resourceId : ++this.highestResourceId;
    if (existing) {
      for (const field of UNIFIED_CM_ELEMENTS) if (existing[field] !== undefined) tree[field] = existing[field];
      return;
    }
    const resourceFields = entityDefinition('resource').shape.fields;
    const unifiedCmShape: ObjectShape = {
      kind: 'object',
      fields: Object.fromEntries(UNIFIED_CM_ELEMENTS.map((field) => [field, resourceFields[field]!])),
    };
    const synchronised = normalizeObject(
      Object.fromEntries(UNIFIED_CM_ELEMENTS.filter((field) => field in source).map((field) => [field, source[field]!])),
      unifiedCmShape,
      'resource',
      this,
    );
    Object.assign(tree, synchronised);
    tree.type ??= 1;
  }

  private clientKey(definition: EntityDefinition, source: Tree): string {
    const value = source[definition.idField];
    const key = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (!key) throw invalidInput(definition.idField, `${definition.name}.${definition.idField} is required`);
    // userIDs may contain any special character except / and \ [C: Get Resource note].
    if (/[/\\]/.test(key)) throw invalidInput(definition.idField, `${definition.idField} must not contain / or \\`);
    return key;
  }

  /** Application numbers (`id`) are unique; a new application without one gets the next free number. */
  private assignApplicationNumber(tree: Tree, ownKey: string | undefined): void {
    const applications = this.table('application');
    if (typeof tree.id === 'number') {
      for (const [key, other] of applications) {
        if (key !== ownKey && other.id === tree.id) {
          throw new UccxApiError(409, 'Conflict', `application id ${tree.id} is already used by '${key}'`, String(tree.id));
        }
      }
      return;
    }
    const existing = ownKey ? applications.get(ownKey)?.id : undefined;
    if (typeof existing === 'number') {
      tree.id = existing;
      return;
    }
    let highest = 0;
    for (const other of applications.values()) if (typeof other.id === 'number') highest = Math.max(highest, other.id);
    tree.id = highest + 1;
  }

  private checkUniqueName(definition: EntityDefinition, tree: Tree, ownId: string | undefined): void {
    if (!definition.uniqueName) return;
    const name = tree[definition.nameField];
    if (typeof name !== 'string') return;
    // Case-insensitive uniqueness is the lab's assumption [U].
    const wanted = name.toLowerCase();
    for (const [id, other] of this.table(definition.name)) {
      const otherName = other[definition.nameField];
      if (id !== ownId && typeof otherName === 'string' && otherName.toLowerCase() === wanted) {
        throw new UccxApiError(409, 'Conflict', `a ${definition.name} named '${name}' already exists`, name);
      }
    }
  }

  /** Rules that span several elements. */
  private checkRules(entity: EntityName, tree: Tree): void {
    if (entity === 'resource') {
      rejectDuplicateSkills(asTree(tree.skillMap)?.skillCompetency, 'resource.skillMap');
    } else if (entity === 'csq') {
      const pool = asTree(tree.poolSpecificInfo);
      const expected = tree.resourcePoolType === 'SKILL_GROUP' ? 'skillGroup' : 'resourceGroup';
      if (!pool || !(expected in pool)) {
        throw invalidInput(`csq.poolSpecificInfo.${expected}`, `a ${String(tree.resourcePoolType)} CSQ needs poolSpecificInfo.${expected}`);
      }
      rejectDuplicateSkills(asTree(pool.skillGroup)?.skillCompetency, 'csq.poolSpecificInfo.skillGroup');
    } else if (entity === 'team') {
      for (const userID of supervisorIds(tree)) {
        if (this.table('resource').get(userID)?.type !== 2) {
          throw invalidInput('team.supervisors', `resource '${userID}' is not a supervisor (type 2) and cannot supervise a team`);
        }
      }
    } else if (entity === 'application') {
      if (tree.type === 'Cisco Script Application' && !isTree(tree.ScriptApplication)) {
        throw invalidInput('application.ScriptApplication', 'a Cisco Script Application needs a ScriptApplication element');
      }
    }
  }

  /** team.resources on a write: validated and resolved to userIDs; undefined when the element was not sent. */
  private listedTeamMembers(source: Tree): string[] | undefined {
    if (!('resources' in source)) return undefined;
    const shape = entityDefinition('team').shape.fields.resources as ObjectShape;
    const members = normalizeObject(source.resources, shape, 'team.resources', this);
    return [...new Set(asList(members.resource).map((item) => referencedId(item)!))];
  }

  /**
   * Membership appears both in resource.team and in team.resources [U which
   * side wins]. The lab makes both work: listed resources move into the
   * team, members left out move to the Default team. A PUT without a
   * `resources` element leaves membership alone.
   */
  private applyTeamMembers(teamId: string, members: string[], changes: ChangeSet): void {
    for (const userID of members) this.moveToTeam(userID, teamId, changes);
    const listed = new Set(members);
    const leaving = this.teamMembers(teamId).filter((userID) => !listed.has(userID));
    if (leaving.length === 0 || this.isDefaultTeam(teamId)) return;
    const defaultTeam = this.defaultTeamId(changes);
    for (const userID of leaving) this.moveToTeam(userID, defaultTeam, changes);
  }

  private moveToTeam(userID: string, teamId: string, changes: ChangeSet): void {
    const resources = this.table('resource');
    const resource = resources.get(userID)!;
    const previousTeam = referencedId(resource.team);
    if (previousTeam === teamId) return;
    changes.touch('resource', userID, 'updated');
    this.indexMembership(userID, previousTeam, teamId, changes);
    resources.set(userID, { ...resource, team: referenceTo('team', teamId) });
  }

  /** Move a resource between member sets, recording both teams as changed. */
  private indexMembership(userID: string, fromTeam: string | undefined, toTeam: string | undefined, changes: ChangeSet): void {
    if (fromTeam === toTeam) return;
    if (fromTeam !== undefined) {
      changes.touch('team', fromTeam, 'updated');
      this.membersByTeam.get(fromTeam)?.delete(userID);
    }
    if (toTeam !== undefined) {
      changes.touch('team', toTeam, 'updated');
      this.membersIndexAdd(userID, toTeam);
    }
  }

  private membersIndexAdd(userID: string, teamId: string | undefined): void {
    if (teamId === undefined) return;
    let members = this.membersByTeam.get(teamId);
    if (!members) this.membersByTeam.set(teamId, (members = new Set()));
    members.add(userID);
  }

  private isDefaultTeam(teamId: string): boolean {
    return this.displayName('team', teamId)?.toLowerCase() === DEFAULT_TEAM_NAME.toLowerCase();
  }

  /** The Default team's id, creating the team the first time an agent needs it. */
  private defaultTeamId(changes: ChangeSet): string {
    for (const id of this.table('team').keys()) if (this.isDefaultTeam(id)) return id;
    const id = String((this.highestNumericId.get('team') ?? 0) + 1);
    changes.touch('team', id, 'created');
    this.insert('team', id, { self: adminPath('team', id), teamId: Number(id), teamname: DEFAULT_TEAM_NAME });
    return id;
  }

  /** A resource's supervisorOf lists change when a team's supervisors change. */
  private touchSupervisorChanges(before: Tree, after: Tree, changes: ChangeSet): void {
    const earlier = supervisorIds(before);
    const later = supervisorIds(after);
    if (earlier.join('\n') === later.join('\n')) return;
    for (const userID of new Set([...earlier, ...later])) {
      if (this.exists('resource', userID)) changes.touch('resource', userID, 'updated');
    }
  }

  /** A resource removed from Unified CM stops supervising its teams. */
  private removeSupervisor(userID: string, changes: ChangeSet): void {
    const teams = this.table('team');
    for (const [teamId, team] of teams) {
      const secondaries = asList(asTree(team.secondarySupervisors)?.secondrySupervisor);
      const keptSecondaries = secondaries.filter((s) => referencedId(s) !== userID);
      const isPrimary = referencedId(team.primarySupervisor) === userID;
      if (!isPrimary && keptSecondaries.length === secondaries.length) continue;
      changes.touch('team', teamId, 'updated');
      const updated: Tree = { ...team, secondarySupervisors: { ...asTree(team.secondarySupervisors), secondrySupervisor: keptSecondaries } };
      if (isPrimary) delete updated.primarySupervisor;
      teams.set(teamId, updated);
    }
    this.supervisedTeams = null;
  }

  private supervisedTeamsIndex(): Map<string, { primary: string[]; secondary: string[] }> {
    if (this.supervisedTeams) return this.supervisedTeams;
    const index = new Map<string, { primary: string[]; secondary: string[] }>();
    const entry = (userID: string) => {
      let found = index.get(userID);
      if (!found) index.set(userID, (found = { primary: [], secondary: [] }));
      return found;
    };
    for (const [teamId, team] of this.table('team')) {
      const primary = referencedId(team.primarySupervisor);
      if (primary !== undefined) entry(primary).primary.push(teamId);
      for (const secondary of asList(asTree(team.secondarySupervisors)?.secondrySupervisor)) {
        const userID = referencedId(secondary);
        if (userID !== undefined) entry(userID).secondary.push(teamId);
      }
    }
    this.supervisedTeams = index;
    return index;
  }

  private csqRequirements(): CsqRequirement[] {
    const requirements: CsqRequirement[] = [];
    for (const [csqId, csq] of this.table('csq')) {
      const pool = asTree(csq.poolSpecificInfo);
      const skills = asList(asTree(pool?.skillGroup)?.skillCompetency).flatMap((item) => {
        const competency = asTree(item);
        const skillId = referencedId(competency?.skillNameUriPair);
        return skillId === undefined ? [] : [{ skillId, minimumLevel: Number(competency?.competencelevel ?? 1) }];
      });
      const resourceGroupId = referencedId(asTree(pool?.resourceGroup)?.resourceGroupNameUriPair);
      requirements.push({ csqId, pool: String(csq.resourcePoolType), skills, resourceGroupId });
    }
    return requirements;
  }

  /** First object whose stored tree references the given one (for delete-in-use checks). */
  private findReferrer(entity: EntityName, id: string): { entity: EntityName; id: string } | undefined {
    const references = (value: TreeValue): boolean => {
      if (Array.isArray(value)) return value.some(references);
      if (!isTree(value)) return false;
      for (const [key, child] of Object.entries(value)) {
        if (key === 'refURL' && typeof child === 'string') {
          const target = parseAdminUrl(child);
          if (target?.entity === entity && target.id === id) return true;
        } else if (references(child)) return true;
      }
      return false;
    };
    for (const [otherEntity, table] of this.tables) {
      for (const [otherId, tree] of table) {
        for (const [key, value] of Object.entries(tree)) {
          if (key !== 'self' && references(value)) return { entity: otherEntity, id: otherId };
        }
      }
    }
    return undefined;
  }
}

/** Can this agent (stored tree) serve this CSQ? Skill groups: every CSQ skill at or above its level. */
/** A prompt path as given, or a bare file name placed in the default language folder. */
function promptPath(pathOrName: string): string {
  return pathOrName.includes('/') ? pathOrName : `/${DEFAULT_PROMPT_LANGUAGE}/${pathOrName}`;
}

function canServe(resource: Tree, requirement: CsqRequirement): boolean {
  if (requirement.pool === 'RESOURCE_GROUP') {
    return requirement.resourceGroupId !== undefined && referencedId(resource.resourceGroup) === requirement.resourceGroupId;
  }
  if (requirement.skills.length === 0) return false;
  const levels = new Map<string, number>();
  for (const item of asList(asTree(resource.skillMap)?.skillCompetency)) {
    const competency = asTree(item);
    const skillId = referencedId(competency?.skillNameUriPair);
    if (skillId !== undefined) levels.set(skillId, Number(competency?.competencelevel));
  }
  return requirement.skills.every((skill) => (levels.get(skill.skillId) ?? 0) >= skill.minimumLevel);
}

/** userIDs of a team's primary and secondary supervisors, primary first. */
function supervisorIds(team: Tree): string[] {
  const references = [team.primarySupervisor, ...asList(asTree(team.secondarySupervisors)?.secondrySupervisor)];
  return references.map((reference) => referencedId(reference)).filter((userID) => userID !== undefined);
}

function rejectDuplicateSkills(competencies: TreeValue | undefined, path: string): void {
  const seen = new Set<string>();
  for (const item of asList(competencies)) {
    const skillId = referencedId(asTree(item)?.skillNameUriPair);
    if (skillId === undefined) continue;
    if (seen.has(skillId)) throw invalidInput(`${path}.skillCompetency`, `${path} lists skill ${skillId} more than once`);
    seen.add(skillId);
  }
}

function requireObject(definition: EntityDefinition, body: unknown): Tree {
  if (!isTree(body)) throw invalidInput(definition.name, `the body must be one ${definition.name} object`);
  return body;
}

/** The client's body without the elements the server owns or computes. */
function withoutServerElements(definition: EntityDefinition, source: Tree): Tree {
  const input: Tree = {};
  for (const [key, value] of Object.entries(source)) {
    if (!definition.serverOwned.includes(key) && !definition.derived.includes(key)) input[key] = value;
  }
  return input;
}

function asTree(value: TreeValue | undefined): Tree | undefined {
  return isTree(value) ? value : undefined;
}

function asList(value: TreeValue | undefined): TreeValue[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

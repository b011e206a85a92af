/**
 * What the lab knows about each adminapi entity: element names and order,
 * which elements repeat, which are numbers or booleans, which are name/URI
 * references, and their documented limits (apis.md section 1.3). One
 * description drives both directions:
 *
 * - normalize(): a parsed XML or JSON body becomes a stored tree. Known
 *   elements are validated and typed, repeated elements become arrays even
 *   when a client sent one item as a bare object, references are checked to
 *   exist, and unknown elements are kept untouched (a real full-object PUT
 *   round-trips what the server does not understand).
 * - render(): a stored tree becomes the answer, in schema order, with
 *   reference names refreshed from their target (the DB joins on ids, so a
 *   renamed skill shows its new name everywhere).
 */
import { type EntityName, type Tree, type TreeValue, UccxApiError, adminPath, hostlessAdminUrl, invalidInput, isTree, parseAdminUrl } from './model';

interface ShapeBase {
  required?: boolean;
}
export interface StringShape extends ShapeBase {
  kind: 'string';
  minLength?: number;
  maxLength?: number;
  oneOf?: readonly string[];
  pattern?: RegExp;
}
export interface IntShape extends ShapeBase {
  kind: 'int';
  min?: number;
  max?: number;
}
export interface BoolShape extends ShapeBase {
  kind: 'bool';
}
/** nameUriPair: `<x name="..."><refURL>https://node/adminapi/<target>/<id></refURL></x>`. */
export interface RefShape extends ShapeBase {
  kind: 'ref';
  target: EntityName;
  /** URL segment used when rendering, where the product is known to differ from the entity name. */
  urlSegment?: string;
}
export interface ObjectShape extends ShapeBase {
  kind: 'object';
  /** Known child elements, in the order the product returns them. */
  fields: Record<string, Shape>;
}
/** A repeated element (the key holds an array). */
export interface ListShape extends ShapeBase {
  kind: 'list';
  item: Shape;
  maxItems?: number;
}
export type Shape = StringShape | IntShape | BoolShape | RefShape | ObjectShape | ListShape;

const text = (options: Omit<StringShape, 'kind'> = {}): StringShape => ({ kind: 'string', ...options });
const int = (options: Omit<IntShape, 'kind'> = {}): IntShape => ({ kind: 'int', ...options });
const bool = (options: Omit<BoolShape, 'kind'> = {}): BoolShape => ({ kind: 'bool', ...options });
const ref = (target: EntityName, options: Omit<RefShape, 'kind' | 'target'> = {}): RefShape => ({ kind: 'ref', target, ...options });
const object = (fields: Record<string, Shape>, options: Omit<ObjectShape, 'kind' | 'fields'> = {}): ObjectShape => ({ kind: 'object', fields, ...options });
const list = (item: Shape, options: Omit<ListShape, 'kind' | 'item'> = {}): ListShape => ({ kind: 'list', item, ...options });

/** Up to 50 skills per skill map [C: Skill Competency data structure]. */
export const MAX_SKILLS_PER_MAP = 50;

export const SELECTION_CRITERIA = [
  'Longest Available', 'Most Handled Contacts', 'Shortest Average Handle Time', 'Most Skilled',
  'Least Skilled', 'Most Skilled by Weight', 'Least Skilled by Weight', 'Most Skilled by Order',
  'Least Skilled by Order',
] as const;

const WEEK_DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const CALENDAR_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const resourceSkillCompetency = object({
  competencelevel: int({ min: 1, max: 10, required: true }),
  skillNameUriPair: ref('skill', { required: true }),
});

/**
 * Cisco's Get CSQ / List CSQs samples write the skill reference as
 * /adminapi/Skill/<id> (capital S) while resource skill maps use lower case;
 * the lab reproduces that so clients must not compare refURLs literally [C: samples].
 */
const csqSkillCompetency = object({
  competencelevel: int({ min: 1, max: 10, required: true }),
  skillNameUriPair: ref('skill', { required: true, urlSegment: 'Skill' }),
  weight: int({ min: 1, max: 1000 }),
});

const supervisorOf = object({ supervisorOfTeamName: list(ref('team')) });

const scriptParameter = object({
  name: text({ required: true, minLength: 1 }),
  value: text(),
  type: text(),
});

export interface EntityDefinition {
  name: EntityName;
  /** XML root of a list: `<resources><resource/>...</resources>`. */
  listRoot: string;
  /** Element holding the key the object is addressed by in its URL. */
  idField: string;
  /** True when the server assigns the key (a number); false when the client names the object. */
  serverAssignsId: boolean;
  /** Element shown as the `name` attribute of references to this entity; unique when `uniqueName`. */
  nameField: string;
  uniqueName: boolean;
  shape: ObjectShape;
  /** Elements the server owns: ignored on write, always kept from the stored object. */
  serverOwned: readonly string[];
  /** Elements computed on every read from other objects; ignored on write (team.resources is the exception, see store). */
  derived: readonly string[];
}

const ENTITY_DEFINITIONS: Record<EntityName, EntityDefinition> = {
  // [C: Get Resource, Data Structure for Resource, ccondry test/resource.json]
  resource: {
    name: 'resource',
    listRoot: 'resources',
    idField: 'userID',
    serverAssignsId: false,
    nameField: 'userID',
    uniqueName: false,
    shape: object({
      self: text(),
      resourceId: int(),
      userID: text(),
      firstName: text(),
      lastName: text(),
      extension: text(),
      alias: text({ maxLength: 31 }),
      resourceGroup: ref('resourceGroup'),
      skillMap: object({ skillCompetency: list(resourceSkillCompetency, { maxItems: MAX_SKILLS_PER_MAP }) }),
      autoAvailable: bool(),
      type: int({ min: 1, max: 2 }),
      // Every agent is in exactly one team, so a PUT without a team is refused.
      team: ref('team', { required: true }),
      primarySupervisorOf: supervisorOf,
      secondarySupervisorOf: supervisorOf,
      csqMap: object({ csq: list(ref('csq')) }),
    }),
    // Names, extension and agent/supervisor type come from Unified CM and the
    // appadmin UI; the API cannot change them [P: ccondry src/role.js].
    serverOwned: ['self', 'resourceId', 'userID', 'firstName', 'lastName', 'extension', 'type'],
    derived: ['primarySupervisorOf', 'secondarySupervisorOf', 'csqMap'],
  },
  // [C: Modify Skill]
  skill: {
    name: 'skill',
    listRoot: 'skills',
    idField: 'skillId',
    serverAssignsId: true,
    nameField: 'skillName',
    uniqueName: true,
    shape: object({
      self: text(),
      skillId: int(),
      skillName: text({ required: true, minLength: 1, maxLength: 50 }),
    }),
    serverOwned: ['self', 'skillId'],
    derived: [],
  },
  // [C: CSQ data structure, Get CSQ sample]
  csq: {
    name: 'csq',
    listRoot: 'csqs',
    idField: 'id',
    serverAssignsId: true,
    nameField: 'name',
    uniqueName: true,
    shape: object({
      self: text(),
      id: int(),
      name: text({ required: true, minLength: 1, maxLength: 50 }),
      queueType: text({ required: true, oneOf: ['VOICE', 'EMAIL', 'CHAT'] }),
      routingType: text(),
      queueAlgorithm: text({ required: true, oneOf: ['FIFO'] }),
      autoWork: bool(),
      wrapupTime: int({ min: 0, max: 7200 }),
      resourcePoolType: text({ required: true, oneOf: ['SKILL_GROUP', 'RESOURCE_GROUP'] }),
      serviceLevel: int({ min: 0 }),
      serviceLevelPercentage: int({ min: 1, max: 100 }),
      poolSpecificInfo: object(
        {
          skillGroup: object({
            skillCompetency: list(csqSkillCompetency, { maxItems: MAX_SKILLS_PER_MAP }),
            selectionCriteria: text({ required: true, oneOf: SELECTION_CRITERIA }),
          }),
          // Resource-group pools: element names [P].
          resourceGroup: object({
            resourceGroupNameUriPair: ref('resourceGroup', { required: true }),
            selectionCriteria: text({ required: true }),
          }),
        },
        { required: true },
      ),
      prompt: ref('prompt'),
    }),
    serverOwned: ['self', 'id'],
    derived: [],
  },
  // [C: Create Team sample; note teamname and secondrySupervisor (sic)]
  team: {
    name: 'team',
    listRoot: 'teams',
    idField: 'teamId',
    serverAssignsId: true,
    nameField: 'teamname',
    uniqueName: true,
    shape: object({
      self: text(),
      teamId: int(),
      teamname: text({ required: true, minLength: 1, maxLength: 49 }),
      primarySupervisor: ref('resource'),
      secondarySupervisors: object({ secondrySupervisor: list(ref('resource')) }),
      resources: object({ resource: list(ref('resource')) }),
      csqs: object({ csq: list(ref('csq')) }),
      // 12.5(1) SU1 ES01 and later [C].
      acdBusyOnNonAcdBusy: bool(),
      nonAcdBusyOverride: bool(),
    }),
    serverOwned: ['self', 'teamId'],
    derived: ['resources'],
  },
  // Element names id/name [P].
  resourceGroup: {
    name: 'resourceGroup',
    listRoot: 'resourceGroups',
    idField: 'id',
    serverAssignsId: true,
    nameField: 'name',
    uniqueName: true,
    shape: object({
      self: text(),
      id: int(),
      name: text({ required: true, minLength: 1, maxLength: 50 }),
    }),
    serverOwned: ['self', 'id'],
    derived: [],
  },
  // [C: Data Structure for Application / ScriptApplication, Get Application sample]
  application: {
    name: 'application',
    listRoot: 'applications',
    idField: 'applicationName',
    serverAssignsId: false,
    nameField: 'applicationName',
    uniqueName: true,
    shape: object({
      self: text(),
      ScriptApplication: object({
        script: text({ required: true, minLength: 1 }),
        defaultScript: text(),
        scriptParams: list(scriptParameter),
        defaultScriptParams: list(scriptParameter),
      }),
      id: int({ min: 0, max: 65535 }),
      applicationName: text({ required: true, minLength: 1, maxLength: 30 }),
      type: text({ required: true }),
      description: text(),
      maxsession: int({ required: true, min: 1, max: 2147483647 }),
      enabled: bool({ required: true }),
    }),
    serverOwned: ['self'],
    derived: [],
  },
  // name/timeZone/description/calendarType [C: ccondry test/calendar.js].
  // workingDays and holidays are the lab's own schedule shape [U]: the
  // product's schedule schema was not found.
  calendar: {
    name: 'calendar',
    listRoot: 'calendars',
    idField: 'id',
    serverAssignsId: true,
    nameField: 'name',
    uniqueName: true,
    shape: object({
      self: text(),
      id: int(),
      // 1–30 characters, description up to 70 [C: Data Structure for Calendar].
      name: text({ required: true, minLength: 1, maxLength: 30 }),
      timeZone: text({ required: true, minLength: 1 }),
      description: text({ maxLength: 70 }),
      calendarType: text({ required: true, minLength: 1 }),
      workingDays: object({
        workingDay: list(
          object({
            day: text({ required: true, oneOf: WEEK_DAYS }),
            startTime: text({ required: true, pattern: CLOCK_TIME }),
            endTime: text({ required: true, pattern: CLOCK_TIME }),
          }),
        ),
      }),
      holidays: object({
        holiday: list(object({ date: text({ required: true, pattern: CALENDAR_DATE }), description: text() })),
      }),
    }),
    serverOwned: ['self', 'id'],
    derived: [],
  },
  // Prompts are files in the repository (repository.ts); this entity exists
  // so a CSQ can reference one (refURL /adminapi/prompt/<name>), which the
  // store resolves against the repository. Its table stays empty and
  // nothing here is writable as XML/JSON.
  prompt: {
    name: 'prompt',
    listRoot: 'prompts',
    idField: 'name',
    serverAssignsId: false,
    nameField: 'name',
    uniqueName: true,
    shape: object({
      self: text(),
      name: text(),
      fileSize: int(),
      audioFormat: text(),
      sampleRate: int(),
      channels: int(),
      durationMillis: int(),
    }),
    serverOwned: ['self', 'name', 'fileSize', 'audioFormat', 'sampleRate', 'channels', 'durationMillis'],
    derived: [],
  },
};

export function entityDefinition(entity: EntityName): EntityDefinition {
  return ENTITY_DEFINITIONS[entity];
}

/** What normalize() needs from the store: does a referenced object exist? */
export interface ReferenceResolver {
  exists(entity: EntityName, id: string): boolean;
}

/**
 * Validate and type a client body (already parsed from XML or JSON) against
 * an object shape. `path` names the element in error messages.
 */
export function normalizeObject(input: unknown, shape: ObjectShape, path: string, resolver: ReferenceResolver): Tree {
  // `<skillMap/>` parses to '' and JSON may send null for an empty container.
  if (input === '' || input === null || input === undefined) input = {};
  if (!isTree(input)) throw invalidInput(path, `${path} must be an element with child elements`);
  const out: Tree = {};
  for (const [key, fieldShape] of Object.entries(shape.fields)) {
    const value = normalizeValue(input[key], fieldShape, `${path}.${key}`, resolver);
    if (value !== undefined) out[key] = value;
    else if (fieldShape.required) throw invalidInput(`${path}.${key}`, `${path}.${key} is required`);
  }
  for (const [key, value] of Object.entries(input)) {
    if (!(key in shape.fields)) out[key] = keepUnknown(key, value as TreeValue);
  }
  return out;
}

function normalizeValue(value: unknown, shape: Shape, path: string, resolver: ReferenceResolver): TreeValue | undefined {
  if (value === undefined) return undefined;
  switch (shape.kind) {
    case 'object':
      return normalizeObject(value, shape, path, resolver);
    case 'list': {
      // One repeated element parses as a bare object/value; JSON clients may send it that way too.
      const items = value === '' || value === null ? [] : Array.isArray(value) ? value : [value];
      if (shape.maxItems !== undefined && items.length > shape.maxItems) {
        throw invalidInput(path, `${path}: at most ${shape.maxItems} entries are allowed, got ${items.length}`);
      }
      const out: TreeValue[] = [];
      items.forEach((item, index) => {
        const normalized = normalizeValue(item, shape.item, `${path}[${index}]`, resolver);
        if (normalized !== undefined) out.push(normalized);
      });
      return out;
    }
    case 'ref':
      return normalizeReference(value, shape, path, resolver);
    case 'int':
      return normalizeInt(value, shape, path);
    case 'bool':
      return normalizeBool(value, path);
    case 'string':
      return normalizeString(value, shape, path);
  }
}

function normalizeReference(value: unknown, shape: RefShape, path: string, resolver: ReferenceResolver): Tree | undefined {
  // `<resourceGroup/>`: an empty (nil) reference means "none".
  if (value === '' || value === null) return undefined;
  if (!isTree(value)) throw invalidInput(path, `${path} must be a name/URI pair with a refURL`);
  const url = value.refURL;
  if (typeof url !== 'string' || url.trim() === '') throw invalidInput(`${path}.refURL`, `${path}.refURL is required`);
  const target = parseAdminUrl(url);
  if (!target || target.entity !== shape.target) {
    throw invalidInput(`${path}.refURL`, `${path}.refURL must be the URL of a ${shape.target}, got '${url}'`);
  }
  if (!resolver.exists(target.entity, target.id)) {
    throw new UccxApiError(400, 'Invalid Input', `${path}.refURL points to ${shape.target} '${target.id}', which does not exist`, url);
  }
  const name = value['@name'];
  return { '@name': typeof name === 'string' ? name : '', refURL: adminPath(target.entity, target.id) };
}

function normalizeInt(value: unknown, shape: IntShape, path: string): number | undefined {
  if (value === '' || value === null) return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(number)) throw invalidInput(path, `${path} must be an integer, got '${String(value)}'`);
  if ((shape.min !== undefined && number < shape.min) || (shape.max !== undefined && number > shape.max)) {
    throw invalidInput(path, `${path} must be between ${shape.min ?? '-∞'} and ${shape.max ?? '∞'}, got ${number}`);
  }
  return number;
}

function normalizeBool(value: unknown, path: string): boolean | undefined {
  if (value === '' || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalidInput(path, `${path} must be true or false, got '${String(value)}'`);
}

function normalizeString(value: unknown, shape: StringShape, path: string): string {
  if (value === null) value = '';
  if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
  if (typeof value !== 'string') throw invalidInput(path, `${path} must be text`);
  if (shape.minLength !== undefined && value.length < shape.minLength) throw invalidInput(path, `${path} must not be empty`);
  if (shape.maxLength !== undefined && value.length > shape.maxLength) {
    throw invalidInput(path, `${path} must be at most ${shape.maxLength} characters`);
  }
  if (shape.oneOf && !shape.oneOf.includes(value)) throw invalidInput(path, `${path} must be one of ${shape.oneOf.join(', ')}, got '${value}'`);
  if (shape.pattern && !shape.pattern.test(value)) throw invalidInput(path, `${path} has an invalid format: '${value}'`);
  return value;
}

/** Unknown elements are stored as sent; only adminapi URLs lose their host. */
function keepUnknown(key: string, value: TreeValue): TreeValue {
  if (typeof value === 'string') return key === 'refURL' || key === 'self' ? hostlessAdminUrl(value) : value;
  if (Array.isArray(value)) return value.map((item) => keepUnknown(key, item));
  if (isTree(value)) {
    const out: Tree = {};
    for (const [childKey, child] of Object.entries(value)) out[childKey] = keepUnknown(childKey, child);
    return out;
  }
  return value;
}

/** What render() needs from the store: the current name of a referenced object. */
export interface NameResolver {
  displayName(entity: EntityName, id: string): string | undefined;
}

/**
 * Build the answer for one object: known elements in schema order (taking
 * `computed` values for derived elements), then unknown elements as stored.
 * Empty repeated elements are left out, so an empty container renders as
 * `<primarySupervisorOf/>` / `"primarySupervisorOf": {}` as the product does.
 */
export function renderObject(stored: Tree, shape: ObjectShape, names: NameResolver, computed?: Tree): Tree {
  const out: Tree = {};
  for (const [key, fieldShape] of Object.entries(shape.fields)) {
    const value = computed && key in computed ? computed[key] : stored[key];
    if (value === undefined) continue;
    const rendered = renderValue(value, fieldShape, names);
    if (rendered !== undefined) out[key] = rendered;
  }
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in shape.fields)) out[key] = value;
  }
  return out;
}

function renderValue(value: TreeValue, shape: Shape, names: NameResolver): TreeValue | undefined {
  switch (shape.kind) {
    case 'object':
      return isTree(value) ? renderObject(value, shape, names) : value;
    case 'list': {
      if (!Array.isArray(value)) return value;
      if (value.length === 0) return undefined;
      return value.map((item) => renderValue(item, shape.item, names) ?? '');
    }
    case 'ref': {
      if (!isTree(value) || typeof value.refURL !== 'string') return value;
      const target = parseAdminUrl(value.refURL);
      if (!target) return value;
      return {
        '@name': names.displayName(target.entity, target.id) ?? (typeof value['@name'] === 'string' ? value['@name'] : ''),
        refURL: adminPath(target.entity, target.id, shape.urlSegment),
      };
    }
    default:
      return value;
  }
}

/** Decoded id of the object a stored name/URI pair points to. */
export function referencedId(value: TreeValue | undefined): string | undefined {
  if (!isTree(value) || typeof value.refURL !== 'string') return undefined;
  return parseAdminUrl(value.refURL)?.id;
}

/** A stored name/URI pair to an object (the name is filled in when rendered). */
export function referenceTo(entity: EntityName, id: string): Tree {
  return { '@name': '', refURL: adminPath(entity, id) };
}

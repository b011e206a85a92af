/**
 * The modelled part of each adminapi entity (apis.md 1.3): how to read the
 * editors' view and the journal's flat fields out of an object's XML, and how
 * to write changed fields back INTO that XML without touching anything else.
 *
 * Field names (used in journal changes, conflicts and the audit log):
 *   resource:    alias, autoAvailable, team, resourceGroup, skill/<skillId>
 *   skill:       name
 *   csq:         name, serviceLevel, serviceLevelPercentage, wrapupTime, autoWork, selectionCriteria, skill/<skillId>
 *   team:        name, primarySupervisor, secondarySupervisors, csqs
 *   application: description, enabled, maxsession, param/<name>
 *   calendar:    name, description, timeZone, calendarType, workingDays, holidays
 * References are stored by key (team id, userID...), lists of keys sorted.
 */
import type { FieldMap, FieldValue } from '../../../shared/domain/changes';
import type {
  CsqSkill,
  NameRef,
  UccxAgent,
  UccxApplication,
  UccxCalendar,
  UccxCsq,
  UccxEntityType,
  UccxResourceGroup,
  UccxSkill,
  UccxTeam,
} from '../../../shared/domain/uccx';
import { agentFields, applicationFields, calendarFields, csqFields, skillFields, teamFields } from '../../../shared/domain/uccx';
import {
  child,
  childElements,
  childText,
  cloneXml,
  descend,
  element,
  ensureChild,
  insertChild,
  removeChildren,
  setChildText,
  textElement,
  textOf,
  type XmlElement,
} from './xml-tree';

/** Element order of each entity as the product returns it (where new elements are inserted). */
const ORDER: Record<string, readonly string[]> = {
  resource: ['self', 'resourceId', 'userID', 'firstName', 'lastName', 'fullName', 'extension', 'alias', 'resourceGroup', 'skillMap', 'autoAvailable', 'type', 'team'],
  skill: ['self', 'skillId', 'skillName'],
  csq: ['self', 'id', 'name', 'queueType', 'routingType', 'queueAlgorithm', 'autoWork', 'wrapupTime', 'resourcePoolType', 'serviceLevel', 'serviceLevelPercentage', 'poolSpecificInfo'],
  team: ['self', 'teamId', 'teamname', 'primarySupervisor', 'secondarySupervisors', 'resources', 'csqs'],
  application: ['self', 'ScriptApplication', 'id', 'applicationName', 'type', 'description', 'maxsession', 'enabled'],
  calendar: ['self', 'id', 'name', 'timeZone', 'description', 'calendarType', 'workingDays', 'holidays'],
};

/** Names of the elements that come before `name` in the entity's order. */
function before(entity: string, name: string): readonly string[] {
  const order = ORDER[entity] ?? [];
  const index = order.indexOf(name);
  return index <= 0 ? [] : order.slice(0, index);
}

export interface EntityInfo {
  type: UccxEntityType;
  /** URL segment: /adminapi/<segment>. */
  segment: string;
  /** Element holding the object's key. */
  keyElement: string;
  /** Element holding its display name. */
  nameElement: string;
}

export const ENTITIES: Record<UccxEntityType, EntityInfo> = {
  resource: { type: 'resource', segment: 'resource', keyElement: 'userID', nameElement: 'userID' },
  skill: { type: 'skill', segment: 'skill', keyElement: 'skillId', nameElement: 'skillName' },
  csq: { type: 'csq', segment: 'csq', keyElement: 'id', nameElement: 'name' },
  team: { type: 'team', segment: 'team', keyElement: 'teamId', nameElement: 'teamname' },
  resourceGroup: { type: 'resourceGroup', segment: 'resourceGroup', keyElement: 'id', nameElement: 'name' },
  application: { type: 'application', segment: 'application', keyElement: 'applicationName', nameElement: 'applicationName' },
  calendar: { type: 'calendar', segment: 'calendar', keyElement: 'id', nameElement: 'name' },
  prompt: { type: 'prompt', segment: 'prompt', keyElement: 'name', nameElement: 'name' },
};

export function keyOf(type: UccxEntityType, object: XmlElement): string {
  return childText(object, ENTITIES[type].keyElement).trim();
}

export function itemPath(type: UccxEntityType, id: string): string {
  return `/adminapi/${ENTITIES[type].segment}/${encodeURIComponent(id)}`;
}

/** The key at the end of a refURL (`https://node/adminapi/Skill/5` → "5"); entity segments are case-tolerant. */
export function refKey(reference: XmlElement | undefined): string | null {
  const url = childText(reference, 'refURL').trim();
  const match = /\/adminapi\/[^/?#]+\/([^/?#]+)\/?$/i.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1]!;
  }
}

function nameRef(reference: XmlElement | undefined): NameRef | null {
  const id = refKey(reference);
  return id === null ? null : { id, name: reference?.attributes.name || id };
}

/** Resolve display names of referenced objects when writing (the server resolves by refURL; the name is informational). */
export interface ReferenceNames {
  name(type: UccxEntityType, id: string): string | undefined;
  /** Base URL of the node written to: new refURLs point there. */
  baseUrl: string;
}

function setReference(ref: XmlElement, type: UccxEntityType, id: string, names: ReferenceNames, segment = ENTITIES[type].segment): void {
  ref.attributes = { ...ref.attributes, name: names.name(type, id) ?? id };
  const url = `${names.baseUrl}/adminapi/${segment}/${encodeURIComponent(id)}`;
  const refUrl = child(ref, 'refURL');
  if (refUrl) refUrl.children = [{ text: url }];
  else ref.children.push(textElement('refURL', url));
}

function referenceElement(name: string, type: UccxEntityType, id: string, names: ReferenceNames, segment?: string): XmlElement {
  const ref = element(name);
  setReference(ref, type, id, names, segment);
  return ref;
}

const toInt = (value: string): number | null => (/^\s*-?\d+\s*$/.test(value) ? Number(value) : null);
const toBool = (value: string): boolean => value.trim().toLowerCase() === 'true';

// ---- views -----------------------------------------------------------------

export function agentView(resource: XmlElement): UccxAgent {
  return {
    userID: childText(resource, 'userID'),
    firstName: childText(resource, 'firstName'),
    lastName: childText(resource, 'lastName'),
    extension: childText(resource, 'extension'),
    alias: childText(resource, 'alias'),
    autoAvailable: toBool(childText(resource, 'autoAvailable')),
    type: toInt(childText(resource, 'type')) ?? 1,
    team: nameRef(child(resource, 'team')),
    resourceGroup: nameRef(child(resource, 'resourceGroup')),
    skills: childElements(child(resource, 'skillMap'), 'skillCompetency').flatMap((competency) => {
      const skill = nameRef(child(competency, 'skillNameUriPair'));
      return skill ? [{ skillId: skill.id, name: skill.name, level: toInt(childText(competency, 'competencelevel')) ?? 1 }] : [];
    }),
  };
}

export function skillView(skill: XmlElement): UccxSkill {
  return { id: childText(skill, 'skillId'), name: childText(skill, 'skillName') };
}

export function resourceGroupView(group: XmlElement): UccxResourceGroup {
  return { id: childText(group, 'id'), name: childText(group, 'name') };
}

export function csqView(csq: XmlElement): UccxCsq {
  const skillGroup = descend(csq, 'poolSpecificInfo', 'skillGroup');
  const resourceGroup = descend(csq, 'poolSpecificInfo', 'resourceGroup');
  return {
    id: childText(csq, 'id'),
    name: childText(csq, 'name'),
    queueType: childText(csq, 'queueType'),
    resourcePoolType: childText(csq, 'resourcePoolType'),
    resourceGroup: nameRef(child(resourceGroup, 'resourceGroupNameUriPair')),
    serviceLevel: toInt(childText(csq, 'serviceLevel')) ?? 0,
    serviceLevelPercentage: toInt(childText(csq, 'serviceLevelPercentage')) ?? 0,
    wrapupTime: toInt(childText(csq, 'wrapupTime')) ?? 0,
    autoWork: toBool(childText(csq, 'autoWork')),
    selectionCriteria: childText(skillGroup ?? resourceGroup, 'selectionCriteria'),
    skills: childElements(skillGroup, 'skillCompetency').flatMap((competency): CsqSkill[] => {
      const skill = nameRef(child(competency, 'skillNameUriPair'));
      if (!skill) return [];
      return [{ skillId: skill.id, name: skill.name, level: toInt(childText(competency, 'competencelevel')) ?? 1, weight: toInt(childText(competency, 'weight')) }];
    }),
  };
}

export function teamView(team: XmlElement): UccxTeam {
  const refs = (parent: XmlElement | undefined, name: string) => childElements(parent, name).flatMap((ref) => nameRef(ref) ?? []);
  return {
    id: childText(team, 'teamId'),
    name: childText(team, 'teamname'),
    primarySupervisor: nameRef(child(team, 'primarySupervisor')),
    // "secondrySupervisor" (sic) is the product's spelling [C].
    secondarySupervisors: refs(child(team, 'secondarySupervisors'), 'secondrySupervisor'),
    members: refs(child(team, 'resources'), 'resource'),
    csqs: refs(child(team, 'csqs'), 'csq'),
  };
}

export function applicationView(application: XmlElement): UccxApplication {
  const script = child(application, 'ScriptApplication');
  return {
    name: childText(application, 'applicationName'),
    id: toInt(childText(application, 'id')),
    type: childText(application, 'type'),
    description: childText(application, 'description'),
    enabled: toBool(childText(application, 'enabled')),
    maxsession: toInt(childText(application, 'maxsession')),
    script: childText(script, 'script'),
    params: childElements(script, 'scriptParams').map((param) => ({
      name: childText(param, 'name'),
      value: childText(param, 'value'),
      type: childText(param, 'type'),
    })),
  };
}

export function calendarView(calendar: XmlElement): UccxCalendar {
  return {
    id: childText(calendar, 'id'),
    name: childText(calendar, 'name'),
    description: childText(calendar, 'description'),
    timeZone: childText(calendar, 'timeZone'),
    calendarType: childText(calendar, 'calendarType'),
    workingDays: childElements(child(calendar, 'workingDays'), 'workingDay').map((day) => ({
      day: childText(day, 'day'),
      startTime: childText(day, 'startTime'),
      endTime: childText(day, 'endTime'),
    })),
    holidays: childElements(child(calendar, 'holidays'), 'holiday').map((holiday) => ({
      date: childText(holiday, 'date'),
      description: childText(holiday, 'description'),
    })),
  };
}

// ---- fields ----------------------------------------------------------------

/** The journal's flat fields of an object (the same derivation the renderer uses on its views). */
export function fieldsOf(type: UccxEntityType, object: XmlElement): FieldMap {
  switch (type) {
    case 'resource':
      return agentFields(agentView(object));
    case 'skill':
      return skillFields(skillView(object));
    case 'resourceGroup':
      return { name: resourceGroupView(object).name };
    case 'csq':
      return csqFields(csqView(object));
    case 'team':
      return teamFields(teamView(object));
    case 'application':
      return applicationFields(applicationView(object));
    case 'calendar':
      return calendarFields(calendarView(object));
    case 'prompt':
      // Prompts are files in the repository, read by the prompt applier, never as XML objects.
      return {};
  }
}

function asString(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

function asStringList(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? value.map((item) => String(item)) : [];
}

function asRecords(value: FieldValue | undefined): Array<Record<string, string>> {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const out: Record<string, string> = {};
    if (item && typeof item === 'object' && !Array.isArray(item)) for (const [key, v] of Object.entries(item)) out[key] = asString(v);
    return out;
  });
}

/** A reference element set to `id`, or emptied (`<resourceGroup/>`, nil) for null. */
function writeReference(object: XmlElement, elementName: string, type: UccxEntityType, id: FieldValue | undefined, names: ReferenceNames, after: readonly string[]): void {
  const existing = child(object, elementName);
  if (id === null || id === undefined || id === '') {
    if (existing) {
      existing.attributes = {};
      existing.children = [];
    }
    return;
  }
  if (existing) setReference(existing, type, String(id), names);
  else insertChild(object, referenceElement(elementName, type, String(id), names), after);
}

/**
 * Set or remove one skill competency in a list of `skillCompetency` elements.
 * An existing entry keeps its place and other children (e.g. a CSQ's weight).
 */
function writeSkillLevel(container: XmlElement, skillId: string, level: FieldValue | undefined, names: ReferenceNames, skillSegment: string, extra: XmlElement[] = []): void {
  const entries = childElements(container, 'skillCompetency');
  const existing = entries.find((entry) => refKey(child(entry, 'skillNameUriPair')) === skillId);
  if (level === null || level === undefined) {
    if (existing) removeChildren(container, (node) => node === existing);
    return;
  }
  if (existing) {
    setChildText(existing, 'competencelevel', String(level));
    return;
  }
  const competency = element('skillCompetency', [
    textElement('competencelevel', String(level)),
    referenceElement('skillNameUriPair', 'skill', skillId, names, skillSegment),
    ...extra,
  ]);
  // After the last existing competency, so other child elements keep their place.
  const last = entries.at(-1);
  if (last) container.children.splice(container.children.indexOf(last) + 1, 0, competency);
  else insertChild(container, competency, []);
}

/**
 * The object with `mine` written into a copy of its XML. Only the touched
 * elements change; every other element, attribute and the order stay as the
 * server sent them.
 */
export function applyFields(type: UccxEntityType, original: XmlElement, mine: FieldMap, names: ReferenceNames): XmlElement {
  const object = cloneXml(original);
  for (const [field, value] of Object.entries(mine)) {
    switch (type) {
      case 'resource':
        if (field === 'alias') setChildText(object, 'alias', asString(value), before('resource', 'alias'));
        else if (field === 'autoAvailable') setChildText(object, 'autoAvailable', String(value === true), before('resource', 'autoAvailable'));
        else if (field === 'team') writeReference(object, 'team', 'team', value, names, before('resource', 'team'));
        else if (field === 'resourceGroup') writeReference(object, 'resourceGroup', 'resourceGroup', value, names, before('resource', 'resourceGroup'));
        else if (field.startsWith('skill/')) {
          const skillMap = ensureChild(object, 'skillMap', before('resource', 'skillMap'));
          writeSkillLevel(skillMap, field.slice('skill/'.length), value, names, 'skill');
        }
        break;
      case 'skill':
        if (field === 'name') setChildText(object, 'skillName', asString(value), before('skill', 'skillName'));
        break;
      case 'resourceGroup':
        if (field === 'name') setChildText(object, 'name', asString(value), ['self', 'id']);
        break;
      case 'csq': {
        const numeric = ['serviceLevel', 'serviceLevelPercentage', 'wrapupTime'];
        const resourceGroupPool = childText(object, 'resourcePoolType') === 'RESOURCE_GROUP';
        if (field === 'name' || numeric.includes(field) || field === 'autoWork' || field === 'resourcePoolType') {
          setChildText(object, field, field === 'autoWork' ? String(value === true) : asString(value), before('csq', field));
        } else if (field === 'resourceGroup' || (field === 'selectionCriteria' && resourceGroupPool)) {
          // A resource-group pool: poolSpecificInfo/resourceGroup/{resourceGroupNameUriPair, selectionCriteria} [P].
          const pool = ensureChild(object, 'poolSpecificInfo', before('csq', 'poolSpecificInfo'));
          const group = ensureChild(pool, 'resourceGroup');
          if (field === 'selectionCriteria') setChildText(group, 'selectionCriteria', asString(value), ['resourceGroupNameUriPair']);
          else if (value === null) removeChildren(pool, (node) => node === group);
          else writeReference(group, 'resourceGroupNameUriPair', 'resourceGroup', value, names, []);
        } else if (field === 'selectionCriteria' || field.startsWith('skill/')) {
          const pool = ensureChild(object, 'poolSpecificInfo', before('csq', 'poolSpecificInfo'));
          const skillGroup = ensureChild(pool, 'skillGroup');
          if (field === 'selectionCriteria') setChildText(skillGroup, 'selectionCriteria', asString(value), ['skillCompetency']);
          else {
            // A new CSQ skill gets weight 1, the product's default; the segment matches Cisco's samples [P].
            writeSkillLevel(skillGroup, field.slice('skill/'.length), value, names, 'skill', [textElement('weight', '1')]);
            // selectionCriteria stays after the competencies.
            const criteria = child(skillGroup, 'selectionCriteria');
            if (criteria) {
              removeChildren(skillGroup, (node) => node === criteria);
              skillGroup.children.push(criteria);
            }
          }
        }
        break;
      }
      case 'team':
        if (field === 'name') setChildText(object, 'teamname', asString(value), before('team', 'teamname'));
        else if (field === 'primarySupervisor') {
          if (value === null || value === '') removeChildren(object, (node) => node.name === 'primarySupervisor');
          else writeReference(object, 'primarySupervisor', 'resource', value, names, before('team', 'primarySupervisor'));
        } else if (field === 'secondarySupervisors' || field === 'csqs') {
          const container = ensureChild(object, field, before('team', field));
          const itemName = field === 'csqs' ? 'csq' : 'secondrySupervisor';
          const wanted = asStringList(value);
          const kept = childElements(container, itemName).filter((ref) => wanted.includes(refKey(ref) ?? ''));
          const keptKeys = new Set(kept.map((ref) => refKey(ref)));
          removeChildren(container, (node) => node.name === itemName && !kept.includes(node));
          for (const id of wanted) {
            if (!keptKeys.has(id)) container.children.push(referenceElement(itemName, field === 'csqs' ? 'csq' : 'resource', id, names));
          }
        }
        break;
      case 'application':
        if (field === 'description') setChildText(object, 'description', asString(value), before('application', 'description'));
        else if (field === 'enabled') setChildText(object, 'enabled', String(value === true), before('application', 'enabled'));
        else if (field === 'maxsession') setChildText(object, 'maxsession', asString(value), before('application', 'maxsession'));
        else if (field.startsWith('param/')) {
          const script = ensureChild(object, 'ScriptApplication', ['self']);
          const name = field.slice('param/'.length);
          const param = childElements(script, 'scriptParams').find((p) => childText(p, 'name') === name);
          if (param) setChildText(param, 'value', asString(value), ['name']);
          else script.children.push(element('scriptParams', [textElement('name', name), textElement('value', asString(value))]));
        }
        break;
      case 'calendar':
        if (['name', 'description', 'timeZone', 'calendarType'].includes(field)) setChildText(object, field, asString(value), before('calendar', field));
        else if (field === 'workingDays' || field === 'holidays') {
          const container = ensureChild(object, field, before('calendar', field));
          const itemName = field === 'workingDays' ? 'workingDay' : 'holiday';
          const columns = field === 'workingDays' ? ['day', 'startTime', 'endTime'] : ['date', 'description'];
          removeChildren(container, (node) => node.name === itemName);
          for (const record of asRecords(value)) container.children.push(element(itemName, columns.map((column) => textElement(column, record[column] ?? ''))));
        }
        break;
      case 'prompt':
        break;
    }
  }
  return object;
}

/** Body of a POST creating an object from fields (skills: name only). */
export function newObject(type: UccxEntityType, mine: FieldMap, names: ReferenceNames): XmlElement {
  const root = element(type);
  if (type === 'csq') {
    // The console creates voice CSQs (email and chat ones need mailbox and widget settings it does not model); FIFO is the only queue algorithm.
    for (const [name, value] of [['queueType', 'VOICE'], ['routingType', 'VOICE'], ['queueAlgorithm', 'FIFO']] as const) setChildText(root, name, value, before('csq', name));
    // The pool type first: where the selection criteria go depends on it.
    const { resourcePoolType, ...rest } = mine;
    return applyFields(type, resourcePoolType === undefined ? root : applyFields(type, root, { resourcePoolType }, names), rest, names);
  }
  return applyFields(type, root, mine, names);
}

export function textOfKey(object: XmlElement, type: UccxEntityType): string {
  return textOf(child(object, ENTITIES[type].keyElement));
}

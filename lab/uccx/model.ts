/**
 * Shared vocabulary of the simulated UCCX adminapi: entity names, the element
 * tree every object is stored as, and the error type every layer throws.
 */

export const ENTITY_NAMES = [
  'resource',
  'skill',
  'csq',
  'team',
  'resourceGroup',
  'application',
  'calendar',
  'prompt',
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

/**
 * One object as an element tree in the JSON shape UCCX itself uses:
 * child elements are keys (in document order), repeated elements are arrays,
 * XML attributes are keys prefixed with '@' (`"@name"`), text next to
 * attributes is '#text'. Numbers and booleans are real JSON types once the
 * element is known to the lab's schema; unknown elements keep whatever the
 * client sent. References keep a host-less `refURL` ("/adminapi/team/2") so
 * every node can prefix its own URL when it answers.
 */
export type TreeValue = string | number | boolean | null | Tree | TreeValue[];
export interface Tree {
  [element: string]: TreeValue;
}

export function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An adminapi failure: HTTP status plus the three fields of the error body.
 * The store throws these too, so tests that change data "behind the back"
 * get the same validation as HTTP clients.
 */
export class UccxApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    /** The element, id or value the error is about (may be empty). */
    readonly errorData = '',
  ) {
    super(message);
    this.name = 'UccxApiError';
  }
}

export function invalidInput(errorData: string, message: string): UccxApiError {
  return new UccxApiError(400, 'Invalid Input', message, errorData);
}

export function notFound(entity: string, id: string): UccxApiError {
  return new UccxApiError(404, 'Not Found', `${entity} '${id}' does not exist`, id);
}

/** Host-less adminapi path of one object: what the store keeps in refURL and self. */
export function adminPath(entity: EntityName, id: string, urlSegment: string = entity): string {
  return `/adminapi/${urlSegment}/${encodeURIComponent(id)}`;
}

const ENTITY_BY_LOWER_NAME = new Map<string, EntityName>(ENTITY_NAMES.map((name) => [name.toLowerCase(), name]));

/**
 * The product is case-tolerant on the entity segment: Cisco's own CSQ samples
 * reference skills as /adminapi/Skill/2 [P].
 */
export function entityFromSegment(segment: string): EntityName | undefined {
  return ENTITY_BY_LOWER_NAME.get(segment.toLowerCase());
}

/**
 * Parse an adminapi URL (absolute, any host, or host-less) into entity and
 * decoded id. Null for anything that is not `/adminapi/<entity>/<id>`.
 */
export function parseAdminUrl(url: string): { entity: EntityName; id: string } | null {
  const match = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/]*)?\/adminapi\/([^/?#]+)\/([^/?#]+)\/?$/i.exec(url.trim());
  if (!match) return null;
  const entity = entityFromSegment(match[1]!);
  if (!entity) return null;
  try {
    return { entity, id: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

/** Strip scheme and host from an adminapi URL so the stored form is node-independent. */
export function hostlessAdminUrl(value: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/adminapi\/.*)$/i.exec(value.trim());
  return match ? match[1]! : value;
}

/**
 * What a UCCX supervisor may do through the adminapi with their own
 * credentials (apis-2.md §5), and the advanced supervisor capabilities an
 * administrator grants them.
 *
 * Confirmed by Cisco [C]: the capability values and endpoints; a supervisor's
 * `GET /adminapi/resource` lists only agents of the teams they supervise
 * (primary or secondary); the calendar and campaign endpoints list 403.
 * The rest is the lab's choice [U], kept in one place so docs/lab.md can
 * say it plainly:
 *
 * - bad credentials (or an agent's) are 401; an authenticated supervisor
 *   doing what they may not is 403 with an adminapi error body;
 * - reads of skills, CSQs, teams, resource groups and prompts are allowed;
 *   their writes are for administrators, except CSQ updates with QUEUE_MGMT
 *   and repository writes (prompts and documents: uploads, folders,
 *   deletes) with APPLICATION_MGMT, since applications read them;
 * - applications and calendars are read and updated only with
 *   APPLICATION_MGMT / CALENDAR_MGMT, and only those in the supervisor's
 *   application / calendar list (lists show only those); never created or
 *   deleted;
 * - an agent (resource) may be read and PUT (re-skilled) by a supervisor of
 *   its team, as long as it stays on a team they supervise; others are 403;
 * - a supervisor reads their own capabilities; anyone else's, and every
 *   capability PUT, is 403.
 */
import type { LabSeed } from '../seed';
import { type EntityName, type Tree, UccxApiError } from './model';
import { referencedId } from './schema';
import type { UccxStore } from './store';

export const SUPERVISOR_CAPABILITIES = ['CAMPAIGN_MGMT', 'APPLICATION_MGMT', 'QUEUE_MGMT', 'CALENDAR_MGMT'] as const;
export type SupervisorCapability = (typeof SUPERVISOR_CAPABILITIES)[number];

/** What an administrator granted one supervisor. */
export interface SupervisorGrant {
  capabilities: SupervisorCapability[];
  /** Calendar ids the supervisor manages (with CALENDAR_MGMT). */
  calendars: string[];
  /** Application names the supervisor manages (with APPLICATION_MGMT). */
  applications: string[];
}

/** Who made an adminapi request. */
export type UccxCaller = { role: 'administrator'; username: string } | { role: 'supervisor'; userID: string };

const NO_GRANT: SupervisorGrant = { capabilities: [], calendars: [], applications: [] };

/** Every supervisor's grant; a supervisor not listed has none. */
export class SupervisorGrants {
  private readonly grants = new Map<string, SupervisorGrant>();

  get(userID: string): SupervisorGrant {
    const grant = this.grants.get(userID) ?? NO_GRANT;
    return { capabilities: [...grant.capabilities], calendars: [...grant.calendars], applications: [...grant.applications] };
  }

  set(userID: string, grant: Partial<SupervisorGrant>): void {
    this.grants.set(userID, { ...this.get(userID), ...grant });
  }

  has(userID: string, capability: SupervisorCapability): boolean {
    return this.get(userID).capabilities.includes(capability);
  }
}

/**
 * The seed's grants: the operations manager (first supervisor, every team)
 * has every capability over every calendar and application; the second
 * supervisor (the lab's supervisor account) manages the "Business Hours"
 * calendar only; the third manages queues and the first application.
 */
export function seedGrants(seed: LabSeed): SupervisorGrants {
  const grants = new SupervisorGrants();
  const supervisors = seed.agents.filter((agent) => agent.type === 2).map((agent) => agent.userID);
  const [manager, second, third] = supervisors;
  if (manager) {
    grants.set(manager, {
      capabilities: [...SUPERVISOR_CAPABILITIES],
      calendars: seed.calendars.map((calendar) => String(calendar.id)),
      applications: seed.applications.map((application) => application.applicationName),
    });
  }
  if (second && seed.calendars[0]) grants.set(second, { capabilities: ['CALENDAR_MGMT'], calendars: [String(seed.calendars[0].id)] });
  if (third && seed.applications[0]) grants.set(third, { capabilities: ['QUEUE_MGMT', 'APPLICATION_MGMT'], applications: [seed.applications[0].applicationName] });
  return grants;
}

export function forbidden(message: string, errorData = ''): UccxApiError {
  return new UccxApiError(403, 'Forbidden', message, errorData);
}

const CAPABILITY_WORDS: Record<SupervisorCapability, string> = {
  CAMPAIGN_MGMT: 'campaign management',
  APPLICATION_MGMT: 'application management',
  QUEUE_MGMT: 'queue management',
  CALENDAR_MGMT: 'calendar management',
};

/** The rules above for one supervisor, over the live store. */
export class SupervisorAccess {
  constructor(
    private readonly store: UccxStore,
    private readonly grants: SupervisorGrants,
    private readonly userID: string,
  ) {}

  private supervisedTeams(): Set<string> {
    return new Set(this.store.teamsSupervisedBy(this.userID));
  }

  /** A supervisor's view of a list: resources of their teams, applications and calendars they manage. */
  filterList(entity: EntityName, items: Tree[]): Tree[] {
    if (entity === 'resource') {
      const teams = this.supervisedTeams();
      return items.filter((item) => teams.has(referencedId(item.team) ?? ''));
    }
    if (entity === 'application') return items.filter((item) => this.grants.get(this.userID).applications.includes(String(item.applicationName)));
    if (entity === 'calendar') return items.filter((item) => this.grants.get(this.userID).calendars.includes(String(item.id)));
    return items;
  }

  /** Throws 403 unless the supervisor may read the list of `entity`. */
  checkListRead(entity: EntityName): void {
    if (entity === 'application') this.requireCapability('APPLICATION_MGMT', 'read applications');
    if (entity === 'calendar') this.requireCapability('CALENDAR_MGMT', 'read calendars');
  }

  /** Throws 403 unless the supervisor may read one object. */
  checkItemRead(entity: EntityName, id: string): void {
    if (entity === 'resource' && id !== this.userID && !this.supervisesAgent(id)) {
      throw forbidden(`supervisor ${this.userID} does not supervise the team of resource '${id}'`, id);
    }
    if (entity === 'application' || entity === 'calendar') this.requireManaged(entity, id, 'read');
  }

  /** Throws 403 unless the supervisor may write (`method`) this object; `body` is the object sent with a PUT. */
  checkWrite(entity: EntityName, method: string, id: string | null, body: Tree | null): void {
    const action = method === 'POST' ? 'create' : method === 'DELETE' ? 'delete' : 'change';
    switch (entity) {
      case 'resource': {
        if (id === null || !this.supervisesAgent(id)) throw forbidden(`supervisor ${this.userID} does not supervise the team of resource '${id ?? ''}'`, id ?? '');
        const newTeam = referencedId(body?.team);
        if (newTeam !== undefined && !this.supervisedTeams().has(newTeam)) {
          throw forbidden(`supervisor ${this.userID} may not move resource '${id}' to team ${newTeam}, which they do not supervise`, newTeam);
        }
        return;
      }
      case 'csq':
        if (method === 'PUT') return this.requireCapability('QUEUE_MGMT', 'change CSQs');
        throw this.administratorsOnly(`${action} CSQs`);
      case 'application':
      case 'calendar':
        if (method === 'PUT' && id !== null) return this.requireManaged(entity, id, 'change');
        throw this.administratorsOnly(`${action} ${entity === 'application' ? 'applications' : 'calendars'}`);
      case 'prompt':
        return this.requireCapability('APPLICATION_MGMT', `${action} prompts`);
      default:
        throw this.administratorsOnly(`${action} ${entity === 'resourceGroup' ? 'resource groups' : `${entity}s`}`);
    }
  }

  /** Throws 403 unless the supervisor may write to the prompt or document repository. */
  checkRepositoryWrite(kind: 'prompt' | 'document', method: string): void {
    const action = method === 'DELETE' ? 'delete' : 'upload';
    this.requireCapability('APPLICATION_MGMT', `${action} ${kind}s`);
  }

  private supervisesAgent(userID: string): boolean {
    const team = this.store.teamIdOf(userID);
    return team !== undefined && this.supervisedTeams().has(team);
  }

  private requireCapability(capability: SupervisorCapability, what: string): void {
    if (!this.grants.has(this.userID, capability)) {
      throw forbidden(`supervisor ${this.userID} may not ${what}: the ${CAPABILITY_WORDS[capability]} capability (${capability}) is not granted`, capability);
    }
  }

  private requireManaged(entity: 'application' | 'calendar', id: string, verb: string): void {
    const capability = entity === 'application' ? 'APPLICATION_MGMT' : 'CALENDAR_MGMT';
    this.requireCapability(capability, `${verb} ${entity}s`);
    const grant = this.grants.get(this.userID);
    const managed = entity === 'application' ? grant.applications : grant.calendars;
    if (!managed.includes(id)) throw forbidden(`${entity} '${id}' is not in the ${entity} list of supervisor ${this.userID}`, id);
  }

  private administratorsOnly(what: string): UccxApiError {
    return forbidden(`only administrators may ${what}; ${this.userID} is a supervisor`, this.userID);
  }
}

/**
 * A simulated Cisco UCCX high-availability pair: node 'ccx-a' (publisher)
 * and node 'ccx-b' (subscriber), each a LabNode serving `/uccx/isDBMaster`
 * and the configuration adminapi over one shared store, the way both nodes
 * read the replicated Informix configuration DB.
 *
 * Writes are accepted only where isDBMaster answers true. Mastership is set
 * by the test or scenario and never moves by itself: in the product the
 * configuration simply becomes read-only while a node is down. Island mode
 * ('both') lets both nodes accept writes; the lab still keeps one store, so
 * it models the danger (two writable nodes) but not the later divergence.
 */
import { LabNode, type LabRequestHandler } from '../lab-node';
import type { LabSeed } from '../seed';
import { createUccxRequestHandler } from './http';
import { UccxStore } from './store';

export interface UccxLabOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default [0, 0]: any free port. */
  ports?: [number, number];
  credentials: { username: string; password: string };
  /** Other services on the same nodes, by path prefix (Finesse answers /finesse/ on both nodes). */
  services?: Array<{ prefix: string; handler: (role: 'a' | 'b') => LabRequestHandler }>;
}

export type DbMasterSetting = 'a' | 'b' | 'both' | 'none';

export interface UccxLab {
  /** Node 'ccx-a' (publisher) and node 'ccx-b' (subscriber). */
  readonly nodes: readonly [LabNode, LabNode];
  /** The replicated configuration DB both nodes read. */
  readonly store: UccxStore;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Which node(s) answer isDBMaster true. Default 'a'. 'both' = island mode, 'none' = no master. */
  setDbMaster(which: DbMasterSetting): void;
  dbMaster(): DbMasterSetting;
}

export function createUccxLab(seed: LabSeed, options: UccxLabOptions): UccxLab {
  const store = new UccxStore(seed);
  let master: DbMasterSetting = 'a';
  const host = options.host ?? '127.0.0.1';
  const [portA, portB] = options.ports ?? [0, 0];

  const createNode = (role: 'a' | 'b', name: string, port: number): LabNode => {
    const uccx = createUccxRequestHandler({
      store,
      credentials: options.credentials,
      nodeName: name,
      nodeUrl: () => node.url,
      isDbMaster: () => master === 'both' || master === role,
    });
    const services = (options.services ?? []).map((service) => ({ prefix: service.prefix, handle: service.handler(role) }));
    const node: LabNode = new LabNode({ name, host, port }, (req, res) => (services.find((service) => req.url?.startsWith(service.prefix))?.handle ?? uccx)(req, res));
    return node;
  };
  const nodes = [createNode('a', 'ccx-a', portA), createNode('b', 'ccx-b', portB)] as const;

  return {
    nodes,
    store,
    async start() {
      await Promise.all(nodes.map((node) => node.start()));
    },
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
    },
    setDbMaster(which) {
      master = which;
    },
    dbMaster() {
      return master;
    },
  };
}

export { UccxStore, DEFAULT_TEAM_NAME } from './store';
export type { UccxChange, ChangeKind, ViewOptions, ListOptions } from './store';
export { UccxApiError, ENTITY_NAMES, adminPath, parseAdminUrl } from './model';
export type { EntityName, Tree, TreeValue } from './model';
export { MAX_SKILLS_PER_MAP, SELECTION_CRITERIA } from './schema';
export { createToneWav, parseWav } from './wav';
export type { WavInfo } from './wav';
export { LabRepository, REPOSITORY_KINDS, MAX_REPOSITORY_FILE_BYTES } from './repository';
export type { RepositoryKind, RepositoryStep, RepositoryChange, RepositoryListing } from './repository';
export { multipartFileBody, parseMultipart, multipartBoundary, MultipartError } from './multipart';
export { DEFAULT_PROMPT_LANGUAGE } from './store';

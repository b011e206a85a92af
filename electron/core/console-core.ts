import fs from 'node:fs';
import path from 'node:path';
import { EventBus } from './event-bus';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import type { CoreContext, CoreOptions } from './context';
import { createAppHandlers } from './handlers/app';
import { createBoardHandlers } from './handlers/board';
import { StatusRegistry } from '../services/status/status-registry';
import { PreferencesService } from '../services/preferences/preferences-service';
import { configureLogFile, createLogger } from '../services/log/logger';
import { SiteManager, type ActiveSite } from '../services/site/site-manager';
import { TrustStore } from '../services/net/trust-store';
import { trustFileBackend } from '../services/net/trust-file';
import { HttpClient } from '../services/net/http-client';
import { startLab, type Lab } from '../../lab';
import type { SiteProfile } from '../../shared/domain/profile';
import { ConfigCache } from '../services/cache/config-cache';
import { createConnectionsHandlers } from './handlers/connections';
import { createUccxHandlers } from './handlers/uccx';
import { createChangesHandlers } from './handlers/changes';
import { createCupiHandlers, uccxAccessThrough } from './handlers/cupi';
import { JournalHub } from '../services/journal/hub';
import { ProfileService } from '../services/profiles/profile-service';
import { readProfileFile } from '../services/profiles/profile-file';
import { createVault, unlockFromEnvironment } from '../services/vault/create-vault';

export interface ConsoleCore {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly context: CoreContext;
  /** End subscriptions and flush state; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The composition root of everything the main process does, shared by both
 * hosts: builds the services, wires their handlers to the contract and their
 * events to the bus. Hosts only add a transport.
 */
export async function createConsoleCore(options: CoreOptions): Promise<ConsoleCore> {
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  configureLogFile(path.join(options.dataDir, 'logs'));
  const log = createLogger('core');
  // A bad profile file stops the start before anything else happens (exit code 2).
  const profileInput = options.profileFile && !options.demo ? readProfileFile(options.profileFile) : null;
  const events = new EventBus();
  const status = new StatusRegistry();
  const shutdownTasks: Array<() => Promise<void> | void> = [];
  const settingsStore = options.storeFactory({ dir: options.dataDir, name: 'settings' });
  const preferences = new PreferencesService(settingsStore, log.child('preferences'));

  const trust = new TrustStore(trustFileBackend(options.dataDir));
  const http = new HttpClient({ trust });
  const site = new SiteManager(log.child('site'));
  const lab: Lab | null = options.demo ? await startLab(options.labOptions) : null;

  const context: CoreContext = {
    options,
    events,
    status,
    preferences,
    log,
    site,
    trust,
    http,
    lab,
    onShutdown: (task) => shutdownTasks.push(task),
  };
  // Registered first so it runs last: the lab outlives the clients that talk to it.
  if (lab) context.onShutdown(() => lab.stop());
  context.onShutdown(() => http.close());
  context.onShutdown(() => site.shutdown());

  status.on('changed', (list) => events.publish('status:changed', list));

  const vault = createVault(options);
  await unlockFromEnvironment(vault, options);
  const profiles = new ProfileService({
    dataDir: options.dataDir,
    vault,
    site,
    status,
    publish: (channel, payload) => events.publish(channel, payload),
    http,
    trust,
    storeFactory: options.storeFactory,
    log: log.child('profiles'),
  });

  // One write-behind journal per profile, shared by UCCX and Unity Connection writes.
  const journals = new JournalHub(site, log.child('journal'));

  const handlers: Handlers = {
    ...createAppHandlers(context, () => site.active?.profile.name ?? null),
    ...createBoardHandlers(context),
    ...createConnectionsHandlers(context, profiles),
    ...createUccxHandlers(context, journals),
    ...createChangesHandlers(context, journals),
    // Close now sets a UCCX script parameter through the UCCX area's own channels (and so its queue).
    ...createCupiHandlers(context, journals, () => uccxAccessThrough(handlers)),
  };

  if (lab) {
    if (options.profileFile) log.warn('--profile is ignored with --demo: the demo lab uses its built-in profile');
    await profiles.useDemo(demoSite(context, lab));
  } else if (profileInput) {
    const imported = await profiles.importProfile(profileInput, { allowPending: true });
    await profiles.activate(imported.id);
  } else {
    await profiles.restoreLastUsed();
  }

  let stopped: Promise<void> | null = null;

  const stop = () => {
    stopped ??= (async () => {
      for (const task of shutdownTasks.reverse()) {
        try {
          await task();
        } catch (error) {
          log.error('shutdown task failed', error);
        }
      }
    })();
    return stopped;
  };

  log.info(`console core started (host ${options.host}${options.demo ? ', demo' : ''})`);
  return { dispatch: createDispatcher(handlers), events, context, stop };
}

/** The embedded lab as a site: a profile that is never written to disk. */
function demoSite(ctx: CoreContext, lab: Lab): ActiveSite {
  const { uccx, cupi, reports } = lab.endpoints;
  const dir = path.join(ctx.options.dataDir, 'profiles', 'demo');
  const profile: SiteProfile = {
    id: 'demo',
    name: 'Demo lab',
    uccx: { nodes: [...uccx.nodes], username: uccx.username, passwordSet: true },
    cupi: { publisher: cupi.publisher, subscriber: cupi.subscriber, username: cupi.username, passwordSet: true },
    reports: { url: reports.url, agentId: reports.agentId, passwordSet: false, headerNames: [] },
  };
  return {
    profile,
    secrets: { uccxPassword: uccx.password, cupiPassword: cupi.password },
    http: ctx.http,
    trust: ctx.trust,
    dir,
    cache: new ConfigCache(ctx.options.storeFactory({ dir, name: 'config-cache' }), { secrets: () => [uccx.password, cupi.password] }),
    log: ctx.log.child('demo'),
  };
}

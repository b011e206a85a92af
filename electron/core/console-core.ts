import path from 'node:path';
import { EventBus } from './event-bus';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import type { CoreOptions } from './core-options';
import { forwardServiceEvents } from './service-events';
import { createAppHandlers } from './handlers/app';
import { createDesktopHandlers } from './handlers/desktop';
import { DesktopService } from '../services/desktop/desktop-service';
import { createBoardHandlers } from './handlers/board';
import type { LabEndpointsView } from '../../shared/domain/board';
import { createConnectionsHandlers } from './handlers/connections';
import { createUccxHandlers } from './handlers/uccx';
import { createChangesHandlers } from './handlers/changes';
import { createCupiHandlers } from './handlers/cupi';
import { createFinesseHandlers } from './handlers/finesse';
import { createQueuesHandlers } from './handlers/queues';
import { createHistoryHandlers } from './handlers/history';
import { StatusRegistry } from '../services/status/status-registry';
import { PreferencesService } from '../services/preferences/preferences-service';
import { configureLogFile, createLogger } from '../services/log/logger';
import { preparePrivateDir } from '../services/storage/private-files';
import { SiteManager, type ActiveSite } from '../services/site/site-manager';
import { PerSite } from '../services/site/per-site';
import { TrustStore } from '../services/net/trust-store';
import { trustFileBackend } from '../services/net/trust-file';
import { HttpClient } from '../services/net/http-client';
import { ConfigCache } from '../services/cache/config-cache';
import { JournalHub } from '../services/journal/hub';
import { BoardService } from '../services/reports/board-service';
import { HistoryService } from '../services/history/service';
import { UccxService } from '../services/uccx/service';
import { switchDurationsFrom } from '../../shared/domain/switches';
import { CupiService } from '../services/cupi/service';
import { CloseNowScheduler, uccxParameterPort } from '../services/cupi/close-now';
import { FinesseService } from '../services/finesse/service';
import { BoardFinesseLink } from '../services/finesse/board-link';
import { QueueService } from '../services/queues/service';
import { ProfileService } from '../services/profiles/profile-service';
import { ProfileFileError, readProfileFile } from '../services/profiles/profile-file';
import { ConsoleError } from '../../shared/ipc/result';
import { createVault, unlockFromEnvironment } from '../services/vault/create-vault';
import type { SiteProfile } from '../../shared/domain/profile';
import { startLab, type Lab } from '../../lab';

export interface ConsoleCore {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  /** --demo: where the embedded lab's control API answers (faults, recorded call ids); null otherwise. */
  readonly labControl: string | null;
  /** Alert pauses, the board's red count, native alerts and the desktop settings (the Electron shell's tray reads it). */
  readonly desktop: DesktopService;
  /** The user's preferences; the Electron shell's tray and menu follow the language. */
  readonly preferences: PreferencesService;
  /** End subscriptions and flush state; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Patch coalescing window in ms. CONSOLE_BOARD_BATCH_MS=0 switches to one
 * patch per event: the naive baseline the board benchmark measures against.
 */
function batchIntervalFromEnvironment(): number | undefined {
  const text = process.env.CONSOLE_BOARD_BATCH_MS;
  if (text === undefined || !/^\d{1,5}$/.test(text)) return undefined;
  return Number(text);
}

/**
 * The composition root of everything the main process does, shared by both
 * hosts. It builds every service (per-site ones through PerSite, so they
 * start and stop with profile switches), forwards their events to the
 * renderer (service-events.ts) and maps each contract channel to a service
 * method (handlers/). Hosts only add a transport.
 */
export async function createConsoleCore(options: CoreOptions): Promise<ConsoleCore> {
  // An existing data folder is made private too (one from an older version, or made by the user).
  const dataDirWarning = preparePrivateDir(options.dataDir);
  configureLogFile(path.join(options.dataDir, 'logs'));
  const log = createLogger('core');
  if (dataDirWarning) log.warn(dataDirWarning);
  // A bad profile file stops the start before anything else happens (exit code 2).
  const profileInput = options.profileFile && !options.demo ? readProfileFile(options.profileFile) : null;
  const events = new EventBus();
  const status = new StatusRegistry();
  const shutdownTasks: Array<() => Promise<void> | void> = [];
  const onShutdown = (task: () => Promise<void> | void) => shutdownTasks.push(task);
  const preferences = new PreferencesService(options.storeFactory({ dir: options.dataDir, name: 'settings' }), log.child('preferences'));

  const trust = new TrustStore(trustFileBackend(options.dataDir));
  const http = new HttpClient({ trust });
  const site = new SiteManager(log.child('site'));
  const lab: Lab | null = options.demo ? await startLab(options.labOptions) : null;
  // Registered first so it runs last: the lab outlives the clients that talk to it.
  if (lab) onShutdown(() => lab.stop());
  onShutdown(() => http.close());
  onShutdown(() => site.shutdown());

  const vault = createVault(options);
  await unlockFromEnvironment(vault, options);
  const profiles = new ProfileService({
    dataDir: options.dataDir,
    vault,
    site,
    status,
    http,
    trust,
    storeFactory: options.storeFactory,
    log: log.child('profiles'),
  });

  // Attached to the site in this order, so each finds what it needs already running for the new site.
  // One write-behind journal per profile, shared by UCCX and Unity Connection writes.
  const journals = new JournalHub(site, log.child('journal'));
  const board = new BoardService({ log: log.child('board'), batchIntervalMs: batchIntervalFromEnvironment() });
  site.attach('board', (active) => board.start(active));
  // Every change the board applies, kept per profile and day (docs/history.md).
  const history = new HistoryService({ board, log: log.child('history') });
  site.attach('history', (active) => history.start(active));
  const switchDurations = switchDurationsFrom(process.env.CONSOLE_SWITCH_DURATIONS_S);
  const uccx = new PerSite(site, 'UCCX', (active) => UccxService.forSite(active, journals, { switchDurations }));
  const cupi = new PerSite(site, 'Unity Connection', (active) => CupiService.forSite(active, journals));
  const closeNow = new PerSite(
    site,
    'Close now',
    (active) =>
      cupi.current &&
      new CloseNowScheduler({
        dir: active.dir,
        service: cupi.current,
        uccx: () => uccx.current && uccxParameterPort(uccx.current),
        hub: journals,
        log: active.log.child('close-now'),
      }),
    { english: 'Unity Connection is not configured in the active profile.', said: { id: 'errors.site.notConfigured', values: { system: 'Unity Connection' } } },
  );
  // Finesse: agent actions, exact time in state and team messages; the link feeds the board and audits every action.
  const finesse = new PerSite(site, 'Finesse', (active) => FinesseService.forSite(active));
  const finesseLink = new BoardFinesseLink({ board, finesse: () => finesse.current, audit: () => journals.audit, profileName: () => site.active?.profile.name ?? '', recordAction: (action) => history.action(action), log: log.child('finesse') });
  finesse.on('started', (service) => finesseLink.attach(service));
  finesse.on('stopped', () => finesseLink.detach());
  // Queue figures on the board: per CSQ from the UCCX real-time endpoint, following the UCCX master.
  const queues = new PerSite(site, 'Queue figures', (active) => QueueService.forSite(active, uccx.current), {
    english: 'UCCX is not configured in the active profile, so there are no queue figures.',
    said: { id: 'errors.site.noQueueFigures' },
  });
  onShutdown(forwardServiceEvents(events, { status, profiles, board, journals, uccx, cupi, closeNow, finesse, queues }));
  // The desktop side: alert pauses and the red count (board and tray read the same), native alerts, desktop settings.
  const desktop = new DesktopService({
    // The browser host has no desktop settings to keep, so no file for them.
    store: options.desktopPorts ? options.storeFactory({ dir: options.dataDir, name: 'desktop' }) : null,
    profile: () => site.active?.profile ?? null,
    ports: options.desktopPorts ?? null,
    log: log.child('desktop'),
  });
  desktop.on('alerts', (state) => events.publish('alerts:changed', state));
  desktop.on('settings', (settings) => events.publish('desktop:settings-changed', settings));
  // Another profile may preset start at login differently.
  site.on('changed', () => desktop.applySettings());
  onShutdown(() => desktop.stop());

  const handlers: Handlers = {
    ...createAppHandlers(options, site, status, preferences),
    ...createBoardHandlers(board, lab ? { endpoints: labEndpointsView(lab), recentCalls: (limit) => lab.reports.recentCalls(limit) } : null),
    ...createConnectionsHandlers(profiles, log.child('connections')),
    ...createUccxHandlers(uccx),
    ...createChangesHandlers(journals),
    ...createCupiHandlers(cupi, closeNow, uccx),
    ...createFinesseHandlers(finesse, finesseLink),
    ...createQueuesHandlers(queues),
    ...createHistoryHandlers(history),
    ...createDesktopHandlers(desktop),
  };

  if (lab) {
    if (options.profileFile) log.warn('--profile is ignored with --demo: the demo lab uses its built-in profile');
    await profiles.useDemo(demoSite(lab, { dataDir: options.dataDir, storeFactory: options.storeFactory, http, trust, log }));
  } else if (profileInput) {
    const imported = await profiles.importProfile(profileInput, { allowPending: true, replace: true }).catch((error: unknown) => {
      // A profile the service refuses (e.g. credentials over http://) stops the start like a bad file does.
      if (error instanceof ConsoleError && error.code === 'invalid_payload') throw new ProfileFileError(`Profile file ${options.profileFile}: ${error.message}`);
      throw error;
    });
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

  // Start at login follows the effective setting even when no profile is active.
  desktop.applySettings();
  log.info(`console core started (host ${options.host}${options.demo ? ', demo' : ''})`);
  return { dispatch: createDispatcher(handlers), events, stop, labControl: lab?.endpoints.control ?? null, desktop, preferences };
}

/** The lab's addresses a demo page may see (no passwords). */
function labEndpointsView(lab: Lab): LabEndpointsView {
  return { control: lab.endpoints.control, reports: { ...lab.endpoints.reports } };
}

/** The embedded lab as a site: a profile that is never written to disk. */
function demoSite(
  lab: Lab,
  deps: Pick<CoreOptions, 'dataDir' | 'storeFactory'> & Pick<ActiveSite, 'http' | 'trust' | 'log'>,
): ActiveSite {
  const { uccx, cupi, reports, finesse } = lab.endpoints;
  const dir = path.join(deps.dataDir, 'profiles', 'demo');
  const profile: SiteProfile = {
    id: 'demo',
    name: 'Demo lab',
    // The embedded lab speaks plain HTTP on this computer's loopback only.
    allowPlaintextCredentials: true,
    // The lab's own node names (docs/lab.md): every screen names the nodes by them, not by loopback ports.
    uccx: { nodes: [...uccx.nodes], nodeLabels: ['ccx-a', 'ccx-b'], username: uccx.username, passwordSet: true },
    cupi: { publisher: cupi.publisher, subscriber: cupi.subscriber, publisherLabel: 'cuc-pub', subscriberLabel: 'cuc-sub', username: cupi.username, passwordSet: true },
    reports: { url: reports.url, label: 'lab', agentId: reports.agentId, passwordSet: false, headerNames: [] },
    finesse: { nodes: [...finesse.nodes], nodeLabels: ['ccx-a', 'ccx-b'], username: finesse.username, passwordSet: true },
    // The lab serves the real-time endpoint on the UCCX nodes' own ports, without credentials.
    realtime: { url: '{node}/realtime/VoiceIAQStats', auth: 'none' },
  };
  return {
    profile,
    secrets: { uccxPassword: uccx.password, cupiPassword: cupi.password, finessePassword: finesse.password },
    http: deps.http,
    trust: deps.trust,
    dir,
    cache: new ConfigCache(deps.storeFactory({ dir, name: 'config-cache' }), { secrets: () => [uccx.password, cupi.password, finesse.password] }),
    log: deps.log.child('demo'),
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { EventBus } from './event-bus';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import type { CoreContext, CoreOptions } from './context';
import { createAppHandlers } from './handlers/app';
import { StatusRegistry } from '../services/status/status-registry';
import { PreferencesService } from '../services/preferences/preferences-service';
import { configureLogFile, createLogger } from '../services/log/logger';

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
  const events = new EventBus();
  const status = new StatusRegistry();
  const shutdownTasks: Array<() => Promise<void> | void> = [];
  const settingsStore = options.storeFactory({ dir: options.dataDir, name: 'settings' });
  const preferences = new PreferencesService(settingsStore, log.child('preferences'));

  const context: CoreContext = {
    options,
    events,
    status,
    preferences,
    log,
    onShutdown: (task) => shutdownTasks.push(task),
  };

  status.on('changed', (list) => events.publish('status:changed', list));

  const handlers: Handlers = {
    ...createAppHandlers(context, () => null),
  };

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

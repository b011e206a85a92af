import { EventEmitter } from 'node:events';
import { ConsoleError } from '../../../shared/ipc/result';
import type { MainMessage } from '../../../shared/domain/main-message';
import type { ActiveSite, SiteManager } from './site-manager';

/** What a service that lives as long as one site must offer. */
export interface SiteService {
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

/**
 * One instance of a service per active site: built when a site becomes
 * active (when its profile configures that system), started, and stopped
 * when the site is left. The composition root builds every such service
 * through one of these; handlers reach the current instance with `require`.
 *
 * 'started' fires before `start()` runs, so a listener that subscribes to the
 * service's events there sees its first state.
 */
export class PerSite<T extends SiteService> extends EventEmitter<{ started: [T, ActiveSite]; absent: [ActiveSite]; stopped: [] }> {
  private service: T | null = null;

  /**
   * @param name the system's name in words, for logs and for the error when it is not configured
   * @param build the service for a site, or null when the site's profile does not configure it
   * @param notConfigured the error's sentence when it is not configured, and the same by message id
   */
  constructor(
    site: SiteManager,
    name: string,
    build: (site: ActiveSite) => T | null,
    private readonly notConfigured: { english: string; said: MainMessage } = {
      english: `${name} is not configured in the active profile.`,
      said: { id: 'errors.site.notConfigured', values: { system: name } },
    },
  ) {
    super();
    site.attach(name, (active) => {
      const service = build(active);
      if (!service) {
        this.emit('absent', active);
        return () => void this.emit('stopped');
      }
      this.service = service;
      this.emit('started', service, active);
      // A first probe may take a while (UCCX waits for its node answers); the other services need not wait for it.
      void Promise.resolve()
        .then(() => service.start())
        .catch((error: unknown) => active.log.error(`${name} could not start`, error));
      return async () => {
        if (this.service === service) this.service = null;
        await service.stop();
        this.emit('stopped');
      };
    });
  }

  /** The instance for the active site, or null (no site, or its profile does not configure this system). */
  get current(): T | null {
    return this.service;
  }

  /** The instance for the active site, or an `unavailable` error the renderer can show. */
  require(): T {
    if (!this.service) throw new ConsoleError('unavailable', this.notConfigured.english, undefined, this.notConfigured.said);
    return this.service;
  }
}

import { EventEmitter } from 'node:events';
import type { SiteProfile, SiteSecrets } from '../../../shared/domain/profile';
import type { HttpClient } from '../net/http-client';
import type { TrustStore } from '../net/trust-store';
import type { Logger } from '../log/logger';
import type { ConfigCache } from '../cache/config-cache';
import { registerSecret } from '../log/logger';

/**
 * The active site: the profile in use plus what services need to reach its
 * servers. Exactly one site is active at a time; switching profiles tears the
 * old one down completely (subscriptions ended, state cleared) before the new
 * one starts.
 */
export interface ActiveSite {
  readonly profile: SiteProfile;
  /** Secrets for this site; main process only, never serialised to the renderer. */
  readonly secrets: Readonly<SiteSecrets>;
  readonly http: HttpClient;
  readonly trust: TrustStore;
  /** Folder for this profile's own files (cache, board snapshot, journal) under --data-dir. */
  readonly dir: string;
  /** Offline cache of what was read from UCCX and CUPI for this profile. */
  readonly cache: ConfigCache;
  readonly log: Logger;
}

/** A service's reaction to a site becoming active; the returned function tears it down. */
export type SiteAttachment = (site: ActiveSite) => Promise<(() => Promise<void> | void) | void> | (() => Promise<void> | void) | void;

export class SiteManager extends EventEmitter<{ changed: [SiteProfile | null] }> {
  private current: ActiveSite | null = null;
  private readonly attachments: Array<{ name: string; attach: SiteAttachment }> = [];
  private teardowns: Array<() => Promise<void> | void> = [];
  private switching: Promise<void> = Promise.resolve();

  constructor(private readonly log: Logger) {
    super();
  }

  get active(): ActiveSite | null {
    return this.current;
  }

  /** Services register once at start; each is attached to every site that becomes active. */
  attach(name: string, attach: SiteAttachment): void {
    this.attachments.push({ name, attach });
    if (this.current) void this.runAttachment({ name, attach }, this.current);
  }

  /** Make `site` the active one (null = none). Serialised: concurrent calls run one after the other. */
  activate(site: ActiveSite | null): Promise<void> {
    this.switching = this.switching.then(async () => {
      await this.deactivateCurrent();
      if (!site) {
        this.emit('changed', null);
        return;
      }
      for (const value of [site.secrets.uccxPassword, site.secrets.cupiPassword, site.secrets.reportsPassword, site.secrets.finessePassword, ...Object.values(site.secrets.reportsHeaders ?? {})]) {
        registerSecret(value);
      }
      this.current = site;
      for (const attachment of this.attachments) await this.runAttachment(attachment, site);
      this.emit('changed', site.profile);
    });
    return this.switching;
  }

  private async runAttachment(attachment: { name: string; attach: SiteAttachment }, site: ActiveSite): Promise<void> {
    try {
      const teardown = await attachment.attach(site);
      if (teardown) this.teardowns.push(teardown);
    } catch (error) {
      this.log.error(`${attachment.name} could not start for profile "${site.profile.name}"`, error);
    }
  }

  private async deactivateCurrent(): Promise<void> {
    const teardowns = this.teardowns.reverse();
    this.teardowns = [];
    for (const teardown of teardowns) {
      try {
        await teardown();
      } catch (error) {
        this.log.error('teardown failed', error);
      }
    }
    this.current = null;
  }

  /** End everything (quit). */
  shutdown(): Promise<void> {
    return this.activate(null);
  }
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { JournalHub } from '../../electron/services/journal/hub';
import { UccxService, type UccxServiceOptions } from '../../electron/services/uccx/service';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { trustFileBackend } from '../../electron/services/net/trust-file';
import { createLogger } from '../../electron/services/log/logger';
import { ConfigCache } from '../../electron/services/cache/config-cache';
import { createConfStore } from '../../electron/services/storage/conf-store';
import type { Lab } from '../../lab';

/** The console's UCCX stack (journal hub + service) for one lab, without the IPC layer. */
export interface UccxStack {
  dir: string;
  site: SiteManager;
  hub: JournalHub;
  service: UccxService;
  http: HttpClient;
  stop(): Promise<void>;
}

export async function startUccxStack(lab: Lab, overrides: Partial<UccxServiceOptions> = {}, dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uccx-stack-'))): Promise<UccxStack> {
  const log = createLogger('test');
  const trust = new TrustStore(trustFileBackend(dir));
  const http = new HttpClient({ trust });
  const site = new SiteManager(log);
  const hub = new JournalHub(site, log);
  const cache = new ConfigCache(createConfStore({ dir, name: 'config-cache' }));
  const active: ActiveSite = {
    profile: { id: 'test', name: 'Test site', uccx: { nodes: [...lab.endpoints.uccx.nodes], username: lab.endpoints.uccx.username, passwordSet: true } },
    secrets: { uccxPassword: lab.endpoints.uccx.password },
    http,
    trust,
    dir,
    cache,
    log,
  };
  await site.activate(active);
  const service = UccxService.forSite(active, hub, { pollIntervalMs: 150, probeTimeoutMs: 300, readTimeoutMs: 1500, ...overrides })!;
  await service.start();
  return {
    dir,
    site,
    hub,
    service,
    http,
    async stop() {
      service.stop();
      await site.shutdown();
      http.close();
    },
  };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

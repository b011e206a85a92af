import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSeed, type LabSeed } from '../../lab/seed';
import { createCucLab, type CucLab, type CucLabOptions } from '../../lab/cuc';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import type { CupiClient, CupiClientOptions } from '../../electron/services/cupi/client';
import { CupiService } from '../../electron/services/cupi/service';
import { JournalHub } from '../../electron/services/journal/hub';
import type { WriteJournal } from '../../electron/services/journal/journal';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { ConfigCache } from '../../electron/services/cache/config-cache';
import { createConfStore } from '../../electron/services/storage/conf-store';
import { createLogger } from '../../electron/services/log/logger';
import type { CupiState } from '../../shared/domain/cupi';

export const CREDENTIALS = { username: 'cucadmin', password: 'cucLab!2026' };

export interface CupiHarness {
  lab: CucLab;
  seed: LabSeed;
  /** ObjectId of the seed user at this position of seed.cucUsers. */
  userIdAt(index: number): string;
  client: CupiClient;
  service: CupiService;
  /** The journal and audit log of the harness's site, as the console composes them. */
  hub: JournalHub;
  journal: WriteJournal;
  states: CupiState[];
  busyMessages: Array<string | null>;
  dir: string;
  stop(): Promise<void>;
}

/** A Unity Connection lab and the console's CUPI service pointed at it, with its site's journal. */
export async function startCupiHarness(
  options: { cucUsers?: number; lab?: Partial<CucLabOptions>; client?: Partial<CupiClientOptions>; probe?: { probeUpMs?: number; probeDownMs?: number } } = {},
): Promise<CupiHarness> {
  const seed = createSeed({ cucUsers: options.cucUsers ?? 200 });
  const lab = createCucLab(seed, { credentials: CREDENTIALS, ...options.lab });
  await lab.start();
  const trust = new TrustStore();
  const http = new HttpClient({ trust });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cupi-test-'));
  const log = createLogger('cupi-test');
  const site = new SiteManager(log);
  const hub = new JournalHub(site, log, { retryBaseMs: 50, maxRetryMs: 200 });
  const active: ActiveSite = {
    profile: { id: 'test', name: 'test', cupi: { publisher: lab.publisher.url, subscriber: lab.subscriber.url, username: CREDENTIALS.username, passwordSet: true } },
    secrets: { cupiPassword: CREDENTIALS.password },
    http,
    trust,
    dir,
    cache: new ConfigCache(createConfStore({ dir, name: 'config-cache' })),
    log,
  };
  await site.activate(active);
  const states: CupiState[] = [];
  const busyMessages: Array<string | null> = [];
  const service = CupiService.forSite(active, hub, {
    client: { busyBackoffMs: 50, maxBackoffMs: 200, timeoutMs: 3000, ...options.client },
    cache: null,
    settleTimeoutMs: 3000,
    probeDownMs: 100,
    ...options.probe,
  })!;
  service.on('state', (state) => states.push(state));
  service.client.on('busy', (message) => busyMessages.push(message));
  service.start();
  return {
    lab,
    seed,
    userIdAt: (index) => lab.store.findUserByAlias(seed.cucUsers[index]!.alias)!.ObjectId!,
    client: service.client,
    service,
    hub,
    journal: hub.require(),
    states,
    busyMessages,
    dir,
    async stop() {
      service.stop();
      await site.shutdown();
      http.close();
      await lab.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

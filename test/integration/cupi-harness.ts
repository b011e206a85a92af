import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSeed, type LabSeed } from '../../lab/seed';
import { createCucLab, type CucLab, type CucLabOptions } from '../../lab/cuc';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { CupiClient, type CupiClientOptions } from '../../electron/services/cupi/client';
import { CupiService } from '../../electron/services/cupi/service';
import { WriteJournal } from '../../electron/services/journal/journal';
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
  journal: WriteJournal | null;
  states: CupiState[];
  busyMessages: Array<string | null>;
  dir: string;
  stop(): Promise<void>;
}

/** A Unity Connection lab and the console's CUPI service pointed at it (optionally with the journal). */
export async function startCupiHarness(
  options: { journal?: boolean; cucUsers?: number; lab?: Partial<CucLabOptions>; client?: Partial<CupiClientOptions> } = {},
): Promise<CupiHarness> {
  const seed = createSeed({ cucUsers: options.cucUsers ?? 200 });
  const lab = createCucLab(seed, { credentials: CREDENTIALS, ...options.lab });
  await lab.start();
  const http = new HttpClient({ trust: new TrustStore() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cupi-test-'));
  const journal = options.journal ? WriteJournal.open({ dir, profile: 'test', retryBaseMs: 50, maxRetryMs: 200 }) : null;
  const states: CupiState[] = [];
  const busyMessages: Array<string | null> = [];
  let service: CupiService | null = null;
  const callbacks = CupiService.clientCallbacks(() => service);
  const client = new CupiClient({
    http,
    publisher: lab.publisher.url,
    subscriber: lab.subscriber.url,
    ...CREDENTIALS,
    busyBackoffMs: 50,
    maxBackoffMs: 200,
    timeoutMs: 3000,
    onBusy: (message) => {
      busyMessages.push(message);
      callbacks.onBusy(message);
    },
    onPublisherState: callbacks.onPublisherState,
    ...options.client,
  });
  service = new CupiService({
    client,
    cache: null,
    log: createLogger('cupi-test'),
    user: CREDENTIALS.username,
    profile: 'test',
    journal: () => journal,
    audit: () => null,
    onState: (state) => states.push(state),
    settleTimeoutMs: 3000,
    probeDownMs: 100,
  });
  const unregister = journal?.registerApplier('cupi', service.journalApplier());
  service.start();
  return {
    lab,
    seed,
    userIdAt: (index) => lab.store.findUserByAlias(seed.cucUsers[index]!.alias)!.ObjectId!,
    client,
    service,
    journal,
    states,
    busyMessages,
    dir,
    async stop() {
      service?.stop();
      unregister?.();
      await journal?.close(1000);
      http.close();
      await lab.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The process the crash test kills: the write-behind journal and the UCCX
 * applier of one profile, nothing else. Started with a plan file, it opens
 * the journal and starts draining (READY), then queues the plan's changes
 * from `startAt` on, one every few milliseconds so kills land between and
 * inside enqueues, printing `ACK <index>` as each enqueue returns, then
 * ENQUEUED, and DONE once the queue is empty.
 */
import fs from 'node:fs';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { JournalHub } from '../../electron/services/journal/hub';
import { UccxService, type UccxEdit } from '../../electron/services/uccx/service';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { trustFileBackend } from '../../electron/services/net/trust-file';
import { createLogger } from '../../electron/services/log/logger';

export interface CrashPlan {
  dir: string;
  nodes: string[];
  username: string;
  password: string;
  changes: UccxEdit[];
  /** The first change this run queues (the ones before were acknowledged by earlier runs). */
  startAt: number;
}

async function main(): Promise<void> {
  const plan = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as CrashPlan;
  const log = createLogger('crash-driver');
  const trust = new TrustStore(trustFileBackend(plan.dir));
  const http = new HttpClient({ trust });
  const site = new SiteManager(log);
  const hub = new JournalHub(site, log);
  const active: ActiveSite = {
    profile: { id: 'crash', name: 'Crash test', uccx: { nodes: plan.nodes, username: plan.username, passwordSet: true } },
    secrets: { uccxPassword: plan.password },
    http,
    trust,
    dir: plan.dir,
    cache: undefined as never,
    log,
  };
  await site.activate(active);
  const journal = hub.require();
  const service = UccxService.forSite(active, hub, { pollIntervalMs: 200, probeTimeoutMs: 1000 })!;
  await service.start();
  process.stdout.write('READY\n');

  for (let index = plan.startAt; index < plan.changes.length; index++) {
    service.submit([plan.changes[index]!]);
    process.stdout.write(`ACK ${index}\n`);
    await new Promise((resolve) => setTimeout(resolve, 4));
  }
  process.stdout.write('ENQUEUED\n');

  const timer = setInterval(() => {
    if (journal.counts('uccx').waiting === 0) {
      clearInterval(timer);
      process.stdout.write('DONE\n');
      service.stop();
      void site.shutdown().then(() => {
        http.close();
        process.exit(0);
      });
    }
  }, 20);
}

main().catch((error: unknown) => {
  process.stderr.write(`crash driver failed: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});

/**
 * The process the crash test kills: the write-behind journal and the UCCX
 * applier of one profile, nothing else. Started with a plan file; on the
 * first run it queues every planned change, then it drains the queue.
 * Prints READY (journal opened), ENQUEUED (plan committed) and DONE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { JournalHub } from '../../electron/services/journal/hub';
import { UccxService } from '../../electron/services/uccx/service';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { trustFileBackend } from '../../electron/services/net/trust-file';
import { createLogger } from '../../electron/services/log/logger';
import { writeFileAtomic } from '../../electron/services/storage/atomic-file';
import type { FieldMap } from '../../shared/domain/changes';

export interface CrashPlan {
  dir: string;
  nodes: string[];
  username: string;
  password: string;
  changes: Array<{ userID: string; base: FieldMap; mine: FieldMap }>;
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
  process.stdout.write('READY\n');

  const marker = path.join(plan.dir, 'plan-enqueued');
  if (!fs.existsSync(marker)) {
    for (const [index, change] of plan.changes.entries()) {
      journal.enqueue({
        ref: { system: 'uccx', type: 'resource', id: change.userID },
        operation: 'update',
        label: `Agent ${change.userID} #${index}`,
        base: change.base,
        mine: change.mine,
        user: plan.username,
      });
    }
    writeFileAtomic(marker, 'yes');
  }
  process.stdout.write('ENQUEUED\n');

  const service = UccxService.forSite(active, hub, { pollIntervalMs: 200, probeTimeoutMs: 1000 })!;
  await service.start();
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

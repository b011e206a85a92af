/**
 * `npm run bench -- uccx`: load the whole UCCX configuration of a 400-agent
 * contact centre (agents, skills, resource groups, CSQs, teams, applications,
 * calendars) with the lab answering every HTTP request 20 ms late.
 * Goal: ≤ 2 s, and a request count that does not grow with the number of
 * agents (one LIST per entity type, no per-agent GET).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLab } from '../../lab';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { JournalHub } from '../../electron/services/journal/hub';
import { UccxService } from '../../electron/services/uccx/service';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { trustFileBackend } from '../../electron/services/net/trust-file';
import { createLogger } from '../../electron/services/log/logger';

const LATENCY_MS = 20;
const RUNS = 5;

for (const agents of [400, 2000]) {
  const lab = await startLab({ agents, rate: 0, latencyMs: LATENCY_MS });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uccx-bench-'));
  const log = createLogger('bench');
  const trust = new TrustStore(trustFileBackend(dir));
  const http = new HttpClient({ trust });
  const site = new SiteManager(log);
  const hub = new JournalHub(site, log);
  const active: ActiveSite = {
    profile: { id: 'bench', name: 'Bench', uccx: { nodes: [...lab.endpoints.uccx.nodes], username: lab.endpoints.uccx.username, passwordSet: true } },
    secrets: { uccxPassword: lab.endpoints.uccx.password },
    http,
    trust,
    dir,
    cache: undefined as never,
    log,
  };
  await site.activate(active);
  // Long poll interval: the probes must not be counted as configuration requests.
  const service = UccxService.forSite(active, hub, { pollIntervalMs: 60_000 })!;
  await service.start();

  const timings: number[] = [];
  let requests = 0;
  let counts = '';
  for (let run = 0; run < RUNS; run++) {
    const before = service.client.requestCount;
    const started = performance.now();
    const config = await service.loadConfig();
    timings.push(performance.now() - started);
    requests = service.client.requestCount - before;
    counts = `${config.agents.length} agents, ${config.skills.length} skills, ${config.csqs.length} CSQs, ${config.teams.length} teams, ${config.applications.length} applications, ${config.calendars.length} calendars`;
  }
  timings.sort((a, b) => a - b);
  console.log(`${agents} agents, ${LATENCY_MS} ms per request: ${counts}`);
  console.log(`  load time over ${RUNS} runs: best ${timings[0]!.toFixed(0)} ms, median ${timings[Math.floor(RUNS / 2)]!.toFixed(0)} ms, worst ${timings.at(-1)!.toFixed(0)} ms (goal ≤ 2000 ms)`);
  console.log(`  requests per load: ${requests} (one LIST per entity type; no per-agent requests)`);

  // Bulk re-skill of every agent: queued in the journal, then written (read back + PUT per agent, 4 at once).
  const config = await service.loadConfig();
  const skill = config.skills[0]!.id;
  const edits = config.agents.map((agent) => {
    const current = agent.skills.find((s) => s.skillId === skill)?.level ?? null;
    return { type: 'resource' as const, id: agent.userID, operation: 'update' as const, label: agent.userID, base: { [`skill/${skill}`]: current }, mine: { [`skill/${skill}`]: current === 10 ? 9 : 10 } };
  });
  const before = service.client.requestCount;
  const queuedAt = performance.now();
  for (let index = 0; index < edits.length; index += 500) service.submit(edits.slice(index, index + 500));
  const queuedMs = performance.now() - queuedAt;
  while (hub.journal!.counts('uccx').waiting > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  const drainedMs = performance.now() - queuedAt;
  console.log(
    `  bulk re-skill of ${edits.length} agents: queued durably in ${queuedMs.toFixed(0)} ms, written in ${(drainedMs / 1000).toFixed(1)} s, ${((service.client.requestCount - before) / edits.length).toFixed(2)} requests per agent`,
  );
  service.stop();
  await site.shutdown();
  http.close();
  await lab.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * `npm run bench -- wallboard`: does a wallboard left on a TV all day hold its
 * memory? The goal: the renderer's JS heap after 10 minutes at 1,000 status
 * events/s is no more than 10% above the heap after 1 minute.
 *
 * Two consoles run side by side in the same run, each in its own child
 * process with its own 5,000-agent lab and its own Chromium page on
 * `#/wallboard?rotate=10` (pages of teams rotating, queue tiles polled every
 * 2 s): the product (adaptive patches) and the fixed 100 ms batches it
 * replaced (CONSOLE_BOARD_BATCH_MS=100) as the baseline. The heap is read
 * after a forced garbage collection, so it counts what is still reachable,
 * not garbage waiting for the collector (the median of five readings a
 * second apart). WALLBOARD_BENCH_MINUTES shortens the
 * run (the first reading stays at 1 minute).
 */
import { HOST_CHILD_FLAG, runDemoHostChild, startDemoHostChild } from './bench-host';

const AGENTS = 5_000;
const RATE = 1_000;
const MINUTES = Number(process.env.WALLBOARD_BENCH_MINUTES ?? 10);
const SAMPLE_EVERY_MS = 30_000;

interface HeapRun {
  label: string;
  /** Heap in MB after a forced GC, by minute. */
  samples: Array<{ minute: number; mb: number }>;
  atOneMinute: number;
  atEnd: number;
  statusChangesSent: number;
  wallboardLive: boolean;
}

if (process.argv.includes(HOST_CHILD_FLAG)) {
  await runDemoHostChild({ agents: AGENTS, rate: 0, cucUsers: 50 });
} else {
  const [product, baseline] = await Promise.all([
    heapOverTime('product: adaptive patches', {}),
    heapOverTime('baseline: fixed 100 ms batches', { CONSOLE_BOARD_BATCH_MS: '100' }),
  ]);
  for (const run of [product, baseline]) print(run);
  const growth = (run: HeapRun) => run.atEnd / run.atOneMinute - 1;
  console.log(`\ncomparison: heap growth from minute 1 to minute ${MINUTES}: product ${pct(growth(product))}, baseline ${pct(growth(baseline))}`);
  const met = growth(product) <= 0.1 && product.wallboardLive;
  console.log(`  goal for the product (heap after ${MINUTES} min ≤ 110% of the heap after 1 min, wallboard still live): ${met ? 'met' : 'NOT met'}`);
}

function pct(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

function print(run: HeapRun): void {
  console.log(`\n${run.label}: ${MINUTES} min at ${RATE} events/s, ${run.statusChangesSent.toLocaleString('en')} member status updates sent by the lab`);
  console.log(`  heap after GC: ${run.samples.map((s) => `${s.minute.toFixed(1)} min ${s.mb.toFixed(1)} MB`).join(', ')}`);
  console.log(`  after 1 min ${run.atOneMinute.toFixed(1)} MB, after ${MINUTES} min ${run.atEnd.toFixed(1)} MB; wallboard live at the end: ${run.wallboardLive ? 'yes' : 'NO'}`);
}

async function heapOverTime(label: string, env: Record<string, string>): Promise<HeapRun> {
  const { launchChromium } = await import('../support/chromium');
  const { RawIpcClient } = await import('../support/ipc-client');
  const { url, child } = await startDemoHostChild('sc-wallboard-bench-', env);
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;
  const ipc = await RawIpcClient.connect(origin, token);
  const endpoints = (await ipc.invoke<{ control: string; reports: { agentId: string } }>('lab:endpoints', undefined)) as { ok: true; value: { control: string; reports: { agentId: string } } };
  const control = endpoints.value.control.replace(/\/$/, '');
  const supervisor = endpoints.value.reports.agentId;
  const post = (route: string, body: unknown = {}) => fetch(`${control}${route}`, { method: 'POST', body: JSON.stringify(body) });

  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(`${url}#/wallboard?rotate=10`);
  await page.getByRole('region', { name: 'Teams' }).waitFor({ timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapOnce = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / (1024 * 1024);
  };
  // The median of five readings a second apart: a single reading swings by the patches in flight at that moment.
  const heapAfterGc = async () => {
    const readings: number[] = [];
    for (let i = 0; i < 5; i++) {
      readings.push(await heapOnce());
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return readings.sort((a, b) => a - b)[2]!;
  };

  await post('/reports/rate', { eventsPerSecond: RATE });
  await post('/reports/resume');
  const started = Date.now();
  const samples: HeapRun['samples'] = [];
  let atOneMinute = NaN;
  const at = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, started + ms - Date.now())));
  await at(60_000);
  atOneMinute = await heapAfterGc();
  samples.push({ minute: 1, mb: atOneMinute });
  for (let ms = 60_000 + SAMPLE_EVERY_MS; ms <= MINUTES * 60_000; ms += SAMPLE_EVERY_MS) {
    await at(ms);
    samples.push({ minute: ms / 60_000, mb: await heapAfterGc() });
  }
  const atEnd = samples.at(-1)!.mb;
  // Still showing live figures, not a stale banner, at the end of the run.
  const wallboardLive = (await page.getByTestId('wallboard-stale').count()) === 0 && (await page.getByRole('region', { name: 'Teams' }).count()) === 1;
  await post('/reports/pause');
  const labState = (await (await fetch(`${control}/reports/snapshot?supervisor=${encodeURIComponent(supervisor)}`)).json()) as { statusChangesSent: number };

  ipc.close();
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { label, samples, atOneMinute, atEnd, statusChangesSent: labState.statusChangesSent, wallboardLive };
}

/**
 * `npm run bench -- board`: the team board's two performance figures.
 *
 * 1. Core: how many member status events per second the parser + reducer +
 *    patch builder apply on one core with 5,000 members (goal ≥ 50,000/s).
 * 2. End to end in the browser host against the lab: 5,000 members, 1,000
 *    status events/s for BOARD_BENCH_SECONDS (default 60) s, Chromium showing
 *    the board. Measured: event-to-screen latency of probe changes (p50/p95),
 *    main-thread tasks over 50 ms in Chromium's trace, renderer JS heap,
 *    patches per second, and whether the final board equals the lab's state.
 *    Run twice in the same run: adaptive pacing (the product) and the fixed
 *    100 ms batches it replaced (CONSOLE_BOARD_BATCH_MS=100); the ratios are
 *    printed. BOARD_BENCH_NAIVE=1 adds the naive one-patch-per-event run.
 *
 * The host runs in a child process (this same bundle with --host-child), as
 * `npm run web -- --demo` would, but with a 5,000-agent lab.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST_CHILD_FLAG, runDemoHostChild, startDemoHostChild } from './bench-host';
import { createSeed } from '../../lab/seed';
import { createReportLab } from '../../lab/report';
import { BoardState } from '../../electron/services/reports/board-state';
import { parseFrame } from '../../electron/services/reports/protocol';
import { RENDERER_JS_FLAGS } from '../../electron/shell/renderer-flags';

const AGENTS = 5_000;
const RATE = 1_000;
const SECONDS = Number(process.env.BOARD_BENCH_SECONDS ?? 60);
const PROBE_EVERY_MS = 250;

if (process.argv.includes(HOST_CHILD_FLAG)) {
  await runDemoHostChild({ agents: AGENTS, rate: 0, cucUsers: 200 });
} else {
  await coreBenchmark();
  const adaptive = await endToEnd('adaptive patches (first change at once, then at most one per 33 ms)', {});
  if (process.env.BOARD_BENCH_PRODUCT_ONLY !== '1') {
    const fixed = await endToEnd('baseline: fixed 100 ms batches', { CONSOLE_BOARD_BATCH_MS: '100' });
    printComparison(adaptive, fixed);
  }
  if (process.env.BOARD_BENCH_NAIVE === '1') {
    const naive = await endToEnd('naive baseline (one patch and render per event)', { CONSOLE_BOARD_BATCH_MS: '0' });
    printComparison(adaptive, naive);
  }
}

// ---- 1. core ---------------------------------------------------------------

async function coreBenchmark(): Promise<void> {
  const seed = createSeed({ agents: AGENTS });
  const lab = createReportLab(seed, { autoStart: false });
  const teams = lab.snapshot(seed.demoSupervisor);
  const members = teams.flatMap((t) => t.members.map((m) => ({ team: t, member: m })));
  const statuses = ['ready', 'not_ready', 'ACW'] as const;
  const reasons = seed.notReadyReasons;

  // Frames as the server sends them: one member per frame (the costliest case for the parser).
  const FRAMES = 400_000;
  const frames: string[] = new Array(FRAMES);
  for (let i = 0; i < FRAMES; i++) {
    const { team, member } = members[(i * 7919) % members.length]!;
    const status = statuses[i % 3]!;
    frames[i] = JSON.stringify({
      name: 'report.teamstatus.memberstatuschanged',
      data: {
        agentId: seed.demoSupervisor,
        team: { teamId: team.teamId, teamName: team.teamName, members: [{ ...member, status, reason: status === 'not_ready' ? reasons[i % reasons.length] : '' }] },
      },
    });
  }
  const fresh = () => {
    const state = new BoardState({ configured: true, supervisorId: seed.demoSupervisor });
    for (const team of teams) {
      const parsed = parseFrame(JSON.stringify({ name: 'report.teamstatus.teamadded', data: { agentId: seed.demoSupervisor, team } }));
      if (parsed.kind === 'event') state.apply(parsed, 0);
    }
    state.takePatch();
    return state;
  };

  // Parse + validate + apply + one patch per 5,000 events (the 100 ms batch at 50,000/s).
  const measure = (label: string, run: (state: BoardState) => void, count: number) => {
    const state = fresh();
    run(fresh()); // warm-up
    globalThis.gc?.();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    run(state);
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(`core: ${label}: ${count.toLocaleString('en')} events in ${elapsed.toFixed(0)} ms = ${Math.round(count / (elapsed / 1000)).toLocaleString('en')} events/s (CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms)`);
    return state;
  };

  console.log(`core: ${members.length.toLocaleString('en')} memberships in ${teams.length} teams`);
  measure('parse + validate + apply + patch every 5,000', (state) => {
    let t = 1;
    for (let i = 0; i < frames.length; i++) {
      const parsed = parseFrame(frames[i]!);
      if (parsed.kind === 'event') state.apply(parsed, t++);
      if (i % 5_000 === 4_999) state.takePatch();
    }
    state.takePatch();
  }, FRAMES);

  const events = frames.map((f) => parseFrame(f)).filter((p) => p.kind === 'event');
  measure('apply + patch every 5,000 (pre-parsed)', (state) => {
    let t = 1;
    for (let i = 0; i < events.length; i++) {
      state.apply(events[i] as never, t++);
      if (i % 5_000 === 4_999) state.takePatch();
    }
    state.takePatch();
  }, events.length);
}

// ---- 2. end to end -----------------------------------------------------------

interface RunResult {
  label: string;
  probes: number;
  probesSeen: number;
  p50: number;
  p95: number;
  max: number;
  longTasks: number;
  longestTaskMs: number;
  mainThreadBusyMs: number;
  /** The same tasks' CPU time (trace `tdur`): busy minus the time spent waiting for a CPU. */
  mainThreadCpuMs: number;
  /** Tasks whose own CPU time was over 50 ms. */
  longCpuTasks: number;
  longTasksObserved: number;
  heapMaxMb: number;
  heapEndMb: number;
  ipcPatches: number;
  boardEqualsLab: boolean;
  mainEqualsLab: boolean;
  statusChangesSent: number;
}



function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function endToEnd(label: string, env: Record<string, string>): Promise<RunResult> {
  const { launchChromium } = await import('../support/chromium');
  const { RawIpcClient } = await import('../support/ipc-client');
  console.log(`\ne2e: ${label}: starting the host with a ${AGENTS.toLocaleString('en')}-agent lab…`);
  const { url, child } = await startDemoHostChild('sc-board-bench-', env);
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;
  const ipc = await RawIpcClient.connect(origin, token);
  const endpoints = (await ipc.invoke<{ control: string; reports: { agentId: string } }>('lab:endpoints', undefined)) as { ok: true; value: { control: string; reports: { agentId: string } } };
  const control = endpoints.value.control.replace(/\/$/, '');
  const probeId = endpoints.value.reports.agentId;
  const post = (route: string, body: unknown = {}) => fetch(`${control}${route}`, { method: 'POST', body: JSON.stringify(body) });
  // Supervisors first in each team, so the probe (the supervisor's own row) is on screen.
  await ipc.invoke('preferences:set', { sections: { board: { sort: { column: 'type', descending: false } } } });

  // The desktop app's renderer flags (electron/shell/renderer-flags.ts); BOARD_BENCH_JS_FLAGS overrides them
  // (BOARD_BENCH_JS_FLAGS= with nothing measures a plain browser, as the browser host's users have).
  const jsFlags = process.env.BOARD_BENCH_JS_FLAGS ?? RENDERER_JS_FLAGS.join(' ');
  const browser = await launchChromium(jsFlags ? [`--js-flags=${jsFlags}`] : []);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${url}#/board`);
  try {
    await page.locator(`tr.member-row[data-member-id="${probeId}"]`).first().waitFor({ timeout: 60_000 });
    await page.locator('.board-live').waitFor({ timeout: 30_000 });
  } catch (error) {
    await page.screenshot({ path: path.join(os.tmpdir(), 'board-bench-failure.png') });
    await browser.close();
    child.kill('SIGTERM');
    throw error;
  }

  // The probe row's reason cell, watched from inside the page: when each probe reason first shows.
  await page.evaluate((id) => {
    const seen: Record<string, number> = {};
    const longTasks: number[] = [];
    (window as unknown as { __benchSeen: typeof seen; __benchLong: number[] }).__benchSeen = seen;
    (window as unknown as { __benchLong: number[] }).__benchLong = longTasks;
    const check = () => {
      const reason = document.querySelector(`tr.member-row[data-member-id="${id}"] td.reason`)?.textContent ?? '';
      if (reason.startsWith('Probe') && !(reason in seen)) seen[reason] = Date.now();
    };
    new MutationObserver(check).observe(document.querySelector('table.board-table tbody')!, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  }, probeId);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heapNow = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / (1024 * 1024);
  };

  const tracePath = path.join(os.tmpdir(), `board-bench-trace-${process.pid}-${Date.now()}.json`);
  // BOARD_BENCH_DETAIL=1 adds the timeline categories, to say what a long task spent its time on.
  const detail = process.env.BOARD_BENCH_DETAIL === '1';
  await browser.startTracing(page, { path: tracePath, categories: detail ? ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] : ['toplevel', 'blink.user_timing'] });
  // Let the page settle after tracing starts (enabling it is work of its own), so the first task measured is the board's.
  await new Promise((r) => setTimeout(r, 1_000));
  const patchesBefore = ipc.events.filter((e) => e.channel === 'board:patch').length;

  // BOARD_BENCH_PROFILE=1: a sampling CPU profile of the first 5 s under load, summed by function.
  const profile = process.env.BOARD_BENCH_PROFILE === '1';
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    setTimeout(() => void printProfile(cdp), 5_000);
  }
  // A mark in the trace where the load begins: long tasks are reported relative to it.
  await page.evaluate(() => performance.mark('board-bench-load'));
  await post('/reports/rate', { eventsPerSecond: RATE });
  await post('/reports/resume');
  const sentAt: Record<string, number> = {};
  let heapMax = 0;
  const started = Date.now();
  let n = 0;
  let nextHeap = started;
  while (Date.now() - started < SECONDS * 1000) {
    const reason = `Probe${++n}`;
    sentAt[reason] = Date.now();
    await post('/reports/status', { memberId: probeId, status: 'not_ready', reason });
    if (Date.now() >= nextHeap) {
      heapMax = Math.max(heapMax, await heapNow());
      nextHeap += 5_000;
    }
    const wait = started + n * PROBE_EVERY_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await post('/reports/pause');
  await new Promise((r) => setTimeout(r, 3_000));
  await browser.stopTracing();
  const heapEnd = await heapNow();
  heapMax = Math.max(heapMax, heapEnd);
  const ipcPatches = ipc.events.filter((e) => e.channel === 'board:patch').length - patchesBefore;

  const seen = (await page.evaluate(() => (window as unknown as { __benchSeen: Record<string, number> }).__benchSeen)) as Record<string, number>;
  const observedLong = (await page.evaluate(() => (window as unknown as { __benchLong: number[] }).__benchLong)) as number[];
  const latencies = Object.entries(sentAt)
    .filter(([reason]) => seen[reason] !== undefined)
    .map(([reason, at]) => seen[reason]! - at)
    .sort((a, b) => a - b);

  // Chromium's trace: tasks on the page's renderer main thread.
  const trace = JSON.parse(fs.readFileSync(tracePath, 'utf8')) as { traceEvents: Array<{ name: string; ph: string; pid: number; tid: number; ts?: number; dur?: number; tdur?: number; args?: { name?: string } }> };
  fs.rmSync(tracePath, { force: true });
  const mainThreads = new Set(trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = outermostTasks(trace.traceEvents.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`) && /RunTask/.test(e.name) && typeof e.dur === 'number'));
  const longTasks = tasks.filter((t) => t.dur! > 50_000);
  // Times are from the start of the load (negative: while the page settled before it).
  const loadTs = trace.traceEvents.find((e) => e.name === 'board-bench-load')?.ts ?? Math.min(...tasks.map((t) => t.ts ?? Infinity));
  if (longTasks.length > 0) {
    // With each task's CPU time: on a machine shared with other work, a task's wall time includes waiting for a CPU.
    console.log(`  tasks over 50 ms at: ${longTasks.map((t) => `${((t.ts! - loadTs) / 1e6).toFixed(1)} s (${(t.dur! / 1000).toFixed(0)} ms, ${t.tdur === undefined ? '?' : (t.tdur / 1000).toFixed(0)} ms on CPU)`).join(', ')} from the start of the load`);
    if (detail) for (const task of longTasks) printTaskDetail(trace.traceEvents, task);
  }
  const busyMs = tasks.reduce((sum, t) => sum + t.dur!, 0) / 1000;

  // Final state: what the page shows per team, what main holds, and the lab's truth.
  const labState = (await (await fetch(`${control}/reports/snapshot?supervisor=${encodeURIComponent(probeId)}`)).json()) as {
    teams: Array<{ teamId: string; teamName: string; members: Array<{ memberId: string; status: string; reason: string }> }>;
    statusChangesSent: number;
  };
  const expected: Record<string, string> = {};
  for (const team of labState.teams) {
    const count = (s: string) => team.members.filter((m) => m.status === s).length;
    expected[team.teamId] = `${team.teamName}|${count('ready')}|${count('not_ready')}|${count('ACW')}`;
  }
  const shown = await page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const li of document.querySelectorAll<HTMLElement>('ul.board-summaries > li')) {
      const text = li.querySelector('.board-counts')?.textContent ?? '';
      const match = /(\d+) Ready.*?(\d+) Not Ready.*?(\d+) ACW/s.exec(text);
      out[li.dataset.teamId ?? '?'] = `${li.querySelector('.summary-name')?.textContent ?? ''}|${match?.slice(1).join('|') ?? text}`;
    }
    return out;
  });
  const mainSnapshot = (await ipc.invoke<{ members: Array<{ memberId: string; status: string; reason: string }>; teams: Array<{ teamId: string; memberIds: string[] }> }>('board:snapshot', undefined)) as {
    ok: true;
    value: { members: Array<{ memberId: string; status: string; reason: string }>; teams: Array<{ teamId: string; memberIds: string[] }> };
  };
  const mainMembers = new Map(mainSnapshot.value.members.map((m) => [m.memberId, `${m.status}/${m.reason}`]));
  let mainEqualsLab = mainSnapshot.value.teams.length === labState.teams.length;
  for (const team of labState.teams) {
    const mainTeam = mainSnapshot.value.teams.find((t) => t.teamId === team.teamId);
    if (!mainTeam || mainTeam.memberIds.length !== team.members.length) mainEqualsLab = false;
    for (const m of team.members) if (mainMembers.get(m.memberId) !== `${m.status}/${m.reason}`) mainEqualsLab = false;
  }
  const boardEqualsLab = JSON.stringify(Object.entries(shown).sort()) === JSON.stringify(Object.entries(expected).sort());

  // Scrolling all 5,000 rows of the table, one step per frame, watching for long tasks.
  const scroll = env.CONSOLE_BOARD_BATCH_MS === '0' ? null : await page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('.board-scroll')!;
    scroller.scrollTop = 0;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    let worstGap = 0;
    let last = performance.now();
    const started = last;
    await new Promise<void>((resolve) => {
      const step = () => {
        const t = performance.now();
        worstGap = Math.max(worstGap, t - last);
        last = t;
        frames++;
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve();
        scroller.scrollTop += 1200;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    await new Promise((r) => setTimeout(r, 200));
    observer.disconnect();
    return { longTasks, frames, worstGap, elapsed: performance.now() - started, height: scroller.scrollHeight, domRows: scroller.querySelectorAll('tr').length };
  });

  ipc.close();
  await browser.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  const result: RunResult = {
    label,
    probes: n,
    probesSeen: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? NaN,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.dur! / 1000)),
    mainThreadBusyMs: busyMs,
    mainThreadCpuMs: tasks.reduce((sum, t) => sum + (t.tdur ?? 0), 0) / 1000,
    longCpuTasks: tasks.filter((t) => (t.tdur ?? 0) > 50_000).length,
    longTasksObserved: observedLong.length,
    heapMaxMb: heapMax,
    heapEndMb: heapEnd,
    ipcPatches,
    boardEqualsLab,
    mainEqualsLab,
    statusChangesSent: labState.statusChangesSent,
  };
  console.log(`e2e: ${label}: ${SECONDS} s at ${RATE} events/s, ${labState.statusChangesSent.toLocaleString('en')} member status updates sent by the lab`);
  console.log(`  event-to-screen latency (probe changes seen ${result.probesSeen}/${result.probes}): p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms`);
  console.log(`  renderer main thread (trace): ${result.longTasks} tasks over 50 ms, longest ${result.longestTaskMs.toFixed(1)} ms, busy ${(result.mainThreadBusyMs / 1000).toFixed(1)} s of ${SECONDS + 3} s (${(result.mainThreadCpuMs / 1000).toFixed(1)} s on CPU), ${result.longCpuTasks} tasks over 50 ms on CPU; longtask observer: ${result.longTasksObserved}`);
  console.log(`  renderer JS heap: max ${result.heapMaxMb.toFixed(1)} MB, end ${result.heapEndMb.toFixed(1)} MB`);
  console.log(`  IPC board patches: ${result.ipcPatches.toLocaleString('en')}`);
  console.log(`  final board equals the lab: page ${result.boardEqualsLab ? 'yes' : 'NO'}, main ${result.mainEqualsLab ? 'yes' : 'NO'}`);
  if (scroll) {
    const longest = scroll.longTasks.length ? Math.max(...scroll.longTasks) : 0;
    console.log(
      `  scroll all rows top → bottom (${scroll.height.toLocaleString('en')} px, ${scroll.frames} frames, ${(scroll.elapsed / 1000).toFixed(1)} s): ` +
        `${scroll.longTasks.length} tasks ≥ 50 ms (longest ${longest.toFixed(0)} ms), longest frame gap ${scroll.worstGap.toFixed(0)} ms, ${scroll.domRows} rows in the DOM`,
    );
  }
  return result;
}

/**
 * Chromium writes each task twice, a `RunTask` with a `ThreadControllerImpl::RunTask`
 * nested inside it; counting both would count every long task twice and the
 * busy time double. Only tasks not inside another task of the same thread count.
 */
function outermostTasks<T extends { pid: number; tid: number; ts?: number; dur?: number; tdur?: number }>(tasks: T[]): T[] {
  const sorted = [...tasks].sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
  const outer = new Map<string, T>();
  return sorted.filter((task) => {
    const thread = `${task.pid}:${task.tid}`;
    const around = outer.get(thread);
    if (around && task.ts! < around.ts! + around.dur!) {
      // The outer event may lack the thread's CPU time; the one nested in it has it.
      around.tdur ??= task.tdur;
      return false;
    }
    outer.set(thread, task);
    return true;
  });
}

async function printProfile(cdp: { send(method: string, params?: object): Promise<unknown> }): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfTime = (fromMs: number, toMs: number) => {
    const self = new Map<string, number>();
    let at = 0;
    profile.samples.forEach((id, i) => {
      at += (profile.timeDeltas[i] ?? 0) / 1000;
      if (at < fromMs || at >= toMs) return;
      const frame = byNode.get(id)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    return [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  };
  console.log('  CPU profile, first 5 s under load, self time:');
  for (const [key, us] of selfTime(0, 5_000)) console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  console.log('  … of which the first 400 ms:');
  for (const [key, us] of selfTime(0, 400).slice(0, 12)) console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

/** The timeline events inside one long task, longest first (BOARD_BENCH_DETAIL=1). */
function printTaskDetail(events: Array<{ name: string; ph: string; pid: number; tid: number; dur?: number; ts?: number; args?: unknown }>, task: { pid: number; tid: number; dur?: number; ts?: number }): void {
  const start = task.ts!;
  const end = start + task.dur!;
  const inside = events
    .filter((e) => e.ph === 'X' && e.pid === task.pid && e.tid === task.tid && e.ts! >= start && e.ts! < end && typeof e.dur === 'number' && e.dur > 1_000 && !/RunTask/.test(e.name))
    .sort((a, b) => b.dur! - a.dur!)
    .slice(0, 15);
  for (const e of inside) console.log(`    ${(e.dur! / 1000).toFixed(1).padStart(6)} ms  ${e.name}  ${JSON.stringify(e.args ?? {}).slice(0, 160)}`);
}

function printComparison(product: RunResult, baseline: RunResult): void {
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const perSecond = (run: RunResult) => run.ipcPatches / SECONDS;
  console.log(`\ncomparison (${baseline.label} ÷ product):`);
  console.log(
    `  p50 ${baseline.p50.toFixed(0)} vs ${product.p50.toFixed(0)} ms (${ratio(baseline.p50, product.p50)}×), p95 ${baseline.p95.toFixed(0)} vs ${product.p95.toFixed(0)} ms (${ratio(baseline.p95, product.p95)}×), ` +
      `patches/s ${perSecond(baseline).toFixed(1)} vs ${perSecond(product).toFixed(1)}, renderer busy ${ratio(baseline.mainThreadBusyMs, product.mainThreadBusyMs)}×, tasks over 50 ms ${baseline.longTasks} vs ${product.longTasks}`,
  );
  const pass = product.p95 <= 50 && product.longTasks === 0 && perSecond(product) <= 30 && product.boardEqualsLab && product.mainEqualsLab;
  console.log(`  goals for the product (p95 ≤ 50 ms, no task > 50 ms, ≤ 30 patches/s, final board equal to the lab's): ${pass ? 'met' : 'NOT met'}`);
}

/**
 * `npm run bench -- history-screen`: the board history ON SCREEN, in Chromium.
 *
 * The generated day of history.bench.ts (5,000 members in 50 teams, 1,000
 * status events a second, HISTORY_BENCH_HOURS long, default 8) is recorded
 * yesterday from 08:00 straight into the demo profile's history folder
 * (`<data dir>/profiles/demo/history/<day>/`); then the browser host opens that
 * data folder in a child process (its own recorder writes today, a different
 * folder) and Chromium shows it. Measured in the page (performance.now(), a
 * MutationObserver for when the screen shows the answer, the next animation
 * frame for when it is painted) with long tasks (> 50 ms) per part:
 *
 * 1. Agent timeline: for 20 agents far apart in the list, from scrolling the
 *    agent's row into view until its bars are drawn; beside it, the same
 *    agents' timeline merged to the bar's pixels (what a row asks for) inside
 *    main's code (this process) and over IPC, and, as the baseline, the full
 *    timeline every row asked for before (every stretch, one object each).
 * 2. Team day: for 10 teams, from choosing the team until the chart's new
 *    canvas and its text-alternative table show that team; beside it, the query.
 * 3. Replay: on the board, the "Board time" slider moved to 20 moments, from the
 *    input event until every board row on screen shows that moment's state (as
 *    main's `boardAt` over the same files says); then a drag (a pointer moving
 *    a step every 16 ms for 3 s, one input at most per step however busy the
 *    page is) and the lag of its last position. Baseline: the store keeps
 *    one request on its way (newest position wins) and offers no way to ask for
 *    every position, so the baseline is main answering every position of the
 *    drag in turn over IPC, without drawing any: a lower bound of asking for each.
 *
 * HISTORY_SCREEN_PROFILE=timeline|team|replay adds a sampling CPU profile of
 * that part (self time by function). SCREENSHOT_DIR saves what each part shows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { HOST_CHILD_FLAG, runDemoHostChild, startDemoHostChild } from './bench-host';
import { generatedDay, MEMBERS, RATE, TEAMS } from './history-day';
import { dayKeyOf, type BoardAt, type DaySummaryPage, type AgentDaySummary } from '../../shared/domain/history';
import { HISTORY_FOLDER, HistoryRecorder } from '../../electron/services/history/recorder';
import { HistoryQueries } from '../../electron/services/history/queries';
import { createLogger } from '../../electron/services/log/logger';
import { RENDERER_JS_FLAGS } from '../../electron/shell/renderer-flags';

const HOURS = Number(process.env.HISTORY_BENCH_HOURS ?? 8);
/** Yesterday from 08:00: a past day (the host records today) that retention keeps. */
const DAY_START = (() => {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  d.setHours(8, 0, 0, 0);
  return d.getTime();
})();
const DAY = dayKeyOf(DAY_START);
const TIMELINE_AGENTS = 20;
const TEAM_CHOICES = 10;
const REPLAY_MOMENTS = 20;
const DRAG_STEP_MS = 16;
const DRAG_SECONDS = 3;
/** The timeline rows' height in AgentTimelines.tsx: row i starts at i × this. */
const TIMELINE_ROW_PX = 30;
const PROFILE_PART = process.env.HISTORY_SCREEN_PROFILE ?? '';
const SHOTS = process.env.SCREENSHOT_DIR ?? '';

// ---- figures -------------------------------------------------------------------------

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : '—');
const spread = (samples: number[]) => `p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, max ${ms(percentile(samples, 100))}`;

function seeded(seed: number): () => number {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff);
}

function timed<T>(run: () => T): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

interface LongTasks {
  count: number;
  longestMs: number;
}

// ---- the recorded day -----------------------------------------------------------------

function recordDay(historyRoot: string): void {
  let now = DAY_START;
  const recorder = new HistoryRecorder({ root: historyRoot, log: createLogger('bench'), now: () => now, timer: false });
  recorder.open();
  const started = performance.now();
  const events = generatedDay(DAY_START).run(HOURS, {
    status(m, at) {
      now = at;
      recorder.recordMembers([m]);
    },
    patch(p, at) {
      now = at;
      recorder.recordPatch(p);
    },
    resynced(at) {
      now = at;
      recorder.resynced();
    },
    tick(at) {
      now = at;
      recorder.tick(at);
    },
  });
  recorder.close();
  console.log(`recorded ${events.toLocaleString('en')} events (${HOURS} h of ${DAY}) into the demo profile's history in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

// ---- in the page ------------------------------------------------------------------------

/** Installed before the app loads: long tasks, and how many boardAt requests the page sends. */
function pageProbes(): void {
  const w = window as unknown as { __long: Array<{ start: number; duration: number }>; __boardAtSent: number };
  w.__long = [];
  w.__boardAtSent = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__long.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (typeof data === 'string' && data.includes('"history:boardAt"')) w.__boardAtSent++;
    return send.call(this, data);
  };
}

async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

async function longTasksSince(page: Page, from: number): Promise<LongTasks> {
  const tasks = await page.evaluate((since) => (window as unknown as { __long: Array<{ start: number; duration: number }> }).__long.filter((t) => t.start >= since), from);
  return { count: tasks.length, longestMs: Math.max(0, ...tasks.map((t) => t.duration)) };
}

/**
 * Runs `act` in the page and waits until `ready()` holds (checked on every DOM
 * change), then for the next animation frame (the one that paints it).
 * Answers the times from the action: shown (DOM) and painted; NaN after 30 s.
 */
const WAIT_IN_PAGE = `
window.__waitShown = (root, act, ready) => new Promise((resolve) => {
  const started = performance.now();
  let done = false;
  const finish = (shown) => {
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => resolve({ shown, painted: performance.now() - started }));
  };
  const check = () => { if (!done && ready()) finish(performance.now() - started); };
  const observer = new MutationObserver(check);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  const timer = setTimeout(() => { if (!done) { done = true; observer.disconnect(); resolve({ shown: NaN, painted: NaN }); } }, 30000);
  act();
  check();
});
// Every board row on screen shows the state \`expected\` gives its member ("status|reason"), and no moment is loading.
window.__boardShows = (expected) => {
  if ((document.querySelector('[data-testid="board-replay"]')?.textContent ?? '').includes('Loading that moment')) return false;
  const rows = document.querySelectorAll('tr.member-row[data-member-id]');
  if (rows.length === 0) return false;
  for (const row of rows) {
    const want = expected[row.getAttribute('data-member-id')];
    const status = [...row.querySelector('td.status').classList].find((c) => c.startsWith('status-') && c !== 'status-finesse')?.slice(7);
    if (want !== status + '|' + (row.querySelector('td.reason')?.textContent ?? '')) return false;
  }
  return true;
};
window.__setInputValue = (element, value) => {
  const proto = element instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(element, String(value));
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};
`;
interface Shown {
  shown: number;
  painted: number;
}

// ---- CPU profile of one part ------------------------------------------------------------

type Cdp = { send(method: string, params?: object): Promise<unknown> };

async function profiled<T>(part: string, page: Page, run: () => Promise<T>): Promise<T> {
  if (PROFILE_PART !== part) return run();
  const cdp = (await page.context().newCDPSession(page)) as unknown as Cdp;
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const value = await run();
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(`  CPU profile of "${part}", self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  return value;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `history-screen-bench-${name}.png`) });
}

// ---- run --------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`history on screen: ${MEMBERS.toLocaleString('en')} members in ${TEAMS} teams, ${RATE.toLocaleString('en')} events/s, ${HOURS}-hour day, Chromium`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-history-screen-bench-'));
  const historyRoot = path.join(dataDir, 'profiles', 'demo', HISTORY_FOLDER);
  recordDay(historyRoot);
  // Main's queries over the same files, in this process: the baseline for the screen's share.
  const queries = new HistoryQueries(historyRoot, () => null);

  const { launchChromium } = await import('../support/chromium');
  const { RawIpcClient } = await import('../support/ipc-client');
  const { url, child } = await startDemoHostChild('sc-history-screen-bench-', {}, { dataDir });
  const ipc = await RawIpcClient.connect(new URL(url).origin, new URL(url).searchParams.get('token'));
  const invoke = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = (await ipc.invoke<T>(channel, payload)) as { ok: boolean; value?: T; error?: unknown };
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value!;
  };
  const jsFlags = process.env.HISTORY_SCREEN_JS_FLAGS ?? RENDERER_JS_FLAGS.join(' ');
  const rows: string[][] = [];
  let browser: Browser | null = null;
  let page: Page | null = null;
  try {
    browser = await launchChromium(jsFlags ? [`--js-flags=${jsFlags}`] : []);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.addInitScript(pageProbes);
    await page.addInitScript({ content: WAIT_IN_PAGE });
    await page.goto(`${url}#/history`);
    const daySelect = page.locator('.history-screen .screen-header select').first();
    await daySelect.locator(`option[value="${DAY}"]`).waitFor({ state: 'attached', timeout: 60_000 });

    // Picking the day: its span, teams and the list of its 5,000 agents with their summaries.
    const pickedAt = Date.now();
    await daySelect.selectOption(DAY);
    await page.locator('li.tl-row svg.tl-bar rect.seg').first().waitFor({ timeout: 120_000 });
    const pickDayMs = Date.now() - pickedAt;
    console.log(`picking the day until the first bars show: ${pickDayMs} ms (includes Playwright's round trips)`);
    await shot(page, 'timeline');
    if (SHOTS) {
      // The same rows in the dark theme; a row pointed at draws every stretch.
      // The header's theme button, as a supervisor switches it.
      await page.getByRole('button', { name: 'Switch to dark theme' }).click();
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      await page.locator('li.tl-row svg.tl-bar').nth(2).hover();
      await shot(page, 'timeline-dark');
      await page.getByRole('button', { name: 'Switch to light theme' }).click();
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
      await page.mouse.move(0, 0);
    }

    rows.push(...(await timelinePart(page, queries, invoke)));
    rows.push(...(await teamDayPart(page, queries)));
    rows.push(...(await replayPart(page, queries, invoke)));
  } catch (error) {
    await page?.screenshot({ path: path.join(os.tmpdir(), 'history-screen-bench-failure.png') });
    throw error;
  } finally {
    ipc.close();
    await browser?.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\non screen, ${HOURS}-hour day of ${MEMBERS.toLocaleString('en')} members at ${RATE.toLocaleString('en')} events/s:`);
  console.log('| What | Target | On screen (to the painted frame) | Of which main | Long tasks > 50 ms |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

type Invoke = <T>(channel: string, payload: unknown) => Promise<T>;

/** 1. One agent's timeline, scrolled into view. */
async function timelinePart(page: Page, queries: HistoryQueries, invoke: Invoke): Promise<string[][]> {
  // The list in the screen's order (the store reads the same pages).
  const agents: AgentDaySummary[] = [];
  for (;;) {
    const pageOfAgents = await invoke<DaySummaryPage>('history:summary', { day: DAY, offset: agents.length, limit: 500 });
    agents.push(...pageOfAgents.agents);
    if (pageOfAgents.agents.length === 0 || agents.length >= pageOfAgents.total) break;
  }
  // 20 rows far apart (none within the rows the previous jump drew), in an order that jumps both ways.
  const random = seeded(7);
  const stride = Math.floor(agents.length / TIMELINE_AGENTS);
  const indices = Array.from({ length: TIMELINE_AGENTS }, (_, i) => i * stride + 40 + Math.floor(random() * (stride - 80)));
  indices.sort(() => random() - 0.5);

  // Each agent after the previous view has settled (every row in it drawn): one agent asked for on its own.
  const from = await pageNow(page);
  const samples = await profiled('timeline', page, () => jumpToRows(page, agents, indices, true));
  const long = await longTasksSince(page, from);
  await shot(page, 'timeline-after');
  // Then 20 other agents, each jump as soon as the previous agent's row shows: rows of the view left behind
  // are still being answered by main (a request cannot be taken back), as when a supervisor jumps about.
  // (Half a stride on, away from every row the first pass drew, so no answer is already at hand.)
  const others = indices.map((i) => i + Math.floor(stride / 2)).filter((j) => j < agents.length && indices.every((i) => Math.abs(j - i) > 30));
  const straightOn = await jumpToRows(page, agents, others, false);

  // Main's share: the same agents' query in this process (warm page cache), then over IPC (query + transport), for
  // the overview a row asks for and for the full timeline rows asked for before (the baseline).
  const ids = indices.map((i) => agents[i]!.memberId);
  const bar = { pixels: await page.evaluate(() => document.querySelector<SVGSVGElement>('li.tl-row svg.tl-bar')!.width.baseVal.value) };
  const span = await invoke<{ first: number; last: number }>('history:day', { day: DAY });
  const overviewOf = (memberId: string) => ({ day: DAY, memberId, from: span.first, to: span.last, pixels: bar.pixels });
  queries.timeline(DAY, agents[0]!.memberId);
  queries.timelineOverview(DAY, agents[0]!.memberId, overviewOf(agents[0]!.memberId));
  // In turn, agent by agent, so a busy moment of the machine weighs on both alike.
  const query: number[] = [];
  const fullQuery: number[] = [];
  for (const id of ids) {
    query.push(timed(() => queries.timelineOverview(DAY, id, overviewOf(id))));
    fullQuery.push(timed(() => queries.timeline(DAY, id)));
  }
  const overIpc: number[] = [];
  const fullOverIpc: number[] = [];
  const bytes: number[] = [];
  const fullBytes: number[] = [];
  for (const id of ids) {
    let started = performance.now();
    bytes.push(JSON.stringify(await invoke('history:timelineOverview', overviewOf(id))).length);
    overIpc.push(performance.now() - started);
    started = performance.now();
    fullBytes.push(JSON.stringify(await invoke('history:timeline', { day: DAY, memberId: id })).length);
    fullOverIpc.push(performance.now() - started);
  }
  const shown = samples.map((s) => s.shown);
  const painted = samples.map((s) => s.painted);
  console.log(`\n1. agent timeline, ${ids.length} agents scrolled into view (${percentile(samples.map((s) => s.segments), 50)} segments each at the median; ${percentile(samples.map((s) => s.rowsDrawn), 50)} rows drawn per view):`);
  console.log(`   bars in the DOM: ${spread(shown)}; painted: ${spread(painted)}`);
  console.log(`   main's query for the same agents, merged to the bar's ${bar.pixels} px: ${spread(query)}; over IPC from a second client: ${spread(overIpc)}; answer p50 ${(percentile(bytes, 50) / 1024).toFixed(0)} KB`);
  console.log(`   baseline, every stretch (what each row asked for before): query ${spread(fullQuery)}; over IPC ${spread(fullOverIpc)}; answer p50 ${(percentile(fullBytes, 50) / 1024).toFixed(0)} KB`);
  console.log(`   ${others.length} other agents, each jump as soon as the previous row showed: painted ${spread(straightOn.map((s) => s.painted))}`);
  console.log(`   long tasks > 50 ms: ${long.count}, longest ${ms(long.longestMs)}`);
  return [
    [
      'One agent\'s timeline (20 agents, scrolled into view once the view before has settled)',
      '≤ 150 ms',
      spread(painted),
      `merged to ${bar.pixels} px: query ${ms(percentile(query, 50))} p50 / ${ms(percentile(query, 95))} p95; over IPC ${ms(percentile(overIpc, 50))} / ${ms(percentile(overIpc, 95))}, ${(percentile(bytes, 50) / 1024).toFixed(0)} KB. ` +
        `Every stretch (before): over IPC ${ms(percentile(fullOverIpc, 50))} / ${ms(percentile(fullOverIpc, 95))}, ${(percentile(fullBytes, 50) / 1024).toFixed(0)} KB`,
      `${long.count} (longest ${ms(long.longestMs)})`,
    ],
    [`The same, jumping on as soon as each row shows (${others.length} other agents)`, '—', spread(straightOn.map((s) => s.painted)), 'rows left behind still answered', '—'],
  ];
}

/** Scrolls each agent's row into view in turn; `settle`: first wait until no row on screen is loading. */
async function jumpToRows(page: Page, agents: AgentDaySummary[], indices: number[], settle: boolean): Promise<Array<Shown & { segments: number; rowsDrawn: number }>> {
  const out = [];
  for (const index of indices) {
    if (settle) await page.waitForFunction(() => !document.querySelector('.tl-scroll .tl-note'), undefined, { timeout: 60_000 });
    const memberId = agents[index]!.memberId;
    out.push(
      await page.evaluate(
        async ({ index, memberId, rowPx }) => {
          const w = window as unknown as { __waitShown(root: Element, act: () => void, ready: () => boolean): Promise<{ shown: number; painted: number }> };
          const scroller = document.querySelector<HTMLElement>('.tl-scroll')!;
          const bars = () => document.querySelector(`li.tl-row[data-member-id="${memberId}"] svg.tl-bar`);
          const shown = await w.__waitShown(scroller, () => (scroller.scrollTop = index * rowPx), () => !!bars()?.querySelector('rect.seg, text.tl-empty'));
          // The stretches of the agent's day (the row draws them merged to its pixels).
          const segments = Number(bars()?.getAttribute('data-stretches') ?? NaN);
          return { ...shown, segments, rowsDrawn: document.querySelectorAll('li.tl-row svg.tl-bar').length };
        },
        { index, memberId, rowPx: TIMELINE_ROW_PX },
      ),
    );
  }
  return out;
}

/** 2. A team's day, chosen in the Team list. */
async function teamDayPart(page: Page, queries: HistoryQueries): Promise<string[][]> {
  await page.getByRole('tab', { name: 'Team day' }).click();
  await page.locator('.team-day-chart canvas').first().waitFor({ timeout: 60_000 });
  const random = seeded(11);
  const teams: number[] = [];
  while (teams.length < TEAM_CHOICES) {
    const t = 1 + Math.floor(random() * (TEAMS - 1));
    if (!teams.includes(t)) teams.push(t);
  }
  const from = await pageNow(page);
  const samples: Shown[] = await profiled('team', page, async () => {
    const out = [];
    for (const t of teams) {
      out.push(
        await page.evaluate(
          async ({ teamId, teamName }) => {
            const w = window as unknown as {
              __waitShown(root: Element, act: () => void, ready: () => boolean): Promise<{ shown: number; painted: number }>;
              __setInputValue(element: Element, value: string): void;
            };
            const screen = document.querySelector('.history-screen')!;
            const select = [...screen.querySelectorAll('.screen-header label')].find((l) => l.textContent?.startsWith('Team'))!.querySelector('select')!;
            // The chart draws a new canvas for new figures: the old one must not count.
            for (const canvas of screen.querySelectorAll('.team-day-chart canvas')) canvas.setAttribute('data-bench-old', '');
            return w.__waitShown(
              screen,
              () => w.__setInputValue(select, teamId),
              () =>
                !!screen.querySelector(`.team-day-chart[aria-label^="Chart of ${teamName}'s day"] canvas:not([data-bench-old])`) &&
                !!screen.querySelector(`table.team-day-totals[aria-label="Member-time of ${teamName} over the day"] tbody tr`),
            );
          },
          { teamId: `team${t}`, teamName: `Team ${t}` },
        ),
      );
    }
    return out;
  });
  const long = await longTasksSince(page, from);
  await shot(page, 'team-day');
  const query = teams.map((t) => timed(() => queries.teamDay(DAY, `team${t}`, 5)));
  const painted = samples.map((s) => s.painted);
  console.log(`\n2. team day, ${teams.length} teams chosen (5-minute bars):`);
  console.log(`   chart and table in the DOM: ${spread(samples.map((s) => s.shown))}; painted: ${spread(painted)}`);
  console.log(`   main's query for the same teams: ${spread(query)}`);
  console.log(`   long tasks > 50 ms: ${long.count}, longest ${ms(long.longestMs)}`);
  return [['A team\'s day (10 teams chosen)', '≤ 300 ms', spread(painted), `query ${ms(percentile(query, 50))} p50 / ${ms(percentile(query, 95))} p95`, `${long.count} (longest ${ms(long.longestMs)})`]];
}

/** What every board row must show at a moment: member → "status|reason". */
function expectedBoard(board: BoardAt): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of board.members) out[m.memberId] = `${m.status}|${m.reason}`;
  return out;
}

/** 3. The board replayed at moments chosen with the "Board time" slider. */
async function replayPart(page: Page, queries: HistoryQueries, invoke: Invoke): Promise<string[][]> {
  await page.evaluate(() => (location.hash = '#/board'));
  // Today (the host's own recording) is the newest day: choose the recorded one.
  const daySelect = page.locator('.replay-bar .replay-day select');
  await daySelect.locator(`option[value="${DAY}"]`).waitFor({ state: 'attached', timeout: 60_000 });
  await daySelect.selectOption(DAY);
  const slider = page.getByRole('slider', { name: 'Board time' });
  const span = await invoke<{ first: number; last: number }>('history:day', { day: DAY });
  await page.waitForFunction((min) => Number(document.querySelector<HTMLInputElement>('input.replay-slider')?.min) === min, span.first, { timeout: 30_000 });
  await slider.waitFor();

  // Moments on the slider's steps, outside the mid-day outage (shown as "not observed", not as rows).
  const random = seeded(23);
  const outage = { from: DAY_START + (HOURS * 3_600_000) / 2 - 5_000, to: DAY_START + (HOURS * 3_600_000) / 2 + 130_000 };
  const steps = Math.floor((span.last - span.first) / 1000);
  const moments: number[] = [];
  while (moments.length < REPLAY_MOMENTS) {
    const at = span.first + 1000 * (2 + Math.floor(random() * (steps - 4)));
    if (at < outage.from || at > outage.to) moments.push(at);
  }
  const from = await pageNow(page);
  const mainBoardAt: number[] = [];
  const samples: Shown[] = await profiled('replay', page, async () => {
    const out = [];
    for (const at of moments) {
      let board: BoardAt | null = null;
      mainBoardAt.push(timed(() => (board = queries.boardAt(at, { limit: 5_000 }))));
      out.push(
        await page.evaluate(
          async ({ at, expected }) => {
            const w = window as unknown as {
              __waitShown(root: Element, act: () => void, ready: () => boolean): Promise<{ shown: number; painted: number }>;
              __setInputValue(element: Element, value: number): void;
              __boardShows(expected: Record<string, string>): boolean;
            };
            const slider = document.querySelector<HTMLInputElement>('input.replay-slider')!;
            return w.__waitShown(document.querySelector('.board-screen')!, () => w.__setInputValue(slider, at), () => w.__boardShows(expected));
          },
          { at, expected: expectedBoard(board!) },
        ),
      );
    }
    return out;
  });
  const long = await longTasksSince(page, from);
  await shot(page, 'replay');

  // A drag: a step every 16 ms for 3 s across 30 minutes of the day, then the lag of its last position.
  const dragSteps = Math.floor((DRAG_SECONDS * 1000) / DRAG_STEP_MS);
  const dragFrom = span.first + 3_600_000 * Math.min(1, HOURS / 4);
  const dragStepMs = Math.floor(1_800_000 / dragSteps / 1000) * 1000;
  const positions = Array.from({ length: dragSteps }, (_, i) => dragFrom + i * dragStepMs);
  const last = queries.boardAt(positions.at(-1)!, { limit: 5_000 });
  const dragStart = await pageNow(page);
  const drag = await page.evaluate(
    async ({ positions, stepMs, expected }) => {
      const w = window as unknown as {
        __waitShown(root: Element, act: () => void, ready: () => boolean): Promise<{ shown: number; painted: number }>;
        __setInputValue(element: Element, value: number): void;
        __boardAtSent: number;
        __boardShows(expected: Record<string, string>): boolean;
      };
      const slider = document.querySelector<HTMLInputElement>('input.replay-slider')!;
      const sentBefore = w.__boardAtSent;
      const started = performance.now();
      // A pointer moving at a steady speed: each input goes to where the pointer is by now, as the browser
      // delivers at most one input per frame however busy the page is.
      let inputs = 0;
      for (let shownIndex = -1; ; ) {
        const index = Math.floor((performance.now() - started) / stepMs);
        if (index >= positions.length - 1) break;
        if (index !== shownIndex) {
          w.__setInputValue(slider, positions[index]!);
          shownIndex = index;
          inputs++;
        }
        await new Promise((r) => setTimeout(r, stepMs));
      }
      const lastStep = await w.__waitShown(document.querySelector('.board-screen')!, () => w.__setInputValue(slider, positions.at(-1)!), () => w.__boardShows(expected));
      return { ...lastStep, dragMs: performance.now() - started, inputs: inputs + 1, requests: w.__boardAtSent - sentBefore };
    },
    { positions, stepMs: DRAG_STEP_MS, expected: expectedBoard(last) },
  );
  const dragLong = await longTasksSince(page, dragStart);

  // Baseline: every position of the drag asked of main in turn (no drawing at all).
  const everyStarted = performance.now();
  for (const at of positions) await invoke('history:boardAt', { at, limit: 5_000 });
  const everyMs = performance.now() - everyStarted;

  const painted = samples.map((s) => s.painted);
  console.log(`\n3. replay, ${moments.length} moments chosen with the slider (${last.members.length.toLocaleString('en')} members on the board):`);
  console.log(`   rows showing the moment in the DOM: ${spread(samples.map((s) => s.shown))}; painted: ${spread(painted)}`);
  console.log(`   main's boardAt for the same moments (this process): ${spread(mainBoardAt)}`);
  console.log(`   long tasks > 50 ms: ${long.count}, longest ${ms(long.longestMs)}`);
  console.log(
    `   drag: ${positions.length} positions every ${DRAG_STEP_MS} ms (${(drag.dragMs / 1000).toFixed(1)} s), ${drag.inputs} input events delivered, ${drag.requests} boardAt requests sent (newest position wins); ` +
      `last position on screen ${ms(drag.shown)} after its input event, painted ${ms(drag.painted)}; long tasks ${dragLong.count} (longest ${ms(dragLong.longestMs)})`,
  );
  console.log(`   baseline, every position asked in turn over IPC (main only, nothing drawn): the last answered ${ms(everyMs)} after the first was asked, ${ms(everyMs - DRAG_STEP_MS * (positions.length - 1))} after the drag would have ended`);
  return [
    ['The board at a moment (20 slider positions)', '≤ 200 ms', spread(painted), `boardAt ${ms(percentile(mainBoardAt, 50))} p50 / ${ms(percentile(mainBoardAt, 95))} p95`, `${long.count} (longest ${ms(long.longestMs)})`],
    [
      `Drag: last of ${positions.length} positions (every ${DRAG_STEP_MS} ms)`,
      '≤ 200 ms',
      `${ms(drag.painted)} (${drag.inputs} inputs, ${drag.requests} requests)`,
      `every position asked in turn: last answer ${ms(Math.max(0, everyMs - DRAG_STEP_MS * (positions.length - 1)))} after the drag`,
      `${dragLong.count} (longest ${ms(dragLong.longestMs)})`,
    ],
  ];
}

// ---- entry (last: everything above is defined by now) -------------------------------------

if (process.argv.includes(HOST_CHILD_FLAG)) {
  // The live lab stays small and still: the measured day is the recorded one.
  await runDemoHostChild({ agents: 20, rate: 0 });
} else {
  await main();
}

/**
 * `npm run bench -- cupi`: the Unity Connection users list at 20,000 users,
 * with the lab answering every HTTP request 20 ms late.
 *
 * 1. Search: type a prefix into the users search box (keystrokes 60 ms
 *    apart, like a person) and measure, inside Chromium, from the last
 *    keystroke to the first matching row on screen. Goal ≤ 300 ms.
 * 2. Scroll: scroll the whole list from top to bottom, one step per animation
 *    frame, while pages load on demand; count main-thread long tasks
 *    (PerformanceObserver "longtask", ≥ 50 ms) and the longest frame gap.
 *    Goal: no task over 50 ms.
 *
 * The host runs in a child process (this same bundle with --host-child), as
 * `npm run web -- --demo` would, but with a 20,000-user lab at 20 ms latency.
 */
import fs from 'node:fs';
import { HOST_CHILD_FLAG, runDemoHostChild, startDemoHostChild } from './bench-host';

const USERS = 20_000;
const LATENCY_MS = 20;
const SEARCHES = ['user1', 'user05', 'user123', 'user19', 'user0042', 'akim', 'user07', 'user15', 'user099', 'user18'];

if (process.argv.includes(HOST_CHILD_FLAG)) {
  await runDemoHostChild({ cucUsers: USERS, rate: 0, latencyMs: LATENCY_MS });
} else {
  await benchmark();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function benchmark(): Promise<void> {
  const { launchChromium } = await import('../support/chromium');
  console.log(`Starting the host with a ${USERS.toLocaleString('en')}-user Unity Connection lab at ${LATENCY_MS} ms latency…`);
  const { url, child, dataDir } = await startDemoHostChild('sc-cupi-bench-');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    await page.locator('.cupi-row').first().waitFor({ timeout: 60_000 });
    const count = await page.getByTestId('cupi-count-user').innerText();
    console.log(`Users list open: ${count}`);

    // ---- 1. search latency --------------------------------------------------
    // Inside the page: timestamp of the last input event, and of the first row showing the prefix after it.
    await page.evaluate(() => {
      const w = window as unknown as { lastInputAt: number; shownAt: number; wanted: string };
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      input.addEventListener('input', () => {
        w.lastInputAt = performance.now();
        w.shownAt = 0;
      });
      const scroller = document.querySelector('[data-testid="cupi-scroll-user"]')!;
      const check = () => {
        if (w.shownAt || !w.wanted) return;
        const first = scroller.querySelector('.cupi-row .cupi-row-primary');
        if (first && first.textContent && first.textContent.toLowerCase().startsWith(w.wanted)) w.shownAt = performance.now();
      };
      new MutationObserver(check).observe(scroller, { subtree: true, childList: true, characterData: true });
    });
    const latencies: number[] = [];
    const search = page.getByLabel('Search users');
    for (const prefix of SEARCHES) {
      await search.fill('');
      await page.waitForTimeout(400);
      await page.evaluate((p) => {
        const w = window as unknown as { wanted: string; shownAt: number };
        w.wanted = p;
        w.shownAt = 0;
      }, prefix);
      await search.pressSequentially(prefix, { delay: 60 });
      await page.waitForFunction(() => (window as unknown as { shownAt: number }).shownAt > 0, undefined, { timeout: 10_000 });
      const ms = await page.evaluate(() => {
        const w = window as unknown as { lastInputAt: number; shownAt: number };
        return w.shownAt - w.lastInputAt;
      });
      const matches = await page.getByTestId('cupi-count-user').innerText();
      latencies.push(ms);
      console.log(`  search "${prefix}": first page on screen ${ms.toFixed(0)} ms after the last keystroke (${matches})`);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`Search → first page on screen: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (goal ≤ 300 ms) over ${sorted.length} searches`);

    // ---- 2. scrolling the whole list -----------------------------------------
    await search.fill('');
    await page.waitForFunction(() => /^20,000 matches/.test(document.querySelector('[data-testid="cupi-count-user"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const scroll = await page.evaluate(async () => {
      const scroller = document.querySelector<HTMLElement>('[data-testid="cupi-scroll-user"]')!;
      const longTasks: number[] = [];
      const longTaskStarts: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          longTasks.push(entry.duration);
          longTaskStarts.push(entry.startTime);
        }
      });
      observer.observe({ type: 'longtask', buffered: false });
      const started = performance.now();
      let last = started;
      let worstGap = 0;
      let frames = 0;
      const step = 1200;
      await new Promise<void>((resolve) => {
        const tick = () => {
          const now = performance.now();
          worstGap = Math.max(worstGap, now - last);
          last = now;
          frames++;
          if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) return resolve();
          scroller.scrollTop += step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const elapsed = performance.now() - started;
      // Let the last pages arrive and render, still observing.
      await new Promise((r) => setTimeout(r, 1500));
      observer.disconnect();
      const lastRow = [...scroller.querySelectorAll('.cupi-row .cupi-row-primary')].map((e) => e.textContent).filter((t) => t && t !== '…').pop();
      return { longTasks, longTaskAt: longTaskStarts.map((t) => Math.round(t - started)), worstGap, frames, elapsed, scrollHeight: scroller.scrollHeight, lastRow, domRows: scroller.querySelectorAll('.cupi-row').length };
    });
    const longest = scroll.longTasks.length ? Math.max(...scroll.longTasks) : 0;
    console.log(
      `Scroll top → bottom (${scroll.scrollHeight.toLocaleString('en')} px, ${scroll.frames} frames, ${(scroll.elapsed / 1000).toFixed(1)} s): ` +
        `${scroll.longTasks.length} main-thread tasks ≥ 50 ms (longest ${longest.toFixed(0)} ms; goal: none over 50 ms), longest frame gap ${scroll.worstGap.toFixed(0)} ms, ` +
        `${scroll.domRows} rows in the DOM, last row "${scroll.lastRow}"`,
    );
    if (scroll.longTasks.length) console.log(`  long tasks at ${scroll.longTaskAt.map((t, i) => `${t} ms (${scroll.longTasks[i]!.toFixed(0)} ms)`).join(', ')} after the scroll started`);
    await page.close();
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

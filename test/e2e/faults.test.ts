import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import type { ServerState, ServerStatus } from '../../shared/domain/status';
import type { UccxConfig } from '../../shared/domain/uccx';
import type { CupiPage, CupiWriteOutcome } from '../../shared/domain/cupi';
import type { LabWrite } from '../../lab';

/**
 * The fault suite: the built browser host in --demo, driven in Chromium,
 * with the lab broken on purpose through its control API, one fault per
 * case, with the console's default timings. For each fault:
 *   - the page stays responsive (navigation answers within a second);
 *   - every chip of the status bar (per node and per system) tells the truth
 *     within 15 s of the fault starting;
 *   - an edit queued during the fault is written exactly once (counted in the
 *     lab's own write log), after the fault when the fault pauses writes;
 *   - the console recovers by itself within 15 s of the fault ending.
 * Timings are printed at the end.
 */
const TRUTH_WITHIN_MS = 15_000;
const RECOVERY_WITHIN_MS = 15_000;

let host: RunningHost;
let browser: Browser;
let page: Page;
let ipc: RawIpcClient;
let control: string;
let ids: { a: string; b: string; pub: string; sub: string };
let agents: UccxConfig['agents'];
let contacts: CupiPage['items'];
let nextAgent = 20;
let nextContact = 0;
const timings: Array<{ fault: string; truthMs: number; recoveredMs: number; writtenMs: number }> = [];

interface ChipView {
  id: string;
  state: ServerState;
  text: string;
  title: string;
}

interface ChipExpectation {
  state: ServerState;
  /** What the chip itself says (after the label). */
  text?: RegExp;
  /** Its sentence (the tooltip). */
  title?: RegExp;
}

type Expectations = Record<string, ChipExpectation>;

async function post(pathname: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${control}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, pathname).toBe(200);
}

async function writesTo(pathname: string): Promise<LabWrite[]> {
  const response = await fetch(`${control}/writes?path=${encodeURIComponent(pathname)}`);
  return ((await response.json()) as { writes: LabWrite[] }).writes.filter((write) => write.status < 300);
}

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

async function chips(): Promise<ChipView[]> {
  return page.locator('[data-server]').evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.getAttribute('data-server') ?? '',
      state: (/state-(\w+)/.exec(element.className)?.[1] ?? '') as ServerState,
      text: (element as HTMLElement).innerText,
      title: element.getAttribute('title') ?? '',
    })),
  );
}

/** Every chip that differs from what is expected, in words (empty when the bar tells the truth). */
function mismatches(seen: ChipView[], expected: Expectations): string[] {
  const problems: string[] = [];
  for (const [id, want] of Object.entries(expected)) {
    const chip = seen.find((c) => c.id === id);
    if (!chip) problems.push(`${id}: missing`);
    else if (chip.state !== want.state || (want.text && !want.text.test(chip.text)) || (want.title && !want.title.test(chip.title))) {
      problems.push(`${id}: "${chip.text}" [${chip.state}] "${chip.title}"`);
    }
  }
  return problems;
}

/** Wait until the status bar says what is expected; returns how long that took. */
async function barSays(expected: Expectations, withinMs: number, what: string): Promise<number> {
  const started = Date.now();
  let last: string[] = [];
  while (Date.now() - started < withinMs) {
    last = mismatches(await chips(), expected);
    if (last.length === 0) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: the status bar did not tell the truth within ${withinMs / 1000} s:\n  ${last.join('\n  ')}`);
}

/** A chip's own word, after its label: "UCCX 127.0.0.1:18400: Not answering" (the demo lab is plain HTTP, and the chip says so). */
const says = (word: string) => new RegExp(`: ${word.replace(/[()]/g, '\\$&')} · not encrypted$`);

/** A healthy lab, as the bar must say it. */
function healthy(): Expectations {
  return {
    uccx: { state: 'ok', title: /^UCCX: writing to \S+$/ },
    [ids.a]: { state: 'ok', text: says('Connected') },
    [ids.b]: { state: 'ok', text: says('Standby') },
    cupi: { state: 'ok', title: /^Unity Connection publisher connected\.$/ },
    [ids.pub]: { state: 'ok', text: says('Connected') },
    [ids.sub]: { state: 'ok', text: says('Connected') },
    // The board's "Live team status…", or the connection test's "Connected." when that answered last.
    reports: { state: 'ok', title: /^(Live team status|Connected\.)/ },
  };
}

/** Navigation answers within a second, on every screen, during the fault. */
async function navigationAnswers(): Promise<void> {
  for (const route of ['Pending changes', 'Connections', 'Configuration', 'Team board']) {
    const started = Date.now();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: new RegExp(`^${route}`) }).click();
    await page.getByRole('heading', { level: 1, name: route }).first().waitFor({ timeout: 1000 });
    expect(Date.now() - started, `${route} opened`).toBeLessThan(1000);
  }
}

interface Edit {
  /** Successful writes of it the lab has answered. */
  writes(): Promise<number>;
  /** The lab holds the edited value. */
  landed(): Promise<boolean>;
}

/** Queue an alias change of a fresh agent, the way the editor does (uccx:submit). */
async function queueUccxEdit(tag: string): Promise<Edit> {
  const agent = agents[nextAgent++]!;
  const alias = `Fault ${tag}`.slice(0, 30);
  await value('uccx:submit', { edits: [{ type: 'resource', id: agent.userID, operation: 'update', label: `Agent ${agent.userID}`, base: { alias: agent.alias }, mine: { alias } }] });
  const target = `/adminapi/resource/${agent.userID}`;
  return {
    writes: async () => (await writesTo(target)).length,
    landed: async () => (await writesTo(target)).length > 0 && (await value<UccxConfig>('uccx:config', undefined, 20_000)).agents.some((a) => a.userID === agent.userID && a.alias === alias),
  };
}

/** Change a fresh contact's display name, the way the editor does (cupi:update; it may answer "queued"). */
async function queueCupiEdit(tag: string): Promise<Edit> {
  const contact = contacts[nextContact++]!;
  const name = `Fault ${tag}`;
  const outcome = await value<CupiWriteOutcome>('cupi:update', { type: 'contact', objectId: contact.ObjectId, label: `Contact ${contact.Alias}`, base: { DisplayName: contact.DisplayName }, changes: { DisplayName: name } }, 20_000);
  expect(['queued', 'applied']).toContain(outcome.state);
  const target = `/vmrest/contacts/${contact.ObjectId}`;
  return {
    writes: async () => (await writesTo(target)).length,
    landed: async () => (await writesTo(target)).length > 0 && (await value<{ fields: Record<string, string> }>('cupi:get', { type: 'contact', objectId: contact.ObjectId }, 20_000)).fields.DisplayName === name,
  };
}

interface FaultCase {
  name: string;
  start(): Promise<void>;
  /** Chips that differ from healthy() during the fault. */
  during: Expectations;
  /** Edits to queue during the fault. */
  edits: Array<(tag: string) => Promise<Edit>>;
  /** The fault pauses writes: nothing may be written before it ends. */
  pausesWrites: boolean;
  end(): Promise<void>;
  /** Extra checks while the fault lasts. */
  alsoDuring?(): Promise<void>;
}

async function runFault(fault: FaultCase): Promise<void> {
  await barSays(healthy(), RECOVERY_WITHIN_MS, `${fault.name}: healthy before`);
  const started = Date.now();
  await fault.start();
  const truthMs = await barSays({ ...healthy(), ...fault.during }, TRUTH_WITHIN_MS, `${fault.name}: during the fault`);
  await navigationAnswers();
  await fault.alsoDuring?.();
  const edits = await Promise.all(fault.edits.map((queue, index) => queue(`${fault.name.slice(0, 20)} ${index}`)));
  if (fault.pausesWrites) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const edit of edits) expect(await edit.writes(), `${fault.name}: nothing written during the fault`).toBe(0);
    // Still telling the truth with the edit waiting.
    await barSays({ ...healthy(), ...fault.during }, 2000, `${fault.name}: with an edit waiting`);
  }
  const ended = Date.now();
  await fault.end();
  const recoveredMs = await barSays(healthy(), RECOVERY_WITHIN_MS, `${fault.name}: after the fault`);
  // Written after the fault ended (or, for faults that do not pause writes, after it began).
  const from = fault.pausesWrites ? ended : started;
  let writtenMs = 0;
  for (const edit of edits) {
    while (!(await edit.landed())) {
      if (Date.now() - ended > RECOVERY_WITHIN_MS) throw new Error(`${fault.name}: the edit queued during the fault was not written within 15 s of its end`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    writtenMs = Math.max(writtenMs, Date.now() - from);
  }
  // Exactly once: no second write turns up afterwards either.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const edit of edits) expect(await edit.writes(), `${fault.name}: written exactly once`).toBe(1);
  const pending = await value<{ waiting: number; attention: number }>('changes:counts');
  expect(pending.waiting, `${fault.name}: nothing left waiting`).toBe(0);
  timings.push({ fault: fault.name, truthMs, recoveredMs, writtenMs });
}

/** The status bar during a fault, in the light and the dark theme (only with SCREENSHOT_DIR set). */
async function statusBarShot(name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const use = async (scheme: 'light' | 'dark') => {
    if ((await theme()) === scheme) return;
    await page.getByRole('button', { name: `Switch to ${scheme} theme` }).click();
    await expect.poll(theme).toBe(scheme);
  };
  for (const scheme of ['light', 'dark'] as const) {
    await use(scheme);
    await page.locator('.app-footer').screenshot({ path: path.join(dir, `${name}-${scheme}.png`) });
  }
  await use('light');
}

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  control = (await value<{ control: string }>('lab:endpoints')).control;
  const endpoints = (await (await fetch(control)).json()) as { uccx: { nodes: [string, string] }; cupi: { publisher: string; subscriber: string } };
  const hostOf = (url: string) => new URL(url).host;
  ids = { a: `uccx:${hostOf(endpoints.uccx.nodes[0])}`, b: `uccx:${hostOf(endpoints.uccx.nodes[1])}`, pub: `cupi:${hostOf(endpoints.cupi.publisher)}`, sub: `cupi:${hostOf(endpoints.cupi.subscriber)}` };
  agents = (await value<UccxConfig>('uccx:config', undefined, 20_000)).agents.filter((agent) => agent.type === 1);
  contacts = (await value<CupiPage>('cupi:search', { type: 'contact', pageSize: 50 })).items;
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`${host.url}#/board`);
  await barSays(healthy(), 20_000, 'start-up');
}, 60_000);

afterEach(async () => {
  // Whatever a case left behind (even when it failed), the next one starts from a healthy lab.
  await fetch(`${control}/reset`, { method: 'POST' });
});

afterAll(async () => {
  if (timings.length) {
    const rows = timings.map((t) => `  ${t.fault.padEnd(44)} truth ${(t.truthMs / 1000).toFixed(1).padStart(5)} s   recovered ${(t.recoveredMs / 1000).toFixed(1).padStart(5)} s   edit written ${(t.writtenMs / 1000).toFixed(1).padStart(5)} s`);
    console.log(`Fault suite timings (truth: after the fault began; recovered and written: after it ended, or after it began for faults that do not pause writes)\n${rows.join('\n')}`);
  }
  ipc?.socket.close();
  await browser?.close();
  await host?.stop();
});

/** Several control calls in order, as one fault step. */
function posts(...calls: Array<[string, unknown?]>): () => Promise<void> {
  return async () => {
    for (const [pathname, body] of calls) await post(pathname, body);
  };
}

/** A UCCX fault that pauses writes: the system chip and both node chips, and one queued UCCX edit. */
function uccxFault(name: string, start: () => Promise<void>, end: () => Promise<void>, chipsDuring: { uccx: ChipExpectation; a: ChipExpectation; b: ChipExpectation }, alsoDuring?: () => Promise<void>): FaultCase {
  return { name, start, end, alsoDuring, during: { uccx: chipsDuring.uccx, [ids.a]: chipsDuring.a, [ids.b]: chipsDuring.b }, edits: [queueUccxEdit], pausesWrites: true };
}

const refused: ChipExpectation = { state: 'down', text: /: Unreachable \(connection refused\) · not encrypted$/ };
const notMaster: ChipExpectation = { state: 'degraded', text: /: Not master · not encrypted$/ };

describe('faults named truthfully, and recovered from by themselves', () => {
  it('UCCX primary stopped', async () => {
    await runFault(
      uccxFault('UCCX primary stopped', posts(['/nodes/ccx-a/stop']), posts(['/nodes/ccx-a/start']), {
        uccx: { state: 'degraded', title: /^UCCX read-only: \S+ unreachable since \d{1,2}:\d\d(?:\s[AP]M)? \(connection refused\)(; 1 change waiting)?$/ },
        a: refused,
        b: notMaster,
      }),
    );
  });

  it('UCCX primary hung', async () => {
    await runFault(
      uccxFault(
        'UCCX primary hung',
        posts(['/nodes/ccx-a/hang']),
        posts(['/nodes/ccx-a/resume']),
        { uccx: { state: 'degraded', title: /^UCCX read-only: \S+ not answering since \d{1,2}:\d\d(?:\s[AP]M)?(; 1 change waiting)?$/ }, a: { state: 'down', text: says('Not answering') }, b: notMaster },
        () => statusBarShot('faults-primary-hung'),
      ),
    );
  });

  it('both UCCX nodes down', async () => {
    await runFault(
      uccxFault('both UCCX nodes down', posts(['/nodes/ccx-a/stop'], ['/nodes/ccx-b/stop']), posts(['/nodes/ccx-a/start'], ['/nodes/ccx-b/start']), {
        uccx: { state: 'down', title: /^UCCX unreachable: \S+ unreachable since \d{1,2}:\d\d(?:\s[AP]M)? \(connection refused\), \S+ unreachable since \d{1,2}:\d\d(?:\s[AP]M)? \(connection refused\)/ },
        a: refused,
        b: refused,
      }),
    );
  });

  it('UCCX island: both nodes claim master', async () => {
    const island: ChipExpectation = { state: 'degraded', text: says('Both claim master') };
    await runFault(
      uccxFault('UCCX island (both master)', posts(['/uccx/master', { which: 'both' }]), posts(['/uccx/master', { which: 'a' }]), {
        uccx: { state: 'degraded', title: /^UCCX read-only: both \S+ and \S+ claim to be database master, writes paused(; 1 change waiting)?$/ },
        a: island,
        b: island,
      }),
    );
  });

  it('UCCX: no node is master', async () => {
    await runFault(
      uccxFault('UCCX no master', posts(['/uccx/master', { which: 'none' }]), posts(['/uccx/master', { which: 'a' }]), {
        uccx: { state: 'degraded', title: /^UCCX read-only: no node is the database master(; 1 change waiting)?$/ },
        a: notMaster,
        b: notMaster,
      }),
    );
  });

  it('HTTP 500s from the UCCX primary and the Unity Connection publisher', async () => {
    await runFault({
      name: 'HTTP 500s (ccx-a, cuc-pub)',
      start: posts(['/nodes/ccx-a/fail500', { on: true }], ['/nodes/cuc-pub/fail500', { on: true }]),
      during: {
        uccx: { state: 'degraded', title: /^UCCX read-only: \S+ answering with errors \(HTTP 500\) since \d{1,2}:\d\d(?:\s[AP]M)?(; 1 change waiting)?$/ },
        [ids.a]: { state: 'degraded', text: says('Answering with errors (HTTP 500)') },
        [ids.b]: notMaster,
        cupi: { state: 'degraded', title: /^Unity Connection read-only: the publisher is answering with errors \(HTTP 500\) since \d{1,2}:\d\d(?:\s[AP]M)?; reading from the subscriber, changes are queued(; 1 change waiting)?\.$/ },
        [ids.pub]: { state: 'degraded', text: says('Answering with errors (HTTP 500)') },
      },
      alsoDuring: async () => {
        for (const chip of await chips()) expect(chip.title, chip.id).not.toMatch(/unreachable/i);
        await statusBarShot('faults-http-500');
      },
      edits: [queueUccxEdit, queueCupiEdit],
      pausesWrites: true,
      end: posts(['/nodes/ccx-a/fail500', { on: false }], ['/nodes/cuc-pub/fail500', { on: false }]),
    });
  });

  it('2 s latency on every node: slow, not unreachable, and writes keep going', async () => {
    const slow: ChipExpectation = { state: 'degraded', text: /: Slow \(2\.\d s\) · not encrypted$/ };
    await runFault({
      name: '2 s latency on every node',
      start: posts(['/latency', { ms: 2000 }]),
      during: {
        uccx: { state: 'degraded', title: /^UCCX: writing to \S+, which is slow \(2\.\d s\); \S+ slow \(2\.\d s, standby\)$/ },
        [ids.a]: slow,
        [ids.b]: slow,
        cupi: { state: 'degraded', title: /^Unity Connection publisher slow \(2\.\d s\); changes are still written; the subscriber is slow \(2\.\d s\)\.$/ },
        [ids.pub]: slow,
        [ids.sub]: slow,
      },
      alsoDuring: () => statusBarShot('faults-latency'),
      edits: [queueUccxEdit, queueCupiEdit],
      pausesWrites: false,
      end: posts(['/latency', { ms: 0 }]),
    });
  }, 120_000);

  it('report socket dropped', async () => {
    const reportStates = (since: number) =>
      ipc.events
        .slice(since)
        .filter((e) => e.channel === 'status:changed')
        .map((e) => (e.payload as ServerStatus[]).find((s) => s.id === 'reports')?.state);
    let before = 0;
    await runFault({
      name: 'report socket dropped',
      start: async () => {
        before = ipc.events.length;
        await post('/reports/drop');
        // The console notices at once, says so, and reconnects: the truth a moment later is "live" again.
        await expect.poll(() => reportStates(before).some((state) => state !== 'ok'), { timeout: 5000 }).toBe(true);
      },
      during: {},
      alsoDuring: async () => {
        expect(reportStates(before).at(-1)).toBe('ok');
      },
      edits: [queueUccxEdit],
      pausesWrites: false,
      end: async () => {},
    });
  });

  it('malformed frames, then a silent server that ignores report.teamstatus.begin', async () => {
    await runFault({
      name: 'malformed frames, then silent + ignore begin',
      start: async () => {
        for (const kind of ['invalid-json', 'unknown-event', 'missing-fields', 'binary']) await post('/reports/malformed', { kind });
        // Malformed frames alone leave the link live: the board says what it dropped.
        await barSays(healthy(), 2000, 'after malformed frames');
        // The socket stays open: the console must notice the silence itself (ping, then give up), then the unanswered subscription.
        await posts(['/reports/silent', { on: true }], ['/reports/ignore-begin', { on: true }])();
      },
      during: {
        reports: { state: 'down', title: /did not answer the team status subscription within 10 s|stopped answering/ },
      },
      alsoDuring: async () => {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Team board/ }).click();
        await expect.poll(() => page.getByTestId('board-rejected').innerText()).toMatch(/malformed/);
        await expect.poll(() => page.getByTestId('board-connection').innerText()).toMatch(/did not answer the team status subscription|stopped answering/);
      },
      edits: [queueUccxEdit],
      pausesWrites: false,
      end: posts(['/reports/silent', { on: false }], ['/reports/ignore-begin', { on: false }]),
    });
  }, 90_000);

  it('Unity Connection publisher stopped', async () => {
    await runFault({
      name: 'Unity Connection publisher stopped',
      start: posts(['/nodes/cuc-pub/stop']),
      during: {
        cupi: { state: 'degraded', title: /^Unity Connection read-only: the publisher is unreachable since \d{1,2}:\d\d(?:\s[AP]M)? \(connection refused\); reading from the subscriber, changes are queued(; 1 change waiting)?\.$/ },
        [ids.pub]: refused,
      },
      alsoDuring: () => statusBarShot('faults-publisher-stopped'),
      edits: [queueCupiEdit],
      pausesWrites: true,
      end: posts(['/nodes/cuc-pub/start']),
    });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHostOnLab, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { startCuttableProxy, type CuttableProxy } from '../support/cuttable-proxy';
import { saveScreenshot } from '../support/screenshots';
import { startLab, type Lab } from '../../lab';
import type { UccxConfig, UccxState } from '../../shared/domain/uccx';
import type { ChangeCounts } from '../../shared/domain/changes';

/**
 * The page's own connection to the browser host. Chromium reaches the host
 * through a proxy this test can cut while the host keeps running; meanwhile
 * the lab and another IPC client change what the screens show. After the
 * socket comes back, every screen must show the new state without a reload.
 * Last, the host process stops and the frame must say so.
 */
const VAULT_PASSPHRASE = 'e2e vault passphrase 4c9';
const UNREACHABLE = 'Console host unreachable';

describe('the connection between the page and the browser host', () => {
  let lab: Lab;
  let host: RunningHost;
  let browser: Browser;
  let proxy: CuttableProxy;
  let proxied: BrowserContext;
  let ipc: RawIpcClient;
  let dataDir: string;
  const pageErrors: string[] = [];

  async function open(route: string, context: BrowserContext = proxied): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${host.url}#/${route}`);
    return page;
  }

  const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
    const start = Date.now();
    while (!(await check())) {
      if (Date.now() - start > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const statusBar = (page: Page) => page.getByRole('status', { name: 'Server connections' });
  const chip = (page: Page) => statusBar(page).getByText(UNREACHABLE, { exact: true });
  const pendingNav = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ });

  beforeAll(async () => {
    // No scenario traffic: the board changes only when this test says so.
    lab = await startLab({ agents: 40, teams: 3, rate: 0 });
    lab.uccx.setDbMaster('a');
    dataDir = makeDataDir('sc-e2e-host-connection-');
    host = await startHostOnLab(lab, { name: 'Head office', dataDir, profileFile: path.join(dataDir, 'site.json'), vaultPassphrase: VAULT_PASSPHRASE });
    ipc = await RawIpcClient.connect(host.origin, host.token);
    browser = await launchChromium();
    proxy = await startCuttableProxy();
    proxied = await browser.newContext({ proxy: { server: proxy.server }, viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    ipc?.close();
    await browser?.close();
    await proxy?.close();
    await host?.stop();
    await lab?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reconnects by itself after only its socket dropped, and every screen shows what changed meanwhile', async () => {
    const config = await value<UccxConfig>('uccx:config');
    const [applied, queued] = config.agents;
    const member = lab.reports.snapshot(lab.endpoints.reports.agentId)[0]!.members.find((m) => m.memberType === 'Agent')!;
    lab.reports.setMemberStatus(member.memberId, 'ready');

    // One page per screen, all through the proxy, each loaded before the cut.
    const board = await open('board');
    await board.getByPlaceholder('Filter by name').fill(member.memberName);
    const row = board.locator(`tr.member-row[data-member-id="${member.memberId}"]`).first();
    await expect.poll(() => row.locator('.status').innerText(), { timeout: 20_000 }).toMatch(/(?<!Not )Ready/);

    const uccx = await open('config');
    await uccx.getByRole('searchbox', { name: 'Search agents' }).fill('alias-set-elsewhere');
    const agentCount = uccx.locator('.agents-editor .toolbar .muted[aria-live]');
    await expect.poll(() => agentCount.innerText(), { timeout: 20_000 }).toMatch(/^0 of \d+ agents/);

    const pending = await open('pending');
    await pending.getByText('No changes waiting to be written.').waitFor();

    const connections = await open('connections');
    await connections.getByRole('article', { name: 'Profile Head office' }).waitFor();

    const pages = [board, uccx, pending, connections];
    for (const page of pages) {
      await expect.poll(() => statusBar(page).locator('[data-server="uccx"]').innerText(), { timeout: 20_000 }).toContain('UCCX: Connected');
      await page.evaluate(() => ((window as { loadedOnce?: boolean }).loadedOnce = true));
    }
    expect(proxy.tunnels()).toBe(pages.length);

    // Only the page side drops: the host and its IPC clients carry on.
    proxy.cut();
    for (const page of pages) await chip(page).waitFor({ timeout: 5_000 });
    await saveScreenshot(board, 'host-unreachable-light.png');
    await board.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await saveScreenshot(board, 'host-unreachable-dark.png');
    await board.evaluate(() => (document.documentElement.dataset.theme = 'light'));

    // Board: one agent's status (the lab's report server pushes it to the host).
    lab.reports.setMemberStatus(member.memberId, 'not_ready', 'Lunch');
    // UCCX: another console changes an agent's alias, and it is written.
    await value('uccx:submit', {
      edits: [{ type: 'resource', id: applied!.userID, operation: 'update', label: `Agent ${applied!.userID}`, base: { alias: applied!.alias }, mine: { alias: 'alias-set-elsewhere' } }],
    });
    await waitFor('the alias change being written', async () => (await value<ChangeCounts>('changes:counts')).waiting === 0);
    // Status bar and pending changes: no database master, so the next change waits in the queue.
    lab.uccx.setDbMaster('none');
    await waitFor('UCCX turning read-only', async () => !(await value<UccxState>('uccx:state')).writable);
    await value('uccx:submit', {
      edits: [{ type: 'resource', id: queued!.userID, operation: 'update', label: `Agent waiting ${queued!.userID}`, base: { alias: queued!.alias }, mine: { alias: 'waits-in-the-queue' } }],
    });
    await waitFor('the second change being queued', async () => (await value<ChangeCounts>('changes:counts')).waiting === 1);
    // Connections: another console saves a profile.
    await value('profiles:save', { profile: { name: 'Night shift', reports: { url: lab.endpoints.reports.url, agentId: lab.endpoints.reports.agentId } } });
    for (const page of pages) expect(await chip(page).isVisible()).toBe(true);

    proxy.restore();
    for (const page of pages) {
      await chip(page).waitFor({ state: 'detached', timeout: 20_000 });
      await expect.poll(() => statusBar(page).locator('[data-server="uccx"]').innerText(), { timeout: 10_000 }).toContain('UCCX: Limited');
      await expect.poll(() => pendingNav(page).innerText(), { timeout: 10_000 }).toContain('(1)');
    }
    await expect.poll(() => row.locator('.status').innerText(), { timeout: 10_000 }).toContain('Not Ready');
    expect(await row.innerText()).toContain('Lunch');
    await expect.poll(() => agentCount.innerText(), { timeout: 10_000 }).toMatch(/^1 of \d+ agents/);
    await expect.poll(() => uccx.locator('.uccx-editors .banner-warning').innerText().catch(() => ''), { timeout: 10_000 }).toContain('Changes are queued');
    await expect.poll(() => pending.locator('tr.change-row').allInnerTexts(), { timeout: 10_000 }).toEqual([expect.stringContaining(`Agent waiting ${queued!.userID}`)]);
    await connections.getByRole('article', { name: 'Profile Night shift' }).waitFor({ timeout: 10_000 });

    // None of it came from reloading the page.
    for (const page of pages) expect(await page.evaluate(() => (window as { loadedOnce?: boolean }).loadedOnce)).toBe(true);
    expect(pageErrors).toEqual([]);
    lab.uccx.setDbMaster('a');
  });

  it('says "Console host unreachable" within 5 s of the browser host process stopping', async () => {
    const direct = await browser.newContext();
    const page = await open('board', direct);
    await expect.poll(() => statusBar(page).locator('[data-server="uccx"]').innerText(), { timeout: 20_000 }).toMatch(/UCCX: /);
    expect(await chip(page).count()).toBe(0);

    await host.stop();
    const stoppedAt = Date.now();
    await chip(page).waitFor({ timeout: 5_000 });
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    await direct.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium';
import { VAULT_PASSPHRASE_ENV, makeDataDir, startHost, startHostOnLab, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { startLab, type Lab } from '../../lab';
import { saveScreenshot } from '../support/screenshots';

/**
 * The restart path: a console that used a profile against live servers is
 * restarted with every server stopped. It reopens the last-used profile and
 * shows the cached configuration and the last board, read-only, with their times.
 */
const PASSPHRASE = 'offline e2e passphrase';

async function poll<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 500)}`);
}

describe('offline restart with the last-used profile', () => {
  let lab: Lab;
  let host: RunningHost | null = null;
  let browser: Browser;
  let dataDir: string;
  let profileDir: string;

  beforeAll(async () => {
    lab = await startLab();
    dataDir = makeDataDir('sc-e2e-offline-');
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-profile-'));
    host = await startHostOnLab(lab, { name: 'Offline site', dataDir, profileFile: path.join(profileDir, 'site.json'), vaultPassphrase: PASSPHRASE });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await lab?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
  });

  it('shows the cached configuration and the last board, read-only, with their times', async () => {
    const live = await RawIpcClient.connect(host!.origin, host!.token);
    type Config = { source: string; fetchedAt: number; skills: unknown[]; agents: unknown[] };
    type Board = { members: unknown[]; connection: { state: string; asOf: number | null } };
    const liveConfig = await poll(
      async () => live.invoke<Config>('uccx:config', undefined),
      (r) => r.ok && r.value.source === 'live' && r.value.skills.length > 0,
    );
    const liveBoard = await poll(
      async () => live.invoke<Board>('board:snapshot', undefined),
      (r) => r.ok && r.value.members.length > 0,
    );
    const fetchedAt = liveConfig.ok ? liveConfig.value.fetchedAt : 0;
    const skillCount = liveConfig.ok ? liveConfig.value.skills.length : 0;
    const memberCount = liveBoard.ok ? liveBoard.value.members.length : 0;
    live.close();

    // Quit, then every server goes away.
    await host!.stop();
    await lab.stop();
    host = await startHost(['--vault-passphrase-env', VAULT_PASSPHRASE_ENV], { dataDir, env: { [VAULT_PASSPHRASE_ENV]: PASSPHRASE } });

    const client = await RawIpcClient.connect(host.origin, host.token);
    const info = await client.invoke<{ profileName: string | null }>('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { profileName: 'Offline site' } });

    const cached = await poll(
      async () => client.invoke<Config>('uccx:config', undefined),
      (r) => r.ok && r.value.source === 'cache',
    );
    expect(cached.ok && cached.value.fetchedAt).toBe(fetchedAt);
    expect(cached.ok && cached.value.skills.length).toBe(skillCount);
    const state = await client.invoke<{ writable: boolean; mode: string }>('uccx:state', undefined);
    expect(state).toMatchObject({ ok: true, value: { writable: false } });

    const board = await client.invoke<Board>('board:snapshot', undefined);
    expect(board.ok).toBe(true);
    if (board.ok) {
      expect(board.value.members.length).toBe(memberCount);
      expect(board.value.connection.state).not.toBe('live');
      expect(board.value.connection.asOf).toBeGreaterThan(0);
    }
    client.close();

    const page = await browser.newPage();
    await page.goto(`${host.url}#/board`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toMatch(/As of [^,]+, \d{1,2}:\d{2}.*disconnected/);
    expect(await page.locator('main').textContent()).toMatch(/[1-9]\d* members shown/);
    const statusBar = page.getByRole('status', { name: 'Server connections' });
    await expect.poll(() => statusBar.textContent(), { timeout: 15_000 }).toContain('Unreachable');
    await saveScreenshot(page, 'connections-offline-board-light.png');
    // The configuration screen opens from the cache, labelled with its time.
    await page.goto(`${host.url}#/config`);
    await expect.poll(() => page.locator('main').textContent(), { timeout: 15_000 }).toMatch(/Showing the configuration as of .*UCCX cannot be reached/);
    await saveScreenshot(page, 'connections-offline-config-light.png');
    await page.close();
  });
});

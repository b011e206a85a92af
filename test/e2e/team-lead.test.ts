import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed } from '../../lab/seed';
import { saveScreenshot } from '../support/screenshots';
import { describeFindings, runAxe } from '../support/axe';
import type { ProfileList, SiteProfile } from '../../shared/domain/profile';

// A team lead's console: a profile with only the report server. The
// navigation and the status bar follow what the active profile configures,
// and change when another profile becomes active. Also: the favicon.

const seed = createSeed({ agents: 40, teams: 3 });
let lab: ReportLab;
let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let page: Page;

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

const navLinks = () => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
const chips = () => page.locator('.status-bar .status-chip').evaluateAll((nodes) => nodes.map((node) => (node as HTMLElement).dataset.server ?? node.textContent ?? ''));

beforeAll(async () => {
  lab = createReportLab(seed, { autoStart: false });
  await lab.start();
  const dataDir = makeDataDir('sc-team-lead-');
  const profileFile = path.join(dataDir, 'profile.json');
  fs.writeFileSync(profileFile, JSON.stringify({ name: 'Team lead', reports: { url: lab.url, agentId: seed.demoSupervisor } }));
  host = await startHost(['--profile', profileFile], { dataDir });
  ipc = await RawIpcClient.connect(host.origin, host.token);
  browser = await launchChromium();
  // bypassCSP: axe is injected as an inline script, which the console's own policy refuses.
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  await page.goto(`${host.url}#/board`);
  await page.locator('.board-live').waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  ipc?.socket.close();
  await browser?.close();
  await host?.stop();
  await lab?.stop();
});

describe("a team lead's console (report server only)", () => {
  it('offers only the board, the call journey, Connections and History, and no line for UCCX or Unity Connection', async () => {
    await expect.poll(navLinks).toEqual(['Team board', 'Call journey', 'Connections', 'History']);
    await expect.poll(chips).toEqual(['reports']);
    expect(await page.locator('.status-bar').innerText()).not.toMatch(/UCCX|Unity Connection/);
    // The editors' shortcut and address lead nowhere: the board stays.
    await page.keyboard.press('Alt+3');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Team board');
    await page.goto(`${host.url}#/config`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toBe('Team board');
    expect(new URL(page.url()).hash).toBe('#/board');

    const report = await runAxe(page);
    expect(report.findings, describeFindings('team lead board', report)).toEqual([]);
    for (const theme of ['dark', 'light'] as const) {
      await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await saveScreenshot(page, `team-lead-board-${theme}.png`);
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Call journey' }).click();
    const journey = await runAxe(page);
    expect(journey.findings, describeFindings('team lead journey', journey)).toEqual([]);
    // No demo lab: no list of its calls.
    await page.getByRole('heading', { level: 1, name: 'Call journey' }).waitFor();
    expect(await page.locator('.journey-demo-calls').count()).toBe(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team board' }).click();
  });

  it('follows a profile switch: UCCX brings the editors and pending changes, switching back takes them away', async () => {
    const teamLead = (await value<ProfileList>('profiles:list')).activeId!;
    const admin = await value<SiteProfile>('profiles:save', {
      profile: { name: 'Admin desk', allowPlaintextCredentials: true, uccx: { nodes: ['http://127.0.0.1:9'], username: 'administrator' }, reports: { url: lab.url, agentId: seed.demoSupervisor } },
    });
    await value('profiles:activate', { id: admin.id });
    await expect.poll(navLinks).toEqual(['Team board', 'Call journey', 'Configuration', 'Connections', 'Pending changes', 'History']);
    await expect.poll(() => page.locator('.status-bar').innerText()).toContain('UCCX');

    await value('profiles:activate', { id: teamLead });
    await expect.poll(navLinks).toEqual(['Team board', 'Call journey', 'Connections', 'History']);
    await expect.poll(chips).toEqual(['reports']);
  });

  it('serves the app icon at /favicon.ico without the token, and names it in the page', async () => {
    const answer = await fetch(`${host.origin}/favicon.ico`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/svg+xml');
    expect(await answer.text()).toMatch(/^<svg[^>]+viewBox="0 0 512 512"/);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('./icon.svg');
    const linked = await fetch(`${host.origin}/icon.svg`);
    expect([linked.status, linked.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
  });
});

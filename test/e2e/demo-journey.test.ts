import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { saveScreenshot } from '../support/screenshots';
import type { LabRecentCall } from '../../shared/domain/board';

// Demo mode tells a newcomer where a Call ID to try comes from: the Call
// journey screen lists the lab's last calls, and the host names the lab's
// control API on stderr (stdout keeps only the ready line scripts read).

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('demo mode: call ids to try', () => {
  it('prints only the ready line on stdout and names the lab control API on stderr', async () => {
    await expect.poll(() => host.output().stderr).toMatch(/Demo lab control API at http:\/\/127\.0\.0\.1:\d+ /);
    expect(host.output().stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Console ready at http:\/\/127\.0\.0\.1:\d+\/\?token=/)]);
    const control = /Demo lab control API at (\S+)/.exec(host.output().stderr)![1]!;
    const answer = (await (await fetch(`${control}/reports/calls`)).json()) as { callIds: string[]; recent: LabRecentCall[] };
    expect(answer.recent.length).toBeGreaterThan(0);
    expect(answer.callIds).toContain(answer.recent[0]!.callId);
  });

  it("lists the lab's recent calls on the Call journey screen, and one click shows a journey", async () => {
    await page.goto(`${host.url}#/journey`);
    const section = page.getByRole('region', { name: 'Recent calls in the demo lab' });
    await expect.poll(() => section.locator('li').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const control = /Demo lab control API at (\S+)/.exec(host.output().stderr)![1]!;
    expect(await section.innerText()).toContain(`GET ${control}/reports/calls`);

    // The list is the lab's own: its newest calls, each with time and caller.
    const { recent } = (await (await fetch(`${control}/reports/calls`)).json()) as { recent: LabRecentCall[] };
    const shown = await section.locator('li').allInnerTexts();
    const first = shown[0]!;
    const listed = recent.find((call) => first.startsWith(call.callId));
    expect(listed, `${first} is one of the lab's recent calls`).toBeDefined();
    expect(first).toContain(`from ${listed!.caller}`);
    expect(first).toContain(new Date(listed!.endedAt).toLocaleTimeString('en-US'));

    for (const theme of ['dark', 'light'] as const) {
      await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await saveScreenshot(page, `journey-demo-calls-${theme}.png`);
    }

    await section.getByRole('button', { name: new RegExp(`^Look up call ${listed!.callId} `) }).click();
    const table = page.locator('table.journey-table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.getByRole('heading', { level: 2, name: `Call ${listed!.callId}` }).count()).toBe(1);
    expect(await page.getByLabel('Call ID').inputValue()).toBe(listed!.callId);
    await saveScreenshot(page, 'journey-demo-call-shown-light.png');
  });
});

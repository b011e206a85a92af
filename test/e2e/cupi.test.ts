import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import type { CupiPage } from '../../shared/domain/cupi';
import type { CupiDetail } from '../../shared/ipc/areas/cupi';
import { saveScreenshot } from '../support/screenshots';

/** Everything the console wrote below its data folder, as one string (to look for secrets). */
function allFilesText(dir: string): string {
  let out = '';
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out += allFilesText(full);
    else out += fs.readFileSync(full).toString('utf8');
  }
  return out;
}

describe('Unity Connection editors in the browser host (demo lab)', () => {
  let host: RunningHost;
  let browser: Browser;
  let ipc: RawIpcClient;
  let control: string;

  const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

  async function openCupi(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    await page.locator('.cupi-row').first().waitFor();
    return page;
  }

  beforeAll(async () => {
    host = await startHost(['--demo']);
    browser = await launchChromium();
    ipc = await RawIpcClient.connect(host.origin, host.token);
    control = (await value<{ control: string }>('lab:endpoints')).control;
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('searches users on the server and saves an edit after showing the diff', async () => {
    const page = await openCupi();
    const first = (await value<CupiPage>('cupi:search', { type: 'user', pageSize: 1 })).items[0]!;
    await page.getByLabel('Search users').fill(first.Alias!);
    await expect.poll(() => page.getByTestId('cupi-count-user').innerText()).toMatch(/^1 match/);
    await page.locator('.cupi-row', { hasText: first.Alias! }).click();
    const display = page.getByLabel('Display name');
    await display.fill('Edited In Browser');
    await page.getByRole('button', { name: 'Review changes' }).click();
    const diff = page.getByRole('group', { name: 'Changes to save' });
    await expect.poll(() => diff.innerText()).toContain('Edited In Browser');
    await diff.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(async () => (await value<CupiDetail>('cupi:get', { type: 'user', objectId: first.ObjectId })).fields.DisplayName)
      .toBe('Edited In Browser');
    await page.close();
  });

  it('shows the PIN policy message when a reset is refused, and never writes the PIN to disk', async () => {
    const page = await openCupi();
    await page.locator('.cupi-row').nth(2).click();
    const pin = page.getByLabel('New PIN');
    await pin.fill('111111');
    await page.getByRole('button', { name: 'Reset PIN' }).click();
    // Other alerts may be on screen too: look for this one.
    await expect.poll(() => page.getByRole('alert').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/too easy to guess/)]));
    await pin.fill('739104');
    await page.getByRole('button', { name: 'Reset PIN' }).click();
    await expect.poll(() => page.locator('.notice').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/PIN reset/)]));
    await expect.poll(() => page.getByText('↻ Must be changed at next sign-in').count()).toBeGreaterThan(0);
    expect(allFilesText(host.dataDir)).not.toContain('739104');
    await page.close();
  });

  it('closes now: Closed greeting on a handler plus a UCCX script parameter, each part reported', async () => {
    const page = await openCupi();
    await page.getByRole('tab', { name: 'Close now' }).click();
    await page.getByLabel('Support Line').check();
    await page.getByLabel('Closed', { exact: true }).check();
    await page.getByLabel('Application').selectOption('Customer_Service');
    await page.getByLabel('Parameter').selectOption('emergencyClosed');
    await page.getByLabel('Value while closed').fill('true');
    await page.getByLabel('Reason (for the audit log)').fill('Snow');
    await page.getByRole('button', { name: 'Close now' }).click();
    await page.getByRole('alertdialog', { name: 'Close the centre now?' }).getByRole('button', { name: 'Close now' }).click();
    const closure = page.getByTestId('closure').first();
    await expect.poll(() => closure.innerText(), { timeout: 20_000 }).toMatch(/Closed greeting on Support Line — ✓ done/);
    await expect.poll(() => closure.innerText(), { timeout: 20_000 }).toMatch(/Customer_Service emergencyClosed = true — ✓ done/);

    const handlers = await value<CupiPage>('cupi:search', { type: 'callhandler', column: 'DisplayName', operator: 'is', text: 'Support Line' });
    const detail = await value<CupiDetail>('cupi:get', { type: 'callhandler', objectId: handlers.items[0]!.ObjectId });
    expect(detail.greetings!.find((g) => g.GreetingType === 'Off Hours')!.Enabled).toBe('true');
    const config = await value<{ applications: Array<{ name: string; params: Array<{ name: string; value: string }> }> }>('uccx:config');
    expect(config.applications.find((a) => a.name === 'Customer_Service')!.params.find((p) => p.name === 'emergencyClosed')!.value).toBe('true');
    await saveScreenshot(page, 'cupi-close-done-light.png');

    await closure.getByRole('button', { name: 'Reopen now' }).click();
    await expect.poll(() => closure.innerText(), { timeout: 20_000 }).toMatch(/reopened/);
    await page.close();
  });

  it('goes read-only with the publisher down: reads from the subscriber and queues edits', async () => {
    const page = await openCupi();
    await fetch(`${control}/nodes/cuc-pub/stop`, { method: 'POST' });
    try {
      const contacts = await value<CupiPage>('cupi:search', { type: 'contact' });
      expect(contacts.source).toBe('subscriber');
      await expect.poll(() => page.getByTestId('cupi-readonly').innerText()).toMatch(/read-only.*publisher is unreachable/i);
      const contact = contacts.items[0]!;
      const outcome = await value<{ state: string }>('cupi:update', {
        type: 'contact',
        objectId: contact.ObjectId,
        label: 'Contact',
        base: { DisplayName: contact.DisplayName },
        changes: { DisplayName: 'Queued Name' },
      });
      expect(outcome.state).toBe('queued');
      await saveScreenshot(page, 'cupi-readonly-light.png');
    } finally {
      await fetch(`${control}/nodes/cuc-pub/start`, { method: 'POST' });
    }
    // The publisher is back: the queued edit is written by itself.
    await expect
      .poll(async () => (await value<CupiPage>('cupi:search', { type: 'contact', column: 'DisplayName', operator: 'is', text: 'Queued Name' })).total, { timeout: 30_000 })
      .toBe(1);
    await page.close();
  });
});

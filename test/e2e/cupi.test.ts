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

  /** Light and dark screenshots of one part of the page (switched as a person does, with the theme button); the page is left light. */
  async function shootBothThemes(page: Page, name: string, target: () => ReturnType<Page['locator']>): Promise<void> {
    const useTheme = async (theme: 'light' | 'dark') => {
      const current = () => page.evaluate(() => document.documentElement.dataset.theme);
      if ((await current()) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      await expect.poll(current).toBe(theme);
    };
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(theme);
      if (process.env.SCREENSHOT_DIR) await target().screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${name}-${theme}.png`) });
    }
    await useTheme('light');
  }

  /** A GET straight to the lab's Unity Connection publisher, as any CUPI client would send it. */
  async function cupiFetch(cupiPath: string): Promise<Record<string, string>> {
    const { cupi } = (await (await fetch(control)).json()) as { cupi: { publisher: string; username: string; password: string } };
    const response = await fetch(`${cupi.publisher}${cupiPath}`, {
      headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${cupi.username}:${cupi.password}`).toString('base64')}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, string>;
  }

  it('transfer rule: announce, confirm and screening only for a supervised transfer, saved to Unity Connection', async () => {
    const page = await openCupi();
    await page.getByRole('tab', { name: 'Call handlers' }).click();
    await page.getByLabel('Search call handlers').fill('Sales Line');
    await page.locator('.cupi-row', { hasText: 'Sales Line' }).click();
    const rule = page.getByRole('region', { name: 'Alternate transfer rule' });
    const supervisedOnly = rule.getByRole('group', { name: 'While Unity Connection supervises the transfer' });
    const announce = supervisedOnly.getByLabel(/Announce:/);
    // The rule sends callers to the greeting: nothing to supervise, and the screen says why.
    await expect.poll(() => announce.isDisabled()).toBe(true);
    expect(await supervisedOnly.innerText()).toMatch(/this rule sends callers to the greeting/);

    await rule.getByLabel('When this rule is active').selectOption({ label: 'Transfer to an extension' });
    await rule.getByLabel('Transfer extension').fill('4001');
    // Released to the switch, the phone system has the call: still no announce, confirm or screening.
    await expect.poll(() => supervisedOnly.getByTestId('field-group-unavailable').innerText()).toMatch(/Only for “Supervise transfer”: with “Release to switch” the phone system takes the call over/);
    expect(await announce.isDisabled()).toBe(true);
    expect(await supervisedOnly.getByLabel(/Screen:/).isDisabled()).toBe(true);
    await rule.scrollIntoViewIfNeeded();
    await shootBothThemes(page, 'cupi-transfer-rule-release', () => rule);

    await rule.getByLabel('Transfer type').selectOption({ label: 'Supervise transfer' });
    await expect.poll(() => announce.isDisabled()).toBe(false);
    expect(await supervisedOnly.getByTestId('field-group-unavailable').count()).toBe(0);
    // Keyboard: every option is reached and switched without a mouse.
    await announce.focus();
    await page.keyboard.press('Space');
    await supervisedOnly.getByLabel(/Confirm:/).check();
    await supervisedOnly.getByLabel(/Screen:/).check();
    expect(await announce.isChecked()).toBe(true);
    // The raw field stays one hover away.
    expect(await supervisedOnly.getByTitle('Unity Connection calls it TransferScreening').count()).toBe(1);
    await shootBothThemes(page, 'cupi-transfer-rule-supervised', () => rule);

    await rule.getByRole('button', { name: 'Review changes' }).click();
    const diff = rule.getByRole('group', { name: 'Changes to save' });
    await expect.poll(() => diff.innerText()).toMatch(/Announce: the person who answers hears “Transferring call”/);
    await diff.getByRole('button', { name: 'Save', exact: true }).click();

    const handler = (await value<CupiPage>('cupi:search', { type: 'callhandler', column: 'DisplayName', operator: 'is', text: 'Sales Line' })).items[0]!;
    await expect
      .poll(async () => cupiFetch(`/vmrest/handlers/callhandlers/${handler.ObjectId}/transferoptions/Alternate`), { timeout: 15_000 })
      .toMatchObject({ Action: '1', Extension: '4001', TransferType: '1', TransferAnnounce: 'true', TransferConfirm: 'true', TransferScreening: 'true', TransferIntroduce: 'false' });
    await page.close();
  });

  it('Close now searches every call handler on the server, beyond the first 200', async () => {
    const firstPage = await value<CupiPage>('cupi:search', { type: 'callhandler', pageSize: 200 });
    expect(firstPage.total).toBeGreaterThan(200);
    expect(firstPage.items.map((h) => h.DisplayName)).not.toContain('Warehouse 231 line');

    const page = await openCupi();
    await page.getByRole('tab', { name: 'Close now' }).click();
    const count = page.getByTestId('close-handler-count');
    await expect.poll(() => count.innerText()).toMatch(new RegExp(`^Showing the first 50 of ${firstPage.total} call handlers on the server: ${firstPage.total - 50} more, refine your search`));
    expect(await page.getByLabel('Warehouse 231 line').count()).toBe(0);
    await shootBothThemes(page, 'cupi-close-now-first-page', () => page.getByRole('group', { name: 'Call handlers', exact: true }));

    await page.getByLabel('Find call handlers').fill('warehouse 23');
    await expect.poll(() => count.innerText()).toBe('10 call handlers whose name starts with “warehouse 23”.');
    await page.getByLabel('Warehouse 231 line').check();
    // Digits search extensions; what was chosen stays chosen.
    await page.getByLabel('Find call handlers').fill('880240');
    await expect.poll(() => count.innerText()).toBe('1 call handler whose extension starts with “880240”.');
    await page.getByLabel('Warehouse 240 line').check();
    const chosen = page.getByRole('list', { name: 'Chosen call handlers' });
    expect(await chosen.innerText()).toMatch(/Warehouse 231 line[\s\S]*Warehouse 240 line/);
    await page.getByLabel('Find call handlers').fill('warehouse 23');
    await expect.poll(() => count.innerText()).toMatch(/^10 call handlers/);
    await shootBothThemes(page, 'cupi-close-now-search', () => page.getByRole('group', { name: 'Call handlers', exact: true }));

    await chosen.getByRole('button', { name: 'Remove Warehouse 240 line' }).click();
    expect(await chosen.innerText()).not.toContain('Warehouse 240 line');
    await page.getByLabel('Reason (for the audit log)').fill('Stocktake');
    await page.getByRole('button', { name: 'Close now' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Close the centre now?' });
    expect(await dialog.innerText()).toContain('Warehouse 231 line');
    await dialog.getByRole('button', { name: 'Close now' }).click();
    const closure = page.getByTestId('closure').filter({ hasText: 'Stocktake' });
    await expect.poll(() => closure.innerText(), { timeout: 20_000 }).toMatch(/Alternate greeting on Warehouse 231 line — ✓ done/);
    const warehouse = (await value<CupiPage>('cupi:search', { type: 'callhandler', column: 'DisplayName', operator: 'is', text: 'Warehouse 231 line' })).items[0]!;
    expect((await cupiFetch(`/vmrest/handlers/callhandlers/${warehouse.ObjectId}/greetings/Alternate`)).Enabled).toBe('true');
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

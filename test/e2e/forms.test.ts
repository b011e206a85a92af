import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import type { UccxConfig } from '../../shared/domain/uccx';

/**
 * Everyday use of the editors, in Chromium against the demo lab: a UCCX form
 * shows saved values at once and never the old ones again; a Unity
 * Connection form asks before unsaved edits are left, and shows each field
 * problem at its field with Save disabled and the reason beside it; a UCCX
 * HTTP 500 reads as a plain sentence with the status one click away.
 */
let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let control: string;

const value = <T,>(channel: string, payload?: unknown, timeoutMs?: number): Promise<T> => ipc.value<T>(channel, payload, timeoutMs);

async function labControl(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
}

/** Both themes, as the preference sets them, one screenshot each. */
async function shootBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await value('preferences:set', { theme });
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await saveScreenshot(page, `${name}-${theme}.png`);
  }
  await value('preferences:set', { theme: 'light' });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

async function openPage(route: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  await page.goto(`${host.url}#/${route}`);
  return page;
}

async function openCupiUsers(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Unity Connection' }).click();
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.locator('.cupi-row').nth(1).waitFor();
}

/** The user form's title after picking a row of the list. */
async function pickUser(page: Page, index: number): Promise<string> {
  await page.locator('.cupi-row').nth(index).click();
  const title = page.locator('.cupi-detail-header h2');
  await title.waitFor();
  return title.innerText();
}

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  control = (await value<{ control: string }>('lab:endpoints')).control;
}, 60_000);

afterAll(async () => {
  ipc?.socket.close();
  await browser?.close();
  await host?.stop();
});

describe('everyday use of the editors', () => {
  it('a UCCX HTTP 500 reads as a plain sentence naming the node, with the status behind Details', async () => {
    const page = await openPage('config');
    try {
      await page.getByRole('tab', { name: /^Prompts/ }).click({ timeout: 20_000 });
      const prompts = page.getByRole('table', { name: 'Prompts' });
      const prompt = (await prompts.locator('tbody th').first().innerText()).split(/\s/)[0]!;
      await labControl('/nodes/ccx-a/fail500', { on: true });
      await labControl('/nodes/ccx-b/fail500', { on: true });
      await prompts.getByRole('button', { name: 'Play' }).first().click();
      const toast = page.locator('.notice-error', { hasText: `Could not fetch ${prompt}` });
      await toast.waitFor({ timeout: 20_000 });
      const sentence = await toast.locator('.notice-message').innerText();
      expect(sentence).toMatch(/UCCX node \S+ had an internal error \(HTTP 500\)/);
      expect(sentence).not.toMatch(/answered HTTP/);
      // The detail is one click (or Enter) away, and holds the status and the address asked.
      const details = toast.locator('details');
      expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
      await toast.getByText('Details', { exact: true }).focus();
      await page.keyboard.press('Enter');
      expect(await details.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
      expect(await details.locator('code').innerText()).toMatch(new RegExp(`^HTTP 500 from GET http://127\\.0\\.0\\.1:\\d+/adminapi/prompt/download/en_US/${prompt.replace('.', '\\.')}$`));
      await shootBothThemes(page, 'forms-uccx-500-details');
    } finally {
      await labControl('/reset');
      await page.close();
    }
  });

  it('a saved CSQ shows its saved value at once, while queued and once written, and never the old one again', async () => {
    const page = await openPage('config');
    try {
      await page.getByRole('tab', { name: /^CSQs/ }).click({ timeout: 20_000 });
      const csqs = page.getByRole('listbox', { name: 'CSQs' });
      const firstRow = csqs.getByRole('option').first();
      await firstRow.click();
      const form = page.getByRole('form', { name: /^Edit CSQ / });
      const formName = await form.getAttribute('aria-label');
      const field = page.getByRole('spinbutton', { name: 'Service level (seconds)' });
      const before = await field.inputValue();
      const after = String((Number(before) % 50) + 7);
      // No database master: the change stays queued, so only the form can show it (no reload brings it).
      await labControl('/uccx/master', { which: 'none' });
      const save = page.getByRole('region', { name: 'Review changes' }).getByRole('button', { name: /^Save/ });
      await field.fill(after);
      await expect.poll(() => save.innerText(), { timeout: 15_000 }).toBe('Save (will be written when UCCX accepts writes)');
      // Every painted frame from the click on Save until the reload after the write: the value this CSQ's field showed.
      await page.evaluate((name) => {
        const seen: string[] = [];
        (window as unknown as { seenValues: string[] }).seenValues = seen;
        const look = () => {
          const open = document.querySelector(`form[aria-label="${name}"]`);
          const input = [...(open?.querySelectorAll('label') ?? [])].find((label) => label.textContent?.startsWith('Service level (seconds)'))?.querySelector('input');
          if (input) seen.push(input.value);
          if (seen.length < 100_000) requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }, formName);
      await save.click();
      await form.getByText('No unsaved changes.').waitFor();
      expect(await field.inputValue()).toBe(after);
      await expect.poll(() => firstRow.innerText()).toMatch(/Queued/);
      // Away and back: the form opens with the saved value, not the server's.
      await csqs.getByRole('option').nth(1).click();
      await firstRow.click();
      expect(await field.inputValue()).toBe(after);

      await labControl('/uccx/master', { which: 'a' });
      await expect.poll(() => firstRow.innerText(), { timeout: 20_000 }).toMatch(/Written/);
      // The write announces a configuration change; the reload follows within about a second.
      const written = async () => (await value<UccxConfig>('uccx:config')).csqs.some((csq) => String(csq.serviceLevel) === after);
      await expect.poll(written, { timeout: 10_000 }).toBe(true);
      await page.waitForTimeout(2500);
      expect(await field.inputValue()).toBe(after);
      const seen = await page.evaluate(() => (window as unknown as { seenValues: string[] }).seenValues);
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.filter((shown) => shown !== after), `the field showed ${[...new Set(seen)].join(', ')}`).toEqual([]);
    } finally {
      await labControl('/reset');
      await page.close();
    }
  });

  it('a Unity Connection user edit left for another user asks first: Keep editing keeps, Discard drops', async () => {
    const page = await openPage('config');
    try {
      await openCupiUsers(page);
      const first = await pickUser(page, 0);
      const firstName = page.getByRole('textbox', { name: 'First name' });
      await firstName.fill('Edited by the test');
      await page.locator('.cupi-row').nth(1).click();
      const dialog = page.getByRole('alertdialog', { name: `Discard unsaved changes to ${first}?` });
      await dialog.waitFor();
      await shootBothThemes(page, 'forms-cupi-unsaved-prompt');
      await dialog.getByRole('button', { name: 'Keep editing' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await page.locator('.cupi-detail-header h2').innerText()).toBe(first);
      expect(await firstName.inputValue()).toBe('Edited by the test');

      await page.locator('.cupi-row').nth(1).click();
      await dialog.getByRole('button', { name: 'Discard' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.cupi-detail-header h2').innerText()).not.toBe(first);
      expect(await firstName.inputValue()).not.toBe('Edited by the test');
    } finally {
      await page.close();
    }
  });

  it('a Unity Connection field problem shows at its field, with Save disabled and the reason beside it', async () => {
    const page = await openPage('config');
    try {
      await openCupiUsers(page);
      await pickUser(page, 0);
      const extension = page.getByRole('textbox', { name: 'Extension' });
      await extension.fill('12a4');
      const field = page.locator('.field', { has: extension });
      expect(await field.locator('.field-error').innerText()).toContain('An extension is digits only.');
      expect(await extension.getAttribute('aria-invalid')).toBe('true');
      const save = page.getByRole('button', { name: 'Review changes' });
      expect(await save.isDisabled()).toBe(true);
      expect(await page.getByTestId('form-problem').innerText()).toBe('Cannot save yet: Extension: An extension is digits only.');
      const alias = page.getByRole('textbox', { name: 'Alias' });
      await alias.fill('');
      expect(await page.locator('.field', { has: alias }).locator('.field-error').innerText()).toContain('Required: this cannot be empty.');
      expect(await page.getByTestId('form-problem').innerText()).toMatch(/and 1 more problem/);
      await shootBothThemes(page, 'forms-cupi-field-error');
      await extension.fill('4321');
      await alias.fill('forms-test-alias');
      expect(await save.isDisabled()).toBe(false);
      expect(await page.getByTestId('form-problem').count()).toBe(0);
      await page.getByRole('button', { name: 'Undo changes' }).click();
    } finally {
      await page.close();
    }
  });
});

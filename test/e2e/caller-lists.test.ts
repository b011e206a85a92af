import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { parseCallerList, serializeCallerList } from '../../electron/services/uccx/caller-list-document';
import { localToday, type CallerEntry } from '../../shared/domain/caller-lists';
import { shootBothThemes } from '../support/themes';
import { demoLab, labDocument as labDocumentOf, uploadLabDocument, type DemoLab } from '../support/demo-lab';
import { stopAll } from '../support/teardown';

/**
 * Caller lists end to end: the editor in Chromium against the demo lab, the
 * documents checked over the lab's own adminapi with plain fetch (download,
 * and a direct two-step upload for a change behind the console's back).
 */

let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let lab: DemoLab;

async function control(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${lab.control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
}

/** The document as UCCX holds it (plain adminapi download), or null when there is none. */
const labDocument = (path: string) => labDocumentOf(lab.uccx, path);

/** Someone else replaces a document directly on UCCX: delete, then the documented two-step upload. */
const uploadBehindTheBack = (folder: string, fileName: string, bytes: Buffer) => uploadLabDocument(lab.uccx, folder, fileName, bytes);

/** The same view in both themes, and axe-clean in both. */
const shootBoth = (page: Page, name: string) => shootBothThemes(page, `caller-lists-${name}`, { fullPage: true, axe: name });

async function openCallerLists(page: Page, list = 'vip'): Promise<void> {
  await page.goto(`${host.url}#/config`);
  await page.getByRole('tab', { name: /^Caller lists/ }).click();
  await page.getByRole('combobox', { name: 'List' }).selectOption(list);
  await page.getByRole('form', { name: /^Edit caller list/ }).getByTestId('caller-list-source').waitFor();
}

async function pendingNavText(page: Page): Promise<string> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).innerText();
}

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  lab = await demoLab(ipc);
}, 60_000);

afterAll(() => stopAll({ ipc, browser, host, removeDataDir: true }));

const yesterday = localToday(new Date(Date.now() - 86_400_000));
const vip: CallerEntry[] = [
  { number: '+41441234567', label: 'Key account A', expires: '', route: 'CSQ_VIP' },
  { number: '+41791234567', label: 'CEO, mobile', expires: '2099-12-31', route: '' },
  { number: '0445550000', label: 'Trade fair hotline', expires: yesterday, route: '2001' },
];

describe('Caller lists', () => {
  it('creates the VIP list from a CSV file with a bad row refused by name, and UCCX holds exactly the document docs/ivr.md describes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await openCallerLists(page);
    const form = page.getByRole('form', { name: 'Edit caller list VIP' });
    expect(await form.getByTestId('caller-list-source').innerText()).toContain('Not on UCCX yet: saving creates /en_US/lists/vip.xml');
    expect(await labDocument('/en_US/lists/vip.xml')).toBeNull();

    const csv = ['number,label,expires,route', '+41 44 123 45 67,Key account A,,CSQ_VIP', '"079 123 45 67","CEO, mobile",2099-12-31,', '044 12x,Typo,,', `044-555 00 00,Trade fair hotline,${yesterday},2001`].join('\r\n');
    await form.getByLabel('Import CSV…').setInputFiles({ name: 'vip.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\r\n`) });
    const preview = page.getByRole('region', { name: 'Import preview' });
    await expect.poll(() => preview.innerText()).toContain('3 to add, 0 to change, 0 already as in the file, 1 refused');
    expect(await preview.getByRole('table', { name: 'Refused rows (not imported)' }).innerText()).toContain('Row 4: 044 12x is not a phone number');
    // Nothing changed yet: the list has no callers until the import is applied.
    expect(await form.locator('table.caller-table').count()).toBe(0);
    await shootBoth(page, 'import-preview');

    // The number 079… is not +41…: the list keeps numbers as typed (separators removed), so fix it by hand to match the network's form.
    await preview.getByRole('button', { name: /^Apply to the list/ }).click();
    const mobile = form.getByRole('textbox', { name: 'Number, row 2' });
    expect(await mobile.inputValue()).toBe('0791234567');
    await mobile.fill('+41 79 123 45 67');
    await expect.poll(() => form.locator('tr.caller-expired').count()).toBe(1);
    expect(await form.locator('tr.caller-expired .caller-state-expired').innerText()).toBe('expired');
    await shootBoth(page, 'editor');

    const review = form.getByRole('region', { name: 'Review changes' });
    expect(await review.innerText()).toContain('VIP: 3 added');
    expect(await review.innerText()).toMatch(/Caller \+41441234567\s+\(not listed\)\s+→ Key account A · route CSQ_VIP/);
    await review.scrollIntoViewIfNeeded();
    await shootBoth(page, 'review');

    await review.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Caller list VIP \(vip\.xml\): written ✓/).waitFor({ timeout: 15_000 });
    const written = (await labDocument('/en_US/lists/vip.xml'))!;
    const parsed = parseCallerList(written);
    expect(parsed.updatedBy).toBe(lab.uccx.username);
    expect(parsed.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Byte for byte what the format in docs/ivr.md gives for these entries, time and author.
    expect(written.toString('utf8')).toBe(serializeCallerList({ name: 'vip', entries: vip, updated: parsed.updated, updatedBy: parsed.updatedBy }).toString('utf8'));
    // Once written, the editor reads the list again and the picker knows it exists.
    await expect.poll(() => form.getByTestId('caller-list-source').innerText(), { timeout: 5000 }).toMatch(/^\/en_US\/lists\/vip\.xml: 3 callers on UCCX, changed .+ by administrator\.$/);
    await expect.poll(() => page.getByRole('combobox', { name: 'List' }).locator('option:checked').innerText()).toBe('VIP (vip)');

    // Removing expired entries asks first, in words naming them; it changes only the table until a save.
    await form.getByRole('button', { name: 'Remove expired entries (1)…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Remove 1 expired entry from VIP?' });
    expect(await confirm.innerText()).toMatch(/0445550000 \(Trade fair hotline, until .+\)\. It is removed from the table; UCCX keeps it until you save the list\./);
    await confirm.getByRole('button', { name: 'Keep them' }).click();
    expect(await form.locator('table.caller-table tbody tr').count()).toBe(3);
    await form.getByRole('button', { name: 'Remove expired entries (1)…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove 1 expired' }).click();
    expect(await form.locator('table.caller-table tbody tr').count()).toBe(2);
    expect(await form.getByRole('region', { name: 'Review changes' }).innerText()).toContain('VIP: 1 removed');
    await form.getByRole('button', { name: 'Undo edits' }).click();
    expect(await form.locator('table.caller-table tbody tr').count()).toBe(3);
    await page.close();
  });

  it('while UCCX is read-only a save queues, and it is written when a master accepts writes again', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await openCallerLists(page);
    await control('/uccx/master', { which: 'none' });
    try {
      await expect.poll(() => page.locator('.banner-warning').first().innerText().catch(() => ''), { timeout: 10_000 }).toMatch(/UCCX read-only/);
      const form = page.getByRole('form', { name: 'Edit caller list VIP' });
      await form.getByRole('button', { name: 'Add caller' }).click();
      // Keyboard only: the new row's number has focus.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(/^Number, row \d+$/);
      await page.keyboard.type('+41 31 000 11 22');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Queued while read-only');
      const review = form.getByRole('region', { name: 'Review changes' });
      await review.getByRole('button', { name: 'Save (will be written when UCCX accepts writes)' }).click();
      await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toMatch(/Pending changes\s*\(1\)/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await labDocument('/en_US/lists/vip.xml'))!.toString('utf8')).not.toContain('+41310001122');
    } finally {
      await control('/uccx/master', { which: 'a' });
    }
    await expect.poll(async () => (await labDocument('/en_US/lists/vip.xml'))?.toString('utf8') ?? '', { timeout: 20_000 }).toContain('<caller ani="+41310001122" label="Queued while read-only" expires="" route=""/>');
    await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toBe('Pending changes');
    // The audit log says what the save did in words, with the number it added.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
    await page.getByRole('tab', { name: 'Audit log' }).click();
    const line = page.getByRole('row', { name: /Caller list VIP \(vip\.xml\).*VIP: 1 added \(\+41310001122\)/ });
    await expect.poll(() => line.count(), { timeout: 5000 }).toBeGreaterThan(0);
    expect(await line.first().innerText()).toMatch(/Written/);
    await page.close();
  });

  it('a list changed on UCCX behind the console’s back becomes a conflict in Pending changes, and nothing is overwritten', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await openCallerLists(page);
    const form = page.getByRole('form', { name: 'Edit caller list VIP' });
    await form.getByRole('textbox', { name: 'Label, row 1' }).waitFor();
    // Someone else uploads another version after the editor loaded the list.
    const theirs = serializeCallerList({ name: 'vip', entries: [{ number: '+41441234567', label: 'Changed by someone else', expires: '', route: '' }], updated: '2026-01-01T00:00:00Z', updatedBy: 'other' });
    await uploadBehindTheBack('/en_US/lists/', 'vip.xml', theirs);

    await form.getByRole('textbox', { name: 'Label, row 2' }).fill('Key account A (gold)');
    await form.getByRole('region', { name: 'Review changes' }).getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Caller list VIP \(vip\.xml\): in conflict/).waitFor({ timeout: 15_000 });
    expect((await labDocument('/en_US/lists/vip.xml'))!.equals(theirs)).toBe(true);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
    const row = page.locator('tr.change-row', { hasText: 'Caller list VIP (vip.xml)' });
    expect(await row.innerText()).toMatch(/In conflict/);
    await row.getByRole('button', { name: 'Resolve…' }).click();
    const details = page.locator('tr.change-details');
    await expect.poll(() => details.innerText()).toContain('On the server now');
    expect(await details.innerText()).toMatch(/Caller \+41441234567[\s\S]*Changed by someone else[\s\S]*Key account A \(gold\)/);
    await shootBoth(page, 'conflict');
    await details.getByRole('button', { name: 'Keep theirs' }).click();
    await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toBe('Pending changes');
    expect((await labDocument('/en_US/lists/vip.xml'))!.equals(theirs)).toBe(true);
    await page.close();
  });
});

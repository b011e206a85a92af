import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { parseSwitches, serializeSwitches } from '../../electron/services/uccx/switch-document';
import { shootBothThemes } from '../support/themes';
import { demoLab, labDocument as labDocumentOf, type DemoLab } from '../support/demo-lab';
import { stopAll } from '../support/teardown';

/**
 * The Switches tab end to end: a switch added and turned on after its
 * confirmation in words, the document read back over the lab's adminapi, and
 * a short timed switch ("On for 15 s", the host started with that choice)
 * turned off by main by itself.
 */

const DOCUMENT = '/en_US/lists/switches.xml';
let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let lab: DemoLab;

/** The document as UCCX holds it (plain adminapi download), or null when there is none. */
const labDocument = () => labDocumentOf(lab.uccx, DOCUMENT);

/** The same view in both themes, and axe-clean in both. */
const shootBoth = (page: Page, name: string) => shootBothThemes(page, `switches-${name}`, { fullPage: true, axe: name });

beforeAll(async () => {
  host = await startHost(['--demo'], { env: { CONSOLE_SWITCH_DURATIONS_S: '15,1800,3600' } });
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  lab = await demoLab(ipc);
}, 60_000);

afterAll(() => stopAll({ ipc, browser, host, removeDataDir: true }));

describe('Switches', () => {
  it('adds a switch, turns it on after saying what callers will hear, and a timed switch turns off by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    await page.goto(`${host.url}#/config`);
    await page.getByRole('tab', { name: 'Switches' }).click();
    const source = page.getByTestId('switches-source');
    await expect.poll(() => source.innerText(), { timeout: 10_000 }).toBe(`Not on UCCX yet: adding a switch creates ${DOCUMENT}.`);
    expect(await labDocument()).toBeNull();

    // Added from the keyboard: name, prompt, Enter. A new switch starts off.
    const add = page.getByRole('form', { name: 'Add a switch' });
    await add.getByLabel('New switch name').fill('out age');
    expect(await add.getByText('Use only letters, digits, - and _').count()).toBe(1);
    expect(await add.getByRole('button', { name: 'Add switch (off)' }).isDisabled()).toBe(true);
    await add.getByLabel('New switch name').fill('outage');
    await page.keyboard.press('Tab');
    await page.keyboard.type('en_US/outage.wav');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await labDocument())?.toString('utf8') ?? '', { timeout: 15_000 }).toContain('<switch name="outage" enabled="false" prompt="en_US/outage.wav" until=""/>');
    const row = page.getByRole('row', { name: /^outage/ });
    await expect.poll(() => row.innerText(), { timeout: 5000 }).toMatch(/^outage\s+Off\s+en_US\/outage\.wav/);
    await expect.poll(() => source.innerText(), { timeout: 5000 }).toMatch(/^\/en_US\/lists\/switches\.xml: 1 switch on UCCX, changed .+ by administrator\.$/);
    await shootBoth(page, 'tab');

    // Turning it on says in words what callers will hear; cancelling changes nothing.
    await row.getByRole('button', { name: 'Turn on… (switch outage)' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Turn “outage” on?' });
    expect(await confirm.getByTestId('switch-confirm-words').innerText()).toBe(
      'Callers will hear outage.wav at the start of every call to applications that read the switch ‘outage’, until someone turns it off.',
    );
    // Focus starts on Cancel, so Enter does not turn it on by accident.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shootBoth(page, 'confirm-on');
    // The theme toggle took focus for the screenshots; Esc in the panel cancels.
    await confirm.getByRole('button', { name: 'Cancel' }).focus();
    await page.keyboard.press('Escape');
    expect(await confirm.count()).toBe(0);

    await row.getByRole('button', { name: 'Turn on… (switch outage)' }).click();
    await confirm.getByRole('button', { name: 'Turn outage on' }).click();
    await expect.poll(async () => (await labDocument())?.toString('utf8') ?? '', { timeout: 15_000 }).toContain('<switch name="outage" enabled="true" prompt="en_US/outage.wav" until=""/>');
    const written = (await labDocument())!;
    const parsed = parseSwitches(written);
    expect(parsed.updatedBy).toBe(lab.uccx.username);
    // Byte for byte the format of docs/ivr.md for this switch, time and author.
    expect(written.equals(serializeSwitches(parsed))).toBe(true);
    await expect.poll(() => row.innerText(), { timeout: 5000 }).toMatch(/^outage\s+On\s+en_US\/outage\.wav/);
    expect(await row.locator('.switch-state.switch-on').innerText()).toBe('On');

    // On for 15 s: the document carries the end time, and main turns it off then.
    await row.getByRole('button', { name: 'How long… (switch outage)' }).click();
    const timed = page.getByRole('alertdialog', { name: 'Turn “outage” on?' });
    await timed.getByRole('radio', { name: 'For 15 s' }).check();
    expect(await timed.getByTestId('switch-confirm-words').innerText()).toMatch(/^Callers will hear outage\.wav .* read the switch ‘outage’, until .+; then the console turns it off by itself/);
    const before = Date.now();
    await timed.getByRole('button', { name: 'Turn outage on' }).click();
    await expect.poll(async () => parseSwitches((await labDocument())!).switches[0]!.until, { timeout: 15_000 }).not.toBe('');
    const until = Date.parse(parseSwitches((await labDocument())!).switches[0]!.until);
    expect(until).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 14_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 16_000);
    await expect.poll(() => row.innerText(), { timeout: 5000 }).toMatch(/On\s+until .+, then off by itself/);
    // Once written, the tab no longer says a change is waiting.
    await expect.poll(() => page.getByText('Changes to the switches are waiting to be written').count(), { timeout: 5000 }).toBe(0);
    await shootBoth(page, 'timed');

    await expect.poll(async () => parseSwitches((await labDocument())!).switches[0]!.enabled, { timeout: 30_000, interval: 500 }).toBe(false);
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(parseSwitches((await labDocument())!).switches).toEqual([{ name: 'outage', enabled: false, prompt: 'en_US/outage.wav', until: '' }]);
    // The screen follows by itself (the tab is told when main ends a timed switch).
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/^outage\s+Off\s+en_US\/outage\.wav/);
    await page.close();
  }, 90_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { runAxe, describeFindings } from '../support/axe';
import { saveScreenshot } from '../support/screenshots';
import { createToneWav } from '../../lab/uccx/wav';
import { stopAll } from '../support/teardown';
import { demoLab, labAuthorization, type DemoLab } from '../support/demo-lab';

/**
 * The Prompts tab against the demo lab in Chromium: language folders from
 * the repository, an upload written in UCCX's two steps (the lab records
 * both) that plays back byte for byte, a wrong-format file refused with the
 * reason on screen (and by main), and a deletion confirmed in words.
 */
interface LabStep {
  kind: string;
  step: 'uploadFile' | 'store';
  fileName: string;
  folder?: string;
  bytes: number;
}

let host: RunningHost;
let browser: Browser;
let ipc: RawIpcClient;
let lab: DemoLab;
let page: Page;

async function control(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${lab.control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
}

async function labSteps(): Promise<LabStep[]> {
  return ((await (await fetch(`${lab.control}/uccx/repository/steps`)).json()) as { steps: LabStep[] }).steps;
}

const adminAuth = () => labAuthorization(lab.uccx);

/** Does the lab's prompt repository hold this file? (the documented existence check) */
async function labHas(path: string): Promise<boolean> {
  return (await fetch(`${lab.uccx.nodes[0]}/adminapi/prompt${path}`, { headers: { authorization: adminAuth() } })).status === 200;
}

async function shootBothThemes(name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await ipc.value('preferences:set', { theme });
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await saveScreenshot(page, `${name}-${theme}.png`);
  }
  await ipc.value('preferences:set', { theme: 'light' });
  await page.evaluate(() => (document.documentElement.dataset.theme = 'light'));
}

/** A 44.1 kHz 16-bit stereo PCM WAVE file: what a desktop recorder makes. */
function cdQualityWav(): Buffer {
  const data = Buffer.alloc(44_100);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(44_100, 24);
  header.writeUInt32LE(44_100 * 4, 28);
  header.writeUInt16LE(4, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const NEEDS = 'This file is 44.1 kHz 16-bit stereo PCM; UCCX needs 8 kHz, 8-bit µ-law or A-law, mono.';

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  ipc = await RawIpcClient.connect(host.origin, host.token);
  lab = await demoLab(ipc);
  // bypassCSP: the test reads the played blob back with fetch().
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  await page.goto(`${host.url}#/config`);
  await page.getByRole('tab', { name: /^Prompts/ }).click({ timeout: 30_000 });
}, 90_000);

afterAll(() => stopAll({ ipc, browser, host }));

describe('Prompts in the UCCX repository', () => {
  it('picks a language folder and lists its files with size and date modified', async () => {
    const picker = page.getByRole('combobox', { name: 'Language folder' });
    await expect.poll(() => picker.locator('option').allInnerTexts(), { timeout: 15_000 }).toEqual(['de_DE', 'en_US']);
    expect(await picker.inputValue()).toBe('/en_US/');
    const table = page.getByRole('table', { name: 'Prompts' });
    await expect.poll(() => table.locator('tbody th').allInnerTexts(), { timeout: 10_000 }).toEqual(['closed.wav', 'holiday_default.wav', 'welcome.wav']);
    const welcome = table.getByRole('row', { name: /welcome\.wav/ });
    expect(await welcome.locator('td').first().innerText()).toMatch(/^\d+\.\d KB$/);
    // The browser's locale, en-US here: "Dec 2, 2026, 9:15 AM", the moment inside a <time>.
    expect(await welcome.locator('td').nth(1).innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M$/);
    expect(Date.parse((await welcome.locator('td time').getAttribute('datetime'))!)).not.toBeNaN();

    // A folder made behind the console's back, with the plain adminapi.
    const folder = await fetch(`${lab.uccx.nodes[0]}/adminapi/prompt`, {
      method: 'POST',
      headers: { authorization: adminAuth(), 'content-type': 'application/xml' },
      body: '<Folder><path>/de_DE</path><FolderName>holidays</FolderName></Folder>',
    });
    expect(folder.status).toBe(201);
    await picker.focus();
    await picker.selectOption('/de_DE/');
    await expect.poll(() => table.locator('tbody th').allInnerTexts(), { timeout: 10_000 }).toEqual(['holidays/', 'welcome.wav']);
    await table.getByRole('button', { name: 'Open holidays' }).click();
    await table.getByText('No prompts in /de_DE/holidays/.').waitFor({ timeout: 10_000 });
    expect(await page.getByLabel(/Upload a new prompt to/).evaluate((input) => input.closest('label')!.textContent)).toContain('/de_DE/holidays/');
    await page.getByRole('button', { name: 'Up to /de_DE/' }).click();
    await expect.poll(() => table.locator('tbody th').allInnerTexts(), { timeout: 10_000 }).toEqual(['holidays/', 'welcome.wav']);
    await shootBothThemes('prompts-language-folder');
    await picker.selectOption('/en_US/');
    await expect.poll(() => table.locator('tbody th').count(), { timeout: 10_000 }).toBe(3);
    const report = await runAxe(page, '[role=tabpanel]');
    expect(report.findings, describeFindings('Prompts tab', report)).toEqual([]);
  });

  it('uploads a prompt in two steps, shows the upload, and plays back the same bytes', async () => {
    const wav = createToneWav(8000, 520); // 64 KB: several pieces of progress
    const stepsBefore = (await labSteps()).length;
    // A slow master keeps the change visibly in flight for the screenshot.
    await control('/nodes/ccx-a/latency', { ms: 1500 });
    try {
      await page.getByLabel(/Upload a new prompt to \/en_US\//).setInputFiles({ name: 'queue-tip.wav', mimeType: 'audio/wav', buffer: wav });
      const inFlight = page.locator('.pending-marker', { hasText: 'Upload /en_US/queue-tip.wav' });
      await inFlight.waitFor({ timeout: 10_000 });
      await inFlight.getByRole('status').waitFor({ timeout: 15_000 });
      expect(await inFlight.innerText()).toMatch(/uploading \d+ %|sent; UCCX is storing it/);
      await shootBothThemes('prompts-upload-in-progress');
    } finally {
      await control('/nodes/ccx-a/latency', { ms: 0 });
    }
    const table = page.getByRole('table', { name: 'Prompts' });
    const row = table.getByRole('row', { name: /queue-tip\.wav/ });
    await row.waitFor({ timeout: 20_000 });
    const steps = (await labSteps()).slice(stepsBefore);
    expect(steps.map((step) => `${step.kind} ${step.step} ${step.fileName} ${step.folder ?? ''} ${step.bytes}`)).toEqual([
      `prompt uploadFile queue-tip.wav  ${wav.length}`,
      `prompt store queue-tip.wav /en_US/ ${wav.length}`,
    ]);
    expect(await row.locator('td').first().innerText()).toBe(`${(wav.length / 1024).toFixed(1)} KB`);

    await row.getByRole('button', { name: 'Play queue-tip.wav' }).click();
    const audio = page.locator('audio');
    await audio.waitFor();
    const played = await audio.evaluate(async (element: HTMLAudioElement) => Array.from(new Uint8Array(await (await fetch(element.src)).arrayBuffer())));
    expect(Buffer.from(played).equals(wav)).toBe(true);
    await shootBothThemes('prompts-uploaded');
  });

  it('refuses a wrong-format WAV with what it is and what UCCX needs, on screen and in main', async () => {
    const stepsBefore = (await labSteps()).length;
    await page.getByLabel(/Upload a new prompt to/).setInputFiles({ name: 'recording.wav', mimeType: 'audio/wav', buffer: cdQualityWav() });
    const alert = page.getByRole('alert').filter({ hasText: 'recording.wav' });
    await alert.waitFor({ timeout: 5000 });
    expect(await alert.innerText()).toBe(`recording.wav: ${NEEDS}`);
    await shootBothThemes('prompts-wrong-format');
    // Main makes the same check whatever the page does.
    const refused = await ipc.invoke('uccx:prompt-upload', { folder: '/en_US/', name: 'recording.wav', dataBase64: cdQualityWav().toString('base64'), replacedSize: null });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain(NEEDS);
    expect((await labSteps()).length).toBe(stepsBefore);
  });

  it('deletes a prompt only after saying in words what callers lose', async () => {
    const table = page.getByRole('table', { name: 'Prompts' });
    const remove = table.getByRole('button', { name: 'Delete queue-tip.wav' });
    await remove.click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete prompt /en_US/queue-tip.wav?' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/Callers stop hearing it[\s\S]*cannot be undone/);
    expect(await dialog.getByRole('button', { name: 'Cancel' }).evaluate((element) => element === document.activeElement)).toBe(true);
    await shootBothThemes('prompts-delete-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await labHas('/en_US/queue-tip.wav')).toBe(true);

    await remove.click();
    await dialog.getByRole('button', { name: 'Delete queue-tip.wav' }).click();
    await expect.poll(() => labHas('/en_US/queue-tip.wav'), { timeout: 15_000 }).toBe(false);
    await table.getByRole('row', { name: /queue-tip\.wav/ }).waitFor({ state: 'detached', timeout: 15_000 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';

/**
 * The UCCX editors and the Pending changes screen, driven like a supervisor
 * would, against the demo lab inside the host. The lab is checked and
 * faulted through its own HTTP APIs (control API, adminapi with plain fetch).
 */
interface LabInfo {
  control: string;
  uccx: { nodes: [string, string]; username: string; password: string };
}

let host: RunningHost;
let browser: Browser;
let lab: LabInfo;

async function control(path: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${lab.control}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
}

/** The lab's answer for one agent, read over the adminapi as XML text. */
async function labAgentXml(userID: string): Promise<string> {
  const auth = `Basic ${Buffer.from(`${lab.uccx.username}:${lab.uccx.password}`).toString('base64')}`;
  for (const node of lab.uccx.nodes) {
    try {
      const response = await fetch(`${node}/adminapi/resource/${encodeURIComponent(userID)}`, { headers: { authorization: auth, accept: 'application/xml' }, signal: AbortSignal.timeout(2000) });
      if (response.ok) return await response.text();
    } catch {
      // try the other node
    }
  }
  throw new Error('no UCCX lab node answered');
}

async function putAlias(userID: string, alias: string): Promise<void> {
  const auth = `Basic ${Buffer.from(`${lab.uccx.username}:${lab.uccx.password}`).toString('base64')}`;
  const xml = (await labAgentXml(userID)).replace(/<alias>[^<]*<\/alias>/, `<alias>${alias}</alias>`);
  const response = await fetch(`${lab.uccx.nodes[0]}/adminapi/resource/${encodeURIComponent(userID)}`, { method: 'PUT', headers: { authorization: auth, 'content-type': 'application/xml' }, body: xml });
  expect(response.status).toBe(200);
}

function skillLevel(xml: string, skillName: string): number | null {
  const match = new RegExp(`<competencelevel>(\\d+)</competencelevel><skillNameUriPair name="${skillName}"`).exec(xml);
  return match ? Number(match[1]) : null;
}

async function openAgent(page: Page, userID: string): Promise<void> {
  await page.goto(`${host.url}#/config`);
  await page.getByRole('searchbox', { name: 'Search agents' }).fill(userID);
  await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: new RegExp(`\\(${userID}\\)`) }).click();
}

async function pendingNavText(page: Page): Promise<string> {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).innerText();
}

beforeAll(async () => {
  host = await startHost(['--demo']);
  browser = await launchChromium();
  const ipc = await RawIpcClient.connect(host.origin, host.token);
  const endpoints = await ipc.invoke<{ control: string }>('lab:endpoints');
  ipc.socket.close();
  if (!endpoints.ok || !endpoints.value) throw new Error('the demo host did not expose its lab');
  const info = (await (await fetch(endpoints.value.control)).json()) as { uccx: LabInfo['uccx'] };
  lab = { control: endpoints.value.control, uccx: info.uccx };
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('UCCX configuration editors', () => {
  it('re-skills one agent through the editor, with a diff before saving', async () => {
    const page = await browser.newPage();
    await openAgent(page, 'mobrien4');
    const before = await labAgentXml('mobrien4');
    const skill = await page.getByRole('combobox', { name: 'Skill to add' }).locator('option').nth(1).innerText();
    expect(skillLevel(before, skill)).toBeNull();
    await page.getByRole('combobox', { name: 'Skill to add' }).selectOption({ label: skill });
    await page.getByRole('button', { name: 'Add skill' }).click();
    await page.getByRole('combobox', { name: `Competence level for ${skill}` }).selectOption('8');
    const review = page.getByRole('region', { name: 'Review changes' });
    await expect.poll(() => review.innerText()).toContain(`Skill ${skill}`);
    expect(await review.innerText()).toMatch(/\(none\)\s+→ 8/);
    await review.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => skillLevel(await labAgentXml('mobrien4'), skill), { timeout: 10_000 }).toBe(8);
    await page.close();
  });

  it('bulk re-skills 50 agents with a preview and a progress bar', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}#/config`);
    await page.getByRole('combobox', { name: 'Filter by team' }).selectOption({ index: 2 });
    // Agents are ticked for a bulk re-skill with their tick box (or Space); a ticked agent is a selected option.
    const rows = page.getByRole('listbox', { name: 'Agents' }).getByRole('option');
    await page.getByRole('checkbox', { name: 'Select all shown' }).check();
    let selected = Number(/(\d+) selected/.exec(await page.getByText(/selected$/).innerText())![1]);
    // Fill up to 50 from the whole list when the team is smaller.
    if (selected < 50) {
      await page.getByRole('combobox', { name: 'Filter by team' }).selectOption('');
      for (let index = 0; selected < 50; index++) {
        const row = rows.nth(index);
        if ((await row.getAttribute('aria-selected')) !== 'true') {
          await row.locator('.tick').click();
          selected++;
        }
      }
    }
    expect(selected).toBe(50);
    await page.getByRole('button', { name: 'Bulk re-skill…' }).click();
    const bulk = page.getByRole('region', { name: 'Bulk re-skill' });
    await bulk.getByRole('combobox', { name: /Action/ }).selectOption('add');
    const skill = await bulk.getByRole('combobox', { name: /^Skill/ }).locator('option').last().innerText();
    await bulk.getByRole('combobox', { name: /^Skill/ }).selectOption({ label: skill });
    await bulk.getByRole('combobox', { name: 'Competence level' }).selectOption('3');
    const preview = await bulk.getByRole('table', { name: 'Preview of the change per agent' }).getByRole('row').count();
    expect(preview).toBe(51);
    const changing = Number(/Apply to (\d+)/.exec(await bulk.getByRole('button', { name: /^Apply to/ }).innerText())![1]);
    expect(changing).toBeGreaterThan(0);
    await bulk.getByRole('button', { name: /^Apply to/ }).click();
    await expect.poll(() => bulk.innerText(), { timeout: 20_000 }).toContain(`Written ${changing} of ${changing} ✓`);
    expect(await bulk.locator('progress').evaluate((el) => [(el as HTMLProgressElement).value, (el as HTMLProgressElement).max])).toEqual([changing, changing]);
    await page.close();
  });

  it('primary stopped: the banner says why, edits queue, and drain when the primary is back', async () => {
    const page = await browser.newPage();
    await openAgent(page, 'lmller5');
    await control('/nodes/ccx-a/stop');
    const banner = page.locator('.banner-warning').first();
    await expect.poll(() => banner.innerText().catch(() => ''), { timeout: 10_000 }).toMatch(/UCCX read-only: .+ unreachable since \d{1,2}:\d\d(?:\s[AP]M)?/);

    await page.getByRole('textbox', { name: 'Alias' }).fill('Queued Alias');
    await page.getByRole('button', { name: /^Save\b/ }).click();
    await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toMatch(/Pending changes\s*\(1\)/);
    await expect.poll(() => page.locator('[data-server="uccx"]').getAttribute('title')).toMatch(/1 change waiting/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await labAgentXml('lmller5')).not.toContain('<alias>Queued Alias</alias>');

    await control('/nodes/ccx-a/start');
    await expect.poll(async () => labAgentXml('lmller5'), { timeout: 15_000 }).toContain('<alias>Queued Alias</alias>');
    await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toBe('Pending changes');
    await page.close();
  });

  it('both nodes down: the editor opens from cache with its time and edits still queue', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}#/config`);
    await page.getByRole('listbox', { name: 'Agents' }).getByRole('option').first().waitFor();
    await control('/nodes/ccx-a/stop');
    await control('/nodes/ccx-b/stop');
    await page.reload();
    await expect.poll(() => page.locator('.banner-warning').first().innerText().catch(() => ''), { timeout: 15_000 }).toMatch(/Showing the configuration as of .*UCCX cannot be reached/);
    await page.getByRole('searchbox', { name: 'Search agents' }).fill('mokafor6');
    await page.getByRole('listbox', { name: 'Agents' }).getByRole('option', { name: /mokafor6/ }).click();
    await page.getByRole('textbox', { name: 'Alias' }).fill('Offline Alias');
    await page.getByRole('button', { name: /^Save\b/ }).click();
    await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toMatch(/\(1\)/);
    await control('/nodes/ccx-a/start');
    await control('/nodes/ccx-b/start');
    await expect.poll(async () => labAgentXml('mokafor6'), { timeout: 15_000 }).toContain('<alias>Offline Alias</alias>');
    await page.close();
  });

  it('primary hung: the console stays responsive', async () => {
    const page = await browser.newPage();
    await page.goto(`${host.url}#/config`);
    await page.getByRole('listbox', { name: 'Agents' }).getByRole('option').first().waitFor();
    await control('/nodes/ccx-a/hang');
    try {
      // Navigation and the Reload button answer at once, and the reload finishes from the secondary.
      for (const route of ['Pending changes', 'Configuration', 'Connections', 'Configuration']) {
        const started = Date.now();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: new RegExp(`^${route}`) }).click();
        await page.getByRole('heading', { level: 1, name: route }).waitFor({ timeout: 2000 });
        expect(Date.now() - started).toBeLessThan(2000);
      }
      const started = Date.now();
      await page.getByRole('button', { name: 'Reload' }).click();
      await expect.poll(() => page.getByRole('button', { name: 'Reload' }).isEnabled(), { timeout: 15_000 }).toBe(true);
      expect(Date.now() - started).toBeLessThan(12_000);
      await expect.poll(() => page.locator('[data-server="uccx"]').getAttribute('title'), { timeout: 10_000 }).toMatch(/not answering/);
    } finally {
      await control('/nodes/ccx-a/resume');
    }
    await page.close();
  });

  it('a change made behind the console’s back is shown as a conflict and not overwritten', async () => {
    const page = await browser.newPage();
    await openAgent(page, 'hmurphy7');
    await expect.poll(() => page.locator('[data-server="uccx"]').getAttribute('title'), { timeout: 10_000 }).toMatch(/^UCCX: writing to/);
    // Someone else changes the alias directly on UCCX after the editor loaded it.
    await putAlias('hmurphy7', 'Theirs');
    await page.getByRole('textbox', { name: 'Alias' }).fill('Mine');
    await page.getByRole('button', { name: /^Save\b/ }).click();
    await expect.poll(() => pendingNavText(page), { timeout: 10_000 }).toMatch(/need(s)? attention/);
    expect(await labAgentXml('hmurphy7')).toContain('<alias>Theirs</alias>');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Pending changes/ }).click();
    const row = page.locator('tr.change-row', { hasText: 'hmurphy7' });
    await expect.poll(() => row.innerText()).toContain('In conflict');
    await row.getByRole('button', { name: 'Resolve…' }).click();
    const details = page.locator('tr.change-details');
    const text = await details.innerText();
    expect(text).toContain('On the server now');
    expect(text).toContain('Theirs');
    expect(text).toContain('Mine');
    await details.getByRole('button', { name: 'Keep theirs' }).click();
    await expect.poll(() => pendingNavText(page), { timeout: 5000 }).toBe('Pending changes');
    expect(await labAgentXml('hmurphy7')).toContain('<alias>Theirs</alias>');

    // The audit log has it, searchable.
    await page.getByRole('tab', { name: 'Audit log' }).click();
    await page.getByRole('searchbox', { name: 'Search the audit log' }).fill('hmurphy7');
    await expect.poll(() => page.locator('.audit-table').innerText(), { timeout: 5000 }).toContain("server's values kept");
    await page.close();
  });
});

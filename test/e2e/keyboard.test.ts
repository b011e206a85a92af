import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { saveScreenshot } from '../support/screenshots';
import type { UccxConfig } from '../../shared/domain/uccx';

/**
 * The console from the keyboard alone, on the demo lab (400 agents): long
 * lists are one Tab stop with arrow keys and type-ahead, tab rows move with
 * the arrow keys, and every dialog or panel takes focus when it opens,
 * closes with Esc and gives focus back to the control that opened it.
 */
describe('keyboard', () => {
  let host: RunningHost;
  let browser: Browser;
  let ipc: RawIpcClient;
  let page: Page;

  beforeAll(async () => {
    host = await startHost(['--demo']);
    browser = await launchChromium();
    ipc = await RawIpcClient.connect(host.origin, host.token);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    ipc?.close();
    await browser?.close();
    await host?.stop();
    if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  });

  /** Presses keys one by one, counting them. */
  function keyboardCounter() {
    let presses = 0;
    return {
      press: async (key: string) => {
        presses++;
        await page.keyboard.press(key);
      },
      type: async (text: string) => {
        for (const char of text) {
          presses++;
          await page.keyboard.press(char === ' ' ? 'Space' : char);
        }
      },
      get count() {
        return presses;
      },
    };
  }

  /** Accessible name (or text) of the focused element, and whether it is inside `selector`. */
  const focused = (selector?: string) =>
    page.evaluate((inside) => {
      const element = document.activeElement as HTMLElement | null;
      return {
        label: element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '',
        tag: element?.tagName.toLowerCase() ?? '',
        inside: inside ? Boolean(element?.closest(inside)) : false,
      };
    }, selector ?? null);

  async function openConfig() {
    await page.goto(`${host.url}#/config`);
    await page.getByRole('listbox', { name: 'Agents' }).getByRole('option').first().waitFor({ timeout: 30_000 });
  }

  it('reaches the editor of the 200th agent from the search box in at most 10 key presses', async () => {
    await openConfig();
    const result = await ipc.invoke<UccxConfig>('uccx:config');
    if (!result.ok) throw new Error(result.error.message);
    const target = result.value.agents[199]!;
    const targetName = `${target.firstName} ${target.lastName} (${target.userID})`;

    await page.getByRole('searchbox', { name: 'Search agents' }).focus();
    const keys = keyboardCounter();
    // Down arrow leaves the search box for the list, one Tab stop.
    await keys.press('ArrowDown');
    expect(await focused()).toMatchObject({ label: 'Agents' });
    // Type-ahead: "Hiro B" goes to the first agent whose name starts so.
    await keys.type(`${target.firstName} ${target.lastName[0]}`);
    const list = page.getByRole('listbox', { name: 'Agents' });
    const activeId = await list.getAttribute('aria-activedescendant');
    expect(await page.locator(`#${activeId}`).innerText()).toContain(targetName);
    await keys.press('Enter');
    // The list is one Tab stop: the next Tab is in the editor.
    await keys.press('Tab');
    const form = page.getByRole('form', { name: `Edit ${targetName}` });
    await form.waitFor();
    expect(await focused('form.agent-form')).toMatchObject({ inside: true });
    expect(keys.count).toBeLessThanOrEqual(10);
    console.log(`200th agent (${targetName}) editor reached in ${keys.count} key presses`);
  });

  it('moves through the agents with Up/Down, Home/End and PageUp/PageDown, and ticks with Space', async () => {
    await openConfig();
    const list = page.getByRole('listbox', { name: 'Agents' });
    await list.focus();
    const activeIndex = async () => Number((await list.getAttribute('aria-activedescendant'))!.replace(/^agents-row-/, ''));
    expect(await activeIndex()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await activeIndex()).toBe(2);
    await page.keyboard.press('PageDown');
    const afterPage = await activeIndex();
    expect(afterPage).toBeGreaterThan(5);
    await page.keyboard.press('PageUp');
    expect(await activeIndex()).toBe(2);
    await page.keyboard.press('End');
    expect(await activeIndex()).toBe(399);
    // The last row was scrolled into view (the list is virtualized) and is the active one.
    await expect.poll(() => page.locator('#agents-row-399').isVisible()).toBe(true);
    await page.keyboard.press('Home');
    expect(await activeIndex()).toBe(0);
    await page.keyboard.press('Space');
    expect(await page.locator('#agents-row-0').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByText(/1 selected/).count()).toBe(1);
    // Tab leaves the list in one press (it is not one stop per row).
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatchObject({ label: 'Bulk re-skill…' });
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ label: 'Agents' });
    await page.keyboard.press('Tab');
    expect(await focused('[role="listbox"]')).toMatchObject({ inside: false });
  });

  it('moves between Configuration tabs with the arrow keys', async () => {
    await openConfig();
    const tabs = page.getByRole('tablist', { name: 'UCCX objects' });
    await tabs.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await tabs.getByRole('tab', { selected: true }).innerText()).toMatch(/^Skills/);
    expect((await focused()).label).toMatch(/^Skills/);
    await page.keyboard.press('End');
    expect(await tabs.getByRole('tab', { selected: true }).innerText()).toMatch(/^Switches/);
    await page.keyboard.press('Home');
    expect(await tabs.getByRole('tab', { selected: true }).innerText()).toMatch(/^Agents/);
    await page.keyboard.press('ArrowLeft');
    expect(await tabs.getByRole('tab', { selected: true }).innerText()).toMatch(/^Switches/);
    // Only the selected tab is a Tab stop.
    expect(await tabs.locator('[role="tab"][tabindex="0"]').count()).toBe(1);

    const system = page.getByRole('tablist', { name: 'System' });
    await system.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await system.getByRole('tab', { selected: true }).innerText()).toBe('Unity Connection');
    const cupiTabs = page.getByRole('tablist', { name: 'Unity Connection' });
    await cupiTabs.getByRole('tab', { selected: true }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await cupiTabs.getByRole('tab', { selected: true }).innerText()).toBe('Contacts');
  });

  it('a Unity Connection result list is one Tab stop and the arrow keys move in it', async () => {
    await openConfig();
    await page.getByRole('tab', { name: 'Unity Connection' }).click();
    const list = page.getByRole('listbox', { name: 'users' });
    await list.getByRole('option').nth(3).waitFor({ timeout: 20_000 });
    await page.getByRole('searchbox', { name: 'Search users' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ label: 'users' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const active = await list.getAttribute('aria-activedescendant');
    expect(active).toBe('cupi-user-row-2');
    const name = (await page.locator(`#${active} .cupi-row-primary`).innerText()).trim();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cupi-detail').innerText()).toContain(name);
    // One Tab leaves the list for the opened user's form.
    await page.keyboard.press('Tab');
    expect(await focused('.cupi-detail')).toMatchObject({ inside: true });
  });

  it('shows the keyboard focus in the lists, light and dark (screenshots)', async () => {
    for (const theme of ['light', 'dark'] as const) {
      await ipc.invoke('preferences:set', { theme });
      await openConfig();
      await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await page.getByRole('listbox', { name: 'Agents' }).focus();
      for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter', 'Space']) await page.keyboard.press(key);
      await saveScreenshot(page, `keyboard-agents-list-${theme}.png`);
      await page.getByRole('tab', { name: 'Unity Connection' }).click();
      const users = page.getByRole('listbox', { name: 'users' });
      await users.getByRole('option').nth(3).waitFor({ timeout: 20_000 });
      await users.focus();
      for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
      await page.locator('.cupi-detail form').first().waitFor();
      await saveScreenshot(page, `keyboard-cupi-list-${theme}.png`);
      expect(await users.getAttribute('aria-activedescendant')).toBe('cupi-user-row-2');
    }
    await ipc.invoke('preferences:set', { theme: 'light' });
  });

  async function expectDialog(open: () => Promise<void>, opener: string, inside: string) {
    await open();
    await expect.poll(async () => (await focused(inside)).inside, { message: `focus inside ${inside}` }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(inside).count(), { message: `${inside} closed by Esc` }).toBe(0);
    await expect.poll(async () => (await focused()).label, { message: `focus back on ${opener}` }).toBe(opener);
  }

  it('Thresholds, the action menu and Team message open with focus inside, close with Esc and give focus back', async () => {
    await page.goto(`${host.url}#/board`);
    await page.locator('table.board-table tbody tr').first().waitFor({ timeout: 30_000 });
    const thresholds = page.getByRole('button', { name: 'Thresholds…' });
    await expectDialog(async () => {
      await thresholds.focus();
      await page.keyboard.press('Enter');
    }, 'Thresholds…', 'section.board-thresholds');

    const actions = page.getByRole('button', { name: /^Actions for / }).first();
    await actions.waitFor({ timeout: 20_000 });
    const actionsLabel = (await actions.getAttribute('aria-label'))!;
    await expectDialog(async () => {
      await actions.focus();
      await page.keyboard.press('Enter');
    }, actionsLabel, '[role="menu"]');

    await expectDialog(async () => {
      await page.getByRole('button', { name: 'Team message…' }).focus();
      await page.keyboard.press('Enter');
    }, 'Team message…', '[role="dialog"]');
    // The team message dialog is modal: Tab stays inside.
    await page.getByRole('button', { name: 'Team message…' }).press('Enter');
    await page.getByRole('dialog', { name: 'Team message' }).waitFor();
    for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
    expect(await focused('[role="dialog"]')).toMatchObject({ inside: true });
    await page.keyboard.press('Escape');
  });

  it('the action menu stays open through scroll events that move nothing, and closes when its row scrolls away', async () => {
    await page.goto(`${host.url}#/board`);
    const actions = page.getByRole('button', { name: /^Actions for / }).first();
    await actions.waitFor({ timeout: 20_000 });
    await actions.focus();
    await page.keyboard.press('Enter');
    const menu = page.locator('[role="menu"]');
    await menu.waitFor();
    // Live updates and focus fire scroll events without moving the row: the menu stays.
    await page.evaluate(() => document.querySelector('.board-scroll')!.dispatchEvent(new Event('scroll')));
    await page.waitForTimeout(100);
    expect(await menu.count()).toBe(1);
    // The table really scrolls: the menu would point at another row, so it closes.
    await page.evaluate(() => {
      const scroller = document.querySelector('.board-scroll')!;
      scroller.scrollTop += 200;
    });
    await expect.poll(() => menu.count()).toBe(0);
  });

  it('Bulk re-skill opens with focus inside, closes with Esc and gives focus back', async () => {
    await openConfig();
    const list = page.getByRole('listbox', { name: 'Agents' });
    await list.focus();
    await page.keyboard.press('Space');
    await expectDialog(async () => {
      await page.getByRole('button', { name: 'Bulk re-skill…' }).focus();
      await page.keyboard.press('Enter');
    }, 'Bulk re-skill…', 'section.bulk-reskill');
  });

  it('after queuing an agent edit, focus is on the saved agent in the list, not the page body', async () => {
    await openConfig();
    const list = page.getByRole('listbox', { name: 'Agents' });
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const alias = page.getByRole('textbox', { name: 'Alias' });
    await alias.fill('Keyboard Alias');
    await page.getByRole('region', { name: 'Review changes' }).getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(async () => (await focused()).label).toBe('Agents');
    expect(await list.getAttribute('aria-activedescendant')).toBe('agents-row-1');
  });
});

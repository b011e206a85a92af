import { expect } from 'vitest';
import type { Page } from 'playwright';
import { saveScreenshot } from './screenshots';
import { describeFindings, runAxe } from './axe';

export type Theme = 'light' | 'dark';

/**
 * Switch the theme with the frame's own button, the way a user does (the
 * preference is saved, and a form keeps what was typed), and wait until the
 * page shows it.
 */
export async function switchTheme(page: Page, theme: Theme): Promise<void> {
  const current = () => page.evaluate(() => document.documentElement.dataset.theme);
  if ((await current()) !== theme) await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
  await expect.poll(current).toBe(theme);
}

/**
 * The page as it is now in both themes, saved as `<name>-light.png` and
 * `<name>-dark.png`, then back to light so the next step starts there. With
 * `axe`, the page must also be axe-clean in both (the label names the view in
 * the failure).
 */
export async function shootBothThemes(page: Page, name: string, options: { fullPage?: boolean; axe?: string } = {}): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await switchTheme(page, theme);
    await saveScreenshot(page, `${name}-${theme}.png`, { fullPage: options.fullPage });
    if (options.axe !== undefined) {
      const report = await runAxe(page);
      expect(report.findings, describeFindings(`${options.axe} (${theme})`, report)).toEqual([]);
    }
  }
  await switchTheme(page, 'light');
}

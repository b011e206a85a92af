import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright';

/**
 * Screenshots for people reviewing a change: written only when
 * SCREENSHOT_DIR is set (e.g. `SCREENSHOT_DIR=/tmp/shots npm test`), so a
 * normal test run leaves nothing behind.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage: options.fullPage ?? false });
}

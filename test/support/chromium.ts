import { chromium, type Browser } from 'playwright';
import fs from 'node:fs';

/**
 * Debian's Chromium, driven by Playwright. Playwright's own browser downloads
 * are never used: this machine (and CI) cannot fetch them.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The page's language (navigator.languages), which the console follows: tests read English on screen.
  '--lang=en-US',
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/**
 * Where the end-to-end suite's one Chromium listens (set by
 * test/support/browser-server.ts before the test files start). Starting a
 * browser per file cost about a second each; a file connects instead, and its
 * `browser.close()` closes only its own connection, contexts and pages.
 */
export const SHARED_BROWSER_ENV = 'CONSOLE_TEST_BROWSER_WS';

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const shared = process.env[SHARED_BROWSER_ENV];
  if (shared && extraArgs.length === 0) return chromium.connect(shared);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs], headless: true });
}

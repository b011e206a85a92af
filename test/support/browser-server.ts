import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SHARED_BROWSER_ENV, chromiumAvailable } from './chromium';

/**
 * Global set-up of the end-to-end project: one Chromium for every test file
 * (each file connects to it through `launchChromium()` and gets its own
 * contexts), closed when the run ends.
 */
export default async function startSharedBrowser(): Promise<() => Promise<void>> {
  if (!chromiumAvailable()) return async () => undefined;
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  process.env[SHARED_BROWSER_ENV] = server.wsEndpoint();
  return async () => {
    delete process.env[SHARED_BROWSER_ENV];
    await server.close();
  };
}

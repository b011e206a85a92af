// `node scripts/screenshots.mjs [OUT_DIR]`: start the browser host in demo
// mode and photograph every screen in light and dark themes (for reviews and
// the README). Needs a build (`npm run build`) and Debian's Chromium.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, '.tmp', 'screenshots'));
fs.mkdirSync(out, { recursive: true });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-shots-'));

const host = spawn(process.execPath, [path.join(root, 'dist/web/host.mjs'), '--demo', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  host.stdout.on('data', (d) => {
    text += d;
    const m = /Console ready at (\S+)/.exec(text);
    if (m) resolve(m[1]);
  });
  host.once('exit', (code) => reject(new Error(`host exited ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const screens = ['board', 'journey', 'config', 'connections', 'pending'];
try {
  for (const theme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
    await page.goto(`${url}#/board`);
    await page.waitForTimeout(1500);
    for (const screen of screens) {
      await page.goto(`${url}#/${screen}`);
      await page.waitForTimeout(1500);
      const file = path.join(out, `${screen}-${theme}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  host.kill('SIGTERM');
}

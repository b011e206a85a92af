// `npm start`: run the Electron shell. The electron package no longer
// downloads its runtime at install time, so fetch it here on first start; on a
// machine that cannot reach the download, say so once and point to the
// browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));

function runtimePath() {
  try {
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const full = path.join(electronDir, 'dist', relative);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

let executable = runtimePath();
if (!executable) {
  process.stdout.write('Fetching the Electron runtime (first start only)...\n');
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
  executable = install.status === 0 ? runtimePath() : null;
  if (!executable) {
    process.stderr.write(
      'The Electron runtime is not installed and could not be downloaded (no access to its download server). ' +
        'Run the console in your browser instead: npm run web -- --demo\n',
    );
    process.exit(1);
  }
}

const child = spawn(executable, [path.join(root, 'dist', 'electron', 'main.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));

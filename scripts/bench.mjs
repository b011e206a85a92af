// `npm run bench [-- NAME ...]`: runs every test/bench/*.bench.ts (or those
// named), each bundled with esbuild and run in its own Node process so one
// benchmark's garbage does not skew the next. Each prints its own figures.
// Benchmarks are measurements, not timed tests: they never fail CI.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = path.join(root, 'test', 'bench');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));

if (files.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}; available: ${fs.readdirSync(dir).join(', ')}`);
  process.exit(2);
}

console.log(`# Supervisor Console benchmarks — ${new Date().toISOString()}`);
console.log(`# node ${process.version}, ${process.platform}/${process.arch}, command: npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}`);
let failed = 0;
for (const file of files) {
  const outfile = path.join(root, 'dist', 'bench', file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [path.join(dir, file)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['electron', 'bufferutil', 'utf-8-validate', 'playwright', 'playwright-core', 'vite', 'esbuild', 'node-sqlite3-wasm'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

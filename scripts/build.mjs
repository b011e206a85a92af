// Builds everything the hosts run: the main-process bundles (Electron shell,
// preload, browser host, lab CLI) with esbuild and the renderer with Vite.
// Fast enough (a few seconds) to run before every `npm run web` and `npm test`.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const withRenderer = !process.argv.includes('--no-renderer');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const say = (text) => quiet || process.stdout.write(`${text}\n`);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // Optional native speed-ups of ws, and Electron itself, are never bundled.
  external: ['electron', 'bufferutil', 'utf-8-validate'],
};
// ESM bundles still contain CommonJS dependencies that call require().
const esmBanner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };

/**
 * The desktop shell's words (tray, application menu) come from the same
 * catalogues as the renderer's, compiled at build time: `virtual:shell-catalogues`
 * is the module `scripts/i18n/catalogue-plugin.ts` writes for Vite.
 */
async function shellCataloguesPlugin() {
  const tool = path.join(root, 'dist', 'tools', 'catalogue-plugin.cjs');
  await build({
    entryPoints: [path.join(root, 'scripts', 'i18n', 'catalogue-plugin.ts')],
    outfile: tool,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
    // compile-catalogue.ts finds the catalogues from its own folder.
    define: { __dirname: JSON.stringify(path.join(root, 'scripts', 'i18n')) },
  });
  const { shellCataloguesModule } = createRequire(import.meta.url)(tool);
  const contents = shellCataloguesModule();
  return {
    name: 'shell-catalogues',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^virtual:shell-catalogues$/ }, () => ({ path: 'shell-catalogues', namespace: 'shell-catalogues' }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'shell-catalogues' }, () => ({ contents, loader: 'js' }));
    },
  };
}

const nodeEntries = [
  { in: 'electron/web/host.ts', out: 'dist/web/host.mjs' },
  { in: 'lab/lab-cli.ts', out: 'dist/lab/lab-cli.mjs' },
  { in: 'electron/shell/main.ts', out: 'dist/electron/main.mjs' },
];

const started = Date.now();
const plugins = [await shellCataloguesPlugin()];
await Promise.all([
  ...nodeEntries
    .filter((entry) => fs.existsSync(path.join(root, entry.in)))
    .map((entry) =>
      build({ ...common, plugins, entryPoints: [path.join(root, entry.in)], outfile: path.join(root, entry.out), format: 'esm', banner: esmBanner }),
    ),
  // The sandboxed preload must be a single CommonJS file that requires nothing but electron.
  fs.existsSync(path.join(root, 'electron/shell/preload.ts')) &&
    build({
      ...common,
      platform: 'browser',
      target: 'chrome140',
      entryPoints: [path.join(root, 'electron/shell/preload.ts')],
      outfile: path.join(root, 'dist/electron/preload.cjs'),
      format: 'cjs',
    }),
]);
// The tray needs a bitmap next to the shell's bundle (Linux and Windows take no SVG there).
fs.copyFileSync(path.join(root, 'build', 'icon.png'), path.join(root, 'dist', 'electron', 'tray-icon.png'));
say(`main-process bundles built in ${Date.now() - started} ms`);

if (withRenderer) {
  const { build: viteBuild } = await import('vite');
  const t = Date.now();
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
  say(`renderer built in ${Date.now() - t} ms`);
}

/**
 * `npm run web`: the console in a browser. Same core and contract as the
 * Electron shell; prints exactly one line, `Console ready at <url>`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStartupInputError, parseArgs, USAGE } from '../cli/args';
import { createConsoleCore } from '../core/console-core';
import { createConfStore } from '../services/storage/conf-store';
import { startWebHost } from './web-host';
import { APP_VERSION } from '../core/version';

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (isStartupInputError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const core = await createConsoleCore({
    dataDir: args.dataDir,
    host: 'web',
    version: APP_VERSION,
    demo: args.demo,
    profileFile: args.profile ?? undefined,
    vaultPassphraseEnv: args.vaultPassphraseEnv ?? undefined,
    storeFactory: createConfStore,
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const host = await startWebHost({ core, rendererDir: path.join(here, '..', 'renderer'), host: args.host, port: args.port });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // End report subscriptions and flush journals before the process goes.
    const timer = setTimeout(() => process.exit(1), 5_000);
    try {
      await core.stop();
      await host.close();
    } finally {
      clearTimeout(timer);
      process.exit(signal === 'SIGINT' ? 130 : 0);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  process.stdout.write(`Console ready at ${host.url}\n`);
}

main().catch((error) => {
  if (isStartupInputError(error)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Supervisor Console could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

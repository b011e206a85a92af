/**
 * `npm run web`: the console in a browser. Same core and contract as the
 * Electron shell; prints exactly one line, `Console ready at <url>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { isLoopbackAddress, isStartupInputError, parseArgs, UsageError, USAGE, type ConsoleArgs } from '../cli/args';
import { createConsoleCore } from '../core/console-core';
import { installProcessGuard } from '../core/process-guard';
import { createLogger } from '../services/log/logger';
import { createConfStore } from '../services/storage/conf-store';
import { startWebHost } from './web-host';
import { hostToken } from './host-token-file';
import { APP_VERSION } from '../core/version';

/** The certificate and key of --tls-cert/--tls-key, read and checked before anything starts. */
function readTls(args: ConsoleArgs): { cert: Buffer; key: Buffer } | undefined {
  if (!args.tlsCert || !args.tlsKey) return undefined;
  const read = (file: string, flag: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new UsageError(`${flag} ${file}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  };
  const pair = { cert: read(args.tlsCert, '--tls-cert'), key: read(args.tlsKey, '--tls-key') };
  try {
    tls.createSecureContext(pair);
  } catch (error) {
    throw new UsageError(`--tls-cert ${args.tlsCert} and --tls-key ${args.tlsKey} are not a usable PEM certificate and matching private key (${(error as Error).message}).`);
  }
  return pair;
}

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
  if (args.open !== null) {
    // A browser has no protocol handler of ours: the page address does the same job.
    process.stderr.write('--open is for the desktop app. In the browser host, open the page address with #/journey/<Call ID> instead (docs/desktop.md).\n');
    process.exit(2);
  }
  installProcessGuard(createLogger('process'));
  const tlsFiles = readTls(args);
  if (args.insecureLan && !isLoopbackAddress(args.host)) {
    process.stderr.write(`Warning: --insecure-lan: serving plain HTTP on ${args.host}; the access token and everything the console shows cross the network unencrypted.\n`);
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
  const host = await startWebHost({ core, rendererDir: path.join(here, '..', 'renderer'), host: args.host, port: args.port, tls: tlsFiles, token: hostToken(args.dataDir) });

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
  // stdout carries only the ready line (scripts read it); where to drive the demo lab goes to stderr.
  if (core.labControl) {
    process.stderr.write(`Demo lab control API at ${core.labControl} (faults, and call ids to try: GET ${core.labControl}/reports/calls; see docs/lab.md)\n`);
  }
}

main().catch((error) => {
  if (isStartupInputError(error)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Supervisor Console could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

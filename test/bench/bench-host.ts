import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LabOptions } from '../../lab';
import { waitForReadyLine } from '../support/ready-line';

/**
 * Browser-host benchmarks run the console in a child process (the same bundle
 * started with --host-child) so the measuring process does not share its event
 * loop. `runDemoHostChild` is the child's side, `startDemoHostChild` the parent's.
 */
export const HOST_CHILD_FLAG = '--host-child';

export async function runDemoHostChild(labOptions: LabOptions): Promise<void> {
  const { createConsoleCore } = await import('../../electron/core/console-core');
  const { startWebHost } = await import('../../electron/web/web-host');
  const { createConfStore } = await import('../../electron/services/storage/conf-store');
  const dataDir = process.argv[process.argv.indexOf('--data-dir') + 1]!;
  const core = await createConsoleCore({ dataDir, host: 'web', version: 'bench', demo: true, storeFactory: createConfStore, labOptions });
  const host = await startWebHost({ core, rendererDir: path.join(process.cwd(), 'dist', 'renderer'), host: '127.0.0.1', port: 0 });
  process.on('SIGTERM', () => {
    void core.stop().then(() => host.close()).finally(() => process.exit(0));
  });
  process.stdout.write(`Console ready at ${host.url}\n`);
}

/** `dataDir`: a data folder prepared beforehand (a recorded history in the demo profile's folder); a fresh one otherwise. */
export async function startDemoHostChild(prefix: string, env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<{ url: string; child: ChildProcess; dataDir: string }> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const child = spawn(process.execPath, [process.argv[1]!, HOST_CHILD_FLAG, '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await waitForReadyLine(child, 120_000);
  return { url, child, dataDir };
}

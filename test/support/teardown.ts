import fs from 'node:fs';
import type { Browser } from 'playwright';
import type { RawIpcClient } from './ipc-client';
import type { RunningHost } from './web-host-process';

/**
 * Stop what an end-to-end file started, in an order that leaves nothing
 * talking to a stopped process: the IPC socket, the browser, the host, then
 * the lab; with `removeDataDir`, the host's data folder last. Any part may be
 * missing (a beforeAll that failed half-way).
 */
export async function stopAll(parts: { ipc?: RawIpcClient; browser?: Browser; host?: RunningHost; lab?: { stop(): Promise<void> }; removeDataDir?: boolean }): Promise<void> {
  parts.ipc?.close();
  await parts.browser?.close();
  await parts.host?.stop();
  await parts.lab?.stop();
  if (parts.host && parts.removeDataDir) fs.rmSync(parts.host.dataDir, { recursive: true, force: true });
}

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitForReadyLine } from './ready-line';
import type { LabEndpoints } from '../../lab';

/**
 * Starts the built browser host (`dist/web/host.mjs`, as `npm run web` does)
 * as a real child process and waits for its one ready line.
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const HOST_ENTRY = path.join(REPO_ROOT, 'dist', 'web', 'host.mjs');

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): { stdout: string; stderr: string };
  /** SIGTERM and wait for exit; returns the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function makeDataDir(prefix = 'sc-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startHost(args: string[], options: { dataDir?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunningHost> {
  const dataDir = options.dataDir ?? makeDataDir();
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', dataDir, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await waitForReadyLine(child, options.timeoutMs ?? 30_000);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    child,
    output: () => ({ stdout, stderr }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The environment variable the vault passphrase is read from, for a host restarted on the same data dir. */
export const VAULT_PASSPHRASE_ENV = 'E2E_VAULT';

/**
 * A host set up as an administrator would for a site: a profile file naming
 * the lab's UCCX pair and report server (its UCCX password read from the
 * environment) imported with --profile, the vault passphrase from the environment.
 */
export async function startHostOnLab(
  lab: { endpoints: LabEndpoints },
  options: { name: string; dataDir: string; profileFile: string; vaultPassphrase: string; operatorName?: string },
): Promise<RunningHost> {
  const { uccx, reports } = lab.endpoints;
  fs.writeFileSync(
    options.profileFile,
    JSON.stringify({
      name: options.name,
      ...(options.operatorName ? { operatorName: options.operatorName } : {}),
      // The lab speaks plain HTTP on loopback.
      allowPlaintextCredentials: true,
      uccx: { nodes: uccx.nodes, username: uccx.username, password: '${E2E_UCCX_PASSWORD}' },
      reports: { url: reports.url, agentId: reports.agentId },
    }),
  );
  return startHost(['--profile', options.profileFile, '--vault-passphrase-env', VAULT_PASSPHRASE_ENV], {
    dataDir: options.dataDir,
    env: { [VAULT_PASSPHRASE_ENV]: options.vaultPassphrase, E2E_UCCX_PASSWORD: uccx.password },
  });
}

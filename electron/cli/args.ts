import os from 'node:os';
import path from 'node:path';
import { ProfileFileError } from '../services/profiles/profile-file';
import { VaultSetupError } from '../services/vault/create-vault';
import { DEEP_LINK_SCHEME } from '../../shared/domain/deep-link';

/**
 * Command-line flags, identical for the Electron shell (`npm start`) and the
 * browser host (`npm run web`). Bad input is a UsageError: the host prints its
 * message and exits with code 2.
 */
export interface ConsoleArgs {
  demo: boolean;
  profile: string | null;
  port: number;
  host: string;
  dataDir: string;
  /** Name of the environment variable holding the vault passphrase (browser host). */
  vaultPassphraseEnv: string | null;
  /** Browser host: serve HTTPS/WSS with this certificate and key (PEM files). */
  tlsCert: string | null;
  tlsKey: string | null;
  /** Browser host: serve plain HTTP on a non-loopback --host, knowingly. */
  insecureLan: boolean;
  /** Desktop app: a console link to open (`--open`, or the bare link the operating system passes); checked when it is opened. */
  open: string | null;
  help: boolean;
}

export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * A start stopped by what the user gave it (flags, the profile file, the
 * vault passphrase): the hosts print the message alone and exit with code 2.
 */
export function isStartupInputError(error: unknown): error is Error & { exitCode: 2 } {
  return error instanceof UsageError || error instanceof ProfileFileError || error instanceof VaultSetupError;
}

export const USAGE = `Usage: supervisor-console [options]

  --demo                      run against the embedded lab (simulated UCCX, Unity Connection, report server)
  --profile FILE              import a connection profile (JSON, see docs/profile.md) and use it
  --port N                    browser host port (0 = any free port; default 0)
  --host ADDR                 browser host address (default 127.0.0.1)
  --data-dir DIR              where settings, cache, vault and queued changes live
                              (default: the OS application-data folder)
  --vault-passphrase-env NAME read the vault passphrase from environment variable NAME (browser host)
  --tls-cert FILE             browser host: serve HTTPS with this certificate (PEM; with --tls-key)
  --tls-key FILE              browser host: the certificate's private key (PEM)
  --insecure-lan              browser host: allow plain HTTP on a non-loopback --host (trusted networks only)
  --open LINK                 desktop app: open a console link, e.g. supervisor-console://journey/16777302
                              (a console already running opens it; see docs/desktop.md)
  --help                      show this text`;

/** Addresses that only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackAddress(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Supervisor Console');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Supervisor Console');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Supervisor Console');
}

export interface ParseOptions {
  /** Prefixes of flags another program owns (Chromium and Node switches in Electron), passed over silently. */
  foreignFlagPrefixes?: readonly string[];
  defaultDataDir?: string;
}

export function parseArgs(argv: readonly string[], options: ParseOptions = {}): ConsoleArgs {
  const args: ConsoleArgs = {
    demo: false,
    profile: null,
    port: 0,
    host: '127.0.0.1',
    dataDir: options.defaultDataDir ?? defaultDataDir(),
    vaultPassphraseEnv: null,
    tlsCert: null,
    tlsKey: null,
    insecureLan: false,
    open: null,
    help: false,
  };
  const foreign = options.foreignFlagPrefixes ?? [];

  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inlineValue = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inlineValue !== undefined) return inlineValue;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value.\n\n${USAGE}`);
      i++;
      return next;
    };
    const noValue = () => {
      if (inlineValue !== undefined) throw new UsageError(`${flag} takes no value.`);
    };

    switch (flag) {
      case '--demo':
        noValue();
        args.demo = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--profile':
        args.profile = path.resolve(value());
        break;
      case '--port': {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${text}".`);
        args.port = port;
        break;
      }
      case '--host': {
        const host = value();
        if (!/^[A-Za-z0-9.:\-[\]]{1,253}$/.test(host)) throw new UsageError(`--host must be an address or host name, not "${host}".`);
        // Brackets belong in URLs, not in the address to listen on.
        args.host = host.replace(/^\[(.*)\]$/, '$1');
        break;
      }
      case '--data-dir': {
        const dir = value();
        if (!dir.trim()) throw new UsageError('--data-dir must name a folder.');
        args.dataDir = path.resolve(dir);
        break;
      }
      case '--vault-passphrase-env': {
        const name = value();
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--vault-passphrase-env must be an environment variable name, not "${name}".`);
        args.vaultPassphraseEnv = name;
        break;
      }
      case '--tls-cert':
      case '--tls-key': {
        const file = value();
        if (!file.trim()) throw new UsageError(`${flag} must name a PEM file.`);
        if (flag === '--tls-cert') args.tlsCert = path.resolve(file);
        else args.tlsKey = path.resolve(file);
        break;
      }
      case '--insecure-lan':
        noValue();
        args.insecureLan = true;
        break;
      case '--open':
        args.open = value();
        break;
      default:
        // How the operating system starts the protocol handler: the link alone.
        if (raw.slice(0, DEEP_LINK_SCHEME.length + 1).toLowerCase() === `${DEEP_LINK_SCHEME}:`) {
          args.open = raw;
          break;
        }
        if (foreign.some((prefix) => raw.startsWith(prefix))) break;
        throw new UsageError(`Unknown option "${raw}".\n\n${USAGE}`);
    }
  }
  if ((args.tlsCert === null) !== (args.tlsKey === null)) {
    throw new UsageError('--tls-cert and --tls-key go together: give both (the certificate and its private key, PEM files).');
  }
  if (args.insecureLan && args.tlsCert !== null) {
    throw new UsageError('--insecure-lan is for plain HTTP; with --tls-cert and --tls-key the browser host serves HTTPS, so leave it out.');
  }
  if (!isLoopbackAddress(args.host) && args.tlsCert === null && !args.insecureLan) {
    throw new UsageError(
      `--host ${args.host} makes the browser host reachable from the network. Give --tls-cert FILE and --tls-key FILE to serve HTTPS, or --insecure-lan to serve plain HTTP on a network you trust.`,
    );
  }
  return args;
}

import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseArgs, UsageError } from '../../electron/cli/args';

describe('command-line flags', () => {
  const defaults = { defaultDataDir: '/default/data' };

  it('parses every flag, with and without =', () => {
    const args = parseArgs(['--demo', '--profile', 'site.json', '--port=8080', '--host', '0.0.0.0', '--data-dir', '/tmp/x', '--vault-passphrase-env', 'VAULT_PASS'], defaults);
    expect(args).toEqual({
      demo: true,
      profile: path.resolve('site.json'),
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      vaultPassphraseEnv: 'VAULT_PASS',
      help: false,
    });
  });

  it('uses safe defaults', () => {
    expect(parseArgs([], defaults)).toMatchObject({ demo: false, port: 0, host: '127.0.0.1', dataDir: '/default/data', profile: null });
  });

  it.each([
    [['--bogus'], /Unknown option "--bogus"/],
    [['--port'], /--port needs a value/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--port', '-1'], /--port needs a value|--port must be/],
    [['--port', '8.5'], /--port must be a whole number/],
    [['--demo=yes'], /takes no value/],
    [['--vault-passphrase-env', 'not valid'], /environment variable name/],
    [['--host', 'a b'], /--host must be/],
    [['--data-dir', ' '], /--data-dir must name a folder/],
  ])('rejects %j with a clear message and exit code 2', (argv, message) => {
    let error: unknown;
    try {
      parseArgs(argv as string[], defaults);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).exitCode).toBe(2);
  });

  it('passes over switches that belong to Chromium when told to', () => {
    expect(() => parseArgs(['--remote-debugging-port=0'], defaults)).toThrow(UsageError);
    expect(parseArgs(['--remote-debugging-port=0', '--demo'], { ...defaults, foreignFlagPrefixes: ['--remote-debugging'] }).demo).toBe(true);
  });
});

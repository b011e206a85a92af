import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { isLoopbackAddress, parseArgs, UsageError } from '../../electron/cli/args';

describe('command-line flags', () => {
  const defaults = { defaultDataDir: '/default/data' };

  it('parses every flag, with and without =', () => {
    const args = parseArgs(['--demo', '--profile', 'site.json', '--port=8080', '--host', '0.0.0.0', '--data-dir', '/tmp/x', '--vault-passphrase-env', 'VAULT_PASS', '--insecure-lan', '--open', 'supervisor-console://journey/1'], defaults);
    expect(args).toEqual({
      demo: true,
      profile: path.resolve('site.json'),
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/tmp/x',
      vaultPassphraseEnv: 'VAULT_PASS',
      tlsCert: null,
      tlsKey: null,
      insecureLan: true,
      open: 'supervisor-console://journey/1',
      help: false,
    });
    expect(parseArgs(['--host=192.168.1.20', '--tls-cert', 'c.pem', '--tls-key=k.pem'], defaults)).toMatchObject({
      host: '192.168.1.20',
      tlsCert: path.resolve('c.pem'),
      tlsKey: path.resolve('k.pem'),
      insecureLan: false,
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
    [['--host', '0.0.0.0'], /--host 0\.0\.0\.0 makes the browser host reachable from the network.*--tls-cert FILE and --tls-key FILE.*--insecure-lan/],
    [['--host', '::'], /--host :: makes the browser host reachable/],
    [['--host', '192.168.1.20'], /reachable from the network/],
    [['--host', 'console.example.com'], /reachable from the network/],
    [['--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--tls-key', 'k.pem', '--host', '0.0.0.0'], /--tls-cert and --tls-key go together/],
    [['--tls-cert'], /--tls-cert needs a value/],
    [['--tls-cert', ' ', '--tls-key', 'k.pem'], /--tls-cert must name a PEM file/],
    [['--insecure-lan=yes'], /takes no value/],
    [['--insecure-lan', '--host', '0.0.0.0', '--tls-cert', 'c', '--tls-key', 'k'], /--insecure-lan is for plain HTTP/],
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

  it('keeps loopback hosts free of TLS and LAN flags', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', 'LOCALHOST', '::1', '[::1]']) {
      expect(parseArgs(['--host', host], defaults).host).toBe(host.replace(/^\[(.*)\]$/, '$1'));
      expect(isLoopbackAddress(host)).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io']) expect(isLoopbackAddress(host)).toBe(false);
    // --insecure-lan on loopback changes nothing and is accepted.
    expect(parseArgs(['--insecure-lan'], defaults)).toMatchObject({ host: '127.0.0.1', insecureLan: true });
  });

  it('passes over switches that belong to Chromium when told to', () => {
    expect(() => parseArgs(['--remote-debugging-port=0'], defaults)).toThrow(UsageError);
    expect(parseArgs(['--remote-debugging-port=0', '--demo'], { ...defaults, foreignFlagPrefixes: ['--remote-debugging'] }).demo).toBe(true);
  });
});

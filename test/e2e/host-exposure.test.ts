import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium';
import { rawRequest } from '../support/fuzz';
import { HOST_ENTRY, makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { makeSelfSignedCertificate } from '../integration/trust-certificates';

/**
 * The browser host on a network: a non-loopback --host needs TLS or an
 * explicit --insecure-lan; the page's own origin is accepted whatever address
 * the browser used to reach it; a socket without Origin, a foreign Origin and a
 * foreign Host are refused.
 */

/** This machine's first non-loopback IPv4 address, if it has one. */
const LAN_ADDRESS = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

async function exitOf(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', makeDataDir(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

/** Status of a WebSocket handshake to `/ipc` (101 when it opened). */
function handshake(url: string, headers: Record<string, string>, tls = false): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, rejectUnauthorized: !tls });
    ws.once('open', () => (ws.close(), resolve(101)));
    ws.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(0));
  });
}

const upgradeHeaders = (host: string, origin?: string) => ({ host, ...(origin ? { origin } : {}) });

describe('browser host exposure', () => {
  it('refuses a non-loopback --host without TLS or --insecure-lan, and unusable TLS files, with exit code 2', async () => {
    const plain = await exitOf(['--host', '0.0.0.0']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/--host 0\.0\.0\.0 makes the browser host reachable from the network/);

    const missing = await exitOf(['--host', '0.0.0.0', '--tls-cert', '/nonexistent/cert.pem', '--tls-key', '/nonexistent/key.pem']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--tls-cert \/nonexistent\/cert\.pem: the file cannot be read \(ENOENT\)/);

    const dir = makeDataDir('sc-tls-');
    fs.writeFileSync(path.join(dir, 'cert.pem'), 'not a certificate');
    fs.writeFileSync(path.join(dir, 'key.pem'), 'not a key');
    const garbage = await exitOf(['--host', '0.0.0.0', '--tls-cert', path.join(dir, 'cert.pem'), '--tls-key', path.join(dir, 'key.pem')]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/are not a usable PEM certificate and matching private key/);
  });

  describe('--insecure-lan on every interface', () => {
    let host: RunningHost;
    let browser: Browser;
    beforeAll(async () => {
      host = await startHost(['--demo', '--host', '0.0.0.0', '--insecure-lan']);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await host?.stop();
    });

    it('prints one warning line and serves plain HTTP with the Origin rule', async () => {
      const warnings = host.output().stderr.trim().split('\n').filter((line) => line.startsWith('Warning:'));
      expect(warnings).toEqual([expect.stringMatching(/^Warning: --insecure-lan: serving plain HTTP on 0\.0\.0\.0/)]);
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const port = new URL(host.origin).port;
      const url = `ws://127.0.0.1:${port}/ipc?token=${host.token}`;
      expect(await handshake(url, upgradeHeaders(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`))).toBe(101);
      expect(await handshake(url, upgradeHeaders(`localhost:${port}`, `http://localhost:${port}`))).toBe(101);
      expect(await handshake(url, upgradeHeaders(`127.0.0.1:${port}`))).toBe(403);
      expect(await handshake(url, upgradeHeaders(`127.0.0.1:${port}`, `http://localhost:${port}`))).toBe(403);
      expect(await handshake(url, upgradeHeaders(`attacker.example:${port}`, `http://attacker.example:${port}`))).toBe(403);
      expect(await handshake(url, upgradeHeaders(`${os.hostname()}:${port}`, `http://${os.hostname()}:${port}`))).toBe(101);
      expect((await rawRequest(Number(port), `GET / HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`)).status).toBe(403);
    });

    it.skipIf(!LAN_ADDRESS)(`works in a browser that reaches it by this machine's network address (${LAN_ADDRESS ?? 'none'})`, async () => {
      const port = new URL(host.origin).port;
      const lanOrigin = `http://${LAN_ADDRESS}:${port}`;
      expect(await handshake(`ws://${LAN_ADDRESS}:${port}/ipc?token=${host.token}`, upgradeHeaders(`${LAN_ADDRESS}:${port}`, lanOrigin))).toBe(101);
      const page = await browser.newPage();
      await page.goto(`${lanOrigin}/?token=${host.token}#/connections`);
      // The demo profile's name arrives over the socket: the page's origin was accepted.
      await expect.poll(() => page.getByText('Demo lab').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(page.url()).toBe(`${lanOrigin}/#/connections`);
      await page.close();
    });
  });

  describe('--tls-cert/--tls-key', () => {
    let host: RunningHost;
    let browser: Browser;
    beforeAll(async () => {
      const dir = makeDataDir('sc-tls-');
      const cert = makeSelfSignedCertificate('console.test', 'IP:127.0.0.1,DNS:localhost,DNS:console.test,DNS:*.wall.test');
      fs.writeFileSync(path.join(dir, 'cert.pem'), cert.cert);
      fs.writeFileSync(path.join(dir, 'key.pem'), cert.key, { mode: 0o600 });
      host = await startHost(['--demo', '--host', '0.0.0.0', '--tls-cert', path.join(dir, 'cert.pem'), '--tls-key', path.join(dir, 'key.pem')]);
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await host?.stop();
    });

    it('serves HTTPS and WSS, accepting the names in the certificate', async () => {
      expect(host.output().stderr).not.toContain('Warning');
      expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/);
      const port = Number(new URL(host.origin).port);
      const page = (name: string) => rawRequest(port, `GET / HTTP/1.1\r\nHost: ${name}:${port}\r\nConnection: close\r\n\r\n`, { tls: true });
      expect((await page('127.0.0.1')).status).toBe(200);
      expect((await page('console.test')).status).toBe(200);
      expect((await page('tv1.wall.test')).status).toBe(200);
      expect((await page('a.tv1.wall.test')).status).toBe(403);
      expect((await page('other.test')).status).toBe(403);
      // Plain HTTP on the TLS port is not served.
      expect((await rawRequest(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)).status).not.toBe(200);

      const url = `wss://127.0.0.1:${port}/ipc?token=${host.token}`;
      expect(await handshake(url, upgradeHeaders(`console.test:${port}`, `https://console.test:${port}`), true)).toBe(101);
      expect(await handshake(url, upgradeHeaders(`console.test:${port}`, `http://console.test:${port}`), true)).toBe(403);
      expect(await handshake(url, upgradeHeaders(`console.test:${port}`), true)).toBe(403);
    });

    it('works in a browser over HTTPS/WSS', async () => {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      await page.goto(`${host.url}#/connections`);
      await expect.poll(() => page.getByText('Demo lab').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(page.url()).not.toContain('token');
      await context.close();
    });
  });
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium';
import { HOST_ENTRY, makeDataDir, startHost, type RunningHost } from '../support/web-host-process';
import { RawIpcClient } from '../support/ipc-client';
import { startLab, type Lab } from '../../lab';
import { LabNode, basicCredentials } from '../../lab/lab-node';
import { makeSelfSignedCertificate, type TestCertificate } from '../integration/trust-certificates';
import { saveScreenshot } from '../support/screenshots';

/**
 * Site profiles end to end: the real browser host started with --profile and
 * --vault-passphrase-env against the lab (started here, in the test process),
 * driven through Chromium.
 */
const VAULT_PASSPHRASE = 'e2e vault passphrase 7d1';

describe('connections, vault and certificate trust (browser host)', () => {
  let lab: Lab;
  let tlsNode: LabNode;
  let first: TestCertificate;
  let second: TestCertificate;
  let browser: Browser;
  let host: RunningHost | null = null;
  let dataDir: string;
  let profileFile: string;
  let uccxPassword: string;
  let cupiPassword: string;
  let finessePassword: string;
  /** Every WebSocket frame the page sent or received, over every host run. */
  const frames: string[] = [];
  const logs: string[] = [];

  const secretForms = () =>
    [uccxPassword, cupiPassword, finessePassword].flatMap((secret) => [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(`administrator:${uccxPassword}`).toString('base64'),
      Buffer.from(`cucadmin:${cupiPassword}`).toString('base64'),
      Buffer.from(`${lab.endpoints.finesse.username}:${finessePassword}`).toString('base64'),
    ]);

  const env = () => ({ E2E_VAULT: VAULT_PASSPHRASE, E2E_UCCX_PASSWORD: uccxPassword, E2E_CUPI_PASSWORD: cupiPassword, E2E_FINESSE_PASSWORD: finessePassword });

  async function openPage(): Promise<Page> {
    const page = await browser.newPage();
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => frames.push(String(frame.payload)));
      socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
    });
    await page.goto(`${host!.url}#/connections`);
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    return page;
  }

  async function stopHost(): Promise<void> {
    if (!host) return;
    await host.stop();
    const { stdout, stderr } = host.output();
    logs.push(stdout, stderr);
    host = null;
  }

  beforeAll(async () => {
    lab = await startLab();
    uccxPassword = lab.endpoints.uccx.password;
    cupiPassword = lab.endpoints.cupi.password;
    finessePassword = lab.endpoints.finesse.password;
    first = makeSelfSignedCertificate('ccx-b.e2e.lab');
    second = makeSelfSignedCertificate('ccx-b.e2e.lab');
    // A second UCCX node over HTTPS with a self-signed certificate, as real UCCX servers have.
    tlsNode = new LabNode({ name: 'ccx-tls', tls: { key: first.key, cert: first.cert } }, (req, res) => {
      if (req.url === '/uccx/isDBMaster') {
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<isDBMaster><DBMaster>false</DBMaster></isDBMaster>');
        return;
      }
      const ok = basicCredentials(req)?.password === uccxPassword;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"skill":[]}' : '');
    });
    await tlsNode.start();

    dataDir = makeDataDir('sc-e2e-connections-');
    profileFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-file-')), 'site.json');
    fs.writeFileSync(
      profileFile,
      JSON.stringify({
        name: 'E2E site',
        allowPlaintextCredentials: true,
        uccx: { nodes: [lab.endpoints.uccx.nodes[0], tlsNode.url], username: 'administrator', password: '${E2E_UCCX_PASSWORD}' },
        cupi: { publisher: lab.endpoints.cupi.publisher, subscriber: lab.endpoints.cupi.subscriber, username: 'cucadmin', password: '${E2E_CUPI_PASSWORD}' },
        reports: { url: lab.endpoints.reports.url, agentId: lab.endpoints.reports.agentId },
        finesse: { nodes: lab.endpoints.finesse.nodes, username: lab.endpoints.finesse.username, password: '${E2E_FINESSE_PASSWORD}' },
      }),
    );
    lab.uccx.setDbMaster('a');
    host = await startHost(['--profile', profileFile, '--vault-passphrase-env', 'E2E_VAULT'], { dataDir, env: env() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stopHost();
    await tlsNode?.stop();
    await lab?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (profileFile) fs.rmSync(path.dirname(profileFile), { recursive: true, force: true });
  });

  it('opens the imported profile and shows every node in the app frame', async () => {
    const page = await openPage();
    const card = page.getByRole('article', { name: 'Profile E2E site' });
    await expect.poll(() => card.textContent()).toContain('In use');
    expect(await card.textContent()).toContain('password set');
    const statusBar = page.getByRole('status', { name: 'Server connections' });
    await expect.poll(() => statusBar.locator('[data-server]').evaluateAll((els) => els.map((e) => e.getAttribute('data-server')))).toEqual(
      expect.arrayContaining([
        `uccx:${new URL(lab.endpoints.uccx.nodes[0]).host}`,
        `uccx:${new URL(tlsNode.url).host}`,
        `cupi:${new URL(lab.endpoints.cupi.publisher).host}`,
        'reports',
        'finesse',
        `finesse:${new URL(lab.endpoints.finesse.nodes[0]).host}`,
      ]),
    );
    // The self-signed node shows as unreachable in the frame until its certificate is trusted.
    await expect.poll(() => statusBar.locator(`[data-server="uccx:${new URL(tlsNode.url).host}"]`).textContent()).toContain('Unreachable');
    await page.close();
  });

  it('asks about a self-signed certificate, connects after trust, and refuses a changed one with a warning', async () => {
    const page = await openPage();
    const card = page.getByRole('article', { name: 'Profile E2E site' });
    await card.getByRole('button', { name: 'Test connections' }).click();
    const results = card.getByRole('list', { name: 'Connection test results' });
    const tlsResult = results.locator('li[data-outcome]').filter({ hasText: new URL(tlsNode.url).host });
    await expect.poll(() => tlsResult.getAttribute('data-outcome')).toBe('certificate-untrusted');
    const text = await tlsResult.textContent();
    expect(text).toContain('Certificate not trusted');
    expect(text).toContain(first.fingerprint);
    expect(text).toContain('CN=ccx-b.e2e.lab');
    expect(await results.locator('li[data-outcome="ok"]').count()).toBe(5); // node 1, publisher, subscriber, reports, Finesse node 1
    expect(await results.locator('li[data-outcome="out-of-service"]').textContent()).toContain('Standby — takes over if the active node fails');
    await saveScreenshot(page, 'connections-certificate-light.png', { fullPage: true });

    await tlsResult.getByRole('button', { name: 'Trust this certificate' }).click();
    await expect.poll(() => tlsResult.getAttribute('data-outcome')).toBe('not-db-master');
    expect(await tlsResult.textContent()).toContain('Standby — takes over if the active node fails');
    await expect.poll(() => page.getByRole('region', { name: 'Trusted certificates' }).textContent()).toContain(first.fingerprint);

    // The server's certificate changes (renewed, or someone in the middle).
    await tlsNode.stop();
    tlsNode.setTls({ key: second.key, cert: second.cert });
    await tlsNode.start();
    await card.getByRole('button', { name: 'Test connections' }).click();
    await expect.poll(() => tlsResult.getAttribute('data-outcome')).toBe('certificate-changed');
    const warning = await tlsResult.textContent();
    expect(warning).toContain('Certificate CHANGED');
    expect(warning).toContain('intercepting');
    expect(warning).toContain(second.fingerprint);
    expect(warning).toContain(first.fingerprint);
    await saveScreenshot(page, 'connections-changed-light.png', { fullPage: true });
    await page.getByRole('button', { name: /Switch to dark/ }).click();
    await saveScreenshot(page, 'connections-changed-dark.png', { fullPage: true });
    await page.getByRole('button', { name: /Switch to light/ }).click();

    await tlsResult.getByRole('button', { name: 'Trust the new certificate' }).click();
    await expect.poll(() => tlsResult.getAttribute('data-outcome')).toBe('not-db-master');
    await page.close();
  });

  it('diagnoses a stopped node and a wrong password in words', async () => {
    const client = await RawIpcClient.connect(host!.origin, host!.token);
    await lab.cupi.subscriber.stop();
    try {
      const tested = await client.invoke<Array<{ node: string; outcome: string; message: string }>>('connections:test', {});
      expect(tested.ok).toBe(true);
      const results = tested.ok ? tested.value : [];
      expect(results.find((r) => r.node === lab.endpoints.cupi.subscriber)).toMatchObject({ outcome: 'connection-refused', message: expect.stringMatching(/refused/) });
    } finally {
      await lab.cupi.subscriber.start();
    }
    client.close();
  });

  it('imports a board-only profile with the Import button and edits a profile in the form', async () => {
    const page = await openPage();
    const boardOnly = path.join(path.dirname(profileFile), 'board.json');
    fs.writeFileSync(boardOnly, JSON.stringify({ name: 'Board only', reports: { url: lab.endpoints.reports.url, agentId: 'sup01' } }));
    await page.locator('input[type="file"]').setInputFiles(boardOnly);
    const card = page.getByRole('article', { name: 'Profile Board only' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Reports:');
    expect(await card.textContent()).not.toContain('UCCX');

    await card.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit profile Board only' });
    await form.getByLabel('Profile name').fill('Board only (night shift)');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('article', { name: 'Profile Board only (night shift)' }).waitFor();

    // A bad file names the field.
    const bad = path.join(path.dirname(profileFile), 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'Bad', reports: { url: 'http://not-a-websocket', agentId: 'x' } }));
    await page.locator('input[type="file"]').setInputFiles(bad);
    await expect.poll(() => page.locator('.notice').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('reports.url')]));
    await saveScreenshot(page, 'connections-light.png', { fullPage: true });
    await page.getByRole('button', { name: /Switch to dark/ }).click();
    await saveScreenshot(page, 'connections-dark.png', { fullPage: true });
    await page.getByRole('button', { name: /Switch to light/ }).click();
    await page.close();
  });

  it('keeps the profile file passwords out of the page: DOM, renderer memory and every IPC message', async () => {
    const page = await openPage();
    await page.getByRole('article', { name: 'Profile E2E site' }).getByRole('button', { name: 'Test connections' }).click();
    await page.getByRole('article', { name: 'Profile E2E site' }).getByRole('list', { name: 'Connection test results' }).waitFor();
    const dom = await page.content();
    const session = await page.context().newCDPSession(page);
    const chunks: string[] = [];
    session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
    await session.send('HeapProfiler.enable');
    await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const heap = chunks.join('');
    expect(heap.length).toBeGreaterThan(100_000);
    expect(heap).toContain('E2E site'); // the snapshot does hold the page's strings
    expect(frames.length).toBeGreaterThan(10);
    const allFrames = frames.join('\n');
    expect(allFrames).toContain('passwordSet');
    // Finesse signed in with its password (its line says Connected), and the page still never saw the password.
    expect(allFrames).toMatch(/"id":"finesse","kind":"uccx","label":"Finesse","state":"ok"/);
    for (const secret of secretForms()) {
      expect(dom.includes(secret), 'DOM').toBe(false);
      expect(heap.includes(secret), 'renderer heap').toBe(false);
      expect(allFrames.includes(secret), 'IPC frames').toBe(false);
    }
    await page.close();
  });

  it('reopens the last-used profile after a restart, with every server stopped, and the vault passphrase asked on the page', async () => {
    await stopHost();
    await lab.stop();
    await tlsNode.stop();
    // No --profile and no passphrase: the console must ask for it.
    host = await startHost([], { dataDir });
    const page = await openPage();
    const dialog = page.getByRole('dialog', { name: /Unlock the credential vault/ });
    await dialog.waitFor();
    const statusBar = page.getByRole('status', { name: 'Server connections' });
    expect(await statusBar.textContent()).toContain('Waiting for the credential vault');
    await saveScreenshot(page, 'connections-vault-light.png', { fullPage: true });

    const vaultFile = path.join(dataDir, 'vault.json');
    const before = fs.readFileSync(vaultFile);
    await dialog.getByLabel('Vault passphrase').fill('not the passphrase');
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('passphrase is wrong');
    expect(fs.readFileSync(vaultFile).equals(before)).toBe(true);

    await dialog.getByLabel('Vault passphrase').fill(VAULT_PASSPHRASE);
    await dialog.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('article', { name: 'Profile E2E site' }).textContent()).toContain('In use');
    await expect.poll(() => page.locator('.profile-name').textContent()).toBe('E2E site');
    // Servers are down: the frame says so, node by node.
    await expect.poll(() => statusBar.locator(`[data-server="uccx:${new URL(lab.endpoints.uccx.nodes[0]).host}"]`).textContent(), { timeout: 15_000 }).toContain('Unreachable');
    await page.close();
  });

  it('leaves no profile-file password anywhere under --data-dir or in the logs', async () => {
    await stopHost();
    const files: string[] = [];
    for (const entry of fs.readdirSync(dataDir, { withFileTypes: true, recursive: true })) if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
    expect(files.map((f) => path.relative(dataDir, f))).toEqual(expect.arrayContaining(['vault.json', 'profiles.json', path.join('logs', 'console.log')]));
    const disk = Buffer.concat(files.map((f) => fs.readFileSync(f)));
    const logText = logs.join('\n') + fs.readFileSync(path.join(dataDir, 'logs', 'console.log'), 'utf8');
    expect(logText).toContain('profile "E2E site"');
    for (const secret of secretForms()) {
      expect(disk.includes(secret), `data dir holds ${secret.slice(0, 3)}…`).toBe(false);
      expect(logText.includes(secret), 'logs').toBe(false);
    }
  });

  it('refuses a bad profile file with a message naming the field and exit code 2', async () => {
    const bad = path.join(path.dirname(profileFile), 'bad-start.json');
    fs.writeFileSync(bad, JSON.stringify({ name: 'Bad', uccx: { nodes: ['ccx-a.example.com'], username: 'admin' } }));
    const child = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', makeDataDir(), '--profile', bad], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('uccx.nodes[0]');
    expect(stderr).toContain('http');

    const missingEnv = path.join(path.dirname(profileFile), 'missing-env.json');
    fs.writeFileSync(missingEnv, JSON.stringify({ name: 'X', cupi: { publisher: 'https://cuc', username: 'u', password: '${NOT_SET_ANYWHERE_42}' } }));
    const second = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', makeDataDir(), '--profile', missingEnv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr2 = '';
    second.stderr.on('data', (d) => (stderr2 += d));
    expect(await new Promise<number | null>((resolve) => second.once('exit', resolve))).toBe(2);
    expect(stderr2).toContain('cupi.password');
    expect(stderr2).toContain('NOT_SET_ANYWHERE_42');

    const plaintext = path.join(path.dirname(profileFile), 'plaintext.json');
    fs.writeFileSync(plaintext, JSON.stringify({ name: 'Plain', uccx: { nodes: ['http://ccx-a.example.com'], username: 'admin', password: 'not-over-http-42' } }));
    const third = spawn(process.execPath, [HOST_ENTRY, '--port', '0', '--data-dir', makeDataDir(), '--vault-passphrase-env', 'E2E_VAULT', '--profile', plaintext], { stdio: ['ignore', 'pipe', 'pipe'], env: env() });
    let stderr3 = '';
    third.stderr.on('data', (d) => (stderr3 += d));
    expect(await new Promise<number | null>((resolve) => third.once('exit', resolve))).toBe(2);
    expect(stderr3).toMatch(/uccx\.nodes\[0\] is not encrypted.*allowPlaintextCredentials/);
    expect(stderr3).not.toContain('not-over-http-42');
  });
});

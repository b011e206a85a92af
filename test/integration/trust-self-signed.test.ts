import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabNode, basicCredentials } from '../../lab/lab-node';
import { HttpClient } from '../../electron/services/net/http-client';
import { NetworkError } from '../../electron/services/net/network-error';
import { TrustStore } from '../../electron/services/net/trust-store';
import { trustFileBackend } from '../../electron/services/net/trust-file';
import { ProfileService } from '../../electron/services/profiles/profile-service';
import { MemoryVault } from '../../electron/services/vault/vault';
import { SiteManager } from '../../electron/services/site/site-manager';
import { StatusRegistry } from '../../electron/services/status/status-registry';
import { createConfStore } from '../../electron/services/storage/conf-store';
import { createLogger } from '../../electron/services/log/logger';
import { makeSelfSignedCertificate, type TestCertificate } from './trust-certificates';

const PASSWORD = 'tls-Secret-9f3';

describe('certificate trust on first use', () => {
  let first: TestCertificate;
  let second: TestCertificate;
  let node: LabNode;
  const authorizationsSeen: string[] = [];
  let dataDir: string;
  let http: HttpClient;
  let trust: TrustStore;
  let service: ProfileService;
  let endpoint: string;

  beforeAll(async () => {
    first = makeSelfSignedCertificate('ccx-a.lab');
    second = makeSelfSignedCertificate('ccx-a.lab');
    node = new LabNode({ name: 'ccx-tls', tls: { key: first.key, cert: first.cert } }, (req, res) => {
      if (req.headers.authorization) authorizationsSeen.push(req.headers.authorization);
      if (req.url === '/uccx/isDBMaster') {
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<isDBMaster><DBMaster>true</DBMaster></isDBMaster>');
        return;
      }
      const creds = basicCredentials(req);
      if (creds?.password !== PASSWORD) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"skill":[]}');
    });
    await node.start();
    endpoint = new URL(node.url).host;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-test-'));
    trust = new TrustStore(trustFileBackend(dataDir));
    http = new HttpClient({ trust });
    const site = new SiteManager(createLogger('test-site'));
    service = new ProfileService({
      dataDir,
      vault: new MemoryVault(),
      site,
      status: new StatusRegistry(),
      http,
      trust,
      storeFactory: createConfStore,
      log: createLogger('test-profiles'),
      probeOnActivate: false,
      testTimeoutMs: 3_000,
    });
    const profile = await service.save(undefined, { name: 'TLS site', uccx: { nodes: [node.url], username: 'admin', password: PASSWORD } });
    await service.activate(profile.id);
  });

  afterAll(async () => {
    http?.close();
    await node?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves HTTPS with a certificate the system store does not know', () => {
    expect(node.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('asks on first connection: the test shows subject and SHA-256 fingerprint, and no credentials were sent', async () => {
    const before = node.requestCount;
    const [result] = await service.test();
    expect(result).toMatchObject({ server: 'uccx', outcome: 'certificate-untrusted' });
    expect(result!.certificate).toEqual({ endpoint, subject: expect.stringContaining('CN=ccx-a.lab'), fingerprint: first.fingerprint });
    expect(result!.message).toContain(first.fingerprint);
    // Verification happens before the request is written: the server saw nothing, least of all a password.
    expect(node.requestCount).toBe(before);
    expect(authorizationsSeen).toEqual([]);
  });

  it('refuses to pin a fingerprint the server did not present', () => {
    expect(() => service.trustCertificate(endpoint, second.fingerprint)).toThrow(/did not present/);
    expect(trust.pinFor(endpoint)).toBeUndefined();
  });

  it('connects after the user confirms, and the pin survives a restart (trusted-certificates.json)', async () => {
    const pins = service.trustCertificate(endpoint, first.fingerprint);
    expect(pins).toEqual([{ endpoint, subject: expect.stringContaining('ccx-a.lab'), fingerprint: first.fingerprint }]);
    const [result] = await service.test();
    expect(result).toMatchObject({ outcome: 'ok' });
    expect(authorizationsSeen.length).toBeGreaterThan(0);
    const reloaded = new TrustStore(trustFileBackend(dataDir));
    expect(reloaded.check(endpoint, first.fingerprint)).toBe('trusted');
    // Fingerprints are public; the file holds nothing else of note.
    expect(fs.readFileSync(path.join(dataDir, 'trusted-certificates.json'), 'utf8')).not.toContain(PASSWORD);
  });

  it('refuses a changed certificate with a warning naming both fingerprints, until re-confirmed', async () => {
    await node.stop();
    node.setTls({ key: second.key, cert: second.cert });
    await node.start();
    http.close(); // drop kept-alive sockets to the old server
    const seenBefore = authorizationsSeen.length;
    const [result] = await service.test();
    expect(result).toMatchObject({ outcome: 'certificate-changed' });
    expect(result!.message).toMatch(/different certificate from the one you trusted/);
    expect(result!.message).toContain(second.fingerprint);
    expect(result!.message).toContain(first.fingerprint);
    expect(result!.certificate).toMatchObject({ fingerprint: second.fingerprint, pinnedFingerprint: first.fingerprint });
    expect(authorizationsSeen.length).toBe(seenBefore);

    const direct = await http.request({ method: 'GET', url: `${node.url}/uccx/isDBMaster` }).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(NetworkError);
    expect((direct as NetworkError).kind).toBe('certificate-changed');

    service.trustCertificate(endpoint, second.fingerprint);
    const [after] = await service.test();
    expect(after).toMatchObject({ outcome: 'ok' });
    expect(trust.pinFor(endpoint)?.fingerprint).toBe(second.fingerprint);
  });

  it('trusts a fingerprint listed in the profile file (tls.fingerprints) without asking, for that profile\'s servers only', async () => {
    const fresh = new TrustStore();
    const client = new HttpClient({ trust: fresh });
    try {
      await expect(client.request({ method: 'GET', url: `${node.url}/uccx/isDBMaster` })).rejects.toMatchObject({ kind: 'certificate-untrusted' });
      const listed = second.fingerprint.toLowerCase().replace('sha256 ', 'SHA256:');
      // Listed by a profile whose servers are elsewhere: it vouches for nothing here.
      fresh.setProfileFingerprints([listed], ['https://ccx-a.example.com:8443']);
      await expect(client.request({ method: 'GET', url: `${node.url}/uccx/isDBMaster` })).rejects.toMatchObject({ kind: 'certificate-untrusted' });
      fresh.setProfileFingerprints([listed], [node.url]);
      const reply = await client.request({ method: 'GET', url: `${node.url}/uccx/isDBMaster` });
      expect(reply.status).toBe(200);
    } finally {
      client.close();
    }
  });

  it('applies the same trust to a wss:// report server', async () => {
    const server = https.createServer({ key: first.key, cert: first.cert });
    const wss = new WebSocketServer({ server });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const reportsEndpoint = `127.0.0.1:${port}`;
    try {
      const profile = await service.save(undefined, { name: 'Board only', reports: { url: `wss://${reportsEndpoint}/`, agentId: 'sup01' } });
      const [untrusted] = await service.test(profile.id);
      expect(untrusted).toMatchObject({ server: 'reports', outcome: 'certificate-untrusted', certificate: { endpoint: reportsEndpoint, fingerprint: first.fingerprint } });
      service.trustCertificate(reportsEndpoint, first.fingerprint);
      const [trusted] = await service.test(profile.id);
      expect(trusted).toMatchObject({ server: 'reports', outcome: 'ok' });
    } finally {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileService } from '../../electron/services/profiles/profile-service';
import { PassphraseVault, type ScryptParameters } from '../../electron/services/vault/passphrase-vault';
import { MemoryVault, type SecretVault } from '../../electron/services/vault/vault';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { StatusRegistry } from '../../electron/services/status/status-registry';
import { createConfStore } from '../../electron/services/storage/conf-store';
import { createLogger } from '../../electron/services/log/logger';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import { ConfigCache } from '../../electron/services/cache/config-cache';
import type { ProfileInput } from '../../shared/ipc/areas/connections';

const FAST: ScryptParameters = { N: 1024, r: 8, p: 1, keyLength: 32 };
const UCCX_PASSWORD = 'Uccx-Pw-7c1e9a';
const HEADER_VALUE = 'api-key-5b2f83';
const FINESSE_PASSWORD = 'Finesse-Pw-3d9b71';
const PASSPHRASE = 'a long vault passphrase';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function setup(options: { dataDir?: string; vault?: SecretVault } = {}) {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'profiles-test-'));
  if (!options.dataDir) dirs.push(dataDir);
  const vault = options.vault ?? new PassphraseVault(path.join(dataDir, 'vault.json'), FAST);
  const site = new SiteManager(createLogger('test-site'));
  const status = new StatusRegistry();
  const published: Array<{ channel: string; payload: unknown }> = [];
  const trust = new TrustStore();
  const service = new ProfileService({
    dataDir,
    vault,
    site,
    status,
    http: new HttpClient({ trust }),
    trust,
    storeFactory: createConfStore,
    log: createLogger('test-profiles'),
    probeOnActivate: false,
  });
  service.on('profiles', (payload) => published.push({ channel: 'profiles:changed', payload }));
  service.on('vault', (payload) => published.push({ channel: 'vault:changed', payload }));
  return { dataDir, vault, site, status, published, service };
}

const siteA: ProfileInput = {
  name: 'Site A',
  allowPlaintextCredentials: true,
  uccx: { nodes: ['http://127.0.0.1:9/', 'http://127.0.0.2:9/'], username: 'admin', password: UCCX_PASSWORD },
  reports: { url: 'ws://127.0.0.1:9/', agentId: 'sup01', headers: { 'X-Api-Key': HEADER_VALUE } },
};
const siteB: ProfileInput = { name: 'Site B', reports: { url: 'ws://127.0.0.3:9/', agentId: 'sup02' } };

function bytesUnder(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return Buffer.concat(parts);
}

function expectNoSecretUnder(dir: string, secrets: string[]): void {
  const bytes = bytesUnder(dir);
  for (const secret of secrets) {
    expect(bytes.includes(secret), `${secret} on disk`).toBe(false);
    expect(bytes.includes(Buffer.from(secret).toString('base64')), `${secret} base64 on disk`).toBe(false);
  }
}

describe('profile service', () => {
  it('saves profiles without secrets, with "set" flags, and keeps the secrets in the vault only', async () => {
    const { service, dataDir, vault } = setup();
    await service.unlock(PASSPHRASE);
    const saved = await service.save(undefined, siteA);
    expect(saved).toMatchObject({ name: 'Site A', uccx: { passwordSet: true, username: 'admin' }, reports: { passwordSet: false, headerNames: ['X-Api-Key'] } });
    expect(JSON.stringify(saved)).not.toContain(UCCX_PASSWORD);
    expect(JSON.stringify(service.list())).not.toContain(UCCX_PASSWORD);
    expect(vault.get(`profile:${saved.id}`)).toContain(UCCX_PASSWORD);
    await service.activate(saved.id);
    expectNoSecretUnder(dataDir, [UCCX_PASSWORD, HEADER_VALUE]);
  });

  it('keeps the desktop presets of a roll-out on the active profile, where the desktop settings read them', async () => {
    const { service, site } = setup({ vault: new MemoryVault() });
    const saved = await service.save(undefined, { ...siteB, desktop: { startAtLogin: true, closeToTray: false } });
    expect(saved.desktop).toEqual({ startAtLogin: true, closeToTray: false });
    await service.activate(saved.id);
    expect(site.active?.profile.desktop).toEqual({ startAtLogin: true, closeToTray: false });
    expect((await service.save(undefined, { ...siteB, name: 'Site C' })).desktop).toBeUndefined();
  });

  it('editor rules: a missing password keeps the saved one, an empty one removes it', async () => {
    const { service, site } = setup();
    await service.unlock(PASSPHRASE);
    const saved = await service.save(undefined, siteA);
    await service.activate(saved.id);
    const { password: _omit, ...uccxWithoutPassword } = siteA.uccx!;
    const kept = await service.save(saved.id, { ...siteA, uccx: uccxWithoutPassword });
    expect(kept.uccx?.passwordSet).toBe(true);
    // Saving the active profile restarts it with the new settings and the kept secret.
    expect(site.active?.secrets.uccxPassword).toBe(UCCX_PASSWORD);
    const cleared = await service.save(saved.id, { ...siteA, uccx: { ...uccxWithoutPassword, password: '' } });
    expect(cleared.uccx?.passwordSet).toBe(false);
    expect(site.active?.secrets.uccxPassword).toBeUndefined();
    await expect(service.save(undefined, { ...siteB, name: 'Site A' })).rejects.toThrow(/already exists/);
  });

  it('refuses credentials over http:// or ws:// unless the profile accepts plain text, and remembers that it did', async () => {
    const { service, status } = setup();
    await service.unlock(PASSPHRASE);
    const { allowPlaintextCredentials: _allowed, ...strict } = siteA;
    await expect(service.save(undefined, strict)).rejects.toMatchObject({ code: 'invalid_payload', message: expect.stringMatching(/uccx\.nodes\[0\] is not encrypted.*allowPlaintextCredentials/) });
    await expect(service.importProfile({ ...strict, uccx: undefined })).rejects.toMatchObject({ message: expect.stringContaining('reports.url is not encrypted') });
    // Without credentials plain ws:// is fine (a board-only profile on a closed network).
    expect((await service.save(undefined, siteB)).allowPlaintextCredentials).toBeUndefined();
    const saved = await service.save(undefined, siteA);
    expect(saved.allowPlaintextCredentials).toBe(true);
    // Whoever reports on those connections afterwards, their chips say "not encrypted".
    await service.activate(saved.id);
    status.set({ id: 'uccx:127.0.0.1:9', kind: 'uccx', label: 'UCCX 127.0.0.1:9', state: 'ok', detail: 'Connected.' });
    const flagged = Object.fromEntries(status.list().map((s) => [s.id, s.unencrypted ?? false]));
    expect(flagged).toMatchObject({ 'uccx:127.0.0.1:9': true, 'uccx:127.0.0.2:9': true, reports: true });
  });

  it('drops a stored password when its server address changes, so the new address never receives it', async () => {
    const { service, site } = setup();
    await service.unlock(PASSPHRASE);
    const saved = await service.save(undefined, siteA);
    await service.activate(saved.id);
    const { password: _omit, ...uccxWithoutPassword } = siteA.uccx!;
    const { headers: _headers, ...reportsWithoutHeaders } = siteA.reports!;
    // Same servers, written differently (trailing slash, upper case): the password stays.
    const same = await service.save(saved.id, { ...siteA, uccx: { ...uccxWithoutPassword, nodes: ['HTTP://127.0.0.1:9', 'http://127.0.0.2:9/'] }, reports: reportsWithoutHeaders });
    expect(same.uccx?.passwordSet).toBe(true);
    expect(same.reports?.headerNames).toEqual(['X-Api-Key']);
    // One node moved: the UCCX password is gone and must be typed again; the report server's header stays.
    const moved = await service.save(saved.id, { ...siteA, uccx: { ...uccxWithoutPassword, nodes: ['http://127.0.0.9:9/', 'http://127.0.0.2:9/'] }, reports: reportsWithoutHeaders });
    expect(moved.uccx?.passwordSet).toBe(false);
    expect(site.active?.secrets.uccxPassword).toBeUndefined();
    expect(moved.reports?.headerNames).toEqual(['X-Api-Key']);
    const reportsMoved = await service.save(saved.id, { ...siteA, uccx: uccxWithoutPassword, reports: { ...reportsWithoutHeaders, url: 'ws://127.0.0.9:9/' } });
    expect(reportsMoved.reports?.headerNames).toEqual([]);
    expect(JSON.stringify(site.active?.secrets)).not.toContain(HEADER_VALUE);
  });

  it('keeps the Finesse password like every secret: vault only, kept when left empty, dropped when a node moves, refused over http:// without the opt-in', async () => {
    const { service, site, dataDir, vault, status } = setup();
    await service.unlock(PASSPHRASE);
    const finesse = { nodes: ['http://127.0.0.1:9/', 'http://127.0.0.2:9/'], username: 'sup01', password: FINESSE_PASSWORD };
    const { allowPlaintextCredentials: _allowed, ...strict } = siteB;
    await expect(service.save(undefined, { ...strict, name: 'Strict', finesse })).rejects.toMatchObject({ message: expect.stringContaining('finesse.nodes[0] is not encrypted') });
    const saved = await service.save(undefined, { ...siteB, allowPlaintextCredentials: true, finesse });
    expect(saved.finesse).toEqual({ nodes: finesse.nodes, username: 'sup01', passwordSet: true });
    expect(JSON.stringify(service.list())).not.toContain(FINESSE_PASSWORD);
    expect(vault.get(`profile:${saved.id}`)).toContain(FINESSE_PASSWORD);
    await service.activate(saved.id);
    expect(site.active?.secrets.finessePassword).toBe(FINESSE_PASSWORD);
    // Every Finesse node has its line in the status bar, with the UCCX lines, named by its host name (the profile gives no label).
    expect(status.list().filter((s) => s.id.startsWith('finesse:'))).toEqual([
      expect.objectContaining({ id: 'finesse:127.0.0.1:9', kind: 'uccx', label: 'Finesse 127.0.0.1' }),
      expect.objectContaining({ id: 'finesse:127.0.0.2:9', kind: 'uccx' }),
    ]);
    const { password: _omit, ...withoutPassword } = finesse;
    const kept = await service.save(saved.id, { ...siteB, allowPlaintextCredentials: true, finesse: withoutPassword });
    expect(kept.finesse?.passwordSet).toBe(true);
    expect(site.active?.secrets.finessePassword).toBe(FINESSE_PASSWORD);
    const moved = await service.save(saved.id, { ...siteB, allowPlaintextCredentials: true, finesse: { ...withoutPassword, nodes: ['http://127.0.0.9:9/'] } });
    expect(moved.finesse?.passwordSet).toBe(false);
    expect(site.active?.secrets.finessePassword).toBeUndefined();
    const removed = await service.save(saved.id, { ...siteB, allowPlaintextCredentials: true, finesse: { ...finesse, password: '' } });
    expect(removed.finesse?.passwordSet).toBe(false);
    const dropped = await service.save(saved.id, { ...siteB, allowPlaintextCredentials: true, finesse });
    expect(dropped.finesse?.passwordSet).toBe(true);
    const withoutSection = await service.save(saved.id, siteB);
    expect(withoutSection.finesse).toBeUndefined();
    expect(site.active?.secrets.finessePassword).toBeUndefined();
    expectNoSecretUnder(dataDir, [FINESSE_PASSWORD]);
  });

  it('switching ends everything of the old profile before the new one starts, and clears its statuses', async () => {
    const { service, site, status } = setup();
    await service.unlock(PASSPHRASE);
    const a = await service.save(undefined, siteA);
    const b = await service.save(undefined, siteB);
    const journal: string[] = [];
    site.attach('recorder', (active) => {
      journal.push(`start ${active.profile.name}`);
      return () => {
        journal.push(`stop ${active.profile.name}`);
      };
    });
    await service.activate(a.id);
    expect(status.list().map((s) => s.id)).toEqual(['uccx:127.0.0.1:9', 'uccx:127.0.0.2:9', 'reports']);
    await service.activate(b.id);
    expect(journal).toEqual(['start Site A', 'stop Site A', 'start Site B']);
    expect(status.list().map((s) => s.id)).toEqual(['reports']);
    expect(service.list().activeId).toBe(b.id);
  });

  it('reopens the last-used profile after a restart, once the vault is unlocked', async () => {
    const first = setup();
    await first.service.unlock(PASSPHRASE);
    const a = await first.service.save(undefined, siteA);
    await first.service.activate(a.id);

    const second = setup({ dataDir: first.dataDir });
    await second.service.restoreLastUsed();
    expect(second.site.active).toBeNull();
    expect(second.status.list()[0]).toMatchObject({ state: 'connecting', detail: expect.stringMatching(/unlock it in Connections/) });
    await expect(second.service.unlock('not the passphrase')).rejects.toThrow(/wrong/);
    expect(second.site.active).toBeNull();
    await second.service.unlock(PASSPHRASE);
    expect(second.site.active?.profile.id).toBe(a.id);
    expect(second.site.active?.secrets.uccxPassword).toBe(UCCX_PASSWORD);
    expect(second.published.some((e) => e.channel === 'vault:changed')).toBe(true);
  });

  it('opens a profile without secrets at once even while the vault is locked', async () => {
    const first = setup();
    await first.service.unlock(PASSPHRASE);
    const b = await first.service.save(undefined, siteB);
    await first.service.activate(b.id);
    const second = setup({ dataDir: first.dataDir });
    await second.service.restoreLastUsed();
    expect(second.site.active?.profile.name).toBe('Site B');
  });

  it('a profile file imported with a locked vault works at once and its secrets reach the vault on unlock', async () => {
    const { service, site, dataDir } = setup();
    const imported = await service.importProfile(siteA, { allowPending: true });
    await service.activate(imported.id);
    expect(site.active?.secrets.uccxPassword).toBe(UCCX_PASSWORD);
    expect(fs.existsSync(path.join(dataDir, 'vault.json'))).toBe(false);
    await service.unlock(PASSPHRASE);
    const reopened = new PassphraseVault(path.join(dataDir, 'vault.json'), FAST);
    await reopened.unlock(PASSPHRASE);
    expect(reopened.get(`profile:${imported.id}`)).toContain(UCCX_PASSWORD);
    // Importing the same file again replaces the profile instead of adding a second one, once the person agreed.
    await expect(service.importProfile({ ...siteA, uccx: { ...siteA.uccx!, password: 'changed-pw-1' } })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already exists') });
    expect(service.list().profiles).toHaveLength(1);
    const again = await service.importProfile({ ...siteA, uccx: { ...siteA.uccx!, password: 'changed-pw-1' } }, { replace: true });
    expect(again.id).toBe(imported.id);
    expect(service.list().profiles).toHaveLength(1);
    expectNoSecretUnder(dataDir, [UCCX_PASSWORD, 'changed-pw-1', HEADER_VALUE]);
  });

  it('refuses to save passwords while the vault is locked (the editor path)', async () => {
    const { service, dataDir } = setup();
    await expect(service.save(undefined, siteA)).rejects.toThrow(/cannot be saved yet/);
    expect(fs.existsSync(path.join(dataDir, 'profiles.json'))).toBe(false);
  });

  it('delete removes the profile, its vault entry and its folder', async () => {
    const { service, vault, site, dataDir } = setup();
    await service.unlock(PASSPHRASE);
    const a = await service.save(undefined, siteA);
    await service.activate(a.id);
    site.active!.cache.put('uccx', 'skill:list', [{ name: 'Billing' }]);
    expect(fs.existsSync(path.join(dataDir, 'profiles', a.id))).toBe(true);
    await service.delete(a.id);
    expect(site.active).toBeNull();
    expect(vault.keys()).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'profiles', a.id))).toBe(false);
    expect(service.list().profiles).toEqual([]);
  });

  it('the offline cache keeps its fetch time and never stores a secret, even one a server echoes', async () => {
    const { service, site, dataDir } = setup();
    await service.unlock(PASSPHRASE);
    const a = await service.save(undefined, siteA);
    await service.activate(a.id);
    const cache = site.active!.cache;
    cache.put('uccx', 'resource:jdoe', { userID: 'jdoe', note: `echo ${UCCX_PASSWORD}`, file: 'a.b.wav' }, 1_700_000_000_000);
    cache.put('cupi', 'users', [{ Alias: 'x', Key: HEADER_VALUE }]);
    expect(cache.get('uccx', 'resource:jdoe')).toEqual({ value: { userID: 'jdoe', note: 'echo ***', file: 'a.b.wav' }, fetchedAt: 1_700_000_000_000 });
    expectNoSecretUnder(dataDir, [UCCX_PASSWORD, HEADER_VALUE]);
    // The cache file is conf's plain JSON: the same format electron-store writes.
    expect(JSON.parse(fs.readFileSync(cache.path, 'utf8'))).toBeTypeOf('object');
    // A restarted console reads it back for the same profile.
    const reread = new ConfigCache(createConfStore({ dir: path.join(dataDir, 'profiles', a.id), name: 'config-cache' }));
    expect(reread.get('uccx', 'resource:jdoe')?.fetchedAt).toBe(1_700_000_000_000);
  });

  it('demo mode lists only the built-in profile and refuses changes', async () => {
    const { service, dataDir } = setup({ vault: new MemoryVault() });
    const demo: ActiveSite = {
      profile: { id: 'demo', name: 'Demo lab', reports: { url: 'ws://127.0.0.1:9/', agentId: 'sup01', passwordSet: false, headerNames: [] } },
      secrets: {},
      http: new HttpClient({ trust: new TrustStore() }),
      trust: new TrustStore(),
      dir: path.join(dataDir, 'profiles', 'demo'),
      cache: new ConfigCache(createConfStore({ dir: path.join(dataDir, 'profiles', 'demo'), name: 'config-cache' })),
      log: createLogger('demo'),
    };
    await service.useDemo(demo);
    expect(service.list()).toMatchObject({ demo: true, activeId: 'demo', profiles: [{ id: 'demo' }] });
    await expect(service.save(undefined, siteB)).rejects.toMatchObject({ code: 'read_only' });
    await expect(service.importProfile(siteB)).rejects.toMatchObject({ code: 'read_only' });
    expect(fs.existsSync(path.join(dataDir, 'profiles.json'))).toBe(false);
  });
});

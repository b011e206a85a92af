import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  nodeNameIn,
  statusIdFor,
  type CertificateDetails,
  type ConnectionTestResult,
  type ProfileList,
  type ProfileServer,
  type SiteProfile,
  type SiteSecrets,
  type VaultStatus,
} from '../../../shared/domain/profile';
import type { ProfileInput } from '../../../shared/ipc/areas/connections';
import type { ServerKind, ServerStatus } from '../../../shared/domain/status';
import { EventEmitter } from 'node:events';
import { ConsoleError } from '../../../shared/ipc/result';
import type { ActiveSite, SiteManager } from '../site/site-manager';
import { ConfigCache } from '../cache/config-cache';
import { registerSecret, type Logger } from '../log/logger';
import type { HttpClient } from '../net/http-client';
import { normalizeFingerprint, type TrustStore } from '../net/trust-store';
import type { StatusRegistry } from '../status/status-registry';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import type { KeyValueStoreFactory } from '../storage/key-value-store';
import { VaultError, type SecretVault } from '../vault/vault';
import { hostOf, statusDetailFor, statusDetailMessageFor, statusStateFor, testProfile } from './connection-tester';
import { nodeLabel } from '../../../shared/domain/status';
import { REALTIME_DEFAULTS } from '../../../shared/domain/queues';

/**
 * Saved site profiles and the switch between them. Profiles (no secrets) are
 * in <data-dir>/profiles.json with the last-used id; their secrets are one
 * vault entry per profile; each profile's own files (offline cache, board
 * snapshot) live in <data-dir>/profiles/<id>/.
 *
 * A profile file imported at start while the vault is still locked keeps its
 * secrets in memory until the vault opens, then they are written to it.
 */
export interface ProfileServiceOptions {
  dataDir: string;
  vault: SecretVault;
  site: SiteManager;
  status: StatusRegistry;
  http: HttpClient;
  trust: TrustStore;
  storeFactory: KeyValueStoreFactory;
  log: Logger;
  /** Probe every node when a profile becomes active, to fill the status bar. Default true. */
  probeOnActivate?: boolean;
  /** Per-probe deadline for connection tests. */
  testTimeoutMs?: number;
}

interface ProfilesFile {
  version: 1;
  lastUsedId: string | null;
  profiles: SiteProfile[];
}

const VAULT_KEY_PREFIX = 'profile:';
const MAX_PROFILES = 50;

export interface ProfileServiceEvents {
  /** The list of profiles (or which one is active) changed. */
  profiles: [ProfileList];
  /** The vault was unlocked, or its storage changed. */
  vault: [VaultStatus];
}

export class ProfileService extends EventEmitter<ProfileServiceEvents> {
  private profiles: SiteProfile[] = [];
  private lastUsedId: string | null = null;
  private readonly pendingSecrets = new Map<string, SiteSecrets>();
  /** A profile to open as soon as the vault can be read (restart with a locked vault). */
  private waitingForVault: string | null = null;
  /** The built-in demo lab site (--demo): listed alone, never written. */
  private demoSite: ActiveSite | null = null;
  /** The certificate each endpoint presented in the last failed probe: the only one the user may pin. */
  private readonly seenCertificates = new Map<string, CertificateDetails>();
  private readonly file: string;

  constructor(private readonly options: ProfileServiceOptions) {
    super();
    this.file = path.join(options.dataDir, 'profiles.json');
    const data = readJsonFile(this.file) as Partial<ProfilesFile> | null;
    if (data) {
      if (data.version !== 1 || !Array.isArray(data.profiles)) throw new Error(`${this.file} has an unknown format; it was left untouched.`);
      this.profiles = data.profiles;
      this.lastUsedId = typeof data.lastUsedId === 'string' ? data.lastUsedId : null;
    }
  }

  get vault(): SecretVault {
    return this.options.vault;
  }

  list(): ProfileList {
    if (this.demoSite) return { profiles: [this.demoSite.profile], activeId: this.demoSite.profile.id, demo: true };
    return { profiles: [...this.profiles], activeId: this.options.site.active?.profile.id ?? null, demo: false };
  }

  vaultStatus(): VaultStatus {
    return this.options.vault.status();
  }

  /** --demo: the embedded lab's site, in memory only. */
  async useDemo(site: ActiveSite): Promise<void> {
    this.demoSite = site;
    await this.switchTo(site);
  }

  /** Reopen the last-used profile (after a restart); waits for the vault when its secrets are locked away. */
  async restoreLastUsed(): Promise<void> {
    const id = this.lastUsedId;
    if (!id || !this.profiles.some((p) => p.id === id)) return;
    if (this.secretsFor(id) === null) {
      this.waitingForVault = id;
      this.reportWaitingForVault(this.find(id));
      return;
    }
    await this.activate(id);
  }

  /** Create (no id) or update a profile from the editor. A missing password keeps the saved one. */
  async save(id: string | undefined, input: ProfileInput): Promise<SiteProfile> {
    this.refuseInDemo();
    const existing = id ? this.find(id) : undefined;
    const oldSecrets = existing ? this.secretsFor(existing.id) : {};
    if (oldSecrets === null) throw new VaultError('unavailable', 'Unlock the credential vault first: this profile has saved passwords.');
    // A stored password goes only to the server it was given for: a changed address needs it typed again.
    const kept = existing ? withoutSecretsForMovedServers(oldSecrets, existing, input) : oldSecrets;
    return this.store(existing, input, mergeSecrets(kept, input), { allowPending: false });
  }

  /**
   * Import a profile file. A profile of the same name is replaced only with
   * `replace` (the page asks first; --profile at start always replaces, so
   * running with the same file twice does not duplicate it). `allowPending`
   * lets start-up proceed with a locked vault.
   */
  async importProfile(input: ProfileInput, options: { allowPending?: boolean; replace?: boolean } = {}): Promise<SiteProfile> {
    this.refuseInDemo();
    const existing = this.profiles.find((p) => p.name === input.name);
    if (existing && !options.replace) {
      throw new ConsoleError('conflict', `A profile named "${input.name}" already exists. Import again and choose to replace it, or rename the profile in the file.`, undefined, {
        id: 'errors.profiles.importExists',
        values: { name: input.name },
      });
    }
    return this.store(existing, input, secretsFromInput(input), { allowPending: options.allowPending ?? false });
  }

  async delete(id: string): Promise<ProfileList> {
    this.refuseInDemo();
    const profile = this.find(id);
    if (this.options.site.active?.profile.id === id) {
      await this.options.site.activate(null);
      this.options.status.clear();
    }
    this.profiles = this.profiles.filter((p) => p.id !== id);
    if (this.lastUsedId === id) this.lastUsedId = null;
    if (this.waitingForVault === id) this.waitingForVault = null;
    this.pendingSecrets.delete(id);
    // A locked vault keeps the entry until it opens; unlock removes entries of deleted profiles.
    if (this.options.vault.usable) this.options.vault.delete(VAULT_KEY_PREFIX + id);
    this.writeIndex();
    fs.rmSync(this.profileDir(profile.id), { recursive: true, force: true });
    this.options.log.info(`profile "${profile.name}" deleted`);
    this.changed();
    return this.list();
  }

  async activate(id: string): Promise<ProfileList> {
    if (this.demoSite) {
      if (id !== this.demoSite.profile.id) throw new ConsoleError('read_only', 'The demo lab has only its built-in profile.', undefined, { id: 'errors.profiles.demoOnly' });
      return this.list();
    }
    const profile = this.find(id);
    const secrets = this.secretsFor(id);
    if (secrets === null) throw new VaultError('unavailable', 'Unlock the credential vault first: this profile needs its saved passwords.');
    this.waitingForVault = null;
    const dir = this.profileDir(id);
    const secretValues = () => listSecretValues(secrets);
    const log = this.options.log.child(`site ${profile.name}`);
    const site: ActiveSite = {
      profile,
      secrets,
      http: this.options.http,
      trust: this.options.trust,
      dir,
      cache: new ConfigCache(this.options.storeFactory({ dir, name: 'config-cache' }), {
        secrets: secretValues,
        onSecretRemoved: (area, key) => log.warn(`a server reply for ${area}/${key} contained a saved secret; it was removed before caching`),
      }),
      log,
    };
    await this.switchTo(site);
    this.lastUsedId = id;
    this.writeIndex();
    this.changed();
    return this.list();
  }

  /** Browser host: open the vault, write secrets waiting in memory, reopen the last-used profile. */
  async unlock(passphrase: string): Promise<VaultStatus> {
    await this.options.vault.unlock(passphrase);
    await this.afterVaultOpened();
    return this.vaultStatus();
  }

  /** Electron without a keyring: the user accepted basic_text storage. */
  async acceptWeakStorage(): Promise<VaultStatus> {
    this.options.vault.acceptWeakStorage();
    await this.afterVaultOpened();
    return this.vaultStatus();
  }

  /** Test every server of a profile (default the active one) and report each node in the status bar. */
  async test(id?: string): Promise<ConnectionTestResult[]> {
    const active = this.options.site.active;
    const profileId = id ?? active?.profile.id;
    if (!profileId) throw new ConsoleError('not_found', 'No profile is active: choose or create one first.', undefined, { id: 'errors.profiles.noneActive' });
    let profile: SiteProfile;
    let secrets: SiteSecrets | null;
    if (active && active.profile.id === profileId) {
      profile = active.profile;
      secrets = active.secrets;
    } else {
      profile = this.find(profileId);
      secrets = this.secretsFor(profileId);
    }
    if (secrets === null) throw new VaultError('unavailable', 'Unlock the credential vault first: testing needs the saved passwords.');
    const results = await testProfile(profile, secrets, {
      http: this.options.http,
      trust: this.options.trust,
      timeoutMs: this.options.testTimeoutMs,
      onCertificate: (certificate) => this.seenCertificates.set(certificate.endpoint, certificate),
    });
    if (this.options.site.active?.profile.id === profileId) this.reportResults(profile, results);
    for (const result of results) this.options.log.info(`test ${result.server} ${hostOf(result.node)}: ${result.outcome}`);
    return results;
  }

  /** Pin the certificate the user confirmed, only if it is the one the endpoint last presented. */
  trustCertificate(endpoint: string, fingerprint: string): CertificateDetails[] {
    const seen = this.seenCertificates.get(endpoint);
    if (!seen || normalizeFingerprint(seen.fingerprint) !== normalizeFingerprint(fingerprint)) {
      throw new ConsoleError('conflict', `${endpoint} did not present that certificate in the last test. Test the connection again and confirm the fingerprint it shows.`, undefined, {
        id: 'errors.profiles.certificateNotSeen',
        values: { endpoint },
      });
    }
    this.options.trust.trust(endpoint, seen.fingerprint, seen.subject);
    this.seenCertificates.delete(endpoint);
    this.options.log.info(`certificate of ${endpoint} trusted by the user: ${seen.fingerprint}`);
    return this.trusted();
  }

  trusted(): CertificateDetails[] {
    return this.options.trust.list().map((pin) => ({ endpoint: pin.endpoint, subject: pin.subject, fingerprint: pin.fingerprint }));
  }

  forgetCertificate(endpoint: string): CertificateDetails[] {
    this.options.trust.forget(endpoint);
    return this.trusted();
  }

  // ---------------------------------------------------------------------------

  private async store(existing: SiteProfile | undefined, input: ProfileInput, secrets: SiteSecrets, options: { allowPending: boolean }): Promise<SiteProfile> {
    if (!existing && this.profiles.length >= MAX_PROFILES) throw new ConsoleError('conflict', `At most ${MAX_PROFILES} profiles can be saved; delete one first.`, undefined, {
        id: 'errors.profiles.tooMany',
        values: { count: MAX_PROFILES },
      });
    if (this.profiles.some((p) => p.name === input.name && p.id !== existing?.id)) {
      throw new ConsoleError('conflict', `A profile named "${input.name}" already exists; choose another name.`, undefined, { id: 'errors.profiles.nameTaken', values: { name: input.name } });
    }
    const plaintext = plaintextCredentials(input, secrets);
    if (plaintext && !input.allowPlaintextCredentials) {
      throw new ConsoleError(
        'invalid_payload',
        `${plaintext} is not encrypted, so its password would travel in plain text. Use https:// or wss://, or set "allowPlaintextCredentials": true in the profile to accept that.`,
        undefined,
        { id: 'errors.profiles.plaintext', values: { address: plaintext } },
      );
    }
    const id = existing?.id ?? newProfileId(input.name);
    for (const value of listSecretValues(secrets)) registerSecret(value);
    const vault = this.options.vault;
    const hasSecrets = listSecretValues(secrets).length > 0;
    if (vault.usable) {
      if (hasSecrets) vault.set(VAULT_KEY_PREFIX + id, JSON.stringify(secrets));
      else vault.delete(VAULT_KEY_PREFIX + id);
      this.pendingSecrets.delete(id);
    } else if (hasSecrets) {
      if (!options.allowPending) throw new VaultError('unavailable', `Passwords cannot be saved yet: ${vault.status().detail}`);
      this.pendingSecrets.set(id, secrets);
    } else {
      this.pendingSecrets.set(id, {});
    }
    const profile = toSiteProfile(id, input, secrets);
    this.profiles = existing ? this.profiles.map((p) => (p.id === id ? profile : p)) : [...this.profiles, profile];
    this.writeIndex();
    this.options.log.info(`profile "${profile.name}" saved`);
    // The active profile's services restart with the new settings.
    if (this.options.site.active?.profile.id === id) await this.activate(id);
    else this.changed();
    return profile;
  }

  private async afterVaultOpened(): Promise<void> {
    const vault = this.options.vault;
    this.emit('vault', vault.status());
    if (!vault.usable) return;
    for (const [id, secrets] of this.pendingSecrets) {
      if (!this.profiles.some((p) => p.id === id)) continue;
      if (listSecretValues(secrets).length > 0) vault.set(VAULT_KEY_PREFIX + id, JSON.stringify(secrets));
    }
    this.pendingSecrets.clear();
    // Entries of profiles deleted while the vault was locked.
    for (const key of vault.keys()) {
      if (key.startsWith(VAULT_KEY_PREFIX) && !this.profiles.some((p) => VAULT_KEY_PREFIX + p.id === key)) vault.delete(key);
    }
    for (const profile of this.profiles) {
      const secrets = this.secretsFor(profile.id);
      if (secrets) for (const value of listSecretValues(secrets)) registerSecret(value);
    }
    const waiting = this.waitingForVault;
    if (waiting && this.profiles.some((p) => p.id === waiting)) await this.activate(waiting);
  }

  /** The secrets of a saved profile; null when they exist but the vault is locked. */
  private secretsFor(id: string): SiteSecrets | null {
    const pending = this.pendingSecrets.get(id);
    if (pending) return pending;
    const profile = this.profiles.find((p) => p.id === id);
    const vault = this.options.vault;
    if (!vault.usable) return profile && !profileHasSecrets(profile) ? {} : null;
    const text = vault.get(VAULT_KEY_PREFIX + id);
    if (!text) return {};
    try {
      return JSON.parse(text) as SiteSecrets;
    } catch {
      throw new VaultError('internal', 'The saved passwords of this profile are damaged; enter them again.');
    }
  }

  /** End the old site completely (subscriptions, statuses), then start the new one. */
  private async switchTo(site: ActiveSite): Promise<void> {
    const { site: manager, status, trust } = this.options;
    await manager.activate(null);
    status.clear();
    this.seenCertificates.clear();
    // A profile's own fingerprints vouch only for that profile's servers.
    trust.setProfileFingerprints(site.profile.tls?.fingerprints ?? [], nodesOf(site.profile).map((node) => node.url));
    status.markUnencrypted(unencryptedStatusIds(site.profile));
    for (const node of nodesOf(site.profile)) {
      status.set({
        ...nodeLine(site.profile, node.server, node.url),
        state: 'connecting',
        detail: 'Checking the connection.',
        detailMessage: { id: 'node.checking.detail' },
      });
    }
    await manager.activate(site);
    this.options.log.info(`profile "${site.profile.name}" is active`);
    if (this.options.probeOnActivate !== false) void this.probe(site);
  }

  private async probe(site: ActiveSite): Promise<void> {
    try {
      const results = await testProfile(site.profile, site.secrets, {
        http: this.options.http,
        trust: this.options.trust,
        timeoutMs: this.options.testTimeoutMs,
        onCertificate: (certificate) => this.seenCertificates.set(certificate.endpoint, certificate),
      });
      if (this.options.site.active === site) this.reportResults(site.profile, results);
    } catch (error) {
      this.options.log.warn('connection probe failed', error);
    }
  }

  private reportResults(profile: SiteProfile, results: ConnectionTestResult[]): void {
    for (const result of results) {
      this.options.status.set({
        ...nodeLine(profile, result.server, result.node),
        state: statusStateFor(result.outcome),
        detail: statusDetailFor(result),
        detailMessage: statusDetailMessageFor(result),
      });
    }
  }

  private reportWaitingForVault(profile: SiteProfile): void {
    for (const node of nodesOf(profile)) {
      this.options.status.set({
        ...nodeLine(profile, node.server, node.url),
        // Not "off" (that reads "not configured"): the node is configured and will connect after unlock.
        state: 'connecting',
        detail: `Waiting for the credential vault: unlock it in Connections to open "${profile.name}".`,
        detailMessage: { id: 'main.status.waitingForVault', values: { profile: profile.name } },
      });
    }
  }

  private find(id: string): SiteProfile {
    const profile = this.profiles.find((p) => p.id === id);
    if (!profile) throw new ConsoleError('not_found', 'That profile does not exist (any more).', undefined, { id: 'errors.profiles.gone' });
    return profile;
  }

  private refuseInDemo(): void {
    if (this.demoSite) {
      throw new ConsoleError('read_only', 'The demo lab uses its built-in profile; start the console without --demo to manage site profiles.', undefined, { id: 'errors.profiles.demoBuiltIn' });
    }
  }

  private profileDir(id: string): string {
    return path.join(this.options.dataDir, 'profiles', id);
  }

  private writeIndex(): void {
    const data: ProfilesFile = { version: 1, lastUsedId: this.lastUsedId, profiles: this.profiles };
    writeFileAtomic(this.file, JSON.stringify(data, null, 2));
  }

  private changed(): void {
    this.emit('profiles', this.list());
  }
}

/** Every node of a profile, in status-bar order. */
export function nodesOf(profile: SiteProfile): Array<{ server: ProfileServer; url: string }> {
  const nodes: Array<{ server: ProfileServer; url: string }> = [];
  for (const url of profile.uccx?.nodes ?? []) nodes.push({ server: 'uccx', url });
  if (profile.cupi) {
    nodes.push({ server: 'cupi', url: profile.cupi.publisher });
    if (profile.cupi.subscriber) nodes.push({ server: 'cupi', url: profile.cupi.subscriber });
  }
  if (profile.reports) nodes.push({ server: 'reports', url: profile.reports.url });
  for (const url of profile.finesse?.nodes ?? []) nodes.push({ server: 'finesse', url });
  return nodes;
}

/** The node's status-bar label: the same words the services use (nodeLabel, the profile's node names), and "Finesse <name>". */
function labelFor(profile: SiteProfile, server: ProfileServer, url: string): string {
  const name = nodeNameIn(profile, server, url);
  return server === 'finesse' ? `Finesse ${name}` : nodeLabel(server, url, name);
}

/** A node's status-bar line: its id, kind, label and (the report server being one line of its own) its name, which the renderer shows after the system's. */
function nodeLine(profile: SiteProfile, server: ProfileServer, url: string): Pick<ServerStatus, 'id' | 'kind' | 'label' | 'nodeName'> {
  const line = { id: statusIdFor(server, url), kind: statusKindOf(server), label: labelFor(profile, server, url) };
  return server === 'reports' ? line : { ...line, nodeName: nodeNameIn(profile, server, url) };
}

/** Finesse is a service of the UCCX nodes: its lines sit with UCCX's in the status bar. */
export function statusKindOf(server: ProfileServer): ServerKind {
  return server === 'finesse' ? 'uccx' : server;
}

function newProfileId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'site'}-${crypto.randomBytes(3).toString('hex')}`;
}

export function listSecretValues(secrets: Readonly<SiteSecrets>): string[] {
  return [secrets.uccxPassword, secrets.cupiPassword, secrets.reportsPassword, secrets.finessePassword, ...Object.values(secrets.reportsHeaders ?? {})].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
}

function profileHasSecrets(profile: SiteProfile): boolean {
  return Boolean(profile.uccx?.passwordSet || profile.cupi?.passwordSet || profile.reports?.passwordSet || profile.reports?.headerNames.length || profile.finesse?.passwordSet);
}

/** Secrets exactly as a profile file gives them. */
function secretsFromInput(input: ProfileInput): SiteSecrets {
  const secrets: SiteSecrets = {};
  if (input.uccx?.password) secrets.uccxPassword = input.uccx.password;
  if (input.cupi?.password) secrets.cupiPassword = input.cupi.password;
  if (input.reports?.password) secrets.reportsPassword = input.reports.password;
  if (input.reports?.headers && Object.keys(input.reports.headers).length) secrets.reportsHeaders = { ...input.reports.headers };
  if (input.finesse?.password) secrets.finessePassword = input.finesse.password;
  return secrets;
}

/** The editor's rule: a missing password keeps the saved one, an empty one removes it, a removed section drops its secrets. */
/** Status-bar ids of the profile's plain http:// and ws:// connections, and of the systems they belong to. */
export function unencryptedStatusIds(profile: SiteProfile): string[] {
  const ids = new Set<string>();
  for (const node of nodesOf(profile)) {
    if (!/^(http|ws):/i.test(node.url)) continue;
    ids.add(statusIdFor(node.server, node.url));
    ids.add(node.server);
  }
  return [...ids];
}

/** The first field whose server would receive a credential over http:// or ws://, or null. */
export function plaintextCredentials(input: ProfileInput, secrets: SiteSecrets): string | null {
  const plain = (url: string | undefined) => Boolean(url && /^(http|ws):/i.test(url));
  if (secrets.uccxPassword) {
    const index = input.uccx?.nodes.findIndex(plain) ?? -1;
    if (index >= 0) return `uccx.nodes[${index}]`;
  }
  if (secrets.cupiPassword) {
    if (plain(input.cupi?.publisher)) return 'cupi.publisher';
    if (plain(input.cupi?.subscriber)) return 'cupi.subscriber';
  }
  if ((secrets.reportsPassword || Object.keys(secrets.reportsHeaders ?? {}).length) && plain(input.reports?.url)) return 'reports.url';
  if (secrets.finessePassword) {
    const index = input.finesse?.nodes.findIndex(plain) ?? -1;
    if (index >= 0) return `finesse.nodes[${index}]`;
  }
  const realtimeAuth = input.realtime?.auth;
  if (realtimeAuth === 'uccx' ? secrets.uccxPassword : realtimeAuth === 'finesse' ? secrets.finessePassword : false) {
    const template = input.realtime?.url ?? REALTIME_DEFAULTS.url;
    if (template.startsWith('{node}') ? input.uccx?.nodes.some(plain) : plain(template)) return 'realtime.url';
  }
  return null;
}

/** The origins (scheme, host, port) a profile section sends its credentials to. */
function originsOf(urls: ReadonlyArray<string | undefined>): string {
  return urls
    .filter((url): url is string => Boolean(url))
    .map((url) => {
      try {
        return new URL(url).origin.toLowerCase();
      } catch {
        return url;
      }
    })
    .sort()
    .join(' ');
}

/** Drop the stored secrets of every section whose server addresses changed. */
export function withoutSecretsForMovedServers(old: SiteSecrets, before: SiteProfile, input: ProfileInput): SiteSecrets {
  const kept: SiteSecrets = { ...old };
  if (originsOf(before.uccx?.nodes ?? []) !== originsOf(input.uccx?.nodes ?? [])) delete kept.uccxPassword;
  if (originsOf([before.cupi?.publisher, before.cupi?.subscriber]) !== originsOf([input.cupi?.publisher, input.cupi?.subscriber])) delete kept.cupiPassword;
  if (originsOf([before.reports?.url]) !== originsOf([input.reports?.url])) {
    delete kept.reportsPassword;
    delete kept.reportsHeaders;
  }
  if (originsOf(before.finesse?.nodes ?? []) !== originsOf(input.finesse?.nodes ?? [])) delete kept.finessePassword;
  return kept;
}

export function mergeSecrets(old: SiteSecrets, input: ProfileInput): SiteSecrets {
  const pick = (section: unknown, typed: string | undefined, saved: string | undefined) => (!section ? undefined : typed === undefined ? saved : typed || undefined);
  const secrets: SiteSecrets = {};
  const uccx = pick(input.uccx, input.uccx?.password, old.uccxPassword);
  const cupi = pick(input.cupi, input.cupi?.password, old.cupiPassword);
  const reports = pick(input.reports, input.reports?.password, old.reportsPassword);
  const finesse = pick(input.finesse, input.finesse?.password, old.finessePassword);
  if (uccx) secrets.uccxPassword = uccx;
  if (cupi) secrets.cupiPassword = cupi;
  if (reports) secrets.reportsPassword = reports;
  if (finesse) secrets.finessePassword = finesse;
  if (input.reports) {
    const headers = input.reports.headers ?? old.reportsHeaders;
    if (headers && Object.keys(headers).length) secrets.reportsHeaders = { ...headers };
  }
  return secrets;
}

function toSiteProfile(id: string, input: ProfileInput, secrets: SiteSecrets): SiteProfile {
  const profile: SiteProfile = { id, name: input.name };
  if (input.operatorName) profile.operatorName = input.operatorName;
  if (input.allowPlaintextCredentials) profile.allowPlaintextCredentials = true;
  if (input.uccx) {
    profile.uccx = { nodes: [...input.uccx.nodes], username: input.uccx.username, passwordSet: Boolean(secrets.uccxPassword) };
    if (input.uccx.nodeLabels?.length) profile.uccx.nodeLabels = [...input.uccx.nodeLabels];
    if (input.uccx.callerListFolder) profile.uccx.callerListFolder = input.uccx.callerListFolder;
    if (input.uccx.switchesDocument) profile.uccx.switchesDocument = input.uccx.switchesDocument;
  }
  if (input.cupi) {
    profile.cupi = { publisher: input.cupi.publisher, username: input.cupi.username, passwordSet: Boolean(secrets.cupiPassword) };
    if (input.cupi.subscriber) profile.cupi.subscriber = input.cupi.subscriber;
    if (input.cupi.publisherLabel) profile.cupi.publisherLabel = input.cupi.publisherLabel;
    if (input.cupi.subscriberLabel) profile.cupi.subscriberLabel = input.cupi.subscriberLabel;
  }
  if (input.reports) {
    profile.reports = {
      url: input.reports.url,
      agentId: input.reports.agentId,
      passwordSet: Boolean(secrets.reportsPassword),
      headerNames: Object.keys(secrets.reportsHeaders ?? {}),
    };
    if (input.reports.username) profile.reports.username = input.reports.username;
    if (input.reports.label) profile.reports.label = input.reports.label;
    if (input.reports.limits && Object.keys(input.reports.limits).length) profile.reports.limits = { ...input.reports.limits };
  }
  if (input.finesse) {
    profile.finesse = { nodes: [...input.finesse.nodes], username: input.finesse.username, passwordSet: Boolean(secrets.finessePassword) };
    if (input.finesse.nodeLabels?.length) profile.finesse.nodeLabels = [...input.finesse.nodeLabels];
  }
  if (input.realtime && Object.keys(input.realtime).length) profile.realtime = { ...input.realtime };
  if (input.history && Object.keys(input.history).length) profile.history = { ...input.history };
  if (input.desktop && Object.keys(input.desktop).length) profile.desktop = { ...input.desktop };
  if (input.tls?.fingerprints.length) profile.tls = { fingerprints: input.tls.fingerprints.map(normalizeFingerprint) };
  return profile;
}

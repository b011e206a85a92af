import crypto from 'node:crypto';
import type { PeerCertificate } from 'node:tls';

/**
 * Certificates the user trusted on first use, pinned per host:port. Servers
 * whose certificate the system store verifies need no pin. A pinned server
 * presenting another certificate is refused until the user confirms again.
 */
export interface PinnedCertificate {
  /** "host:port" */
  endpoint: string;
  /** "sha256 AB:CD:..." (upper-case hex pairs) */
  fingerprint: string;
  subject: string;
  trustedAt: number;
}

export interface TrustStoreBackend {
  load(): PinnedCertificate[];
  save(pins: PinnedCertificate[]): void;
}

export class TrustStore {
  private pins: PinnedCertificate[];
  /** Fingerprints from the active profile's `tls.fingerprints`, and the only endpoints they vouch for: that profile's servers. */
  private readonly profileFingerprints = new Set<string>();
  private readonly profileEndpoints = new Set<string>();

  constructor(private readonly backend: TrustStoreBackend = { load: () => [], save: () => {} }) {
    this.pins = backend.load();
  }

  pinFor(endpoint: string): PinnedCertificate | undefined {
    return this.pins.find((p) => p.endpoint === endpoint);
  }

  list(): PinnedCertificate[] {
    return [...this.pins];
  }

  trust(endpoint: string, fingerprint: string, subject: string): void {
    this.pins = [...this.pins.filter((p) => p.endpoint !== endpoint), { endpoint, fingerprint: normalizeFingerprint(fingerprint), subject, trustedAt: Date.now() }];
    this.backend.save(this.pins);
  }

  forget(endpoint: string): void {
    this.pins = this.pins.filter((p) => p.endpoint !== endpoint);
    this.backend.save(this.pins);
  }

  /** The active profile's fingerprints, trusted only on `serverUrls` (that profile's own servers). */
  setProfileFingerprints(fingerprints: readonly string[], serverUrls: readonly string[]): void {
    this.profileFingerprints.clear();
    this.profileEndpoints.clear();
    for (const f of fingerprints) this.profileFingerprints.add(normalizeFingerprint(f));
    for (const url of serverUrls) {
      const endpoint = endpointOfUrl(url);
      if (endpoint) this.profileEndpoints.add(endpoint);
    }
  }

  /** Decide about a certificate the system store did not verify. */
  check(endpoint: string, fingerprint: string): 'trusted' | 'unknown' | 'changed' {
    const normalized = normalizeFingerprint(fingerprint);
    const pin = this.pinFor(endpoint);
    if (pin) return pin.fingerprint === normalized ? 'trusted' : 'changed';
    return this.profileFingerprints.has(normalized) && this.profileEndpoints.has(normalizeEndpoint(endpoint)) ? 'trusted' : 'unknown';
  }
}

/** "Host:443" and "[::1]:8443" as compared: lower case, no IPv6 brackets. */
function normalizeEndpoint(endpoint: string): string {
  const at = endpoint.lastIndexOf(':');
  const host = endpoint.slice(0, at).replace(/^\[|\]$/g, '').toLowerCase();
  return `${host}:${endpoint.slice(at + 1)}`;
}

/** The host:port a URL connects to (default ports filled in), or null for a malformed URL. */
export function endpointOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    const port = parsed.port || (parsed.protocol === 'https:' || parsed.protocol === 'wss:' ? '443' : '80');
    return normalizeEndpoint(`${parsed.hostname}:${port}`);
  } catch {
    return null;
  }
}

/** Accepts "sha256 ab:cd..", "SHA256:abcd..", "ab cd .." and returns "sha256 AB:CD:..". */
export function normalizeFingerprint(text: string): string {
  const hex = text.replace(/^sha-?256[\s:=]*/i, '').replace(/[^0-9a-f]/gi, '').toUpperCase();
  return `sha256 ${hex.match(/.{1,2}/g)?.join(':') ?? ''}`;
}

export function certificateFingerprint(cert: PeerCertificate): string {
  if (cert.raw) return normalizeFingerprint(crypto.createHash('sha256').update(cert.raw).digest('hex'));
  return normalizeFingerprint(cert.fingerprint256 ?? '');
}

export function describeSubject(cert: PeerCertificate): string {
  const subject = cert.subject as unknown as Record<string, string> | undefined;
  const parts = subject ? Object.entries(subject).map(([k, v]) => `${k}=${v}`) : [];
  return parts.join(', ') || '(no subject)';
}

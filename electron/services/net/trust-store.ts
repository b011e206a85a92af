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
  /** Fingerprints from a profile file's `tls.fingerprints`: trusted for any host of that profile. */
  private readonly profileFingerprints = new Set<string>();

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

  setProfileFingerprints(fingerprints: readonly string[]): void {
    this.profileFingerprints.clear();
    for (const f of fingerprints) this.profileFingerprints.add(normalizeFingerprint(f));
  }

  /** Decide about a certificate the system store did not verify. */
  check(endpoint: string, fingerprint: string): 'trusted' | 'unknown' | 'changed' {
    const normalized = normalizeFingerprint(fingerprint);
    const pin = this.pinFor(endpoint);
    if (pin) return pin.fingerprint === normalized ? 'trusted' : 'changed';
    return this.profileFingerprints.has(normalized) ? 'trusted' : 'unknown';
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

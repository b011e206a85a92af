import path from 'node:path';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';
import type { PinnedCertificate, TrustStoreBackend } from './trust-store';

/** Pinned certificates in <data-dir>/trusted-certificates.json (fingerprints are public, not secrets). */
export function trustFileBackend(dataDir: string): TrustStoreBackend {
  const file = path.join(dataDir, 'trusted-certificates.json');
  return {
    load: () => {
      try {
        const data = readJsonFile(file) as { pins?: PinnedCertificate[] } | null;
        return Array.isArray(data?.pins) ? data.pins : [];
      } catch {
        return [];
      }
    },
    save: (pins) => writeFileAtomic(file, JSON.stringify({ version: 1, pins }, null, 2)),
  };
}

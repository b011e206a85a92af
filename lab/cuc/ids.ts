import { createHash } from 'node:crypto';

/**
 * A UUID-shaped ObjectId derived from a name, so the same seed always yields
 * the same ids (tests and the demo can refer to objects across restarts).
 */
export function objectIdFor(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

import { randomBytes } from 'node:crypto';

/**
 * JSESSIONID sessions of one node (each Tomcat keeps its own). After one
 * successful Basic sign-in the cookie alone authenticates later requests, so
 * a client can avoid re-sending credentials ([U]: reuse is assumed, see apis.md 2.1).
 */
export class SessionTable {
  private readonly lastUsed = new Map<string, number>();

  constructor(
    /** Tomcat's default session timeout is 30 minutes. */
    public idleTimeoutMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
    private readonly maxSessions = 10_000,
  ) {}

  get size(): number {
    return this.lastUsed.size;
  }

  create(): string {
    this.pruneExpired();
    // Keep memory bounded when a client never sends the cookie back: forget the oldest sessions.
    while (this.lastUsed.size >= this.maxSessions) this.lastUsed.delete(this.lastUsed.keys().next().value!);
    const id = randomBytes(16).toString('hex').toUpperCase();
    this.lastUsed.set(id, this.now());
    return id;
  }

  /** Valid and not idle too long: refresh it and say yes. */
  touch(id: string): boolean {
    const last = this.lastUsed.get(id);
    if (last === undefined) return false;
    if (this.now() - last > this.idleTimeoutMs) {
      this.lastUsed.delete(id);
      return false;
    }
    // Re-insert so the Map's order stays least-recently-used first.
    this.lastUsed.delete(id);
    this.lastUsed.set(id, this.now());
    return true;
  }

  /** Forget every session (a node restart, or a test forcing re-authentication). */
  clear(): void {
    this.lastUsed.clear();
  }

  private pruneExpired(): void {
    const cutoff = this.now() - this.idleTimeoutMs;
    for (const [id, last] of this.lastUsed) {
      if (last >= cutoff) break;
      this.lastUsed.delete(id);
    }
  }
}

export function cookieValue(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

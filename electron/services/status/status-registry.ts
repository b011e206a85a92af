import { EventEmitter } from 'node:events';
import type { ServerStatus } from '../../../shared/domain/status';

/**
 * The connection state of every server, as the frame shows it. Services report
 * into it; the core forwards each change to the renderer as `status:changed`.
 */
export class StatusRegistry extends EventEmitter<{ changed: [ServerStatus[]] }> {
  private readonly statuses = new Map<string, ServerStatus>();
  private unencrypted: ReadonlySet<string> = new Set();

  /**
   * The ids whose connections are plain http:// or ws:// for the active
   * profile: whoever reports on them, their chips say "not encrypted".
   */
  markUnencrypted(ids: Iterable<string>): void {
    this.unencrypted = new Set(ids);
    for (const [id, status] of this.statuses) this.statuses.set(id, this.decorate(status));
    this.emit('changed', this.list());
  }

  private decorate<T extends Omit<ServerStatus, 'since'>>(status: T): T {
    const { unencrypted: _ignored, ...rest } = status;
    return (this.unencrypted.has(status.id) ? { ...rest, unencrypted: true } : rest) as T;
  }

  set(status: Omit<ServerStatus, 'since'> & { since?: number }): void {
    const previous = this.statuses.get(status.id);
    const since = previous && previous.state === status.state ? previous.since : (status.since ?? Date.now());
    const next: ServerStatus = this.decorate({ ...status, since });
    if (previous && previous.state === next.state && previous.detail === next.detail && previous.label === next.label && previous.word === next.word && JSON.stringify(previous.detailMessage) === JSON.stringify(next.detailMessage)) return;
    this.statuses.set(status.id, next);
    this.emit('changed', this.list());
  }

  remove(id: string): void {
    if (this.statuses.delete(id)) this.emit('changed', this.list());
  }

  clear(): void {
    this.statuses.clear();
    this.emit('changed', []);
  }

  list(): ServerStatus[] {
    return [...this.statuses.values()];
  }
}

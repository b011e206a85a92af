import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { WriteJournal, type ChangeApplier, type JournalOptions } from './journal';
import { AuditLog } from '../audit/audit-log';
import { ConsoleError } from '../../../shared/ipc/result';
import type { SiteManager } from '../site/site-manager';
import type { Logger } from '../log/logger';
import type { PendingChange } from '../../../shared/domain/changes';

/**
 * One journal and audit log per profile, opened when the profile becomes
 * active and closed when it is left. Systems register their applier with the
 * hub once (or per site); the hub hands it to whichever journal is open.
 *
 *   const unregister = hub.registerApplier('cupi', applier);
 *   hub.require().enqueue({...});
 */
/** The operating-system user running the console, or null where the system cannot say (no passwd entry). */
export function osUserName(): string | null {
  try {
    return os.userInfo().username || null;
  } catch {
    return null;
  }
}

export class JournalHub extends EventEmitter<{ changed: [PendingChange | null] }> {
  private current: { journal: WriteJournal; audit: AuditLog } | null = null;
  private readonly appliers = new Map<string, ChangeApplier<unknown>>();

  constructor(
    site: SiteManager,
    private readonly log: Logger,
    /** Retry timing of every journal the hub opens (tests shorten it), and the file operations it and the audit log use. */
    options: Pick<JournalOptions, 'retryBaseMs' | 'maxRetryMs' | 'compactAfterRecords' | 'files'> = {},
  ) {
    super();
    site.attach('change journal', (active) => {
      const dir = path.join(active.dir, 'changes');
      const journal = WriteJournal.open({
        dir,
        profile: active.profile.name,
        onError: (message, error) => this.log.error(message, error),
        ...options,
      });
      // The person at the console: the operating-system account main runs as (never taken from the page), and the profile's name for them.
      const audit = new AuditLog(dir, options.files, { osUser: osUserName(), operatorName: active.profile.operatorName ?? null });
      journal.on('outcome', (change, result, message) => {
        try {
          audit.record(change, result, message);
        } catch (error) {
          this.log.error('could not write the audit log', error);
        }
      });
      journal.on('changed', (change) => this.emit('changed', change));
      for (const [system, applier] of this.appliers) journal.registerApplier(system, applier);
      this.current = { journal, audit };
      this.emit('changed', null);
      return async () => {
        this.current = null;
        await journal.close();
        this.emit('changed', null);
      };
    });
  }

  get journal(): WriteJournal | null {
    return this.current?.journal ?? null;
  }

  get audit(): AuditLog | null {
    return this.current?.audit ?? null;
  }

  /** The open journal, or an error the renderer can show. */
  require(): WriteJournal {
    if (!this.current) throw new ConsoleError('unavailable', 'No site profile is active, so changes cannot be saved.', undefined, { id: 'errors.changes.noProfile' });
    return this.current.journal;
  }

  requireAudit(): AuditLog {
    if (!this.current) throw new ConsoleError('unavailable', 'No site profile is active.', undefined, { id: 'errors.changes.noProfileActive' });
    return this.current.audit;
  }

  /** Register the applier for a system (kept across profile switches until unregistered). */
  registerApplier<T>(system: string, applier: ChangeApplier<T>): () => void {
    this.appliers.set(system, applier as ChangeApplier<unknown>);
    const fromJournal = this.current?.journal.registerApplier(system, applier);
    return () => {
      fromJournal?.();
      if (this.appliers.get(system) === (applier as ChangeApplier<unknown>)) this.appliers.delete(system);
    };
  }

  /** Look for work now; with a system, that system just became writable and its back-offs are dropped. */
  wake(system?: string): void {
    if (system) this.current?.journal.retryNow(system);
    else this.current?.journal.wake();
  }
}

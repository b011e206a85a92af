import type { PendingChange } from '../../shared/domain/changes';

/** A queued change to an agent's alias, as main lists it; `patch` sets any other field. */
export function pendingChange(id: string, patch: Partial<PendingChange> = {}): PendingChange {
  return {
    id,
    seq: 1,
    ref: { system: 'uccx', type: 'resource', id: 'jdoe' },
    operation: 'update',
    label: 'Agent Jane Doe (jdoe)',
    summary: 'Alias: Janie',
    fieldLabels: { alias: 'Alias' },
    base: { alias: 'Jane' },
    mine: { alias: 'Janie' },
    user: 'administrator',
    profile: 'Head office',
    createdAt: Date.UTC(2026, 0, 5, 10, 42),
    updatedAt: Date.UTC(2026, 0, 5, 10, 42),
    state: 'queued',
    attempts: 0,
    ...patch,
  };
}

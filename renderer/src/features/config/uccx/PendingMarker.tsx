import type { PendingChange } from '../../../../../shared/domain/changes';

/** "⏳ 2 changes waiting" next to an object with queued changes. */
export function PendingMarker({ changes }: { changes: PendingChange[] }) {
  if (changes.length === 0) return null;
  const problem = changes.find((change) => change.state === 'conflicted' || change.state === 'failed');
  return (
    <span className={`pending-marker${problem ? ' pending-problem' : ''}`}>
      <span aria-hidden="true">{problem ? '⚠' : '⏳'}</span> {changes.length} change{changes.length === 1 ? '' : 's'} waiting
      {problem ? ` (${problem.state})` : ''}
    </span>
  );
}

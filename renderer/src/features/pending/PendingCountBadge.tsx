import { useEffect } from 'react';
import { subscribePending, usePendingStore } from './pending-store';
import './pending.css';

/** The count next to "Pending changes" in the navigation: waiting changes, and how many need attention. */
export function PendingCountBadge() {
  const counts = usePendingStore((s) => s.counts);
  useEffect(() => subscribePending(), []);
  if (!counts || counts.waiting === 0) return null;
  const attention = counts.failed + counts.conflicted;
  return (
    <span className={`pending-count${attention ? ' pending-attention' : ''}`} data-testid="pending-count">
      {' '}({counts.waiting}
      {attention ? (
        <>
          , <span aria-hidden="true">⚠</span> {attention} need{attention === 1 ? 's' : ''} attention
        </>
      ) : null}
      )
    </span>
  );
}

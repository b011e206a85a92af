import { useEffect } from 'react';
import { subscribePending, usePendingStore } from './pending-store';
import './pending.css';
import { useT } from '../../i18n/i18n';

/** The count next to "Pending changes" in the navigation: waiting changes, and how many need attention. */
export function PendingCountBadge() {
  const t = useT();
  const counts = usePendingStore((s) => s.counts);
  useEffect(() => subscribePending(), []);
  if (!counts || counts.waiting === 0) return null;
  const attention = counts.failed + counts.conflicted;
  return (
    <span className={`pending-count${attention ? ' pending-attention' : ''}`} data-testid="pending-count">
      {' '}({t('frame.pendingCount.waiting', { count: counts.waiting })}
      {attention ? (
        <>
          , <span aria-hidden="true">⚠</span> {t('frame.pendingCount.attention', { count: attention })}
        </>
      ) : null}
      )
    </span>
  );
}

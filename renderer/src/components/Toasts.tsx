import { dismissNotice, useAppStore, type Notice } from '../store/app-store';
import { ErrorDetails } from './ErrorDetails';
import { useT } from '../i18n/i18n';

const ICON: Record<Notice['level'], string> = { info: 'ℹ', success: '✓', warning: '⚠', error: '✖' };

/**
 * The toasts, in one polite live region that is always there (so screen
 * readers hear what is added to it). Each toast can be dismissed with its
 * button or Esc; successes close by themselves, failures stay until read.
 */
export function Toasts() {
  const t = useT();
  const notices = useAppStore((s) => s.notices);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label={t('toasts.label')}>
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice-${notice.level}`}
          data-level={notice.level}
          onKeyDown={(event) => {
            if (event.key === 'Escape') dismissNotice(notice.id);
          }}
        >
          <span className="notice-icon" aria-hidden="true">
            {ICON[notice.level]}
          </span>
          <div className="notice-message">
            {notice.message}
            <ErrorDetails detail={notice.detail} />
          </div>
          <button type="button" onClick={() => dismissNotice(notice.id)} aria-label={t('toasts.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

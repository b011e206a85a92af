import { ConfirmPanel } from './ConfirmPanel';
import { discardAndLeave, keepEditing, useUnsavedStore } from '../store/unsaved-guard';
import { useT } from '../i18n/i18n';

/** "Discard unsaved changes to …?" when something would take a form with edits off screen. */
export function LeavePrompt() {
  const t = useT();
  const asking = useUnsavedStore((s) => s.asking);
  if (!asking) return null;
  return (
    <div className="confirm-overlay">
      <ConfirmPanel
        title={t('frame.leave.title', { name: asking.name })}
        confirmLabel={t('frame.leave.discard')}
        cancelLabel={t('frame.leave.keepEditing')}
        danger
        modal
        onConfirm={discardAndLeave}
        onCancel={keepEditing}
      >
        <p>{t('frame.leave.body', { name: asking.name })}</p>
      </ConfirmPanel>
    </div>
  );
}

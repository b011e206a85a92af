import { ConfirmPanel } from './ConfirmPanel';
import { discardAndLeave, keepEditing, useUnsavedStore } from '../store/unsaved-guard';

/** "Discard unsaved changes to …?" when something would take a form with edits off screen. */
export function LeavePrompt() {
  const asking = useUnsavedStore((s) => s.asking);
  if (!asking) return null;
  return (
    <div className="confirm-overlay">
      <ConfirmPanel title={`Discard unsaved changes to ${asking.name}?`} confirmLabel="Discard" cancelLabel="Keep editing" danger modal onConfirm={discardAndLeave} onCancel={keepEditing}>
        <p>Your edits to {asking.name} have not been saved. Discarding drops them; nothing is written to the server.</p>
      </ConfirmPanel>
    </div>
  );
}

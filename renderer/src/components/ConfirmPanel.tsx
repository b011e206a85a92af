import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n';

/**
 * The one way the console asks before an action that changes what callers
 * hear or cannot be undone (Close now, replacing a prompt, discarding a
 * queued change, removing a list member, signing an agent out, …). It says
 * in words what will happen and until when; focus starts on the safe choice
 * (so Enter does not confirm by accident), Esc cancels, and focus goes back
 * to the control that opened it when it closes (or to `fallbackFocus` when
 * that control is gone, e.g. the row of a discarded change).
 */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger = false,
  onConfirm,
  onCancel,
  modal = false,
  fallbackFocus,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Shown over everything else (the page behind waits for the answer). */
  modal?: boolean;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const t = useT();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    cancelRef.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
      else fallbackFocus?.()?.focus();
    };
  }, []);

  return (
    <div
      className={`panel confirm-panel${danger ? ' confirm-danger' : ''}`}
      role="alertdialog"
      aria-modal={modal ? true : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <div id={`${id}-body`}>{children}</div>
      <div className="toolbar">
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {cancelLabel ?? t('common.cancel')}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </div>
  );
}

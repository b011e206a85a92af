import { useEffect, useRef, type RefObject } from 'react';

/** What can take focus inside a dialog, in Tab order. */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}

/**
 * Focus for a dialog or panel while it is open:
 * - on open, focus goes to the element marked `data-autofocus` (the first
 *   field or the safe choice), else the first focusable one, else the panel;
 * - Esc closes it from anywhere inside;
 * - a modal one keeps Tab and Shift+Tab inside;
 * - on close, focus goes back to the control that was focused when it opened
 *   (its opener), so a keyboard user carries on where they were.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, options: { onClose: () => void; modal?: boolean }) {
  const onClose = useRef(options.onClose);
  onClose.current = options.onClose;
  const modal = options.modal ?? false;

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    const first = container.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(container)[0];
    if (first) first.focus();
    else {
      if (!container.hasAttribute('tabindex')) container.setAttribute('tabindex', '-1');
      container.focus();
    }

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        // Only when focus is inside, so two open panels do not both close.
        if (!container.contains(document.activeElement) && !modal) return;
        event.preventDefault();
        event.stopPropagation();
        onClose.current();
        return;
      }
      if (event.key !== 'Tab' || !modal) return;
      const focusable = focusableIn(container);
      if (focusable.length === 0) return;
      const [head, tail] = [focusable[0]!, focusable.at(-1)!];
      const inside = container.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === head || !inside)) {
        event.preventDefault();
        tail.focus();
      } else if (!event.shiftKey && (document.activeElement === tail || !inside)) {
        event.preventDefault();
        head.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      // Give focus back only if it would otherwise be lost (inside the closed panel, or on the page body).
      const focusNow = document.activeElement;
      const lost = !focusNow || focusNow === document.body || container.contains(focusNow) || !focusNow.isConnected;
      if (lost && opener?.isConnected) opener.focus();
    };
    // Runs once per opening: the panel's element is the same for its lifetime.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

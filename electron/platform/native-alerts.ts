import { Notification } from 'electron';
import type { DesktopAlert } from '../services/desktop/desktop-service';
import type { OpenTarget } from '../../shared/domain/deep-link';

/** Alerts still on screen are kept here: a notification that is garbage-collected loses its click handler. */
const MAX_KEPT = 50;

/**
 * Threshold alerts through the operating system's notifications, so they show
 * while the console's window is hidden in the tray. Clicking one calls
 * `onClick` with the alert's target (the shell shows the window and opens it).
 * An alert with the same tag replaces the one still shown.
 */
export function createNativeNotifier(onClick: (target: OpenTarget) => void): (alert: DesktopAlert) => void {
  const shown = new Map<string, Notification>();
  return (alert) => {
    if (!Notification.isSupported()) throw new Error('this system shows no notifications');
    shown.get(alert.tag)?.close();
    const notification = new Notification({ title: alert.title, body: alert.body });
    const forget = () => {
      if (shown.get(alert.tag) === notification) shown.delete(alert.tag);
    };
    notification.on('click', () => {
      forget();
      onClick(alert.target);
    });
    notification.on('close', forget);
    shown.set(alert.tag, notification);
    if (shown.size > MAX_KEPT) shown.delete(shown.keys().next().value!);
    notification.show();
  };
}

/** A plain notice through the operating system (no click action), where notifications exist. */
export function showNotice(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body }).show();
}

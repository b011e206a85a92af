import type { Page } from 'playwright';

/**
 * Desktop alerts, recorded: before the page loads, Notification is replaced by
 * a recorder that believes notifications are allowed and keeps each title in
 * `window.raised` (read it with `raisedAlerts`).
 */
export async function recordDesktopAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { raised: string[]; Notification: unknown };
    w.raised = [];
    class Recording {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      onclick: (() => void) | null = null;
      constructor(title: string) {
        w.raised.push(title);
      }
    }
    w.Notification = Recording;
  });
}

/** The titles of the desktop alerts raised so far. */
export function raisedAlerts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { raised: string[] }).raised);
}

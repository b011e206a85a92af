import type { AreaHandlers } from '../dispatcher';
import type { desktopInvoke } from '../../../shared/ipc/areas/desktop';
import type { DesktopService } from '../../services/desktop/desktop-service';

export function createDesktopHandlers(desktop: DesktopService): AreaHandlers<typeof desktopInvoke> {
  return {
    'alerts:state': () => desktop.alertsState(),
    'alerts:pause': ({ minutes }) => desktop.pauseAlerts(minutes),
    'alerts:resume': () => desktop.resumeAlerts(),
    'alerts:red-count': (counts) => desktop.reportRed(counts),
    'alerts:notify': (alert) => desktop.notify(alert),
    'desktop:settings': () => desktop.settings(),
    'desktop:settings-set': (patch) => desktop.updateSettings(patch),
  };
}

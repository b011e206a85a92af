import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { AlertsState } from '../../shared/ipc/areas/desktop';
import type { OpenTarget } from '../../shared/domain/deep-link';
import { formatClock } from '../../shared/domain/time-words';

/** What the tray's menu does; the shell supplies each. */
export interface TrayActions {
  show(): void;
  open(target: OpenTarget): void;
  pauseAlerts(minutes: number): void;
  resumeAlerts(): void;
  quit(): void;
}

/** The number the tray shows: everything over its red threshold on the board right now. */
export function redCount(state: AlertsState): number {
  return state.redMembers + state.redQueues;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Supervisor Console: 2 members and 1 queue over the red threshold · alerts paused until 14:35" */
export function trayTooltip(state: AlertsState): string {
  const parts = [state.redMembers > 0 && plural(state.redMembers, 'member', 'members'), state.redQueues > 0 && plural(state.redQueues, 'queue', 'queues')].filter(Boolean);
  const reds = parts.length ? `${parts.join(' and ')} over the red threshold` : 'nothing over the red threshold';
  const paused = state.pausedUntil > 0 ? ` · alerts paused until ${formatClock(state.pausedUntil)}` : '';
  return `Supervisor Console: ${reds}${paused}`;
}

export function trayMenuTemplate(actions: TrayActions, state: AlertsState): MenuItemConstructorOptions[] {
  const pause: MenuItemConstructorOptions[] =
    state.pausedUntil > 0
      ? [
          { label: `Alerts paused until ${formatClock(state.pausedUntil)}`, enabled: false },
          { label: 'Resume alerts', click: () => actions.resumeAlerts() },
        ]
      : [];
  return [
    { label: 'Show', click: () => actions.show() },
    { type: 'separator' },
    { label: 'Team board', click: () => actions.open({ screen: 'board' }) },
    { label: 'Wallboard', click: () => actions.open({ screen: 'wallboard' }) },
    { type: 'separator' },
    ...pause,
    { label: 'Pause alerts for 15 min', click: () => actions.pauseAlerts(15) },
    { label: 'Pause alerts for 1 h', click: () => actions.pauseAlerts(60) },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

/** The tray icon: its tooltip and title say how many reds the board has; its menu reaches the board, the wallboard and the alert pause. */
export class ConsoleTray {
  private readonly tray: Tray;
  private state: AlertsState = { pausedUntil: 0, redMembers: 0, redQueues: 0 };

  constructor(
    iconPath: string,
    private readonly actions: TrayActions,
  ) {
    const image = nativeImage.createFromPath(iconPath);
    // Trays want a small image; the app icon is 512 px.
    this.tray = new Tray(image.isEmpty() ? image : image.resize({ width: 16, height: 16 }));
    // Windows and macOS: a click on the icon shows the console (Linux opens the menu, which has Show).
    this.tray.on('click', () => actions.show());
    this.update(this.state);
  }

  update(state: AlertsState): void {
    this.state = state;
    this.tray.setToolTip(trayTooltip(state));
    // macOS shows a title next to the menu-bar icon: the count, or nothing.
    const count = redCount(state);
    this.tray.setTitle(count > 0 ? String(count) : '');
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(this.actions, state)));
  }

  current(): AlertsState {
    return this.state;
  }

  destroy(): void {
    this.tray.destroy();
  }
}

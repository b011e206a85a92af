import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { AlertsState } from '../../shared/ipc/areas/desktop';
import type { OpenTarget } from '../../shared/domain/deep-link';
import type { ShellWords } from './shell-words';

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

/** "Supervisor Console: 2 members and 1 queue over the red threshold · alerts paused until 2:35 PM", in the chosen language. */
export function trayTooltip(state: AlertsState, words: ShellWords): string {
  const { redMembers: members, redQueues: queues } = state;
  const summary =
    members > 0 && queues > 0
      ? words.say('shell.tray.tooltip.both', { members, queues })
      : members > 0
        ? words.say('shell.tray.tooltip.members', { members })
        : queues > 0
          ? words.say('shell.tray.tooltip.queues', { queues })
          : words.say('shell.tray.tooltip.none');
  return state.pausedUntil > 0 ? words.say('shell.tray.tooltip.paused', { summary, until: state.pausedUntil }) : summary;
}

export function trayMenuTemplate(actions: TrayActions, state: AlertsState, words: ShellWords): MenuItemConstructorOptions[] {
  const pause: MenuItemConstructorOptions[] =
    state.pausedUntil > 0
      ? [
          { label: words.say('shell.tray.pausedUntil', { until: state.pausedUntil }), enabled: false },
          { label: words.say('shell.tray.resume'), click: () => actions.resumeAlerts() },
        ]
      : [];
  return [
    { label: words.say('shell.tray.show'), click: () => actions.show() },
    { type: 'separator' },
    { label: words.say('frame.nav.board'), click: () => actions.open({ screen: 'board' }) },
    { label: words.say('shell.menu.wallboard'), click: () => actions.open({ screen: 'wallboard' }) },
    { type: 'separator' },
    ...pause,
    { label: words.say('shell.tray.pause15'), click: () => actions.pauseAlerts(15) },
    { label: words.say('shell.tray.pause60'), click: () => actions.pauseAlerts(60) },
    { type: 'separator' },
    { label: words.say('shell.tray.quit'), click: () => actions.quit() },
  ];
}

/** The tray icon: its tooltip and title say how many reds the board has; its menu reaches the board, the wallboard and the alert pause. */
export class ConsoleTray {
  private readonly tray: Tray;
  private state: AlertsState = { pausedUntil: 0, redMembers: 0, redQueues: 0 };

  constructor(
    iconPath: string,
    private readonly actions: TrayActions,
    private words: ShellWords,
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
    this.tray.setToolTip(trayTooltip(state, this.words));
    // macOS shows a title next to the menu-bar icon: the count, or nothing.
    const count = redCount(state);
    this.tray.setTitle(count > 0 ? String(count) : '');
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(this.actions, state, this.words)));
  }

  /** The user chose another language: the tooltip and the menu say it at once. */
  setWords(words: ShellWords): void {
    this.words = words;
    this.update(this.state);
  }

  current(): AlertsState {
    return this.state;
  }

  destroy(): void {
    this.tray.destroy();
  }
}

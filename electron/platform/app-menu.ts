import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { OpenTarget } from '../../shared/domain/deep-link';
import { NAVIGATION_SCREENS } from '../../shared/domain/screens';
import type { ShellMessageId, ShellWords } from './shell-words';

/**
 * The screens in the View menu, with the renderer's own shortcuts
 * (Alt+1…6, docs/keyboard.md): the menu shows them, and a click goes through
 * the same navigation as the keys (leaving unsaved edits asks first).
 */
export const VIEW_SCREENS: ReadonlyArray<{ label: ShellMessageId; screen: OpenTarget['screen']; accelerator?: string }> = [
  ...NAVIGATION_SCREENS.map((entry) => ({ label: entry.labelId, screen: entry.route, accelerator: `Alt+${entry.shortcut}` })),
  { label: 'shell.menu.wallboard', screen: 'wallboard' },
];

/** The guides the Help menu opens (files of docs/, shipped with the app; written in English, as their names say in other languages). */
export const HELP_GUIDES: ReadonlyArray<{ label: ShellMessageId; file: string }> = [
  { label: 'shell.guide.everydayUse', file: 'everyday-use.md' },
  { label: 'shell.guide.board', file: 'board.md' },
  { label: 'shell.guide.keyboard', file: 'keyboard.md' },
  { label: 'shell.guide.desktop', file: 'desktop.md' },
];

export interface MenuActions {
  open(target: OpenTarget): void;
  openGuide(file: string): void;
  about(): void;
}

/**
 * The application menu in the chosen language. Items with a role keep
 * Electron's behaviour and shortcut; their label is ours, since Electron
 * writes role labels in English on Windows and Linux.
 */
export function applicationMenuTemplate(options: { platform: NodeJS.Platform; development: boolean; version: string; actions: MenuActions; words: ShellWords }): MenuItemConstructorOptions[] {
  const { actions, words } = options;
  const say = (id: ShellMessageId, values?: Record<string, string | number>) => words.say(id, values);
  const mac = options.platform === 'darwin';
  const screens: MenuItemConstructorOptions[] = VIEW_SCREENS.map((entry) => ({
    label: say(entry.label),
    ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
    click: () => actions.open({ screen: entry.screen } as OpenTarget),
  }));
  const development: MenuItemConstructorOptions[] = options.development ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] : [];
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : [{ label: say('shell.menu.file'), submenu: [{ role: 'quit', label: say('shell.menu.quit') }] } as MenuItemConstructorOptions]),
    {
      label: say('shell.menu.edit'),
      submenu: [
        { role: 'undo', label: say('shell.menu.undo') },
        { role: 'redo', label: say('shell.menu.redo') },
        { type: 'separator' },
        { role: 'cut', label: say('shell.menu.cut') },
        { role: 'copy', label: say('shell.menu.copy') },
        { role: 'paste', label: say('shell.menu.paste') },
        { role: 'selectAll', label: say('shell.menu.selectAll') },
      ],
    },
    {
      label: say('shell.menu.view'),
      submenu: [
        ...screens,
        { type: 'separator' },
        { role: 'resetZoom', label: say('shell.menu.resetZoom') },
        { role: 'zoomIn', label: say('shell.menu.zoomIn') },
        { role: 'zoomOut', label: say('shell.menu.zoomOut') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: say('shell.menu.fullScreen') },
        ...development,
      ],
    },
    ...(mac ? [{ role: 'windowMenu', label: say('shell.menu.window') } as MenuItemConstructorOptions] : []),
    {
      role: 'help',
      label: say('shell.menu.help'),
      submenu: [
        ...HELP_GUIDES.map((guide): MenuItemConstructorOptions => ({ label: say(guide.label), click: () => actions.openGuide(guide.file) })),
        { type: 'separator' },
        { label: say('shell.menu.version', { version: options.version }), enabled: false },
        ...(mac ? [] : [{ label: say('shell.menu.about'), click: () => actions.about() } as MenuItemConstructorOptions]),
      ],
    },
  ];
}

export function installApplicationMenu(template: MenuItemConstructorOptions[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

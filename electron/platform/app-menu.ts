import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { OpenTarget } from '../../shared/domain/deep-link';

/**
 * The screens in the View menu, with the renderer's own shortcuts
 * (Alt+1…6, docs/keyboard.md): the menu shows them, and a click goes through
 * the same navigation as the keys (leaving unsaved edits asks first).
 */
export const VIEW_SCREENS: ReadonlyArray<{ label: string; screen: OpenTarget['screen']; accelerator?: string }> = [
  { label: 'Team board', screen: 'board', accelerator: 'Alt+1' },
  { label: 'Call journey', screen: 'journey', accelerator: 'Alt+2' },
  { label: 'Configuration', screen: 'config', accelerator: 'Alt+3' },
  { label: 'Connections', screen: 'connections', accelerator: 'Alt+4' },
  { label: 'Pending changes', screen: 'pending', accelerator: 'Alt+5' },
  { label: 'History', screen: 'history', accelerator: 'Alt+6' },
  { label: 'Wallboard', screen: 'wallboard' },
];

/** The guides the Help menu opens (files of docs/, shipped with the app). */
export const HELP_GUIDES: ReadonlyArray<{ label: string; file: string }> = [
  { label: 'Everyday use', file: 'everyday-use.md' },
  { label: 'The team board', file: 'board.md' },
  { label: 'Keyboard', file: 'keyboard.md' },
  { label: 'The desktop app: tray, alerts and links', file: 'desktop.md' },
];

export interface MenuActions {
  open(target: OpenTarget): void;
  openGuide(file: string): void;
  about(): void;
}

export function applicationMenuTemplate(options: { platform: NodeJS.Platform; development: boolean; version: string; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { actions } = options;
  const mac = options.platform === 'darwin';
  const screens: MenuItemConstructorOptions[] = VIEW_SCREENS.map((entry) => ({
    label: entry.label,
    ...(entry.accelerator ? { accelerator: entry.accelerator } : {}),
    click: () => actions.open({ screen: entry.screen } as OpenTarget),
  }));
  const development: MenuItemConstructorOptions[] = options.development ? [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] : [];
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : [{ label: 'File', submenu: [{ role: 'quit' }] } as MenuItemConstructorOptions]),
    {
      label: 'Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
    {
      label: 'View',
      submenu: [...screens, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }, ...development],
    },
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    {
      role: 'help',
      submenu: [
        ...HELP_GUIDES.map((guide): MenuItemConstructorOptions => ({ label: guide.label, click: () => actions.openGuide(guide.file) })),
        { type: 'separator' },
        { label: `Supervisor Console ${options.version}`, enabled: false },
        ...(mac ? [] : [{ label: 'About Supervisor Console', click: () => actions.about() } as MenuItemConstructorOptions]),
      ],
    },
  ];
}

export function installApplicationMenu(template: MenuItemConstructorOptions[]): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

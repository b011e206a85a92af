/**
 * The screens of the navigation, in order: the address, the message id of
 * the name (in the catalogues, said by the page and by the desktop shell's
 * View menu) and the Alt+ shortcut both show. The wallboard is full screen,
 * without the navigation, so it is not here.
 */
export const NAVIGATION_SCREENS = [
  { route: 'board', labelId: 'frame.nav.board', shortcut: '1' },
  { route: 'journey', labelId: 'frame.nav.journey', shortcut: '2' },
  { route: 'config', labelId: 'frame.nav.config', shortcut: '3' },
  { route: 'connections', labelId: 'frame.nav.connections', shortcut: '4' },
  { route: 'pending', labelId: 'frame.nav.pending', shortcut: '5' },
  { route: 'history', labelId: 'frame.nav.history', shortcut: '6' },
] as const;

export type NavigationRoute = (typeof NAVIGATION_SCREENS)[number]['route'];

/**
 * The browser host's access token, as the page keeps it: the printed address
 * carries it once (`?token=…`); at start the page moves it into this tab's
 * sessionStorage and takes it out of the address bar (and so out of history,
 * bookmarks and screenshots). Reloads read it back from sessionStorage. The
 * socket presents it; the host sets no cookie.
 */
const KEY = 'console.token';

export function takeHostToken(): string {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress !== null) {
    try {
      window.sessionStorage.setItem(KEY, fromAddress);
    } catch {
      // Storage refused (private mode): this page still works; a reload needs the printed address again.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromAddress;
  }
  try {
    return window.sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

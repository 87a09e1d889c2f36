// The control token arrives once in the URL (?token=…); it is kept in this browser's storage and
// removed from the address bar, so it does not linger in history or screenshots.
const STORAGE_KEY = 'panelcast.token';

export function takeTokenFromUrl(location: Location, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    saveToken(fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storedToken();
}

export function saveToken(token: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage unavailable: the token lives for this page only.
  }
}

/** The token this browser keeps (after takeTokenFromUrl); null where there is none. */
export function storedToken(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

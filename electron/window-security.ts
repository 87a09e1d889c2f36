// The rules the desktop window lives by, kept free of Electron imports so they can be tested
// without the Electron runtime.

/** webPreferences for every Panelcast window: no Node, isolated and sandboxed. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** Only the core's own pages may load inside the window. */
export function isAppNavigation(url: string, coreOrigin: string): boolean {
  try {
    return new URL(url).origin === coreOrigin;
  } catch {
    return false;
  }
}

/** Links that may be handed to the system browser: plain web links only. */
export function isExternalWebLink(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** The core's pages that open in a window of their own: the host's seat in the guest room,
 * and the stage and single-guest feeds to capture from a window where OBS has no browser. */
const OWN_WINDOW_PAGES = [/^\/room\/?$/, /^\/stage\/?$/, /^\/feed\/[^/]+\/?$/];

/**
 * What a link that opens a new window does: the core's own room and stage pages open in an app
 * window (sharing the app's stored token; the system browser has none), web links go to the
 * system browser, and anything else is refused.
 */
export function newWindowFor(url: unknown, coreOrigin: string): 'app' | 'external' | 'deny' {
  if (typeof url === 'string' && isAppNavigation(url, coreOrigin)) {
    const { pathname } = new URL(url);
    return OWN_WINDOW_PAGES.some((page) => page.test(pathname)) ? 'app' : 'deny';
  }
  return isExternalWebLink(url) ? 'external' : 'deny';
}

/**
 * Camera and microphone only for the host's seat in the guest room, on the core's own origin;
 * every other permission, and every other page, is refused.
 */
export function mayUsePermission(
  permission: string,
  requestingUrl: string,
  coreOrigin: string | null,
): boolean {
  if (permission !== 'media' || coreOrigin === null) return false;
  if (!isAppNavigation(requestingUrl, coreOrigin)) return false;
  return /^\/room\/?$/.test(new URL(requestingUrl).pathname);
}

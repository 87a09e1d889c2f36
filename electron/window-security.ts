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

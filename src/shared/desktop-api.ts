// What the Electron preload exposes to the UI as window.panelcast. Only shell features live
// here; show state always goes through the core's socket.

export interface DesktopApi {
  readonly platform: string;
  /** Opens an http(s) link in the system browser. */
  openExternal(url: string): Promise<void>;
  /** Keeps the window above others (useful for a moderator screen next to OBS). */
  setAlwaysOnTop(on: boolean): Promise<void>;
}

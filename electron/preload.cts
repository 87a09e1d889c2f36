// Runs in the sandboxed window before the UI: exposes shell features as window.panelcast and
// nothing else. It must stay CommonJS, as sandboxed preloads cannot be ES modules.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS is required here
import electron = require('electron');
import type { DesktopApi } from '../src/shared/desktop-api.js';

const api = {
  platform: process.platform,
  openExternal: (url: string) =>
    electron.ipcRenderer.invoke('desktop:openExternal', url) as Promise<void>,
  setAlwaysOnTop: (on: boolean) =>
    electron.ipcRenderer.invoke('desktop:setAlwaysOnTop', on) as Promise<void>,
} satisfies DesktopApi;

electron.contextBridge.exposeInMainWorld('panelcast', api);

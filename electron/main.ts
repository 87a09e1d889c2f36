// The desktop shell: starts the core in a utility process, opens one locked-down window on its
// URL, and keeps the key for stored secrets in the OS keychain (safeStorage). It holds no show
// state: close the window and the core is still the single source of truth until quit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  safeStorage,
  session,
  shell,
  utilityProcess,
  type UtilityProcess,
} from 'electron';
import { utilityProcessExecArgv } from '../src/shared/core-runtime.js';
import {
  isAppNavigation,
  isExternalWebLink,
  mayUsePermission,
  newWindowFor,
  secureWebPreferences,
} from './window-security.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORE_ENTRY = path.join(here, '..', 'src', 'cli.js');
const PRELOAD = path.join(here, 'preload.cjs');
const PREFERRED_PORT = '7878';

interface CoreReady {
  type: 'ready';
  url: string;
  token: string;
}

let core: UtilityProcess | null = null;
let coreOrigin: string | null = null;
let quitting = false;

function isCoreReady(message: unknown): message is CoreReady {
  const m = message as Partial<CoreReady> | null;
  return m?.type === 'ready' && typeof m.url === 'string' && typeof m.token === 'string';
}

/** 32 random bytes, kept encrypted by the OS keychain; null where the OS offers none. */
function secretKeyHex(): string | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  const file = path.join(app.getPath('userData'), 'secret-key.bin');
  if (fs.existsSync(file)) return safeStorage.decryptString(fs.readFileSync(file));
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
  fs.writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
  return key;
}

function startCore(port: string): Promise<CoreReady> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const key = secretKeyHex();
  if (key) env.PANELCAST_SECRET_KEY = key;
  env.PANELCAST_PORT = process.env.PANELCAST_PORT ?? port;
  // The same data folder as `panelcast serve`; an older desktop folder moves there once.
  env.PANELCAST_LEGACY_DATA_DIR = path.join(app.getPath('userData'), 'data');

  const child = utilityProcess.fork(CORE_ENTRY, ['serve'], {
    env,
    serviceName: 'Panelcast core',
    stdio: 'inherit',
    // The same V8 settings as `panelcast serve` (src/shared/core-runtime.ts).
    execArgv: utilityProcessExecArgv(),
  });
  core = child;
  return new Promise((resolve, reject) => {
    child.on('message', (message: unknown) => {
      if (isCoreReady(message)) resolve(message);
    });
    child.once('exit', (code) => {
      core = null;
      reject(new Error(`The Panelcast core stopped (exit code ${code}).`));
      if (!quitting && coreOrigin !== null) {
        dialog.showErrorBox(
          'Panelcast',
          `The Panelcast core stopped unexpectedly (exit code ${code}).`,
        );
        app.quit();
      }
    });
  });
}

function lockDown(contents: Electron.WebContents, origin: string): void {
  // Only the core's room and stage pages open in a window of the app (locked down the same way);
  // web links go to the system browser; nothing else opens.
  contents.setWindowOpenHandler(({ url }) => {
    const where = newWindowFor(url, origin);
    if (where === 'app') {
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          width: 1280,
          height: 800,
          backgroundColor: '#101418',
          webPreferences: secureWebPreferences(PRELOAD),
        },
      };
    }
    if (where === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('did-create-window', (child) => lockDown(child.webContents, origin));
  contents.on('will-navigate', (event, url) => {
    if (!isAppNavigation(url, origin)) {
      event.preventDefault();
      if (isExternalWebLink(url)) void shell.openExternal(url);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function registerIpc(): void {
  const fromCore = (event: Electron.IpcMainInvokeEvent): boolean =>
    coreOrigin !== null && isAppNavigation(event.senderFrame?.url ?? '', coreOrigin);

  ipcMain.handle('desktop:openExternal', async (event, url: unknown) => {
    if (!fromCore(event) || !isExternalWebLink(url)) return;
    await shell.openExternal(url);
  });
  ipcMain.handle('desktop:setAlwaysOnTop', (event, on: unknown) => {
    if (!fromCore(event) || typeof on !== 'boolean') return;
    BrowserWindow.fromWebContents(event.sender)?.setAlwaysOnTop(on);
  });
}

async function createWindow(): Promise<void> {
  let ready: CoreReady;
  try {
    ready = await startCore(PREFERRED_PORT);
  } catch {
    // Most likely the preferred port is taken (another Panelcast?); any free port will do.
    ready = await startCore('0');
  }
  coreOrigin = new URL(ready.url).origin;

  // Camera and microphone for the host's seat in the guest room only; nothing else.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(mayUsePermission(permission, details.requestingUrl, coreOrigin)),
  );

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#101418',
    title: 'Panelcast',
    webPreferences: secureWebPreferences(PRELOAD),
  });
  lockDown(window.webContents, coreOrigin);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${ready.url}?token=${encodeURIComponent(ready.token)}`);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('before-quit', () => {
    quitting = true;
    core?.kill();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    registerIpc();
    try {
      await createWindow();
    } catch (error) {
      dialog.showErrorBox('Panelcast could not start', String(error));
      app.quit();
    }
  });
}

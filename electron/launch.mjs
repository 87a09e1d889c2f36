// `npm start`: builds Panelcast if its sources changed since the last build, then opens the
// desktop app. Where no Electron runtime is installed (or no display exists) it says so in one
// line and serves the same UI headless instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  if (!fs.existsSync(stamp)) return true;
  const built = fs.statSync(stamp).mtimeMs;
  const sources = ['src', 'electron', 'renderer', 'package.json'].map((p) => path.join(root, p));
  return sources.some(
    (p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs) > built,
  );
}

function findElectron() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The Electron binary, fetching the runtime once if npm skipped it (see allowScripts). */
function electronBinary() {
  const found = findElectron();
  if (found) return { binary: found };
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return { reason: 'the electron package is not installed' };
  const fetched = spawnSync(process.execPath, [installer], {
    cwd: root,
    stdio: 'ignore',
    timeout: 180_000,
  });
  const binary = fetched.status === 0 ? findElectron() : null;
  return binary
    ? { binary }
    : { reason: 'the Electron runtime is not available here (it could not be downloaded)' };
}

if (needsBuild()) {
  console.log('Building Panelcast…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = process.argv.slice(2);
const electron = electronBinary();
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headlessReason =
  electron.reason ?? (noDisplay ? 'there is no display to open a window on' : null);

const child = headlessReason
  ? (console.log(
      `Opening no window because ${headlessReason}; serving the same UI headless, open the Control UI URL below in a browser.`,
    ),
    spawn(process.execPath, [path.join(root, 'dist', 'src', 'cli.js'), 'serve', ...args], {
      stdio: 'inherit',
    }))
  : spawn(electron.binary, [root, ...args], { stdio: 'inherit' });

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

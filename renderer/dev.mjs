// `npm run dev`: the core with restart-on-change (tsx watch) plus Vite's dev server with hot
// reload, which proxies the API and sockets to the core. Open the URL printed at the end.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corePort = process.env.PANELCAST_PORT ?? '7878';
const dataDir = process.env.PANELCAST_DATA_DIR ?? path.join(root, '.panelcast-dev');

const core = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--watch-path=src',
    path.join(root, 'src', 'cli.ts'),
    'serve',
    '--port',
    corePort,
    '--data-dir',
    dataDir,
  ],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);

let token = null;
core.stdout.on('data', (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text.replace(/token=[^\s]+/g, 'token=…'));
  token = /token=([^\s&]+)/.exec(text)?.[1] ?? token;
  if (token) printUrl();
});

const vite = await createServer({
  configFile: path.join(root, 'renderer', 'vite.config.ts'),
  server: { port: 5173 },
});
await vite.listen();

function printUrl() {
  const base = vite.resolvedUrls?.local[0] ?? 'http://localhost:5173/';
  console.log(`\nDev UI with hot reload: ${base}?token=${token}\n`);
}

const stop = async () => {
  core.kill('SIGTERM');
  await vite.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

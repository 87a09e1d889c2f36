#!/usr/bin/env -S node --max-semi-space-size=2
// `panelcast serve`: runs the core headless and prints where to open the control UI. Inside the
// Electron shell the same entry runs in a utility process and reports its URL to the shell.
import os from 'node:os';
import { startCore, type RunningCore } from './app.js';
import { ConfigError, SERVE_USAGE, parseServeArgs } from './config.js';
import { version } from './package-info.js';
import { SecretRedactor, createLogger } from './shared/logger.js';
import { StartupError } from './startup-errors.js';

const USAGE = `Panelcast ${version}: live panel shows with OBS and an audience question queue.

Usage:
  panelcast serve [options]   start the core headless (see panelcast serve --help)
  panelcast --version         print the version

${SERVE_USAGE}`;

interface ParentPort {
  postMessage(message: unknown): void;
}

function lanAddresses(port: number): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter(
      (a): a is os.NetworkInterfaceInfo => a !== undefined && !a.internal && a.family === 'IPv4',
    )
    .map((a) => `http://${a.address}:${port}/`);
}

async function serve(args: string[]): Promise<void> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(SERVE_USAGE);
    return;
  }
  const config = parseServeArgs(args, process.env, {
    platform: process.platform,
    homeDir: os.homedir(),
  });
  const redactor = new SecretRedactor();
  redactor.add(config.secretKeyHex);
  const logger = createLogger({
    level: config.logLevel,
    redactor,
    sink: (line) => process.stderr.write(`${line}\n`),
  });

  const core: RunningCore = await startCore({ config, logger, redactor });

  // Electron's utilityProcess gives us a parentPort; tell the shell where to point its window.
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  parentPort?.postMessage({ type: 'ready', url: core.url, token: core.token });

  const lines = [
    `Panelcast ${core.version} is running.`,
    `  Control UI: ${core.controlUrl}`,
    `  Overlay:    ${core.url}overlay`,
    `  Audience:   ${core.url}audience`,
    `  Data:       ${core.dataDir}`,
  ];
  if (config.lan) {
    lines.push(
      `  LAN mode: reachable from your network, e.g. ${lanAddresses(core.port).join(', ') || core.url}`,
    );
    lines.push('  Anyone with the control link can run the show; share it only with your team.');
  }
  lines.push('Press Ctrl+C to stop.');
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping (${signal})`);
    core.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(version);
    return;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return;
  }
  if (command === undefined || command === 'serve') {
    await serve(rest);
    return;
  }
  if (command.startsWith('--')) {
    await serve(argv);
    return;
  }
  throw new ConfigError(`Unknown command "${command}".\n\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`panelcast: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof StartupError) {
    console.error(`panelcast: ${error.message}`);
    process.exit(1);
  }
  console.error('panelcast: unexpected error while starting:', error);
  process.exit(1);
});

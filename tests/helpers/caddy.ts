// Debian's Caddy as the TLS reverse proxy a producer would put in front of Panelcast: its own
// internal CA issues the certificate (no internet), and it passes requests to the core.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { expect } from 'vitest';
import { eventually } from './sockets.js';
import { makeTempDir } from './temp-dir.js';

export interface Caddy {
  /** The internal CA's root certificate (PEM file), for clients that check TLS. */
  rootCert: string;
  stop(): Promise<void>;
}

export async function startCaddy(site: { name: string; port: number; upstream: string }) {
  const temp = makeTempDir('panelcast-caddy-');
  const storage = path.join(temp.dir, 'storage');
  const config = path.join(temp.dir, 'Caddyfile');
  fs.writeFileSync(
    config,
    `{
  admin off
  auto_https disable_redirects
  skip_install_trust
  local_certs
  storage file_system {
    root ${storage}
  }
}
https://${site.name}:${site.port} {
  tls internal
  reverse_proxy ${site.upstream}
}
`,
  );
  const child: ChildProcess = spawn(
    'caddy',
    ['run', '--config', config, '--adapter', 'caddyfile'],
    {
      env: { ...process.env, HOME: temp.dir, XDG_CONFIG_HOME: temp.dir, XDG_DATA_HOME: temp.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const rootCert = path.join(storage, 'pki', 'authorities', 'local', 'root.crt');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    temp.remove();
  };
  try {
    await eventually(async () => {
      expect(child.exitCode, log).toBeNull();
      expect(fs.existsSync(rootCert)).toBe(true);
      expect(await verifiedHandshake(site.port, site.name, fs.readFileSync(rootCert))).toBe(true);
    }, 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { rootCert, stop } satisfies Caddy;
}

/** True once Caddy serves a certificate for `name` that its CA vouches for. */
function verifiedHandshake(port: number, name: string, ca: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: name, ca }, () => {
      resolve(socket.authorized);
      socket.destroy();
    });
    socket.on('error', () => resolve(false));
  });
}

// A real coturn (Debian's `turnserver`) for guest network tests: its own temp config, TURN
// REST API credentials (use-auth-secret), UDP/TCP and TLS listeners on the given addresses, a
// small relay port range, logs in the temp dir. Ready means it answers a STUN Binding request on
// every UDP listener and completes a TLS handshake on every TLS listener.
// Options: https://github.com/coturn/coturn/blob/master/examples/etc/turnserver.conf
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { freePort } from './cli.js';
import { eventually } from './sockets.js';
import { makeTempDir } from './temp-dir.js';

export interface CoturnOptions {
  /** Addresses coturn listens on (and the first of them relays from). */
  listen: string[];
  /** The address relayed media leaves from; defaults to the first listening address. */
  relayAddress?: string;
  realm?: string;
  /**
   * The TLS listener's port: 443 where a test stands for a network that lets only HTTPS out
   * (root may bind it; coturn binds only the listening addresses); a free port otherwise.
   */
  tlsPort?: number;
}

export interface Coturn {
  /** The shared secret to derive credentials from (src/guests/turn-credentials.ts). */
  secret: string;
  realm: string;
  /** TURN over UDP and TCP. */
  port: number;
  /** TURN over TLS ("turns:"), a self-signed certificate. */
  tlsPort: number;
  /** `turn:`/`turns:` URLs for one listening address. */
  urls(address: string): string[];
  /** The log so far (allocations, permissions, errors). */
  log(): string;
  stop(): Promise<void>;
}

export function hasCoturn(): boolean {
  try {
    execFileSync('turnserver', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startCoturn(options: CoturnOptions): Promise<Coturn> {
  const temp = makeTempDir('panelcast-coturn-');
  const secret = randomBytes(18).toString('base64url');
  const realm = options.realm ?? 'panelcast.test';
  const [port, tlsPort] = [await freePort(), options.tlsPort ?? (await freePort())];
  const logFile = path.join(temp.dir, 'turn.log');
  selfSignedCert(temp.dir);
  const config = path.join(temp.dir, 'turnserver.conf');
  fs.writeFileSync(config, configText({ options, secret, realm, port, tlsPort, dir: temp.dir }));
  const child = spawn('turnserver', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const log = (): string => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  const stop = async (): Promise<void> => {
    await stopChild(child);
    temp.remove();
  };
  try {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`turnserver exited: ${stderr}${log()}`);
      for (const address of options.listen) {
        if (!(await stunAnswers(address, port))) throw new Error(`no STUN answer on ${address}`);
        if (!(await tlsAnswers(address, tlsPort))) throw new Error(`no TLS on ${address}`);
      }
    }, 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    secret,
    realm,
    port,
    tlsPort,
    urls: (address) => [
      `turn:${address}:${port}?transport=udp`,
      `turn:${address}:${port}?transport=tcp`,
      `turns:${address}:${tlsPort}?transport=tcp`,
    ],
    log,
    stop,
  } satisfies Coturn;
}

function configText(c: {
  options: CoturnOptions;
  secret: string;
  realm: string;
  port: number;
  tlsPort: number;
  dir: string;
}): string {
  // A random 200-port relay range: enough for a few peers, and apart from other tests' coturns.
  const minPort = 40_000 + Math.floor(Math.random() * 100) * 200;
  return [
    ...c.options.listen.map((address) => `listening-ip=${address}`),
    `relay-ip=${c.options.relayAddress ?? c.options.listen[0] ?? ''}`,
    `listening-port=${c.port}`,
    `tls-listening-port=${c.tlsPort}`,
    `min-port=${minPort}`,
    `max-port=${minPort + 199}`,
    'use-auth-secret',
    `static-auth-secret=${c.secret}`,
    `realm=${c.realm}`,
    `cert=${path.join(c.dir, 'cert.pem')}`,
    `pkey=${path.join(c.dir, 'key.pem')}`,
    'fingerprint',
    'no-cli',
    'no-dtls',
    'no-multicast-peers',
    'no-software-attribute',
    `userdb=${path.join(c.dir, 'turndb')}`,
    `pidfile=${path.join(c.dir, 'turnserver.pid')}`,
    `log-file=${path.join(c.dir, 'turn.log')}`,
    'simple-log',
    'no-stdout-log',
    'verbose',
    '',
  ].join('\n');
}

function selfSignedCert(dir: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=turn.panelcast.test',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
}

/** True when a STUN Binding request (RFC 8489 section 5) gets a success response. */
function stunAnswers(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8); // transaction id
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 500);
    socket.on('message', (reply) => {
      done(reply.readUInt16BE(0) === 0x0101 && reply.subarray(8, 20).equals(request.subarray(8)));
    });
    socket.on('error', () => done(false));
    socket.send(request, port, address);
  });
}

function tlsAnswers(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: address, port, rejectUnauthorized: false }, () => {
      resolve(true);
      socket.destroy();
    });
    socket.on('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// Shared steps of the relay tests: destinations over REST, publishing a test source into the
// ingest, reading a destination's status, and a test CA for RTMPS.
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { DestinationStatus } from '../../src/shared/state.js';
import { api, type TestCore } from './core.js';
import { testSource, type TestSourceOptions } from './ffmpeg.js';
import { eventually } from './sockets.js';

export const FAST_BACKOFF = { initialMs: 500, maxMs: 2000, jitter: 0 };

export const dest = (core: TestCore, id: string): DestinationStatus | undefined =>
  core.hub.get('relay').destinations.find((d) => d.id === id);

export async function addDestination(
  core: TestCore,
  id: string,
  serverUrl: string,
  streamKey: string,
): Promise<void> {
  const res = await api(core, 'PUT', `/api/destinations/${id}`, {
    body: { name: id, platform: 'custom', serverUrl, streamKey, enabled: true },
  });
  expect(res.status).toBe(200);
}

/** Streams the test signal into the core's ingest; resolves once the ingest is live. */
export async function publishTestSource(
  core: TestCore,
  options: TestSourceOptions = {},
): Promise<ChildProcess> {
  const target = (await core.intents.dispatch(
    'relay:publishTarget',
    {},
    { actor: 'test', channel: 'rest', role: 'producer' },
  )) as { ok: true; value: { server: string; key: string } };
  const source = testSource(`${target.value.server}/${target.value.key}`, options);
  await eventually(() => expect(core.hub.get('relay').ingest.state).toBe('live'), 10_000);
  return source;
}

export interface TestCertificates {
  caFile: string;
  /** Signed by the test CA for IP 127.0.0.1. */
  good: { key: Buffer; cert: Buffer };
  /** Self-signed for 127.0.0.1: right name, untrusted issuer. */
  forged: { key: Buffer; cert: Buffer };
}

/** A throw-away CA and two server certificates, made with openssl. */
export function makeTestCertificates(dir: string): TestCertificates {
  const file = (name: string): string => path.join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { stdio: 'ignore' });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=Panelcast Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  fs.writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    'req',
    ...ec,
    '-keyout',
    file('good.key'),
    '-out',
    file('good.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    file('good.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('good.crt'),
    '-days',
    '2',
    '-extfile',
    file('san.ext'),
  );
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('forged.key'),
    '-out',
    file('forged.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  );
  return {
    caFile: file('ca.crt'),
    good: { key: fs.readFileSync(file('good.key')), cert: fs.readFileSync(file('good.crt')) },
    forged: { key: fs.readFileSync(file('forged.key')), cert: fs.readFileSync(file('forged.crt')) },
  };
}

/** A process's command line and environment, for secret checks. */
export function processText(pid: number): string {
  return (
    fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') +
    fs.readFileSync(`/proc/${pid}/environ`, 'utf8')
  );
}

/** The process ids whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .flatMap((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
          ? [Number(entry)]
          : [];
      } catch {
        return []; // gone
      }
    });
}

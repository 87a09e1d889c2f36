// The ingest on its own: garbage on its port closes that one connection and nothing else; a
// real publisher with the secret key still goes live afterwards.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IngestServer } from '../../src/relay/ingest.js';
import { silentLogger } from '../../src/shared/logger.js';
import { testSource } from '../helpers/ffmpeg.js';
import { FAST_BACKOFF } from '../helpers/relay.js';
import { eventually } from '../helpers/sockets.js';

function sendAndWaitClose(port: number, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(data));
    socket.on('error', () => undefined);
    socket.resume(); // read what the ingest answers, or its close is never seen
    socket.on('close', () => resolve());
    setTimeout(() => reject(new Error('the ingest kept a garbage connection open')), 5000);
  });
}

describe('RTMP ingest', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** An ingest on a free port with the key "secret", counting how often it went live and stopped. */
  async function startIngest(counts: { live: number; stopped: number }) {
    const ingest = new IngestServer({
      port: 0,
      key: 'secret',
      backoff: FAST_BACKOFF,
      logger: silentLogger,
      onLive: () => {
        counts.live += 1;
      },
      onStopped: () => {
        counts.stopped += 1;
      },
      onRestarted: () => undefined,
      onStream: () => undefined,
    });
    const port = await ingest.start();
    cleanups.push(() => ingest.stop());
    return { ingest, port };
  }

  it('closes a connection that sends garbage and keeps taking the real stream', async () => {
    const counts = { live: 0, stopped: 0 };
    const { ingest, port } = await startIngest(counts);
    const pid = ingest.pid;

    // Not a handshake at all, then a valid handshake followed by a chunk of nonsense.
    await sendAndWaitClose(port, Buffer.alloc(2000, 0x47));
    const nonsense = Buffer.concat([
      Buffer.from([3]),
      Buffer.alloc(1536 * 2),
      Buffer.from([0x45, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
    ]);
    await sendAndWaitClose(port, nonsense);

    const source = testSource(`rtmp://127.0.0.1:${port}/live/secret`);
    cleanups.push(() => {
      source.kill('SIGKILL');
    });
    await eventually(() => expect(counts.live).toBe(1), 10_000);
    expect(ingest.pid).toBe(pid);
  }, 30_000);

  it('lets OBS back on air at once when its old connection hangs after a network drop', async () => {
    const counts = { live: 0, stopped: 0 };
    const { port } = await startIngest(counts);
    const first = testSource(`rtmp://127.0.0.1:${port}/live/secret`);
    cleanups.push(() => {
      first.kill('SIGKILL');
    });
    await eventually(() => expect(counts.live).toBe(1), 10_000);
    // A frozen publisher keeps its TCP connection open and sends nothing: a half-open link.
    first.kill('SIGSTOP');
    const second = testSource(`rtmp://127.0.0.1:${port}/live/secret`);
    cleanups.push(() => {
      second.kill('SIGKILL');
    });
    await eventually(() => expect(counts.live).toBe(2), 10_000);
    // The stream did not stop in between: the new publisher took over.
    expect(counts.stopped).toBe(0);
    // A wrong key still cannot take the stream away.
    const intruder = testSource(`rtmp://127.0.0.1:${port}/live/wrong`);
    cleanups.push(() => {
      intruder.kill('SIGKILL');
    });
    await eventually(() => expect(intruder.exitCode).not.toBeNull(), 10_000);
    expect(counts.live).toBe(2);
  }, 40_000);
});

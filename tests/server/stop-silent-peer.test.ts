// Stopping the core while a client has gone silent: a guest whose address changed leaves a
// WebSocket that never answers the goodbye, a dropped phone leaves a half-sent request. The stop
// must not wait for them (the WebSocket library would wait 30 s, an HTTP request up to minutes),
// or quitting hangs and a restart on the same port fails meanwhile.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { api, startTestCore } from '../helpers/core.js';
import { makeTempDir } from '../helpers/temp-dir.js';

/** Opens a raw connection and sends `text`; the peer then never reads or writes again. */
async function silentPeer(port: number, text: string): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => undefined);
  socket.write(text);
  return socket;
}

/** Resolves with what settled first: the stop, or the clock. */
const within = (work: Promise<void>, ms: number) =>
  Promise.race([
    work.then(() => 'stopped'),
    new Promise((resolve) => setTimeout(() => resolve('still stopping'), ms)),
  ]);

describe('stopping the core with silent clients', () => {
  it('stops at once and frees its port for the restart, while peers stay silent', async () => {
    const temp = makeTempDir();
    try {
      const core = await startTestCore({ dataDir: temp.dir, keepDataDir: true, token: 't0ken' });
      const port = core.port;
      const ws = await silentPeer(
        port,
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
          'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
      // The upgrade is answered (101) before the peer falls silent.
      await expect.poll(() => ws.bytesRead).toBeGreaterThan(0);
      ws.pause();
      const half = await silentPeer(
        port,
        'POST /api/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 100\r\n\r\n{"text":',
      );
      half.pause();

      // Without the cut, the WebSocket library waits 30 s for the silent peer's goodbye.
      expect(await within(core.dispose(), 10_000)).toBe('stopped');
      const again = await startTestCore({
        dataDir: temp.dir,
        keepDataDir: true,
        token: 't0ken',
        port,
      });
      try {
        expect((await api(again, 'GET', '/api/state')).status).toBe(200);
      } finally {
        await again.dispose();
        ws.destroy();
        half.destroy();
      }
    } finally {
      temp.remove();
    }
  }, 60_000);
});

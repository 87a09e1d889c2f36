// Receivers that misbehave the way a platform or a network can: a TLS front for a plain RTMP
// receiver, one that answers the handshake and then sends garbage, and a proxy that passes the
// stream on for a while and then stops reading.
import net from 'node:net';
import tls from 'node:tls';

export interface Closable {
  port: number;
  close(): Promise<void>;
}

function listen(server: net.Server, sockets: Set<net.Socket>): Promise<Closable> {
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/** rtmps:// in front of a plain RTMP receiver on `upstreamPort`. */
export function tlsFront(
  upstreamPort: number,
  credentials: { key: Buffer; cert: Buffer },
): Promise<Closable> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(credentials, (secure) => {
    const plain = net.connect(upstreamPort, '127.0.0.1');
    secure.pipe(plain).pipe(secure);
    secure.on('error', () => plain.destroy());
    plain.on('error', () => secure.destroy());
  });
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return listen(server, sockets);
}

/** Completes the RTMP handshake, then answers everything with random bytes. */
export function garbageReceiver(): Promise<Closable> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    let got = 0;
    let shaken = false;
    socket.on('error', () => undefined);
    socket.on('data', (data: Buffer) => {
      got += data.length;
      if (!shaken && got >= 1537) {
        shaken = true;
        socket.write(Buffer.concat([Buffer.from([3]), Buffer.alloc(3072, 7)]));
      } else if (shaken && got >= 1537 + 1536) {
        socket.write(
          Buffer.from('\x03this is not RTMP at all \xff\xff\xff\xff\xff\x02\x01', 'latin1'),
        );
      }
    });
  });
  return listen(server, sockets);
}

/** Passes the stream to `upstreamPort` for `passMs`, then stops reading from the sender. */
export function stallingProxy(upstreamPort: number, passMs: number): Promise<Closable> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    setTimeout(() => {
      client.unpipe(upstream);
      client.pause();
    }, passMs).unref();
  });
  return listen(server, sockets);
}

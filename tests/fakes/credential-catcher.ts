// Servers that stand where an attacker would point a saved platform address: they answer like a
// refusing platform and count every credential that reaches them, so a test can prove that a
// stored token, API key or stream key was never sent there.
import http from 'node:http';
import net from 'node:net';

export interface Catcher {
  url: string;
  port: number;
  /** How many requests (or connections) carried `secret` anywhere in what was received. */
  seen(secret: string): number;
  /** How many requests or connections arrived at all. */
  readonly arrivals: number;
  close(): Promise<void>;
}

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((done) => server.close(() => done()));
}

function track(server: net.Server): Set<net.Socket> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return sockets;
}

/**
 * An HTTP API that records each request's URL, headers and body, and answers 401 in the JSON
 * error shape X and Google both use (`{ errors | error }`), so clients keep retrying as they would.
 */
export async function httpCatcher(): Promise<Catcher> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(
        [req.url ?? '', JSON.stringify(req.headers), Buffer.concat(chunks).toString()].join('\n'),
      );
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          title: 'Unauthorized',
          type: 'about:blank',
          status: 401,
          detail: 'Unauthorized',
          error: { code: 401, message: 'Request had invalid authentication credentials.' },
        }),
      );
    });
  });
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen: (secret) => received.filter((r) => r.includes(secret)).length,
    get arrivals() {
      return received.length;
    },
    close: () => closeServer(server, sockets),
  };
}

/**
 * A TCP proxy in front of a real RTMP receiver that records everything the client sends: the
 * stream key travels in RTMP's `publish` command, which only follows a completed handshake and
 * `connect`, so a real receiver has to answer for the key to be sent at all.
 */
export async function recordingProxy(upstreamPort: number): Promise<Catcher> {
  const received: Buffer[] = [];
  const server = net.createServer((client) => {
    const index = received.push(Buffer.alloc(0)) - 1;
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    client.on('data', (data: Buffer) => {
      received[index] = Buffer.concat([received[index] ?? Buffer.alloc(0), data]);
      upstream.write(data);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  const sockets = track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `rtmp://127.0.0.1:${port}`,
    port,
    seen: (secret) => received.filter((r) => r.includes(secret)).length,
    get arrivals() {
      return received.length;
    },
    close: () => closeServer(server, sockets),
  };
}

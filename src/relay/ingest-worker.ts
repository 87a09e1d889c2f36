// Runs node-media-server as the local RTMP ingest, in a process of its own: node-media-server
// keeps its state in module-wide singletons, logs to the console and exits the process when its
// port is taken, none of which may touch the core. It accepts one publish path (the secret one)
// and tells the parent when that stream starts and stops.
import { createRequire } from 'node:module';

interface WorkerConfig {
  port: number;
  bind: string;
  /** The only stream path accepted for publishing, e.g. /live/<secret>. */
  publishPath: string;
  storePath: string;
}

interface Session {
  streamPath: string;
  close(): void;
  socket?: { once(event: 'close', listener: () => void): void };
}

interface Nms {
  on(event: string, listener: (session: Session) => void): void;
  run(): Promise<void>;
  stop(): Promise<void>;
  rtmpServer: { tcpServer?: { once(event: 'listening', listener: () => void): void } };
}

const send = (message: object): void => {
  process.send?.(message);
};

const config = JSON.parse(process.env.PANELCAST_INGEST ?? '{}') as WorkerConfig;
const require = createRequire(import.meta.url);

// node-media-server writes its log with console; keep only warnings and errors for the parent.
console.log = () => undefined;
console.info = () => undefined;
console.debug = () => undefined;

const NodeMediaServer = require('node-media-server') as new (config: object) => Nms;
const nms = new NodeMediaServer({
  bind: config.bind,
  rtmp: { port: config.port },
  store: { path: config.storePath },
  record: { auto: false, path: config.storePath },
  webadmin: { enable: false },
  auth: { play: false, publish: false },
});

nms.on('prePublish', (session) => {
  if (session.streamPath !== config.publishPath) {
    send({ type: 'refused', streamPath: session.streamPath.replace(/[^/]+$/, '…') });
    session.close();
  }
});
// node-media-server keeps a stream open for 30 s after its publisher leaves (so it can resume);
// the relays should stop at once, so the publisher's own connection is watched instead.
let live = false;
const stopped = (): void => {
  if (!live) return;
  live = false;
  send({ type: 'stopped' });
};
nms.on('postPublish', (session) => {
  if (session.streamPath !== config.publishPath) return;
  live = true;
  send({ type: 'publishing' });
  session.socket?.once('close', stopped);
});
nms.on('donePublish', (session) => {
  if (session.streamPath === config.publishPath) stopped();
});

nms.rtmpServer.tcpServer?.once('listening', () => send({ type: 'listening' }));
await nms.run();

process.on('disconnect', () => {
  void nms.stop().finally(() => process.exit(0));
});
process.on('SIGTERM', () => {
  void nms.stop().finally(() => process.exit(0));
});

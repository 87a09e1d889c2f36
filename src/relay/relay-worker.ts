// The relay process: the RTMP ingest OBS streams to, and one push per enabled destination, all
// in this one process, away from the core. Takes only the secret stream name on app "live";
// each message from OBS is chunked once and written to every destination's socket.
import net from 'node:net';
import { DestinationPush, type PushReport } from './destination-push.js';
import { pushTarget, PushTargetError } from './push-target.js';
import { toWorkerSchema, type FromWorker, type ToWorker } from './relay-ipc.js';
import type { RtmpMessage } from './rtmp/chunk-reader.js';
import { IngestSession } from './rtmp/ingest-session.js';
import { BatchJoiner } from './rtmp/push-session.js';
import { StreamHub } from './stream-hub.js';

type StartConfig = Extract<ToWorker, { type: 'start' }>;

const send = (message: FromWorker): void => {
  process.send?.(message);
};

// Bounded per destination: about 2.5 s of a 6 Mbit/s stream, however fast the others go.
const LIMITS = { maxBufferBytes: 2 * 1024 * 1024, connectTimeoutMs: 15_000 };

const hub = new StreamHub();
const pushes = new Map<string, DestinationPush>();
let publisher: IngestSession | null = null;
let config: StartConfig | null = null;

function forward(message: RtmpMessage): void {
  for (const push of pushes.values()) push.session?.cork();
  hub.forward(message, pushes.values());
}

function flush(): void {
  const joiner = new BatchJoiner();
  for (const push of pushes.values()) push.session?.uncork(joiner);
}

function startPush(id: string, name: string, serverUrl: string, key: string): void {
  if (!config) return;
  pushes.get(id)?.stop('Waiting for OBS to stream to Panelcast.');
  pushes.delete(id);
  const report = (r: PushReport): void => send({ type: 'push', id, report: r });
  let target;
  try {
    target = pushTarget(serverUrl, key);
  } catch (error) {
    const message = error instanceof PushTargetError ? error.message : 'Bad server URL.';
    send({
      type: 'push',
      id,
      report: {
        state: 'retrying',
        message,
        kbps: null,
        liveSince: null,
        retryAt: null,
        dropping: false,
        droppedFrames: 0,
      },
    });
    return;
  }
  const push: DestinationPush = new DestinationPush({
    name,
    target,
    backoff: config.backoff,
    limits: LIMITS,
    stableMs: 30_000,
    stallMs: 15_000,
    report,
    onLive: (session) => hub.sendSetup(session),
  });
  pushes.set(id, push);
  if (publisher) push.start();
}

function onPublishEnded(session: IngestSession): void {
  if (publisher !== session) return;
  publisher = null;
  for (const push of pushes.values()) push.stop('Waiting for OBS to stream to Panelcast.');
  hub.reset();
  send({ type: 'stopped' });
}

function listen(start: StartConfig): void {
  config = start;
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    new IngestSession(socket, {
      mayPublish: (app, name) => app === 'live' && name === start.key,
      onPublish: (session) => {
        const stale = publisher;
        publisher = session;
        if (stale) {
          // The right key while a publisher is still open: OBS reconnected after a network
          // drop and its old connection has not noticed yet. Waiting for that one to time out
          // would keep the show off air, so the newest publisher wins and every push restarts
          // on its stream (its timestamps start again).
          stale.fail(null);
          for (const push of pushes.values()) push.stop('OBS reconnected; starting again.');
        }
        hub.reset();
        send({ type: 'publishing' });
        for (const push of pushes.values()) push.start();
      },
      onMessage: forward,
      onReadDone: flush,
      onRefused: (app) => send({ type: 'refused', app }),
      onUnpublish: (session) => onPublishEnded(session),
    });
  });
  server.once('error', (error) => send({ type: 'listen-failed', message: error.message }));
  server.listen(start.port, start.bind, () => send({ type: 'listening' }));
}

const tick = setInterval(() => {
  const now = Date.now();
  for (const push of pushes.values()) push.tick(now);
  if (publisher) send({ type: 'stream', info: hub.sample() });
}, 1000);

process.on('message', (raw: unknown) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    send({ type: 'fault', message: 'unreadable message from the core' });
    return;
  }
  const message = parsed.data;
  if (message.type === 'start') listen(message);
  else if (message.type === 'push')
    startPush(message.id, message.name, message.serverUrl, message.key);
  else {
    pushes.get(message.id)?.stop(message.message);
    pushes.delete(message.id);
  }
});

// A bug in one destination's code must not end the ingest and every other push with it.
process.on('uncaughtException', (error) => {
  send({ type: 'fault', message: error.stack ?? error.message });
});

const quit = (): void => {
  clearInterval(tick);
  for (const push of pushes.values()) push.stop('Stopped.');
  setTimeout(() => process.exit(0), 300).unref();
};
process.on('disconnect', quit);
process.on('SIGTERM', quit);

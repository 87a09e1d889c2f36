// The messages between the core and its relay process, declared once. Stream keys travel only
// here (IPC), never in a command line or the environment.
import { z } from 'zod';
import type { PushReport } from './destination-push.js';
import type { StreamInfo } from './stream-hub.js';

const backoffSchema = z.object({
  initialMs: z.number().positive(),
  maxMs: z.number().positive(),
  jitter: z.number().min(0).max(1),
});

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    port: z.number().int().min(1).max(65535),
    bind: z.string(),
    /** The secret stream name OBS publishes to on app "live". */
    key: z.string().min(1),
    backoff: backoffSchema,
  }),
  z.object({
    type: z.literal('push'),
    id: z.string(),
    name: z.string(),
    serverUrl: z.string(),
    key: z.string(),
  }),
  z.object({ type: z.literal('unpush'), id: z.string(), message: z.string() }),
]);

export type ToWorker = z.infer<typeof toWorkerSchema>;

export type FromWorker =
  | { type: 'listening' }
  | { type: 'listen-failed'; message: string }
  | { type: 'publishing' }
  | { type: 'stopped' }
  | { type: 'refused'; app: string }
  | { type: 'push'; id: string; report: PushReport }
  | { type: 'stream'; info: StreamInfo }
  | { type: 'fault'; message: string };

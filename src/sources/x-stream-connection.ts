// One connection to X's filtered stream, read by us rather than twitter-api-v2's stream class,
// which decodes each chunk alone and takes a "\r\n" chunk for a heartbeat. Returns why it ended.
import { z } from 'zod';
import { StreamLineSplitter, type StreamLine } from './x-stream-lines.js';

export type Failure =
  | { kind: 'network'; detail: string }
  | { kind: 'stall' }
  | { kind: 'operational' }
  | { kind: 'http'; status: number; detail: string }
  | { kind: 'rate_limited'; resetAt: Date | null }
  /** X allows one stream connection per app; another one (another program, or a copy) holds it. */
  | { kind: 'connection_taken'; resetAt: Date | null }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden'; detail: string };

export interface XStreamOptions {
  url: URL;
  headers: Record<string, string>;
  /** No byte (post or heartbeat) for this long means the stream stalled. */
  keepAliveMs: number;
  signal: AbortSignal;
  onConnected: () => void;
  onLine: (line: StreamLine) => void;
}

const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  connection_issue: z.string().optional(),
});

function resetFrom(headers: Headers): Date | null {
  const reset = Number(headers.get('x-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : null;
}

/** What an HTTP error answer means for us, from its status and X's problem+json body. */
export async function failureFromResponse(response: Response): Promise<Failure> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's page): the status alone says enough.
  }
  const problem = problemSchema.safeParse(body);
  const info = problem.success ? problem.data : {};
  const status = response.status;
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 403)
    return { kind: 'forbidden', detail: info.detail ?? info.title ?? 'Forbidden' };
  if (status === 429) {
    const resetAt = resetFrom(response.headers);
    return info.connection_issue === 'TooManyConnections'
      ? { kind: 'connection_taken', resetAt }
      : { kind: 'rate_limited', resetAt };
  }
  return { kind: 'http', status, detail: info.title ?? `HTTP ${status}` };
}

export async function runXStream(options: XStreamOptions): Promise<Failure> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  // An object, not a let: it changes in a timer, which flow analysis cannot see.
  const watch = { stalled: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      watch.stalled = true;
      controller.abort();
    }, options.keepAliveMs);
  };
  try {
    arm();
    const response = await fetch(options.url, {
      headers: options.headers,
      signal: controller.signal,
    });
    if (response.status !== 200 || response.body === null) {
      clearTimeout(timer);
      return await failureFromResponse(response);
    }
    options.onConnected();
    const splitter = new StreamLineSplitter();
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      arm();
      for (const line of splitter.push(chunk.value)) options.onLine(line);
    }
    return { kind: 'network', detail: 'X closed the stream' };
  } catch (error) {
    if (watch.stalled) return { kind: 'stall' };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return { kind: 'network', detail: cause instanceof Error ? cause.message : String(cause) };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', stop);
    controller.abort();
  }
}

// Reads ffmpeg's "-progress" output (key=value lines, one block per update) and its error
// messages, and says in plain words why a push to a platform failed.

export interface ProgressBlock {
  totalBytes: number | null;
  bitrateKbps: number | null;
  outTimeMs: number | null;
  speed: number | null;
  ended: boolean;
}

/** Splits the -progress stream into blocks; feed it chunks, get complete blocks back. */
export class ProgressParser {
  #buffer = '';
  #fields = new Map<string, string>();

  push(chunk: string): ProgressBlock[] {
    this.#buffer += chunk;
    const blocks: ProgressBlock[] = [];
    let newline = this.#buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffer.slice(0, newline).trim();
      this.#buffer = this.#buffer.slice(newline + 1);
      const eq = line.indexOf('=');
      if (eq > 0) {
        const key = line.slice(0, eq);
        const value = line.slice(eq + 1);
        this.#fields.set(key, value);
        if (key === 'progress') {
          blocks.push(this.#block(value === 'end'));
          this.#fields.clear();
        }
      }
      newline = this.#buffer.indexOf('\n');
    }
    return blocks;
  }

  #block(ended: boolean): ProgressBlock {
    const number = (key: string): number | null => {
      const raw = this.#fields.get(key);
      if (raw === undefined || raw === 'N/A') return null;
      const value = Number.parseFloat(raw);
      return Number.isFinite(value) ? value : null;
    };
    return {
      totalBytes: number('total_size'),
      bitrateKbps: number('bitrate'), // "2500.3kbits/s" parses as 2500.3
      outTimeMs: (() => {
        const us = number('out_time_us') ?? number('out_time_ms');
        return us === null ? null : us / 1000;
      })(),
      speed: number('speed'),
      ended,
    };
  }
}

/** Why ffmpeg could not push to the platform, from the last lines it wrote to stderr. */
export function explainFailure(stderr: string, pushedMs: number, ranMs: number): string {
  const text = stderr.toLowerCase();
  if (
    /failed to resolve hostname|name or service not known|temporary failure in name resolution|no address associated/.test(
      text,
    )
  ) {
    return 'The server address does not exist (check the server URL).';
  }
  if (/protocol not found|invalid argument/.test(text) && /rtmp|url/.test(text)) {
    return 'That is not an RTMP server URL ffmpeg can use (rtmp:// or rtmps://).';
  }
  if (/connection refused/.test(text)) {
    return 'The server refused the connection (wrong address or port, or the platform is not accepting streams).';
  }
  if (
    /401|403|unauthori[sz]ed|forbidden|authentication|publish.*(denied|rejected)|badname|stream key/.test(
      text,
    )
  ) {
    return 'The platform rejected the stream key.';
  }
  if (/tls|ssl|certificate|gnutls/.test(text)) return 'The secure (RTMPS) connection failed.';
  if (/timed out|timeout/.test(text)) return 'The server did not answer in time.';
  // Platforms close the connection at once on a wrong key, without saying so. Bytes are no
  // sign: ffmpeg may have written the ingest's cached first seconds before the close arrives.
  if (pushedMs < 5000 && ranMs < 15_000) {
    return 'The platform closed the connection right after it opened: check the stream key.';
  }
  if (/broken pipe|connection reset|end of file|input\/output error/.test(text)) {
    return 'The connection to the platform dropped.';
  }
  const last = stderr.trim().split('\n').at(-1)?.trim();
  return last ? `ffmpeg stopped: ${last.slice(0, 200)}` : 'ffmpeg stopped without saying why.';
}

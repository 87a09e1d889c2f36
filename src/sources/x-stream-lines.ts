// Turns the bytes of X's filtered stream into lines: UTF-8 is decoded across chunk boundaries and
// a line is only taken once its "\r\n" has arrived, wherever the chunks happen to be cut.
const CRLF = '\r\n';

/** A line longer than this never ends well; it is dropped rather than held in memory. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

export type StreamLine =
  { kind: 'heartbeat' } | { kind: 'json'; text: string } | { kind: 'overlong' };

export class StreamLineSplitter {
  // stream: true keeps the first bytes of a split character until the rest arrives.
  readonly #decoder = new TextDecoder('utf-8');
  #pending = '';

  /** Every complete line in what has arrived so far; a partial line waits for the next chunk. */
  push(chunk: Uint8Array): StreamLine[] {
    this.#pending += this.#decoder.decode(chunk, { stream: true });
    const lines: StreamLine[] = [];
    let end = this.#pending.indexOf(CRLF);
    while (end !== -1) {
      const text = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + CRLF.length);
      lines.push(text.trim() === '' ? { kind: 'heartbeat' } : { kind: 'json', text });
      end = this.#pending.indexOf(CRLF);
    }
    if (this.#pending.length > MAX_LINE_CHARS) {
      this.#pending = '';
      lines.push({ kind: 'overlong' });
    }
    return lines;
  }

  /** What is left when the stream ends: an unterminated line, which X never sends complete. */
  get leftover(): string {
    return this.#pending + this.#decoder.decode();
  }
}

// Turns the bytes of a Server-Sent Events stream (text/event-stream) into events, as the HTML
// standard describes: UTF-8 decoded across chunk boundaries, lines ended by CRLF, LF or CR,
// "data:" lines of one event joined by "\n", a blank line dispatching it, ":" lines as comments
// (servers send them as heartbeats). https://html.spec.whatwg.org/multipage/server-sent-events.html
export type SseItem = { kind: 'heartbeat' } | { kind: 'event'; event: string; data: string };

/** An event longer than this is dropped rather than held in memory. */
const MAX_EVENT_CHARS = 1024 * 1024;

export class SseSplitter {
  readonly #decoder = new TextDecoder('utf-8');
  #pending = '';
  #data: string[] = [];
  #event = '';
  /** A CR ended the last chunk: a LF opening the next one belongs to it. */
  #afterCr = false;

  push(chunk: Uint8Array): SseItem[] {
    let text = this.#decoder.decode(chunk, { stream: true });
    if (this.#afterCr && text.startsWith('\n')) text = text.slice(1);
    this.#afterCr = false;
    this.#pending += text;
    const items: SseItem[] = [];
    for (;;) {
      const end = this.#pending.search(/\r\n|\r|\n/);
      if (end === -1) break;
      // A CR at the very end may be the first half of a CRLF still on its way.
      const crlf = this.#pending.startsWith('\r\n', end);
      if (this.#pending[end] === '\r' && !crlf && end === this.#pending.length - 1) {
        this.#afterCr = true;
      }
      const line = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + (crlf ? 2 : 1));
      const item = this.#line(line);
      if (item) items.push(item);
    }
    if (this.#pending.length + this.#data.join('').length > MAX_EVENT_CHARS) {
      this.#pending = '';
      this.#data = [];
    }
    return items;
  }

  #line(line: string): SseItem | null {
    if (line === '') {
      if (this.#data.length === 0) return null;
      const item: SseItem = {
        kind: 'event',
        event: this.#event || 'message',
        data: this.#data.join('\n'),
      };
      this.#data = [];
      this.#event = '';
      return item;
    }
    if (line.startsWith(':')) return { kind: 'heartbeat' };
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.#data.push(value);
    else if (field === 'event') this.#event = value;
    return null;
  }
}

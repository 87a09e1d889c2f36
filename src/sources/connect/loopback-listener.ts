// A one-shot HTTP listener on 127.0.0.1 with a port the system picks (RFC 8252 §7.3): the browser
// comes back to it with the authorization code. Answers with a short page and closes after the
// answer that belongs to this flow; answers whose state does not match are refused and counted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallbackResult =
  { kind: 'code'; code: string } | { kind: 'error'; error: string; description: string | null };

export interface LoopbackListener {
  redirectUri: string;
  /** Resolves with the answer whose state matched. */
  result: Promise<CallbackResult>;
  close(): void;
}

export const PAGE = (text: string): string =>
  `<!doctype html><meta charset="utf-8"><title>Panelcast</title><p>${text}</p>`;

export function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(PAGE(text));
}

export function readCallback(url: URL): CallbackResult | null {
  const error = url.searchParams.get('error');
  if (error !== null) {
    return {
      kind: 'error',
      error: error.slice(0, 100),
      description: url.searchParams.get('error_description')?.slice(0, 300) ?? null,
    };
  }
  const code = url.searchParams.get('code');
  return code === null || code === '' || code.length > 4000 ? null : { kind: 'code', code };
}

export async function openLoopbackListener(
  state: string,
  onRefused: (reason: string) => void,
): Promise<LoopbackListener> {
  let settle: (result: CallbackResult) => void = () => undefined;
  const result = new Promise<CallbackResult>((resolve) => (settle = resolve));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') {
      answer(res, 404, 'Not found.');
      return;
    }
    if (url.searchParams.get('state') !== state) {
      onRefused('state_mismatch');
      answer(res, 400, 'This answer does not belong to the connection Panelcast started.');
      return;
    }
    const callback = readCallback(url);
    if (callback === null) {
      onRefused('no_code');
      answer(res, 400, 'The answer carried no code.');
      return;
    }
    answer(res, 200, 'Done. You can close this tab and go back to Panelcast.');
    settle(callback);
    server.close();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    result,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

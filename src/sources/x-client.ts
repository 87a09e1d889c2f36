// The twitter-api-v2 client as Panelcast uses it (rules and recent search): pointed at another
// base URL where settings say so, naming Panelcast in its User-Agent as X's guide asks.
import http from 'node:http';
import {
  ApiResponseError,
  TwitterApi,
  type ITwitterApiBeforeRequestConfigHookArgs,
  type ITwitterApiClientPlugin,
} from 'twitter-api-v2';
import { version } from '../package-info.js';
import type { Failure } from './x-stream-connection.js';

export const X_API = 'https://api.x.com';

/** X's disconnection guide asks clients to name themselves; support can then tell us apart. */
export function xUserAgent(): string {
  return `Panelcast/${version} (+https://github.com/panelcast/panelcast)`;
}

/** Names Panelcast on every request and, where set, rewrites the URL to another base. */
function panelcastPlugin(base: URL | null): ITwitterApiClientPlugin {
  const prefix = base?.pathname.replace(/\/+$/, '') ?? '';
  const rewrite = ({ params }: ITwitterApiBeforeRequestConfigHookArgs): void => {
    params.headers = { ...params.headers, 'user-agent': xUserAgent() };
    if (base === null) return;
    const original = new URL(params.url.startsWith('http') ? params.url : `https://${params.url}`);
    params.url = `${base.origin}${prefix}${original.pathname}${original.search}`;
  };
  return { onBeforeRequestConfig: rewrite, onBeforeStreamRequestConfig: rewrite };
}

export function createXClient(config: {
  bearerToken: string;
  apiBaseUrl: string | null;
}): TwitterApi {
  const base = config.apiBaseUrl === null ? null : new URL(config.apiBaseUrl);
  return new TwitterApi(config.bearerToken, {
    plugins: [panelcastPlugin(base)],
    // The client always uses https.request; an http.Agent makes plain-http URLs work.
    ...(base?.protocol === 'http:' ? { httpAgent: new http.Agent({ keepAlive: true }) } : {}),
  });
}

/** What a twitter-api-v2 error means for us. */
export function classify(error: unknown): Failure {
  if (error instanceof ApiResponseError) {
    const status = error.code;
    if (status === 429) {
      const reset = error.rateLimit?.reset;
      return { kind: 'rate_limited', resetAt: reset ? new Date(reset * 1000) : null };
    }
    if (status === 401) return { kind: 'unauthorized' };
    if (status === 403) {
      const data = error.data as { detail?: string; title?: string } | undefined;
      return { kind: 'forbidden', detail: data?.detail ?? data?.title ?? 'Forbidden' };
    }
    const data = error.data as { title?: string; detail?: string } | undefined;
    return { kind: 'http', status, detail: data?.detail ?? data?.title ?? `HTTP ${status}` };
  }
  return { kind: 'network', detail: error instanceof Error ? error.message : String(error) };
}

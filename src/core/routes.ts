// What a module's REST route is: method, path, access and a handler. Every changing route is a
// thin mapping onto the same intents the socket clients send, so both behave identically.
import type { UserErrorKind } from '../shared/errors.js';
import type { ControlIntentName } from '../shared/protocol.js';
import type { IntentRegistry } from './intent-registry.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

export interface Route {
  method: HttpMethod;
  path: string;
  /** Public routes skip the bearer token (only /api/health). */
  access: 'public' | 'token';
  handle: (request: ApiRequest) => ApiResult | Promise<ApiResult>;
}

const STATUS_FOR: Record<UserErrorKind | 'internal', number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 409,
  internal: 500,
};

export function statusFor(kind: UserErrorKind | 'internal'): number {
  return STATUS_FOR[kind];
}

export function intentRoute(
  intents: IntentRegistry,
  method: HttpMethod,
  path: string,
  intent: ControlIntentName,
  toPayload: (request: ApiRequest) => unknown,
): Route {
  return {
    method,
    path,
    access: 'token',
    handle: async (request) => {
      const result = await intents.dispatch(intent, toPayload(request), {
        actor: 'REST',
        channel: 'rest',
      });
      if (!result.ok) {
        const body = {
          error: result.error,
          ...(result.message ? { message: result.message } : {}),
        };
        return { status: statusFor(result.kind), body };
      }
      return { status: 200, body: { ok: true, ...result.value } };
    },
  };
}

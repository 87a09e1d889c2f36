// What a module's REST route is: method, path, access and a handler. Every changing route is a
// thin mapping onto the same intents the socket clients send, so both behave identically.
import { z } from 'zod';
import { controlIntentSchemas } from '../shared/control-intents.js';
import type { UserErrorKind } from '../shared/errors.js';
import type { ControlIntentName } from '../shared/protocol.js';
import type { Principal } from '../shared/roles.js';
import type { IntentRegistry } from './intent-registry.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** Who sent it; null on public routes. */
  principal: Principal | null;
}

export interface ApiResult {
  status: number;
  body: unknown;
  /** A download instead of JSON (a report as Markdown or CSV): sent as it is, with its type. */
  text?: string;
  contentType?: string;
  filename?: string;
}

export interface Route {
  method: HttpMethod;
  path: string;
  /**
   * Public routes skip the bearer token (/api/health, /api/openapi.json); every other route names
   * the intent whose roles may use it (for an intent route, that intent itself).
   */
  access: 'public' | ControlIntentName;
  /** One line for the OpenAPI document. */
  summary: string;
  /** What the JSON body must be (the same schema the core checks), null when none is read. */
  body: z.ZodType | null;
  /** The query parameters, each a string, null when none are read. */
  query: z.ZodObject | null;
  handle: (request: ApiRequest) => ApiResult | Promise<ApiResult>;
}

/**
 * Where an intent's payload comes from: the JSON body, nothing, the path parameters, or the body
 * with the path parameters laid over it (PUT /api/destinations/:id).
 */
export type PayloadFrom = 'body' | 'none' | 'params' | 'params+body';

const STATUS_FOR: Record<UserErrorKind | 'internal', number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 409,
  storage: 503,
  internal: 500,
};

export function statusFor(kind: UserErrorKind | 'internal'): number {
  return STATUS_FOR[kind];
}

function pathParams(path: string): string[] {
  return path
    .split('/')
    .filter((part) => part.startsWith(':'))
    .map((part) => part.slice(1));
}

function payloadOf(from: PayloadFrom, request: ApiRequest): unknown {
  switch (from) {
    case 'body':
      return request.body;
    case 'none':
      return {};
    case 'params':
      return { ...request.params };
    case 'params+body':
      return {
        ...(typeof request.body === 'object' && request.body !== null ? request.body : {}),
        ...request.params,
      };
  }
}

/** The body a route documents: the intent's schema, less what the path already names. */
function bodySchema(intent: ControlIntentName, from: PayloadFrom, path: string): z.ZodType | null {
  const schema: z.ZodType = controlIntentSchemas[intent];
  if (from === 'body') return schema;
  if (from !== 'params+body' || !(schema instanceof z.ZodObject)) return null;
  const omitted: Record<string, true> = Object.fromEntries(
    pathParams(path).map((name) => [name, true] as const),
  );
  return schema.omit(omitted);
}

/** A REST route that is nothing but an intent: same check, same handler, same answer. */
export function intentRoute(
  intents: IntentRegistry,
  method: HttpMethod,
  path: string,
  intent: ControlIntentName,
  from: PayloadFrom,
): Route {
  return {
    method,
    path,
    access: intent,
    summary: `Sends the ${intent} intent.`,
    body: bodySchema(intent, from, path),
    query: null,
    handle: async (request) => {
      const result = await intents.dispatch(intent, payloadOf(from, request), {
        actor: request.principal?.name ?? 'REST',
        channel: 'rest',
        role: request.principal?.role ?? 'guest',
      });
      if (!result.ok) {
        const body = { error: result.error, message: result.message };
        return { status: statusFor(result.kind), body };
      }
      return { status: 200, body: { ok: true, ...result.value } };
    },
  };
}

// GET /api/openapi.json: the REST API described from the routes themselves, with request bodies
// converted from the same zod schemas the core checks (for Stream Deck, Companion, scripts).
import { z } from 'zod';
import type { Route } from '../core/routes.js';
import { MESSAGE_CODES } from '../shared/messages/message.js';

type JsonSchema = Record<string, unknown>;

/** Strings the core trims before checking a minimum length need something besides spaces. */
function trimmedStrings(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const def = (ctx.zodSchema as { _zod?: { def?: { checks?: { _zod: { def: unknown } }[] } } })._zod
    ?.def;
  const trims = (def?.checks ?? []).some(
    (c) => (c._zod.def as { check?: string }).check === 'overwrite',
  );
  const json = ctx.jsonSchema;
  if (trims && json.type === 'string' && typeof json.minLength === 'number' && !json.pattern) {
    json.pattern = '\\S';
  }
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const json: JsonSchema = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: trimmedStrings,
  });
  delete json.$schema;
  return json;
}

const errorBody = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'The reason in English.' },
    message: {
      type: 'object',
      description: 'The reason as a code with parameters, for clients that word it themselves.',
      properties: {
        code: { type: 'string', enum: MESSAGE_CODES },
        params: { type: 'object' },
        details: { type: ['string', 'null'] },
      },
      required: ['code', 'params', 'details'],
    },
  },
  required: ['error', 'message'],
};

const jsonContent = (schema: JsonSchema) => ({ 'application/json': { schema } });

function operation(route: Route): JsonSchema {
  const names = route.path
    .split('/')
    .filter((part) => part.startsWith(':'))
    .map((part) => part.slice(1));
  const query = route.query ? Object.entries(route.query.shape) : [];
  const parameters = [
    ...names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...query.map(([name, schema]) => ({
      name,
      in: 'query',
      required: !(schema as z.ZodType).safeParse(undefined).success,
      schema: jsonSchemaOf(schema as z.ZodType),
    })),
  ];
  return {
    summary: route.summary,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: jsonContent(jsonSchemaOf(route.body)) } }
      : {}),
    ...(route.access === 'public' ? { security: [] } : {}),
    responses: {
      '200': { description: 'Done.', content: jsonContent({ type: 'object' }) },
      '400': {
        description: 'The request does not match this document.',
        content: jsonContent(errorBody),
      },
      '401': {
        description: 'The bearer token is missing or wrong.',
        content: jsonContent(errorBody),
      },
      '404': { description: 'Nothing with that id.', content: jsonContent(errorBody) },
      '409': {
        description: 'Not possible right now (the reason says why).',
        content: jsonContent(errorBody),
      },
    },
  };
}

export function openApiDocument(routes: readonly Route[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Panelcast control API',
      version,
      description:
        'Every changing route sends the same intent as the control UI. Send "Authorization: Bearer <token>" (the token panelcast serve prints).',
    },
    components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
    security: [{ token: [] }],
    paths,
  };
}

/** The route that serves the document; it describes itself too. */
export function openApiRoute(routes: readonly Route[], version: string): Route {
  let document: JsonSchema | null = null;
  const route: Route = {
    method: 'GET',
    path: '/api/openapi.json',
    access: 'public',
    summary: 'This document (no token).',
    body: null,
    query: null,
    handle: () => {
      document ??= openApiDocument([...routes, route], version);
      return { status: 200, body: document };
    },
  };
  return route;
}

// REST for the source registry: the form descriptions, and settings for any registered source
// (checked by that source's own schema, so the document can only say "an object").
import { z } from 'zod';
import type { IntentRegistry } from '../core/intent-registry.js';
import { statusFor, type Route } from '../core/routes.js';
import type { SourceRegistry } from './source-registry.js';

export function registryRoutes(intents: IntentRegistry, registry: SourceRegistry): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/sources/forms',
      access: 'sources:configure',
      summary: "Every source's settings form: JSON Schema with German and English labels.",
      body: null,
      query: null,
      handle: () => ({ status: 200, body: { forms: registry.forms() } }),
    },
    {
      method: 'PUT',
      path: '/api/sources/:source/settings',
      access: 'sources:configure',
      summary:
        'Settings for a registered source; GET /api/sources/forms has its schema. A string "secret" beside them is its token.',
      body: z.record(z.string(), z.unknown()),
      query: null,
      handle: async ({ params, body, principal }) => {
        const result = await intents.dispatch(
          'sources:configure',
          { source: params.source, ...withSecretApart(body) },
          { actor: principal?.name ?? 'REST', channel: 'rest', role: principal?.role ?? 'guest' },
        );
        if (result.ok) return { status: 200, body: { ok: true } };
        return {
          status: statusFor(result.kind),
          body: { error: result.error, message: result.message },
        };
      },
    },
  ];
}

/** A string "secret" beside the settings is the source's token; anything else is left to the check. */
function withSecretApart(body: unknown): { settings: unknown; secret?: unknown } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { settings: body };
  const { secret, ...settings } = body as Record<string, unknown>;
  return secret === undefined ? { settings } : { settings, secret };
}

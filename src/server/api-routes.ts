// The REST control API (for Stream Deck, Companion and scripts). Every changing route is a thin
// mapping onto the same intents the socket clients send, so both behave identically.
import type { ControlIntentName } from '../shared/protocol.js';
import type { StateHub } from '../shared/state-hub.js';
import type { IntentRegistry } from './intent-registry.js';
import { statusFor, type ApiRequest, type HttpMethod, type Route } from './rest-router.js';

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
      if (!result.ok) return { status: statusFor(result.kind), body: { error: result.error } };
      return { status: 200, body: { ok: true, ...result.value } };
    },
  };
}

export interface CoreRoutesDeps {
  hub: StateHub;
  intents: IntentRegistry;
  version: string;
}

export function coreRoutes({ hub, intents, version }: CoreRoutesDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      access: 'public',
      handle: () => ({ status: 200, body: { ok: true, version } }),
    },
    {
      method: 'GET',
      path: '/api/state',
      access: 'token',
      handle: () => ({ status: 200, body: hub.snapshot() }),
    },
    intentRoute(intents, 'PUT', '/api/show', 'show:setTitle', (request) => request.body),
  ];
}

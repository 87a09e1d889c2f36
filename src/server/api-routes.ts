// Routes that belong to no module: health and the whole state (the modules add their own).
import type { StateHub } from '../shared/state-hub.js';
import type { IntentRegistry } from '../core/intent-registry.js';
import { intentRoute, type Route } from '../core/routes.js';

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

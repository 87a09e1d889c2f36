// Routes that belong to no module: health and the whole state (the modules add their own).
import type { Route } from '../core/routes.js';
import type { StateHub } from '../shared/state-hub.js';

export interface CoreRoutesDeps {
  hub: StateHub;
  version: string;
}

export function coreRoutes({ hub, version }: CoreRoutesDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/health',
      access: 'public',
      summary: 'Whether the core runs, and its version (no token).',
      body: null,
      query: null,
      handle: () => ({ status: 200, body: { ok: true, version } }),
    },
    {
      method: 'GET',
      path: '/api/state',
      access: 'state:get',
      summary: 'The whole show state, as the control UI sees it.',
      body: null,
      query: null,
      handle: () => ({ status: 200, body: hub.snapshot() }),
    },
  ];
}

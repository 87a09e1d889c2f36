// REST for the show's lifecycle: the same intents the control UI sends.
import type { IntentRegistry } from '../../core/intent-registry.js';
import { intentRoute, type Route } from '../../core/routes.js';

export function lifecycleRoutes(intents: IntentRegistry): Route[] {
  return [
    intentRoute(intents, 'POST', '/api/shows', 'show:new', 'body'),
    intentRoute(intents, 'PUT', '/api/shows/current', 'show:plan', 'body'),
    intentRoute(intents, 'POST', '/api/shows/current/live', 'show:goLive', 'none'),
    intentRoute(intents, 'POST', '/api/shows/current/end', 'show:end', 'body'),
    intentRoute(intents, 'POST', '/api/shows/current/carry-over', 'show:carryOver', 'body'),
    intentRoute(intents, 'POST', '/api/shows/template', 'show:saveTemplate', 'none'),
  ];
}

// The show module: title, rundown with its segment starts, guests and their lower thirds, and
// "Set up OBS". The show steers OBS through the obs module's connection and driver.
import type { CoreModule, ModuleContext } from '../../core/module.js';
import { intentRoute } from '../../core/routes.js';
import type { ObsModule } from '../../obs/obs-module.js';
import { SegmentStartLog } from '../../store/segment-starts.js';
import { initialShow } from './rundown-intents.js';
import { registerShowIntents, showRoutes } from './show-intents.js';

export function createShowModule(ctx: ModuleContext, obs: ObsModule): CoreModule {
  const { hub, settings, audit, intents } = ctx;
  const starts = new SegmentStartLog(ctx.db);
  hub.update('app', (app) => ({ ...app, showTitle: settings.get('show.title') }));
  hub.set('rundown', initialShow({ starts, settings }).rundown);
  hub.set('guests', settings.get('show.guests'));

  // The port is known once the server answers; until then there is no overlay to point OBS at.
  let overlayUrl = '';
  const dispose = registerShowIntents(intents, {
    starts,
    hub,
    obs: obs.obs,
    driver: obs.lowerThirds,
    settings,
    audit,
    logger: ctx.logger.child('show'),
    overlayUrl: () => overlayUrl,
  });
  intents.handle('state:get', () => ({ state: hub.snapshot() }));
  intents.handle('show:setTitle', ({ title }, context) => {
    settings.set('show.title', title);
    audit.append({
      actor: context.actor,
      action: 'show:setTitle',
      target: null,
      detail: { title },
    });
    hub.update('app', (app) => ({ ...app, showTitle: title }));
    return {};
  });

  return {
    name: 'show',
    routes: [
      intentRoute(intents, 'PUT', '/api/show', 'show:setTitle', 'body'),
      ...showRoutes(intents),
    ],
    start: ({ url }) => {
      overlayUrl = `${url}overlay`;
      return Promise.resolve();
    },
    stop: () => {
      dispose();
      return Promise.resolve();
    },
  };
}

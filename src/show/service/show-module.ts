// The show module: the show's lifecycle and archive, title, rundown with its segment starts,
// guests and their lower thirds, and "Set up OBS" (through the obs module's connection).
import type { CoreModule, ModuleContext } from '../../core/module.js';
import { intentRoute } from '../../core/routes.js';
import type { ObsModule } from '../../obs/obs-module.js';
import type { QueueController } from '../../queue/service/queue-controller.js';
import { ArchiveStore } from '../../store/archive-store.js';
import { SegmentStartLog } from '../../store/segment-starts.js';
import { archiveRoutes, registerArchiveIntents } from './archive-intents.js';
import { lifecycleRoutes } from './lifecycle-routes.js';
import { publishShow, registerLifecycleIntents } from './lifecycle-intents.js';
import { PrivacyStore } from '../../store/privacy-store.js';
import { privacyRoutes, registerPrivacyIntents } from './privacy-intents.js';
import { initialShow } from './rundown-intents.js';
import { registerShowIntents, showRoutes } from './show-intents.js';
import { recordStreamEvents } from './stream-events.js';

export function createShowModule(
  ctx: ModuleContext,
  obs: ObsModule,
  queue: QueueController,
): CoreModule {
  const { hub, settings, audit, intents, shows } = ctx;
  const starts = new SegmentStartLog(ctx.db, shows);
  const archive = new ArchiveStore(ctx.db);
  hub.set('rundown', initialShow({ starts, settings }).rundown);
  publishShow({ shows, hub, settings, audit, starts });
  registerLifecycleIntents(intents, { shows, queue, starts, hub, settings, audit });
  registerArchiveIntents(intents, { shows, archive, starts });
  const stopRecording = recordStreamEvents(hub, archive, shows, (error) =>
    ctx.storage.fault(error),
  );
  const stopRetention = registerPrivacyIntents(intents, {
    privacy: new PrivacyStore(ctx.db),
    settings,
    audit,
    queue,
    logger: ctx.logger.child('privacy'),
    storageFault: (error) => ctx.storage.fault(error),
  });

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
    if (shows.current.state !== 'ended') hub.set('show', shows.update({ title }));
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
      ...lifecycleRoutes(intents),
      ...archiveRoutes(intents),
      ...privacyRoutes(intents),
    ],
    start: ({ url }) => {
      overlayUrl = `${url}overlay`;
      return Promise.resolve();
    },
    stop: () => {
      stopRecording();
      stopRetention();
      dispose();
      return Promise.resolve();
    },
  };
}

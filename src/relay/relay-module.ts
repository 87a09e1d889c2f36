// The relay module: the local RTMP ingest OBS streams to and one push per destination, with
// their intents and routes. A relay that cannot start is logged; the rest of the core runs on.
import type { CoreModule, ModuleContext } from '../core/module.js';
import type { ObsConnection } from '../obs/obs-connection.js';
import type { BackoffPolicy } from '../shared/backoff.js';
import { chosen } from '../shared/show.js';
import { RelayService, registerRelayIntents, relayRoutes } from './relay-service.js';

export interface RelayModule extends CoreModule {
  readonly relay: RelayService;
}

export function createRelayModule(
  ctx: ModuleContext,
  obs: ObsConnection,
  backoff: BackoffPolicy | undefined,
): RelayModule {
  const { hub, settings, secrets, audit, intents } = ctx;
  const logger = ctx.logger.child('relay');
  const relay = new RelayService({
    hub,
    chosen: (id) => chosen(ctx.shows.current.destinations, id),
    obs,
    settings,
    secrets,
    audit,
    logger,
    dataDir: ctx.dataDir,
    storageFault: (error) => ctx.storage.fault(error),
    ...(backoff ? { backoff } : {}),
  });
  registerRelayIntents(intents, relay);
  // A show that uses other destinations than the last: pushes follow it, also mid-stream.
  let applied = JSON.stringify(ctx.shows.current.destinations);
  const unsubscribe = hub.subscribe((slice) => {
    if (slice !== 'show') return;
    const next = JSON.stringify(hub.get('show').destinations);
    if (next === applied) return;
    applied = next;
    relay
      .applyShowChoice()
      .catch((error: unknown) => logger.error('applying the show choice failed', { error }));
  });
  return {
    name: 'relay',
    routes: relayRoutes(intents, hub),
    relay,
    start: () =>
      relay.start().catch((error: unknown) => logger.error('relay did not start', { error })),
    stop: () => {
      unsubscribe();
      return relay.stop();
    },
  };
}

// The OBS module: one connection to OBS with its state mirror, the lower-third driver that
// follows it, the producer's OBS intents and routes. Connects once the server answers.
import type { CoreModule, ModuleContext } from '../core/module.js';
import { LowerThirdDriver } from './lower-third-driver.js';
import { ObsConnection } from './obs-connection.js';
import { MONITOR_DEFAULTS, ProgramMonitor } from './program-monitor.js';
import {
  connectStoredObs,
  obsConfigSummary,
  obsRoutes,
  registerObsIntents,
} from './obs-intents.js';

export interface ObsModule extends CoreModule {
  readonly obs: ObsConnection;
  readonly lowerThirds: LowerThirdDriver;
}

export function createObsModule(ctx: ModuleContext): ObsModule {
  const { hub, settings, secrets, audit, intents } = ctx;
  const obs = new ObsConnection({
    logger: ctx.logger.child('obs'),
    onState: (state) => hub.set('obs', state),
    // The driver is built right below; OBS connects only in start(), long after.
    onConnected: () => lowerThirds.resync(),
  });
  const lowerThirds = new LowerThirdDriver(obs, hub, ctx.logger.child('lower-third'));
  const monitor = new ProgramMonitor(obs, ctx.logger.child('monitor'), MONITOR_DEFAULTS);
  const deps = { obs, monitor, hub, settings, secrets, audit };
  registerObsIntents(intents, deps);
  const lowerThirdSetup = settings.get('obs.lowerThirdSetup');
  lowerThirds.setSetup(lowerThirdSetup);
  hub.update('config', (c) => ({ ...c, ...obsConfigSummary(deps), lowerThird: lowerThirdSetup }));

  return {
    name: 'obs',
    routes: obsRoutes(intents),
    obs,
    lowerThirds,
    start: () => {
      connectStoredObs(deps);
      return Promise.resolve();
    },
    stop: async () => {
      lowerThirds.dispose();
      monitor.dispose();
      await obs.stop();
    },
  };
}

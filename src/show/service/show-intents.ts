// The show itself: its rundown (segments, "next segment", when each started), its guests and
// their lower thirds, and "Set up OBS" for lower thirds. Intents for socket and REST.
import crypto from 'node:crypto';
import type { LowerThirdDriver } from '../../obs/lower-third-driver.js';
import { DEFAULT_ACCENT, setUpLowerThird } from '../../obs/lower-third-setup.js';
import type { ObsConnection } from '../../obs/obs-connection.js';
import { UserError } from '../../shared/errors.js';
import { message } from '../../shared/messages/message.js';
import type { Logger } from '../../shared/logger.js';
import type { StateHub } from '../../shared/state-hub.js';
import type { Segment } from '../../shared/state.js';
import type { AuditLog } from '../../store/audit-log.js';
import type { SegmentStartLog } from '../../store/segment-starts.js';
import type { SettingsStore } from '../../store/settings-store.js';
import { intentRoute, type Route } from '../../core/routes.js';
import type { IntentRegistry } from '../../core/intent-registry.js';
import { registerRundownIntents } from './rundown-intents.js';

export interface ShowApiDeps {
  starts: SegmentStartLog;
  hub: StateHub;
  obs: ObsConnection;
  driver: LowerThirdDriver;
  settings: SettingsStore;
  audit: AuditLog;
  logger: Logger;
  /** The core's /overlay page, for the OBS browser source. */
  overlayUrl: () => string;
}

export const newId = (): string => crypto.randomBytes(6).toString('base64url');

/** The scenes asked for; by default every scene the rundown uses (that OBS has). */
function setupScenes(
  input: { scenes?: string[] | undefined; scene?: string | undefined },
  segments: Segment[],
  obsScenes: string[],
): string[] {
  const asked = [...(input.scenes ?? []), ...(input.scene ? [input.scene] : [])];
  if (asked.length > 0) return [...new Set(asked)];
  const fromRundown = [...new Set(segments.map((s) => s.scene))].filter(
    (scene): scene is string => scene !== null && obsScenes.includes(scene),
  );
  if (fromRundown.length === 0) {
    throw new UserError('invalid', message('show.pick_scenes'));
  }
  return fromRundown;
}

export function registerShowIntents(intents: IntentRegistry, deps: ShowApiDeps): () => void {
  const { hub, obs, driver, settings, audit } = deps;
  registerRundownIntents(intents, deps);
  let lowerThirdTimer: ReturnType<typeof setTimeout> | null = null;

  intents.handle('guests:set', ({ guests }, { actor }) => {
    const list = guests.map((g) => ({ ...g, id: g.id ?? newId(), handle: g.handle ?? null }));
    settings.set('show.guests', list);
    hub.set('guests', list);
    audit.append({ actor, action: 'guests:set', target: null, detail: { count: list.length } });
    return {};
  });

  intents.handle('lowerThird:show', async ({ guestId, seconds }, { actor }) => {
    const guest = hub.get('guests').find((g) => g.id === guestId);
    if (!guest) throw new UserError('not_found', message('show.no_guest', { id: guestId }));
    const ms = (seconds ?? 8) * 1000;
    const until = new Date(Date.now() + ms).toISOString();
    if (lowerThirdTimer) clearTimeout(lowerThirdTimer);
    hub.set('lowerThird', { guest, until });
    lowerThirdTimer = setTimeout(() => {
      lowerThirdTimer = null;
      if (hub.get('lowerThird')?.until === until) hub.set('lowerThird', null);
    }, ms);
    audit.append({
      actor,
      action: 'lowerThird:show',
      target: guest.id,
      detail: { seconds: ms / 1000 },
    });
    return { until, screen: await driver.settled() };
  });
  intents.handle('lowerThird:hide', () => {
    if (lowerThirdTimer) clearTimeout(lowerThirdTimer);
    lowerThirdTimer = null;
    hub.set('lowerThird', null);
    return {};
  });

  intents.handle('obs:setupLowerThird', async (input, { actor }) => {
    const previous = settings.get('obs.lowerThirdSetup');
    const scenes = setupScenes(input, hub.get('rundown').segments, obs.state.scenes);
    const report = await setUpLowerThird(obs, {
      scenes,
      mode: input.mode ?? 'auto',
      accent: input.accent ?? previous?.accent ?? DEFAULT_ACCENT,
      overlayUrl: deps.overlayUrl(),
      previous,
    });
    settings.set('obs.lowerThirdSetup', report.setup);
    driver.setSetup(report.setup);
    hub.update('config', (c) => ({ ...c, lowerThird: report.setup }));
    audit.append({
      actor,
      action: 'obs:setupLowerThird',
      target: scenes.join(', '),
      detail: report,
    });
    return {
      created: report.created,
      kept: report.kept,
      skipped: report.skipped,
      mode: report.setup.mode,
      scenes: report.setup.scenes,
      screen: await driver.settled(),
    };
  });
  // Whoever puts a question on air learns at once whether OBS shows it.
  intents.after('queue:air', async (value) => ({ ...value, screen: await driver.settled() }));

  return () => {
    if (lowerThirdTimer) clearTimeout(lowerThirdTimer);
  };
}

export function showRoutes(intents: IntentRegistry): Route[] {
  return [
    intentRoute(intents, 'POST', '/api/rundown/next', 'rundown:next', 'none'),
    intentRoute(intents, 'PUT', '/api/rundown', 'rundown:set', 'body'),
    intentRoute(intents, 'PUT', '/api/guests', 'guests:set', 'body'),
    intentRoute(intents, 'POST', '/api/lower-third', 'lowerThird:show', 'body'),
    intentRoute(intents, 'DELETE', '/api/lower-third', 'lowerThird:hide', 'none'),
    intentRoute(intents, 'POST', '/api/obs/setup', 'obs:setupLowerThird', 'body'),
  ];
}

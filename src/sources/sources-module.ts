// The sources module: every comment source (X, YouTube, the audience page) with its settings,
// status and intents; comments go into the queue module. Starts the saved sources on start.
import type { CoreModule, ModuleContext } from '../core/module.js';
import { chosen, showWindowStart } from '../shared/show.js';
import type { QueueController } from '../queue/service/queue-controller.js';
import type { AudienceLimits } from './audience-source.js';
import type { ConnectedAccounts } from './connected-accounts.js';
import { AudienceService } from './audience-service.js';
import { describeBuiltInSources } from './built-in-sources.js';
import { SourceManager } from './source-manager.js';
import { NotStored } from './source.js';
import { SourceRegistry } from './source-registry.js';
import { registryRoutes } from './registry-routes.js';
import {
  SourcesService,
  registerSourceIntents,
  sourceRoutes,
  sourcesSummary,
} from './sources-service.js';
import type { FacebookTimings } from './facebook-source.js';
import type { LinkedInTimings } from './linkedin-source.js';
import type { TwitchTimings } from './twitch-eventsub.js';
import { facebookDefinition, linkedinDefinition, twitchDefinition } from './platform-sources.js';
import { registerFediverse } from './fediverse-register.js';
import type { BlueskyTimings } from './bluesky-source.js';
import type { MastodonTimings } from './mastodon-source.js';
import type { XTimings } from './x-source.js';
import type { YouTubeTimings } from './youtube-source.js';

/** Shorter reconnect and poll timings and looser limits, for tests. */
export interface SourceTuning {
  /** PANELCAST_TEST_HOOKS=1: the X and YouTube API addresses may be pointed at fakes. */
  testHooks?: boolean;
  xTimings?: Partial<XTimings>;
  youtubeTimings?: Partial<YouTubeTimings>;
  facebookTimings?: Partial<FacebookTimings>;
  linkedinTimings?: Partial<LinkedInTimings>;
  twitchTimings?: Partial<TwitchTimings>;
  mastodonTimings?: Partial<MastodonTimings>;
  blueskyTimings?: Partial<BlueskyTimings>;
  audienceLimits?: Partial<AudienceLimits>;
}

export interface SourcesModule extends CoreModule {
  /** What the public /audience page talks to. */
  readonly audience: AudienceService;
  /** Every source with its form description; new platforms register here. */
  readonly registry: SourceRegistry;
}

export function createSourcesModule(
  ctx: ModuleContext,
  queue: QueueController,
  accounts: ConnectedAccounts,
  tuning: SourceTuning,
): SourcesModule {
  const { hub, settings, secrets, audit, intents } = ctx;
  const logger = ctx.logger.child('sources');
  const manager = new SourceManager({
    hub,
    logger,
    ingest: (comment) => {
      try {
        return queue.ingest(comment).outcome;
      } catch (error) {
        // Not stored, so not shown: the source keeps its place and fetches it again.
        if (ctx.storage.fault(error)) return 'unstored';
        throw error;
      }
    },
    retract: (platform, platformId) => {
      try {
        return queue.retract(platform, platformId) === 'retracted';
      } catch (error) {
        // Like a comment not stored: the source keeps its place and reads the deletion again.
        if (ctx.storage.fault(error)) throw new NotStored(platformId);
        throw error;
      }
    },
    notBefore: () => showWindowStart(ctx.shows.current),
  });
  const chosenNow = (id: string): boolean => chosen(ctx.shows.current.sources, id);
  const audience = new AudienceService(hub, queue);
  queue.setAirCheck((platform, platformId) => service.stillThere(platform, platformId));
  const service = new SourcesService({
    hub,
    manager,
    settings,
    secrets,
    audit,
    audience,
    logger,
    storage: ctx.storage,
    chosen: chosenNow,
    ...tuning,
    testHooks: tuning.testHooks ?? false,
  });
  registerSourceIntents(intents, service);
  const registry = new SourceRegistry({
    hub,
    manager,
    settings,
    audit,
    secrets,
    testHooks: tuning.testHooks ?? false,
    chosen: chosenNow,
    accounts,
    logger,
  });
  describeBuiltInSources(registry, settings);
  intents.handle('sources:configure', async ({ source, settings: values, secret }, { actor }) => {
    await registry.configure(source, values, actor, secret);
    return {};
  });
  hub.update('config', (c) => ({ ...c, ...sourcesSummary({ settings, secrets }) }));
  // Saving a hand-made source's settings changes what its form shows.
  hub.subscribe((slice) => {
    if (slice === 'config') registry.publish();
  });
  const followShow = followShowChoice(ctx, (id) =>
    id === 'x' || id === 'youtube' || id === 'audience' ? service.apply(id) : registry.reapply(id),
  );
  let unfollowAccounts = (): void => undefined;
  return {
    name: 'sources',
    routes: [...sourceRoutes(intents, hub), ...registryRoutes(intents, registry)],
    audience,
    registry,
    start: async () => {
      unfollowAccounts = registry.followAccounts();
      await service.startSaved();
      await registerPlatforms(registry, ctx, tuning);
      await registerFediverse(registry, ctx, tuning);
    },
    stop: () => {
      followShow();
      unfollowAccounts();
      return service.stop();
    },
  };
}

/**
 * When the current show or its choice of sources changes, starts or stops each source whose
 * use changed (one still in use keeps running, its connection untouched). Returns the unsubscribe.
 */
function followShowChoice(
  ctx: Pick<ModuleContext, 'hub' | 'logger' | 'shows'>,
  apply: (id: string) => Promise<void>,
): () => void {
  let applied = ctx.shows.current.sources;
  let queue = Promise.resolve();
  return ctx.hub.subscribe((slice) => {
    if (slice !== 'show') return;
    const next = ctx.hub.get('show').sources;
    const before = applied;
    applied = next;
    const ids = ctx.hub.get('sourceForms').map((s) => s.id);
    const changed = ids.filter((id) => chosen(before, id) !== chosen(next, id));
    if (changed.length === 0) return;
    // One change after the other: a quick second change never races the first.
    queue = queue.then(async () => {
      for (const id of changed) {
        await apply(id).catch((error: unknown) =>
          ctx.logger.child('sources').error('applying the show choice failed', { id, error }),
        );
      }
    });
  });
}

/** Facebook Live and LinkedIn: registered sources; their saved settings start them. */
async function registerPlatforms(
  registry: SourceRegistry,
  ctx: ModuleContext,
  tuning: SourceTuning,
): Promise<void> {
  const { settings } = ctx;
  const progress = {
    get: (video: string) => {
      const saved = settings.get('sources.facebook.after');
      return saved?.video === video ? saved.after : null;
    },
    set: (video: string, after: string) => {
      try {
        settings.set('sources.facebook.after', { video, after });
      } catch (error) {
        // Only matters after a restart, which then reads a little more again.
        if (!ctx.storage.fault(error)) throw error;
      }
    },
  };
  await registry.register(facebookDefinition(tuning.facebookTimings ?? {}, progress));
  const calls = {
    get: () => settings.get('sources.linkedin.calls'),
    // One small write per call (every few seconds at most): a restart keeps the day's count.
    set: (day: { day: string; used: number }) => {
      try {
        settings.set('sources.linkedin.calls', day);
      } catch (error) {
        if (!ctx.storage.fault(error)) throw error;
      }
    },
  };
  await registry.register(linkedinDefinition(tuning.linkedinTimings ?? {}, calls));
  await registry.register(twitchDefinition(tuning.twitchTimings ?? {}));
}

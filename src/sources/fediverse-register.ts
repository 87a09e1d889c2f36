// Registers Mastodon and Bluesky with the source registry; each keeps where it read up to per
// hashtag in the settings, so a restart reads on from there.
import type { ModuleContext } from '../core/module.js';
import type { BlueskyTimings } from './bluesky-source.js';
import { blueskyDefinition, mastodonDefinition, type TagProgress } from './fediverse-sources.js';
import type { MastodonTimings } from './mastodon-source.js';
import type { SourceRegistry } from './source-registry.js';

export async function registerFediverse(
  registry: SourceRegistry,
  ctx: ModuleContext,
  tuning: {
    mastodonTimings?: Partial<MastodonTimings>;
    blueskyTimings?: Partial<BlueskyTimings>;
  },
): Promise<void> {
  const { settings } = ctx;
  /** Only matters after a restart, which then reads a little more again. */
  const save = (write: () => void): void => {
    try {
      write();
    } catch (error) {
      if (!ctx.storage.fault(error)) throw error;
    }
  };
  const mastodon: TagProgress = {
    get: (tag) => {
      const saved = settings.get('sources.mastodon.sinceId');
      return saved?.tag === tag ? saved.sinceId : null;
    },
    set: (tag, sinceId) => save(() => settings.set('sources.mastodon.sinceId', { tag, sinceId })),
  };
  const bluesky: TagProgress = {
    get: (tag) => {
      const saved = settings.get('sources.bluesky.since');
      return saved?.tag === tag ? saved.since : null;
    },
    set: (tag, since) => save(() => settings.set('sources.bluesky.since', { tag, since })),
  };
  await registry.register(mastodonDefinition(tuning.mastodonTimings ?? {}, mastodon));
  await registry.register(blueskyDefinition(tuning.blueskyTimings ?? {}, bluesky));
}

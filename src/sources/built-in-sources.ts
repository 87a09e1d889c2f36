// The sources with hand-made forms (they take secrets), listed in the registry so the form
// description names every source the core has.
import { z } from 'zod';
import { xSettingsSchema, youtubeSettingsSchema } from '../shared/shapes.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { SourceRegistry } from './source-registry.js';

export function describeBuiltInSources(registry: SourceRegistry, settings: SettingsStore): void {
  const enabled = { en: 'On', de: 'An' };
  registry.describe({
    id: 'x',
    label: { en: 'X (hashtags)', de: 'X (Hashtags)' },
    settings: xSettingsSchema,
    fields: {
      enabled,
      hashtags: { en: 'Hashtags', de: 'Hashtags' },
      mode: { en: 'How to read', de: 'Wie gelesen wird' },
      apiBaseUrl: { en: 'API address', de: 'API-Adresse' },
    },
    saved: () => settings.get('sources.x'),
  });
  registry.describe({
    id: 'youtube',
    label: { en: 'YouTube live chat', de: 'YouTube-Livechat' },
    settings: youtubeSettingsSchema,
    fields: {
      enabled,
      video: { en: 'Live video URL or id', de: 'Adresse oder Kennung des Live-Videos' },
      rootUrl: { en: 'API address', de: 'API-Adresse' },
      grpcUrl: { en: 'Chat stream address', de: 'Adresse des Chat-Streams' },
    },
    saved: () => settings.get('sources.youtube'),
  });
  registry.describe({
    id: 'audience',
    label: { en: 'Audience page', de: 'Publikumsseite' },
    settings: z.object({ enabled: z.boolean() }),
    fields: { enabled },
    saved: () => settings.get('sources.audience'),
  });
}

// Mastodon and Bluesky as registered sources: their settings, the "what you need" text in both
// languages, the secret each takes (bound to the platform's hosts) and how each starts.
import { z } from 'zod';
import { blueskyPasswordHosts, mastodonTokenHosts } from '../shared/secret-hosts.js';
import {
  BLUESKY_HANDLE,
  BLUESKY_TAG,
  BlueskySource,
  type BlueskyTimings,
} from './bluesky-source.js';
import { MASTODON_TAG, MastodonSource, type MastodonTimings } from './mastodon-source.js';
import type { SourceDefinition } from './source-registry.js';

const enabled = { en: 'On', de: 'An' };
const hashtag = { en: 'Hashtag (without #)', de: 'Hashtag (ohne #)' };
const apiAddress = { en: 'API address (tests only)', de: 'API-Adresse (nur für Tests)' };
const testAddress = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .default(null)
  .transform((v) => (v === '' || v === null ? null : v));
const tagText = z
  .string()
  .trim()
  .max(100)
  .transform((v) => v.replace(/^#/, ''));
export const INSTANCE_URL = /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(:\d{1,5})?\/?$/i;

/** Where reading got to, kept per hashtag so that a new tag starts from the show's window. */
export interface TagProgress {
  get(tag: string): string | null;
  set(tag: string, value: string): void;
}

const mastodonSettings = z
  .object({
    enabled: z.boolean(),
    instanceUrl: z.string().trim().max(200),
    hashtag: tagText,
    apiBaseUrl: testAddress,
  })
  .refine((s) => !s.enabled || INSTANCE_URL.test(s.instanceUrl), {
    message: 'the instance address looks like https://mastodon.social',
    path: ['instanceUrl'],
  })
  .refine((s) => !s.enabled || MASTODON_TAG.test(s.hashtag), {
    message: 'a hashtag has only letters, digits and _',
    path: ['hashtag'],
  });

export function mastodonDefinition(
  timings: Partial<MastodonTimings>,
  progress: TagProgress,
): SourceDefinition<typeof mastodonSettings> {
  return {
    id: 'mastodon',
    label: { en: 'Mastodon hashtag', de: 'Mastodon-Hashtag' },
    settings: mastodonSettings,
    fields: {
      enabled,
      instanceUrl: { en: 'Your instance (https://…)', de: 'Deine Instanz (https://…)' },
      hashtag,
      apiBaseUrl: apiAddress,
    },
    help: {
      en: 'You need an account on a Mastodon instance and an access token from it: Preferences → Development → New application, scope read:statuses, then copy “Your access token”. Since Mastodon 4.2 the hashtag stream needs such a token. Panelcast reads the hashtag as your instance sees it: posts from other servers appear only once your instance knows them (someone there follows the author or the tag). The token is sent only to your instance. Deletions are reported and taken back; one made while the connection was down is caught by a check right before air. Instead of pasting a token you can connect your account in Settings → Connected accounts; its token is then used first and renewed before it runs out.',
      de: 'Du brauchst ein Konto auf einer Mastodon-Instanz und ein Zugriffstoken von dort: Einstellungen → Entwicklung → Neue Anwendung, Bereich read:statuses, dann „Dein Zugriffstoken“ kopieren. Seit Mastodon 4.2 braucht der Hashtag-Strom so ein Token. Panelcast liest den Hashtag so, wie deine Instanz ihn sieht: Beiträge anderer Server erscheinen erst, wenn deine Instanz sie kennt (jemand dort folgt der Person oder dem Hashtag). Das Token geht nur an deine Instanz. Löschungen werden gemeldet und zurückgenommen; eine während einer Verbindungslücke wird direkt vor der Sendung erkannt. Statt ein Token einzufügen, kannst du dein Konto unter Einstellungen → Verbundene Konten verbinden; dann wird zuerst dessen Token verwendet und vor dem Ablauf erneuert.',
    },
    secret: {
      name: 'mastodon.accessToken',
      what: 'mastodon_token',
      label: { en: 'Access token', de: 'Zugriffstoken' },
      hosts: (s) => mastodonTokenHosts(s.instanceUrl, s.apiBaseUrl),
      account: { platform: 'mastodon', refused: ['mastodon.unauthorized'] },
    },
    testHook: { field: 'apiBaseUrl', word: 'mastodon_api' },
    apply: async (settings, runner, token) => {
      if (!settings.enabled || token.from === 'none') return runner.stop();
      const tag = settings.hashtag;
      return runner.run(
        (context) =>
          new MastodonSource(
            {
              token: token.token,
              instanceUrl: settings.instanceUrl,
              hashtag: tag,
              apiBaseUrl: settings.apiBaseUrl,
              sinceId: progress.get(tag),
            },
            context,
            { timings, onProgress: (id) => progress.set(tag, id) },
          ),
      );
    },
  };
}

const blueskySettings = z
  .object({
    enabled: z.boolean(),
    handle: z
      .string()
      .trim()
      .max(253)
      .transform((v) => v.replace(/^@/, '')),
    hashtag: tagText,
    apiBaseUrl: testAddress,
  })
  .refine((s) => !s.enabled || BLUESKY_HANDLE.test(s.handle), {
    message: 'a handle looks like name.bsky.social',
    path: ['handle'],
  })
  .refine((s) => !s.enabled || BLUESKY_TAG.test(s.hashtag), {
    message: 'a hashtag has no spaces and at most 64 characters',
    path: ['hashtag'],
  });

export function blueskyDefinition(
  timings: Partial<BlueskyTimings>,
  progress: TagProgress,
): SourceDefinition<typeof blueskySettings> {
  return {
    id: 'bluesky',
    label: { en: 'Bluesky hashtag', de: 'Bluesky-Hashtag' },
    settings: blueskySettings,
    fields: {
      enabled,
      handle: { en: 'Your Bluesky handle', de: 'Dein Bluesky-Handle' },
      hashtag,
      apiBaseUrl: apiAddress,
    },
    help: {
      en: 'You need a Bluesky account on bsky.social and an app password for it (Settings → Privacy and security → App passwords); never use your main password. Bluesky allows post search only when signed in: its public API refuses search without an account. Panelcast searches for the hashtag within Bluesky’s rate limit, so posts arrive after a short delay. Bluesky search reports no deletions: Panelcast checks a post still exists right before it goes on air. The app password is sent only to bsky.social.',
      de: 'Du brauchst ein Bluesky-Konto auf bsky.social und ein App-Passwort dafür (Einstellungen → Privatsphäre und Sicherheit → App-Passwörter); nie dein Hauptpasswort. Bluesky erlaubt die Suche nach Beiträgen nur angemeldet: Die öffentliche API lehnt Suchen ohne Konto ab. Panelcast sucht den Hashtag im Rahmen von Blueskys Rate-Limit, Beiträge kommen also mit kurzer Verzögerung. Die Bluesky-Suche meldet keine Löschungen: Panelcast prüft direkt vor der Sendung, ob ein Beitrag noch da ist. Das App-Passwort geht nur an bsky.social.',
    },
    secret: {
      name: 'bluesky.appPassword',
      what: 'bluesky_password',
      label: { en: 'App password', de: 'App-Passwort' },
      hosts: (s) => blueskyPasswordHosts(s.apiBaseUrl),
      account: null,
    },
    testHook: { field: 'apiBaseUrl', word: 'bluesky_api' },
    apply: async (settings, runner, password) => {
      if (!settings.enabled || password.from !== 'pasted') return runner.stop();
      const tag = settings.hashtag;
      return runner.run(
        (context) =>
          new BlueskySource(
            {
              handle: settings.handle,
              appPassword: password.token(),
              hashtag: tag,
              apiBaseUrl: settings.apiBaseUrl,
              since: progress.get(tag),
            },
            context,
            { timings, onProgress: (since) => progress.set(tag, since) },
          ),
      );
    },
  };
}

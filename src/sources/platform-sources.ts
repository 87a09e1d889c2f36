// Facebook Live and LinkedIn as registered sources: their settings, the "what you need" text in
// both languages, the token each takes (bound to the platform's hosts) and how each starts.
import { z } from 'zod';
import {
  facebookTokenHosts,
  linkedinTokenHosts,
  twitchTokenHosts,
} from '../shared/secret-hosts.js';
import { FacebookSource, LIVE_VIDEO_ID, type FacebookTimings } from './facebook-source.js';
import { LinkedInSource, POST_URN, type CallDay, type LinkedInTimings } from './linkedin-source.js';
import type { SourceDefinition } from './source-registry.js';
import { TWITCH_CHANNEL } from './twitch-chat.js';
import type { TwitchTimings } from './twitch-eventsub.js';

const enabled = { en: 'On', de: 'An' };
const apiAddress = { en: 'API address (tests only)', de: 'API-Adresse (nur für Tests)' };
/** Empty means the platform's own address. */
const testAddress = z
  .string()
  .trim()
  .max(500)
  .nullable()
  .default(null)
  .transform((v) => (v === '' || v === null ? null : v));

const facebookSettings = z
  .object({
    enabled: z.boolean(),
    liveVideoId: z.string().trim().max(40),
    apiBaseUrl: testAddress,
  })
  .refine((s) => !s.enabled || LIVE_VIDEO_ID.test(s.liveVideoId), {
    message: 'the live video id is the number in the live video’s address',
    path: ['liveVideoId'],
  });

/** Where reading got to, kept per live video so that a new video starts from its beginning. */
export interface FacebookProgress {
  get(video: string): string | null;
  set(video: string, after: string): void;
}

export function facebookDefinition(
  timings: Partial<FacebookTimings>,
  progress: FacebookProgress,
): SourceDefinition<typeof facebookSettings> {
  return {
    id: 'facebook',
    label: { en: 'Facebook Live comments', de: 'Facebook-Live-Kommentare' },
    settings: facebookSettings,
    fields: {
      enabled,
      liveVideoId: { en: 'Live video id', de: 'Kennung des Live-Videos' },
      apiBaseUrl: apiAddress,
    },
    help: {
      en: 'You need a Facebook Page that goes live, a Meta app, and a page access token from a Page admin with pages_read_engagement and pages_read_user_content (Graph API Explorer or Business settings). Until Meta approves these permissions in App Review, only comments by the app’s own admins and testers can be read. The live video id is the number in the live video’s address. Facebook reports no deletions: Panelcast checks a comment still exists right before it goes on air. Instead of pasting a token you can connect the Facebook account in Settings → Connected accounts; its token is then used first.',
      de: 'Du brauchst eine Facebook-Seite, die live geht, eine Meta-App und ein Seiten-Zugriffstoken eines Seiten-Admins mit pages_read_engagement und pages_read_user_content (Graph API Explorer oder Business-Einstellungen). Bis Meta diese Berechtigungen im App Review freigibt, sind nur Kommentare von Admins und Testern der App lesbar. Die Kennung des Live-Videos ist die Zahl in seiner Adresse. Facebook meldet keine Löschungen: Panelcast prüft direkt vor der Sendung, ob ein Kommentar noch da ist. Statt ein Token einzufügen, kannst du das Facebook-Konto unter Einstellungen → Verbundene Konten verbinden; dann wird zuerst dessen Token verwendet.',
    },
    secret: {
      name: 'facebook.pageToken',
      what: 'facebook_token',
      label: { en: 'Page access token', de: 'Seiten-Zugriffstoken' },
      hosts: (s) => facebookTokenHosts(s.apiBaseUrl),
      account: { platform: 'facebook', refused: ['facebook.token_expired'] },
    },
    testHook: { field: 'apiBaseUrl', word: 'facebook_api' },
    apply: async (settings, runner, token) => {
      if (!settings.enabled || token.from === 'none') return runner.stop();
      return runner.run(
        (context) =>
          new FacebookSource(
            {
              pageToken: token.token,
              liveVideoId: settings.liveVideoId,
              apiBaseUrl: settings.apiBaseUrl,
              after: progress.get(settings.liveVideoId),
            },
            context,
            { timings, onProgress: (after) => progress.set(settings.liveVideoId, after) },
          ),
      );
    },
  };
}

const linkedinSettings = z
  .object({
    enabled: z.boolean(),
    postUrn: z.string().trim().max(100),
    dailyRequests: z.number().int().min(10).max(1_000_000).default(500),
    showMinutes: z.number().int().min(15).max(1440).default(180),
    apiBaseUrl: testAddress,
  })
  .refine((s) => !s.enabled || POST_URN.test(s.postUrn), {
    message: 'a post URN looks like urn:li:ugcPost:7123456789012345678',
    path: ['postUrn'],
  });

/** The day's LinkedIn call count, kept across restarts. */
export interface CallCount {
  get(): CallDay | null;
  set(calls: CallDay): void;
}

export function linkedinDefinition(
  timings: Partial<LinkedInTimings>,
  calls: CallCount,
): SourceDefinition<typeof linkedinSettings> {
  return {
    id: 'linkedin',
    label: { en: 'LinkedIn live comments', de: 'LinkedIn-Live-Kommentare' },
    settings: linkedinSettings,
    fields: {
      enabled,
      postUrn: { en: 'Live post URN', de: 'URN des Live-Beitrags' },
      dailyRequests: { en: 'Calls per day (app limit)', de: 'Aufrufe pro Tag (App-Limit)' },
      showMinutes: { en: 'Planned show length (minutes)', de: 'Geplante Sendedauer (Minuten)' },
      apiBaseUrl: apiAddress,
    },
    help: {
      en: 'Only an organization’s (company page’s) live post can be read: you need a LinkedIn app approved for the Community Management API, and an access token (r_organization_social) of a member who is an administrator of that organization. The live comments of a personal profile cannot be read by any app. LinkedIn has no live stream of comments, so Panelcast polls, spread over the show within your daily call limit (see the app’s Analytics in the Developer Portal); it gives apps no commenters’ names, so cards say “LinkedIn member”. LinkedIn reports no deletions: Panelcast checks a comment still exists right before it goes on air. Instead of pasting a token you can connect the LinkedIn account in Settings → Connected accounts; its token is then used first and renewed before it runs out.',
      de: 'Lesbar ist nur der Live-Beitrag einer Organisation (Unternehmensseite): Du brauchst eine für die Community Management API freigegebene LinkedIn-App und ein Zugriffstoken (r_organization_social) eines Mitglieds, das Administrator dieser Organisation ist. Die Live-Kommentare eines persönlichen Profils kann keine App lesen. LinkedIn bietet keinen Live-Strom von Kommentaren; Panelcast fragt deshalb regelmäßig nach, verteilt über die Sendung innerhalb deines Tageslimits (siehe Analytics der App im Developer Portal). Namen von Kommentierenden gibt LinkedIn Apps nicht heraus; Karten zeigen „LinkedIn member“. LinkedIn meldet keine Löschungen: Panelcast prüft direkt vor der Sendung, ob ein Kommentar noch da ist. Statt ein Token einzufügen, kannst du das LinkedIn-Konto unter Einstellungen → Verbundene Konten verbinden; dann wird zuerst dessen Token verwendet und vor dem Ablauf erneuert.',
    },
    secret: {
      name: 'linkedin.accessToken',
      what: 'linkedin_token',
      label: { en: 'Access token', de: 'Zugriffstoken' },
      hosts: (s) => linkedinTokenHosts(s.apiBaseUrl),
      account: { platform: 'linkedin', refused: ['linkedin.unauthorized'] },
    },
    testHook: { field: 'apiBaseUrl', word: 'linkedin_api' },
    apply: async (settings, runner, token) => {
      if (!settings.enabled || token.from === 'none') return runner.stop();
      return runner.run(
        (context) =>
          new LinkedInSource(
            {
              accessToken: token.token,
              postUrn: settings.postUrn,
              apiBaseUrl: settings.apiBaseUrl,
              dailyRequests: settings.dailyRequests,
              showMinutes: settings.showMinutes,
            },
            context,
            { timings, calls: calls.get(), onCalls: (day) => calls.set(day) },
          ),
      );
    },
  };
}

const twitchSettings = z
  .object({
    enabled: z.boolean(),
    channel: z
      .string()
      .trim()
      .max(25)
      .transform((v) => v.replace(/^#/, '')),
    clientId: z.string().trim().max(64).default(''),
    apiBaseUrl: testAddress,
  })
  .refine((s) => !s.enabled || TWITCH_CHANNEL.test(s.channel), {
    message: 'a Twitch channel name has only letters, digits and _',
    path: ['channel'],
  });

export function twitchDefinition(
  timings: Partial<TwitchTimings>,
): SourceDefinition<typeof twitchSettings> {
  return {
    id: 'twitch',
    label: { en: 'Twitch chat', de: 'Twitch-Chat' },
    settings: twitchSettings,
    fields: {
      enabled,
      channel: { en: 'Channel name', de: 'Kanalname' },
      clientId: { en: 'Client ID of your Twitch app', de: 'Client-ID deiner Twitch-App' },
      apiBaseUrl: apiAddress,
    },
    help: {
      en: 'Without an account Panelcast reads the channel’s chat anonymously and read-only (Twitch IRC). For the way Twitch recommends (EventSub), register an app in the Twitch developer console, enter its Client ID, and add a user access token of any Twitch account with the user:read:chat scope. Deleted messages and the messages of banned or timed-out chatters are taken back either way. Twitch keeps no chat history for apps: messages written while Panelcast was not connected (offline, restarting) cannot be fetched afterwards. Instead of the Client ID and token you can connect a Twitch account in Settings → Connected accounts; its app and token are then used, and the token is renewed before it runs out.',
      de: 'Ohne Konto liest Panelcast den Chat des Kanals anonym und nur lesend (Twitch IRC). Für den von Twitch empfohlenen Weg (EventSub) registriere eine App in der Twitch-Entwicklerkonsole, trage ihre Client-ID ein und füge ein Benutzer-Zugriffstoken eines beliebigen Twitch-Kontos mit dem Scope user:read:chat hinzu. Gelöschte Nachrichten und die Nachrichten gesperrter oder stummgeschalteter Personen werden in beiden Fällen zurückgenommen. Twitch bietet Apps keinen Chatverlauf: Nachrichten, die geschrieben wurden, während Panelcast nicht verbunden war (offline, Neustart), lassen sich nicht nachholen. Statt Client-ID und Token kannst du ein Twitch-Konto unter Einstellungen → Verbundene Konten verbinden; dann werden dessen App und Token verwendet, und das Token wird vor dem Ablauf erneuert.',
    },
    secret: {
      name: 'twitch.userToken',
      what: 'twitch_token',
      label: { en: 'User access token (optional)', de: 'Benutzer-Zugriffstoken (optional)' },
      hosts: (s) => twitchTokenHosts(s.apiBaseUrl),
      optional: true,
      // A revoked subscription (authorization_revoked) also means the token is no longer good.
      account: { platform: 'twitch', refused: ['twitch.unauthorized', 'twitch.revoked'] },
    },
    testHook: { field: 'apiBaseUrl', word: 'twitch_api' },
    apply: async (settings, runner, token) => {
      if (!settings.enabled) return runner.stop();
      const { channel, apiBaseUrl } = settings;
      // A connected account's token belongs to the app it was issued to: send that app's id.
      const clientId = (token.from === 'account' ? token.clientId : null) ?? settings.clientId;
      // The WebSocket client loads only for a Twitch source that runs (issue 11: memory).
      const [{ TwitchEventSubSource }, { TwitchIrcSource }] = await Promise.all([
        import('./twitch-eventsub.js'),
        import('./twitch-irc.js'),
      ]);
      return runner.run((context) =>
        token.from !== 'none' && clientId !== ''
          ? new TwitchEventSubSource(
              { channel, clientId, userToken: token.token, apiBaseUrl },
              context,
              timings,
            )
          : new TwitchIrcSource({ channel, apiBaseUrl }, context, timings),
      );
    },
  };
}

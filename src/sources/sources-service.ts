// Comment sources as the producer configures them: which run, with which hashtags and keys
// (secrets encrypted, never sent to clients), and their intents for socket and REST.
import { UserError } from '../shared/errors.js';
import { message } from '../shared/messages/message.js';
import { xTokenHosts, youtubeKeyHosts } from '../shared/secret-hosts.js';
import type { Logger } from '../shared/logger.js';
import type { StateHub } from '../shared/state-hub.js';
import type { XSettings, YouTubeSettings } from '../shared/state.js';
import { AudienceSource, type AudienceLimits } from './audience-source.js';
import type { QuotaDay } from './youtube-quota.js';
import type { YouTubeTimings } from './youtube-source.js';
import { YOUTUBE_GRPC_URL, videoIdFrom } from './youtube-video.js';
import type { AudienceService } from './audience-service.js';
import type { SourceManager } from './source-manager.js';
import type { XSource, XTimings } from './x-source.js';
import type { AuditLog } from '../store/audit-log.js';
import type { SecretStore } from '../store/secret-store.js';
import type { SettingsStore } from '../store/settings-store.js';
import type { StorageMonitor } from '../store/storage-monitor.js';
import { intentRoute, type Route } from '../core/routes.js';
import type { IntentRegistry } from '../core/intent-registry.js';

export interface SourcesApiDeps {
  hub: StateHub;
  manager: SourceManager;
  settings: SettingsStore;
  secrets: SecretStore;
  audit: AuditLog;
  logger: Logger;
  audience: AudienceService;
  /** True only where PANELCAST_TEST_HOOKS=1: platform API addresses may then be redirected. */
  testHooks: boolean;
  /** Answers writes that fail for outside reasons (disk full, database locked). */
  storage: Pick<StorageMonitor, 'fault'>;
  /** Whether the current show uses this source; one it does not use is not run. */
  chosen: (id: string) => boolean;
  /** Shorter reconnect and poll timings and looser limits, for tests. */
  xTimings?: Partial<XTimings>;
  youtubeTimings?: Partial<YouTubeTimings>;
  audienceLimits?: Partial<AudienceLimits>;
}

/** The hosts the YouTube key goes to with these settings. */
function youtubeHosts(settings: YouTubeSettings): string[] {
  return youtubeKeyHosts(settings.rootUrl, settings.grpcUrl);
}

/**
 * Where streamList is called: Google's gRPC host, or the test hook. A REST test address without
 * a gRPC one means list polling only: the key is bound to that address and goes nowhere else.
 */
function streamUrlFor(settings: YouTubeSettings): string | null {
  if (settings.grpcUrl !== null) return settings.grpcUrl;
  return settings.rootUrl === null ? YOUTUBE_GRPC_URL : null;
}

const X_TOKEN = 'x.bearer';
const YOUTUBE_KEY = 'youtube.apiKey';

/** What clients may know of the sources' settings: everything but the secrets themselves. */
export function sourcesSummary({
  settings,
  secrets,
}: Pick<SourcesApiDeps, 'settings' | 'secrets'>) {
  return {
    x: { ...settings.get('sources.x'), tokenSaved: secrets.has(X_TOKEN) },
    youtube: { ...settings.get('sources.youtube'), keySaved: secrets.has(YOUTUBE_KEY) },
    audience: settings.get('sources.audience'),
  };
}

export class SourcesService {
  /** The running X source, asked whether a post still exists before it goes on air. */
  #x: XSource | null = null;
  readonly #deps: SourcesApiDeps;
  #progressTimer: ReturnType<typeof setTimeout> | null = null;
  #pendingLastSeen: string | null = null;
  /** Applies per source so far: one that waited for its client library yields to a newer one. */
  readonly #applies = new Map<string, number>();

  constructor(deps: SourcesApiDeps) {
    this.#deps = deps;
  }

  /** Starts the sources saved in the settings. */
  async startSaved(): Promise<void> {
    await this.#applyAudience(this.#deps.settings.get('sources.audience').enabled);
    await this.#applyX(this.#deps.settings.get('sources.x'));
    await this.#applyYouTube(this.#deps.settings.get('sources.youtube'));
  }

  /** Starts or stops one hand-made source as its settings and the current show say. */
  async apply(id: 'x' | 'youtube' | 'audience'): Promise<void> {
    const { settings } = this.#deps;
    if (id === 'x') await this.#applyX(settings.get('sources.x'));
    else if (id === 'youtube') await this.#applyYouTube(settings.get('sources.youtube'));
    else await this.#applyAudience(settings.get('sources.audience').enabled);
  }

  async configureYouTube(
    settings: YouTubeSettings,
    key: string | undefined,
    actor: string,
  ): Promise<void> {
    const { secrets, audit } = this.#deps;
    if (videoIdFrom(settings.video) === null) {
      throw new UserError('invalid', `"${settings.video}" is not a YouTube video URL or id.`);
    }
    this.#refuseTestHook('rootUrl', settings.rootUrl);
    this.#refuseTestHook('grpcUrl', settings.grpcUrl);
    try {
      secrets.saveFor({
        name: YOUTUBE_KEY,
        typed: key,
        hosts: youtubeHosts(settings),
        previous: youtubeHosts(this.#deps.settings.get('sources.youtube')),
        what: 'youtube_key',
      });
    } finally {
      // A cleared secret shows as missing at once, also when this call is refused, and the
      // source that used it stops.
      this.#publishConfig();
      if (!secrets.has(YOUTUBE_KEY)) await this.#deps.manager.remove('youtube');
    }
    if (settings.enabled && !secrets.has(YOUTUBE_KEY)) {
      throw new UserError(
        'invalid',
        'YouTube needs an API key (YouTube Data API v3) from the Google Cloud console.',
      );
    }
    this.#deps.settings.set('sources.youtube', settings);
    audit.append({
      actor,
      action: 'sources:configureYouTube',
      target: null,
      detail: { ...settings, keyChanged: key !== undefined },
    });
    this.#publishConfig();
    await this.#applyYouTube(settings);
  }

  async configureAudience(enabled: boolean, actor: string): Promise<void> {
    this.#deps.settings.set('sources.audience', { enabled });
    this.#deps.audit.append({
      actor,
      action: 'sources:configureAudience',
      target: null,
      detail: { enabled },
    });
    this.#publishConfig();
    await this.#applyAudience(enabled);
  }

  /** API addresses other than the platforms' own exist for tests; releases refuse them. */
  #refuseTestHook(field: 'apiBaseUrl' | 'rootUrl' | 'grpcUrl', value: string | null): void {
    if (value !== null && !this.#deps.testHooks) {
      throw new UserError('invalid', message('secrets.test_hooks_off', { field }));
    }
  }

  #publishConfig(): void {
    this.#deps.hub.update('config', (c) => ({ ...c, ...sourcesSummary(this.#deps) }));
  }

  /** Counts an apply of source `id`; the function says whether it is still the newest. */
  #newest(id: string): () => boolean {
    const turn = (this.#applies.get(id) ?? 0) + 1;
    this.#applies.set(id, turn);
    return () => this.#applies.get(id) === turn;
  }

  async #applyYouTube(settings: YouTubeSettings): Promise<void> {
    const { manager, secrets } = this.#deps;
    const newest = this.#newest('youtube');
    const key = secrets.getFor(YOUTUBE_KEY, youtubeHosts(settings));
    if (!settings.enabled || key === null || !this.#deps.chosen('youtube')) {
      await manager.remove('youtube');
      return;
    }
    // The Google client and gRPC load only for a YouTube source that runs (issue 11: memory).
    const { YouTubeSource } = await import('./youtube-source.js');
    if (!newest()) return;
    await manager.run(
      'youtube',
      'youtube',
      'YouTube live chat',
      (context) =>
        new YouTubeSource(
          {
            apiKey: key,
            video: settings.video,
            rootUrl: settings.rootUrl,
            showMinutes: settings.showMinutes,
            streamUrl: streamUrlFor(settings),
          },
          context,
          {
            timings: this.#deps.youtubeTimings ?? {},
            quota: this.#deps.settings.get('sources.youtube.quota'),
            // One small write per request (every few seconds): a restart keeps the day's count.
            onQuota: (day) => this.#saveQuota(day),
          },
        ),
    );
  }

  async #applyAudience(enabled: boolean): Promise<void> {
    const { manager, audience } = this.#deps;
    if (!enabled || !this.#deps.chosen('audience')) {
      audience.attach(null);
      await manager.remove('audience');
      return;
    }
    await manager.run('audience', 'audience', 'Audience page', (context) => {
      const source = new AudienceSource(context, this.#deps.audienceLimits ?? {});
      audience.attach(source);
      return source;
    });
  }

  async configureX(settings: XSettings, token: string | undefined, actor: string): Promise<void> {
    const { secrets, audit } = this.#deps;
    this.#refuseTestHook('apiBaseUrl', settings.apiBaseUrl);
    try {
      secrets.saveFor({
        name: X_TOKEN,
        typed: token,
        hosts: xTokenHosts(settings.apiBaseUrl),
        previous: xTokenHosts(this.#deps.settings.get('sources.x').apiBaseUrl),
        what: 'x_token',
      });
    } finally {
      // A cleared secret shows as missing at once, also when this call is refused, and the
      // source that used it stops.
      this.#publishConfig();
      if (!secrets.has(X_TOKEN)) await this.#deps.manager.remove('x');
    }
    if (settings.enabled && !secrets.has(X_TOKEN)) {
      throw new UserError(
        'invalid',
        'X needs a bearer token: add the one from your X developer app.',
      );
    }
    const previous = this.#deps.settings.get('sources.x');
    // New hashtags start fresh: the old last-seen id belongs to another search.
    if (previous.hashtags.join() !== settings.hashtags.join()) {
      this.#deps.settings.set('sources.x.lastSeenId', null);
    }
    this.#deps.settings.set('sources.x', settings);
    audit.append({
      actor,
      action: 'sources:configureX',
      target: null,
      detail: { ...settings, tokenChanged: token !== undefined },
    });
    this.#publishConfig();
    await this.#applyX(settings);
  }

  async stop(): Promise<void> {
    this.#flushProgress();
    await this.#deps.manager.stopAll();
  }

  async #applyX(settings: XSettings): Promise<void> {
    const { manager, secrets } = this.#deps;
    const newest = this.#newest('x');
    const token = secrets.getFor(X_TOKEN, xTokenHosts(settings.apiBaseUrl));
    if (
      !settings.enabled ||
      token === null ||
      settings.hashtags.length === 0 ||
      !this.#deps.chosen('x')
    ) {
      this.#x = null;
      await manager.remove('x');
      return;
    }
    // twitter-api-v2 loads only for an X source that runs (issue 11: memory).
    const { XSource } = await import('./x-source.js');
    if (!newest()) return;
    await manager.run('x', 'x', `X ${settings.hashtags.join(' ')}`, (context) => {
      this.#x = new XSource(
        {
          ...settings,
          bearerToken: token,
          lastSeenId: this.#deps.settings.get('sources.x.lastSeenId'),
        },
        context,
        { timings: this.#deps.xTimings ?? {}, onProgress: (id) => this.#saveProgress(id) },
      );
      return this.#x;
    });
  }

  /**
   * Right before a post goes on air: is it still there? Only asked of platforms that report no
   * deletions and that Panelcast reads (X, Facebook, LinkedIn); null where it cannot tell.
   */
  async stillThere(platform: string, platformId: string): Promise<boolean | null> {
    if (platformId.startsWith('by-hand-')) return null;
    if (platform === 'x') return this.#x === null ? null : this.#x.stillThere(platformId);
    return this.#deps.manager.stillThere(platform, platformId);
  }

  /**
   * Keeps YouTube's count of the day's quota for a restart. A full disk or locked database must
   * not fail the chat request it was counted for: the count stays in memory and is saved with
   * the next request once writes work.
   */
  #saveQuota(day: QuotaDay): void {
    try {
      this.#deps.settings.set('sources.youtube.quota', day);
    } catch (error) {
      if (!this.#deps.storage.fault(error)) throw error;
    }
  }

  /** The last-seen id changes with every post; it is written at most every few seconds. */
  #saveProgress(id: string): void {
    this.#pendingLastSeen = id;
    this.#progressTimer ??= setTimeout(() => this.#flushProgress(), 3000);
  }

  #flushProgress(): void {
    if (this.#progressTimer) clearTimeout(this.#progressTimer);
    this.#progressTimer = null;
    if (this.#pendingLastSeen === null) return;
    try {
      this.#deps.settings.set('sources.x.lastSeenId', this.#pendingLastSeen);
      this.#pendingLastSeen = null;
    } catch (error) {
      // Kept and tried again: the saved cursor only matters after a restart.
      if (!this.#deps.storage.fault(error)) throw error;
      this.#progressTimer = setTimeout(() => this.#flushProgress(), 3000);
    }
  }
}

export function registerSourceIntents(intents: IntentRegistry, service: SourcesService): void {
  intents.handle(
    'sources:configureX',
    async ({ bearerToken, apiBaseUrl, hashtags, ...rest }, { actor }) => {
      const tags = [...new Set(hashtags.map((h) => (h.startsWith('#') ? h : `#${h}`)))];
      await service.configureX(
        { ...rest, hashtags: tags, apiBaseUrl: apiBaseUrl ?? null },
        bearerToken,
        actor,
      );
      return {};
    },
  );
  intents.handle('sources:configureYouTube', async ({ apiKey, rootUrl, grpcUrl, ...rest }, ctx) => {
    const settings = { ...rest, rootUrl: rootUrl ?? null, grpcUrl: grpcUrl ?? null };
    await service.configureYouTube(settings, apiKey, ctx.actor);
    return {};
  });
  intents.handle('sources:configureAudience', async ({ enabled }, { actor }) => {
    await service.configureAudience(enabled, actor);
    return {};
  });
}

export function sourceRoutes(intents: IntentRegistry, hub: StateHub): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/sources',
      access: 'state:get',
      summary: 'Every comment source with its status and counters.',
      body: null,
      query: null,
      handle: () => ({ status: 200, body: { sources: hub.get('sources') } }),
    },
    intentRoute(intents, 'PUT', '/api/sources/x', 'sources:configureX', 'body'),
    intentRoute(intents, 'PUT', '/api/sources/youtube', 'sources:configureYouTube', 'body'),
    intentRoute(intents, 'PUT', '/api/sources/audience', 'sources:configureAudience', 'body'),
  ];
}

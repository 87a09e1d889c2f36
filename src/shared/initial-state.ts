// The state a core starts from before any module fills in its part: nothing configured,
// nothing connected, an empty queue.
import { INITIAL_ROOM } from './guest-room.js';
import { message } from './messages/message.js';
import { COMMENT_STATUSES, type CommentStatus } from './comment.js';
import { OBS_NOT_CONFIGURED, emptyObsState } from './obs-state.js';
import { INITIAL_SCREEN } from './on-screen.js';
import type { RelayState, ShowState } from './state.js';

export const INITIAL_RELAY: RelayState = {
  ingest: { state: 'starting', message: message('relay.add_destination'), serverUrl: null },
  destinations: [],
  stream: null,
  upload: null,
};

export function initialState(
  version: string,
  showTitle: string | null,
  lan: boolean,
  publicUrl: string | null = null,
): ShowState {
  const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<
    CommentStatus,
    number
  >;
  const startedAt = new Date().toISOString();
  return {
    app: {
      version,
      showTitle,
      startedAt,
      lan,
      audienceUrl: publicUrl === null ? null : `${publicUrl}audience`,
    },
    // Replaced by the stored current show before any client connects.
    show: {
      id: 0,
      title: showTitle ?? '',
      hashtags: [],
      plannedStart: null,
      preShowMin: 30,
      sources: null,
      destinations: null,
      state: 'planned',
      createdAt: startedAt,
      liveAt: null,
      endedAt: null,
    },
    config: {
      obsUrl: null,
      obsPasswordSaved: false,
      lowerThird: null,
      x: { enabled: false, hashtags: [], mode: 'auto', apiBaseUrl: null, tokenSaved: false },
      youtube: {
        enabled: false,
        video: '',
        rootUrl: null,
        grpcUrl: null,
        showMinutes: 180,
        keySaved: false,
      },
      audience: { enabled: true },
      secretsToReenter: [],
    },
    rundown: { segments: [], index: -1, startedAt: null, starts: [] },
    guests: [],
    room: INITIAL_ROOM,
    lowerThird: null,
    screen: INITIAL_SCREEN,
    obs: emptyObsState('not_configured', OBS_NOT_CONFIGURED, null),
    sources: [],
    sourceForms: [],
    relay: INITIAL_RELAY,
    queue: { counts, onAir: null, order: [], blocklist: { words: [], authors: [] } },
    diagnostics: { rejectedInputs: {}, storage: { fault: null, since: null, faults: {} } },
  };
}

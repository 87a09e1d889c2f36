// The gRPC message definitions Panelcast ships must carry Google's field numbers: a wrong number
// does not fail, it silently decodes as nothing (a chat with no text, a deletion never seen).
// The table below is copied from Google's published stream_list.proto, linked from
// https://developers.google.com/youtube/v3/live/streaming-live-chat (liveChatMessages.streamList).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { STREAM_LIST_PATH } from '../../src/sources/youtube-stream.js';

/** message → field → [number, type, rule] as in the published stream_list.proto. */
const PUBLISHED: Record<string, Record<string, [number, string, 'optional' | 'repeated']>> = {
  LiveChatMessageListRequest: {
    live_chat_id: [1, 'string', 'optional'],
    hl: [2, 'string', 'optional'],
    profile_image_size: [3, 'uint32', 'optional'],
    max_results: [98, 'uint32', 'optional'],
    page_token: [99, 'string', 'optional'],
    part: [100, 'string', 'repeated'],
  },
  LiveChatMessageListResponse: {
    kind: [200, 'string', 'optional'],
    etag: [201, 'string', 'optional'],
    offline_at: [2, 'string', 'optional'],
    page_info: [1004, 'PageInfo', 'optional'],
    next_page_token: [100602, 'string', 'optional'],
    items: [1007, 'LiveChatMessage', 'repeated'],
  },
  LiveChatMessage: {
    kind: [200, 'string', 'optional'],
    etag: [201, 'string', 'optional'],
    id: [101, 'string', 'optional'],
    snippet: [2, 'LiveChatMessageSnippet', 'optional'],
    author_details: [3, 'LiveChatMessageAuthorDetails', 'optional'],
  },
  LiveChatMessageAuthorDetails: {
    channel_id: [10101, 'string', 'optional'],
    channel_url: [102, 'string', 'optional'],
    display_name: [103, 'string', 'optional'],
    profile_image_url: [104, 'string', 'optional'],
    is_verified: [4, 'bool', 'optional'],
    is_chat_owner: [5, 'bool', 'optional'],
    is_chat_sponsor: [6, 'bool', 'optional'],
    is_chat_moderator: [7, 'bool', 'optional'],
  },
  LiveChatMessageSnippet: {
    type: [1, 'TypeWrapper.Type', 'optional'],
    live_chat_id: [201, 'string', 'optional'],
    author_channel_id: [301, 'string', 'optional'],
    published_at: [4, 'string', 'optional'],
    has_display_content: [17, 'bool', 'optional'],
    display_message: [16, 'string', 'optional'],
    text_message_details: [19, 'LiveChatTextMessageDetails', 'optional'],
    message_deleted_details: [20, 'LiveChatMessageDeletedDetails', 'optional'],
    message_retracted_details: [21, 'LiveChatMessageRetractedDetails', 'optional'],
    user_banned_details: [22, 'LiveChatUserBannedMessageDetails', 'optional'],
    super_chat_details: [27, 'LiveChatSuperChatDetails', 'optional'],
  },
  LiveChatTextMessageDetails: { message_text: [1, 'string', 'optional'] },
  LiveChatMessageDeletedDetails: { deleted_message_id: [101, 'string', 'optional'] },
  LiveChatMessageRetractedDetails: { retracted_message_id: [201, 'string', 'optional'] },
  LiveChatUserBannedMessageDetails: {
    banned_user_details: [1, 'ChannelProfileDetails', 'optional'],
    ban_type: [2, 'BanTypeWrapper.BanType', 'optional'],
    ban_duration_seconds: [4, 'uint64', 'optional'],
  },
  LiveChatSuperChatDetails: {
    amount_micros: [1, 'uint64', 'optional'],
    currency: [2, 'string', 'optional'],
    amount_display_string: [3, 'string', 'optional'],
    user_comment: [4, 'string', 'optional'],
    tier: [5, 'uint32', 'optional'],
  },
  ChannelProfileDetails: {
    channel_id: [101, 'string', 'optional'],
    channel_url: [2, 'string', 'optional'],
    display_name: [3, 'string', 'optional'],
    profile_image_url: [4, 'string', 'optional'],
  },
  PageInfo: {
    total_results: [1, 'int32', 'optional'],
    results_per_page: [2, 'int32', 'optional'],
  },
};

const PUBLISHED_TYPES: Record<string, number> = {
  INVALID_TYPE: 0,
  TEXT_MESSAGE_EVENT: 1,
  TOMBSTONE: 2,
  FAN_FUNDING_EVENT: 3,
  CHAT_ENDED_EVENT: 4,
  SPONSOR_ONLY_MODE_STARTED_EVENT: 5,
  SPONSOR_ONLY_MODE_ENDED_EVENT: 6,
  NEW_SPONSOR_EVENT: 7,
  MEMBER_MILESTONE_CHAT_EVENT: 17,
  MEMBERSHIP_GIFTING_EVENT: 18,
  GIFT_MEMBERSHIP_RECEIVED_EVENT: 19,
  MESSAGE_DELETED_EVENT: 8,
  MESSAGE_RETRACTED_EVENT: 9,
  USER_BANNED_EVENT: 10,
  SUPER_CHAT_EVENT: 15,
  SUPER_STICKER_EVENT: 16,
  POLL_EVENT: 20,
};

const protoFile = fileURLToPath(new URL('../../src/sources/youtube-stream.proto', import.meta.url));
const { root } = protobuf.parse(fs.readFileSync(protoFile, 'utf8'), { keepCase: true });
const pkg = 'youtube.api.v3';

describe('youtube-stream.proto against the published stream_list.proto', () => {
  it.each(Object.entries(PUBLISHED))('%s has the published numbers and types', (name, fields) => {
    const type = root.lookupType(`${pkg}.${name}`);
    for (const [field, [id, kind, rule]] of Object.entries(fields)) {
      const f = type.fields[field];
      expect(f, `${name}.${field}`).toBeDefined();
      expect([f?.id, f?.type, f?.repeated ? 'repeated' : 'optional'], `${name}.${field}`).toEqual([
        id,
        kind,
        rule,
      ]);
    }
  });

  it('declares no field that the table (and so Google) does not have', () => {
    for (const name of Object.keys(PUBLISHED)) {
      const ours = Object.keys(root.lookupType(`${pkg}.${name}`).fields);
      expect(
        ours.filter((f) => !(f in (PUBLISHED[name] ?? {}))),
        name,
      ).toEqual([]);
    }
    const messages = root.lookup(pkg) as protobuf.Namespace;
    const declared = messages.nestedArray
      .filter((n): n is protobuf.Type => n instanceof protobuf.Type)
      .map((t) => t.name);
    expect(declared.filter((n) => !(n in PUBLISHED))).toEqual([]);
  });

  it('has the published message types and ban types', () => {
    expect(root.lookupEnum(`${pkg}.LiveChatMessageSnippet.TypeWrapper.Type`).values).toEqual(
      PUBLISHED_TYPES,
    );
    expect(
      root.lookupEnum(`${pkg}.LiveChatUserBannedMessageDetails.BanTypeWrapper.BanType`).values,
    ).toEqual({ PERMANENT: 1, TEMPORARY: 2 });
  });

  it('ships with the build: the compiled client loads it from next to itself', () => {
    // global-setup builds dist/ when it is missing; `npm run build` copies the .proto there.
    const built = fileURLToPath(
      new URL('../../dist/src/sources/youtube-stream.proto', import.meta.url),
    );
    expect(fs.readFileSync(built, 'utf8')).toBe(fs.readFileSync(protoFile, 'utf8'));
  });

  it('is the server-streaming StreamList method the client calls', () => {
    const method = root.lookupService(`${pkg}.V3DataLiveChatMessageService`).methods.StreamList;
    expect(method?.requestType).toBe('LiveChatMessageListRequest');
    expect(method?.responseType).toBe('LiveChatMessageListResponse');
    expect(method?.responseStream).toBe(true);
    expect(method?.requestStream).toBeFalsy();
    expect(STREAM_LIST_PATH).toBe(`/${pkg}.V3DataLiveChatMessageService/StreamList`);
  });
});

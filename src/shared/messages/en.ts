// English texts for every code the core sends (see message.ts). The German ones in de.ts must
// name the same codes; a test walks the list.

const codes = {
  'intent.invalid': 'Invalid {{intent}} request:',
  'intent.unavailable': '{{intent}} is not available in this version.',
  'intent.internal':
    '{{intent}} failed because of an internal error; details are in the Panelcast log.',

  'request.unknown': 'Unknown request "{{event}}".',
  'request.refused': 'The request was refused:',
  'request.offline': 'Not connected to the Panelcast core.',
  'request.timeout': 'The Panelcast core did not answer in time.',

  'access.forbidden': 'As {{role}} you may not do this ({{intent}}); ask a producer.',
  'access.person_not_found': 'No person with id {{id}}.',

  'queue.not_found': 'No comment with id {{id}}.',
  'queue.cannot': 'Cannot {{action}}: {{state}}.',
  'queue.state': 'it is {{status}}',
  'queue.state_by': 'it is already {{status}} (by {{by}})',
  'queue.state_gone': 'it is gone',
  'queue.pin_only_approved': 'Only approved questions can be {{pin}}; {{state}}.',
  'queue.already_pinned': 'It is already pinned.',
  'queue.not_pinned': 'It is not pinned.',
  'queue.move_only_approved': 'Only approved questions can be reordered; {{state}}.',
  'queue.split_only_incoming': 'Only incoming cards can be split; {{state}}.',
  'queue.not_grouped': 'This comment is not grouped with others.',
  'queue.by_hand_invalid': 'That question could not be added; check its text.',
  'queue.gone_on_platform':
    'This post was deleted on {{site}}, so it cannot go on air; it was taken out of the queue.',
  'queue.nothing_to_air': 'Nothing to put on air: the approved queue is empty.',
  'queue.nothing_on_air': 'Nothing is on air.',
  'queue.nothing_to_undo': 'Nothing to undo.',
  'queue.undo_changed': 'Cannot undo your last {{last}}: it has changed since.',
  'queue.undo_changed_by': 'Cannot undo your last {{last}}: {{by}} has changed it since.',
  'queue.undo_air_changed': 'Cannot undo your last {{last}}: what is on air has changed since.',
  'queue.now_empty': 'The approved queue is empty; nothing is on air now.',

  'show.not_planned': 'The show is {{state}}; only a planned show can go live.',
  'show.already_ended': 'The show has already ended.',
  'show.not_ended': 'End the current show first: it is {{state}}.',
  'show.not_found': 'No show with id {{id}}.',
  'show.no_template':
    'No template is saved yet: save one from a show first, or duplicate the last show.',
  'show.nothing_to_carry': 'None of these are approved, unaired questions of an ended show.',
  'show.unknown_source': 'There is no comment source "{{source}}".',
  'show.unknown_destination': 'There is no destination "{{destination}}".',
  'relay.not_in_show': 'Not used in this show.',

  'audience.ended': 'The show has ended; questions are closed.',
  'audience.open': 'Open: viewers can ask on the /audience page.',
  'sources.not_stored':
    'Comments cannot be saved right now; they are fetched again once saving works.',
  'audience.closed': 'Questions are closed right now.',
  'audience.too_long': 'Questions can be at most {{max}} characters.',
  'audience.too_short': 'Please write a question of at least 3 characters.',
  'audience.name_too_long': 'Names can be at most 40 characters.',
  'audience.invalid': 'That could not be read. Please try again.',
  'audience.wait': 'Please wait {{seconds}} s before asking again.',
  'audience.device_limit':
    'You have asked many questions in a short time. You can ask again in {{minutes}} min.',
  'audience.network_limit':
    'Many questions are arriving from your network. Please try again in a minute.',
  'audience.already_voted': 'You already voted for this question.',
  'audience.not_votable': 'That question is not open for votes any more.',
  'audience.vote_limit': 'You are voting very fast. Please wait {{seconds}} s.',
  'audience.no_device':
    'Too many new phones from your network just now. Please reload this page in {{seconds}} s.',
  'audience.retry': 'Your question could not be saved just now. Please try again in a moment.',

  'storage.full': 'Cannot save: the disk holding {{dir}} is full. Free some space there.',
  'storage.busy':
    'Cannot save: another program is holding the database in {{dir}}. Close it, or try again.',
  'storage.io': 'Cannot save: the disk holding {{dir}} reports a read or write error.',
  'storage.readonly': 'Cannot save: the database in {{dir}} is read-only.',

  'secrets.reenter':
    'The address changed to {{host}}: type the {{what}} again. The saved one was deleted so that it is never sent to another server.',
  'secrets.bound_elsewhere':
    'The saved {{what}} belongs to another address: type it again for {{host}}.',
  'secrets.test_hooks_off':
    '{{field}} redirects a platform to another server and is only for tests (start with PANELCAST_TEST_HOOKS=1).',

  'facebook.not_a_video':
    '"{{video}}" is not a Facebook live video id (the number in the live video\'s address).',
  'facebook.connecting': 'Connecting to the live comments of video {{video}}…',
  'facebook.live': 'Receiving the comments of live video {{video}} as they are written.',
  'facebook.polling':
    'Reading the comments of live video {{video}} every {{seconds}} s (Facebook offers no live connection).',
  'facebook.dropped':
    'The connection to Facebook was lost or went quiet; reading what was missed and reconnecting in {{seconds}} s.',
  'facebook.retrying': 'Facebook answered {{status}}. Trying again in {{seconds}} s.',
  'facebook.rate_limited':
    'Facebook limits how often this app may ask (code {{code}}); waiting until {{time}}.',
  'facebook.token_expired':
    'Facebook says the page access token expired or was revoked: create a new one and save it.',
  'facebook.permission':
    'The page access token lacks a permission (pages_read_engagement, pages_read_user_content), or its user does not manage the Page:',
  'facebook.app_review':
    "Facebook has not approved this app for what it needs (App Review); until it does, only the app's own admins and testers can be read:",
  'facebook.not_found': 'Facebook knows no live video {{video}} that this page token can see:',
  'linkedin.not_a_post':
    '"{{post}}" is not a LinkedIn post URN (urn:li:share:…, urn:li:ugcPost:… or urn:li:activity:…).',
  'linkedin.reading':
    "Reading the comments on {{post}} every {{seconds}} s (paced to last the show within LinkedIn's daily limit).",
  'linkedin.retrying': 'LinkedIn answered {{status}}. Trying again in {{seconds}} s.',
  'linkedin.rate_limited': 'LinkedIn asks Panelcast to slow down; trying again at {{time}}.',
  'linkedin.daily_limit':
    "LinkedIn's daily limit for this app or member is used up; it resets at {{time}} (midnight UTC).",
  'linkedin.unauthorized':
    'LinkedIn rejected the access token (expired or revoked): sign in again and save a new one.',
  'linkedin.forbidden':
    "LinkedIn refused: the app needs Community Management API access (r_organization_social) and the token's member must be an admin of the organization:",
  'linkedin.not_found': 'LinkedIn knows no post {{post}}:',
  'twitch.not_a_channel': '"{{channel}}" is not a Twitch channel name (letters, digits and _).',
  'twitch.connecting': 'Connecting to the chat of {{channel}} …',
  'twitch.live': 'Chat messages of {{channel}} arrive as they are written (EventSub).',
  'twitch.irc_live':
    'Reading the chat of {{channel}} anonymously (read-only); connect a Twitch account to read it through EventSub.',
  'twitch.dropped':
    'The connection to Twitch chat dropped or went quiet; messages sent meanwhile cannot be fetched afterwards (Twitch keeps no chat history for apps). Trying again in {{seconds}} s.',
  'twitch.retrying': 'Twitch answered {{status}}. Trying again in {{seconds}} s.',
  'twitch.rate_limited': 'Twitch asks Panelcast to slow down; trying again at {{time}}.',
  'twitch.unauthorized':
    'Twitch rejected the user access token (expired or revoked): connect the Twitch account again.',
  'twitch.forbidden':
    'Twitch refused to read this chat: the token needs the user:read:chat scope and must belong to the app whose Client ID is set:',
  'twitch.revoked':
    'Twitch ended the chat subscription ({{reason}}): the access was revoked or the account changed; connect the Twitch account again.',
  'twitch.no_channel': 'Twitch knows no channel "{{channel}}".',
  'twitch.refused': 'Twitch refused to subscribe to the chat of {{channel}}:',
  'mastodon.not_a_tag': '"{{tag}}" is not a Mastodon hashtag (letters, digits and _ only).',
  'mastodon.connecting': 'Connecting to the #{{tag}} stream of your Mastodon instance…',
  'mastodon.live': 'Posts with #{{tag}} arrive as they are written (Mastodon stream).',
  'mastodon.dropped':
    'The Mastodon stream was lost or went quiet; reading what was missed and reconnecting in {{seconds}} s.',
  'mastodon.retrying': 'Mastodon answered {{status}}. Trying again in {{seconds}} s.',
  'mastodon.rate_limited': 'Mastodon limits how often Panelcast may ask; waiting until {{time}}.',
  'mastodon.unauthorized':
    'Mastodon rejected the access token (wrong, expired or revoked): create a new one and save it.',
  'mastodon.forbidden': 'Mastodon refused: the token needs the read:statuses scope:',
  'mastodon.not_found':
    'The instance has no hashtag stream or timeline at this address (check the instance address):',
  'bluesky.not_a_tag': '"{{tag}}" is not a Bluesky hashtag (no spaces, at most 64 characters).',
  'bluesky.reading':
    'Searching Bluesky for #{{tag}} every {{seconds}} s (paced to its rate limit).',
  'bluesky.retrying': 'Bluesky answered {{status}}. Trying again in {{seconds}} s.',
  'bluesky.rate_limited': 'Bluesky limits how often Panelcast may ask; waiting until {{time}}.',
  'bluesky.login_failed':
    'Bluesky did not accept {{handle}} with this app password: check the handle, or create a new app password and save it.',
  'bluesky.refused': 'Bluesky refused the search ({{status}}):',
  'sources.account_revoked':
    'The {{site}} account connection was revoked — connect it again in Settings → Connected accounts.',
  'sources.account_expired':
    "The {{site}} account's token ran out and cannot be renewed — connect it again in Settings → Connected accounts.",
  'sources.account_refused':
    "{{site}} refused the connected account's token — connect it again in Settings → Connected accounts:",
  'sources.account_renewing':
    "{{site}} refused the account's token; renewing it, then connecting again …",
  'sources.account_lost_meanwhile': '{{lost}} Meanwhile: {{reading}}',
  'sources.secret_missing': '{{source}} needs its {{what}}: type it in Settings.',
  'sources.unknown': 'There is no source "{{source}}".',
  'sources.invalid_settings': 'The settings for {{source}} are not valid:',

  'source.starting': 'Starting…',
  'source.failed': 'This source stopped because of an internal error:',
  'source.connected': 'Connected.',

  'x.connecting': 'Connecting to the X filtered stream…',
  'x.connected': 'Connected to the X filtered stream, following {{hashtags}}.',
  'x.polling':
    'Polling X recent search for {{hashtags}} about every {{seconds}} s, as the rate limit allows.',
  'x.polling_no_stream':
    'Your X plan does not include the filtered stream, so Panelcast polls recent search for {{hashtags}} about every {{seconds}} s, as the rate limit allows.',
  'x.rate_limited':
    'Rate-limited by X until {{time}}. Posts from meanwhile are fetched afterwards.',
  'x.connection_taken':
    "Another program holds this X app's stream connection (X allows one per app). Stop it or give Panelcast its own app; trying again at {{time}}.",
  'x.retry_now': 'Reconnecting now',
  'x.retry_in': 'Reconnecting in {{seconds}} s',
  'x.stalled': 'The X stream went silent (no heartbeat). {{when}}.',
  'x.operational': 'X closed the stream for maintenance. {{when}}.',
  'x.dropped': 'The connection to X dropped. {{when}}.',
  'x.http_error': 'X answered {{status}}. {{when}}.',
  'x.refused': 'X refused the stream. {{when}}.',
  'x.unauthorized': 'X rejected the bearer token. Enter a valid one in Settings.',
  'x.stream_forbidden': 'Your X plan does not allow the filtered stream.',
  'x.search_forbidden': 'Your X plan does not allow search.',

  'youtube.not_a_video': '"{{video}}" is not a YouTube video URL or id.',
  'youtube.looking': 'Looking for the live chat of video {{video}}…',
  'youtube.no_video':
    'There is no public YouTube video {{video}} (private, deleted or mistyped?). Looking again in {{seconds}} s.',
  'youtube.no_chat':
    'Video {{video}} has no live chat right now (not live yet?). Looking again in {{seconds}} s.',
  'youtube.reading': 'Reading the live chat of video {{video}}.',
  'youtube.offline': 'The live stream has ended, and with it the chat.',
  'youtube.chat_ended': 'The live chat has ended (or was removed); nothing more to read.',
  'youtube.chat_disabled': 'Live chat is turned off for this video.',
  'youtube.quota_exceeded':
    'The YouTube API quota is used up until {{time}} (midnight Pacific time). Chat messages from meanwhile cannot be fetched.',
  'youtube.access_not_configured':
    'The YouTube Data API v3 is not turned on for the Google Cloud project of this API key. Turn it on in the Google Cloud console (APIs & Services → Library), then save again.',
  'youtube.key_rejected': 'YouTube rejected the API key:',
  'youtube.retrying': 'YouTube answered {{status}}. Trying again in {{seconds}} s.',
  'youtube.streaming': 'Receiving the live chat of video {{video}} as it is written (streamList).',
  'youtube.stream_not_offered':
    'YouTube does not offer the chat stream (streamList) to this API key; reading the chat by polling instead, which uses more quota.',
  'youtube.stream_unavailable':
    'The chat stream failed {{count}} times in a row; polling instead, and trying the stream again in {{minutes}} min.',
  'youtube.stream_stalled':
    'The chat stream went silent. Reconnecting in {{seconds}} s; nothing is lost.',
  'youtube.stream_retrying':
    'The chat stream ended ({{status}}). Reconnecting in {{seconds}} s; nothing is lost.',
  'youtube.stream_rate_limited':
    'YouTube asked Panelcast to slow down. Reconnecting the chat stream in {{seconds}} s.',

  'relay.add_destination': 'Add a destination to start the relay.',
  'relay.ingest_live': 'OBS is streaming to Panelcast.',
  'relay.waiting_for_obs': 'Waiting for OBS to stream to Panelcast.',
  'relay.ingest_restarted': 'The relay ingest restarted on port {{port}}.',
  'relay.ingest_port_moved':
    'Port {{saved}} was taken, so the ingest moved to {{port}}: press "Configure OBS" again.',
  'relay.ingest_failed': "The relay's ingest could not start:",
  'relay.turned_off': 'Turned off.',
  'relay.starting': 'Starting…',
  'relay.connecting': 'Connecting to the platform…',
  'relay.live': 'Live.',
  'relay.retrying': 'The push to the platform failed; Panelcast tries again by itself.',
  'relay.failed': 'The push to the platform stopped.',
  'relay.ffmpeg_missing':
    'ffmpeg was not found. Install it (Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg) or set PANELCAST_FFMPEG to its path.',
  'relay.server_url_needed': 'For {{platform}}, paste the RTMP server URL the platform gives you.',
  'relay.key_needed': '{{name}} needs its stream key before it can be turned on.',
  'relay.no_destination': 'No destination {{id}}.',
  'relay.obs_streaming': 'OBS is streaming; stop the stream before changing where it goes.',

  'obs.not_configured':
    'OBS is not set up yet. Enter the address of its WebSocket server in Settings.',
  'obs.connecting': 'Connecting to OBS at {{url}}…',
  'obs.connected': 'Connected to OBS {{obsVersion}} (WebSocket {{websocketVersion}}).',
  'obs.closing': 'OBS is closing.',
  'obs.unreachable':
    'OBS not reachable at {{url}}: is OBS running and its WebSocket server enabled (Tools → WebSocket Server Settings)?',
  'obs.connection_lost': 'Lost the connection to OBS.',
  'obs.retry_in': '{{reason}} Retrying in {{seconds}} s.',
  'obs.wrong_password':
    'OBS rejected the password (wrong password). Check Tools → WebSocket Server Settings in OBS and enter it again.',
  'obs.password_needed':
    'OBS needs a password (wrong password). Enter the one from Tools → WebSocket Server Settings in OBS.',
  'obs.protocol_too_old':
    'OBS too old: its WebSocket server does not speak protocol version 1. Update OBS to 28 or newer.',
  'obs.too_old':
    'OBS too old: version {{obsVersion}} (WebSocket {{websocketVersion}}). Panelcast needs OBS {{min}} or newer.',
  'obs.not_connected': 'OBS is not connected: {{reason}}',
  'obs.request_refused': 'OBS refused {{request}} (code {{status}}):',
  'obs.request_timeout': 'OBS did not answer {{request}} within {{seconds}} s.',
  'obs.request_failed': 'The request {{request}} to OBS failed:',
  'obs.missing_requests':
    'This OBS ({{version}}) does not offer {{requests}}. Update OBS to use this.',
  'obs.unknown_version': 'unknown version',
  'obs.no_scene': 'OBS has no scene "{{scene}}". Its scenes: {{scenes}}.',
  'obs.no_studio_preview':
    'Studio mode is off, so there is no preview: turn it on or cut to program.',
  'obs.no_studio_transition':
    'Studio mode is off: scenes cut directly, there is nothing to transition.',
  'obs.stream_already_live': 'The stream is already live.',
  'obs.stream_not_live': 'The stream is not live.',
  'obs.already_recording': 'OBS is already recording.',
  'obs.not_recording': 'OBS is not recording.',
  'obs.health_reconnecting': 'OBS lost the connection to the streaming server and is reconnecting.',
  'obs.health_dropping':
    'Dropping frames: {{count}} in the last second could not be sent. The upload is too slow for this bitrate.',
  'obs.health_encoder':
    'The encoder skipped {{count}} frames in the last second: it cannot keep up. Lower the resolution or use a faster preset.',
  'obs.health_render':
    'OBS skipped {{count}} frames while rendering in the last second: the graphics card is overloaded.',
  'obs.health_congested': 'The network is congested: the stream is close to dropping frames.',
  'obs.lower_third_no_sources':
    'This OBS lacks a text or colour source, so Panelcast cannot build its lower third.',
  'obs.lower_third_name_taken':
    'A source named "{{name}}" already exists; rename it so Panelcast can add its lower-third scene.',
  'obs.lower_third_no_browser':
    'This OBS has no browser source; choose the native lower third instead.',
  'obs.lower_third_nothing': 'Nothing could be set up: {{skipped}}',
  'obs.lower_third_skipped': '"{{name}}" exists as a {{kind}}; left as it is.',

  'show.rundown_empty': 'The rundown is empty: add segments in Settings first.',
  'show.rundown_end': 'That was the last segment of the rundown.',
  'show.duplicate_segment': 'Two segments have the same id.',
  'show.pick_scenes':
    'Pick the scenes that should show the lower third (the rundown names none that OBS has).',
  'show.no_guest': 'No guest with id {{id}}.',
  'room.no_link':
    'This connection is not part of the room (any more); the page sets up its connections again.',
  'room.not_ready': 'This guest is not in the green room; they must open their link and say Ready.',
  'room.not_participant': 'Only guests and the host can get ready; a stage page only watches.',
  'room.too_fast': 'Too many messages from this page at once; it slows down and tries again.',
  'room.obs_no_browser':
    'This OBS has no browser source. Open {{url}} in a browser window and add it to OBS with a Window Capture source.',
  'room.obs_added': 'The stage is in OBS: source "{{source}}" in scene "{{scene}}".',
  'room.not_invited': 'This guest has no link to the room.',

  'relay.dropping': 'Dropping frames: the upload to {{name}} is too slow.',
  'connect.not_connected': 'No {{site}} account is connected.',
  'connect.waiting_browser':
    'Waiting for you to allow Panelcast in the {{site}} page in your browser.',
  'connect.waiting_device': 'On any device open {{url}} and enter the code {{code}}.',
  'connect.connected':
    'The {{site}} account is connected; its token is renewed before it runs out.',
  'connect.connected_pasted':
    'The {{site}} account is connected with a pasted token; paste a new one when it runs out.',
  'connect.denied': 'Access was refused on the {{site}} page; nothing was connected.',
  'connect.expired': 'The code for {{site}} ran out before it was entered; start again.',
  'connect.revoked':
    '{{site}} no longer accepts the connection (revoked); connect the account again.',
  'connect.token_expired':
    "The {{site}} account's token ran out and cannot be renewed; connect the account again.",
  'connect.failed': 'Connecting the {{site}} account failed:',
  'connect.wrong_state':
    'This answer does not belong to the connection Panelcast started; it was ignored.',
  'connect.no_device_flow':
    '{{site}} offers no device code; connect in a browser on this computer or paste a token.',
  'connect.needs_instance': 'Name the Mastodon server first (for example https://chaos.social).',
  'connect.nothing_to_revoke': 'No {{site}} account is connected.',
  'connect.flow_running': 'A connection to {{site}} is already waiting; finish or cancel it first.',
} as const;

export type MessageCode = keyof typeof codes;

export const MESSAGE_TEXTS_EN = {
  codes,
  words: {
    what: {
      x_token: 'X bearer token',
      youtube_key: 'YouTube API key',
      facebook_token: 'Facebook page access token',
      linkedin_token: 'LinkedIn access token',
      twitch_token: 'Twitch user access token',
      mastodon_token: 'Mastodon access token',
      bluesky_password: 'Bluesky app password',
      stream_key: 'stream key',
      obs_password: 'OBS password',
    },
    field: {
      apiBaseUrl: 'The X API address',
      rootUrl: 'The YouTube API address',
      facebook_api: 'The Facebook API address',
      linkedin_api: 'The LinkedIn API address',
      twitch_api: 'The Twitch API address',
      mastodon_api: 'The Mastodon API address',
      bluesky_api: 'The Bluesky API address',
      grpcUrl: 'The YouTube chat stream address',
    },
    action: {
      approve: 'approve it',
      reject: 'reject it',
      restore: 'restore it',
      air: 'put it on air',
      done: 'mark it done',
    },
    status: {
      incoming: 'incoming',
      approved: 'approved',
      on_air: 'on air',
      done: 'done',
      rejected: 'rejected',
      filtered: 'filtered',
    },
    pin: { pin: 'pinned', unpin: 'unpinned' },
    state: { planned: 'planned', live: 'live', ended: 'ended' },
    platform: { custom: 'a custom server' },
    role: { producer: 'producer', moderator: 'moderator', guest: 'guest' },
  },
} satisfies { codes: Record<MessageCode, string>; words: Record<string, Record<string, string>> };

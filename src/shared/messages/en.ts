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
  'queue.nothing_to_air': 'Nothing to put on air: the approved queue is empty.',
  'queue.nothing_on_air': 'Nothing is on air.',
  'queue.nothing_to_undo': 'Nothing to undo.',
  'queue.undo_changed': 'Cannot undo your last {{last}}: it has changed since.',
  'queue.undo_changed_by': 'Cannot undo your last {{last}}: {{by}} has changed it since.',
  'queue.undo_air_changed': 'Cannot undo your last {{last}}: what is on air has changed since.',
  'queue.now_empty': 'The approved queue is empty; nothing is on air now.',

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

  'sources.unknown': 'There is no source "{{source}}".',
  'sources.invalid_settings': 'The settings for {{source}} are not valid:',

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

  'relay.dropping': 'Dropping frames: the upload to {{name}} is too slow.',
} as const;

export type MessageCode = keyof typeof codes;

export const MESSAGE_TEXTS_EN = {
  codes,
  words: {
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
    platform: { custom: 'a custom server' },
    role: { producer: 'producer', moderator: 'moderator', guest: 'guest' },
  },
} satisfies { codes: Record<MessageCode, string>; words: Record<string, Record<string, string>> };

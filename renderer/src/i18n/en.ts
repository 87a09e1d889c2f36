// English strings. The German file must have exactly the same keys (the compiler checks).
export const en = {
  app: {
    name: 'Panelcast',
    untitled: 'Untitled show',
  },
  nav: {
    producer: 'Producer',
    moderator: 'Moderator',
    settings: 'Settings',
    label: 'Views',
  },
  connection: {
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    reconnectingAttempt: 'Reconnecting… (attempt {{attempt}})',
    tokenRejected: 'Token rejected',
    noToken: 'No token',
    tokenRejectedTitle: 'The control token was rejected',
    tokenRejectedBody:
      'This link does not carry the current control token. Open the Control UI link that “panelcast serve” printed, or paste the token below.',
    noTokenTitle: 'This screen needs the control token',
    noTokenBody:
      'Open the Control UI link that “panelcast serve” printed (it ends in ?token=…), or paste the token below.',
    tokenLabel: 'Control token',
    useToken: 'Connect',
    offlineNotice:
      'Not connected to the Panelcast core. Changes are not possible until it is back.',
  },
  producer: {
    title: 'Producer',
    obs: 'OBS',
    obsNotConfigured: 'OBS is not set up yet. Enter its WebSocket address in Settings.',
    queue: 'Audience queue',
    sources: 'Comment sources',
    noSources: 'No comment sources yet.',
    onAir: 'On air',
    nothingOnAir: 'Nothing on air.',
  },
  moderator: {
    title: 'Moderator',
    incoming: 'Incoming',
    approved: 'Approved',
    onAirDone: 'On air & done',
    emptyIncoming: 'New comments and questions appear here.',
    emptyApproved: 'Approved questions wait here for their turn.',
    emptyOnAir: 'Nothing on air.',
  },
  status: {
    incoming: 'Incoming',
    approved: 'Approved',
    on_air: 'On air',
    done: 'Done',
    rejected: 'Rejected',
    filtered: 'Filtered',
  },
  settings: {
    title: 'Settings',
    show: 'Show',
    showTitle: 'Show title',
    save: 'Save',
    saved: 'Saved.',
    saveFailed: 'Not saved: {{error}}',
    language: 'Language',
    about: 'About',
    version: 'Panelcast version {{version}}',
    lanOn: 'Reachable from your network (LAN mode).',
    lanOff: 'Reachable from this computer only.',
  },
  audience: {
    heading: 'Ask the panel',
    soon: 'Questions open when the show starts.',
    connecting: 'Connecting…',
    offline: 'Offline — trying again…',
  },
  language: {
    en: 'English',
    de: 'Deutsch',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Strings = Widen<typeof en>;

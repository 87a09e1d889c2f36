// German strings.
import type { Strings } from './en';

export const de: Strings = {
  app: {
    name: 'Panelcast',
    untitled: 'Show ohne Titel',
  },
  nav: {
    producer: 'Regie',
    moderator: 'Moderation',
    settings: 'Einstellungen',
    label: 'Ansichten',
  },
  connection: {
    connecting: 'Verbinde…',
    connected: 'Verbunden',
    reconnecting: 'Verbindung wird wiederhergestellt…',
    reconnectingAttempt: 'Verbindung wird wiederhergestellt… (Versuch {{attempt}})',
    tokenRejected: 'Token abgelehnt',
    noToken: 'Kein Token',
    tokenRejectedTitle: 'Das Steuer-Token wurde abgelehnt',
    tokenRejectedBody:
      'Dieser Link enthält nicht das aktuelle Steuer-Token. Öffne den Link „Control UI“, den „panelcast serve“ ausgegeben hat, oder füge das Token unten ein.',
    noTokenTitle: 'Diese Ansicht braucht das Steuer-Token',
    noTokenBody:
      'Öffne den Link „Control UI“, den „panelcast serve“ ausgegeben hat (er endet auf ?token=…), oder füge das Token unten ein.',
    tokenLabel: 'Steuer-Token',
    useToken: 'Verbinden',
    offlineNotice:
      'Keine Verbindung zum Panelcast-Kern. Änderungen sind erst wieder möglich, wenn er erreichbar ist.',
  },
  producer: {
    title: 'Regie',
    obs: 'OBS',
    obsNotConfigured:
      'OBS ist noch nicht eingerichtet. Trage die WebSocket-Adresse in den Einstellungen ein.',
    queue: 'Publikumsfragen',
    sources: 'Kommentarquellen',
    noSources: 'Noch keine Kommentarquellen.',
    onAir: 'On Air',
    nothingOnAir: 'Nichts auf Sendung.',
  },
  moderator: {
    title: 'Moderation',
    incoming: 'Eingang',
    approved: 'Freigegeben',
    onAirDone: 'On Air & erledigt',
    emptyIncoming: 'Neue Kommentare und Fragen erscheinen hier.',
    emptyApproved: 'Freigegebene Fragen warten hier, bis sie dran sind.',
    emptyOnAir: 'Nichts auf Sendung.',
  },
  status: {
    incoming: 'Eingang',
    approved: 'Freigegeben',
    on_air: 'On Air',
    done: 'Erledigt',
    rejected: 'Abgelehnt',
    filtered: 'Gefiltert',
  },
  settings: {
    title: 'Einstellungen',
    show: 'Show',
    showTitle: 'Titel der Show',
    save: 'Speichern',
    saved: 'Gespeichert.',
    saveFailed: 'Nicht gespeichert: {{error}}',
    language: 'Sprache',
    about: 'Über Panelcast',
    version: 'Panelcast Version {{version}}',
    lanOn: 'Im Netzwerk erreichbar (LAN-Modus).',
    lanOff: 'Nur auf diesem Computer erreichbar.',
  },
  audience: {
    heading: 'Frag das Panel',
    soon: 'Fragen sind möglich, sobald die Show beginnt.',
    connecting: 'Verbinde…',
    offline: 'Offline – neuer Versuch läuft…',
  },
  language: {
    en: 'English',
    de: 'Deutsch',
  },
};

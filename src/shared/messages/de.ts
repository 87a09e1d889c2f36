// German texts for every code the core sends (see message.ts and en.ts).
import type { MessageCode } from './en.js';

const codes: Record<MessageCode, string> = {
  'intent.invalid': 'Ungültige Anfrage {{intent}}:',
  'intent.unavailable': '{{intent}} gibt es in dieser Version nicht.',
  'intent.internal':
    '{{intent}} ist an einem internen Fehler gescheitert; Einzelheiten stehen im Panelcast-Protokoll.',

  'request.unknown': 'Unbekannte Anfrage „{{event}}“.',
  'request.refused': 'Die Anfrage wurde abgelehnt:',
  'request.offline': 'Keine Verbindung zum Panelcast-Kern.',
  'request.timeout': 'Der Panelcast-Kern hat nicht rechtzeitig geantwortet.',

  'access.forbidden':
    'Als {{role}} dürfen Sie das nicht ({{intent}}); fragen Sie eine Produzentin oder einen Produzenten.',
  'access.person_not_found': 'Keine Person mit der ID {{id}}.',

  'queue.not_found': 'Keinen Kommentar mit der Kennung {{id}} gefunden.',
  'queue.cannot': '{{action}} geht nicht: {{state}}.',
  'queue.state': 'er ist {{status}}',
  'queue.state_by': 'er ist schon {{status}} (von {{by}})',
  'queue.state_gone': 'es gibt ihn nicht mehr',
  'queue.pin_only_approved': 'Nur freigegebene Fragen können {{pin}} werden; {{state}}.',
  'queue.already_pinned': 'Er ist schon angeheftet.',
  'queue.not_pinned': 'Er ist nicht angeheftet.',
  'queue.move_only_approved': 'Nur freigegebene Fragen lassen sich umsortieren; {{state}}.',
  'queue.split_only_incoming': 'Nur eingehende Karten lassen sich aufteilen; {{state}}.',
  'queue.not_grouped': 'Dieser Kommentar ist mit keinem anderen gruppiert.',
  'queue.nothing_to_air': 'Nichts für die Sendung: Die Liste der freigegebenen Fragen ist leer.',
  'queue.nothing_on_air': 'Gerade ist nichts auf Sendung.',
  'queue.nothing_to_undo': 'Es gibt nichts rückgängig zu machen.',
  'queue.undo_changed':
    'Deine letzte Aktion ({{last}}) lässt sich nicht rückgängig machen: Inzwischen hat sich etwas geändert.',
  'queue.undo_changed_by':
    'Deine letzte Aktion ({{last}}) lässt sich nicht rückgängig machen: {{by}} hat inzwischen etwas geändert.',
  'queue.undo_air_changed':
    'Deine letzte Aktion ({{last}}) lässt sich nicht rückgängig machen: Auf Sendung ist inzwischen etwas anderes.',
  'queue.now_empty': 'Die freigegebenen Fragen sind aufgebraucht; gerade ist nichts auf Sendung.',

  'audience.closed': 'Gerade werden keine Fragen angenommen.',
  'audience.too_long': 'Fragen dürfen höchstens {{max}} Zeichen lang sein.',
  'audience.too_short': 'Bitte schreib eine Frage mit mindestens 3 Zeichen.',
  'audience.name_too_long': 'Namen dürfen höchstens 40 Zeichen lang sein.',
  'audience.invalid': 'Das konnte nicht gelesen werden. Bitte versuch es noch einmal.',
  'audience.wait': 'Bitte warte {{seconds}} s, bevor du wieder fragst.',
  'audience.device_limit':
    'Du hast in kurzer Zeit viele Fragen gestellt. In {{minutes}} Min. geht es wieder.',
  'audience.network_limit':
    'Aus deinem Netzwerk kommen gerade sehr viele Fragen. Bitte versuch es in einer Minute noch einmal.',
  'audience.already_voted': 'Du hast schon für diese Frage gestimmt.',
  'audience.not_votable': 'Für diese Frage kann nicht mehr abgestimmt werden.',

  'sources.unknown': 'Es gibt keine Quelle „{{source}}“.',
  'sources.invalid_settings': 'Die Einstellungen für {{source}} sind ungültig:',

  'relay.add_destination': 'Füge ein Ziel hinzu, um das Relay zu starten.',
  'relay.ingest_live': 'OBS sendet an Panelcast.',
  'relay.waiting_for_obs': 'Warte darauf, dass OBS an Panelcast sendet.',
  'relay.ingest_restarted': 'Der Relay-Eingang wurde auf Port {{port}} neu gestartet.',
  'relay.ingest_port_moved':
    'Port {{saved}} war belegt, daher nutzt der Eingang jetzt {{port}}: Bitte noch einmal „OBS einrichten“ drücken.',
  'relay.ingest_failed': 'Der Relay-Eingang konnte nicht starten:',
  'relay.turned_off': 'Ausgeschaltet.',
  'relay.starting': 'Startet…',
  'relay.connecting': 'Verbinde mit der Plattform…',
  'relay.live': 'Live.',
  'relay.retrying':
    'Die Übertragung zur Plattform ist gescheitert; Panelcast versucht es von selbst erneut.',
  'relay.failed': 'Die Übertragung zur Plattform wurde beendet.',
  'relay.ffmpeg_missing':
    'ffmpeg wurde nicht gefunden. Bitte installieren (Debian/Ubuntu: apt install ffmpeg; macOS: brew install ffmpeg; Windows: winget install ffmpeg) oder PANELCAST_FFMPEG auf den Pfad setzen.',
  'relay.server_url_needed':
    'Für {{platform}} bitte die RTMP-Server-Adresse einfügen, die die Plattform angibt.',
  'relay.key_needed': '{{name}} braucht seinen Stream-Schlüssel, bevor es eingeschaltet wird.',
  'relay.no_destination': 'Kein Ziel {{id}}.',
  'relay.obs_streaming':
    'OBS sendet gerade; bitte erst den Stream beenden, bevor sich das Ziel ändert.',

  'obs.not_configured':
    'OBS ist noch nicht eingerichtet. Tragen Sie in den Einstellungen die Adresse seines WebSocket-Servers ein.',
  'obs.connecting': 'Verbinde mit OBS unter {{url}}…',
  'obs.connected': 'Mit OBS {{obsVersion}} verbunden (WebSocket {{websocketVersion}}).',
  'obs.closing': 'OBS wird beendet.',
  'obs.unreachable':
    'OBS ist unter {{url}} nicht erreichbar: Läuft OBS, und ist sein WebSocket-Server eingeschaltet (Werkzeuge → WebSocket-Server-Einstellungen)?',
  'obs.connection_lost': 'Die Verbindung zu OBS ist abgerissen.',
  'obs.retry_in': '{{reason}} Neuer Versuch in {{seconds}} s.',
  'obs.wrong_password':
    'OBS hat das Passwort abgelehnt (falsches Passwort). Prüfen Sie es in OBS unter Werkzeuge → WebSocket-Server-Einstellungen und geben Sie es neu ein.',
  'obs.password_needed':
    'OBS verlangt ein Passwort. Geben Sie das aus Werkzeuge → WebSocket-Server-Einstellungen in OBS ein.',
  'obs.protocol_too_old':
    'OBS ist zu alt: Sein WebSocket-Server spricht Protokollversion 1 nicht. Bitte auf OBS 28 oder neuer aktualisieren.',
  'obs.too_old':
    'OBS ist zu alt: Version {{obsVersion}} (WebSocket {{websocketVersion}}). Panelcast braucht OBS {{min}} oder neuer.',
  'obs.not_connected': 'OBS ist nicht verbunden: {{reason}}',
  'obs.request_refused': 'OBS hat {{request}} abgelehnt (Code {{status}}):',
  'obs.request_timeout': 'OBS hat auf {{request}} nicht innerhalb von {{seconds}} s geantwortet.',
  'obs.request_failed': 'Die Anfrage {{request}} an OBS ist gescheitert:',
  'obs.missing_requests':
    'Dieses OBS ({{version}}) bietet {{requests}} nicht an. Bitte OBS aktualisieren.',
  'obs.unknown_version': 'unbekannte Version',
  'obs.no_scene': 'OBS hat keine Szene „{{scene}}“. Seine Szenen: {{scenes}}.',
  'obs.no_studio_preview':
    'Der Studiomodus ist aus, es gibt also keine Vorschau: Schalten Sie ihn ein oder schneiden Sie direkt aufs Programm.',
  'obs.no_studio_transition':
    'Der Studiomodus ist aus: Szenen werden direkt geschnitten, es gibt keinen Übergang.',
  'obs.stream_already_live': 'Der Stream läuft schon.',
  'obs.stream_not_live': 'Der Stream läuft nicht.',
  'obs.already_recording': 'OBS nimmt schon auf.',
  'obs.not_recording': 'OBS nimmt gerade nicht auf.',
  'obs.health_reconnecting':
    'OBS hat die Verbindung zum Streaming-Server verloren und verbindet sich neu.',
  'obs.health_dropping':
    'Bilder gehen verloren: {{count}} konnten in der letzten Sekunde nicht gesendet werden. Der Upload ist für diese Bitrate zu langsam.',
  'obs.health_encoder':
    'Der Encoder hat in der letzten Sekunde {{count}} Bilder ausgelassen: Er kommt nicht nach. Senken Sie die Auflösung oder wählen Sie ein schnelleres Preset.',
  'obs.health_render':
    'OBS hat in der letzten Sekunde {{count}} Bilder beim Rendern ausgelassen: Die Grafikkarte ist überlastet.',
  'obs.health_congested': 'Das Netz ist überlastet: Der Stream verliert bald Bilder.',
  'obs.lower_third_no_sources':
    'Diesem OBS fehlt eine Text- oder Farbquelle, daher kann Panelcast seine Bauchbinde nicht bauen.',
  'obs.lower_third_name_taken':
    'Eine Quelle namens „{{name}}“ gibt es schon; bitte umbenennen, damit Panelcast seine Bauchbinden-Szene anlegen kann.',
  'obs.lower_third_no_browser':
    'Dieses OBS hat keine Browserquelle; wählen Sie stattdessen die native Bauchbinde.',
  'obs.lower_third_nothing': 'Nichts ließ sich einrichten: {{skipped}}',
  'obs.lower_third_skipped': '„{{name}}“ gibt es schon als {{kind}}; so belassen.',

  'show.rundown_empty': 'Der Ablauf ist leer: Legen Sie zuerst in den Einstellungen Abschnitte an.',
  'show.rundown_end': 'Das war der letzte Abschnitt des Ablaufs.',
  'show.duplicate_segment': 'Zwei Abschnitte haben dieselbe ID.',
  'show.pick_scenes':
    'Wählen Sie die Szenen, in denen die Bauchbinde erscheinen soll (der Ablauf nennt keine, die OBS hat).',
  'show.no_guest': 'Kein Gast mit der ID {{id}}.',

  'relay.dropping': 'Bilder gehen verloren: Der Upload zu {{name}} ist zu langsam.',
};

export const MESSAGE_TEXTS_DE = {
  codes,
  words: {
    role: { producer: 'Produktion', moderator: 'Moderation', guest: 'Gast' },
    action: {
      approve: 'Freigeben',
      reject: 'Ablehnen',
      restore: 'Wiederherstellen',
      air: 'Auf Sendung nehmen',
      done: 'Als erledigt markieren',
    },
    status: {
      incoming: 'eingegangen',
      approved: 'freigegeben',
      on_air: 'auf Sendung',
      done: 'erledigt',
      rejected: 'abgelehnt',
      filtered: 'ausgefiltert',
    },
    last: {
      approve: 'Freigeben',
      reject: 'Ablehnen',
      restore: 'Wiederherstellen',
      air: 'Auf Sendung',
      done: 'Erledigt',
      pin: 'Anheften',
      unpin: 'Lösen',
      move: 'Verschieben',
      next: 'Nächste Frage',
      clearAir: 'Sendung leeren',
    },
    pin: { pin: 'angeheftet', unpin: 'gelöst' },
    platform: { custom: 'einen eigenen Server' },
  },
};

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
  'queue.by_hand_invalid': 'Diese Frage konnte nicht hinzugefügt werden; prüfe ihren Text.',
  'queue.gone_on_platform':
    'Dieser Beitrag wurde auf {{site}} gelöscht und kann nicht auf Sendung; er wurde aus der Warteschlange genommen.',
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

  'show.not_planned': 'Die Sendung ist {{state}}; nur eine geplante Sendung kann live gehen.',
  'show.already_ended': 'Die Sendung ist bereits beendet.',
  'show.not_ended': 'Beende zuerst die laufende Sendung: sie ist {{state}}.',
  'show.not_found': 'Keine Sendung mit der ID {{id}}.',
  'show.no_template':
    'Es ist noch keine Vorlage gespeichert: speichere eine aus einer Sendung oder dupliziere die letzte Sendung.',
  'show.nothing_to_carry':
    'Keine davon ist eine freigegebene, nicht gesendete Frage einer beendeten Sendung.',
  'show.unknown_source': 'Es gibt keine Kommentarquelle „{{source}}“.',
  'show.unknown_destination': 'Es gibt kein Ziel „{{destination}}“.',
  'relay.not_in_show': 'In dieser Sendung nicht genutzt.',

  'audience.ended': 'Die Sendung ist beendet; Fragen sind geschlossen.',
  'audience.open': 'Offen: Zuschauer können auf der Seite /audience fragen.',
  'sources.not_stored':
    'Kommentare können gerade nicht gespeichert werden; sie werden erneut geholt, sobald das Speichern wieder geht.',
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
  'audience.vote_limit': 'Du stimmst sehr schnell ab. Bitte warte {{seconds}} s.',
  'audience.no_device':
    'Gerade kommen zu viele neue Handys aus deinem Netz. Bitte lade die Seite in {{seconds}} s neu.',
  'audience.retry':
    'Deine Frage konnte gerade nicht gespeichert werden. Bitte versuch es gleich noch einmal.',

  'storage.full':
    'Speichern nicht möglich: Das Laufwerk mit {{dir}} ist voll. Bitte dort Platz schaffen.',
  'storage.busy':
    'Speichern nicht möglich: Ein anderes Programm hält die Datenbank in {{dir}} fest. Bitte schließen oder erneut versuchen.',
  'storage.io':
    'Speichern nicht möglich: Das Laufwerk mit {{dir}} meldet einen Lese- oder Schreibfehler.',
  'storage.readonly': 'Speichern nicht möglich: Die Datenbank in {{dir}} ist schreibgeschützt.',

  'secrets.reenter':
    'Die Adresse ist jetzt {{host}}: bitte neu eingeben ({{what}}). Der gespeicherte Wert wurde gelöscht, damit er nie an einen anderen Server geht.',
  'secrets.bound_elsewhere':
    'Der gespeicherte Wert ({{what}}) gehört zu einer anderen Adresse: bitte für {{host}} neu eingeben.',
  'secrets.test_hooks_off':
    '{{field}} leitet eine Plattform auf einen anderen Server um und ist nur für Tests (Start mit PANELCAST_TEST_HOOKS=1).',

  'facebook.not_a_video':
    '„{{video}}“ ist keine Kennung eines Facebook-Live-Videos (die Zahl in der Adresse des Live-Videos).',
  'facebook.connecting': 'Verbinde mit den Live-Kommentaren von Video {{video}} …',
  'facebook.live': 'Kommentare von Live-Video {{video}} kommen an, sobald sie geschrieben werden.',
  'facebook.polling':
    'Lese die Kommentare von Live-Video {{video}} alle {{seconds}} s (Facebook bietet keine Live-Verbindung).',
  'facebook.dropped':
    'Die Verbindung zu Facebook ist abgebrochen oder verstummt; verpasste Kommentare werden nachgelesen, neuer Versuch in {{seconds}} s.',
  'facebook.retrying': 'Facebook antwortete {{status}}. Neuer Versuch in {{seconds}} s.',
  'facebook.rate_limited':
    'Facebook begrenzt, wie oft diese App fragen darf (Code {{code}}); Pause bis {{time}}.',
  'facebook.token_expired':
    'Laut Facebook ist das Seiten-Zugriffstoken abgelaufen oder widerrufen: Erzeuge ein neues und speichere es.',
  'facebook.permission':
    'Dem Seiten-Zugriffstoken fehlt eine Berechtigung (pages_read_engagement, pages_read_user_content), oder sein Nutzer verwaltet die Seite nicht:',
  'facebook.app_review':
    'Facebook hat diese App für das Nötige noch nicht freigegeben (App Review); bis dahin sind nur Admins und Tester der App lesbar:',
  'facebook.not_found':
    'Facebook kennt kein Live-Video {{video}}, das dieses Seiten-Token sehen kann:',
  'linkedin.not_a_post':
    '„{{post}}“ ist keine LinkedIn-Beitrags-URN (urn:li:share:…, urn:li:ugcPost:… oder urn:li:activity:…).',
  'linkedin.reading':
    'Lese die Kommentare zu {{post}} alle {{seconds}} s (so verteilt, dass LinkedIns Tageslimit für die Sendung reicht).',
  'linkedin.retrying': 'LinkedIn antwortete {{status}}. Neuer Versuch in {{seconds}} s.',
  'linkedin.rate_limited': 'LinkedIn bittet Panelcast um Pause; neuer Versuch um {{time}}.',
  'linkedin.daily_limit':
    'LinkedIns Tageslimit für diese App oder dieses Mitglied ist aufgebraucht; es gilt wieder ab {{time}} (Mitternacht UTC).',
  'linkedin.unauthorized':
    'LinkedIn lehnt das Zugriffstoken ab (abgelaufen oder widerrufen): Melde dich neu an und speichere ein neues.',
  'linkedin.forbidden':
    'LinkedIn verweigert: Die App braucht Zugang zur Community Management API (r_organization_social), und das Mitglied des Tokens muss Admin der Organisation sein:',
  'linkedin.not_found': 'LinkedIn kennt keinen Beitrag {{post}}:',
  'twitch.not_a_channel': '„{{channel}}“ ist kein Twitch-Kanalname (Buchstaben, Ziffern und _).',
  'twitch.connecting': 'Verbinde mit dem Chat von {{channel}} …',
  'twitch.live':
    'Chatnachrichten von {{channel}} kommen an, sobald sie geschrieben werden (EventSub).',
  'twitch.irc_live':
    'Lese den Chat von {{channel}} anonym (nur lesend); verbinde ein Twitch-Konto, um ihn über EventSub zu lesen.',
  'twitch.dropped':
    'Die Verbindung zum Twitch-Chat ist abgebrochen oder verstummt; inzwischen geschriebene Nachrichten lassen sich nicht nachholen (Twitch bietet Apps keinen Chatverlauf). Neuer Versuch in {{seconds}} s.',
  'twitch.retrying': 'Twitch antwortete {{status}}. Neuer Versuch in {{seconds}} s.',
  'twitch.rate_limited': 'Twitch bittet Panelcast um Pause; neuer Versuch um {{time}}.',
  'twitch.unauthorized':
    'Twitch hat das Benutzer-Zugriffstoken abgelehnt (abgelaufen oder widerrufen): Verbinde das Twitch-Konto erneut.',
  'twitch.forbidden':
    'Twitch verweigert das Lesen dieses Chats: Das Token braucht den Scope user:read:chat und muss zu der App gehören, deren Client-ID eingetragen ist:',
  'twitch.revoked':
    'Twitch hat das Chat-Abonnement beendet ({{reason}}): Der Zugriff wurde widerrufen oder das Konto geändert; verbinde das Twitch-Konto erneut.',
  'twitch.no_channel': 'Twitch kennt keinen Kanal „{{channel}}“.',
  'twitch.refused': 'Twitch hat das Abonnement des Chats von {{channel}} abgelehnt:',
  'mastodon.not_a_tag': '„{{tag}}“ ist kein Mastodon-Hashtag (nur Buchstaben, Ziffern und _).',
  'mastodon.connecting': 'Verbinde mit dem #{{tag}}-Strom deiner Mastodon-Instanz …',
  'mastodon.live':
    'Beiträge mit #{{tag}} kommen an, sobald sie geschrieben werden (Mastodon-Strom).',
  'mastodon.dropped':
    'Der Mastodon-Strom ist abgerissen oder verstummt; lese Verpasstes nach und verbinde neu in {{seconds}} s.',
  'mastodon.retrying': 'Mastodon antwortete {{status}}. Neuer Versuch in {{seconds}} s.',
  'mastodon.rate_limited': 'Mastodon begrenzt, wie oft Panelcast fragen darf; warte bis {{time}}.',
  'mastodon.unauthorized':
    'Mastodon lehnt das Zugriffstoken ab (falsch, abgelaufen oder widerrufen): erstelle ein neues und speichere es.',
  'mastodon.forbidden':
    'Mastodon verweigert den Zugriff: das Token braucht den Bereich read:statuses:',
  'mastodon.not_found':
    'Die Instanz hat unter dieser Adresse keinen Hashtag-Strom und keine Timeline (prüfe die Adresse der Instanz):',
  'bluesky.not_a_tag':
    '„{{tag}}“ ist kein Bluesky-Hashtag (ohne Leerzeichen, höchstens 64 Zeichen).',
  'bluesky.reading':
    'Suche auf Bluesky alle {{seconds}} s nach #{{tag}} (im Takt seines Rate-Limits).',
  'bluesky.retrying': 'Bluesky antwortete {{status}}. Neuer Versuch in {{seconds}} s.',
  'bluesky.rate_limited': 'Bluesky begrenzt, wie oft Panelcast fragen darf; warte bis {{time}}.',
  'bluesky.login_failed':
    'Bluesky hat {{handle}} mit diesem App-Passwort nicht angenommen: prüfe das Handle oder erstelle ein neues App-Passwort und speichere es.',
  'bluesky.refused': 'Bluesky hat die Suche abgelehnt ({{status}}):',
  'sources.account_revoked':
    'Die Verbindung zum {{site}}-Konto wurde widerrufen – verbinde es in Einstellungen → Verbundene Konten neu.',
  'sources.account_expired':
    'Das Token des {{site}}-Kontos ist abgelaufen und lässt sich nicht erneuern – verbinde das Konto in Einstellungen → Verbundene Konten neu.',
  'sources.account_refused':
    '{{site}} hat das Token des verbundenen Kontos abgelehnt – verbinde das Konto in Einstellungen → Verbundene Konten neu:',
  'sources.account_renewing':
    '{{site}} hat das Token des Kontos abgelehnt; es wird erneuert, dann wird neu verbunden …',
  'sources.account_lost_meanwhile': '{{lost}} Bis dahin: {{reading}}',
  'sources.secret_missing': '{{source}} braucht das {{what}}: Trage es in den Einstellungen ein.',
  'sources.unknown': 'Es gibt keine Quelle „{{source}}“.',
  'sources.invalid_settings': 'Die Einstellungen für {{source}} sind ungültig:',

  'source.starting': 'Startet…',
  'source.failed': 'Diese Quelle ist an einem internen Fehler gescheitert:',
  'source.connected': 'Verbunden.',

  'x.connecting': 'Verbinde mit dem gefilterten Stream von X…',
  'x.connected': 'Mit dem gefilterten Stream von X verbunden, folgt {{hashtags}}.',
  'x.polling':
    'Fragt die X-Suche etwa alle {{seconds}} s nach {{hashtags}} ab, so oft das Ratenlimit erlaubt.',
  'x.polling_no_stream':
    'Dein X-Tarif enthält den gefilterten Stream nicht, daher fragt Panelcast die X-Suche etwa alle {{seconds}} s nach {{hashtags}} ab, so oft das Ratenlimit erlaubt.',
  'x.rate_limited':
    'X bremst bis {{time}} (Ratenlimit). Beiträge aus der Zwischenzeit werden danach geholt.',
  'x.connection_taken':
    'Ein anderes Programm hält die Stream-Verbindung dieser X-App (X erlaubt eine pro App). Beende es oder gib Panelcast eine eigene App; neuer Versuch um {{time}}.',
  'x.retry_now': 'Verbinde sofort neu',
  'x.retry_in': 'Verbinde in {{seconds}} s neu',
  'x.stalled': 'Der X-Stream ist verstummt (kein Lebenszeichen). {{when}}.',
  'x.operational': 'X hat den Stream für Wartungsarbeiten geschlossen. {{when}}.',
  'x.dropped': 'Die Verbindung zu X ist abgerissen. {{when}}.',
  'x.http_error': 'X antwortete {{status}}. {{when}}.',
  'x.refused': 'X hat den Stream verweigert. {{when}}.',
  'x.unauthorized': 'X hat das Bearer-Token abgelehnt. Trag in den Einstellungen ein gültiges ein.',
  'x.stream_forbidden': 'Dein X-Tarif erlaubt den gefilterten Stream nicht.',
  'x.search_forbidden': 'Dein X-Tarif erlaubt die Suche nicht.',

  'youtube.not_a_video': '„{{video}}“ ist keine Adresse oder Kennung eines YouTube-Videos.',
  'youtube.looking': 'Suche den Livechat von Video {{video}}…',
  'youtube.no_video':
    'Es gibt kein öffentliches YouTube-Video {{video}} (privat, gelöscht oder vertippt?). Neue Suche in {{seconds}} s.',
  'youtube.no_chat':
    'Video {{video}} hat gerade keinen Livechat (noch nicht live?). Neue Suche in {{seconds}} s.',
  'youtube.reading': 'Liest den Livechat von Video {{video}}.',
  'youtube.offline': 'Der Livestream ist beendet und damit auch der Chat.',
  'youtube.chat_ended':
    'Der Livechat ist beendet (oder wurde entfernt); es gibt nichts mehr zu lesen.',
  'youtube.chat_disabled': 'Der Livechat ist für dieses Video ausgeschaltet.',
  'youtube.quota_exceeded':
    'Das YouTube-API-Kontingent ist bis {{time}} aufgebraucht (Mitternacht pazifischer Zeit). Chatnachrichten aus der Zwischenzeit können nicht geholt werden.',
  'youtube.access_not_configured':
    'Die YouTube Data API v3 ist im Google-Cloud-Projekt dieses API-Schlüssels nicht eingeschaltet. Schalte sie in der Google Cloud Console ein (APIs & Dienste → Bibliothek) und speichere dann erneut.',
  'youtube.key_rejected': 'YouTube hat den API-Schlüssel abgelehnt:',
  'youtube.retrying': 'YouTube antwortete {{status}}. Neuer Versuch in {{seconds}} s.',
  'youtube.streaming':
    'Empfängt den Livechat von Video {{video}}, sobald geschrieben wird (streamList).',
  'youtube.stream_not_offered':
    'YouTube bietet diesem API-Schlüssel den Chat-Stream (streamList) nicht an; der Chat wird stattdessen abgefragt, was mehr Kontingent kostet.',
  'youtube.stream_unavailable':
    'Der Chat-Stream ist {{count}}-mal hintereinander gescheitert; der Chat wird abgefragt, der Stream in {{minutes}} min erneut versucht.',
  'youtube.stream_stalled':
    'Der Chat-Stream ist verstummt. Neue Verbindung in {{seconds}} s; nichts geht verloren.',
  'youtube.stream_retrying':
    'Der Chat-Stream endete ({{status}}). Neue Verbindung in {{seconds}} s; nichts geht verloren.',
  'youtube.stream_rate_limited':
    'YouTube bittet Panelcast, langsamer zu werden. Neue Verbindung zum Chat-Stream in {{seconds}} s.',

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
  'room.no_link':
    'Diese Verbindung gehört nicht (mehr) zum Raum; die Seite baut ihre Verbindungen neu auf.',
  'room.not_ready':
    'Dieser Gast ist nicht im Vorraum; er muss seinen Link öffnen und „Bereit“ drücken.',
  'room.not_participant':
    'Nur Gäste und der Host können sich bereit melden; eine Bühnenseite schaut nur zu.',
  'room.too_fast':
    'Zu viele Nachrichten von dieser Seite auf einmal; sie wird langsamer und versucht es erneut.',
  'room.obs_no_browser':
    'Dieses OBS hat keine Browserquelle. Öffne {{url}} in einem Browserfenster und nimm es in OBS mit einer Fensteraufnahme auf.',
  'room.obs_added': 'Die Bühne ist in OBS: Quelle „{{source}}“ in der Szene „{{scene}}“.',
  'room.not_invited': 'Dieser Gast hat keinen Link zum Raum.',

  'relay.dropping': 'Bilder gehen verloren: Der Upload zu {{name}} ist zu langsam.',
  'connect.not_connected': 'Kein {{site}}-Konto ist verbunden.',
  'connect.waiting_browser':
    'Warte darauf, dass du Panelcast auf der {{site}}-Seite im Browser erlaubst.',
  'connect.waiting_device':
    'Öffne auf einem beliebigen Gerät {{url}} und gib den Code {{code}} ein.',
  'connect.connected': 'Das {{site}}-Konto ist verbunden; sein Token wird vor dem Ablauf erneuert.',
  'connect.connected_pasted':
    'Das {{site}}-Konto ist mit einem eingefügten Token verbunden; füge ein neues ein, wenn es abläuft.',
  'connect.denied': 'Der Zugriff wurde auf der {{site}}-Seite abgelehnt; nichts wurde verbunden.',
  'connect.expired': 'Der Code für {{site}} ist abgelaufen, bevor er eingegeben wurde; starte neu.',
  'connect.revoked':
    '{{site}} nimmt die Verbindung nicht mehr an (widerrufen); verbinde das Konto erneut.',
  'connect.token_expired':
    'Das Token des {{site}}-Kontos ist abgelaufen und lässt sich nicht erneuern; verbinde das Konto neu.',
  'connect.failed': 'Das {{site}}-Konto konnte nicht verbunden werden:',
  'connect.wrong_state':
    'Diese Antwort gehört nicht zu der Verbindung, die Panelcast begonnen hat; sie wurde ignoriert.',
  'connect.no_device_flow':
    '{{site}} bietet keinen Gerätecode an; verbinde im Browser auf diesem Computer oder füge ein Token ein.',
  'connect.needs_instance': 'Nenne zuerst den Mastodon-Server (zum Beispiel https://chaos.social).',
  'connect.nothing_to_revoke': 'Kein {{site}}-Konto ist verbunden.',
  'connect.flow_running':
    'Eine Verbindung zu {{site}} wartet schon; schließe sie ab oder brich sie zuerst ab.',
};

export const MESSAGE_TEXTS_DE = {
  codes,
  words: {
    what: {
      x_token: 'Bearer-Token von X',
      youtube_key: 'YouTube-API-Schlüssel',
      facebook_token: 'Facebook-Seiten-Zugriffstoken',
      linkedin_token: 'LinkedIn-Zugriffstoken',
      twitch_token: 'Twitch-Benutzer-Zugriffstoken',
      mastodon_token: 'Mastodon-Zugriffstoken',
      bluesky_password: 'Bluesky-App-Passwort',
      stream_key: 'Stream-Schlüssel',
      obs_password: 'OBS-Passwort',
    },
    field: {
      apiBaseUrl: 'Die X-API-Adresse',
      rootUrl: 'Die YouTube-API-Adresse',
      facebook_api: 'Die Facebook-API-Adresse',
      linkedin_api: 'Die LinkedIn-API-Adresse',
      twitch_api: 'Die Twitch-API-Adresse',
      mastodon_api: 'Die Mastodon-API-Adresse',
      bluesky_api: 'Die Bluesky-API-Adresse',
      grpcUrl: 'Die Adresse des YouTube-Chat-Streams',
    },
    role: { producer: 'Produktion', moderator: 'Moderation', guest: 'Gast' },
    state: { planned: 'geplant', live: 'live', ended: 'beendet' },
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

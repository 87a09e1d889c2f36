// The guest's page (/join/<invite>) and the host's (/room): check camera, microphone, name and
// role, then "Ready" into the room, where everyone sees and hears the others but not themselves.
// No install, no account: the invite in the address is the guest's key, checked by the core.
import { StrictMode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { tlsOn443 } from '../../../src/shared/connection-check';
import type { GuestAuth } from '../../../src/shared/guest-room';
import { initI18n, setLanguage, LANGUAGES } from '../i18n/i18n';
import { useWording } from '../i18n/messages';
import { takeTokenFromUrl } from '../lib/token';
import { useRoom, type RoomConnection } from '../lib/use-room';
import { GreenRoom } from './GreenRoom';
import { JoinSetup } from './JoinSetup';
import { useConnectionCheck } from './use-connection-check';
import { useLocalMedia } from './use-local-media';
import '../styles/room.css';

initI18n();

function authFromAddress(): GuestAuth {
  if (location.pathname.replace(/\/+$/, '') === '/room') {
    const token = takeTokenFromUrl(location, history);
    return token ? { kind: 'host', token } : { kind: 'host' };
  }
  const invite = location.pathname.split('/')[2] ?? '';
  return { kind: 'guest', invite: decodeURIComponent(invite) };
}

/** What the guest said on "Ready" in this tab, so a reload goes straight back into the room. */
const READY_KEY = `panelcast.room.ready:${location.pathname}`;

function savedReady(): { name: string; role: string } | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(READY_KEY) ?? 'null') as unknown;
    const { name, role } = (saved ?? {}) as { name?: unknown; role?: unknown };
    return typeof name === 'string' && typeof role === 'string' ? { name, role } : null;
  } catch {
    return null;
  }
}

function saveReady(name: string, role: string): void {
  try {
    sessionStorage.setItem(READY_KEY, JSON.stringify({ name, role }));
  } catch {
    // Private mode: a reload asks for "Ready" again.
  }
}

/** After a reload: back into the room as soon as the camera is open again. */
function useRejoin(room: RoomConnection, stream: MediaStream | null, onJoined: () => void): void {
  const tried = useRef(false);
  const { welcome, ready } = room;
  useEffect(() => {
    const saved = savedReady();
    if (tried.current || !welcome || !stream || !saved) return;
    tried.current = true;
    ready(saved.name, saved.role).then(
      (result) => result.ok && onJoined(),
      () => undefined,
    );
  }, [welcome, stream, ready, onJoined]);
}

/** The connection test, run as soon as the room names its servers; its outcome goes to the panel. */
function useReportedCheck(room: RoomConnection) {
  const servers = room.welcome?.iceServers ?? null;
  const check = useConnectionCheck(servers);
  const { report } = check;
  const { welcome, reportConnectivity } = room;
  // Again after a reconnect (a new welcome): the new session starts without it.
  useEffect(() => {
    if (report && welcome) reportConnectivity(report);
  }, [report, welcome, reportConnectivity]);
  return { state: check, tls443: tlsOn443(servers ?? []) };
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="join__languages" role="group" aria-label={t('join.language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          aria-pressed={i18n.language === language}
          onClick={() => setLanguage(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function JoinPage() {
  const { t } = useTranslation();
  const word = useWording();
  const auth = useMemo(authFromAddress, []);
  const room = useRoom(auth);
  const media = useLocalMedia();
  const [joined, setJoined] = useState(false);
  const { setLocal } = room;
  useEffect(() => setLocal(media.stream), [media.stream, setLocal]);

  const markJoined = useCallback(() => setJoined(true), []);
  useRejoin(room, media.stream, markJoined);
  const check = useReportedCheck(room);

  const ended = room.refusal ?? (room.removed ? 'removed' : null);
  const ready = async (name: string, role: string): Promise<string | null> => {
    const result = await room.ready(name, role).catch(() => null);
    if (result?.ok) {
      saveReady(name, role);
      setJoined(true);
    }
    return result === null ? t('join.refused.offline') : result.ok ? null : word(result.message);
  };
  return (
    <main className="join">
      <header className="join__head">
        <h1>{auth.kind === 'host' ? t('join.hostTitle') : t('join.title')}</h1>
        <LanguageSwitch />
      </header>
      {ended !== null ? (
        <p className="join__ended" role="alert" data-testid="join-ended">
          {t(`join.refused.${ended}`)}
        </p>
      ) : !room.welcome ? (
        <p role="status">{t('join.connecting')}</p>
      ) : joined ? (
        <GreenRoom room={room} self={media.stream} />
      ) : (
        <JoinSetup
          media={media}
          name={room.welcome.name}
          role={room.welcome.role}
          connected={room.connected}
          check={check}
          onReady={ready}
        />
      )}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <JoinPage />
    </StrictMode>,
  );
}

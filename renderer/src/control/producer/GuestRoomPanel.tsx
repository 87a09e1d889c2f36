// The director panel: each guest's place in the remote-guest room (invited, joining, green room,
// on stage, left) with a live thumbnail while they are in it, their personal link with a QR code,
// bring on / take off stage, remove; the stage's layout; and the ways in for the host and for OBS.
import QRCode from 'qrcode';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectivityReport } from '../../../../src/shared/connection-check';
import {
  STAGE_LAYOUTS,
  type GuestAuth,
  type RoomGuest,
  type RoomStats,
  type StageLayout,
} from '../../../../src/shared/guest-room';
import type { Guest } from '../../../../src/shared/shapes';
import type { ShowState } from '../../../../src/shared/state';
import { Talkback } from '../../components/Talkback';
import { refusalText, useWording } from '../../i18n/messages';
import type { RemoteMedia } from '../../lib/room-peers';
import { storedToken } from '../../lib/token';
import { useRoom } from '../../lib/use-room';
import { useConnection } from '../context';
import { GuestThumbnail } from './GuestThumbnail';
import type { Send } from './send';

function InviteLink({ name, url }: { name: string; url: string }) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(url, { margin: 1, width: 200 })
      .then((data) => current && setQr(data))
      .catch(() => current && setQr(null));
    return () => {
      current = false;
    };
  }, [url]);
  const copy = (): void => {
    navigator.clipboard.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="invite" data-testid="invite-link">
      {qr && <img className="invite__qr" src={qr} alt={t('room.qr')} />}
      <div className="invite__text">
        <p className="muted">{t('room.linkFor', { name })}</p>
        <code data-testid="invite-url">{url}</code>
        <button type="button" className="button" onClick={copy}>
          {copied ? t('room.copied') : t('room.copy')}
        </button>
      </div>
    </div>
  );
}

function Quality({ quality }: { quality: RoomStats }) {
  const { t } = useTranslation();
  const parts = [
    quality.rttMs === null ? null : t('room.rtt', { ms: quality.rttMs }),
    quality.lossPct === null ? null : t('room.loss', { pct: quality.lossPct }),
    quality.kbps === null ? null : t('room.kbps', { kbps: quality.kbps }),
    quality.width === null ? null : `${quality.width}×${quality.height ?? 0}`,
  ].filter((part): part is string => part !== null);
  return (
    <span className="room-quality" data-testid="room-quality">
      {parts.join(' · ')}
    </span>
  );
}

/** What the guest's connection test found: "TLS only", "no way through"; details on hover. */
function Connectivity({ report }: { report: ConnectivityReport }) {
  const { t } = useTranslation();
  return (
    <span
      className={`room-net room-net--${report.verdict}`}
      title={t(`room.connectivityHint.${report.verdict}`)}
      data-testid="room-connectivity"
      data-verdict={report.verdict}
    >
      {t(`room.connectivity.${report.verdict}`)}
    </span>
  );
}

function GuestRow({
  guest,
  room,
  onStage,
  send,
  onInvite,
  picture,
}: {
  guest: Guest;
  room: RoomGuest | undefined;
  /** On stage, or holding the place while gone (they come back to it). */
  onStage: boolean;
  send: Send;
  onInvite: () => void;
  /** Their thumbnail as it reaches this panel, null before it does; undefined: none here. */
  picture: RemoteMedia | null | undefined;
}) {
  const { t } = useTranslation();
  const state = room?.state ?? 'uninvited';
  const inRoom = state === 'green' || state === 'stage';
  const name = room?.shownName ?? guest.name;
  return (
    <li className="room-guest" data-testid="room-guest" data-state={state}>
      <span className="room-guest__main">
        {(inRoom || state === 'joining') && picture !== undefined && (
          <GuestThumbnail name={name} picture={picture} />
        )}
        <span className="room-guest__who">
          <strong>{name}</strong>
          <span className={`room-state room-state--${state}`}>{t(`room.states.${state}`)}</span>
          {inRoom && room?.quality && <Quality quality={room.quality} />}
          {room?.connectivity && <Connectivity report={room.connectivity} />}
        </span>
      </span>
      <span className="room-guest__actions">
        {(inRoom || onStage) && (
          <button
            type="button"
            className={`button${onStage ? ' button--primary' : ''}`}
            aria-pressed={onStage}
            onClick={() => void send('guests:stage', { guestId: guest.id, on: !onStage })}
          >
            {onStage ? t('room.takeOff') : t('room.bringOn')}
          </button>
        )}
        {inRoom && (
          <>
            <button
              type="button"
              className="button"
              onClick={() => void send('guests:cue', { guestId: guest.id, cue: 'wrap_up' })}
            >
              {t('room.wrapUp')}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void send('guests:cue', { guestId: guest.id, cue: 'unmute' })}
            >
              {t('room.askUnmute')}
            </button>
          </>
        )}
        <button type="button" className="button" onClick={onInvite}>
          {state === 'uninvited' ? t('room.invite') : t('room.newInvite')}
        </button>
        {state !== 'uninvited' && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => void send('guests:remove', { guestId: guest.id })}
          >
            {t('room.remove')}
          </button>
        )}
      </span>
    </li>
  );
}

/** Talkback with the guests in the room: every line, and a field to answer one guest. */
function ProductionTalkback({ state }: { state: ShowState }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const inRoom = state.room.guests.filter((g) => g.state === 'green' || g.state === 'stage');
  const [to, setTo] = useState('');
  const target = inRoom.some((g) => g.id === to) ? to : (inRoom[0]?.id ?? '');
  const nameOf = (id: string): string => state.guests.find((g) => g.id === id)?.name ?? id;
  if (inRoom.length === 0 && state.room.talk.length === 0) return null;
  return (
    <div className="room-talk">
      <h3>{t('room.talk')}</h3>
      {inRoom.length > 1 && (
        <label>
          {t('room.talkTo')}{' '}
          <select
            aria-label={t('room.talkTo')}
            value={target}
            onChange={(e) => setTo(e.target.value)}
          >
            {inRoom.map((g) => (
              <option key={g.id} value={g.id}>
                {nameOf(g.id)}
              </option>
            ))}
          </select>
        </label>
      )}
      <Talkback
        lines={state.room.talk}
        nameOf={(line) =>
          line.from === 'guest'
            ? nameOf(line.guestId)
            : t('room.talkToGuest', { name: nameOf(line.guestId) })
        }
        label={t('room.talkLabel', { name: nameOf(target) })}
        hint={t('room.talkLabel', { name: nameOf(target) })}
        onSend={async (text) =>
          (await connection.request('guests:talk', { guestId: target, text })).ok
        }
      />
    </div>
  );
}

/** Arrow keys move through a radio group, as in any form: the next option is chosen at once. */
function stepOf(key: string): number {
  if (key === 'ArrowRight' || key === 'ArrowDown') return 1;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return -1;
  return 0;
}

/** How the /stage page lays out the guests on stage; it changes live, in OBS too. */
function StageLayoutPicker({ layout, send }: { layout: StageLayout; send: Send }) {
  const { t } = useTranslation();
  const options = useRef<(HTMLButtonElement | null)[]>([]);
  const choose = (next: StageLayout): void => {
    if (next !== layout) void send('guests:layout', { layout: next });
  };
  const onKey = (event: KeyboardEvent): void => {
    const step = stepOf(event.key);
    if (step === 0) return;
    event.preventDefault();
    // From the option with the focus: quick presses run ahead of the core's answer.
    const focused = options.current.findIndex((option) => option === event.target);
    const from = focused >= 0 ? focused : STAGE_LAYOUTS.indexOf(layout);
    const count = STAGE_LAYOUTS.length;
    const index = (from + step + count) % count;
    options.current[index]?.focus();
    choose(STAGE_LAYOUTS[index] ?? layout);
  };
  return (
    <div className="room-layout" data-testid="stage-layout">
      <h3 id="room-layout-heading">{t('room.layout')}</h3>
      <div
        className="segmented room-layout__options"
        role="radiogroup"
        aria-labelledby="room-layout-heading"
        onKeyDown={onKey}
      >
        {STAGE_LAYOUTS.map((option, i) => (
          <button
            key={option}
            ref={(element) => {
              options.current[i] = element;
            }}
            type="button"
            role="radio"
            aria-checked={option === layout}
            tabIndex={option === layout ? 0 : -1}
            className={`segmented__option${option === layout ? ' segmented__option--on' : ''}`}
            onClick={() => choose(option)}
          >
            {t(`room.layouts.${option}`)}
          </button>
        ))}
      </div>
      <p className="muted room-layout__hint">{t(`room.layoutHints.${layout}`)}</p>
    </div>
  );
}

/** "Set up OBS": the stage page as a browser source, or the address to capture where OBS has none. */
function StageInObs({ scenes, stageUrl }: { scenes: string[]; stageUrl: string }) {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [scene, setScene] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const chosen = scenes.includes(scene) ? scene : (scenes[0] ?? '');
  const setUp = async (): Promise<void> => {
    const result = await connection.request('guests:setupObs', { scene: chosen });
    setNote(result.ok ? word(result.note) : refusalText(word, result));
  };
  return (
    <div className="room-obs">
      <p className="muted room-stage-url">{t('room.stageUrl', { url: stageUrl })}</p>
      {scenes.length > 0 && (
        <div className="room-obs__row">
          <label>
            {t('room.obsScene')}{' '}
            <select value={chosen} onChange={(e) => setScene(e.target.value)}>
              {scenes.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={() => void setUp()}>
            {t('room.setUpObs')}
          </button>
        </div>
      )}
      {note && (
        <p role="status" data-testid="room-obs-note">
          {note}
        </p>
      )}
    </div>
  );
}

interface GuestListProps {
  state: ShowState;
  send: Send;
  onInvite: (guest: Guest) => void;
}

function GuestList({
  state,
  send,
  onInvite,
  pictures,
}: GuestListProps & { pictures: RemoteMedia[] | null }) {
  const { room } = state;
  return (
    <ul className="room-guests">
      {state.guests.map((guest) => (
        <GuestRow
          key={guest.id}
          guest={guest}
          room={room.guests.find((g) => g.id === guest.id)}
          onStage={room.onStage.includes(guest.id)}
          send={send}
          onInvite={() => onInvite(guest)}
          picture={
            pictures === null
              ? undefined
              : (pictures.find((p) => p.link.peer.id === guest.id) ?? null)
          }
        />
      ))}
    </ul>
  );
}

/**
 * The guest list while someone is in the room: this panel joins it as a monitor and receives a
 * thumbnail from each guest, peer to peer (the core only signals).
 */
function WatchedGuestList(props: GuestListProps) {
  const auth = useMemo((): GuestAuth => {
    const token = storedToken();
    return token ? { kind: 'monitor', token } : { kind: 'monitor' };
  }, []);
  const monitor = useRoom(auth);
  const { t } = useTranslation();
  return (
    <>
      <GuestList {...props} pictures={monitor.refusal ? null : monitor.remote} />
      {monitor.refusal && (
        <p className="muted" role="status" data-testid="room-thumbs-off">
          {t(monitor.refusal === 'room_full' ? 'room.thumb.full' : 'room.thumb.refused')}
        </p>
      )}
    </>
  );
}

export function GuestRoomPanel({ state, send }: { state: ShowState; send: Send }) {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const [shown, setShown] = useState<{ name: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const invite = async (guest: Guest): Promise<void> => {
    const result = await connection.request('guests:invite', { guestId: guest.id });
    // Without a public URL, guests reach the core where this screen does (the LAN address).
    const url =
      result.ok && state.app.audienceUrl === null
        ? new URL(new URL(result.link).pathname, location.origin).toString()
        : result.ok
          ? result.link
          : '';
    if (result.ok) setShown({ name: guest.name, url });
    setError(result.ok ? null : refusalText(word, result));
  };
  const { room } = state;
  const stageUrl = new URL('/stage', location.href).toString();
  // Thumbnails only while a guest is in the room: no connection to it otherwise.
  const watching = room.guests.some((g) => ['joining', 'green', 'stage'].includes(g.state));
  return (
    <section className="panel" aria-labelledby="room-heading" data-testid="guest-room-panel">
      <div className="panel__head">
        <h2 id="room-heading">{t('room.heading')}</h2>
        <a className="button" href="/room" target="_blank" rel="noreferrer">
          {t('room.joinAsHost')}
        </a>
      </div>
      {room.host && <p className="muted">{t('room.host', { name: room.host })}</p>}
      {state.guests.length === 0 && <p className="muted">{t('room.noGuests')}</p>}
      {watching ? (
        <WatchedGuestList state={state} send={send} onInvite={(g) => void invite(g)} />
      ) : (
        <GuestList state={state} send={send} onInvite={(g) => void invite(g)} pictures={null} />
      )}
      {error && <p role="alert">{error}</p>}
      <StageLayoutPicker layout={room.layout} send={send} />
      <ProductionTalkback state={state} />
      {shown && <InviteLink name={shown.name} url={shown.url} />}
      <StageInObs scenes={state.obs.scenes} stageUrl={stageUrl} />
    </section>
  );
}

// After "Ready": the others in the room (guests and host), with sound, and oneself muted in a
// corner; a badge says when the guest is on stage (the stage pages receive them).
import { useTranslation } from 'react-i18next';
import { MediaTile } from '../components/MediaTile';
import type { RoomConnection } from '../lib/use-room';
import { MuteButton, ReturnFeed } from './ReturnFeed';

export function GreenRoom({ room, self }: { room: RoomConnection; self: MediaStream | null }) {
  const { t } = useTranslation();
  const onStage = room.links.some((link) => link.peer.kind === 'stage');
  const others = room.remote.filter((r) => r.link.peer.kind !== 'stage');
  return (
    <section className="join__room" aria-labelledby="room-heading">
      <h2 id="room-heading" data-testid="room-status">
        {onStage ? t('join.onStage') : t('join.greenRoom')}
      </h2>
      {!room.connected && <p role="status">{t('join.reconnecting')}</p>}
      {room.feed && (
        <ReturnFeed
          feed={room.feed}
          onTalk={(text) =>
            room.talk(text).then(
              (r) => r.ok,
              () => false,
            )
          }
        />
      )}
      {others.length === 0 && <p className="muted">{t('join.waiting')}</p>}
      <div className={`join__tiles join__tiles--${Math.min(others.length, 4)}`}>
        {others.map(({ link, stream, interrupted }) => (
          <MediaTile
            key={link.id}
            stream={stream}
            name={link.peer.name}
            role={link.peer.role}
            muted={false}
            notice={interrupted ? t('join.interrupted') : null}
            testId="remote-tile"
          />
        ))}
      </div>
      <div className="join__self">
        <MediaTile stream={self} name={t('join.you')} role="" muted mirrored testId="self-tile" />
        <MuteButton stream={self} />
      </div>
    </section>
  );
}

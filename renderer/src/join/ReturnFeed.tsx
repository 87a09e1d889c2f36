// The guest's return feed: the producer's cue (for a little while), who is on stage, the
// question on air and the running segment's time left; and the guest's own microphone switch.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomFeed } from '../../../src/shared/guest-room';
import { Talkback } from '../components/Talkback';
import { useNow } from '../lib/relative-time';

/** How long a cue stays up on the guest's page. */
const CUE_MS = 20_000;

function clock(ms: number): string {
  const total = Math.round(Math.abs(ms) / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

function SegmentLine({ segment, now }: { segment: NonNullable<RoomFeed['segment']>; now: number }) {
  const { t } = useTranslation();
  if (segment.endsAt === null) return <p>{segment.title}</p>;
  const left = Date.parse(segment.endsAt) - now;
  return (
    <p data-testid="feed-segment">
      {left >= 0
        ? t('join.feed.left', { title: segment.title, time: clock(left) })
        : t('join.feed.over', { title: segment.title, time: clock(left) })}
    </p>
  );
}

export function ReturnFeed({
  feed,
  onTalk,
}: {
  feed: RoomFeed;
  onTalk: (text: string) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const cueOn = feed.cue !== null && now - Date.parse(feed.cue.at) < CUE_MS;
  return (
    <aside className="feed" aria-label={t('join.feed.label')}>
      {cueOn && feed.cue && (
        <p className="feed__cue" role="alert" data-testid="feed-cue">
          {t(`join.feed.cue.${feed.cue.kind}`)}
        </p>
      )}
      <p data-testid="feed-stage">
        {feed.onStage.length > 0
          ? t('join.feed.onStage', { names: feed.onStage.join(', ') })
          : t('join.feed.nobody')}
      </p>
      {feed.onAir && (
        <blockquote className="feed__question" data-testid="feed-question">
          <bdi>{feed.onAir.text}</bdi>
          <footer>— {feed.onAir.author}</footer>
        </blockquote>
      )}
      {feed.segment && <SegmentLine segment={feed.segment} now={now} />}
      <Talkback
        lines={feed.talk}
        nameOf={(line) => (line.from === 'guest' ? t('join.you') : t('join.feed.production'))}
        label={t('join.feed.talk')}
        hint={t('join.feed.talkHint')}
        onSend={onTalk}
      />
    </aside>
  );
}

/** Mutes this page's microphone for everyone (the track stays, so unmuting is instant). */
export function MuteButton({ stream }: { stream: MediaStream | null }) {
  const { t } = useTranslation();
  const [muted, setMuted] = useState(false);
  const toggle = (): void => {
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = muted;
    setMuted(!muted);
  };
  return (
    <button type="button" aria-pressed={muted} onClick={toggle} data-testid="mute">
      {muted ? t('join.feed.unmute') : t('join.feed.mute')}
    </button>
  );
}

// One card in a moderator column: who, when, what (always as plain, tamed text, long ones
// opened on demand), its flags, and the actions that make sense where it stands. Buttons are
// touch-sized; keys are there for speed.
import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tameText } from '../../../../src/shared/tame-text';
import { Avatar } from '../../components/Avatar';
import { PlatformIcon } from '../../components/PlatformIcon';
import { absoluteTime, relativeTime } from '../../lib/relative-time';
import type { Card, IncomingTab } from './board';

export type ColumnKind = 'incoming' | 'approved' | 'aired';

export type CardAction =
  | 'queue:approve'
  | 'queue:reject'
  | 'queue:restore'
  | 'queue:pin'
  | 'queue:unpin'
  | 'queue:air'
  | 'queue:done'
  | 'queue:ungroup';

interface Props {
  card: Card;
  column: ColumnKind;
  tab: IncomingTab;
  selected: boolean;
  now: number;
  onAction: (action: CardAction, id: string) => void;
  onSelect: (column: ColumnKind, id: string) => void;
}

const ACTION_LABEL: Record<CardAction, string> = {
  'queue:approve': 'approve',
  'queue:reject': 'reject',
  'queue:restore': 'restore',
  'queue:pin': 'pin',
  'queue:unpin': 'unpin',
  'queue:air': 'air',
  'queue:done': 'done',
  'queue:ungroup': 'split',
};

export function actionsFor(card: Card, column: ColumnKind, tab: IncomingTab): CardAction[] {
  const status = card.leader.status;
  if (column === 'incoming') {
    if (tab === 'filtered') return ['queue:restore', 'queue:reject'];
    if (tab === 'rejected') return ['queue:restore'];
    // No "On air" here: airing an unapproved comment takes a confirmation (Enter asks).
    const actions: CardAction[] = ['queue:approve', 'queue:reject'];
    if (card.members.length > 1) actions.push('queue:ungroup');
    return actions;
  }
  if (column === 'approved') {
    return [card.leader.pinned ? 'queue:unpin' : 'queue:pin', 'queue:air', 'queue:reject'];
  }
  return status === 'on_air' ? ['queue:done'] : [];
}

const SHOWS_WHO = new Set(['approved', 'on_air', 'done', 'rejected']);

/** Cards are rebuilt with every change; re-render only when what they show changed. */
function sameCard(a: Props, b: Props): boolean {
  return (
    a.card.leader === b.card.leader &&
    a.card.members.length === b.card.members.length &&
    a.column === b.column &&
    a.tab === b.tab &&
    a.selected === b.selected &&
    a.now === b.now &&
    a.onAction === b.onAction &&
    a.onSelect === b.onSelect
  );
}

export const CommentCard = memo(function CommentCard({
  card,
  column,
  tab,
  selected,
  now,
  onAction,
  onSelect,
}: Props) {
  const { t, i18n } = useTranslation();
  const { leader, members } = card;
  const askers = members.length;
  const platformLabel = t(`platform.${leader.platform}`);
  const by = leader.moderatedBy;
  const text = useRef<HTMLParagraphElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [clamped, setClamped] = useState(false);
  useLayoutEffect(() => {
    const element = text.current;
    if (element && !expanded) setClamped(element.scrollHeight > element.clientHeight + 1);
  }, [leader.text, expanded]);
  return (
    <article
      className={`card card--${leader.status}${selected ? ' card--selected' : ''}${leader.pinned ? ' card--pinned' : ''}`}
      data-id={leader.id}
      data-testid="comment-card"
      aria-selected={selected}
      onMouseDown={() => onSelect(column, leader.id)}
    >
      <Avatar author={leader.author} size={36} />
      <div className="card__body">
        <header className="card__head">
          <PlatformIcon platform={leader.platform} label={platformLabel} size={16} />
          <span className="card__name">
            <bdi>{tameText(leader.author.name)}</bdi>
          </span>
          {leader.author.handle && (
            <span className="card__handle">
              @<bdi>{tameText(leader.author.handle)}</bdi>
            </span>
          )}
          <time
            className="card__time"
            dateTime={leader.receivedAt}
            title={absoluteTime(leader.receivedAt, i18n.language)}
          >
            {relativeTime(leader.receivedAt, now, t, t('time.now'))}
          </time>
        </header>
        <p
          ref={text}
          className={`card__text${expanded ? ' card__text--open' : ''}`}
          data-testid="comment-text"
        >
          <bdi>{tameText(leader.text)}</bdi>
        </p>
        {(clamped || expanded) && (
          <button
            type="button"
            className="card__more"
            aria-expanded={expanded}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation();
              setExpanded((open) => !open);
            }}
          >
            {expanded ? t('moderator.less') : t('moderator.more')}
          </button>
        )}
        <footer className="card__meta">
          {leader.status === 'on_air' && (
            <span className="tag tag--air">{t('moderator.onAirNow')}</span>
          )}
          {leader.pinned && <span className="tag tag--pin">{t('moderator.pinned')}</span>}
          {askers > 1 && (
            <span
              className="tag tag--group"
              title={members
                .map((m) => (m.author.handle ? `@${m.author.handle}` : m.author.name))
                .join(', ')}
            >
              {t('moderator.askers', { count: askers })}
            </span>
          )}
          {leader.votes > 0 && (
            <span className="tag tag--votes">{t('moderator.votes', { count: leader.votes })}</span>
          )}
          {leader.flags.question && <span className="tag">{t('moderator.question')}</span>}
          {leader.flags.link && <span className="tag tag--warn">{t('moderator.link')}</span>}
          {leader.flags.superchat && (
            <span className="tag tag--money">
              {t('moderator.superchat', { amount: leader.flags.superchat.amount })}
            </span>
          )}
          {leader.filterReason && leader.status === 'filtered' && (
            <span className="tag tag--warn">
              {t('moderator.filteredBecause', { reason: leader.filterReason })}
            </span>
          )}
          {by && SHOWS_WHO.has(leader.status) && (
            <span className="card__by">
              {t(`moderator.statusBy.${leader.status}`, { name: by })}
            </span>
          )}
          <span className="card__actions">
            {actionsFor(card, column, tab).map((action) => (
              <button
                key={action}
                type="button"
                className={`mini mini--${ACTION_LABEL[action]}`}
                tabIndex={-1}
                onClick={(event) => {
                  event.stopPropagation();
                  onAction(action, leader.id);
                }}
              >
                {t(`moderator.${ACTION_LABEL[action]}`)}
              </button>
            ))}
          </span>
        </footer>
      </div>
    </article>
  );
}, sameCard);

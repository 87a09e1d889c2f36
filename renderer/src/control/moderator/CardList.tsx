// A virtualized column of cards: only what is on screen is in the DOM, so 50,000 comments
// scroll as smoothly as 50. The approved column also reorders by dragging a grip, with pointer
// events so a finger on a tablet drags as well as a mouse.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Card } from './board';

interface Props {
  cards: Card[];
  selectedIndex: number;
  active: boolean;
  label: string;
  empty: ReactNode;
  renderCard: (card: Card, index: number) => ReactNode;
  /** When set, cards can be dragged to a new place; called with the card and its target index. */
  onReorder?: (id: string, toIndex: number) => void;
}

interface Drag {
  id: string;
  from: number;
  pointerId: number;
}

export function CardList({
  cards,
  selectedIndex,
  active,
  label,
  empty,
  renderCard,
  onReorder,
}: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const drag = useRef<Drag | null>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 132,
    overscan: 8,
    getItemKey: (index) => cards[index]?.leader.id ?? index,
  });

  useEffect(() => {
    if (active && selectedIndex >= 0 && selectedIndex < cards.length) {
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    }
  }, [active, selectedIndex, cards.length, virtualizer]);

  /** The row under a pointer, from the virtualizer's own measurements. */
  const indexAt = (clientY: number): number => {
    const scroller = scrollRef.current;
    if (!scroller) return 0;
    const y = clientY - scroller.getBoundingClientRect().top + scroller.scrollTop;
    const items = virtualizer.getVirtualItems();
    const hit = items.find((item) => y >= item.start && y < item.end);
    if (hit) return hit.index;
    return y < (items[0]?.start ?? 0) ? 0 : cards.length - 1;
  };

  const startDrag = (event: PointerEvent<HTMLButtonElement>, id: string, index: number): void => {
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { id, from: index, pointerId: event.pointerId };
    setDropIndex(index);
  };
  const moveDrag = (event: PointerEvent<HTMLButtonElement>): void => {
    if (drag.current?.pointerId !== event.pointerId) return;
    setDropIndex(indexAt(event.clientY));
  };
  const endDrag = (event: PointerEvent<HTMLButtonElement>, drop: boolean): void => {
    const current = drag.current;
    if (current?.pointerId !== event.pointerId) return;
    drag.current = null;
    const to = indexAt(event.clientY);
    setDropIndex(null);
    if (drop && onReorder && to !== current.from) onReorder(current.id, to);
  };

  if (cards.length === 0) {
    return (
      <div className="column__scroll column__scroll--empty" role="list" aria-label={label}>
        <p className="muted">{empty}</p>
      </div>
    );
  }

  return (
    <div ref={scrollRef} className="column__scroll" role="list" aria-label={label}>
      <div className="column__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const card = cards[item.index];
          if (!card) return null;
          const from = drag.current?.from ?? -1;
          const dropClass =
            dropIndex === item.index && from !== item.index
              ? ` column__row--drop-${item.index > from ? 'after' : 'before'}`
              : '';
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`column__row${onReorder ? ' column__row--sortable' : ''}${dropClass}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {onReorder && (
                <button
                  type="button"
                  className="drag-handle"
                  aria-label={t('moderator.dragHandle')}
                  title={t('moderator.dragHandle')}
                  data-testid="drag-handle"
                  tabIndex={-1}
                  onPointerDown={(event) => startDrag(event, card.leader.id, item.index)}
                  onPointerMove={moveDrag}
                  onPointerUp={(event) => endDrag(event, true)}
                  onPointerCancel={(event) => endDrag(event, false)}
                >
                  <span aria-hidden="true">⋮⋮</span>
                </button>
              )}
              {renderCard(card, item.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

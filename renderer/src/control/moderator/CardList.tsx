// A virtualized column of cards: only what is on screen is in the DOM, so 50,000 comments
// scroll as smoothly as 50. The approved column also takes drag-and-drop reordering.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';
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

export function CardList({
  cards,
  selectedIndex,
  active,
  label,
  empty,
  renderCard,
  onReorder,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const dragged = useRef<string | null>(null);
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 108,
    overscan: 8,
    getItemKey: (index) => cards[index]?.leader.id ?? index,
  });

  useEffect(() => {
    if (active && selectedIndex >= 0 && selectedIndex < cards.length) {
      virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
    }
  }, [active, selectedIndex, cards.length, virtualizer]);

  if (cards.length === 0) {
    return (
      <div className="column__scroll column__scroll--empty" role="list" aria-label={label}>
        <p className="muted">{empty}</p>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className="column__scroll"
      role="list"
      aria-label={label}
      onDragOver={(event) => {
        if (onReorder && dragged.current) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        const id = dragged.current;
        if (onReorder && id !== null) onReorder(id, dropIndex ?? cards.length - 1);
        dragged.current = null;
        setDropIndex(null);
      }}
    >
      <div className="column__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const card = cards[item.index];
          if (!card) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`column__row${dropIndex === item.index ? ' column__row--drop' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
              draggable={onReorder !== undefined}
              onDragStart={(event) => {
                dragged.current = card.leader.id;
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', card.leader.id);
              }}
              onDragEnter={() => {
                if (onReorder && dragged.current) setDropIndex(item.index);
              }}
              onDragEnd={() => {
                dragged.current = null;
                setDropIndex(null);
              }}
            >
              {renderCard(card, item.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

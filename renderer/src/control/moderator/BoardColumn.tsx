// One of the moderator's three columns: its heading with the count, the incoming column's tabs,
// and the virtualized list of cards.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CardList } from './CardList';
import type { ColumnKind } from './CommentCard';
import type { Card, IncomingTab } from './board';

const TABS: IncomingTab[] = ['incoming', 'filtered', 'rejected'];
const TAB_LABEL: Record<IncomingTab, string> = {
  incoming: 'moderator.tabIncoming',
  filtered: 'moderator.tabFiltered',
  rejected: 'moderator.tabRejected',
};

interface Props {
  kind: ColumnKind;
  title: string;
  cards: Card[];
  empty: string;
  active: boolean;
  selectedIndex: number;
  /** Beside the heading: the screen badge, the sort button. */
  extra?: ReactNode;
  tabs?: { tab: IncomingTab; counts: Record<IncomingTab, number>; onTab: (t: IncomingTab) => void };
  onActivate: () => void;
  onReorder?: (id: string, toIndex: number) => void;
  renderCard: (card: Card, index: number) => ReactNode;
}

export function BoardColumn(props: Props) {
  const { t } = useTranslation();
  const { kind, title, cards, tabs } = props;
  return (
    <section
      className={`column${props.active ? ' column--active' : ''}`}
      aria-labelledby={`col-${kind}`}
      onMouseDown={props.onActivate}
      data-testid={`column-${kind}`}
    >
      <div className="column__head">
        <h2 id={`col-${kind}`}>
          {title}{' '}
          <span className="badge" data-testid={`count-${kind}`}>
            {cards.length}
          </span>
        </h2>
        {props.extra}
      </div>
      {tabs && (
        <div className="tabs tabs--small" role="tablist">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tabs.tab === name}
              className={`tabs__tab${tabs.tab === name ? ' tabs__tab--active' : ''}`}
              onClick={() => tabs.onTab(name)}
            >
              {t(TAB_LABEL[name])} <span className="badge">{tabs.counts[name]}</span>
            </button>
          ))}
        </div>
      )}
      <CardList
        cards={cards}
        selectedIndex={props.selectedIndex}
        active={props.active}
        label={title}
        empty={props.empty}
        {...(props.onReorder ? { onReorder: props.onReorder } : {})}
        renderCard={props.renderCard}
      />
    </section>
  );
}

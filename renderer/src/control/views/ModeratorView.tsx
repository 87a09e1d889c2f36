// The moderator's screen: incoming → approved queue → on air & done, keyboard-first.
// J/K move, H/L switch columns, A approve, R reject, P pin, Enter on air, Esc off air, N next,
// U undo, / search, Q questions only, Shift+J/K reorder, S split, ? shortcuts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../src/shared/comment';
import type { ControlIntentName } from '../../../../src/shared/protocol';
import { PlatformIcon } from '../../components/PlatformIcon';
import { isTyping, liveKeyAllowed } from '../../lib/keyboard';
import { useNow } from '../../lib/relative-time';
import { useComments, useConnection, useShow } from '../context';
import { CardList } from '../moderator/CardList';
import { ScreenBadge } from '../producer/ScreenStatus';
import {
  CommentCard,
  actionsFor,
  type CardAction,
  type ColumnKind,
} from '../moderator/CommentCard';
import { buildBoard, type BoardFilters, type Card, type IncomingTab } from '../moderator/board';
import type { Message } from '../../../../src/shared/messages/message';
import { refusalText, useWording } from '../../i18n/messages';

const COLUMNS: ColumnKind[] = ['incoming', 'approved', 'aired'];
const TABS: IncomingTab[] = ['incoming', 'filtered', 'rejected'];
const TAB_LABEL: Record<IncomingTab, string> = {
  incoming: 'moderator.tabIncoming',
  filtered: 'moderator.tabFiltered',
  rejected: 'moderator.tabRejected',
};

interface Toast {
  text: string;
  kind: 'error' | 'note';
  at: number;
}

/**
 * The same array object as long as its items are the same: the queue slice is re-sent with
 * every new comment (its counts change), but the order rarely does.
 */
function useStableList(list: readonly string[] | undefined): readonly string[] {
  const ref = useRef<readonly string[]>([]);
  const next = list ?? [];
  if (next.length !== ref.current.length || next.some((id, i) => id !== ref.current[i])) {
    ref.current = next;
  }
  return ref.current;
}

export function ModeratorView() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state } = useShow();
  const [, { comments, loading }] = useComments();
  const now = useNow(30_000);

  const [tab, setTab] = useState<IncomingTab>('incoming');
  const [filters, setFilters] = useState<BoardFilters>({
    search: '',
    questionsOnly: false,
    hiddenPlatforms: new Set(),
  });
  const order = useStableList(state?.queue.order);
  const board = useMemo(
    () => buildBoard(comments, order, filters, tab),
    [comments, order, filters, tab],
  );
  const lists: Record<ColumnKind, Card[]> = {
    incoming: board.incoming,
    approved: board.approved,
    aired: board.aired,
  };

  // Selection: the active column, and per column the chosen card (or where it was).
  const [column, setColumn] = useState<ColumnKind>('incoming');
  const [chosen, setChosen] = useState<Record<ColumnKind, { id: string | null; index: number }>>({
    incoming: { id: null, index: 0 },
    approved: { id: null, index: 0 },
    aired: { id: null, index: 0 },
  });
  const selectedIndex = (kind: ColumnKind): number => {
    const list = lists[kind];
    const found =
      chosen[kind].id === null ? -1 : list.findIndex((c) => c.leader.id === chosen[kind].id);
    if (found >= 0) return found;
    return list.length === 0 ? -1 : Math.min(chosen[kind].index, list.length - 1);
  };
  const selectedCard = (kind: ColumnKind): Card | undefined => lists[kind][selectedIndex(kind)];

  const choose = useCallback((kind: ColumnKind, id: string) => {
    setColumn(kind);
    setChosen((previous) => ({ ...previous, [kind]: { id, index: previous[kind].index } }));
  }, []);

  const follow = useCallback((kind: ColumnKind, id: string, index: number) => {
    setChosen((previous) => ({ ...previous, [kind]: { id, index } }));
  }, []);

  const select = useCallback((kind: ColumnKind, index: number, list: Card[]) => {
    const clamped = Math.max(0, Math.min(index, list.length - 1));
    setChosen((previous) => ({
      ...previous,
      [kind]: { id: list[clamped]?.leader.id ?? null, index: clamped },
    }));
  }, []);

  const [toast, setToast] = useState<Toast | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), toast.kind === 'error' ? 6000 : 3500);
    return () => clearTimeout(timer);
  }, [toast]);

  const send = useCallback(
    async (intent: ControlIntentName, payload: Record<string, unknown>) => {
      const result:
        | { ok: true; note?: Message | string | null }
        | { ok: false; error: string; message: Message } = await connection.request(
        intent,
        payload,
      );
      if (!result.ok) setToast({ text: refusalText(word, result), kind: 'error', at: Date.now() });
      else if (result.note) setToast({ text: word(result.note), kind: 'note', at: Date.now() });
    },
    [connection, word],
  );
  const act = useCallback((action: CardAction, id: string) => void send(action, { id }), [send]);

  const searchRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);

  // The keyboard handler reads the latest values through a ref, so it is attached once.
  const current = {
    column,
    lists,
    tab,
    selectedCard,
    selectedIndex,
    select,
    follow,
    act,
    send,
    setColumn,
    help,
  };
  const latest = useRef(current);
  latest.current = current;

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey) return;
      const l = latest.current;
      if (isTyping(event.target)) {
        if (event.key === 'Escape' || event.key === 'Enter') (event.target as HTMLElement).blur();
        return;
      }
      // A focused button keeps its own Enter; an open dialog has the keyboard.
      if (!liveKeyAllowed(event)) return;
      const list = l.lists[l.column];
      const index = l.selectedIndex(l.column);
      const card = l.selectedCard(l.column);
      const key = event.key;
      const lower = key.toLowerCase();
      const reorder = (delta: number): void => {
        if (l.column !== 'approved' || !card) return;
        const target = index + delta;
        if (target < 0 || target >= list.length) return;
        void l.send('queue:move', { id: card.leader.id, toIndex: target });
        l.follow('approved', card.leader.id, target); // the selection moves with the card
      };
      const run = (action: CardAction): void => {
        if (card && actionsFor(card, l.column, l.tab).includes(action))
          l.act(action, card.leader.id);
      };
      let handled = true;
      if (key === 'Escape' && l.help) setHelp(false);
      else if ((event.shiftKey && lower === 'j') || (event.altKey && key === 'ArrowDown'))
        reorder(1);
      else if ((event.shiftKey && lower === 'k') || (event.altKey && key === 'ArrowUp'))
        reorder(-1);
      else if (lower === 'j' || key === 'ArrowDown') l.select(l.column, index + 1, list);
      else if (lower === 'k' || key === 'ArrowUp') l.select(l.column, index - 1, list);
      else if (lower === 'h' || key === 'ArrowLeft')
        l.setColumn(COLUMNS[Math.max(0, COLUMNS.indexOf(l.column) - 1)] ?? 'incoming');
      else if (lower === 'l' || key === 'ArrowRight')
        l.setColumn(COLUMNS[Math.min(2, COLUMNS.indexOf(l.column) + 1)] ?? 'aired');
      else if (lower === 'a')
        run(l.tab === 'incoming' || l.column !== 'incoming' ? 'queue:approve' : 'queue:restore');
      else if (lower === 'r') run('queue:reject');
      else if (lower === 'p') run(card?.leader.pinned ? 'queue:unpin' : 'queue:pin');
      else if (key === 'Enter') run('queue:air');
      else if (lower === 's') run('queue:ungroup');
      else if (key === 'Escape') void l.send('queue:clearAir', {});
      else if (lower === 'n') void l.send('queue:next', {});
      else if (lower === 'u') void l.send('queue:undo', {});
      else if (key === '/') searchRef.current?.focus();
      else if (lower === 'q') setFilters((f) => ({ ...f, questionsOnly: !f.questionsOnly }));
      else if (key === '?') setHelp((h) => !h);
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const platforms = Object.entries(board.platforms) as [Platform, number][];
  const renderColumn = (kind: ColumnKind, title: string, count: number, empty: string) => {
    const index = selectedIndex(kind);
    return (
      <section
        className={`column${column === kind ? ' column--active' : ''}`}
        aria-labelledby={`col-${kind}`}
        onMouseDown={() => setColumn(kind)}
        data-testid={`column-${kind}`}
      >
        <h2 id={`col-${kind}`}>
          {title}{' '}
          <span className="badge" data-testid={`count-${kind}`}>
            {count}
          </span>
          {kind === 'aired' && state && <ScreenBadge screen={state.screen} kind="question" />}
        </h2>
        {kind === 'incoming' && (
          <div className="tabs tabs--small" role="tablist">
            {TABS.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                className={`tabs__tab${tab === name ? ' tabs__tab--active' : ''}`}
                onClick={() => setTab(name)}
              >
                {t(TAB_LABEL[name])} <span className="badge">{board.tabCounts[name]}</span>
              </button>
            ))}
          </div>
        )}
        <CardList
          cards={lists[kind]}
          selectedIndex={index}
          active={column === kind}
          label={title}
          empty={loading ? t('moderator.loading') : empty}
          {...(kind === 'approved'
            ? {
                onReorder: (id: string, to: number) => void send('queue:move', { id, toIndex: to }),
              }
            : {})}
          renderCard={(card, i) => (
            <CommentCard
              card={card}
              column={kind}
              tab={tab}
              selected={column === kind && i === index}
              now={now}
              onAction={act}
              onSelect={choose}
            />
          )}
        />
      </section>
    );
  };

  const incomingEmpty =
    filters.search || filters.questionsOnly || filters.hiddenPlatforms.size > 0
      ? t('moderator.emptyMatches')
      : t(
          tab === 'incoming'
            ? 'moderator.emptyIncoming'
            : tab === 'filtered'
              ? 'moderator.emptyFiltered'
              : 'moderator.emptyRejected',
        );

  return (
    <div className="moderator">
      <div className="toolbar">
        <input
          ref={searchRef}
          type="search"
          className="toolbar__search"
          placeholder={`${t('moderator.search')}  /`}
          aria-label={t('moderator.search')}
          value={filters.search}
          onChange={(e) => setFilters((f) => ({ ...f, search: e.target.value }))}
        />
        <button
          type="button"
          className={`chip${filters.questionsOnly ? ' chip--on' : ''}`}
          aria-pressed={filters.questionsOnly}
          onClick={() => setFilters((f) => ({ ...f, questionsOnly: !f.questionsOnly }))}
        >
          {t('moderator.questionsOnly')} <kbd>Q</kbd>
        </button>
        {platforms.map(([platform, count]) => {
          const hidden = filters.hiddenPlatforms.has(platform);
          const label = t(`platform.${platform}`);
          return (
            <button
              key={platform}
              type="button"
              className={`chip${hidden ? '' : ' chip--on'}`}
              aria-pressed={!hidden}
              title={t('moderator.platformToggle', { platform: label })}
              onClick={() =>
                setFilters((f) => {
                  const next = new Set(f.hiddenPlatforms);
                  if (hidden) next.delete(platform);
                  else next.add(platform);
                  return { ...f, hiddenPlatforms: next };
                })
              }
            >
              <PlatformIcon platform={platform} label={label} size={14} /> {count}
            </button>
          );
        })}
        <span className="toolbar__spacer" />
        <button type="button" className="button" onClick={() => void send('queue:undo', {})}>
          {t('moderator.undo')} <kbd>U</kbd>
        </button>
        <button type="button" className="button" onClick={() => void send('queue:clearAir', {})}>
          {t('moderator.clearAir')} <kbd>Esc</kbd>
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void send('queue:next', {})}
        >
          {t('moderator.next')} <kbd>N</kbd>
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={help}
          onClick={() => setHelp((h) => !h)}
        >
          {t('moderator.shortcuts')} <kbd>?</kbd>
        </button>
      </div>

      <div className="columns">
        {renderColumn('incoming', t('moderator.incoming'), board.incoming.length, incomingEmpty)}
        {renderColumn(
          'approved',
          t('moderator.approved'),
          board.approved.length,
          t('moderator.emptyApproved'),
        )}
        {renderColumn(
          'aired',
          t('moderator.onAirDone'),
          board.aired.length,
          t('moderator.emptyOnAir'),
        )}
      </div>

      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      <div
        className={`toast${toast ? ` toast--${toast.kind}` : ''}`}
        role="status"
        aria-live="polite"
        data-testid="toast"
      >
        {toast?.text}
      </div>
    </div>
  );
}

const KEYS: [string, string][] = [
  ['J / K', 'move'],
  ['H / L', 'column'],
  ['A', 'approve'],
  ['R', 'reject'],
  ['P', 'pin'],
  ['Enter', 'air'],
  ['Esc', 'offAir'],
  ['N', 'next'],
  ['U', 'undo'],
  ['/', 'search'],
  ['Shift+J / K', 'reorder'],
  ['Q', 'questions'],
  ['S', 'split'],
  ['?', 'help'],
];

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <aside className="help" aria-label={t('moderator.shortcuts')}>
      <h2>{t('moderator.shortcuts')}</h2>
      <dl>
        {KEYS.map(([keys, name]) => (
          <div key={name}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(`moderator.keys.${name}`)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button" onClick={onClose}>
        OK
      </button>
    </aside>
  );
}

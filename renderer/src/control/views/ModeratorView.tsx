// The moderator's screen: incoming → approved queue → on air & done, for keyboard and touch
// alike. The parts live in ../moderator; this file holds the view's state and wires them.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../../../../src/shared/comment';
import type { Message } from '../../../../src/shared/messages/message';
import type { ControlIntentName } from '../../../../src/shared/protocol';
import { refusalText, useWording } from '../../i18n/messages';
import { useNow } from '../../lib/relative-time';
import { useComments, useConnection, useShow } from '../context';
import { BoardColumn } from '../moderator/BoardColumn';
import { CommentCard, type CardAction, type ColumnKind } from '../moderator/CommentCard';
import { ModeratorToolbar } from '../moderator/ModeratorToolbar';
import { ShortcutHelp } from '../moderator/ShortcutHelp';
import { UndoToast, type Toast } from '../moderator/UndoToast';
import { buildBoard, type BoardFilters, type Card, type IncomingTab } from '../moderator/board';
import { byVotes } from '../moderator/vote-order';
import { useModeratorKeys, type KeyTarget } from '../moderator/use-moderator-keys';
import { ConfirmDialog } from '../producer/ConfirmDialog';
import { ScreenBadge } from '../producer/ScreenStatus';

type Result = { ok: true; note?: Message | string | null } | { ok: false; message: Message };

/** Actions whose success shows a toast with Undo, and the toast's wording. */
const UNDOABLE: Partial<Record<CardAction, 'approve' | 'reject' | 'air'>> = {
  'queue:approve': 'approve',
  'queue:reject': 'reject',
  'queue:air': 'air',
};

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

/** A question shortened for a toast line. */
const snippet = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

export function ModeratorView() {
  const { t } = useTranslation();
  const word = useWording();
  const connection = useConnection();
  const { state } = useShow();
  const [store, { comments, loading }] = useComments();
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
  const closeToast = useCallback(() => setToast(null), []);
  const send = useCallback(
    async (intent: ControlIntentName, payload: Record<string, unknown>): Promise<boolean> => {
      const result: Result = await connection.request(intent, payload);
      if (!result.ok) {
        setToast({
          text: refusalText(word, result),
          kind: 'error',
          undoable: false,
          at: Date.now(),
        });
      } else if (result.note) {
        setToast({ text: word(result.note), kind: 'note', undoable: false, at: Date.now() });
      }
      return result.ok;
    },
    [connection, word],
  );
  const act = useCallback(
    (action: CardAction, id: string) => {
      const text = store.get(id)?.text ?? '';
      void send(action, { id }).then((ok) => {
        const done = UNDOABLE[action];
        if (ok && done) {
          const line = t(`moderator.toast.${done}`, { text: snippet(text) });
          setToast({ text: line, kind: 'done', undoable: true, at: Date.now() });
        }
      });
    },
    [send, store, t],
  );
  const queue = useCallback(
    (intent: 'queue:undo' | 'queue:clearAir' | 'queue:next') => void send(intent, {}),
    [send],
  );
  const move = useCallback(
    (id: string, toIndex: number) => void send('queue:move', { id, toIndex }),
    [send],
  );

  const [confirmAir, setConfirmAir] = useState<Card | null>(null);
  const sortByVotes = async (): Promise<void> => {
    for (const step of byVotes(board.approved)) {
      if (!(await send('queue:move', step))) return;
    }
    setToast({ text: t('moderator.toast.sorted'), kind: 'note', undoable: false, at: Date.now() });
  };

  const searchRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);

  // The keyboard handler reads the latest values through a ref, so it is attached once.
  const latest = useRef<KeyTarget | null>(null);
  latest.current = {
    column,
    lists,
    tab,
    help,
    selectedIndex,
    select,
    follow,
    setColumn,
    act,
    queue,
    move,
    confirmAir: setConfirmAir,
    focusSearch: () => searchRef.current?.focus(),
    toggleQuestions: () => setFilters((f) => ({ ...f, questionsOnly: !f.questionsOnly })),
    setHelp,
  };
  useModeratorKeys(latest);

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

  const renderCard = (kind: ColumnKind) => (card: Card, i: number) => (
    <CommentCard
      card={card}
      column={kind}
      tab={tab}
      selected={column === kind && i === selectedIndex(kind)}
      now={now}
      onAction={act}
      onSelect={choose}
    />
  );
  const columnProps = (kind: ColumnKind, title: string, empty: string) => ({
    kind,
    title,
    cards: lists[kind],
    empty: loading ? t('moderator.loading') : empty,
    active: column === kind,
    selectedIndex: selectedIndex(kind),
    onActivate: () => setColumn(kind),
    renderCard: renderCard(kind),
  });

  return (
    <div className="moderator">
      <ModeratorToolbar
        filters={filters}
        setFilters={setFilters}
        platforms={Object.entries(board.platforms) as [Platform, number][]}
        searchRef={searchRef}
        help={help}
        onHelp={() => setHelp((h) => !h)}
        onQueue={queue}
      />
      <div className="columns">
        <BoardColumn
          {...columnProps('incoming', t('moderator.incoming'), incomingEmpty)}
          tabs={{ tab, counts: board.tabCounts, onTab: setTab }}
        />
        <BoardColumn
          {...columnProps('approved', t('moderator.approved'), t('moderator.emptyApproved'))}
          onReorder={move}
          extra={
            board.approved.length > 1 && (
              <button
                type="button"
                className="chip"
                data-testid="sort-votes"
                onClick={() => void sortByVotes()}
              >
                {t('moderator.sortByVotes')}
              </button>
            )
          }
        />
        <BoardColumn
          {...columnProps('aired', t('moderator.onAirDone'), t('moderator.emptyOnAir'))}
          extra={state && <ScreenBadge screen={state.screen} kind="question" />}
        />
      </div>

      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
      {confirmAir && (
        <ConfirmDialog
          text={t('moderator.confirmAir')}
          action={t('moderator.confirmAirAction')}
          onCancel={() => setConfirmAir(null)}
          onConfirm={() => {
            act('queue:air', confirmAir.leader.id);
            setConfirmAir(null);
          }}
        />
      )}
      <UndoToast toast={toast} onClose={closeToast} onUndo={() => queue('queue:undo')} />
    </div>
  );
}

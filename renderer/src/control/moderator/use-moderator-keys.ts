// The moderator's keyboard: J/K move, H/L switch columns, A approve, R reject, P pin, Enter on
// air (asking first on an unapproved card), Esc off air, N next, U undo, / search, Q questions
// only, Shift+J/K reorder, S split, ? shortcuts. Attached once; reads the latest view state.
import { useEffect, type RefObject } from 'react';
import { isTyping, liveKeyAllowed } from '../../lib/keyboard';
import { actionsFor, type CardAction, type ColumnKind } from './CommentCard';
import type { Card, IncomingTab } from './board';

export const COLUMNS: ColumnKind[] = ['incoming', 'approved', 'aired'];

export interface KeyTarget {
  column: ColumnKind;
  lists: Record<ColumnKind, Card[]>;
  tab: IncomingTab;
  help: boolean;
  selectedIndex(kind: ColumnKind): number;
  select(kind: ColumnKind, index: number, list: Card[]): void;
  follow(kind: ColumnKind, id: string, index: number): void;
  setColumn(kind: ColumnKind): void;
  act(action: CardAction, id: string): void;
  queue(intent: 'queue:undo' | 'queue:clearAir' | 'queue:next'): void;
  move(id: string, toIndex: number): void;
  confirmAir(card: Card): void;
  focusSearch(): void;
  toggleQuestions(): void;
  setHelp(update: (open: boolean) => boolean): void;
}

export function useModeratorKeys(latest: RefObject<KeyTarget | null>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) {
        if (event.key === 'Escape' || event.key === 'Enter') (event.target as HTMLElement).blur();
        return;
      }
      // A focused button keeps its own Enter; an open dialog has the keyboard.
      if (!liveKeyAllowed(event) || !latest.current) return;
      if (handle(latest.current, event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [latest]);
}

function handle(l: KeyTarget, event: KeyboardEvent): boolean {
  const list = l.lists[l.column];
  const index = l.selectedIndex(l.column);
  const card = list[index];
  const key = event.key;
  const lower = key.toLowerCase();
  const reorder = (delta: number): void => {
    if (l.column !== 'approved' || !card) return;
    const target = index + delta;
    if (target < 0 || target >= list.length) return;
    l.move(card.leader.id, target);
    l.follow('approved', card.leader.id, target); // the selection moves with the card
  };
  const run = (action: CardAction): void => {
    if (card && actionsFor(card, l.column, l.tab).includes(action)) l.act(action, card.leader.id);
  };
  const air = (): void => {
    if (card && l.column === 'incoming' && l.tab === 'incoming') l.confirmAir(card);
    else run('queue:air');
  };
  if (key === 'Escape' && l.help) l.setHelp(() => false);
  else if ((event.shiftKey && lower === 'j') || (event.altKey && key === 'ArrowDown')) reorder(1);
  else if ((event.shiftKey && lower === 'k') || (event.altKey && key === 'ArrowUp')) reorder(-1);
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
  else if (key === 'Enter') air();
  else if (lower === 's') run('queue:ungroup');
  else if (key === 'Escape') l.queue('queue:clearAir');
  else if (lower === 'n') l.queue('queue:next');
  else if (lower === 'u') l.queue('queue:undo');
  else if (key === '/') l.focusSearch();
  else if (lower === 'q') l.toggleQuestions();
  else if (key === '?') l.setHelp((h) => !h);
  else return false;
  return true;
}

// What the moderator's three columns show, derived from all comments in one pass: cards
// (near-duplicates collapsed into their first comment), filtered by the moderator's view.
import type { Comment, Platform } from '../../../../src/shared/comment';

export interface Card {
  leader: Comment;
  /** Every comment of the card, the leader first. */
  members: Comment[];
}

export type IncomingTab = 'incoming' | 'filtered' | 'rejected';

export interface BoardFilters {
  search: string;
  questionsOnly: boolean;
  /** Platforms to show; an empty set shows all. */
  hiddenPlatforms: ReadonlySet<Platform>;
}

export interface Board {
  incoming: Card[];
  approved: Card[];
  /** What is on air first, then done, most recent first. */
  aired: Card[];
  tabCounts: Record<IncomingTab, number>;
  /** Incoming cards per platform (before the view's filters). */
  platforms: Partial<Record<Platform, number>>;
}

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

function matches(card: Card, filters: BoardFilters, needle: string): boolean {
  const { leader } = card;
  if (filters.hiddenPlatforms.has(leader.platform)) return false;
  if (filters.questionsOnly && !card.members.some((m) => m.flags.question)) return false;
  if (needle === '') return true;
  return card.members.some(
    (m) =>
      fold(m.text).includes(needle) ||
      fold(m.author.name).includes(needle) ||
      (m.author.handle !== null && fold(m.author.handle).includes(needle)),
  );
}

export function buildBoard(
  comments: Iterable<Comment>,
  order: readonly string[],
  filters: BoardFilters,
  tab: IncomingTab,
): Board {
  const cards = new Map<string, Card>();
  const sequence: Card[] = [];
  for (const comment of comments) {
    const leaderId = comment.groupId ?? comment.id;
    let card = cards.get(leaderId);
    if (!card) {
      card = { leader: comment, members: [] };
      cards.set(leaderId, card);
      sequence.push(card);
    }
    if (comment.id === leaderId) {
      card.leader = comment;
      card.members.unshift(comment);
    } else {
      card.members.push(comment);
    }
  }

  const needle = fold(filters.search.trim());
  const incoming: Card[] = [];
  const aired: Card[] = [];
  const tabCounts: Record<IncomingTab, number> = { incoming: 0, filtered: 0, rejected: 0 };
  const platforms: Partial<Record<Platform, number>> = {};
  for (let i = sequence.length - 1; i >= 0; i -= 1) {
    const card = sequence[i];
    if (!card) continue;
    const status = card.leader.status;
    if (status === 'incoming' || status === 'filtered' || status === 'rejected') {
      tabCounts[status] += 1;
      if (status === 'incoming') {
        platforms[card.leader.platform] = (platforms[card.leader.platform] ?? 0) + 1;
      }
      if (status === tab && matches(card, filters, needle)) incoming.push(card);
    } else if (status === 'on_air' || status === 'done') {
      aired.push(card);
    }
  }
  aired.sort((a, b) => {
    if (a.leader.status !== b.leader.status) return a.leader.status === 'on_air' ? -1 : 1;
    return (b.leader.moderatedAt ?? '').localeCompare(a.leader.moderatedAt ?? '');
  });
  const approved = order.map((id) => cards.get(id)).filter((c): c is Card => c !== undefined);
  return { incoming, approved, aired, tabCounts, platforms };
}

// "Sort by votes" for the approved column: the moves that put the most-voted questions first,
// pinned ones staying on top in their order (the queue keeps pinned cards above the rest).
import type { Card } from './board';

export function byVotes(approved: readonly Card[]): { id: string; toIndex: number }[] {
  const pinned = approved.filter((c) => c.leader.pinned);
  const rest = approved
    .filter((c) => !c.leader.pinned)
    .map((card, index) => ({ card, index }))
    .sort((a, b) => b.card.leader.votes - a.card.leader.votes || a.index - b.index)
    .map((entry) => entry.card);
  const target = [...pinned, ...rest];
  const current = approved.map((c) => c.leader.id);
  const steps: { id: string; toIndex: number }[] = [];
  target.forEach((card, toIndex) => {
    const id = card.leader.id;
    if (current[toIndex] === id) return;
    current.splice(current.indexOf(id), 1);
    current.splice(toIndex, 0, id);
    steps.push({ id, toIndex });
  });
  return steps;
}

// The moderation state machine: incoming → approved (ordered, pins on top) → on air → done, and
// incoming → rejected. Pure and synchronous: the core runs one action at a time, so two
// moderators acting on the same comment always end in one consistent state.
import type { CommentStatus } from '../shared/comment.js';
import { message, type Message } from '../shared/messages/message.js';

export interface QueueEntry {
  id: string;
  status: CommentStatus;
  pinned: boolean;
  /** The group leader's id when this comment was grouped with near-duplicates. */
  groupId: string | null;
  /** Who made the last change, and when (ISO); null until a moderator acts. */
  by: string | null;
  at: string | null;
}

export type QueueAction =
  | { type: 'approve'; id: string }
  | { type: 'reject'; id: string }
  | { type: 'restore'; id: string }
  | { type: 'pin'; id: string }
  | { type: 'unpin'; id: string }
  | { type: 'move'; id: string; toIndex: number }
  | { type: 'air'; id: string }
  | { type: 'done'; id: string }
  | { type: 'ungroup'; id: string }
  | { type: 'next' }
  | { type: 'clearAir' }
  | { type: 'undo' };

export type QueueActionType = QueueAction['type'];

export type QueueResult =
  | {
      ok: true;
      /** Every comment whose entry changed (group members included). */
      changed: string[];
      /** A note for the moderator, e.g. that the queue is now empty. */
      note: Message | null;
    }
  | { ok: false; kind: 'not_found' | 'conflict'; message: Message };

type StatusAction = 'approve' | 'reject' | 'restore' | 'air' | 'done';

/** From which statuses each action may start. Anything not listed is refused. */
export const TRANSITIONS: Readonly<Record<StatusAction, readonly CommentStatus[]>> = {
  approve: ['incoming'],
  // Rejecting what is on air pulls it off at once (the emergency case).
  reject: ['incoming', 'approved', 'filtered', 'on_air'],
  restore: ['rejected', 'filtered'],
  // Straight from incoming is allowed: a moderator may air a question without queueing it.
  air: ['incoming', 'approved'],
  done: ['on_air'],
};

const TARGET: Record<StatusAction, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  restore: 'incoming',
  air: 'on_air',
  done: 'done',
};

interface Snapshot {
  status: CommentStatus;
  pinned: boolean;
  /** Index in the approved order, -1 when not approved. */
  index: number;
}

interface UndoRecord {
  action: QueueActionType;
  /** Cards (leader ids) the action touched, as they were before and after it. */
  before: Map<string, Snapshot>;
  after: Map<string, Snapshot>;
  onAirBefore: string | null;
  onAirAfter: string | null;
}

const UNDO_DEPTH = 50;

/** Thrown inside a change to refuse it; carries the code the moderator will read. */
class Refusal extends Error {
  readonly coded: Message;
  constructor(coded: Message) {
    super(coded.code);
    this.coded = coded;
  }
}

export class ModerationQueue {
  readonly #entries = new Map<string, QueueEntry>();
  /** Leader ids of approved cards in display order; pinned ones always first. */
  #approved: string[] = [];
  #onAir: string | null = null;
  /** Leader id → every member id (leader first), for grouped cards only. */
  readonly #groups = new Map<string, string[]>();
  readonly #counts: Record<CommentStatus, number> = {
    incoming: 0,
    approved: 0,
    on_air: 0,
    done: 0,
    rejected: 0,
    filtered: 0,
  };
  readonly #undo = new Map<string, UndoRecord[]>();
  readonly #now: () => string;
  /** Set while an action runs: records each card's state before its first change. */
  #beforeChange: ((leader: string) => void) | null = null;

  constructor(now: () => string = () => new Date().toISOString()) {
    this.#now = now;
  }

  // ── reading ────────────────────────────────────────────────────────────────────────────

  get(id: string): QueueEntry | undefined {
    return this.#entries.get(id);
  }

  get size(): number {
    return this.#entries.size;
  }

  counts(): Record<CommentStatus, number> {
    return { ...this.#counts };
  }

  /** Leader ids of approved cards in display order. */
  approvedOrder(): readonly string[] {
    return this.#approved;
  }

  onAir(): string | null {
    return this.#onAir;
  }

  leaderOf(id: string): string {
    return this.#entries.get(id)?.groupId ?? id;
  }

  /** Every comment of the card `id` belongs to (just `id` when it is not grouped). */
  members(id: string): readonly string[] {
    return this.#groups.get(this.leaderOf(id)) ?? [id];
  }

  // ── adding ─────────────────────────────────────────────────────────────────────────────

  /**
   * Adds a new comment. `groupWith` names an incoming card it repeats; the comment then
   * shares that card's every move. Grouping with a card that has left incoming is ignored.
   */
  add(id: string, status: 'incoming' | 'filtered', groupWith: string | null): void {
    if (this.#entries.has(id)) throw new Error(`comment ${id} is already in the queue`);
    const leader = groupWith === null ? null : this.leaderOf(groupWith);
    const candidate = leader === null ? undefined : this.#entries.get(leader);
    const leaderEntry =
      status === 'incoming' && candidate?.status === 'incoming' ? candidate : null;
    if (leaderEntry) {
      leaderEntry.groupId = leaderEntry.id;
      const members = this.#groups.get(leaderEntry.id) ?? [leaderEntry.id];
      members.push(id);
      this.#groups.set(leaderEntry.id, members);
    }
    this.#entries.set(id, {
      id,
      status,
      pinned: false,
      groupId: leaderEntry ? leaderEntry.id : null,
      by: null,
      at: null,
    });
    this.#counts[status] += 1;
  }

  /** Restores saved state on start: entries in arrival order, approved leaders in queue order. */
  load(entries: Iterable<QueueEntry>, approvedOrder: readonly string[]): void {
    for (const saved of entries) {
      const entry = { ...saved };
      this.#entries.set(entry.id, entry);
      this.#counts[entry.status] += 1;
      if (entry.groupId !== null) {
        const members = this.#groups.get(entry.groupId) ?? [];
        if (entry.id === entry.groupId) members.unshift(entry.id);
        else members.push(entry.id);
        this.#groups.set(entry.groupId, members);
      }
      if (entry.status === 'on_air' && this.leaderOf(entry.id) === entry.id) this.#onAir = entry.id;
    }
    const isApprovedCard = (id: string): boolean =>
      this.#entries.get(id)?.status === 'approved' && this.leaderOf(id) === id;
    const order = [...new Set(approvedOrder)].filter(isApprovedCard);
    // Approved cards missing from the saved order still belong in the queue, at its end.
    for (const id of this.#entries.keys()) {
      if (isApprovedCard(id) && !order.includes(id)) order.push(id);
    }
    this.#approved = order;
    this.#pinsFirst();
  }

  // ── acting ─────────────────────────────────────────────────────────────────────────────

  apply(action: QueueAction, actor: string): QueueResult {
    switch (action.type) {
      case 'undo':
        return this.#undoLast(actor);
      case 'next':
        return this.#record(actor, 'next', () => this.#next(actor));
      case 'clearAir':
        return this.#record(actor, 'clearAir', () => this.#clearAir(actor));
      default:
        break;
    }

    const entry = this.#entries.get(action.id);
    if (!entry) {
      return {
        ok: false,
        kind: 'not_found',
        message: message('queue.not_found', { id: action.id }),
      };
    }
    const leader = this.leaderOf(action.id);
    const card = this.#entries.get(leader) ?? entry;

    switch (action.type) {
      case 'approve':
      case 'reject':
      case 'restore':
      case 'air':
      case 'done': {
        const type = action.type;
        if (!TRANSITIONS[type].includes(card.status)) {
          return conflict(message('queue.cannot', { action: type, state: describe(card) }));
        }
        return this.#record(actor, type, () => this.#transition(type, leader, actor));
      }
      case 'pin':
      case 'unpin': {
        const pin = action.type === 'pin';
        if (card.status !== 'approved') {
          return conflict(
            message('queue.pin_only_approved', { pin: action.type, state: describe(card) }),
          );
        }
        if (card.pinned === pin)
          return conflict(message(pin ? 'queue.already_pinned' : 'queue.not_pinned'));
        return this.#record(actor, action.type, () => {
          this.#setCard(leader, { pinned: pin }, actor);
          // Pinning puts it at the end of the pinned block, unpinning at the top of the rest.
          this.#removeFromApproved(leader);
          this.#approved.splice(this.#pinnedCount(), 0, leader);
          return null;
        });
      }
      case 'move': {
        if (card.status !== 'approved') {
          return conflict(message('queue.move_only_approved', { state: describe(card) }));
        }
        return this.#record(actor, 'move', () => {
          this.#setCard(leader, {}, actor);
          this.#removeFromApproved(leader);
          // A card moves within its own block: pinned ones stay above the others.
          const pinned = this.#pinnedCount();
          const [low, high] = card.pinned ? [0, pinned] : [pinned, this.#approved.length];
          const target = Math.min(high, Math.max(low, Math.trunc(action.toIndex)));
          this.#approved.splice(target, 0, leader);
          return null;
        });
      }
      case 'ungroup':
        return this.#ungroup(action.id, leader, actor);
    }
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────

  #transition(type: StatusAction, leader: string, actor: string): null {
    if (type === 'air' && this.#onAir !== null) {
      this.#setCard(this.#onAir, { status: 'done' }, actor);
    }
    if (this.#onAir === leader) this.#onAir = null;
    this.#removeFromApproved(leader);
    this.#setCard(leader, { status: TARGET[type], pinned: false }, actor);
    if (type === 'approve') this.#approved.push(leader);
    if (type === 'air') this.#onAir = leader;
    return null;
  }

  #next(actor: string): Message | null {
    const nextId = this.#approved[0];
    if (nextId === undefined && this.#onAir === null) {
      throw new Refusal(message('queue.nothing_to_air'));
    }
    if (this.#onAir !== null) this.#setCard(this.#onAir, { status: 'done' }, actor);
    this.#onAir = null;
    if (nextId === undefined) return message('queue.now_empty');
    this.#approved.shift();
    this.#setCard(nextId, { status: 'on_air', pinned: false }, actor);
    this.#onAir = nextId;
    return null;
  }

  #clearAir(actor: string): null {
    if (this.#onAir === null) throw new Refusal(message('queue.nothing_on_air'));
    this.#setCard(this.#onAir, { status: 'done' }, actor);
    this.#onAir = null;
    return null;
  }

  /** Runs a change and remembers the touched cards' states before and after it, for undo. */
  #record(actor: string, action: QueueActionType, change: () => Message | null): QueueResult {
    const orderBefore = [...this.#approved];
    const onAirBefore = this.#onAir;
    const before = new Map<string, Snapshot>();
    this.#beforeChange = (leader) => {
      if (!before.has(leader)) before.set(leader, this.#snapshot(leader, orderBefore));
    };
    let note: Message | null;
    try {
      note = change();
    } catch (error) {
      if (error instanceof Refusal) return conflict(error.coded);
      throw error;
    } finally {
      this.#beforeChange = null;
    }
    const after = new Map<string, Snapshot>();
    for (const leader of before.keys()) after.set(leader, this.#snapshot(leader, this.#approved));
    const stack = this.#undo.get(actor) ?? [];
    stack.push({ action, before, after, onAirBefore, onAirAfter: this.#onAir });
    if (stack.length > UNDO_DEPTH) stack.shift();
    this.#undo.set(actor, stack);
    return { ok: true, changed: this.#membersOf(before.keys()), note };
  }

  #undoLast(actor: string): QueueResult {
    const last = this.#undo.get(actor)?.pop();
    if (!last) return conflict(message('queue.nothing_to_undo'));
    for (const [leader, after] of last.after) {
      const now = this.#entries.get(leader);
      if (
        !now ||
        this.leaderOf(leader) !== leader ||
        now.status !== after.status ||
        now.pinned !== after.pinned
      ) {
        return conflict(
          now?.by && now.by !== actor
            ? message('queue.undo_changed_by', { last: last.action, by: now.by })
            : message('queue.undo_changed', { last: last.action }),
        );
      }
    }
    // Only an action that changed what is on air depends on it staying that way.
    if (last.onAirBefore !== last.onAirAfter && this.#onAir !== last.onAirAfter) {
      return conflict(message('queue.undo_air_changed', { last: last.action }));
    }
    this.#approved = this.#approved.filter((id) => !last.before.has(id));
    const reinsert: { leader: string; index: number }[] = [];
    for (const [leader, state] of last.before) {
      this.#setCard(leader, { status: state.status, pinned: state.pinned }, actor);
      if (state.index >= 0) reinsert.push({ leader, index: state.index });
    }
    reinsert.sort((a, b) => a.index - b.index);
    for (const { leader, index } of reinsert) {
      this.#approved.splice(Math.min(index, this.#approved.length), 0, leader);
    }
    this.#pinsFirst(); // others may have changed the queue meanwhile
    if (last.onAirBefore !== last.onAirAfter) this.#onAir = last.onAirBefore;
    return { ok: true, changed: this.#membersOf(last.before.keys()), note: null };
  }

  #ungroup(id: string, leader: string, actor: string): QueueResult {
    const members = this.#groups.get(leader);
    if (!members) return conflict(message('queue.not_grouped'));
    const card = this.#entries.get(leader);
    if (card?.status !== 'incoming') {
      return conflict(
        message('queue.split_only_incoming', {
          state: card ? describe(card) : message('queue.state_gone'),
        }),
      );
    }
    // Splitting off the leader dissolves the group; splitting off a member frees just it.
    const freed = id === leader ? members : [id];
    const remaining = members.filter((m) => !freed.includes(m));
    const single = remaining.length <= 1 ? remaining : [];
    const at = this.#now();
    for (const member of [...freed, ...single]) {
      const entry = this.#entries.get(member);
      if (!entry) continue;
      entry.groupId = null;
      entry.by = actor;
      entry.at = at;
    }
    if (remaining.length > 1) this.#groups.set(leader, remaining);
    else this.#groups.delete(leader);
    // Not undoable: it changes which cards exist, not where they stand.
    return { ok: true, changed: [...new Set([...freed, ...remaining])], note: null };
  }

  #setCard(
    leader: string,
    change: { status?: CommentStatus; pinned?: boolean },
    actor: string,
  ): void {
    this.#beforeChange?.(leader);
    const at = this.#now();
    for (const id of this.#groups.get(leader) ?? [leader]) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      if (change.status !== undefined && change.status !== entry.status) {
        this.#counts[entry.status] -= 1;
        this.#counts[change.status] += 1;
        entry.status = change.status;
      }
      if (change.pinned !== undefined) entry.pinned = change.pinned;
      entry.by = actor;
      entry.at = at;
    }
  }

  #snapshot(leader: string, order: readonly string[]): Snapshot {
    const entry = this.#entries.get(leader);
    return {
      status: entry?.status ?? 'incoming',
      pinned: entry?.pinned ?? false,
      index: order.indexOf(leader),
    };
  }

  #membersOf(leaders: Iterable<string>): string[] {
    return [...leaders].flatMap((leader) => this.#groups.get(leader) ?? [leader]);
  }

  #pinnedCount(): number {
    let n = 0;
    while (n < this.#approved.length && this.#entries.get(this.#approved[n] ?? '')?.pinned) n += 1;
    return n;
  }

  #pinsFirst(): void {
    const pinned = (id: string): boolean => this.#entries.get(id)?.pinned ?? false;
    this.#approved = [
      ...this.#approved.filter(pinned),
      ...this.#approved.filter((id) => !pinned(id)),
    ];
  }

  #removeFromApproved(leader: string): void {
    const index = this.#approved.indexOf(leader);
    if (index >= 0) this.#approved.splice(index, 1);
  }
}

function conflict(coded: Message): QueueResult {
  return { ok: false, kind: 'conflict', message: coded };
}

/** "it is already rejected (by Anna)" — what the loser of a race reads. */
function describe(entry: QueueEntry): Message {
  if (entry.by === null) return message('queue.state', { status: entry.status });
  return message('queue.state_by', { status: entry.status, by: entry.by });
}

// Joins the pure moderation queue to storage and to everyone watching: a comment is validated,
// classified, grouped, stored, and only then shown; every moderator action is applied, stored
// and broadcast in that order. Synchronous throughout, so actions never interleave.
import crypto from 'node:crypto';
import { Blocklist } from '../blocklist.js';
import {
  ModerationQueue,
  TRANSITIONS,
  type QueueAction,
  type QueueEntry,
} from '../moderation-queue.js';
import { SimilarityIndex } from '../similarity.js';
import { germanLexicon } from './german-lexicon-files.js';
import { hasLink, isQuestion } from '../text.js';
import type { Comment, CommentStatus, OnAirComment, Platform } from '../../shared/comment.js';
import { incomingCommentSchema } from '../../shared/comment-schema.js';
import { UserError } from '../../shared/errors.js';
import { message, type Message } from '../../shared/messages/message.js';
import type { StateHub } from '../../shared/state-hub.js';
import type { BlocklistRules, QueueSummary } from '../../shared/state.js';
import { describeZodError } from '../../shared/validation.js';
import type { AuditLog } from '../../store/audit-log.js';
import type { CommentStore } from '../../store/comment-store.js';

export type IngestResult =
  | { outcome: 'added'; comment: Comment }
  | { outcome: 'duplicate' }
  | { outcome: 'invalid'; error: string };

export type CommentsListener = (changed: readonly Comment[]) => void;

export interface QueueControllerDeps {
  store: CommentStore;
  hub: StateHub;
  audit: AuditLog;
  blocklist: BlocklistRules;
  now?: () => Date;
}

/** Time-ordered, collision-safe ids: 9 chars of milliseconds, then 8 random ones. */
export function newCommentId(now: Date): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  return `${time}${crypto.randomBytes(6).toString('base64url')}`;
}

export class QueueController {
  readonly #store: CommentStore;
  readonly #hub: StateHub;
  readonly #audit: AuditLog;
  readonly #now: () => Date;
  #queue: ModerationQueue;
  readonly #comments = new Map<string, Comment>();
  #index = new SimilarityIndex({}, germanLexicon);
  readonly #listeners = new Set<CommentsListener>();
  readonly #reloadListeners = new Set<() => void>();
  #rules: BlocklistRules;
  #airCheck: ((platform: string, platformId: string) => Promise<boolean | null>) | null = null;
  #blocklist: Blocklist;

  constructor(deps: QueueControllerDeps) {
    this.#store = deps.store;
    this.#hub = deps.hub;
    this.#audit = deps.audit;
    this.#now = deps.now ?? (() => new Date());
    this.#queue = new ModerationQueue(() => this.#now().toISOString());
    this.#rules = deps.blocklist;
    this.#blocklist = new Blocklist(deps.blocklist);
    this.#load();
    this.#publish();
  }

  /**
   * Reads the current show's comments again: a new show starts with an empty queue, and
   * questions carried over join it. Clients that hold comments get them anew (onReload).
   */
  reload(): void {
    this.#load();
    this.#publish();
    for (const listener of this.#reloadListeners) listener();
  }

  /** Moves approved, unaired questions of ended shows into this show's queue; returns their ids. */
  carryOver(ids: readonly string[]): string[] {
    const moved = this.#store.transaction(() => this.#store.carryOver(ids));
    if (moved.length > 0) this.reload();
    return moved;
  }

  /** Called after reload(), when every comment held before is gone. */
  onReload(listener: () => void): () => void {
    this.#reloadListeners.add(listener);
    return () => this.#reloadListeners.delete(listener);
  }

  /** Reads the stored comments and queue of the current show into memory. */
  #load(): void {
    this.#comments.clear();
    this.#queue = new ModerationQueue(() => this.#now().toISOString());
    this.#index = new SimilarityIndex({}, germanLexicon);
    const entries: QueueEntry[] = [];
    const votes = this.#store.voteCounts();
    for (const comment of this.#store.loadAll()) {
      this.#comments.set(comment.id, { ...comment, votes: votes.get(comment.id) ?? 0 });
      entries.push(entryOf(comment));
    }
    this.#queue.load(entries, this.#store.approvedOrder());
    // Only the newest incoming cards fit in the index; skip reading the rest.
    const recent: Comment[] = [];
    for (const comment of [...this.#comments.values()].reverse()) {
      if (recent.length === this.#index.capacity) break;
      if (comment.status === 'incoming' && this.#queue.leaderOf(comment.id) === comment.id) {
        recent.push(comment);
      }
    }
    for (const comment of recent.reverse()) this.#index.add(comment.id, comment.text);
  }

  /**
   * Runs a change that is applied in memory and stored together. When storing fails (disk
   * full), memory goes back to what is stored, so nobody sees what was not saved.
   */
  #stored<T>(work: () => T): T {
    const run = { started: false };
    try {
      return this.#store.transaction(() => {
        run.started = true;
        return work();
      });
    } catch (error) {
      // A lock held elsewhere refuses before the work starts; then memory is untouched.
      if (run.started) {
        this.#load();
        this.#publish();
      }
      throw error;
    }
  }

  /** Called with every batch of comments that were added or changed. */
  onChange(listener: CommentsListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Every comment, oldest first. */
  all(): IterableIterator<Comment> {
    return this.#comments.values();
  }

  get size(): number {
    return this.#comments.size;
  }

  get(id: string): Comment | undefined {
    return this.#comments.get(id);
  }

  /** Comments with a status: approved ones in queue order, others newest first. */
  list(status: CommentStatus | null): Comment[] {
    if (status === 'approved') {
      return this.#queue
        .approvedOrder()
        .flatMap((leader) => this.#queue.members(leader))
        .map((id) => this.#comments.get(id))
        .filter((c): c is Comment => c !== undefined);
    }
    const out: Comment[] = [];
    for (const comment of this.#comments.values()) {
      if (status === null || comment.status === status) out.push(comment);
    }
    return out.reverse();
  }

  /**
   * Takes a comment from any source. It is checked, stored (once: a repeat of the same
   * platform post is reported as duplicate) and only then shown.
   */
  ingest(raw: unknown): IngestResult {
    const parsed = incomingCommentSchema.safeParse(raw);
    if (!parsed.success) return { outcome: 'invalid', error: describeZodError(parsed.error) };
    const input = parsed.data;
    const now = this.#now();
    const text = input.text.replace(/\r\n?/g, '\n').split('\u0000').join('');
    const filterReason = this.#blocklist.match(text, input.author);
    const status = filterReason === null ? 'incoming' : 'filtered';
    const groupWith = status === 'incoming' ? this.#index.findSimilar(text) : null;

    const comment: Comment = {
      id: newCommentId(now),
      platform: input.platform,
      platformId: input.platformId,
      author: input.author,
      text,
      createdAt: new Date(input.createdAt).toISOString(),
      receivedAt: now.toISOString(),
      url: input.url,
      flags: { question: isQuestion(text), link: hasLink(text), superchat: input.superchat },
      status,
      pinned: false,
      groupId: groupWith,
      moderatedBy: null,
      moderatedAt: null,
      filterReason,
      votes: 0,
    };

    const changed: Comment[] = [];
    const stored = this.#stored(() => {
      if (!this.#store.insert(comment)) return false;
      this.#queue.add(comment.id, status, groupWith);
      if (groupWith !== null) {
        const leader = this.#sync(groupWith);
        if (leader) {
          this.#store.saveModeration([leader]);
          changed.push(leader);
        }
      }
      return true;
    });
    if (!stored) return { outcome: 'duplicate' };

    this.#comments.set(comment.id, comment);
    if (status === 'incoming' && groupWith === null) this.#index.add(comment.id, text);
    changed.unshift(comment);
    this.#emit(changed);
    this.#publish();
    return { outcome: 'added', comment };
  }

  /** Asks a platform without deletion events whether a post still exists (null: cannot tell). */
  setAirCheck(check: (platform: string, platformId: string) => Promise<boolean | null>): void {
    this.#airCheck = check;
  }

  /** The card `queue:next` would put on air. */
  nextUp(): string | undefined {
    return this.#queue.approvedOrder()[0];
  }

  /**
   * Right before a card goes on air, where its platform reports no deletions: a post that is
   * gone is taken out of the queue, and the airing is refused with a word why.
   */
  async checkBeforeAir(id: string | undefined): Promise<void> {
    if (id === undefined || this.#airCheck === null) return;
    const comment = this.#comments.get(this.#queue.leaderOf(id));
    if (!comment) return;
    if ((await this.#airCheck(comment.platform, comment.platformId)) !== false) return;
    this.retract(comment.platform, comment.platformId);
    const site = comment.platform === 'x' ? 'X' : comment.platform;
    throw new UserError('conflict', message('queue.gone_on_platform', { site }));
  }

  /** A question a moderator saw elsewhere and typed in; it starts as incoming like any other. */
  addByHand(input: { platform: Platform; text: string; name: string }, actor: string): Comment {
    const result = this.ingest({
      platform: input.platform,
      platformId: `by-hand-${crypto.randomUUID()}`,
      author: { name: input.name || actor, handle: null, avatarUrl: null, profileUrl: null },
      text: input.text,
      createdAt: this.#now().toISOString(),
      url: null,
    });
    if (result.outcome !== 'added')
      throw new UserError('invalid', message('queue.by_hand_invalid'));
    this.#audit.append({
      actor,
      action: 'queue:addByHand',
      target: result.comment.id,
      detail: { platform: input.platform },
    });
    return result.comment;
  }

  /**
   * A platform says this post is gone (its author deleted it, a platform moderator removed it or
   * banned the author): it leaves the queue, and the air if it is on. Cards already done stay.
   */
  retract(platform: string, platformId: string): 'retracted' | 'unknown' | 'unchanged' {
    let found: Comment | undefined;
    for (const c of this.#comments.values()) {
      if (c.platform === platform && c.platformId === platformId) found = c;
    }
    if (!found) return 'unknown';
    const actor = `platform:${platform}`;
    // A deleted post grouped with others leaves its group alone, where the card can still split.
    const leaderStatus = this.#queue.get(this.#queue.leaderOf(found.id))?.status;
    if (this.#queue.members(found.id).length > 1 && leaderStatus === 'incoming')
      this.act({ type: 'ungroup', id: found.id }, actor);
    const leader = this.#queue.leaderOf(found.id);
    const status = this.#queue.get(leader)?.status;
    if (status === undefined || !TRANSITIONS.reject.includes(status)) return 'unchanged';
    this.act({ type: 'reject', id: leader }, actor);
    return 'retracted';
  }

  /** Applies a moderator's action; throws a UserError the moderator can read when refused. */
  act(action: QueueAction, actor: string): { note: Message | null } {
    const groupBefore = action.type === 'ungroup' ? this.#queue.members(action.id) : [];
    const outcome = this.#stored(() => {
      const result = this.#queue.apply(action, actor);
      if (!result.ok) return result;
      if (action.type === 'ungroup') this.#keepApart(groupBefore);
      const wasOnAir = new Set(
        result.changed.filter((id) => this.#comments.get(id)?.status === 'on_air'),
      );
      const changed = result.changed
        .map((id) => this.#sync(id))
        .filter((c): c is Comment => c !== undefined);
      this.#store.saveModeration(changed);
      for (const c of changed) {
        if (c.status === 'on_air' && !wasOnAir.has(c.id) && this.#queue.leaderOf(c.id) === c.id) {
          this.#store.recordOnAir(c.id, c.moderatedAt ?? this.#now().toISOString(), actor);
        }
      }
      this.#store.saveOrder(this.#queue.approvedOrder());
      this.#audit.append({
        actor,
        action: `queue:${action.type}`,
        target: 'id' in action ? action.id : null,
        detail: action.type === 'move' ? { toIndex: action.toIndex } : undefined,
      });
      return { ...result, changed };
    });
    if (!outcome.ok) throw new UserError(outcome.kind, outcome.message);
    for (const comment of outcome.changed) this.#reindex(comment);
    this.#emit(outcome.changed);
    this.#publish();
    return { note: outcome.note };
  }

  /**
   * One audience upvote for an approved or on-air question (a card's votes go to its first
   * comment). False when this voter already voted for it.
   */
  vote(id: string, voter: string): boolean {
    const leader = this.#queue.leaderOf(id);
    const comment = this.#comments.get(leader);
    if (!comment || (comment.status !== 'approved' && comment.status !== 'on_air')) {
      throw new UserError('not_found', message('audience.not_votable'));
    }
    if (!this.#store.addVote(leader, voter)) return false;
    const updated = { ...comment, votes: comment.votes + 1 };
    this.#comments.set(leader, updated);
    // Votes are no part of the queue summary: only the comment changed.
    this.#emit([updated]);
    return true;
  }

  votesBy(voter: string): string[] {
    return this.#store.votesBy(voter);
  }

  setBlocklist(rules: BlocklistRules, actor: string): void {
    const next = { words: [...rules.words], authors: [...rules.authors] };
    // Recorded first: when that cannot be saved, the old rules stay.
    this.#audit.append({ actor, action: 'queue:setBlocklist', target: null, detail: next });
    this.#rules = next;
    this.#blocklist = new Blocklist(this.#rules);
    this.#publish();
  }

  /** Copies the queue's entry for `id` onto the comment object; returns it when it exists. */
  #sync(id: string): Comment | undefined {
    const entry = this.#queue.get(id);
    const comment = this.#comments.get(id);
    if (!entry || !comment) return comment;
    const updated: Comment = {
      ...comment,
      status: entry.status,
      pinned: entry.pinned,
      groupId: entry.groupId,
      moderatedBy: entry.by,
      moderatedAt: entry.at,
    };
    this.#comments.set(id, updated);
    return updated;
  }

  /** A moderator split a group: what resembles one part must not join the other again. */
  #keepApart(groupBefore: readonly string[]): void {
    const leaders = new Map<string, string[]>();
    for (const id of groupBefore) {
      const leader = this.#queue.leaderOf(id);
      leaders.set(leader, [...(leaders.get(leader) ?? []), id]);
    }
    for (const [leader, own] of leaders) {
      for (const other of groupBefore) {
        const text = own.includes(other) ? undefined : this.#comments.get(other)?.text;
        if (text !== undefined) this.#index.keepApart(leader, text);
      }
    }
  }

  /** Only incoming cards can gather near-duplicates, so only they stay in the index. */
  #reindex(comment: Comment): void {
    const isCard = this.#queue.leaderOf(comment.id) === comment.id;
    if (comment.status === 'incoming' && isCard) this.#index.add(comment.id, comment.text);
    else this.#index.remove(comment.id);
  }

  #emit(changed: readonly Comment[]): void {
    if (changed.length === 0) return;
    for (const listener of this.#listeners) listener(changed);
  }

  #publish(): void {
    const summary: QueueSummary = {
      counts: this.#queue.counts(),
      onAir: this.#onAirComment(),
      order: [...this.#queue.approvedOrder()],
      blocklist: this.#rules,
    };
    this.#hub.set('queue', summary);
  }

  #onAirComment(): OnAirComment | null {
    const id = this.#queue.onAir();
    const comment = id === null ? undefined : this.#comments.get(id);
    if (!comment) return null;
    return {
      id: comment.id,
      platform: comment.platform,
      author: comment.author,
      text: comment.text,
      url: comment.url,
      askers: this.#queue.members(comment.id).length,
      since: comment.moderatedAt ?? comment.receivedAt,
    };
  }
}

function entryOf(comment: Comment): QueueEntry {
  return {
    id: comment.id,
    status: comment.status,
    pinned: comment.pinned,
    groupId: comment.groupId,
    by: comment.moderatedBy,
    at: comment.moderatedAt,
  };
}

// What the public /audience page may do: ask (through the audience source, with its limits),
// vote once per device for approved questions, and see the approved questions.
import type { Comment } from '../shared/comment.js';
import { UserError } from '../shared/errors.js';
import { inEnglish, message } from '../shared/messages/message.js';
import type {
  AudienceAck,
  AudienceQuestion,
  AudienceRefusal,
  AudienceState,
} from '../shared/protocol.js';
import type { StateHub } from '../shared/state-hub.js';
import { tameText } from '../shared/tame-text.js';
import { RateBucket } from '../shared/rate-bucket.js';
import { AUDIENCE_MAX_LENGTH, type AudienceSource } from './audience-source.js';
import type { QueueController } from '../queue/service/queue-controller.js';

function refused(code: AudienceRefusal, seconds: number | null = null): AudienceAck {
  const coded = message(`audience.${code}`, seconds === null ? {} : { seconds });
  return { ok: false, error: inEnglish(coded), message: coded, retryAfterSec: seconds };
}

export interface VoteLimits {
  /** Votes one device may cast at once, then per second. */
  deviceBurst: number;
  devicePerSecond: number;
  /** The same for one network address (a venue's phones share one). */
  addressBurst: number;
  addressPerSecond: number;
}

export const VOTE_LIMITS: VoteLimits = {
  deviceBurst: 20,
  devicePerSecond: 1,
  addressBurst: 600,
  addressPerSecond: 200,
};

export class AudienceService {
  readonly #hub: StateHub;
  readonly #queue: QueueController;
  readonly #devices: RateBucket;
  readonly #addresses: RateBucket;
  /** What each device voted for, so repeats are answered without touching the database. */
  readonly #voted = new Map<string, Set<string>>();
  #source: AudienceSource | null = null;

  constructor(hub: StateHub, queue: QueueController, limits: Partial<VoteLimits> = {}) {
    this.#hub = hub;
    this.#queue = queue;
    const l = { ...VOTE_LIMITS, ...limits };
    this.#devices = new RateBucket(l.deviceBurst, l.devicePerSecond);
    this.#addresses = new RateBucket(l.addressBurst, l.addressPerSecond);
  }

  /** The running audience source, or null while the page is closed. */
  attach(source: AudienceSource | null): void {
    this.#source = source;
  }

  state(): AudienceState {
    const queue = this.#hub.get('queue');
    const card = (id: string, onAir: boolean): AudienceQuestion | null => {
      const c: Comment | undefined = this.#queue.get(id);
      if (!c) return null;
      return {
        id: c.id,
        name: tameText(c.author.name),
        platform: c.platform,
        text: tameText(c.text),
        votes: c.votes,
        onAir,
      };
    };
    const questions = [
      ...(queue.onAir ? [card(queue.onAir.id, true)] : []),
      ...queue.order.map((id) => card(id, false)),
    ].filter((q): q is AudienceQuestion => q !== null);
    const show = this.#hub.get('show');
    return {
      showTitle: this.#hub.get('app').showTitle,
      show: { state: show.state, plannedStart: show.plannedStart },
      // After the end nothing is taken in any more; a planned show already takes questions.
      open: show.state !== 'ended' && (this.#source?.open ?? false),
      maxLength: AUDIENCE_MAX_LENGTH,
      questions,
    };
  }

  ask(device: string, address: string, payload: unknown): AudienceAck {
    if (this.#hub.get('show').state === 'ended') return refused('ended');
    if (!this.#source) return refused('closed');
    return this.#source.ask(device, address, payload);
  }

  /**
   * One vote per device per question. The device's own limit comes first, so one phone's burst
   * never uses up the budget its network shares with the rest of the room.
   */
  vote(device: string, address: string, payload: unknown): AudienceAck {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
      return refused('invalid');
    }
    const mine = this.#votedBy(device);
    if (mine.has(id)) return refused('already_voted');
    if (!this.#devices.take(device)) return refused('vote_limit', this.#devices.waitSec(device));
    if (!this.#addresses.take(address)) {
      return refused('network_limit', this.#addresses.waitSec(address));
    }
    try {
      const counted = this.#queue.vote(id, device);
      mine.add(id);
      return counted ? { ok: true } : refused('already_voted');
    } catch (error) {
      if (error instanceof UserError && error.kind === 'not_found') return refused('not_votable');
      throw error;
    }
  }

  #votedBy(device: string): Set<string> {
    let set = this.#voted.get(device);
    if (!set) {
      set = new Set(this.#queue.votesBy(device));
      this.#voted.set(device, set);
    }
    return set;
  }

  votedBy(device: string): string[] {
    return [...this.#votedBy(device)];
  }
}

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
import { AUDIENCE_MAX_LENGTH, type AudienceSource } from './audience-source.js';
import type { QueueController } from '../queue/service/queue-controller.js';

function refused(code: AudienceRefusal): AudienceAck {
  const coded = message(`audience.${code}`);
  return { ok: false, error: inEnglish(coded), message: coded, retryAfterSec: null };
}

export class AudienceService {
  readonly #hub: StateHub;
  readonly #queue: QueueController;
  #source: AudienceSource | null = null;

  constructor(hub: StateHub, queue: QueueController) {
    this.#hub = hub;
    this.#queue = queue;
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

  vote(device: string, payload: unknown): AudienceAck {
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) {
      return refused('invalid');
    }
    try {
      return this.#queue.vote(id, device) ? { ok: true } : refused('already_voted');
    } catch (error) {
      if (error instanceof UserError) return refused('not_votable');
      throw error;
    }
  }

  votedBy(device: string): string[] {
    return this.#queue.votesBy(device);
  }
}

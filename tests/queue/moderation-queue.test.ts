import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ModerationQueue,
  TRANSITIONS,
  type QueueAction,
  type QueueResult,
} from '../../src/queue/moderation-queue.js';
import { COMMENT_STATUSES, type CommentStatus } from '../../src/shared/comment.js';
import { formatMessage, inEnglish } from '../../src/shared/messages/message.js';

const clock = (): (() => string) => {
  let t = Date.parse('2026-11-23T19:00:00Z');
  return () => new Date((t += 1000)).toISOString();
};

function newQueue(): ModerationQueue {
  return new ModerationQueue(clock());
}

function ok(result: QueueResult): Extract<QueueResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got: ${inEnglish(result.message)}`);
  return result;
}

/** A refusal as the moderator reads it, in both languages: the kind and the worded code. */
function refusal(result: QueueResult): { kind: string; en: string; de: string } | 'ok' {
  if (result.ok) return 'ok';
  return {
    kind: result.kind,
    en: formatMessage('en', result.message),
    de: formatMessage('de', result.message),
  };
}

/** Brings comment `id` into `status` through legal actions only. */
function reach(q: ModerationQueue, id: string, status: CommentStatus): void {
  q.add(id, status === 'filtered' ? 'filtered' : 'incoming', null);
  const steps: Record<CommentStatus, QueueAction[]> = {
    incoming: [],
    filtered: [],
    approved: [{ type: 'approve', id }],
    on_air: [{ type: 'air', id }],
    done: [
      { type: 'air', id },
      { type: 'done', id },
    ],
    rejected: [{ type: 'reject', id }],
  };
  for (const step of steps[status]) ok(q.apply(step, 'setup'));
  expect(q.get(id)?.status).toBe(status);
}

function state(q: ModerationQueue, ids: string[]) {
  return {
    counts: q.counts(),
    order: [...q.approvedOrder()],
    onAir: q.onAir(),
    entries: ids.map((id) => {
      const e = q.get(id);
      return e ? { status: e.status, pinned: e.pinned, groupId: e.groupId } : null;
    }),
  };
}

const TARGET = {
  approve: 'approved',
  reject: 'rejected',
  restore: 'incoming',
  air: 'on_air',
  done: 'done',
} as const;

describe('ModerationQueue transitions', () => {
  const actions = Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[];
  for (const action of actions) {
    for (const from of COMMENT_STATUSES) {
      const legal = TRANSITIONS[action].includes(from);
      it(`${action} from ${from} is ${legal ? 'allowed' : 'refused'}`, () => {
        const q = newQueue();
        reach(q, 'c1', from);
        const before = state(q, ['c1']);
        const result = q.apply({ type: action, id: 'c1' }, 'Anna');
        if (legal) {
          ok(result);
          expect(q.get('c1')).toMatchObject({ status: TARGET[action], by: 'Anna' });
          expect(q.counts()[TARGET[action]]).toBe(1);
          expect(Object.values(q.counts()).reduce((a, b) => a + b, 0)).toBe(1);
          expect(q.approvedOrder().includes('c1')).toBe(TARGET[action] === 'approved');
          expect(q.onAir()).toBe(TARGET[action] === 'on_air' ? 'c1' : null);
        } else {
          expect(result).toMatchObject({ ok: false, kind: 'conflict' });
          expect(state(q, ['c1'])).toEqual(before);
        }
      });
    }
  }

  for (const action of ['pin', 'unpin', 'move'] as const) {
    for (const from of COMMENT_STATUSES.filter((s) => s !== 'approved')) {
      it(`${action} from ${from} is refused`, () => {
        const q = newQueue();
        reach(q, 'c1', from);
        const before = state(q, ['c1']);
        const result = q.apply(
          action === 'move' ? { type: 'move', id: 'c1', toIndex: 0 } : { type: action, id: 'c1' },
          'Anna',
        );
        expect(result).toMatchObject({ ok: false, kind: 'conflict' });
        expect(state(q, ['c1'])).toEqual(before);
      });
    }
  }

  it('refuses unknown ids as not found', () => {
    const q = newQueue();
    expect(q.apply({ type: 'approve', id: 'nope' }, 'Anna')).toMatchObject({
      ok: false,
      kind: 'not_found',
    });
  });

  it('tells the loser of a race who was first', () => {
    const q = newQueue();
    q.add('c1', 'incoming', null);
    ok(q.apply({ type: 'approve', id: 'c1' }, 'Anna'));
    const lost = q.apply({ type: 'reject', id: 'c1' }, 'Ben');
    expect(lost.ok).toBe(true); // approved → rejected is legal: Ben's reject wins afterwards
    const again = q.apply({ type: 'approve', id: 'c1' }, 'Anna');
    expect(refusal(again)).toEqual({
      kind: 'conflict',
      en: 'Cannot approve it: it is already rejected (by Ben).',
      de: 'Freigeben geht nicht: er ist schon abgelehnt (von Ben).',
    });
    ok(q.apply({ type: 'restore', id: 'c1' }, 'Anna'));
    ok(q.apply({ type: 'air', id: 'c1' }, 'Anna'));
    expect(refusal(q.apply({ type: 'air', id: 'c1' }, 'Ben'))).toMatchObject({
      en: 'Cannot put it on air: it is already on air (by Anna).',
    });
  });
});

describe('ModerationQueue order, pins and air', () => {
  function approved(q: ModerationQueue, ...ids: string[]): void {
    for (const id of ids) {
      q.add(id, 'incoming', null);
      ok(q.apply({ type: 'approve', id }, 'Anna'));
    }
  }

  it('queues approved questions in approval order', () => {
    const q = newQueue();
    approved(q, 'a', 'b', 'c');
    expect(q.approvedOrder()).toEqual(['a', 'b', 'c']);
  });

  it('keeps pinned questions on top, in the order they were pinned', () => {
    const q = newQueue();
    approved(q, 'a', 'b', 'c', 'd');
    ok(q.apply({ type: 'pin', id: 'c' }, 'Anna'));
    ok(q.apply({ type: 'pin', id: 'a' }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['c', 'a', 'b', 'd']);
    approved(q, 'e');
    expect(q.approvedOrder()).toEqual(['c', 'a', 'b', 'd', 'e']);
    expect(q.apply({ type: 'pin', id: 'c' }, 'Anna')).toMatchObject({ ok: false });
    ok(q.apply({ type: 'unpin', id: 'c' }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(q.apply({ type: 'unpin', id: 'c' }, 'Anna')).toMatchObject({ ok: false });
  });

  it('moves a question within its block and clamps the target', () => {
    const q = newQueue();
    approved(q, 'a', 'b', 'c', 'd');
    ok(q.apply({ type: 'pin', id: 'd' }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['d', 'a', 'b', 'c']);
    ok(q.apply({ type: 'move', id: 'c', toIndex: 1 }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['d', 'c', 'a', 'b']);
    // An unpinned card cannot jump above a pinned one; a pinned one cannot sink below.
    ok(q.apply({ type: 'move', id: 'b', toIndex: 0 }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['d', 'b', 'c', 'a']);
    ok(q.apply({ type: 'move', id: 'd', toIndex: 99 }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['d', 'b', 'c', 'a']);
    ok(q.apply({ type: 'move', id: 'b', toIndex: 99 }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['d', 'c', 'a', 'b']);
  });

  it('"next" airs the first approved (pins first) and sends the current one to done', () => {
    const q = newQueue();
    approved(q, 'a', 'b');
    ok(q.apply({ type: 'pin', id: 'b' }, 'Anna'));
    ok(q.apply({ type: 'next' }, 'Anna'));
    expect(q.onAir()).toBe('b');
    expect(q.get('b')?.pinned).toBe(false);
    ok(q.apply({ type: 'next' }, 'Anna'));
    expect(q.onAir()).toBe('a');
    expect(q.get('b')?.status).toBe('done');
    const last = ok(q.apply({ type: 'next' }, 'Anna'));
    expect(q.onAir()).toBeNull();
    expect(q.get('a')?.status).toBe('done');
    expect(last.note && inEnglish(last.note)).toContain('queue is empty');
    expect(refusal(q.apply({ type: 'next' }, 'Anna'))).toMatchObject({
      en: 'Nothing to put on air: the approved queue is empty.',
    });
  });

  it('airing another question sends the current one to done; rejecting on air clears the air', () => {
    const q = newQueue();
    approved(q, 'a', 'b');
    ok(q.apply({ type: 'air', id: 'a' }, 'Anna'));
    ok(q.apply({ type: 'air', id: 'b' }, 'Anna'));
    expect(q.get('a')?.status).toBe('done');
    expect(q.onAir()).toBe('b');
    ok(q.apply({ type: 'reject', id: 'b' }, 'Ben'));
    expect(q.onAir()).toBeNull();
    expect(q.counts()).toMatchObject({ done: 1, rejected: 1, on_air: 0 });
  });

  it('"clear air" takes the current one off air, and says when nothing is on', () => {
    const q = newQueue();
    approved(q, 'a');
    expect(refusal(q.apply({ type: 'clearAir' }, 'Anna'))).toMatchObject({
      en: 'Nothing is on air.',
    });
    ok(q.apply({ type: 'air', id: 'a' }, 'Anna'));
    ok(q.apply({ type: 'clearAir' }, 'Anna'));
    expect(q.onAir()).toBeNull();
    expect(q.get('a')?.status).toBe('done');
  });
});

describe('ModerationQueue undo', () => {
  const scenarios: [string, (q: ModerationQueue) => void, QueueAction][] = [
    ['approve', (q) => q.add('x', 'incoming', null), { type: 'approve', id: 'x' }],
    ['reject', (q) => q.add('x', 'incoming', null), { type: 'reject', id: 'x' }],
    ['restore', (q) => q.add('x', 'filtered', null), { type: 'restore', id: 'x' }],
    [
      'pin',
      (q) => {
        reach(q, 'w', 'approved');
        reach(q, 'x', 'approved');
      },
      { type: 'pin', id: 'x' },
    ],
    [
      'move',
      (q) => {
        reach(q, 'w', 'approved');
        reach(q, 'x', 'approved');
        reach(q, 'y', 'approved');
      },
      { type: 'move', id: 'y', toIndex: 0 },
    ],
    [
      'air',
      (q) => {
        reach(q, 'w', 'on_air');
        reach(q, 'x', 'approved');
      },
      { type: 'air', id: 'x' },
    ],
    [
      'next',
      (q) => {
        reach(q, 'w', 'on_air');
        reach(q, 'x', 'approved');
        reach(q, 'y', 'approved');
      },
      { type: 'next' },
    ],
    ['clearAir', (q) => reach(q, 'x', 'on_air'), { type: 'clearAir' }],
    ['done', (q) => reach(q, 'x', 'on_air'), { type: 'done', id: 'x' }],
  ];

  for (const [name, setup, action] of scenarios) {
    it(`undoes ${name} exactly`, () => {
      const q = newQueue();
      setup(q);
      const ids = ['w', 'x', 'y'];
      const before = state(q, ids);
      ok(q.apply(action, 'Anna'));
      expect(state(q, ids)).not.toEqual(before);
      ok(q.apply({ type: 'undo' }, 'Anna'));
      expect(state(q, ids)).toEqual(before);
    });
  }

  it('undoes only the moderator’s own last action', () => {
    const q = newQueue();
    q.add('a', 'incoming', null);
    q.add('b', 'incoming', null);
    ok(q.apply({ type: 'approve', id: 'a' }, 'Anna'));
    ok(q.apply({ type: 'reject', id: 'b' }, 'Ben'));
    ok(q.apply({ type: 'undo' }, 'Anna'));
    expect(q.get('a')?.status).toBe('incoming');
    expect(q.get('b')?.status).toBe('rejected');
    expect(refusal(q.apply({ type: 'undo' }, 'Anna'))).toMatchObject({ en: 'Nothing to undo.' });
  });

  it('refuses to undo what someone else has changed since, and says who', () => {
    const q = newQueue();
    q.add('a', 'incoming', null);
    ok(q.apply({ type: 'approve', id: 'a' }, 'Anna'));
    ok(q.apply({ type: 'air', id: 'a' }, 'Ben'));
    expect(refusal(q.apply({ type: 'undo' }, 'Anna'))).toMatchObject({
      kind: 'conflict',
      en: 'Cannot undo your last approve: Ben has changed it since.',
    });
    expect(q.get('a')?.status).toBe('on_air');
  });

  it('restores a moved-out question to its old place even after others changed the queue', () => {
    const q = newQueue();
    for (const id of ['a', 'b', 'c']) reach(q, id, 'approved');
    ok(q.apply({ type: 'reject', id: 'b' }, 'Anna'));
    reach(q, 'd', 'approved');
    ok(q.apply({ type: 'undo' }, 'Anna'));
    expect(q.approvedOrder()).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('ModerationQueue groups', () => {
  it('moves a group of near-duplicates as one card', () => {
    const q = newQueue();
    q.add('lead', 'incoming', null);
    q.add('dup1', 'incoming', 'lead');
    q.add('dup2', 'incoming', 'dup1'); // naming any member finds the leader
    expect(q.members('dup2')).toEqual(['lead', 'dup1', 'dup2']);
    expect(q.counts().incoming).toBe(3);
    const result = ok(q.apply({ type: 'approve', id: 'dup1' }, 'Anna'));
    expect(result.changed.sort()).toEqual(['dup1', 'dup2', 'lead']);
    expect(q.approvedOrder()).toEqual(['lead']);
    expect(q.counts()).toMatchObject({ incoming: 0, approved: 3 });
    ok(q.apply({ type: 'next' }, 'Anna'));
    expect(q.onAir()).toBe('lead');
    expect(['lead', 'dup1', 'dup2'].map((id) => q.get(id)?.status)).toEqual([
      'on_air',
      'on_air',
      'on_air',
    ]);
  });

  it('never groups into a card that has left incoming, nor filtered comments', () => {
    const q = newQueue();
    reach(q, 'lead', 'approved');
    q.add('late', 'incoming', 'lead');
    expect(q.get('late')?.groupId).toBeNull();
    q.add('other', 'incoming', null);
    q.add('bad', 'filtered', 'other');
    expect(q.get('bad')?.groupId).toBeNull();
  });

  it('splits a member off, or dissolves the group when splitting the leader', () => {
    const q = newQueue();
    q.add('lead', 'incoming', null);
    q.add('m1', 'incoming', 'lead');
    q.add('m2', 'incoming', 'lead');
    ok(q.apply({ type: 'ungroup', id: 'm1' }, 'Anna'));
    expect(q.get('m1')?.groupId).toBeNull();
    expect(q.members('lead')).toEqual(['lead', 'm2']);
    ok(q.apply({ type: 'ungroup', id: 'lead' }, 'Anna'));
    expect(['lead', 'm2'].map((id) => q.get(id)?.groupId)).toEqual([null, null]);
    expect(q.apply({ type: 'ungroup', id: 'lead' }, 'Anna')).toMatchObject({ ok: false });
  });
});

describe('ModerationQueue properties', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const actors = ['Anna', 'Ben', 'Cem'];
  const actionArb: fc.Arbitrary<QueueAction> = fc.oneof(
    fc.record({
      type: fc.constantFrom(
        'approve',
        'reject',
        'restore',
        'air',
        'done',
        'pin',
        'unpin',
        'ungroup',
      ),
      id: fc.constantFrom(...ids),
    }) as fc.Arbitrary<QueueAction>,
    fc.record({
      type: fc.constant('move' as const),
      id: fc.constantFrom(...ids),
      toIndex: fc.integer({ min: -2, max: 8 }),
    }),
    fc.constantFrom<QueueAction>({ type: 'next' }, { type: 'clearAir' }, { type: 'undo' }),
  );

  function checkInvariants(q: ModerationQueue): void {
    const entries = ids.map((id) => q.get(id)).filter((e) => e !== undefined);
    // Counts match the statuses.
    const counted = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<
      CommentStatus,
      number
    >;
    for (const e of entries) counted[e.status] += 1;
    expect(q.counts()).toEqual(counted);
    // The order holds each approved card exactly once, pins first.
    const order = q.approvedOrder();
    expect(new Set(order).size).toBe(order.length);
    const approvedLeaders = entries.filter(
      (e) => e.status === 'approved' && q.leaderOf(e.id) === e.id,
    );
    expect([...order].sort()).toEqual(approvedLeaders.map((e) => e.id).sort());
    const firstUnpinned = order.findIndex((id) => !q.get(id)?.pinned);
    if (firstUnpinned >= 0)
      expect(order.slice(firstUnpinned).every((id) => !q.get(id)?.pinned)).toBe(true);
    // Exactly the on-air card is on air.
    const onAir = q.onAir();
    const airing = entries.filter((e) => e.status === 'on_air').map((e) => q.leaderOf(e.id));
    expect(new Set(airing).size).toBeLessThanOrEqual(1);
    expect(onAir).toBe(airing[0] ?? null);
    // Group members share their leader's status and pin.
    for (const e of entries) {
      const leader = q.get(q.leaderOf(e.id));
      expect(e.status).toBe(leader?.status);
      expect(e.pinned).toBe(leader?.pinned);
      if (e.status !== 'approved') expect(e.pinned).toBe(false);
    }
  }

  it('keeps every invariant under any sequence of actions by several moderators', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(actionArb, fc.constantFrom(...actors)), { maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: ids.length, maxLength: ids.length }),
        (steps, grouping) => {
          const q = newQueue();
          ids.forEach((id, i) =>
            q.add(id, 'incoming', grouping[i] && i > 0 ? (ids[i - 1] ?? null) : null),
          );
          checkInvariants(q);
          for (const [action, actor] of steps) {
            const before = state(q, ids);
            const result = q.apply(action, actor);
            if (!result.ok) expect(state(q, ids)).toEqual(before); // refusals change nothing
            checkInvariants(q);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('undo returns to the exact state before, when nothing else happened in between', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 30 }), actionArb, (prefix, last) => {
        const q = newQueue();
        ids.forEach((id) => q.add(id, 'incoming', null));
        for (const action of prefix) q.apply(action, 'Setup');
        const before = state(q, ids);
        const result = q.apply(last, 'Anna');
        if (!result.ok || last.type === 'undo' || last.type === 'ungroup') return;
        ok(q.apply({ type: 'undo' }, 'Anna'));
        expect(state(q, ids)).toEqual(before);
      }),
      { numRuns: 400 },
    );
  });

  it('restores the same state from a save (load) as it had live', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 40 }), (steps) => {
        const q = newQueue();
        ids.forEach((id, i) => q.add(id, 'incoming', i % 3 === 2 ? (ids[i - 1] ?? null) : null));
        for (const action of steps) q.apply(action, 'Anna');
        const saved = ids.map((id) => q.get(id)).filter((e) => e !== undefined);
        const restored = newQueue();
        restored.load(saved, q.approvedOrder());
        expect(state(restored, ids)).toEqual(state(q, ids));
      }),
      { numRuns: 300 },
    );
  });
});

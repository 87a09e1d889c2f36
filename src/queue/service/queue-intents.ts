// The moderation queue's intents (socket and REST alike) and its REST routes.
import { z } from 'zod';
import { COMMENT_STATUSES, type CommentStatus } from '../../shared/comment.js';
import type { SettingsStore } from '../../store/settings-store.js';
import { intentRoute, type Route } from '../../core/routes.js';
import type { IntentRegistry } from '../../core/intent-registry.js';
import type { QueueController } from './queue-controller.js';

/** Actions on one comment, by their REST path segment and intent. */
const COMMENT_ACTIONS = {
  approve: 'queue:approve',
  reject: 'queue:reject',
  restore: 'queue:restore',
  pin: 'queue:pin',
  unpin: 'queue:unpin',
  air: 'queue:air',
  done: 'queue:done',
  ungroup: 'queue:ungroup',
} as const;

export function registerQueueIntents(
  intents: IntentRegistry,
  queue: QueueController,
  settings: SettingsStore,
): void {
  for (const [type, intent] of Object.entries(COMMENT_ACTIONS)) {
    if (type === 'air') continue;
    intents.handle(intent, ({ id }, { actor }) =>
      queue.act({ type: type as keyof typeof COMMENT_ACTIONS, id }, actor),
    );
  }
  // Going on air first asks platforms without deletion events whether the post still exists.
  intents.handle('queue:air', async ({ id }, { actor }) => {
    await queue.checkBeforeAir(id);
    return queue.act({ type: 'air', id }, actor);
  });
  intents.handle('queue:move', ({ id, toIndex }, { actor }) =>
    queue.act({ type: 'move', id, toIndex }, actor),
  );
  intents.handle('queue:next', async (_input, { actor }) => {
    await queue.checkBeforeAir(queue.nextUp());
    return queue.act({ type: 'next' }, actor);
  });
  intents.handle('queue:clearAir', (_input, { actor }) => queue.act({ type: 'clearAir' }, actor));
  intents.handle('queue:undo', (_input, { actor }) => queue.act({ type: 'undo' }, actor));
  intents.handle('queue:setBlocklist', (rules, { actor }) => {
    settings.set('queue.blocklist', rules);
    queue.setBlocklist(rules, actor);
    return {};
  });
  intents.handle('comments:add', (input) => {
    const result = queue.ingest(input);
    if (result.outcome === 'added') return { comment: result.comment, duplicate: false };
    // The schema was already checked, so only a duplicate can end up here.
    return { comment: null, duplicate: true };
  });
  intents.handle('queue:addByHand', ({ platform, text, name }, { actor }) => ({
    comment: queue.addByHand({ platform, text, name }, actor),
  }));
}

/** What GET /api/comments reads; the handler turns the numbers into integers and checks them. */
const commentsQuerySchema = z.object({
  status: z.enum(COMMENT_STATUSES).optional(),
  limit: z.string().regex(/^\d+$/).optional(),
  offset: z.string().regex(/^\d+$/).optional(),
});

function isStatus(value: string): value is CommentStatus {
  return (COMMENT_STATUSES as readonly string[]).includes(value);
}

export function queueRoutes(intents: IntentRegistry, queue: QueueController): Route[] {
  const actions = Object.entries(COMMENT_ACTIONS).map(([segment, intent]) =>
    intentRoute(intents, 'POST', `/api/comments/:id/${segment}`, intent, 'params'),
  );
  const add = intentRoute(intents, 'POST', '/api/comments', 'comments:add', 'body');
  return [
    {
      method: 'GET',
      path: '/api/comments',
      access: 'comments:subscribe',
      summary: 'Comments, newest first, optionally of one status; paged with limit and offset.',
      body: null,
      query: commentsQuerySchema,
      handle: ({ query }) => {
        const status = query.get('status');
        if (status !== null && !isStatus(status)) {
          return {
            status: 400,
            body: {
              error: `Unknown status "${status}". Use one of: ${COMMENT_STATUSES.join(', ')}.`,
            },
          };
        }
        const limit = Number(query.get('limit') ?? '100');
        const offset = Number(query.get('offset') ?? '0');
        if (
          !Number.isInteger(limit) ||
          limit < 1 ||
          limit > 1000 ||
          !Number.isInteger(offset) ||
          offset < 0
        ) {
          return { status: 400, body: { error: 'limit must be 1 to 1000 and offset 0 or more.' } };
        }
        const all = queue.list(status);
        return {
          status: 200,
          body: { total: all.length, comments: all.slice(offset, offset + limit) },
        };
      },
    },
    {
      ...add,
      handle: async (request) => {
        const result = await add.handle(request);
        const duplicate = (result.body as { duplicate?: boolean }).duplicate;
        return result.status === 200 && duplicate === false ? { ...result, status: 201 } : result;
      },
    },
    ...actions,
    intentRoute(intents, 'POST', '/api/queue/next', 'queue:next', 'none'),
    intentRoute(intents, 'POST', '/api/queue/by-hand', 'queue:addByHand', 'body'),
    intentRoute(intents, 'POST', '/api/queue/clear-air', 'queue:clearAir', 'none'),
    intentRoute(intents, 'POST', '/api/queue/undo', 'queue:undo', 'none'),
    intentRoute(intents, 'PUT', '/api/queue/blocklist', 'queue:setBlocklist', 'body'),
  ];
}

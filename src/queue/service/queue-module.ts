// The queue module: the moderation queue joined to storage and broadcast (QueueController),
// its intents and its REST routes. Everything else reads comments through it.
import type { CoreModule, ModuleContext } from '../../core/module.js';
import { CommentStore } from '../../store/comment-store.js';
import { QueueController } from './queue-controller.js';
import { queueRoutes, registerQueueIntents } from './queue-intents.js';

export interface QueueModule extends CoreModule {
  readonly controller: QueueController;
}

export function createQueueModule(ctx: ModuleContext): QueueModule {
  const { hub, audit, settings, intents } = ctx;
  const controller = new QueueController({
    store: new CommentStore(ctx.db, ctx.shows),
    hub,
    audit,
    blocklist: settings.get('queue.blocklist'),
  });
  registerQueueIntents(intents, controller, settings);
  return {
    name: 'queue',
    routes: queueRoutes(intents, controller),
    controller,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}

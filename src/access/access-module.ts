// The access module: people with a role and a personal link, their tokens (hashed) and the
// producer's intents to list, add and revoke them. The server asks it who a token belongs to.
import type { CoreModule, ModuleContext } from '../core/module.js';
import { intentRoute } from '../core/routes.js';
import { UserError } from '../shared/errors.js';
import { message } from '../shared/messages/message.js';
import { PeopleStore } from '../store/people-store.js';
import { Access } from './access.js';

export interface AccessModule extends CoreModule {
  readonly access: Access;
}

export function createAccessModule(ctx: ModuleContext, ownerToken: string): AccessModule {
  const { intents, audit } = ctx;
  const people = new PeopleStore(ctx.db);
  const access = new Access(people, ownerToken);
  let baseUrl = '';

  intents.handle('people:list', () => ({ people: people.list() }));
  intents.handle('people:add', ({ name, role }, { actor }) => {
    const { person, token } = people.add(name, role);
    audit.append({ actor, action: 'people:add', target: person.id, detail: { name, role } });
    return { person, link: `${baseUrl}login?token=${encodeURIComponent(token)}` };
  });
  intents.handle('people:revoke', ({ id }, { actor }) => {
    if (!access.revoke(id))
      throw new UserError('not_found', message('access.person_not_found', { id }));
    audit.append({ actor, action: 'people:revoke', target: id, detail: undefined });
    return {};
  });

  return {
    name: 'access',
    access,
    routes: [
      intentRoute(intents, 'GET', '/api/people', 'people:list', 'none'),
      intentRoute(intents, 'POST', '/api/people', 'people:add', 'body'),
      intentRoute(intents, 'DELETE', '/api/people/:id', 'people:revoke', 'params'),
    ],
    start: (runtime) => {
      // Links name the address people reach the core at; known once the server answers.
      baseUrl = runtime.linkUrl;
      return Promise.resolve();
    },
    stop: () => Promise.resolve(),
  };
}

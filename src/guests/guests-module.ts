// The guests module: invites (a personal link per guest of the show's list, revocable), the
// director's intents (on stage, off stage, the stage's layout, remove), the ICE servers, and
// the room behind /guest.
import type { Access } from '../access/access.js';
import type { CoreModule, ModuleContext } from '../core/module.js';
import { intentRoute } from '../core/routes.js';
import { UserError } from '../shared/errors.js';
import { message } from '../shared/messages/message.js';
import { GuestInviteStore } from '../store/guest-invite-store.js';
import type { ObsConnection } from '../obs/obs-connection.js';
import { GuestRoomService } from './guest-room-service.js';
import { setUpStageSource } from './stage-source.js';

export interface GuestsModule extends CoreModule {
  readonly room: GuestRoomService;
}

const TURN_SECRET = 'guests.turnSecret';

function registerIntents(
  ctx: ModuleContext,
  room: GuestRoomService,
  invites: GuestInviteStore,
  deps: { access: Access; joinBase: () => string; obs: ObsConnection; stageUrl: () => string },
): void {
  const { intents, audit, hub } = ctx;
  const revoke = (guestId: string): void => {
    const person = invites.personOf(guestId);
    invites.delete(guestId);
    if (person !== null) deps.access.revoke(person);
  };
  intents.handle('guests:invite', ({ guestId }, { actor }) => {
    const guest = hub.get('guests').find((g) => g.id === guestId);
    if (!guest) throw new UserError('not_found', message('show.no_guest', { id: guestId }));
    revoke(guestId);
    const { person, token } = deps.access.add(guest.name, 'guest');
    invites.set(guestId, person.id);
    audit.append({ actor, action: 'guests:invite', target: guestId, detail: undefined });
    room.publish();
    return { link: `${deps.joinBase()}join/${token}` };
  });
  intents.handle('guests:remove', ({ guestId }, { actor }) => {
    if (invites.personOf(guestId) === null && room.state().guests.every((g) => g.id !== guestId)) {
      throw new UserError('not_found', message('room.not_invited', { id: guestId }));
    }
    revoke(guestId);
    room.kick(guestId);
    audit.append({ actor, action: 'guests:remove', target: guestId, detail: undefined });
    return {};
  });
  intents.handle('guests:stage', ({ guestId, on }, { actor }) => {
    room.stage(guestId, on);
    audit.append({ actor, action: 'guests:stage', target: guestId, detail: { on } });
    return {};
  });
  intents.handle('guests:layout', ({ layout }, { actor }) => {
    room.setLayout(layout);
    audit.append({ actor, action: 'guests:layout', target: null, detail: { layout } });
    return {};
  });
  intents.handle('guests:cue', ({ guestId, cue }, { actor }) => {
    room.cue(guestId, cue);
    audit.append({ actor, action: 'guests:cue', target: guestId, detail: { cue } });
    return {};
  });
  intents.handle('guests:talk', ({ guestId, text }, { actor }) => {
    room.talkTo(guestId, text);
    audit.append({ actor, action: 'guests:talk', target: guestId, detail: undefined });
    return {};
  });
  intents.handle('guests:setupObs', async ({ scene }, { actor }) => {
    const result = await setUpStageSource(deps.obs, scene, deps.stageUrl());
    audit.append({
      actor,
      action: 'guests:setupObs',
      target: scene,
      detail: { mode: result.mode },
    });
    return result;
  });
  intents.handle('guests:configureIce', ({ turnSecret, ...ice }, { actor }) => {
    ctx.settings.set('guests.ice', ice);
    // Bound to no host: it signs credentials here and is never sent anywhere.
    if (turnSecret !== undefined) ctx.secrets.set(TURN_SECRET, turnSecret, []);
    audit.append({ actor, action: 'guests:configureIce', target: null, detail: ice });
    room.publish();
    return {};
  });
}

export function createGuestsModule(
  ctx: ModuleContext,
  access: Access,
  publicUrl: string | null,
  obs: ObsConnection,
): GuestsModule {
  const invites = new GuestInviteStore(ctx.db);
  const room = new GuestRoomService({
    hub: ctx.hub,
    access,
    invites,
    ice: () => ctx.settings.get('guests.ice'),
    turnSecret: () => ctx.secrets.get(TURN_SECRET),
    onStage: {
      get saved() {
        return ctx.settings.get('guests.onStage');
      },
      save: (ids) => ctx.settings.set('guests.onStage', ids),
    },
    layout: {
      saved: ctx.settings.get('guests.layout'),
      save: (layout) => ctx.settings.set('guests.layout', layout),
    },
  });
  // Guests join through the public address where there is one: the join page is public.
  let joinBase = publicUrl ?? '';
  // OBS runs beside the core: the stage is always fetched over loopback, never the public URL.
  let stageUrl = '';
  registerIntents(ctx, room, invites, {
    access,
    joinBase: () => joinBase,
    obs,
    stageUrl: () => stageUrl,
  });
  const unsubscribe: (() => void)[] = [];
  return {
    name: 'guests',
    room,
    routes: [
      intentRoute(ctx.intents, 'POST', '/api/guests/:guestId/invite', 'guests:invite', 'params'),
      intentRoute(ctx.intents, 'DELETE', '/api/guests/:guestId/invite', 'guests:remove', 'params'),
      intentRoute(ctx.intents, 'PUT', '/api/guests/:guestId/stage', 'guests:stage', 'params+body'),
      intentRoute(ctx.intents, 'PUT', '/api/room/layout', 'guests:layout', 'body'),
      intentRoute(ctx.intents, 'PUT', '/api/room/ice', 'guests:configureIce', 'body'),
      intentRoute(ctx.intents, 'POST', '/api/room/obs', 'guests:setupObs', 'body'),
      intentRoute(ctx.intents, 'POST', '/api/guests/:guestId/cue', 'guests:cue', 'params+body'),
      intentRoute(ctx.intents, 'POST', '/api/guests/:guestId/talk', 'guests:talk', 'params+body'),
    ],
    start: (runtime) => {
      joinBase = publicUrl ?? runtime.url;
      stageUrl = `${runtime.url}stage`;
      // Revoked anywhere (People in Settings too): the invite is gone, the page closes.
      unsubscribe.push(
        access.onRevoked((personId) => {
          const guestId = invites.guestOf(personId);
          if (guestId !== null) invites.delete(guestId);
          room.kickPerson(personId);
        }),
      );
      // A guest taken off the show's list loses their link and their place in the room.
      unsubscribe.push(
        ctx.hub.subscribe((slice, value) => {
          // What is on air and the running segment reach the guests' return feed.
          if (slice === 'queue' || slice === 'rundown') room.publishFeeds();
          if (slice !== 'guests') return;
          const ids = new Set((value as { id: string }[]).map((g) => g.id));
          for (const id of invites.guestIds()) {
            if (!ids.has(id)) {
              const person = invites.personOf(id);
              invites.delete(id);
              if (person !== null) access.revoke(person);
              room.kick(id);
            }
          }
          room.publish();
        }),
      );
      room.publish();
      return Promise.resolve();
    },
    stop: () => {
      for (const off of unsubscribe.splice(0)) off();
      return Promise.resolve();
    },
  };
}

// Who may do what: each intent names the roles that may send it. A producer runs the show; a
// moderator works the queue (approve, reject, air questions, blocklist) and nothing that touches
// the stream, OBS, the relay or settings; a guest only joins the guest room (a later module).
import type { ControlIntentName } from './protocol.js';

export const ROLES = ['producer', 'moderator', 'guest'] as const;
export type Role = (typeof ROLES)[number];

const P: readonly Role[] = ['producer'];
const PM: readonly Role[] = ['producer', 'moderator'];

/** Every intent must be listed: a new one does not type-check until someone decides. */
export const INTENT_ROLES: Record<ControlIntentName, readonly Role[]> = {
  'state:get': PM,
  'show:setTitle': P,
  'show:plan': P,
  'show:goLive': P,
  'show:end': P,
  'show:new': P,
  'show:saveTemplate': P,
  'show:carryOver': P,
  'privacy:setRetention': P,
  'privacy:forget': P,
  'shows:list': PM,
  'shows:get': PM,
  'shows:report': PM,
  'comments:subscribe': PM,
  'comments:unsubscribe': PM,
  'comments:add': PM,
  'queue:addByHand': PM,
  'queue:approve': PM,
  'queue:reject': PM,
  'queue:restore': PM,
  'queue:pin': PM,
  'queue:unpin': PM,
  'queue:air': PM,
  'queue:done': PM,
  'queue:ungroup': PM,
  'queue:move': PM,
  'queue:next': PM,
  'queue:clearAir': PM,
  'queue:undo': PM,
  'queue:setBlocklist': PM,
  'obs:configure': P,
  'obs:disconnect': P,
  'obs:switchScene': P,
  'obs:transition': P,
  'obs:setStudioMode': P,
  'obs:stream': P,
  'obs:record': P,
  'obs:setupLowerThird': P,
  'obs:monitor': P,
  'rundown:set': P,
  'rundown:next': P,
  'rundown:goto': P,
  'rundown:reset': P,
  'guests:set': P,
  'lowerThird:show': P,
  'lowerThird:hide': P,
  'sources:configureX': P,
  'sources:configureYouTube': P,
  'sources:configureAudience': P,
  'sources:configure': P,
  'relay:setDestination': P,
  'relay:removeDestination': P,
  'relay:configureObs': P,
  'relay:publishTarget': P,
  'people:list': P,
  'people:add': P,
  'people:revoke': P,
  'guests:invite': P,
  'guests:remove': P,
  'guests:stage': P,
  'guests:layout': P,
  'guests:configureIce': P,
  'guests:cue': P,
  'guests:talk': P,
  'guests:setupObs': P,
  'connect:list': P,
  'connect:start': P,
  'connect:status': P,
  'connect:paste': P,
  'connect:cancel': P,
  'connect:revoke': P,
};

export function mayDispatch(role: Role, intent: ControlIntentName): boolean {
  return INTENT_ROLES[intent].includes(role);
}

/** Who is acting, as the one dispatch point sees them. */
export interface Principal {
  /** "owner" for the token in the data folder, else the person's id. */
  personId: string;
  name: string;
  role: Role;
}

// Twitch chat against the fake: the EventSub keepalive timeout, session_reconnect without a gap
// or a second subscription, revocation said plainly, deletions and bans retracted on both paths,
// the anonymous IRC handshake and tag unescaping.
import { afterEach, describe, expect, it } from 'vitest';
import type { CommentSource } from '../../src/sources/source.js';
import { TwitchEventSubSource, type TwitchTimings } from '../../src/sources/twitch-eventsub.js';
import { parseIrcLine, TwitchIrcSource } from '../../src/sources/twitch-irc.js';
import { FakeTwitch } from '../fakes/twitch-api.js';
import { sourceHarness, type Harness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST: Partial<TwitchTimings> = {
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  keepaliveSeconds: 1,
  keepaliveGraceMs: 300,
  requestTimeoutMs: 1000,
  ircPingAfterMs: 500,
  ircPongTimeoutMs: 300,
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fake(): Promise<FakeTwitch> {
  const f = new FakeTwitch();
  f.keepaliveMinSeconds = 1;
  await f.start();
  cleanups.push(() => f.stop());
  return f;
}

function run(source: CommentSource): CommentSource {
  source.start();
  cleanups.push(() => source.stop());
  return source;
}

function eventSub(f: FakeTwitch, h: Harness, token = f.userToken): void {
  run(
    new TwitchEventSubSource(
      { channel: 'NextTalk', clientId: f.clientId, userToken: () => token, apiBaseUrl: f.url },
      h.context,
      FAST,
    ),
  );
}

const connected = (h: Harness): Promise<void> =>
  eventually(() => expect(h.last()?.state).toBe('connected'), 5000);
const posts = (f: FakeTwitch): number => f.helixCalls.filter((c) => c.method === 'POST').length;

describe('Twitch EventSub', () => {
  it('subscribes with the welcome’s session id and takes chat messages with their names', async () => {
    const f = await fake();
    const h = sourceHarness();
    eventSub(f, h);
    await connected(h);
    expect(posts(f)).toBe(3);
    const m = f.say('Wie skaliert das? Grüße 👋', 'joerg_m', 'JörgM');
    await eventually(() => expect(h.comments.get(m.id)?.text).toBe('Wie skaliert das? Grüße 👋'));
    expect(h.comments.get(m.id)?.author).toMatchObject({ name: 'JörgM', handle: 'joerg_m' });
    expect(h.comments.get(m.id)?.platform).toBe('twitch');
  });

  it('reconnects when nothing came for keepalive_timeout_seconds, and not while keepalives come', async () => {
    const f = await fake();
    const h = sourceHarness();
    eventSub(f, h);
    await connected(h);
    // Three keepalive periods with keepalives: the same session holds.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(posts(f)).toBe(3);
    expect(h.statuses.filter((s) => s.state === 'reconnecting')).toEqual([]);
    f.stall();
    await eventually(() => expect(h.last()?.message.code).toBe('twitch.dropped'), 5000);
    expect(h.said()).toContain('cannot be fetched afterwards');
    await connected(h);
    expect(posts(f)).toBe(6);
    const m = f.say('back again');
    await eventually(() => expect(h.comments.has(m.id)).toBe(true));
  });

  it('follows session_reconnect to its URL without a gap or a new subscription', async () => {
    const f = await fake();
    const h = sourceHarness();
    eventSub(f, h);
    await connected(h);
    const statuses = h.statuses.length;
    f.reconnectGraceMs = 1500;
    f.reconnect();
    const during = f.say('während des Umzugs');
    // The old connection is closed by the client once the new one said welcome.
    await eventually(() => expect(f.liveSessions()).toBe(1));
    await eventually(() => expect(h.comments.has(during.id)).toBe(true));
    const after = f.say('danach');
    await eventually(() => expect(h.comments.has(after.id)).toBe(true));
    expect(f.sessionsOpened).toBe(2);
    // Past the old connection's grace time: still one session, still no gap.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const later = f.say('später');
    await eventually(() => expect(h.comments.has(later.id)).toBe(true));
    expect(posts(f)).toBe(3);
    expect(h.statuses.slice(statuses)).toEqual([]);
    expect(f.inboundFrames).toBe(0);
  });

  it('retracts a deleted message and every message of a banned chatter', async () => {
    const f = await fake();
    const h = sourceHarness();
    eventSub(f, h);
    await connected(h);
    const a = f.say('eins', 'troll');
    const b = f.say('zwei', 'troll');
    const c = f.say('drei', 'fan');
    await eventually(() => expect(h.comments.size).toBe(3));
    f.deleteMessage(c.id);
    await eventually(() => expect(h.retracted).toEqual([c.id]));
    f.ban('troll');
    await eventually(() => expect(h.retracted).toEqual([c.id, a.id, b.id]));
  });

  it('says plainly that access was revoked and stops', async () => {
    const f = await fake();
    const h = sourceHarness();
    eventSub(f, h);
    await connected(h);
    f.revoke('authorization_revoked');
    await eventually(() => expect(h.last()?.state).toBe('error'));
    expect(h.last()?.message.code).toBe('twitch.revoked');
    expect(h.said()).toContain('authorization_revoked');
    expect(h.said()).toContain('connect the Twitch account again');
  });

  it('names a rejected token and does not retry in a loop', async () => {
    const f = await fake();
    const h = sourceHarness();
    eventSub(f, h, 'not-the-token');
    await eventually(() => expect(h.last()?.message.code).toBe('twitch.unauthorized'));
    const calls = f.helixCalls.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(f.helixCalls.length).toBe(calls);
  });

  it('waits for Ratelimit-Reset after a 429 and says until when', async () => {
    const f = await fake();
    f.helixFaults.push('rateLimit');
    const h = sourceHarness();
    eventSub(f, h);
    await connected(h);
    const limited = h.statuses.find((s) => s.state === 'rate_limited');
    expect(limited?.message.code).toBe('twitch.rate_limited');
    expect(limited?.retryAt?.getTime()).toBeGreaterThan(Date.now() - 5000);
  });
});

describe('Twitch anonymous IRC', () => {
  it('joins as justinfan, answers PING, and retracts CLEARMSG and CLEARCHAT', async () => {
    const f = await fake();
    f.ircPingMs = 200;
    const h = sourceHarness();
    run(new TwitchIrcSource({ channel: 'nexttalk', apiBaseUrl: f.url }, h.context, FAST));
    await connected(h);
    expect(h.last()?.message.code).toBe('twitch.irc_live');
    const a = f.say('Frage eins; mit Semikolon', 'troll', 'Troll');
    const b = f.say('Frage zwei', 'troll', 'Troll');
    const c = f.say('Grüße 👋', 'fan', 'Fan');
    await eventually(() => expect(h.comments.size).toBe(3));
    expect(h.comments.get(a.id)?.text).toBe('Frage eins; mit Semikolon');
    f.deleteMessage(c.id);
    await eventually(() => expect(h.retracted).toEqual([c.id]));
    f.ban('troll');
    await eventually(() => expect(h.retracted).toEqual([c.id, a.id, b.id]));
    await eventually(() => expect(f.pongs).toBeGreaterThan(0));
  });

  it('reconnects on RECONNECT and when PING goes unanswered', async () => {
    const f = await fake();
    const h = sourceHarness();
    run(new TwitchIrcSource({ channel: 'nexttalk', apiBaseUrl: f.url }, h.context, FAST));
    await connected(h);
    f.reconnect();
    await eventually(() => expect(h.statuses.map((s) => s.state)).toContain('reconnecting'));
    await connected(h);
    const before = h.statuses.length;
    f.stall();
    await eventually(() =>
      expect(h.statuses.slice(before).map((s) => s.state)).toContain('reconnecting'),
    );
    expect(h.statuses.slice(before).find((s) => s.state === 'reconnecting')?.message.details).toBe(
      'no answer to PING',
    );
    await connected(h);
    const m = f.say('wieder da');
    await eventually(() => expect(h.comments.has(m.id)).toBe(true));
  });

  it('unescapes tag values and reads Twitch’s documented PRIVMSG example', () => {
    const line = parseIrcLine(
      '@badge-info=;badges=turbo/1;color=#0D4200;display-name=ronni;emotes=25:0-4,12-16/1902:6-10;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=0;tmi-sent-ts=1507246572675;turbo=1;user-id=1337;user-type=global_mod :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo Kappa',
    );
    expect(line?.command).toBe('PRIVMSG');
    expect(line?.tags.get('id')).toBe('b34ccfc7-4977-403a-8a94-33c6bac34fb8');
    expect(line?.params).toEqual(['#ronni', 'Kappa Keepo Kappa']);
    expect(parseIrcLine('@msg=a\\sb\\:c\\\\d :x PRIVMSG #y :z')?.tags.get('msg')).toBe('a b;c\\d');
    expect(parseIrcLine('@only-tags')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { IncomingComment } from '../../src/shared/comment-schema.js';
import { silentLogger } from '../../src/shared/logger.js';
import { AudienceSource } from '../../src/sources/audience-source.js';
import type { SourceContext } from '../../src/sources/source.js';

function context() {
  const taken: IncomingComment[] = [];
  const malformed: string[] = [];
  const ctx: SourceContext = {
    logger: silentLogger,
    ingest: (comment) => {
      taken.push(comment);
      return 'added';
    },
    malformed: (reason) => malformed.push(reason),
    retract: () => undefined,
    quota: () => undefined,
    notBefore: () => null,
    status: () => undefined,
  };
  return { ctx, taken, malformed };
}

describe('audience questions', () => {
  it('takes a question with or without a name', () => {
    const { ctx, taken } = context();
    let now = 1_000_000;
    const source = new AudienceSource(ctx, {}, () => now);
    source.start();
    expect(source.ask('phone-a', '10.0.0.1', { text: '  What about open data?  ' })).toEqual({
      ok: true,
    });
    now += 20_000;
    expect(source.ask('phone-a', '10.0.0.1', { name: 'Lena', text: 'And funding?' })).toEqual({
      ok: true,
    });
    expect(taken.map((c) => [c.author.name, c.text, c.platform])).toEqual([
      ['Guest', 'What about open data?', 'audience'],
      ['Lena', 'And funding?', 'audience'],
    ]);
    expect(new Set(taken.map((c) => c.platformId)).size).toBe(2);
  });

  it('refuses too long, too short and malformed input with a clear reason, and counts it', () => {
    const { ctx, taken, malformed } = context();
    const source = new AudienceSource(ctx);
    source.start();
    expect(source.ask('p', 'ip', { text: 'x'.repeat(281) })).toEqual({
      ok: false,
      message: { code: 'audience.too_long', params: { max: 280 }, details: null },
      error: 'Questions can be at most 280 characters.',
      retryAfterSec: null,
    });
    expect(source.ask('p', 'ip', { text: 'hi' })).toMatchObject({
      ok: false,
      message: { code: 'audience.too_short' },
      error: 'Please write a question of at least 3 characters.',
    });
    expect(source.ask('p', 'ip', { text: 'ok?', admin: true })).toMatchObject({ ok: false });
    expect(source.ask('p', 'ip', 'just a string')).toMatchObject({ ok: false });
    expect(source.ask('p', 'ip', { name: 'n'.repeat(41), text: 'Fine question?' })).toMatchObject({
      ok: false,
      message: { code: 'audience.name_too_long' },
    });
    expect(taken).toHaveLength(0);
    expect(malformed).toHaveLength(5);
  });

  it('limits each device, and a whole network more loosely', () => {
    const { ctx } = context();
    let now = 0;
    const source = new AudienceSource(
      ctx,
      { perDeviceGapSec: 15, perDeviceMax: 3, perAddressMax: 5, windowSec: 600 },
      () => now,
    );
    source.start();
    expect(source.ask('a', 'venue', { text: 'first?' }).ok).toBe(true);
    now += 5000;
    expect(source.ask('a', 'venue', { text: 'too soon?' })).toEqual({
      ok: false,
      message: { code: 'audience.wait', params: { seconds: 10 }, details: null },
      error: 'Please wait 10 s before asking again.',
      retryAfterSec: 10,
    });
    // Another phone on the same venue Wi-Fi is not held back by the first one.
    expect(source.ask('b', 'venue', { text: 'mine?' }).ok).toBe(true);
    now += 15_000;
    expect(source.ask('a', 'venue', { text: 'second?' }).ok).toBe(true);
    now += 15_000;
    expect(source.ask('a', 'venue', { text: 'third?' }).ok).toBe(true);
    now += 15_000;
    expect(source.ask('a', 'venue', { text: 'fourth?' })).toMatchObject({
      ok: false,
      message: { code: 'audience.device_limit', params: { minutes: expect.any(Number) } },
      error: expect.stringMatching(
        /You have asked many questions in a short time\. You can ask again in \d+ min\./,
      ),
    });
    expect(source.ask('c', 'venue', { text: 'from c?' }).ok).toBe(true);
    expect(source.ask('d', 'venue', { text: 'from d?' })).toMatchObject({
      ok: false,
      error: 'Many questions are arriving from your network. Please try again in a minute.',
    });
  });

  it('takes nothing while closed', async () => {
    const { ctx } = context();
    const source = new AudienceSource(ctx);
    expect(source.ask('a', 'ip', { text: 'hello?' })).toMatchObject({
      ok: false,
      message: { code: 'audience.closed' },
    });
    source.start();
    await source.stop();
    expect(source.ask('a', 'ip', { text: 'hello?' }).ok).toBe(false);
  });
});

// LinkedIn comments on an organization's live post: polled with the headers LinkedIn requires,
// page by page, paced to the daily limit; refusals said plainly; a deleted comment refused right
// before it goes on air.
import { afterEach, describe, expect, it } from 'vitest';
import {
  LINKEDIN_VERSION,
  LinkedInSource,
  utcDay,
  type CallDay,
  type LinkedInSourceConfig,
} from '../../src/sources/linkedin-source.js';
import { FakeLinkedInApi, type LinkedInFault } from '../fakes/linkedin-api.js';
import { api, startTestCore } from '../helpers/core.js';
import { sourceHarness } from '../helpers/source-harness.js';
import { eventually } from '../helpers/sockets.js';

const FAST = {
  minPollMs: 100,
  retry: { initialMs: 50, maxMs: 300, jitter: 0 },
  maxRateLimitMs: 400,
  requestTimeoutMs: 800,
};

describe('LinkedIn source', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup(
    config: Partial<LinkedInSourceConfig> = {},
    prepare: (fake: FakeLinkedInApi) => void = () => undefined,
    calls: CallDay | null = null,
  ) {
    const fake = new FakeLinkedInApi();
    prepare(fake);
    await fake.start();
    cleanups.push(() => fake.stop());
    const harness = sourceHarness();
    const source = new LinkedInSource(
      {
        accessToken: () => fake.accessToken,
        postUrn: fake.postUrn,
        apiBaseUrl: fake.url,
        dailyRequests: 1_000_000,
        showMinutes: 15,
        ...config,
      },
      harness.context,
      { timings: FAST, calls },
    );
    source.start();
    cleanups.push(() => source.stop());
    return { fake, harness };
  }

  it('reads every comment across pages, with the version and Rest.li headers LinkedIn requires', async () => {
    const { fake, harness } = await setup({}, (f) => {
      for (let i = 0; i < 230; i += 1) f.comment(`Frage ${i}?`);
    });
    await eventually(() => expect(harness.comments.size).toBe(230), 5000);
    fake.comment('Eine neue Frage?', 'urn:li:organization:2414183');
    await eventually(() => expect(harness.comments.size).toBe(231), 5000);
    expect(new Set(fake.versions)).toEqual(new Set([LINKEDIN_VERSION]));
    const last = [...harness.comments.values()].at(-1);
    expect(last).toMatchObject({ platform: 'linkedin', author: { name: 'LinkedIn page' } });
    expect(harness.last()?.message.code).toBe('linkedin.reading');
  });

  it('spreads its polls so the daily limit lasts the planned show', async () => {
    // 3 hours on 1,000 calls: one poll about every 11 s, not every 100 ms.
    const { harness } = await setup({ dailyRequests: 1000, showMinutes: 180 });
    await eventually(() => expect(harness.last()?.message.code).toBe('linkedin.reading'), 5000);
    expect(harness.last()?.message.params.seconds).toBe(11);
  });

  it('counts the calls made before a restart against the same day', async () => {
    // 990 of 1,000 calls already spent today: the rest of a 3-hour show gets 10, about one
    // every 18 minutes, not one every 11 s.
    const spent = { day: utcDay(Date.now()), used: 990 };
    const { harness } = await setup({ dailyRequests: 1000, showMinutes: 180 }, undefined, spent);
    await eventually(() => expect(harness.last()?.message.code).toBe('linkedin.reading'), 5000);
    expect(harness.last()?.message.params.seconds).toBeGreaterThan(1000);
  });

  it.each([
    ['unauthorized', 'linkedin.unauthorized'],
    ['forbidden', 'linkedin.forbidden'],
  ] as [LinkedInFault, string][])(
    'says plainly what %s means and stops asking',
    async (fault, code) => {
      const { fake, harness } = await setup({}, (f) => f.faults.push(fault));
      await eventually(() =>
        expect(harness.last()).toMatchObject({ state: 'error', message: { code } }),
      );
      expect(fake.calls).toBe(1);
    },
  );

  it('waits for midnight UTC when the daily limit is used up', async () => {
    const { harness } = await setup({}, (f) => (f.dailyLimit = 0));
    await eventually(() => expect(harness.last()?.message.code).toBe('linkedin.daily_limit'));
    const last = harness.statuses.at(-1);
    // The wait is capped in tests; the status names midnight UTC.
    expect(last?.state).toBe('rate_limited');
  });

  it('refuses a profile address where a post URN belongs', async () => {
    const { harness } = await setup({ postUrn: 'https://www.linkedin.com/in/someone' });
    await eventually(() =>
      expect(harness.last()).toMatchObject({
        state: 'error',
        message: { code: 'linkedin.not_a_post' },
      }),
    );
  });
});

describe('LinkedIn in the core', () => {
  it('takes its token, says what it needs in both languages, and refuses a deleted comment before air', async () => {
    const fake = new FakeLinkedInApi();
    await fake.start();
    const core = await startTestCore({ linkedinTimings: FAST });
    try {
      const form = core.hub.get('sourceForms').find((f) => f.id === 'linkedin');
      expect(form?.help?.en).toContain('Community Management API');
      expect(form?.help?.en).toContain('personal profile');
      expect(form?.help?.de).toContain('persönlichen Profils');
      const saved = await api(core, 'PUT', '/api/sources/linkedin/settings', {
        body: {
          enabled: true,
          postUrn: fake.postUrn,
          apiBaseUrl: fake.url,
          secret: fake.accessToken,
        },
      });
      expect(saved.status).toBe(200);
      const kept = fake.comment('Still here?');
      const gone = fake.comment('Regretted this one');
      const byId = (id: string) => core.queue.list(null).find((c) => c.platformId === id);
      await eventually(() => expect(byId(gone.id)).toBeDefined(), 5000);
      fake.deleteComment(gone.id);
      const refused = await api(core, 'POST', `/api/comments/${byId(gone.id)?.id ?? ''}/air`);
      expect(refused.status).toBe(409);
      expect(JSON.stringify(refused.body)).toContain('queue.gone_on_platform');
      const aired = await api(core, 'POST', `/api/comments/${byId(kept.id)?.id ?? ''}/air`);
      expect(aired.status).toBe(200);
    } finally {
      await core.dispose();
      await fake.stop();
    }
  });
});

// A stored secret never shows up where people or clients can read it: not in a source's status,
// the state, a REST answer or the control snapshot, even when a platform's own error text carries
// it (the YouTube client puts the API key into the request URL it reports).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../src/shared/state.js';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { freePort } from '../helpers/cli.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { connectControl, eventually } from '../helpers/sockets.js';

const KEY = 'AIzaSyTestKey-should-never-be-seen-4711';
const FAST = {
  minPollMs: 50,
  waitForChatMs: 150,
  retry: { initialMs: 50, maxMs: 200, jitter: 0 },
  maxQuotaWaitMs: 400,
};

describe('secrets stay out of statuses and answers', () => {
  let core: TestCore;
  let browser: Browser;
  let badRequest: http.Server;
  let badRequestUrl = '';

  beforeAll(async () => {
    // Answers 400 with a body that quotes the request, key and all, as real servers may.
    badRequest = http.createServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ error: { code: 400, message: `Bad request for ${req.url ?? ''}` } }),
      );
    });
    await new Promise<void>((resolve) => badRequest.listen(0, '127.0.0.1', resolve));
    badRequestUrl = `http://127.0.0.1:${(badRequest.address() as AddressInfo).port}/`;
    core = await startTestCore({ youtubeTimings: FAST });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
    await new Promise<void>((resolve) => badRequest.close(() => resolve()));
  });

  const youtube = (): SourceStatus | undefined =>
    core.hub.get('sources').find((s) => s.id === 'youtube');

  async function expectNoKeyAnywhere(): Promise<void> {
    const places: [string, unknown][] = [
      ['state', (await api(core, 'GET', '/api/state')).body],
      ['sources', (await api(core, 'GET', '/api/sources')).body],
    ];
    const client = await connectControl(core.url, { token: core.token });
    places.push(['control snapshot', client.snapshot]);
    client.close();
    for (const [view, section] of [
      ['producer', ''],
      ['settings', '#sources'],
    ]) {
      const page = await browser.newPage({ locale: 'en-US' });
      await page.goto(`${core.url}${view}?token=${core.token}${section}`);
      await page.getByText('YouTube').first().waitFor();
      places.push([`${view} view`, await page.content()]);
      await page.close();
    }
    for (const [where, value] of places) {
      expect(JSON.stringify(value), where).not.toContain(KEY);
    }
  }

  for (const [name, root] of [
    ['refuses connections', async () => `http://127.0.0.1:${await freePort()}/`],
    ['answers 400 quoting the request', () => Promise.resolve(badRequestUrl)],
  ] as const) {
    it(`keeps the key out when YouTube ${name}`, async () => {
      const saved = await api(core, 'PUT', '/api/sources/youtube', {
        body: {
          enabled: true,
          video: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
          apiKey: KEY,
          rootUrl: await root(),
        },
      });
      expect(saved.status).toBe(200);
      await eventually(() => expect(youtube()?.state).toMatch(/error|reconnecting/), 5000);
      expect(JSON.stringify(youtube()?.message)).toContain('[redacted]');
      await expectNoKeyAnywhere();
    });
  }
});

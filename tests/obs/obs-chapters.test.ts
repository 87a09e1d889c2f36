// With the real thing: OBS streams through the relay to a local receiver standing in for a
// platform while a four-segment show runs. The report's chapters, timed from the relay's push
// start, match the segment starts measured against the receiver's first frame within 1 s; the
// Markdown's chapter lines are in YouTube's form; the CSV has one row per question.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShowReport } from '../../src/shared/report.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { freePort } from '../helpers/cli.js';
import { rtmpReceiver, type Receiver } from '../helpers/ffmpeg.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const SEGMENTS = ['Intro', 'Keynote', 'Panel', 'Q&A'];
const SEGMENT_MS = 11_000;
const YOUTUBE_LINE = /^(\d+:)?\d{2}:\d{2} \S.*$/;

/** Whether an FLV file holds a video frame yet (not just metadata and codec headers). */
function hasVideoFrame(data: Buffer): boolean {
  let at = 13; // FLV header (9) and the first previous-tag size (4)
  while (at + 11 <= data.length) {
    const type = data[at] ?? 0;
    const size = data.readUIntBE(at + 1, 3);
    // AVC packet type 1 is a picture; 0 is the decoder configuration.
    if (type === 9 && at + 12 < data.length && data[at + 12] === 1) return true;
    at += 11 + size + 4;
  }
  return false;
}

/** Resolves with the wall-clock time the receiver's file first holds a video frame. */
function firstFrameAt(file: string): Promise<number> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (fs.existsSync(file) && hasVideoFrame(fs.readFileSync(file))) {
        clearInterval(timer);
        resolve(Date.now());
      }
    }, 10);
  });
}

describe('chapters from a real stream', () => {
  let obs: RunningObs;
  let core: TestCore;
  let receiver: Receiver;
  const temp = makeTempDir();

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore({ relayBackoff: { initialMs: 500, maxMs: 2000, jitter: 0 } });
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(core.hub.get('obs').status).toBe('connected'), 15_000);
    const port = await freePort();
    receiver = rtmpReceiver(port, path.join(temp.dir, 'youtube.flv'), 'live/key', { flush: true });
    await api(core, 'PUT', '/api/destinations/yt', {
      body: {
        name: 'YouTube (local)',
        platform: 'custom',
        serverUrl: `rtmp://127.0.0.1:${port}/live`,
        streamKey: 'key',
        enabled: true,
      },
    });
    expect((await api(core, 'POST', '/api/relay/configure-obs')).status).toBe(200);
    await api(core, 'PUT', '/api/rundown', {
      body: { segments: SEGMENTS.map((title) => ({ title, plannedSec: 60 })) },
    });
  }, 60_000);

  afterAll(async () => {
    await receiver.stop();
    await core.dispose();
    await obs.stop();
    temp.remove();
  });

  it('times chapters from the push start to within 1 s of the receiver', async () => {
    await api(core, 'POST', '/api/shows/current/live');
    // The intro starts with the stream, as a producer would start it.
    const starts: number[] = [Date.now()];
    await api(core, 'POST', '/api/rundown/next');
    const first = firstFrameAt(receiver.file);
    await api(core, 'POST', '/api/obs/stream', { body: { action: 'start' } });
    const firstFrame = await first;
    await eventually(
      () => expect(core.hub.get('relay').destinations[0]?.state).toBe('live'),
      20_000,
    );
    await api(core, 'POST', '/api/comments', {
      body: {
        platform: 'youtube',
        platformId: 'q1',
        author: { name: 'Lena', handle: '@lena', avatarUrl: null, profileUrl: null },
        text: 'How do you keep, "quotes", apart?',
        createdAt: new Date().toISOString(),
        url: 'https://www.youtube.com/watch?v=v&lc=q1',
        superchat: null,
      },
    });
    for (let i = 1; i < SEGMENTS.length; i += 1) {
      const due = firstFrame + i * SEGMENT_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      starts.push(Date.now());
      expect((await api(core, 'POST', '/api/rundown/next')).status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, SEGMENT_MS));
    await api(core, 'POST', '/api/obs/stream', { body: { action: 'stop' } });
    await eventually(
      () => expect(core.hub.get('relay').destinations[0]?.state).toBe('idle'),
      20_000,
    );
    await api(core, 'POST', '/api/shows/current/end', { body: { confirm: true } });
    const id = core.hub.get('show').id;

    const json = await api(core, 'GET', `/api/shows/${id}/report`);
    const report = (json.body as { report: ShowReport }).report;
    const set = report.chapters.find((c) => c.origin === 'YouTube (local)');
    expect(set?.problems).toEqual([]);
    expect(set?.chapters.map((c) => c.title)).toEqual(SEGMENTS);
    set?.chapters.forEach((chapter, i) => {
      // Measured at the receiver: the intro began before the first frame, so it is at 00:00.
      const measured = Math.max(0, ((starts[i] ?? 0) - firstFrame) / 1000);
      expect(Math.abs(chapter.offsetSec - measured), chapter.line).toBeLessThanOrEqual(1);
    });
    expect(report.destinations[0]).toMatchObject({ name: 'YouTube (local)', reconnects: 0 });

    const md = (await api(core, 'GET', `/api/shows/${id}/report?format=md`)).body as string;
    const lines = md.split('\n').filter((line) => /^\d/.test(line));
    expect(lines).toEqual(set?.chapters.map((c) => c.line));
    expect(lines[0]).toBe('00:00 Intro');
    for (const line of lines) expect(line).toMatch(YOUTUBE_LINE);

    const csv = (await api(core, 'GET', `/api/shows/${id}/report?format=csv`)).body as string;
    const rows = csv.trimEnd().split('\r\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('"How do you keep, ""quotes"", apart?"');
  }, 120_000);
});

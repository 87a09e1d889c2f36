// Two shows back to back in Chromium, with a real OBS streaming to a local receiver: a rehearsal
// stream leaves the show planned; show 1's questions (approved, aired, pending) stay out of show
// 2's queue and overlay unless carried over; show 1 is in the archive with the right counts; the
// audience page closes at the end. Screenshots of the archive and the report in English and German.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comment } from '../../src/shared/comment.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';
import { freePort } from '../helpers/cli.js';
import { startObs, type RunningObs } from '../helpers/obs.js';
import { eventually } from '../helpers/sockets.js';

let n = 0;
async function add(core: TestCore, text: string, name: string): Promise<Comment> {
  n += 1;
  const answer = await api(core, 'POST', '/api/comments', {
    body: {
      platform: n % 2 === 0 ? 'x' : 'youtube',
      platformId: `show-test-${n}`,
      author: { name, handle: `@${name.toLowerCase()}`, avatarUrl: null, profileUrl: null },
      text,
      createdAt: new Date().toISOString(),
      url: `https://example.test/post/${n}`,
      superchat: null,
    },
  });
  expect(answer.status).toBe(201);
  return (answer.body as { comment: Comment }).comment;
}

async function act(core: TestCore, id: string, action: string): Promise<void> {
  expect((await api(core, 'POST', `/api/comments/${id}/${action}`)).status).toBe(200);
}

describe('two shows back to back', () => {
  let obs: RunningObs;
  let core: TestCore;
  let browser: Browser;
  let page: Page;
  let moderator: Page;
  let overlay: Page;
  let phone: Page;
  let receiver: ChildProcess;
  const show1: Record<'aired' | 'approved' | 'pending' | 'carried', Comment | null> = {
    aired: null,
    approved: null,
    pending: null,
    carried: null,
  };

  beforeAll(async () => {
    obs = await startObs();
    core = await startTestCore();
    const rtmpPort = await freePort();
    receiver = spawn(
      'ffmpeg',
      [
        '-loglevel',
        'quiet',
        '-listen',
        '1',
        '-i',
        `rtmp://127.0.0.1:${rtmpPort}/live/k`,
        '-f',
        'null',
        '-',
      ],
      { stdio: 'ignore' },
    );
    await api(core, 'PUT', '/api/settings/obs', { body: { url: obs.url, password: obs.password } });
    await eventually(() => expect(core.obs.state.status).toBe('connected'), 20_000);
    await core.obs.call('SetStreamServiceSettings', {
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: `rtmp://127.0.0.1:${rtmpPort}/live`, key: 'k' },
    });
    await api(core, 'PUT', '/api/shows/current', { body: { title: 'NextTalk #41' } });
    await api(core, 'PUT', '/api/rundown', {
      body: { segments: ['Intro', 'Panel', 'Q&A'].map((title) => ({ title, plannedSec: 300 })) },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await page.goto(`${core.url}producer?token=${core.token}`);
    await page.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    moderator = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    await moderator.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await moderator.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
    overlay = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await overlay.goto(`${core.url}overlay`);
    await overlay.locator('[data-testid="overlay-stage"][data-connected="true"]').waitFor();
    phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    await phone.goto(`${core.url}audience`);
  }, 120_000);
  afterAll(async () => {
    await browser.close();
    receiver.kill('SIGKILL');
    await core.dispose();
    await obs.stop();
  });

  it('a rehearsal stream does not make the planned show live', async () => {
    await page.getByRole('button', { name: 'Start stream' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Start the stream' });
    await dialog.getByRole('button', { name: 'Rehearsal' }).click();
    await expect.poll(() => core.hub.get('obs').streaming, { timeout: 20_000 }).toBe(true);
    expect(core.hub.get('show').state).toBe('planned');
    expect(await page.locator('.topbar .show-state').textContent()).toBe('Planned');
    await page.getByRole('button', { name: 'Stop stream' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Stop stream' }).click();
    await expect.poll(() => core.hub.get('obs').streaming, { timeout: 20_000 }).toBe(false);
    expect(core.hub.get('show').state).toBe('planned');
  });

  it('runs show 1: go live, questions aired, approved and pending, then end it', async () => {
    await page.goto(`${core.url}shows`);
    const current = page.getByTestId('current-show');
    await current.getByRole('button', { name: 'Go live' }).click();
    await expect.poll(() => current.getByTestId('show-state').textContent()).toBe('Live');
    await api(core, 'POST', '/api/rundown/next');
    show1.aired = await add(core, 'How do newsrooms verify AI images?', 'Lena');
    show1.approved = await add(core, 'What about local papers?', 'Omar');
    show1.carried = await add(core, 'Will you cover open data next week?', 'Ines');
    show1.pending = await add(core, 'Is the stream archived?', 'Paul');
    await act(core, show1.aired.id, 'approve');
    await act(core, show1.aired.id, 'air');
    await act(core, show1.approved.id, 'approve');
    await act(core, show1.carried.id, 'approve');
    await expect
      .poll(() => overlay.getByTestId('overlay-text').textContent())
      .toBe('How do newsrooms verify AI images?');
    await expect.poll(() => moderator.getByTestId('comment-card').count()).toBe(4);
    await api(core, 'POST', '/api/rundown/next');

    await current.getByRole('button', { name: 'End show' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'End show' }).click();
    await expect.poll(() => current.getByTestId('show-state').textContent()).toBe('Ended');
    await expect
      .poll(() => phone.getByTestId('audience-ended').textContent())
      .toBe('The show has ended; questions are closed.');
    expect(await phone.getByLabel('Your question').count()).toBe(0);
  });

  it('starts show 2 empty; only the question carried over joins its queue', async () => {
    const current = page.getByTestId('current-show');
    await current.getByRole('button', { name: 'New show: Duplicate the last show' }).click();
    await expect.poll(() => current.getByTestId('show-state').textContent()).toBe('Planned');
    expect(core.hub.get('show').title).toBe('NextTalk #41');
    // Nothing of show 1 on the moderator's screen or on the overlay.
    await expect.poll(() => moderator.getByTestId('comment-card').count()).toBe(0);
    await expect.poll(() => overlay.getByTestId('overlay-text').count()).toBe(0);
    // The audience page takes questions again, for the planned show, and says when it starts.
    await expect.poll(() => phone.getByLabel('Your question').count()).toBe(1);
    await api(core, 'PUT', '/api/shows/current', {
      body: { plannedStart: '2026-12-02T18:00:00.000Z' },
    });
    await expect
      .poll(() => phone.getByTestId('audience-starts').textContent())
      .toMatch(/^Starts .*December 2, 2026.*You can ask your question already\.$/);

    const carry = current.getByTestId('carry-over');
    await carry.getByText('Will you cover open data next week?').waitFor();
    expect(await carry.getByText('What about local papers?').count()).toBe(1);
    expect(await carry.getByText('How do newsrooms verify AI images?').count()).toBe(0);
    expect(await carry.getByText('Is the stream archived?').count()).toBe(0);
    await carry.getByLabel(/Will you cover open data next week\?/).check();
    await carry.getByRole('button', { name: 'Carry over' }).click();
    await carry.getByText('1 carried over').waitFor();
    const cards = moderator.getByTestId('comment-card');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain('Will you cover open data next week?');
    expect(await moderator.getByTestId('column-approved').getByTestId('comment-card').count()).toBe(
      1,
    );
    expect(await overlay.getByTestId('overlay-text').count()).toBe(0);
  });

  it('lists show 1 in the archive with its counts, read-only, with its report', async () => {
    const row = page.getByTestId(/^archive-row-/).first();
    // Four asked during show 1, the one carried over among them.
    await expect.poll(() => row.getByTestId('archive-comments').textContent()).toBe('4');
    expect(await row.getByTestId('archive-aired').textContent()).toBe('1');
    await saveScreenshot(page, 'shows-archive-en');
    await row.getByRole('button', { name: 'Open' }).click();
    const detail = page.getByTestId('show-detail');
    // One approved question went on to show 2; one stayed.
    await expect.poll(() => detail.getByTestId('count-approved').textContent()).toBe('1');
    expect(await detail.getByTestId('count-on_air').textContent()).toBe('1');
    expect(await detail.getByTestId('count-incoming').textContent()).toBe('1');
    await detail.getByRole('button', { name: 'After-show report' }).click();
    const report = page.getByTestId('report');
    const followUp = report.getByTestId('follow-up');
    await followUp.getByText('What about local papers?').waitFor();
    expect(await followUp.getByText('Is the stream archived?').count()).toBe(1);
    expect(await report.getByTestId('comments-chart').count()).toBe(1);
    await saveScreenshot(page, 'shows-report-en');

    await page.locator('select.language').selectOption('de');
    await report.getByText('Bericht nach der Sendung').first().waitFor();
    await saveScreenshot(page, 'shows-report-de');
    await page.getByRole('button', { name: 'Zurück zum Archiv' }).click();
    await page.getByRole('button', { name: 'Zurück zum Archiv' }).click();
    await page.getByTestId('archive').getByText('Gesendete Fragen').waitFor();
    await saveScreenshot(page, 'shows-archive-de');

    // A viewer asked to be deleted: their question leaves show 1, after a confirmation.
    await page.getByLabel('Plattform').selectOption('x');
    await page.getByLabel('Handle der Person, die um Löschung gebeten hat').fill('@paul');
    await page.getByRole('button', { name: 'Daten dieser Person löschen' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Daten dieser Person löschen' })
      .click();
    await page.getByText('1 Kommentar gelöscht.').waitFor();
    const after = await api(core, 'GET', '/api/shows');
    expect((after.body as { shows: { comments: number }[] }).shows[0]?.comments).toBe(3);
  }, 60_000);
});

// A platform added at run time: a throwaway source registered in a running core shows up in the
// API, in the form description, and as a form in Settings (English and German) that works.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { message } from '../../src/shared/messages/message.js';
import type { SourceForm } from '../../src/shared/source-forms.js';
import type { SourceStatus } from '../../src/shared/state.js';
import { launchBrowser } from '../helpers/browser.js';
import { api, startTestCore, type TestCore } from '../helpers/core.js';

describe('source registry', () => {
  let core: TestCore;
  let browser: Browser;

  beforeAll(async () => {
    core = await startTestCore();
    browser = await launchBrowser();
    await core.sources.register({
      id: 'demo-wall',
      label: { en: 'Demo wall', de: 'Demo-Wand' },
      settings: z.object({ enabled: z.boolean(), room: z.string().trim().min(1).max(40) }),
      fields: { enabled: { en: 'On', de: 'An' }, room: { en: 'Room', de: 'Raum' } },
      apply: async (settings, runner) => {
        if (!settings.enabled) return runner.stop();
        return runner.run((context) => ({
          start: () =>
            context.status(
              'connected',
              message('source.connected', {}, `Listening in ${settings.room}`),
            ),
          stop: () => Promise.resolve(),
        }));
      },
    });
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('describes the new source with its schema and both languages', async () => {
    const response = await api(core, 'GET', '/api/sources/forms');
    const forms = (response.body as { forms: SourceForm[] }).forms;
    expect(forms.map((f) => f.id)).toEqual([
      'x',
      'youtube',
      'audience',
      'facebook',
      'linkedin',
      'twitch',
      'mastodon',
      'bluesky',
      'demo-wall',
    ]);
    const demo = forms.find((f) => f.id === 'demo-wall');
    expect(demo).toMatchObject({
      custom: false,
      label: { en: 'Demo wall', de: 'Demo-Wand' },
      fields: { room: { en: 'Room', de: 'Raum' } },
      schema: { properties: { enabled: { type: 'boolean' }, room: { type: 'string' } } },
    });
  });

  it('takes its settings through REST, checks them with its schema, and lists it in /api/sources', async () => {
    const bad = await api(core, 'PUT', '/api/sources/demo-wall/settings', {
      body: { enabled: true, room: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ message: { code: 'sources.invalid_settings' } });
    const unknown = await api(core, 'PUT', '/api/sources/nope/settings', { body: {} });
    expect(unknown.status).toBe(404);

    const ok = await api(core, 'PUT', '/api/sources/demo-wall/settings', {
      body: { enabled: true, room: 'Hall A' },
    });
    expect(ok.status).toBe(200);
    const sources = (await api(core, 'GET', '/api/sources')).body as { sources: SourceStatus[] };
    expect(sources.sources.find((s) => s.id === 'demo-wall')).toMatchObject({
      state: 'connected',
      label: 'Demo wall',
      message: { code: 'source.connected', details: 'Listening in Hall A' },
    });
  });

  it('renders it in Settings from the description, in English and German, and saves from there', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.goto(`${core.url}settings?token=${core.token}#sources`);
    const form = page.getByTestId('source-form-demo-wall');
    await form.getByRole('heading', { name: 'Demo wall' }).waitFor();
    await expect.poll(() => form.getByLabel('Room').inputValue()).toBe('Hall A');
    await form.getByLabel('Room').fill('Studio 2');
    await page.getByTestId('settings-sources').getByTestId('section-save').click();
    await expect
      .poll(() => core.hub.get('sources').find((s) => s.id === 'demo-wall')?.message.details, {
        timeout: 5000,
      })
      .toBe('Listening in Studio 2');
    // The status is worded from its code; the source's own text is only its details.
    await form.getByText('Connected.').waitFor();
    await page.close();

    const german = await browser.newPage({ locale: 'de-DE' });
    await german.goto(`${core.url}settings?token=${core.token}#sources`);
    const deForm = german.getByTestId('source-form-demo-wall');
    await deForm.getByRole('heading', { name: 'Demo-Wand' }).waitFor();
    expect(await deForm.getByLabel('Raum').inputValue()).toBe('Studio 2');
    await german.close();
  });
});

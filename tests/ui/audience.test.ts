// The public audience page in a phone-sized Chromium, with a moderator watching.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, startTestCore, type TestCore } from '../helpers/core.js';
import { launchBrowser, saveScreenshot } from '../helpers/browser.js';

describe('audience page', () => {
  let core: TestCore;
  let browser: Browser;
  let phone: Page;
  let moderator: Page;

  beforeAll(async () => {
    core = await startTestCore({ audienceLimits: { perDeviceGapSec: 2 } });
    await api(core, 'PUT', '/api/show', { body: { title: '#NextTalk: Open Data' } });
    browser = await launchBrowser();
    phone = await browser.newPage({
      viewport: { width: 390, height: 844 },
      locale: 'de-DE',
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(`${core.url}audience`);
    moderator = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-US' });
    await moderator.goto(`${core.url}moderator?token=${core.token}&name=Mo`);
    await moderator.getByTestId('connection').filter({ hasText: 'Connected' }).waitFor();
  });
  afterAll(async () => {
    await browser.close();
    await core.dispose();
  });

  it('sends a typed question to the moderator view', async () => {
    await expect
      .poll(() => phone.locator('.audience__show').textContent())
      .toBe('#NextTalk: Open Data');
    await phone.getByLabel('Dein Name (optional)').fill('Lena');
    await phone.getByLabel('Deine Frage').fill('Wie finanziert ihr offene Daten langfristig?');
    await phone.getByRole('button', { name: 'Frage senden' }).click();
    await expect
      .poll(() => phone.getByTestId('ask-result').textContent())
      .toBe('Danke! Deine Frage ist bei der Moderation.');
    const card = moderator
      .getByTestId('comment-card')
      .filter({ hasText: 'Wie finanziert ihr offene Daten langfristig?' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Lena');
    expect(await phone.getByLabel('Deine Frage').inputValue()).toBe('');
  });

  it('explains a refusal, and counts characters down', async () => {
    await phone.getByLabel('Deine Frage').fill('Noch eine Frage gleich hinterher?');
    await phone.getByRole('button', { name: 'Frage senden' }).click();
    await expect
      .poll(() => phone.getByTestId('ask-result').textContent())
      .toMatch(/^Bitte warte \d s, bevor du wieder fragst\.$/);
    await phone.getByLabel('Deine Frage').fill('x'.repeat(290));
    expect(await phone.locator('.ask__count').textContent()).toBe('10 Zeichen zu viel');
    expect(await phone.getByRole('button', { name: 'Frage senden' }).isDisabled()).toBe(true);
    await phone.getByLabel('Deine Frage').fill('');
  });

  it('shows approved questions with upvotes, one vote per phone', async () => {
    await moderator.bringToFront();
    await moderator.keyboard.press('a'); // approve the newest incoming: Lena's question
    const item = phone.getByTestId('audience-question').filter({ hasText: 'offene Daten' });
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.getByTestId('votes').textContent()).toBe('0');
    await item.getByRole('button').click();
    await expect.poll(() => item.getByTestId('votes').textContent()).toBe('1');
    expect(await item.getByRole('button').isDisabled()).toBe(true);
    const card = moderator.getByTestId('comment-card').filter({ hasText: 'offene Daten' });
    await expect.poll(() => card.textContent()).toContain('▲ 1');
    await saveScreenshot(phone, 'audience');
  });
});

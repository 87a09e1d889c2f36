// Finds labels whose text does not fit: the "PROGRAMM overflows its tile" kind of bug. A label
// is a button, tab, badge, tag, heading or caption that shows one line of text.
import type { Page } from 'playwright-core';

const LABELS = [
  'button',
  'h1',
  'h2',
  'label',
  '[role="tab"]',
  '.badge',
  '.tag',
  '.chip',
  '.livebar__badge',
  '.scene__tag',
  '.scene__name',
  '.monitor__label',
  '.health__label',
  '.meter__state',
  '.tabs__tab',
  '.topbar__brand',
  '.brand-name',
  '.settings__navname',
  '.settings__unsaved',
  '.checklist__title',
  '.checklist__item a',
].join(',');

/** Labels on screen whose content is wider than their box, as "text (scroll > client)". */
export async function clippedLabels(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(LABELS)})]
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .filter((e) => !e.closest('.visually-hidden'))
    .filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map((e) => e.textContent.trim().slice(0, 40) + ' (' + e.scrollWidth + ' > ' + e.clientWidth + ')')`);
}

// Shortcut keys must not fire while someone types into a field; buttons and checkboxes do not
// count as typing.
const TEXT_TYPES = new Set(['text', 'search', 'password', 'number', 'email', 'url', 'tel', '']);

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && TEXT_TYPES.has((el as HTMLInputElement).type);
}

/** Elements whose own Space/Enter meaning wins over a live shortcut (press a button, follow a link). */
export function isInteractive(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  if (isTyping(el)) return true;
  if (['BUTTON', 'INPUT', 'A', 'SUMMARY', 'OPTION'].includes(el.tagName)) return true;
  return el.getAttribute('role') === 'button' || el.getAttribute('role') === 'checkbox';
}

/** A modal dialog is open: it has the keyboard, live shortcuts wait. */
export function dialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/** Space and Enter mean "transition" and "air" only when nothing else would take them. */
export function liveKeyAllowed(event: KeyboardEvent): boolean {
  if (event.key !== ' ' && event.key !== 'Enter') return true;
  return !dialogOpen() && !isInteractive(event.target);
}

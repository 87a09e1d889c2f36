// Shortcut keys must not fire while someone types into a field; buttons and checkboxes do not
// count as typing.
const TEXT_TYPES = new Set(['text', 'search', 'password', 'number', 'email', 'url', 'tel', '']);

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && TEXT_TYPES.has((el as HTMLInputElement).type);
}

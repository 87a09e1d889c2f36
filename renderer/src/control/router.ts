// Client-side routing for the control UI: /producer, /moderator, /settings, /shows.
import { useCallback, useEffect, useState } from 'react';

export const VIEWS = ['producer', 'moderator', 'settings', 'shows'] as const;
export type View = (typeof VIEWS)[number];

export function viewFromPath(pathname: string): View {
  const name = pathname.replace(/^\/+|\/+$/g, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'producer';
}

export function useView(): [View, (view: View) => void] {
  const [view, setView] = useState<View>(() => viewFromPath(location.pathname));
  useEffect(() => {
    const onPop = (): void => setView(viewFromPath(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = useCallback((next: View) => {
    if (location.pathname !== `/${next}`) history.pushState(null, '', `/${next}`);
    setView(next);
  }, []);
  return [view, navigate];
}

/** Opens a view at a place inside it (`/settings#obs`), as a link would, and tells useView. */
export function openAt(view: View, place: string): void {
  history.pushState(null, '', `/${view}#${place}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

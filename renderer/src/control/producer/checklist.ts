// What a new show needs before going on air, each item read from what the core confirms (not
// from what was typed), and where in Settings it is fixed.
import type { ShowState } from '../../../../src/shared/state';
import type { SettingsSection } from '../settings/sections';

export type CheckId = 'obs' | 'scenes' | 'source' | 'destination' | 'audience';

export interface CheckItem {
  id: CheckId;
  done: boolean;
  section: SettingsSection;
}

const COPIED_KEY = 'panelcast.audienceLinkCopied';
const HIDDEN_KEY = 'panelcast.checklistHidden';

/** The audience link counts as shared once it was copied on this screen (kept per address). */
export function rememberLinkCopied(url: string): void {
  try {
    localStorage.setItem(COPIED_KEY, url);
  } catch {
    // Private windows may refuse storage; the item then waits for a public address.
  }
}

export function linkCopied(url: string): boolean {
  try {
    return localStorage.getItem(COPIED_KEY) === url;
  } catch {
    return false;
  }
}

export function checklistHidden(): boolean {
  try {
    return localStorage.getItem(HIDDEN_KEY) === '1';
  } catch {
    return false;
  }
}

export function setChecklistHidden(hidden: boolean): void {
  try {
    if (hidden) localStorage.setItem(HIDDEN_KEY, '1');
    else localStorage.removeItem(HIDDEN_KEY);
  } catch {
    // Without storage the choice lasts as long as the page.
  }
}

/** The audience page's address phones should open: the public one when the core has one. */
export function audienceUrl(state: ShowState): string {
  return state.app.audienceUrl ?? `${location.origin}/audience`;
}

/** Every segment has a scene OBS actually has (a renamed scene no longer counts). */
function scenesMapped(state: ShowState): boolean {
  const { segments } = state.rundown;
  return (
    segments.length > 0 &&
    segments.every((s) => s.scene !== null && state.obs.scenes.includes(s.scene))
  );
}

/**
 * A platform that brings comments is on (X, YouTube or a registered source). The audience page
 * is on from the start and has an item of its own, so it does not tick this one.
 */
function commentSource(state: ShowState): boolean {
  const { x, youtube } = state.config;
  const registered = state.sources.filter((s) => !['x', 'youtube', 'audience'].includes(s.id));
  return x.enabled || youtube.enabled || registered.some((s) => s.state !== 'stopped');
}

export function checklist(state: ShowState, copied: boolean): CheckItem[] {
  const open = state.config.audience.enabled;
  return [
    { id: 'obs', done: state.obs.status === 'connected', section: 'obs' },
    { id: 'scenes', done: scenesMapped(state), section: 'rundown' },
    { id: 'source', done: commentSource(state), section: 'sources' },
    {
      id: 'destination',
      done: state.relay.destinations.some((d) => d.enabled && d.keySaved),
      section: 'destinations',
    },
    // Open, and its address either public (set by whoever runs the core) or copied to share.
    {
      id: 'audience',
      done: open && (state.app.audienceUrl !== null || copied),
      section: 'audience',
    },
  ];
}

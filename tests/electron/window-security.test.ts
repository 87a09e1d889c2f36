import { describe, expect, it } from 'vitest';
import {
  isAppNavigation,
  isExternalWebLink,
  mayUsePermission,
  newWindowFor,
  secureWebPreferences,
} from '../../electron/window-security.js';

describe('desktop window rules', () => {
  it('gives windows no Node, with context isolation and the sandbox on', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('lets only the core origin load in the window', () => {
    const origin = 'http://127.0.0.1:7878';
    expect(isAppNavigation('http://127.0.0.1:7878/moderator', origin)).toBe(true);
    expect(isAppNavigation('http://127.0.0.1:7879/', origin)).toBe(false);
    expect(isAppNavigation('http://127.0.0.1.evil.example/', origin)).toBe(false);
    expect(isAppNavigation('file:///etc/passwd', origin)).toBe(false);
    expect(isAppNavigation('not a url', origin)).toBe(false);
  });

  it('hands only web links to the system browser', () => {
    expect(isExternalWebLink('https://x.com/nexttalk')).toBe(true);
    expect(isExternalWebLink('http://example.org')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://share',
      'ms-settings:',
      42,
      null,
    ]) {
      expect(isExternalWebLink(bad), String(bad)).toBe(false);
    }
  });

  it('opens the host seat and the stage in an app window, web links outside, nothing else', () => {
    const origin = 'http://127.0.0.1:7878';
    // "Join as host" and the stage need the app's stored token: the system browser has none.
    expect(newWindowFor('http://127.0.0.1:7878/room', origin)).toBe('app');
    expect(newWindowFor('http://127.0.0.1:7878/stage', origin)).toBe('app');
    expect(newWindowFor('http://127.0.0.1:7878/feed/ada', origin)).toBe('app');
    expect(newWindowFor('https://x.com/nexttalk', origin)).toBe('external');
    expect(newWindowFor('http://127.0.0.1:7878/settings', origin)).toBe('deny');
    expect(newWindowFor('http://127.0.0.1:7879/room', origin)).toBe('external');
    expect(newWindowFor('file:///etc/passwd', origin)).toBe('deny');
    expect(newWindowFor(undefined, origin)).toBe('deny');
  });

  it('grants camera and microphone to the host seat on the core only', () => {
    const origin = 'http://127.0.0.1:7878';
    expect(mayUsePermission('media', 'http://127.0.0.1:7878/room', origin)).toBe(true);
    expect(mayUsePermission('media', 'http://127.0.0.1:7878/room?x=1', origin)).toBe(true);
    expect(mayUsePermission('media', 'http://127.0.0.1:7878/moderator', origin)).toBe(false);
    expect(mayUsePermission('media', 'https://evil.example/room', origin)).toBe(false);
    expect(mayUsePermission('geolocation', 'http://127.0.0.1:7878/room', origin)).toBe(false);
    expect(mayUsePermission('notifications', 'http://127.0.0.1:7878/room', origin)).toBe(false);
    expect(mayUsePermission('media', 'http://127.0.0.1:7878/room', null)).toBe(false);
  });
});

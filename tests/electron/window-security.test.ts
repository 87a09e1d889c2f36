import { describe, expect, it } from 'vitest';
import {
  isAppNavigation,
  isExternalWebLink,
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
});

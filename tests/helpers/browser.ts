// Debian's Chromium driven by playwright-core, with the flags this machine needs.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './cli.js';

export const CHROMIUM = process.env.PANELCAST_CHROMIUM ?? '/usr/bin/chromium';

/** The flags Chromium needs on this machine (headless, root, no GPU, no calls home). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A fake camera and microphone, granted without asking, and sound that plays by itself. */
export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

/** An init script that records every peer connection a page opens, in window.__pcs. */
export const PEER_CONNECTION_SPY = `
  window.__pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
`;

/** Chromium for the guest room: guests' pages with a fake camera and microphone. */
export function launchMediaBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, ...MEDIA_FLAGS] });
}

export const screenshotDir = path.join(repoRoot, 'tests', '.tmp', 'screenshots');

/** Saves a screenshot under tests/.tmp/screenshots for people to look at. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Chromium inside a network namespace: a phone or tablet on another host. playwright-core talks
// to the browser over a pipe, which `ip netns exec` passes through, so only the browser's
// network is elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './browser.js';
import type { Netns } from './netns.js';
import { makeTempDir } from './temp-dir.js';

export async function launchBrowserIn(ns: Netns, extraArgs: string[] = []): Promise<Browser> {
  const temp = makeTempDir();
  const wrapper = path.join(temp.dir, 'chromium-in-netns');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns.name} ${CHROMIUM} "$@"\n`, {
    mode: 0o700,
  });
  const browser = await chromium.launch({
    executablePath: wrapper,
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
  browser.on('disconnected', () => temp.remove());
  return browser;
}

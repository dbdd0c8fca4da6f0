import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot } from './browser.ts';

/**
 * A headset in the test browser: IWER (Meta's WebXR emulator, its UMD build) loaded into every
 * page before the app and installed over Chromium's own navigator.xr (`forceInstall`: headless
 * Chromium has a WebXR object but no device), as a Quest 3 with both controllers. The app's own
 * emulation stays off; the input profiles come from the server under test, and every request to
 * another origin is aborted and listed.
 */
export interface HeadsetPage {
  context: BrowserContext;
  page: Page;
  /** Requests to other origins (aborted). */
  offOrigin: string[];
}

export async function openHeadsetPage(browser: Browser, url: string, errors: string[]): Promise<HeadsetPage> {
  const origin = new URL(url).origin;
  const iwer = await readFile(join(repoRoot, 'node_modules', 'iwer', 'build', 'iwer.min.js'), 'utf8');
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const offOrigin: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith('data:') || target.startsWith('blob:') || new URL(target).origin === origin) return route.continue();
    offOrigin.push(target);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript({
    content: `${iwer}
;(() => {
  const device = new IWER.XRDevice(IWER.metaQuest3);
  device.stereoEnabled = true;
  device.installRuntime({ forceInstall: true });
  window.__iwer = device;
})();`,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
  return { context, page, offOrigin };
}

/** Clicks the page's Enter VR button and waits for the session and both controllers. */
export async function enterVr(page: Page): Promise<void> {
  await page.locator('[data-testid=enter-vr]').click();
  await page.waitForFunction(
    () => {
      const xr = window.__mirageXr;
      return xr !== undefined && xr.presenting() && ['left', 'right'].every((h) => xr.controllers().includes(h));
    },
    undefined,
    { timeout: 30_000 },
  );
}

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

/**
 * Installs IWER's Quest 3 (stereo, both controllers) in every page of `context` before the app runs,
 * over Chromium's own navigator.xr; the device is `window.__iwer` for tests to pose.
 */
export async function installEmulatedHeadset(context: BrowserContext): Promise<void> {
  const iwer = await readFile(join(repoRoot, 'node_modules', 'iwer', 'build', 'iwer.min.js'), 'utf8');
  await context.addInitScript({
    content: `${iwer}
;(() => {
  const device = new IWER.XRDevice(IWER.metaQuest3);
  device.stereoEnabled = true;
  device.installRuntime({ forceInstall: true });
  window.__iwer = device;
})();`,
  });
}

export async function openHeadsetPage(browser: Browser, url: string, errors: string[]): Promise<HeadsetPage> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const offOrigin: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if (target.startsWith('data:') || target.startsWith('blob:') || new URL(target).origin === origin) return route.continue();
    offOrigin.push(target);
    return route.abort('blockedbyclient');
  });
  await installEmulatedHeadset(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    // three warns (not errors) when a second copy loads: two copies stop XR frames.
    else if (m.text().includes('Multiple instances of Three.js')) errors.push(`console: ${m.text()}`);
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

/** The quaternion (x, y, z, w) that turns −z (where a controller's ray points) onto unit `d`. */
export function aimQuaternion(d: readonly [number, number, number]): [number, number, number, number] {
  const len = Math.hypot(d[0], d[1], d[2]);
  const [bx, by, bz] = [d[0] / len, d[1] / len, d[2] / len];
  // Half-way quaternion between a = (0, 0, −1) and b: (a × b, 1 + a·b), normalised.
  const q: [number, number, number, number] = [by, -bx, 0, 1 - bz];
  const n = Math.hypot(...q);
  return q.map((v) => v / n) as [number, number, number, number];
}

/**
 * Turns the emulated right controller until the app's ray (its world origin and direction, as
 * the frame loop last read them) points at `target`, world metres. The ray's origin moves a little
 * with the controller's turn, so it aims again until it settles.
 */
export async function aimRightController(page: Page, target: readonly [number, number, number]): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const { origin } = await page.evaluate(() => window.__mirageXr!.ray());
    const q = aimQuaternion([target[0] - origin[0], target[1] - origin[1], target[2] - origin[2]]);
    await page.evaluate((q) => {
      (window as unknown as { __iwer: { controllers: { right: { quaternion: { set(x: number, y: number, z: number, w: number): void } } } } }).__iwer.controllers.right.quaternion.set(q[0], q[1], q[2], q[3]);
    }, q);
    // Two XR frames: one applies the pose, the next reads it.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
}

/** Presses (value 1) or releases (0) a button of an emulated controller ('trigger', 'squeeze', ...). */
export async function setButton(page: Page, hand: 'left' | 'right', button: string, value: number): Promise<void> {
  await page.evaluate(
    ([hand, button, value]) => {
      (window as unknown as { __iwer: { controllers: Record<string, { updateButtonValue(id: string, v: number): void }> } }).__iwer.controllers[hand].updateButtonValue(button, value);
    },
    [hand, button, value] as const,
  );
}

/** Sets an emulated controller's thumbstick (x right, y back: forward is −1, as xr-standard has it). */
export async function setThumbstick(page: Page, hand: 'left' | 'right', x: number, y: number): Promise<void> {
  await page.evaluate(
    ([hand, x, y]) => {
      (window as unknown as { __iwer: { controllers: Record<string, { updateAxes(id: string, x: number, y: number): void }> } }).__iwer.controllers[hand].updateAxes('thumbstick', x, y);
    },
    [hand, x, y] as const,
  );
}

/** Waits two XR frames of the page. */
export const nextFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** A world point in the rig's floor space (where the emulated device places its controllers): undoes the rig's yaw and offset. */
export function worldToRig(rig: { x: number; y: number; z: number; yaw: number }, p: readonly [number, number, number]): [number, number, number] {
  const c = Math.cos(rig.yaw);
  const s = Math.sin(rig.yaw);
  const dx = p[0] - rig.x;
  const dz = p[2] - rig.z;
  return [dx * c - dz * s, p[1] - rig.y, dx * s + dz * c];
}

/** Moves an emulated controller to `p`, in the rig's floor space (metres). */
export async function moveController(page: Page, hand: 'left' | 'right', p: readonly [number, number, number]): Promise<void> {
  await page.evaluate(
    ([hand, x, y, z]) => {
      (window as unknown as { __iwer: { controllers: Record<string, { position: { set(x: number, y: number, z: number): void } }> } }).__iwer.controllers[hand].position.set(x, y, z);
    },
    [hand, p[0], p[1], p[2]] as const,
  );
}

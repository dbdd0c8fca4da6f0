import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { repoRoot, type BrowserOptions } from './browser.ts';

/**
 * The browser for headset tests: without WebGL multisampling. Software GL (SwiftShader) spends
 * about a third of each stereo frame on 4× MSAA, and the tests wait on hundreds of frames; they
 * check where things are and what they do, not how smooth an edge is. Desktop pages keep MSAA.
 */
export const HEADSET_BROWSER: BrowserOptions = { msaa: false };

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

/** What the emulated headset tracks: its two controllers, or the user's two hands (IWER's primary input mode). */
export type InputKind = 'controllers' | 'hands';

/** Switches the emulated headset to tracked hands or back to controllers (the session's input sources change). */
export async function switchInputs(page: Page, kind: InputKind): Promise<void> {
  await page.evaluate((mode) => {
    (window as unknown as { __iwer: { primaryInputMode: string } }).__iwer.primaryInputMode = mode;
  }, kind === 'hands' ? 'hand' : 'controller');
}

/** Clicks the page's Enter VR button and waits for the session and both controllers (or both tracked hands). */
export async function enterVr(page: Page, inputs: InputKind = 'controllers'): Promise<void> {
  await page.locator('[data-testid=enter-vr]').click();
  await page.waitForFunction(
    (inputs) => {
      const xr = window.__mirageXr;
      if (xr === undefined || !xr.presenting()) return false;
      const tracked = inputs === 'hands' ? xr.hands() : xr.controllers();
      return ['left', 'right'].every((h) => tracked.includes(h));
    },
    inputs,
    { timeout: 30_000 },
  );
}

/**
 * The shown point nearest the user (the largest world z: the user stands on +z of the cloud, so
 * nothing of the cloud lies between it and a hand held out), leaving out points of `skipCluster`
 * (a cluster hidden by an earlier test); with its world position, row and cluster.
 */
export async function nearestPoint(page: Page, skipCluster: number | null = null): Promise<{ point: number; world: [number, number, number]; row: number; cluster: number }> {
  return page.evaluate((skip) => {
    let best = -1;
    let bestZ = -Infinity;
    for (let i = 0; i < window.__mirage!.count; i++) {
      if (skip !== null && window.__mirage!.clusterOf(i) === skip) continue;
      const p = window.__mirageXr!.pointWorld(i)!;
      if (p[2] > bestZ) [best, bestZ] = [i, p[2]];
    }
    return { point: best, world: window.__mirageXr!.pointWorld(best)!, row: window.__mirage!.rowOf(best), cluster: window.__mirage!.clusterOf(best) };
  }, skipCluster);
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
 * Turns an emulated controller or hand until its ray points at `target`, world metres. The right
 * ray is the app's own, as its frame loop last read it: turned until that ray's direction points
 * from its origin at the target (the origin moves a little with the turn, and a frame drawn late
 * still shows the old pose, so it looks again rather than trusting a number of frames). The
 * left's origin is the emulated input's position (a hand's target ray starts there): one turn.
 * Aimed in the rig's floor space, where the device places its inputs.
 */
export async function aimInput(page: Page, kind: InputKind, side: 'left' | 'right', target: readonly [number, number, number]): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const at = await page.evaluate(
      ([kind, side]) => {
        const xr = window.__mirageXr!;
        const input = (window as unknown as { __iwer: Record<string, Record<string, { position: { x: number; y: number; z: number } }>> }).__iwer[kind][side];
        return { rig: xr.rig(), ray: side === 'right' ? xr.ray() : null, local: [input.position.x, input.position.y, input.position.z] as [number, number, number] };
      },
      [kind, side] as const,
    );
    if (at.ray && pointsAt(at.ray, target)) return;
    const origin = at.ray ? worldToRig(at.rig, at.ray.origin) : at.local;
    const to = worldToRig(at.rig, target);
    const q = aimQuaternion([to[0] - origin[0], to[1] - origin[1], to[2] - origin[2]]);
    await page.evaluate(
      async ([kind, side, q]) => {
        (window as unknown as { __iwer: Record<string, Record<string, { quaternion: { set(x: number, y: number, z: number, w: number): void } }>> }).__iwer[kind][side].quaternion.set(q[0], q[1], q[2], q[3]);
        // Two XR frames: one applies the pose, the next reads it.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      },
      [kind, side, q] as const,
    );
    if (!at.ray) return;
  }
  const ray = await page.evaluate(() => window.__mirageXr!.ray());
  if (!pointsAt(ray, target)) throw new Error(`the right ray never settled on [${target.join(', ')}]`);
}

/** Whether a ray's direction points at `target` from its origin, within 0.01° (a 0.2 mm miss at a metre). */
function pointsAt(ray: { origin: [number, number, number]; direction: [number, number, number] }, target: readonly [number, number, number]): boolean {
  const to = [target[0] - ray.origin[0], target[1] - ray.origin[1], target[2] - ray.origin[2]];
  const cos = (to[0] * ray.direction[0] + to[1] * ray.direction[1] + to[2] * ray.direction[2]) / (Math.hypot(...to) * Math.hypot(...ray.direction));
  return cos > Math.cos((0.01 * Math.PI) / 180);
}

/** Turns the emulated right controller until the app's ray points at `target` (world metres). */
export const aimRightController = (page: Page, target: readonly [number, number, number]) => aimInput(page, 'controllers', 'right', target);

/** Pinches (1) or opens (0) an emulated tracked hand: a full pinch is the hand's select. */
export async function setPinch(page: Page, side: 'left' | 'right', value: number): Promise<void> {
  await page.evaluate(
    ([side, value]) => {
      (window as unknown as { __iwer: { hands: Record<string, { updatePinchValue(v: number): void }> } }).__iwer.hands[side].updatePinchValue(value);
    },
    [side, value] as const,
  );
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

/** Moves an emulated controller (or tracked hand) to `p`, in the rig's floor space (metres). */
export async function moveController(page: Page, side: 'left' | 'right', p: readonly [number, number, number], kind: InputKind = 'controllers'): Promise<void> {
  await page.evaluate(
    ([kind, side, x, y, z]) => {
      (window as unknown as { __iwer: Record<string, Record<string, { position: { set(x: number, y: number, z: number): void } }>> }).__iwer[kind][side].position.set(x, y, z);
    },
    [kind, side, p[0], p[1], p[2]] as const,
  );
}

/**
 * Waits until the panel element `key` stays put (the panel relays out after an edit: a filter row
 * appears, a bound's text widens) for four frames in a row, then returns its world centre. Watched
 * inside the page, frame by frame: a round trip per look costs a software-rendered frame or more.
 */
export async function settledPanelButton(page: Page, key: string): Promise<[number, number, number]> {
  return page.evaluate(async (k) => {
    const deadline = performance.now() + 30_000;
    let at: [number, number, number] | null = null;
    for (let still = 0; still < 4; ) {
      if (performance.now() > deadline) throw new Error(at === null ? `the panel never showed ${k}` : `the panel button ${k} kept moving`);
      await new Promise((r) => requestAnimationFrame(r));
      const now = window.__mirageXr!.panelButtonWorld(k);
      still = now !== null && at !== null && Math.hypot(now[0] - at[0], now[1] - at[1], now[2] - at[2]) < 1e-5 ? still + 1 : 0;
      at = now;
    }
    return at!;
  }, key);
}

/** Aims the right ray at one of the panel's buttons, waits until the panel has it, then clicks with the trigger. */
export async function clickPanel(page: Page, key: string): Promise<void> {
  const at = await settledPanelButton(page, key);
  await aimRightController(page, at);
  // Our ray stops at the panel (hovered), and the pointer library's ray is on it (what presses it).
  await page.waitForFunction(() => window.__mirageXr!.panel().hovered && window.__mirageXr!.panel().pointers.right > 0, undefined, { timeout: 10_000 });
  const { clicks, presses } = await page.evaluate(() => window.__mirageXr!.panel());
  // Press, wait for the frame that reads it, let go, all inside the page. However late the
  // release's frame comes, it is a click (the store's panel rays have no short click limit).
  await page.evaluate(async () => {
    const right = (window as unknown as { __iwer: { controllers: Record<string, { updateButtonValue(id: string, v: number): void }> } }).__iwer.controllers.right;
    const start = window.__mirageXr!.panel().presses;
    right.updateButtonValue('trigger', 1);
    for (let n = 0; n < 60 && window.__mirageXr!.panel().presses === start; n++) await new Promise((r) => requestAnimationFrame(r));
    right.updateButtonValue('trigger', 0);
  });
  if ((await page.evaluate(() => window.__mirageXr!.panel())).presses <= presses) throw new Error(`the panel button ${key} was aimed at but the trigger pressed nothing`);
  await page.waitForFunction((n) => window.__mirageXr!.panel().clicks > n, clicks, { timeout: 10_000 });
}

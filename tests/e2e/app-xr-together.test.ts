import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPixels } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { aimRightController, enterVr, moveController, type HeadsetPage, openHeadsetPage, HEADSET_BROWSER } from '../support/xr-page.ts';

/**
 * Together across shells: a headset page (IWER as a Quest 3, see xr-page.ts) and a desktop page
 * in one session. The desktop draws the headset user's head, hands and ray where the headset
 * says; a headset user following a desktop presenter glides to the presenter's place.
 */
let fixture: SessionFixture;
const errors: string[] = [];
const desktopErrors: string[] = [];
let headset: HeadsetPage;
let desktop: Page;

type V3 = [number, number, number];
const dist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'xr-together', title: 'Together', browser: HEADSET_BROWSER });
  headset = await openHeadsetPage(fixture.browser, `${fixture.server.url}/s/${fixture.session.id}?token=${fixture.session.editToken}`, errors);
  desktop = await openSessionPage(fixture.browser, fixture.server.url, fixture.session, fixture.session.editToken, desktopErrors);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

describe('together in VR and on desktop', () => {
  it('a desktop page draws the VR user’s avatar (head, hands, ray) where the headset’s pose says', async () => {
    const { page } = headset;
    await enterVr(page);
    // Hold the right controller out to the side and point it at the cloud's first point.
    await moveController(page, 'right', [0.25, 1.3, -0.35]);
    const target = (await page.evaluate(() => window.__mirageXr!.pointWorld(0)))!;
    await aimRightController(page, target);
    await page.waitForTimeout(300);

    // Where the emulated headset is (its own pose in the floor space, put in the room through the
    // rig) and the right ray, in the cloud's units: what presence should carry.
    const truth = await page.evaluate(() => {
      const xr = window.__mirageXr!;
      const device = (window as unknown as { __iwer: { position: { x: number; y: number; z: number } } }).__iwer.position;
      const rig = xr.rig();
      const [c, s] = [Math.cos(rig.yaw), Math.sin(rig.yaw)];
      const headWorld: [number, number, number] = [rig.x + device.x * c + device.z * s, rig.y + device.y, rig.z - device.x * s + device.z * c];
      const ray = xr.ray();
      const scale = Math.hypot(...xr.toCloud([1, 0, 0]).map((v, k) => v - xr.toCloud([0, 0, 0])[k]));
      return { head: xr.toCloud(headWorld), rayOrigin: xr.toCloud(ray.origin), rayAt: xr.toCloud(ray.origin.map((v, k) => v + ray.direction[k] * 0.2) as V3), unitsPerMetre: scale };
    });
    // Within 1 cm of the headset (the send threshold is 5 mm), once the interpolation settles.
    const tolerance = 0.01 * truth.unitsPerMetre;
    await desktop.waitForFunction(
      ({ truth, tolerance }) => {
        const a = window.__mirage!.avatars().find((x) => x.rays.length > 0);
        if (!a) return false;
        const d = (p: number[], q: number[]) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
        return d(a.position, truth.head) < tolerance && d(a.rays[0].origin, truth.rayOrigin) < tolerance;
      },
      { truth, tolerance },
      { timeout: 20_000 },
    );
    const avatars = await desktop.evaluate(() => window.__mirage!.avatars());
    expect(avatars).toHaveLength(1);
    const vr = avatars[0];
    expect(vr.hands).toHaveLength(2);
    // The ray points where the headset's does: its direction, normalised, matches.
    const ray = vr.rays[0];
    const len = Math.hypot(...ray.direction);
    const want: V3 = [truth.rayAt[0] - truth.rayOrigin[0], truth.rayAt[1] - truth.rayOrigin[1], truth.rayAt[2] - truth.rayOrigin[2]];
    const wantLen = Math.hypot(...want);
    expect(dist(ray.direction.map((v) => v / len), want.map((v) => v / wantLen))).toBeLessThan(0.02);
    // The people list names them as a headset participant, with the name the tag shows.
    const toggle = desktop.locator('[data-panel=people] .panel-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await desktop.locator('[data-testid=people]', { hasText: vr.name }).waitFor({ timeout: 10_000 });
    await desktop.locator('[data-testid=people]', { hasText: 'headset' }).waitFor({ timeout: 10_000 });
    // The headset user stands in front of the cloud, out of the home view: zoom out to see them.
    const rect = (await desktop.evaluate(() => window.__mirage!.canvasRect()))!;
    await desktop.mouse.move(rect.left + rect.width / 2, rect.top + rect.height / 2);
    await desktop.mouse.wheel(0, 600);
    await desktop.waitForTimeout(700);
    // ...and pan the cloud aside (right-drag) so they stand in the middle.
    await desktop.mouse.down({ button: 'right' });
    await desktop.mouse.move(rect.left + rect.width * 0.8, rect.top + rect.height / 2, { steps: 8 });
    await desktop.mouse.up({ button: 'right' });
    await desktop.waitForTimeout(800);
    await screenshotPixels(desktop, 'xr-together-desktop-sees-vr-avatar');
    expect(desktopErrors).toEqual([]);
    expect(errors).toEqual([]);
  }, 150_000);

  it('a VR user following a desktop presenter glides to the presenter’s place; their head is never turned', async () => {
    const { page } = headset;
    const yawBefore = await page.evaluate(() => window.__mirageXr!.rig().yaw);
    await desktop.click('[data-panel=people] button:has-text("present")');
    const presenter = await desktop.evaluate(() => window.__mirage!.camera());
    const start = await page.evaluate(() => window.__mirageXr!.toCloud(window.__mirageXr!.head()));
    expect(dist(start, presenter.position)).toBeGreaterThan(0.1);
    // Within 2 cm (in the room) of the presenter's camera, in the cloud's units.
    const tolerance = await page.evaluate(() => 0.02 * Math.hypot(...window.__mirageXr!.toCloud([1, 0, 0]).map((v, k) => v - window.__mirageXr!.toCloud([0, 0, 0])[k])));
    await page.waitForFunction(
      ({ p, tolerance }) => {
        const xr = window.__mirageXr!;
        const h = xr.toCloud(xr.head());
        return Math.hypot(h[0] - p[0], h[1] - p[1], h[2] - p[2]) < tolerance;
      },
      { p: presenter.position, tolerance },
      { timeout: 20_000 },
    );
    expect(await page.evaluate(() => window.__mirageXr!.rig().yaw)).toBeCloseTo(yawBefore, 9);
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);

  it('desktop followers of a VR presenter see its view: the desktop camera goes to the head and looks along its gaze, pitch included', async () => {
    const { page } = headset;
    await desktop.click('[data-panel=people] button:has-text("stop presenting")');
    // The headset looks 20° down; the page under the XR canvas still has its people panel.
    const pitch = (-20 * Math.PI) / 180;
    await page.evaluate((half) => {
      (window as unknown as { __iwer: { quaternion: { set(x: number, y: number, z: number, w: number): void } } }).__iwer.quaternion.set(Math.sin(half), 0, 0, Math.cos(half));
    }, pitch / 2);
    await page.locator('[data-panel=people] button:has-text("present")').dispatchEvent('click');
    await desktop.locator('[data-testid=people]', { hasText: 'presenting' }).waitFor({ timeout: 20_000 });
    const want = await page.evaluate((pitch) => {
      const xr = window.__mirageXr!;
      const rig = xr.rig();
      const device = (window as unknown as { __iwer: { position: { x: number; y: number; z: number } } }).__iwer.position;
      const [c, s] = [Math.cos(rig.yaw), Math.sin(rig.yaw)];
      const head: [number, number, number] = [rig.x + device.x * c + device.z * s, rig.y + device.y, rig.z - device.x * s + device.z * c];
      // Forward in the floor space is (0, sin pitch, −cos pitch); turned by the rig's yaw.
      const f: [number, number, number] = [-Math.cos(pitch) * s, Math.sin(pitch), -Math.cos(pitch) * c];
      const a = xr.toCloud(head);
      const b = xr.toCloud([head[0] + f[0], head[1] + f[1], head[2] + f[2]]);
      const unitsPerMetre = Math.hypot(...xr.toCloud([1, 0, 0]).map((v, k) => v - xr.toCloud([0, 0, 0])[k]));
      return { position: a, direction: b.map((v, k) => v - a[k]), unitsPerMetre };
    }, pitch);
    await desktop.waitForFunction(
      (want) => {
        const cam = window.__mirage!.camera();
        const d = cam.target.map((v, k) => v - cam.position[k]);
        const n = Math.hypot(...d);
        const m = Math.hypot(...want.direction);
        const off = Math.hypot(...d.map((v, k) => v / n - want.direction[k] / m));
        return Math.hypot(...cam.position.map((v, k) => v - want.position[k])) < 0.02 * want.unitsPerMetre && off < 0.02;
      },
      want,
      { timeout: 20_000 },
    );
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);

  it('the shared document shows in VR as on desktop, live: a colour encoding changed on desktop recolours the headset’s cloud', async () => {
    const { page } = headset;
    const sample = [0, 1, 2, 50, 100, 200];
    const before = await page.evaluate((ps) => ps.map((p) => window.__mirageXr!.colourOf(p)), sample);
    await desktop.selectOption('#enc-color', 'anomaly');
    await desktop.waitForFunction(({ ps, before }) => ps.some((p, k) => window.__mirage!.colourOf(p) !== before[k]), { ps: sample, before }, { timeout: 20_000 });
    const desktopColours = await desktop.evaluate((ps) => ps.map((p) => window.__mirage!.colourOf(p)), sample);
    await page.waitForFunction(({ ps, want }) => ps.every((p, k) => window.__mirageXr!.colourOf(p) === want[k]), { ps: sample, want: desktopColours }, { timeout: 20_000 });
    const after = await page.evaluate((ps) => ps.map((p) => window.__mirageXr!.colourOf(p)), sample);
    expect(after).not.toEqual(before);
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);
});

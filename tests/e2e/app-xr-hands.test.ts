import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPixels } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { aimInput, enterVr, settledPanelButton, moveController, nearestPoint, nextFrames, openHeadsetPage, setPinch, switchInputs, worldToRig, type HeadsetPage, HEADSET_BROWSER } from '../support/xr-page.ts';

/**
 * Tracked hands under WebXR emulation (IWER as a Quest 3 in its hand input mode): the right
 * hand's pinch ray hovers and a pinch selects, as the right controller's ray and trigger do; the
 * left wrist's menu button shows and hides the panel; the left hand's pinch ray presses the
 * panel; both hands pinching grab the cloud. A desktop page of the same session follows.
 */
let fixture: SessionFixture;
const errors: string[] = [];
const desktopErrors: string[] = [];
let headset: HeadsetPage;
let desktop: Page;

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'xr-hands', title: 'Hands in VR', browser: HEADSET_BROWSER });
  headset = await openHeadsetPage(fixture.browser, `${fixture.server.url}/s/${fixture.session.id}?token=${fixture.session.editToken}`, errors);
  desktop = await openSessionPage(fixture.browser, fixture.server.url, fixture.session, fixture.session.editToken, desktopErrors);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

/**
 * Aims one hand's pinch ray at a panel element and pinches: the pinch and its release inside the
 * page, the release on the frame after the press is seen (a slow frame is still a click: the
 * store's panel rays have no short click limit). Resolves with whether the element counted a click.
 */
async function pinchOn(page: Page, side: 'left' | 'right', key: string): Promise<boolean> {
  const at = await settledPanelButton(page, key);
  await aimInput(page, 'hands', side, at);
  // The right ray stops there (ours, hovered); on the panel, the pointer library's ray of that hand is on it too (what presses it).
  if (side === 'right') await page.waitForFunction(() => window.__mirageXr!.panel().hovered, undefined, { timeout: 10_000 });
  if (key !== 'wrist-menu') await page.waitForFunction((side) => window.__mirageXr!.panel().pointers[side] > 0, side, { timeout: 10_000 });
  const { clicks } = await page.evaluate(() => window.__mirageXr!.panel());
  await page.evaluate(async (side) => {
    const hand = (window as unknown as { __iwer: { hands: Record<string, { updatePinchValue(v: number): void }> } }).__iwer.hands[side];
    const start = window.__mirageXr!.panel().presses;
    hand.updatePinchValue(1);
    for (let n = 0; n < 60 && window.__mirageXr!.panel().presses === start; n++) await new Promise((r) => requestAnimationFrame(r));
    hand.updatePinchValue(0);
  }, side);
  return page
    .waitForFunction((n) => window.__mirageXr!.panel().clicks > n, clicks, { timeout: 10_000 })
    .then(() => true, () => false);
}

describe('tracked hands', () => {
  it('the right hand’s pinch ray hovers a known row’s point and its card shows the row; a pinch selects it for a desktop page too; both hands are shared', async () => {
    const { page } = headset;
    await switchInputs(page, 'hands');
    await enterVr(page, 'hands');
    expect(await page.evaluate(() => window.__mirageXr!.controllers())).toEqual([]);
    await page.waitForFunction(() => window.__mirageXr!.pickReady(), undefined, { timeout: 30_000 });
    const target = await nearestPoint(page);
    await aimInput(page, 'hands', 'right', target.world);
    await page.waitForFunction((p) => window.__mirageXr!.hovered() === p, target.point, { timeout: 10_000 });
    await page.waitForFunction((p) => window.__mirageXr!.card().point === p && window.__mirageXr!.card().lines.length > 1, target.point, { timeout: 10_000 });
    expect((await page.evaluate(() => window.__mirageXr!.card())).lines[0]).toContain(`row ${target.row + 1}`);
    await screenshotPixels(page, 'xr-hands-hover');

    expect(await desktop.evaluate(() => window.__mirage!.selectedRows())).not.toContain(target.row);
    await setPinch(page, 'right', 1);
    await page.waitForFunction(() => window.__mirageXr!.pinch().right, undefined, { timeout: 10_000 });
    // A pinch picks when it ends (it might yet become a two-hand grab): pending until then.
    expect((await page.evaluate(() => window.__mirageXr!.pinch())).pending).toBe(target.point);
    await setPinch(page, 'right', 0);
    await desktop.waitForFunction((row) => window.__mirage!.selectedRows().includes(row), target.row, { timeout: 15_000 });
    expect(await desktop.evaluate(() => window.__mirage!.selectedRows())).toEqual([target.row]);
    expect((await page.evaluate(() => window.__mirageXr!.pinch())).picks).toBe(1);

    // Presence: the hands are shared as controllers are (head, two hands, the right ray).
    await desktop.waitForFunction(() => window.__mirage!.avatars().some((a) => a.hands.length === 2 && a.rays.length === 1), undefined, { timeout: 20_000 });
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
    expect(headset.offOrigin).toEqual([]);
  }, 120_000);

  it('the menu button on the left wrist, pressed with the right pinch ray, hides and shows the panel; no point is picked through it', async () => {
    const { page } = headset;
    const selected = await desktop.evaluate(() => window.__mirage!.selectedRows().length);
    // The left hand held up in front, palm down, its back (and the button) towards the eyes.
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const rig = await page.evaluate(() => window.__mirageXr!.rig());
    await moveController(page, 'left', worldToRig(rig, [head[0] - 0.05, head[1] - 0.3, head[2] - 0.35]), 'hands');
    await nextFrames(page);
    expect((await page.evaluate(() => window.__mirageXr!.panel())).open).toBe(true);
    expect(await pinchOn(page, 'right', 'wrist-menu')).toBe(true);
    await page.waitForFunction(() => !window.__mirageXr!.panel().open, undefined, { timeout: 5_000 });
    await screenshotPixels(page, 'xr-hands-wrist-menu');
    expect(await pinchOn(page, 'right', 'wrist-menu')).toBe(true);
    await page.waitForFunction(() => window.__mirageXr!.panel().open, undefined, { timeout: 5_000 });
    expect((await page.evaluate(() => window.__mirageXr!.pinch())).picks).toBe(1);
    expect(await desktop.evaluate(() => window.__mirage!.selectedRows().length)).toBe(selected);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the left hand’s pinch ray presses the panel: the turn step from it', async () => {
    const { page } = headset;
    // The left hand back down at the side, out of the way of its own ray.
    const rig = await page.evaluate(() => window.__mirageXr!.rig());
    const head = await page.evaluate(() => window.__mirageXr!.head());
    await moveController(page, 'left', worldToRig(rig, [head[0] - 0.2, head[1] - 0.5, head[2] - 0.2]), 'hands');
    await nextFrames(page);
    expect((await page.evaluate(() => window.__mirageXr!.locomotion())).snapStepDeg).toBe(30);
    expect(await pinchOn(page, 'left', 'snap:45')).toBe(true);
    expect((await page.evaluate(() => window.__mirageXr!.locomotion())).snapStepDeg).toBe(45);
    // A comfort setting: kept by this headset's browser for next time.
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('data-mirage.xr-comfort'))) ?? '{}')).toMatchObject({ snapStepDeg: 45 });
    expect(await pinchOn(page, 'left', 'snap:30')).toBe(true);
    expect((await page.evaluate(() => window.__mirageXr!.locomotion())).snapStepDeg).toBe(30);
    expect(errors).toEqual([]);
  }, 120_000);

  it('both hands pinching grab the cloud: hands apart scale it by their distance ratio; the right pinch that began on a point selects nothing', async () => {
    const { page } = headset;
    const before = await page.evaluate(() => ({ rig: window.__mirageXr!.rig(), grab: window.__mirageXr!.grab() }));
    const selected = await desktop.evaluate(() => window.__mirage!.selectedRows());
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const at = (dx: number): [number, number, number] => worldToRig(before.rig, [head[0] + dx, head[1] - 0.4, head[2] - 0.4]);
    await moveController(page, 'left', at(-0.15), 'hands');
    await moveController(page, 'right', at(0.15), 'hands');
    await nextFrames(page);
    // The right hand points at a point first: its pinch would pick it, until the left joins in.
    const target = await nearestPoint(page);
    await aimInput(page, 'hands', 'right', target.world);
    await page.waitForFunction((p) => window.__mirageXr!.hovered() === p, target.point, { timeout: 10_000 });
    await setPinch(page, 'right', 1);
    await page.waitForFunction(() => window.__mirageXr!.pinch().pending >= 0, undefined, { timeout: 10_000 });
    await setPinch(page, 'left', 1);
    await page.waitForFunction(() => window.__mirageXr!.grab().active, undefined, { timeout: 10_000 });
    expect(await page.evaluate(() => window.__mirageXr!.grab().by)).toBe('hands');
    expect((await page.evaluate(() => window.__mirageXr!.pinch())).pending).toBe(-1);
    await moveController(page, 'left', at(-0.3), 'hands');
    await moveController(page, 'right', at(0.3), 'hands');
    for (let i = 0; i < 3; i++) await nextFrames(page);
    const g = await page.evaluate(() => window.__mirageXr!.grab());
    const span = (h: [number, number, number][]) => Math.hypot(h[1][0] - h[0][0], h[1][1] - h[0][1], h[1][2] - h[0][2]);
    expect(span(g.hands) / span(g.startHands)).toBeGreaterThan(1.5);
    expect(g.scale / before.grab.scale).toBeCloseTo(span(g.hands) / span(g.startHands), 3);
    await setPinch(page, 'right', 0);
    await setPinch(page, 'left', 0);
    await page.waitForFunction(() => !window.__mirageXr!.grab().active, undefined, { timeout: 10_000 });
    for (let i = 0; i < 2; i++) await nextFrames(page);
    expect(await desktop.evaluate(() => window.__mirage!.selectedRows())).toEqual(selected);
    expect((await page.evaluate(() => window.__mirageXr!.pinch())).picks).toBe(1);
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);
});

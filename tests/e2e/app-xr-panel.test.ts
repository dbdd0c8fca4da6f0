import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPixels } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { aimRightController, clickPanel, enterVr, moveController, nearestPoint, nextFrames, openHeadsetPage, setButton, setThumbstick, settledPanelButton, worldToRig, type HeadsetPage, HEADSET_BROWSER } from '../support/xr-page.ts';
import type { Page } from 'playwright-core';
import { visualAngleDeg } from '../../client/xr/card-layout.ts';

/**
 * The in-VR panel under WebXR emulation (IWER as a Quest 3): its buttons, clicked with the right
 * controller's ray and trigger, are shared edits a desktop page of the same session follows.
 */
let fixture: SessionFixture;
const errors: string[] = [];
const desktopErrors: string[] = [];
let headset: HeadsetPage;
let desktop: Page;

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'xr-panel', title: 'Panel in VR', browser: HEADSET_BROWSER });
  headset = await openHeadsetPage(fixture.browser, `${fixture.server.url}/s/${fixture.session.id}?token=${fixture.session.editToken}`, errors);
  desktop = await openSessionPage(fixture.browser, fixture.server.url, fixture.session, fixture.session.editToken, desktopErrors);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

/** The left controller's X: shows or hides the panel (the floating one is placed anew by the head when shown). */
async function togglePanel(page: Page, open: boolean): Promise<void> {
  if ((await page.evaluate(() => window.__mirageXr!.panel().open)) === open) return;
  await setButton(page, 'left', 'x-button', 1);
  await page.waitForFunction((o) => window.__mirageXr!.panel().open === o, open, { timeout: 10_000 });
  await setButton(page, 'left', 'x-button', 0);
  await nextFrames(page);
}

describe('the VR panel', () => {
  it('opens floating beside the user with colour-by and the cluster legend, text from the bundled font (nothing off-origin)', async () => {
    const { page } = headset;
    await enterVr(page);
    await page.waitForFunction(() => window.__mirageXr!.panelButtonWorld('colour:anomaly') !== null, undefined, { timeout: 30_000 });
    const panel = await page.evaluate(() => window.__mirageXr!.panel());
    expect(panel.open).toBe(true);
    expect(panel.placement).toBe('float');
    expect(panel.buttons).toEqual(expect.arrayContaining(['placement', 'colour:cluster', 'colour:anomaly', 'cluster:0', 'follow', 'snap:30', 'snap:45', 'smooth:0', 'smooth:1', 'smooth:2']));
    // Within arm's reach, left of straight ahead.
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const button = (await page.evaluate(() => window.__mirageXr!.panelButtonWorld('colour:cluster')))!;
    expect(Math.hypot(button[0] - head[0], button[1] - head[1], button[2] - head[2])).toBeLessThan(1);
    expect(button[0]).toBeLessThan(head[0]);
    // Legible: the body text spans at least 1° seen from the eyes.
    const d = Math.hypot(button[0] - head[0], button[1] - head[1], button[2] - head[2]);
    expect(visualAngleDeg(panel.textHeight, d)).toBeGreaterThanOrEqual(1);
    // Placed by the head: a little below the eyes, not at chest height.
    expect(button[1]).toBeLessThan(head[1]);
    expect(button[1]).toBeGreaterThan(head[1] - 0.35);
    await page.waitForTimeout(500);
    await screenshotPixels(page, 'xr-panel');
    expect(headset.offOrigin).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);

  it('cluster names float at their anchors, the desktop’s names, each facing the head, none overlapping another or the panel in view', async () => {
    const { page } = headset;
    const desktopNames = await desktop.evaluate(() => window.__mirage!.clusterLabels().map((l) => l.text));
    expect(desktopNames.length).toBeGreaterThan(1);
    // The panel first closed: here one of the two names sits behind it (checked below).
    await togglePanel(page, false);
    await page.waitForFunction(() => window.__mirageXr!.clusterNames().filter((n) => n.shown).length > 1, undefined, { timeout: 30_000 });
    await nextFrames(page);
    const names = await page.evaluate(() => window.__mirageXr!.clusterNames());
    const head = await page.evaluate(() => window.__mirageXr!.head());
    expect(names.map((n) => n.text).sort()).toEqual([...desktopNames].sort());
    const shown = names.filter((n) => n.shown);
    for (const n of shown) {
      const to = [head[0] - n.centre[0], head[1] - n.centre[1], head[2] - n.centre[2]];
      const d = Math.hypot(to[0], to[1], to[2]);
      const cos = (to[0] * n.normal[0] + to[1] * n.normal[1] + to[2] * n.normal[2]) / d;
      expect((Math.acos(Math.min(1, cos)) * 180) / Math.PI).toBeLessThan(3);
      // Legible: the text (40 of the plate's 76 px) spans at least 1° seen from the head.
      expect((2 * Math.atan((n.height * (40 / 76)) / 2 / d) * 180) / Math.PI).toBeGreaterThanOrEqual(1);
    }
    for (let i = 0; i < shown.length; i++)
      for (let j = i + 1; j < shown.length; j++) {
        const [a, b] = [shown[i].view, shown[j].view];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${shown[i].text} over ${shown[j].text}`).toBe(false);
      }
    // Names draw on top of everything: one behind the open panel would cover its buttons. With the
    // panel open again, the names behind it give way, and none that shows overlaps it.
    await togglePanel(page, true);
    await page.waitForFunction((before) => window.__mirageXr!.clusterNames().filter((n) => n.shown).length < before, shown.length, { timeout: 10_000 });
    const surfaces = await page.evaluate(() => window.__mirageXr!.surfacesView());
    expect(surfaces.length).toBeGreaterThan(0);
    const withPanel = (await page.evaluate(() => window.__mirageXr!.clusterNames())).filter((n) => n.shown);
    for (const n of withPanel)
      for (const p of surfaces) {
        const overlap = n.view.x0 < p.x1 && p.x0 < n.view.x1 && n.view.y0 < p.y1 && p.y0 < n.view.y1;
        expect(overlap, `${n.text} over the panel`).toBe(false);
      }
    await screenshotPixels(page, 'xr-cluster-names');
    expect(errors).toEqual([]);
  }, 120_000);

  it('the turn step is a comfort setting on the panel: 45° from it, and the snap turn uses it', async () => {
    expect((await headset.page.evaluate(() => window.__mirageXr!.locomotion())).snapStepDeg).toBe(30);
    await clickPanel(headset.page, 'snap:45');
    expect((await headset.page.evaluate(() => window.__mirageXr!.locomotion())).snapStepDeg).toBe(45);
    await clickPanel(headset.page, 'snap:30');
    expect((await headset.page.evaluate(() => window.__mirageXr!.locomotion())).snapStepDeg).toBe(30);
  }, 120_000);

  it('the left stick glides the rig where the head looks at the panel’s speed, yaw kept; off on the panel stops it', async () => {
    const { page } = headset;
    expect((await page.evaluate(() => window.__mirageXr!.smoothMove())).speed).toBe(1);
    const before = await page.evaluate(() => window.__mirageXr!.rig());
    await setThumbstick(page, 'left', 0, -1);
    await page.waitForFunction(() => window.__mirageXr!.smoothMove().movedFrames >= 5, undefined, { timeout: 10_000 });
    // While gliding, the comfort vignette darkens the edges of the view.
    expect((await page.evaluate(() => window.__mirageXr!.smoothMove())).vignette).toBeGreaterThan(0);
    await setThumbstick(page, 'left', 0, 0);
    await nextFrames(page);
    const after = await page.evaluate(() => window.__mirageXr!.rig());
    // Still again: the vignette fades out.
    await page.waitForFunction(() => window.__mirageXr!.smoothMove().vignette === 0, undefined, { timeout: 10_000 });
    // The emulated head looks down −z (turned by the rig's yaw): the rig went that way, no turn.
    const moved = Math.hypot(after.x - before.x, after.z - before.z);
    expect(moved).toBeGreaterThan(0.01);
    expect(after.yaw).toBeCloseTo(before.yaw, 9);
    expect((before.x - after.x) * Math.sin(before.yaw) + (before.z - after.z) * Math.cos(before.yaw)).toBeCloseTo(moved, 3);

    await clickPanel(page, 'smooth:0');
    const frames = (await page.evaluate(() => window.__mirageXr!.smoothMove())).movedFrames;
    await setThumbstick(page, 'left', 0, -1);
    for (let i = 0; i < 3; i++) await nextFrames(page);
    await setThumbstick(page, 'left', 0, 0);
    expect((await page.evaluate(() => window.__mirageXr!.smoothMove())).movedFrames).toBe(frames);
    await clickPanel(page, 'smooth:1');
  }, 120_000);

  it('colour by anomaly from the panel: the desktop page’s legend follows', async () => {
    expect(await desktop.evaluate(() => window.__mirage!.legend()?.kind)).toBe('categorical');
    await clickPanel(headset.page, 'colour:anomaly');
    await desktop.waitForFunction(() => window.__mirage!.legend()?.kind === 'continuous', undefined, { timeout: 15_000 });
    // Back to cluster, for the legend test below.
    await clickPanel(headset.page, 'colour:cluster');
    await desktop.waitForFunction(() => window.__mirage!.legend()?.kind === 'categorical', undefined, { timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 120_000);

  it('hiding a cluster from the panel filters it out on the desktop page; the click selects nothing behind the panel', async () => {
    const before = await desktop.evaluate(() => ({ visible: window.__mirage!.visibleCount(), selected: window.__mirage!.selectedRows().length }));
    const size = await desktop.evaluate(() => {
      let n = 0;
      for (let i = 0; i < window.__mirage!.count; i++) if (window.__mirage!.clusterOf(i) === 0) n++;
      return n;
    });
    expect(size).toBeGreaterThan(0);
    await clickPanel(headset.page, 'cluster:0');
    await desktop.waitForFunction((want) => window.__mirage!.visibleCount() === want, before.visible - size, { timeout: 15_000 });
    const row = desktop.locator('.cluster-row[data-cluster="0"]');
    if ((await row.count()) > 0) expect(await row.getAttribute('class')).toContain('hidden-cluster');
    expect(await desktop.evaluate(() => window.__mirage!.selectedRows().length)).toBe(before.selected);
    await screenshotPixels(headset.page, 'xr-panel-hidden-cluster');
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);
});

describe('filters on the VR panel', () => {
  it('a range filter’s − steps from the panel change the desktop page’s visible count; its toggle switches it off', async () => {
    // An editor adds a range filter on the desktop (the usual way); the panel lists it live.
    const select = desktop.locator('select[aria-label="Add a filter"]');
    const column = await select.evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.value).find((v) => /\(number\)/.test(s.querySelector(`option[value="${CSS.escape(v)}"]`)?.textContent ?? ''))!);
    expect(column).toBeTruthy();
    await select.selectOption(column);
    const before = await desktop.evaluate(() => window.__mirage!.visibleCount());
    // − on the max, a twentieth of the span a press, until the shown points' largest value is cut
    // (which clusters are shown by now varies with the tests before: count the presses, up to 12).
    let presses = 0;
    while ((await desktop.evaluate(() => window.__mirage!.visibleCount())) >= before && presses < 12) {
      await clickPanel(headset.page, `filter:${column}:max-`);
      presses++;
      await desktop.waitForFunction((n) => window.__mirage!.visibleCount() < n, before, { timeout: 1_500 }).catch(() => undefined);
    }
    expect(await desktop.evaluate(() => window.__mirage!.visibleCount())).toBeLessThan(before);
    await screenshotPixels(headset.page, 'xr-panel-filters');
    await clickPanel(headset.page, `filter:${column}:on`);
    await desktop.waitForFunction((n) => window.__mirage!.visibleCount() === n, before, { timeout: 15_000 });
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);

  it('anomalies only from the panel keeps only the flagged points on the desktop page', async () => {
    const before = await desktop.evaluate(() => window.__mirage!.visibleCount());
    await clickPanel(headset.page, 'anomalies-only');
    await desktop.waitForFunction((n) => window.__mirage!.visibleCount() < n, before, { timeout: 15_000 });
    await clickPanel(headset.page, 'anomalies-only');
    await desktop.waitForFunction((n) => window.__mirage!.visibleCount() === n, before, { timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('set filters and placement on the VR panel', () => {
  it('a category filter made on the desktop shows on the panel as chips: a chip switches its value off for everyone; remove takes the filter away', async () => {
    const select = desktop.locator('select[aria-label="Add a filter"]');
    const column = await select.evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.value).find((v) => /\(category\)/.test(s.querySelector(`option[value="${CSS.escape(v)}"]`)?.textContent ?? ''))!);
    expect(column).toBeTruthy();
    const before = await desktop.evaluate(() => window.__mirage!.visibleCount());
    await select.selectOption(column);
    // Every value kept at first: the panel lists the column's values as chips, all on.
    await headset.page.waitForFunction((c) => window.__mirageXr!.panel().buttons.some((k) => k.startsWith(`set:${c}:`) && !k.endsWith(':prev') && !k.endsWith(':next')), column, { timeout: 30_000 });
    const chips = (await headset.page.evaluate(() => window.__mirageXr!.panel().buttons)).filter((k) => k.startsWith(`set:${column}:`));
    expect(chips.length).toBeGreaterThan(1);
    expect(chips.length).toBeLessThanOrEqual(8);
    // The desktop's checklist of that filter: the chip's value is ticked, until the chip is pressed.
    const value = chips[0].slice(`set:${column}:`.length);
    const box = desktop.locator('.set-filter label.check', { hasText: value }).first().locator('input');
    expect(await box.isChecked()).toBe(true);
    await clickPanel(headset.page, chips[0]);
    await desktop.waitForFunction((v) => [...document.querySelectorAll('.set-filter label.check')].some((l) => l.textContent?.includes(v) && !(l.querySelector('input') as HTMLInputElement).checked), value, { timeout: 15_000 });
    // Points of that value are filtered out (some may be hidden already with cluster 1).
    expect(await desktop.evaluate(() => window.__mirage!.visibleCount())).toBeLessThanOrEqual(before);
    await nextFrames(headset.page);
    await screenshotPixels(headset.page, 'xr-panel-set-filter');
    await clickPanel(headset.page, chips[0]);
    await desktop.waitForFunction((v) => [...document.querySelectorAll('.set-filter label.check')].some((l) => l.textContent?.includes(v) && (l.querySelector('input') as HTMLInputElement).checked), value, { timeout: 15_000 });
    await desktop.waitForFunction((n) => window.__mirage!.visibleCount() === n, before, { timeout: 15_000 });
    await clickPanel(headset.page, `filter:${column}:remove`);
    await headset.page.waitForFunction((c) => !window.__mirageXr!.panel().buttons.some((k) => k.startsWith(`set:${c}:`)), column, { timeout: 15_000 });
    await desktop.waitForFunction((c) => ![...document.querySelectorAll('select[aria-label="Add a filter"] option')].every((o) => (o as HTMLOptionElement).value !== c), column, { timeout: 15_000 });
    expect(await desktop.evaluate(() => window.__mirage!.visibleCount())).toBe(before);
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);

  it('the panel goes onto the left wrist from its button and back; the choice is kept for next time', async () => {
    const { page } = headset;
    await clickPanel(page, 'placement');
    expect((await page.evaluate(() => window.__mirageXr!.panel())).placement).toBe('wrist');
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('data-mirage.xr-comfort'))) ?? '{}')).toMatchObject({ panelPlacement: 'wrist' });
    // The left controller held up before the chest, the head bowed to read it.
    const rig = await page.evaluate(() => window.__mirageXr!.rig());
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const hand = worldToRig(rig, [head[0] - 0.05, head[1] - 0.3, head[2] - 0.3]);
    await moveController(page, 'left', hand);
    const bow = -0.45;
    await page.evaluate((a) => (window as unknown as { __iwer: { quaternion: { set(x: number, y: number, z: number, w: number): void } } }).__iwer.quaternion.set(Math.sin(a / 2), 0, 0, Math.cos(a / 2)), bow);
    // Read once the panel has followed the hand (frames come late on a loaded machine).
    const at = await settledPanelButton(page, 'placement');
    // On the wrist: within a hand's breadth of the left controller, not floating.
    const grip = worldToRig(rig, at);
    expect(Math.hypot(grip[0] - hand[0], grip[1] - hand[1], grip[2] - hand[2])).toBeLessThan(0.25);
    await page.waitForTimeout(300);
    await screenshotPixels(page, 'xr-panel-wrist');
    await clickPanel(page, 'placement');
    expect((await page.evaluate(() => window.__mirageXr!.panel())).placement).toBe('float');
    await page.evaluate(() => (window as unknown as { __iwer: { quaternion: { set(x: number, y: number, z: number, w: number): void } } }).__iwer.quaternion.set(0, 0, 0, 1));
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('the second gesture', () => {
  it('A on the pointed point selects its whole cluster for everyone', async () => {
    const { page } = headset;
    await page.waitForFunction(() => window.__mirageXr!.pickReady(), undefined, { timeout: 30_000 });
    // The panel put away (it stops the ray, and it floats where the head last placed it), then the
    // shown point nearest the user (C1 is hidden by now): nothing of the cloud in front of it.
    await togglePanel(page, false);
    const target = await nearestPoint(page, 0);
    const size = await desktop.evaluate((c) => {
      let n = 0;
      for (let i = 0; i < window.__mirage!.count; i++) if (window.__mirage!.clusterOf(i) === c) n++;
      return n;
    }, target.cluster);
    expect(await desktop.evaluate(() => window.__mirage!.selectedCount())).toBe(0);
    await aimRightController(page, target.world);
    await page.waitForFunction((p) => window.__mirageXr!.hovered() === p, target.point, { timeout: 10_000 });
    await setButton(page, 'right', 'a-button', 1);
    await page.waitForFunction(() => window.__mirageXr!.clusterToggles() === 1, undefined, { timeout: 10_000 });
    await setButton(page, 'right', 'a-button', 0);
    await desktop.waitForFunction((n) => window.__mirage!.selectedCount() === n, size, { timeout: 15_000 });
    // Again: it leaves the selection.
    await nextFrames(page);
    await setButton(page, 'right', 'a-button', 1);
    await page.waitForFunction(() => window.__mirageXr!.clusterToggles() === 2, undefined, { timeout: 10_000 });
    await setButton(page, 'right', 'a-button', 0);
    await desktop.waitForFunction(() => window.__mirage!.selectedCount() === 0, undefined, { timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('notes from the VR panel', () => {
  it('a preset note at the pointed point: the desktop page lists it on that row', async () => {
    const { page } = headset;
    await page.waitForFunction(() => window.__mirageXr!.pickReady(), undefined, { timeout: 30_000 });
    // Point first with the panel away, as in the A test, then show the panel (X) and press a note.
    await togglePanel(page, false);
    const target = await nearestPoint(page, 0);
    await aimRightController(page, target.world);
    await page.waitForFunction((p) => window.__mirageXr!.hovered() === p, target.point, { timeout: 10_000 });
    expect(await page.evaluate(() => window.__mirageXr!.lastPointed())).toBe(target.point);
    await togglePanel(page, true);
    // The ray then goes to the panel: the note lands on the point it was on last. The panel stops
    // the ray in the frame it arrives (no point behind the panel is ever hovered on the way).
    await clickPanel(page, 'note:outlier?');
    expect(await page.evaluate(() => window.__mirageXr!.lastPointed())).toBe(target.point);
    // The desktop's notes panel starts collapsed (its badge counts the note): open it to read the list.
    const toggle = desktop.locator('[data-panel=annotations] .panel-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    const note = desktop.locator('[data-testid=notes] li.note', { hasText: 'outlier?' });
    await note.first().waitFor({ timeout: 15_000 });
    expect(await note.count()).toBe(1);
    expect(await note.first().textContent()).toContain(`row ${target.row + 1}`);
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);
});

describe('two-hand grab', () => {
  it('both squeezes held scale the cloud by the hands’ distance ratio; no sweep is made meanwhile', async () => {
    const { page } = headset;
    const before = await page.evaluate(() => ({ rig: window.__mirageXr!.rig(), grab: window.__mirageXr!.grab(), selected: window.__mirage!.selectedRows().length }));
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const at = (dx: number): [number, number, number] => worldToRig(before.rig, [head[0] + dx, head[1] - 0.4, head[2] - 0.4]);
    await moveController(page, 'left', at(-0.15));
    await moveController(page, 'right', at(0.15));
    await nextFrames(page);
    await setButton(page, 'left', 'squeeze', 1);
    await nextFrames(page);
    await setButton(page, 'right', 'squeeze', 1);
    await page.waitForFunction(() => window.__mirageXr!.grab().active, undefined, { timeout: 10_000 });
    // Hands apart: twice as far.
    await moveController(page, 'left', at(-0.3));
    await moveController(page, 'right', at(0.3));
    for (let i = 0; i < 3; i++) await nextFrames(page);
    const g = await page.evaluate(() => window.__mirageXr!.grab());
    const span = (h: [number, number, number][]) => Math.hypot(h[1][0] - h[0][0], h[1][1] - h[0][1], h[1][2] - h[0][2]);
    expect(span(g.hands) / span(g.startHands)).toBeGreaterThan(1.5);
    expect(g.scale / before.grab.scale).toBeCloseTo(span(g.hands) / span(g.startHands), 3);
    await screenshotPixels(page, 'xr-grab-scaled');
    await setButton(page, 'right', 'squeeze', 0);
    await setButton(page, 'left', 'squeeze', 0);
    await page.waitForFunction(() => !window.__mirageXr!.grab().active, undefined, { timeout: 10_000 });
    for (let i = 0; i < 2; i++) await nextFrames(page);
    const after = await page.evaluate(() => ({ selected: window.__mirage!.selectedRows().length }));
    expect(after.selected).toBe(before.selected);
    expect(errors).toEqual([]);
  }, 120_000);
});

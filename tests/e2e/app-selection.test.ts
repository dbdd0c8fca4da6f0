import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPixels, type Pixels } from '../support/browser.ts';
import { cameraAtRest } from '../support/camera-rest.ts';
import { colourCensus } from '../support/colour-census.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { ownerFetch } from '../support/http.ts';

/**
 * Selection that shows, and a clicked point's details beside it: one penguin session (PCA +
 * k-means), one editor page at 1280×800 (device pixel ratio 1: screenshot pixels are CSS
 * pixels). Pixels are read from real screenshots of the page.
 */
let fx: SessionFixture;
let page: Page;
const errors: string[] = [];
const LINK = '#8cc8ff';

beforeAll(async () => {
  fx = await startSessionFixture({ name: 'selection', title: 'Penguins, selected' });
  page = await openSessionPage(fx.browser, fx.server.url, fx.session, fx.session.editToken, errors, { width: 1280, height: 800 });
});

afterAll(async () => {
  await fx?.close();
});

interface Drawn {
  point: number;
  x: number;
  y: number;
  diameter: number;
  cluster: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Waits for the scene at rest: pick index ready, camera arrived, a couple of frames drawn. */
async function settle(): Promise<void> {
  await page.evaluate(() => window.__mirage!.ready());
  await cameraAtRest(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Every point drawn in view: page CSS pixel centre, sphere diameter, shown cluster. */
async function drawnPoints(): Promise<Drawn[]> {
  await settle();
  return page.evaluate(() => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    const s = m.screenPoints();
    const out: { point: number; x: number; y: number; diameter: number; cluster: number }[] = [];
    for (let p = 0; p < m.count; p++) {
      if (Number.isNaN(s.x[p])) continue;
      out.push({ point: p, x: rect.left + s.x[p], y: rect.top + s.y[p], diameter: s.diameter[p], cluster: m.clusterOf(p) });
    }
    return out;
  });
}

async function sceneBox(): Promise<Box> {
  const r = await page.evaluate(() => window.__mirage!.canvasRect()!);
  return { x: r.left, y: r.top, width: r.width, height: r.height };
}

async function boxOf(selector: string): Promise<Box | null> {
  const found = page.locator(selector);
  return (await found.count()) === 0 ? null : found.first().boundingBox();
}

const inside = (b: Box, x: number, y: number, margin = 0) => x >= b.x - margin && x <= b.x + b.width + margin && y >= b.y - margin && y <= b.y + b.height + margin;

/** Where a point is free of overlays (legend, card) and well inside the scene. */
async function clearSpot(): Promise<(x: number, y: number) => boolean> {
  const scene = await sceneBox();
  const overlays = [await boxOf('.scene-overlay.top-left'), await boxOf('[data-testid=point-card]')].filter((b): b is Box => b !== null);
  return (x, y) => x > scene.x + 30 && x < scene.x + scene.width - 30 && y > scene.y + 30 && y < scene.y + scene.height - 40 && !overlays.some((b) => inside(b, x, y, 24));
}

const pixel = (px: Pixels, x: number, y: number): [number, number, number] => {
  const i = (Math.round(y) * px.width + Math.round(x)) * 4;
  return [px.data[i], px.data[i + 1], px.data[i + 2]];
};

/** The outline rule of point-shaders.ts (device pixel ratio 1): gap and ring width from the radius. */
function ringOf(diameter: number): { gap: number; width: number } {
  const r = diameter / 2;
  return { gap: Math.min(3, Math.max(1, r * 0.08)), width: Math.min(7, Math.max(2, r * 0.16)) };
}

/** How far a selected sphere's drawing reaches: sphere, gap, ring, a pixel of antialiasing. */
const reach = (e: Drawn) => e.diameter / 2 + ringOf(e.diameter).gap + ringOf(e.diameter).width + 1.5;

/**
 * Around a selected sphere, in 32 directions: is the ring white there, and the gap inside it
 * dark? Directions where another selected sphere (or its ring) could be drawn over the spot,
 * or an overlay covers it, are left out; `free` says how many were left.
 */
function ringShare(px: Pixels, d: Drawn, others: Drawn[], clear: (x: number, y: number) => boolean): { white: number; dark: number; free: number } {
  const { gap, width } = ringOf(d.diameter);
  const r = d.diameter / 2;
  const near = others.filter((e) => e !== d && Math.hypot(e.x - d.x, e.y - d.y) < reach(d) + reach(e));
  let white = 0;
  let dark = 0;
  let free = 0;
  for (let k = 0; k < 32; k++) {
    const a = (k / 32) * Math.PI * 2;
    const spot = (radius: number) => ({ x: d.x + Math.cos(a) * radius, y: d.y + Math.sin(a) * radius });
    const outer = spot(r + gap + width + 1);
    if (!clear(outer.x, outer.y) || near.some((e) => Math.hypot(e.x - outer.x, e.y - outer.y) < reach(e) + 1)) continue;
    free++;
    const at = (radius: number) => pixel(px, spot(radius).x, spot(radius).y);
    // The brightest of three samples across the ring (a 2 px ring on a pixel grid), the darkest across the gap.
    const mid = r + gap + width / 2;
    if (Math.max(...[mid - 0.6, mid, mid + 0.6].map((radius) => Math.min(...at(radius)))) >= 200) white++;
    if (gap < 1.5 || Math.min(...[r + gap * 0.3, r + gap / 2, r + gap * 0.7].map((radius) => Math.max(...at(radius)))) <= 70) dark++;
  }
  return { white: free ? white / free : 0, dark: free ? dark / free : 0, free };
}

async function setPointSize(key: 'Home' | 'End' | null, value?: number): Promise<void> {
  const input = page.locator('#enc-point-scale');
  await input.focus();
  if (key) await input.press(key);
  else {
    // One step at a time from the smallest (0.2) to `value`, then committed by the key's release.
    await input.press('Home');
    for (let v = 0.2; v < value! - 1e-6; v += 0.1) await input.press('ArrowRight');
  }
  await input.blur();
  await settle();
}

/** Pixels of the link colour near `centre` (within `radius`), outside any box in `skip`. */
function linkPixels(px: Pixels, centre: { x: number; y: number }, radius: number, skip: Box[]): number {
  return colourCensus(px, [LINK], (x, y) => Math.hypot(x - centre.x, y - centre.y) > radius || skip.some((b) => inside(b, x, y, 2)))[0];
}

describe('a selection that shows', () => {
  it('dims every unselected point (still pickable) and outlines the selected ones, on 3 px and 40 px spheres alike', async () => {
    const before = await drawnPoints();
    const legend = await page.evaluate(() => window.__mirage!.legend());
    if (legend?.kind !== 'categorical') throw new Error('expected colour by cluster');
    const colours = legend.items.filter((i) => typeof i.key === 'number' && i.key >= 0).map((i) => i.color);
    expect(colours.length).toBe(2);
    const scene = await sceneBox();
    const legendBox = (await boxOf('.scene-overlay.top-left'))!;
    const skip = (x: number, y: number) => !inside(scene, x, y) || inside(legendBox, x, y, 4);
    const litBefore = colourCensus(await screenshotPixels(page, 'selection-none'), colours, skip);

    await page.locator('[data-panel=clusters] li[data-cluster="0"] button', { hasText: 'select' }).click();
    await page.waitForFunction(() => window.__mirage!.selectedCount() > 0);
    await settle();
    const shot = await screenshotPixels(page, 'selection-cluster');
    const litAfter = colourCensus(shot, colours, skip);
    // The selected cluster keeps its colour (its outlines cover a little of it); the other is grey.
    expect(litAfter[0]).toBeGreaterThan(litBefore[0] * 0.6);
    expect(litAfter[1]).toBeLessThan(litBefore[1] * 0.05);
    expect(litBefore[1]).toBeGreaterThan(2000);

    // Personal: switched off on this screen, the rest keeps its colour; back on, it fades again.
    await page.locator('[data-testid=dim-unselected]').uncheck();
    await settle();
    const undimmed = colourCensus(await screenshotPixels(page, 'selection-not-dimmed'), colours, skip);
    expect(undimmed[1]).toBeGreaterThan(litBefore[1] * 0.8);
    await page.locator('[data-testid=dim-unselected]').check();
    await settle();

    // Dimmed, not gone: an unselected point is still picked under the cursor.
    const ok = await clearSpot();
    const dimmed = before.filter((d) => d.cluster === 1 && ok(d.x, d.y));
    const picked = await page.evaluate(
      (pts) => {
        const m = window.__mirage!;
        const r = m.canvasRect()!;
        return pts.filter((d) => m.pick(d.x - r.left, d.y - r.top) === d.point).length;
      },
      dimmed.map(({ point, x, y }) => ({ point, x, y })),
    );
    expect(picked).toBeGreaterThan(dimmed.length * 0.3);

    // Outlines at three sphere sizes: small (≈ 3–8 px), as the page opens (≈ 18–40 px), large.
    const selected = (d: Drawn) => d.cluster === 0;
    const measured: string[] = [];
    for (const size of [{ key: 'Home' as const, name: 'small' }, { key: null, value: 1, name: 'default' }, { key: null, value: 3, name: 'large' }]) {
      await setPointSize(size.key, size.value);
      const drawn = (await drawnPoints()).filter(selected);
      const clear = await clearSpot();
      const px = await screenshotPixels(page, `selection-outline-${size.name}`);
      // Spheres with most of their outline in the open (not under another selected sphere).
      const rings = drawn.filter((d) => clear(d.x, d.y)).map((d) => ({ d, ...ringShare(px, d, drawn, clear) })).filter((s) => s.free >= 12);
      expect(rings.length, `selected spheres with their outline in the open at ${size.name} size`).toBeGreaterThan(2);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const diameters = rings.map((s) => s.d.diameter);
      measured.push(`${size.name}: ${Math.min(...diameters).toFixed(1)}–${Math.max(...diameters).toFixed(1)} px, white ring on ${(median(rings.map((s) => s.white)) * 100).toFixed(0)}% of the open circle, dark gap on ${(median(rings.map((s) => s.dark)) * 100).toFixed(0)}% (medians of ${rings.length})`);
      expect(median(rings.map((s) => s.white)), measured.at(-1)).toBeGreaterThanOrEqual(0.8);
      expect(median(rings.map((s) => s.dark)), measured.at(-1)).toBeGreaterThanOrEqual(0.6);
    }
    console.log(`selection outlines: ${measured.join('; ')}`);
    await setPointSize(null, 1);
    await page.locator('[data-testid=selection-stats], [data-panel=selection] button:has-text("clear")').first().isVisible();
    await page.locator('[data-panel=selection] button', { hasText: 'clear' }).click();
    await page.waitForFunction(() => window.__mirage!.selectedCount() === 0);
    expect(errors).toEqual([]);
  });
});

describe('the clicked point', () => {
  /** A point front-most under its centre, clear of overlays, preferring one near (x, y) of the scene (fractions). */
  async function clickablePoint(fx: number, fy: number): Promise<Drawn> {
    const drawn = await drawnPoints();
    const ok = await clearSpot();
    const scene = await sceneBox();
    const target = { x: scene.x + scene.width * fx, y: scene.y + scene.height * fy };
    const candidates = drawn.filter((d) => ok(d.x, d.y)).sort((a, b) => Math.hypot(a.x - target.x, a.y - target.y) - Math.hypot(b.x - target.x, b.y - target.y));
    for (const d of candidates.slice(0, 40)) {
      const front = await page.evaluate(({ point, x, y }) => {
        const m = window.__mirage!;
        const r = m.canvasRect()!;
        return m.pick(x - r.left, y - r.top) === point;
      }, d);
      if (front) return d;
    }
    throw new Error('no clickable point');
  }

  async function where(point: number): Promise<{ x: number; y: number }> {
    return page.evaluate((p) => {
      const m = window.__mirage!;
      const at = m.project(p)!;
      const r = m.canvasRect()!;
      return { x: r.left + at.x, y: r.top + at.y };
    }, point);
  }

  /** The card is beside the point: on screen, not over it, its nearest edge within 40 px. */
  async function expectBeside(point: number): Promise<Box> {
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid=point-card]')?.style.visibility === 'visible');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const at = await where(point);
    const card = (await boxOf('[data-testid=point-card]'))!;
    const scene = await sceneBox();
    expect(card.x).toBeGreaterThanOrEqual(scene.x);
    expect(card.y).toBeGreaterThanOrEqual(scene.y);
    expect(card.x + card.width).toBeLessThanOrEqual(scene.x + scene.width);
    expect(card.y + card.height).toBeLessThanOrEqual(scene.y + scene.height);
    expect(inside(card, at.x, at.y, 4)).toBe(false);
    const dx = Math.max(card.x - at.x, 0, at.x - (card.x + card.width));
    const dy = Math.max(card.y - at.y, 0, at.y - (card.y + card.height));
    expect(Math.hypot(dx, dy)).toBeLessThanOrEqual(40);
    return card;
  }

  it('opens its values and neighbours in a card beside it, which follows the camera, stays on screen and closes with Esc or ×', async () => {
    const p = await clickablePoint(0.35, 0.5);
    await page.mouse.click(p.x, p.y);
    const card = page.locator('[data-testid=point-card]');
    await card.locator('[data-testid=neighbours] li').nth(9).waitFor({ timeout: 10_000 });
    const row = await page.evaluate((q) => window.__mirage!.rowOf(q), p.point);
    expect(await card.getAttribute('data-row')).toBe(String(row));
    expect(await card.locator('[data-testid=point-card-title]').textContent()).toContain(`row ${row + 1}`);
    // The row's own values, as the API has them.
    const values = (await (await ownerFetch(`${fx.server.url}/api/datasets/${fx.datasetId}/rows?offset=${row}&limit=1`)).json()) as { rows: Record<string, unknown>[] };
    const table = await card.locator('[data-testid=focused-row]').textContent();
    expect(table).toContain(String(values.rows[0].Island));
    // Beside the point, and without scrolling the page: it is in the viewport now.
    await page.mouse.move(5, 790);
    const first = await expectBeside(p.point);
    expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    await screenshotPixels(page, 'point-card');

    // Orbit the camera: the point moves on screen and the card moves with it.
    const before = await where(p.point);
    const scene = await sceneBox();
    // (from a spot right of the card: a drag that starts on the card is the card's)
    await page.mouse.move(scene.x + scene.width * 0.85, scene.y + scene.height * 0.85);
    await page.mouse.down();
    await page.mouse.move(scene.x + scene.width * 0.97, scene.y + scene.height * 0.8, { steps: 8 });
    await page.mouse.up();
    await settle();
    const after = await where(p.point);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(20);
    const moved = await expectBeside(p.point);
    expect(Math.hypot(moved.x - first.x, moved.y - first.y)).toBeGreaterThan(10);

    // Esc closes it; so does ×.
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    const again = await clickablePoint(0.35, 0.5);
    await page.mouse.click(again.x, again.y);
    await card.waitFor();
    await card.locator('button[aria-label="Close the point details"]').click();
    await card.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('near the right edge the card opens on the left of the point, inside the scene', async () => {
    const p = await clickablePoint(0.93, 0.5);
    await page.mouse.click(p.x, p.y);
    await page.locator('[data-testid=point-card] [data-testid=neighbours] li').first().waitFor({ timeout: 10_000 });
    await page.mouse.move(5, 790);
    const card = await expectBeside(p.point);
    expect(card.x + card.width).toBeLessThanOrEqual(p.x);
    expect(await page.locator('[data-testid=point-card]').getAttribute('data-side')).toBe('left');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=point-card]').waitFor({ state: 'detached' });
  });

  it('draws its neighbour links visibly at the default zoom, zoomed out and zoomed in', async () => {
    const measured: string[] = [];
    for (const zoom of [{ name: 'default', wheel: 0 }, { name: 'zoomed out', wheel: 600 }, { name: 'zoomed in', wheel: -900 }]) {
      if (zoom.wheel !== 0) {
        const scene = await sceneBox();
        await page.mouse.move(scene.x + scene.width / 2, scene.y + scene.height / 2);
        for (let i = 0; i < 3; i++) await page.mouse.wheel(0, zoom.wheel / 3);
        await settle();
      }
      const p = await clickablePoint(0.5, 0.55);
      await page.mouse.click(p.x, p.y);
      await page.locator('[data-testid=point-card] [data-testid=neighbours] li').first().waitFor({ timeout: 10_000 });
      await page.mouse.move(5, 790);
      await settle();
      // Links reach the neighbours' places on screen: count link-coloured pixels around them.
      const ends = await page.evaluate(() => {
        const m = window.__mirage!;
        const r = m.canvasRect()!;
        const items = [...document.querySelectorAll('[data-testid=point-card] [data-testid=neighbours] li')].map((li) => Number(li.getAttribute('data-row')));
        const out: { x: number; y: number }[] = [];
        for (let q = 0; q < m.count; q++) {
          if (!items.includes(m.rowOf(q))) continue;
          const at = m.project(q);
          if (at) out.push({ x: r.left + at.x, y: r.top + at.y });
        }
        return out;
      });
      expect(ends.length).toBe(10);
      const reach = Math.max(...ends.map((e) => Math.hypot(e.x - p.x, e.y - p.y))) + 12;
      const card = (await boxOf('[data-testid=point-card]'))!;
      const legendBox = (await boxOf('.scene-overlay.top-left'))!;
      const withLinks = linkPixels(await screenshotPixels(page, `neighbour-links-${zoom.name.replace(' ', '-')}`), p, reach, [card, legendBox]);
      await page.keyboard.press('Escape');
      await page.locator('[data-testid=point-card]').waitFor({ state: 'detached' });
      await settle();
      const without = linkPixels(await screenshotPixels(page, `neighbour-links-${zoom.name.replace(' ', '-')}-closed`), p, reach, [card, legendBox]);
      measured.push(`${zoom.name}: ${withLinks - without} link pixels (farthest neighbour ${Math.round(reach - 12)} px away, sphere ${p.diameter.toFixed(1)} px)`);
      // Ten lines at least ~2.5 px wide: well over a hundred pixels unless they are all hidden.
      expect(withLinks - without, measured.at(-1)).toBeGreaterThan(60);
    }
    console.log(`neighbour links: ${measured.join('; ')}`);
    expect(errors).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LAB_PALETTE } from '../../client/scene-lab/lab-data.ts';
import { insidePolygon } from '../../client/scene/lasso.ts';
import { join } from 'node:path';
import { ensureClientBuild, launchBrowser, openPage, repoRoot, screenshotPixels, serveDirectory, type Pixels } from '../support/browser.ts';
import { cameraAtRest } from '../support/camera-rest.ts';

// The scene lab in headless Chromium (WebGL2 via SwiftShader): what is drawn, what hover,
// click, lasso and filters do, checked against the lab's own data and projections.
const N = 20_000;
const HALO: [number, number, number] = [255, 92, 51];

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let page: Page;
let errors: string[];

beforeAll(async () => {
  // Its own build directory: rebuilding the shared dist/client could pull files from under
  // another test file's running server.
  server = await serveDirectory(await ensureClientBuild(join(repoRoot, 'dist', 'scene-e2e-client')));
  browser = await launchBrowser();
  ({ page, errors } = await openPage(browser, `${server.url}/scene-lab/index.html?n=${N}`));
  await page.waitForFunction(() => window.__sceneLab !== undefined, null, { timeout: 60_000 });
  await page.evaluate(() => window.__sceneLab?.ready());
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function lab(p: Page) {
  return {
    nextFrame: () => p.evaluate(() => window.__sceneLab!.nextFrame()),
    events: () => p.evaluate(() => ({ ...window.__sceneLab!.events })),
  };
}

/** Pixel counts per lab palette colour (by chromaticity, which the sphere shading keeps), the halo, and neutral greys. */
function colourCensus(px: Pixels) {
  const chroma = (r: number, g: number, b: number) => {
    const s = r + g + b || 1;
    return [r / s, g / s, b / s];
  };
  const targets = LAB_PALETTE.map(([r, g, b]) => chroma(r, g, b));
  const halo = chroma(...HALO);
  const perColour = new Array<number>(LAB_PALETTE.length).fill(0);
  const brightness: number[][] = LAB_PALETTE.map(() => []);
  let lit = 0;
  let haloPixels = 0;
  let grey = 0;
  for (let i = 0; i < px.data.length; i += 4) {
    const r = px.data[i];
    const g = px.data[i + 1];
    const b = px.data[i + 2];
    const max = Math.max(r, g, b);
    if (max < 60) continue;
    lit++;
    const c = chroma(r, g, b);
    const dist = (t: number[]) => Math.hypot(c[0] - t[0], c[1] - t[1], c[2] - t[2]);
    if (Math.max(r, g, b) - Math.min(r, g, b) < 14) grey++;
    if (dist(halo) < 0.04) haloPixels++;
    let best = -1;
    let bestD = 0.035;
    targets.forEach((t, k) => {
      const d = dist(t);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    });
    if (best >= 0) {
      perColour[best]++;
      brightness[best].push(max);
    }
  }
  return { lit, perColour, brightness, haloPixels, grey, total: px.width * px.height };
}

async function projections(p: Page) {
  return p.evaluate(() => {
    const l = window.__sceneLab!;
    const xy = new Float32Array(l.n * 2).fill(NaN);
    for (let i = 0; i < l.n; i++) {
      const s = l.project(i);
      if (s) xy.set([s.x, s.y], i * 2);
    }
    return { xy: Array.from(xy), cluster: Array.from(l.cloud.cluster) };
  });
}

/** An anomaly outlier with no other point projected within `clear` px of it, inside the viewport. */
async function isolatedOutlier(p: Page, clear = 26) {
  const { xy, cluster } = await projections(p);
  for (let i = 0; i < cluster.length; i++) {
    if (cluster[i] !== -1 || Number.isNaN(xy[i * 2])) continue;
    const x = xy[i * 2];
    const y = xy[i * 2 + 1];
    if (x < 40 || y < 40 || x > 960 || y > 660) continue;
    let alone = true;
    for (let j = 0; j < cluster.length && alone; j++) {
      if (j !== i && Math.hypot(xy[j * 2] - x, xy[j * 2 + 1] - y) < clear) alone = false;
    }
    if (alone) return { index: i, x, y };
  }
  throw new Error('no isolated outlier on screen');
}

/** Colour census of fresh screenshots until `done` holds (at most ~10 s); the last census. */
async function censusUntil(p: Page, name: string, done: (c: ReturnType<typeof colourCensus>) => boolean): Promise<ReturnType<typeof colourCensus>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const census = colourCensus(await screenshotPixels(p, name));
    if (done(census) || Date.now() > deadline) return census;
    await p.waitForTimeout(100);
  }
}

describe('scene lab in Chromium', () => {
  it('draws every cluster as shaded spheres, with anomaly halos', async () => {
    await lab(page).nextFrame();
    const census = colourCensus(await screenshotPixels(page, 'scene-20k'));
    expect(census.lit / census.total).toBeGreaterThan(0.04);
    const visibleClusters = census.perColour.filter((c) => c >= 200).length;
    expect(visibleClusters).toBeGreaterThanOrEqual(7);
    // Shading: within one colour, the lit side is clearly brighter than the rim.
    for (const values of census.brightness.filter((b) => b.length >= 200)) {
      values.sort((a, b) => a - b);
      expect(values[Math.floor(values.length * 0.9)] / values[Math.floor(values.length * 0.1)]).toBeGreaterThan(1.3);
    }
    expect(census.haloPixels).toBeGreaterThan(40);
    expect(errors).toEqual([]);
  });

  it('hover and click report the point under the cursor', async () => {
    const target = await isolatedOutlier(page);
    await page.mouse.move(target.x + 1, target.y - 1);
    await page.waitForFunction((i) => window.__sceneLab!.events.hover === i, target.index, { timeout: 5000 });
    await screenshotPixels(page, 'scene-hover');
    await page.mouse.click(target.x, target.y);
    const ev = await lab(page).events();
    expect(ev.click).toBe(target.index);
    // Off every point: hover goes back to null.
    let empty: [number, number] | null = null;
    for (let x = 20; x < 980 && !empty; x += 37) {
      for (let y = 60; y < 680 && !empty; y += 29) {
        if ((await page.evaluate(([px, py]) => window.__sceneLab!.pick(px, py).index, [x, y])) === null) empty = [x, y];
      }
    }
    expect(empty).not.toBeNull();
    await page.mouse.move(empty![0], empty![1]);
    await page.waitForFunction(() => window.__sceneLab!.events.hover === null, null, { timeout: 5000 });
  });

  it('hover anywhere returns a point drawn within a few pixels of the cursor', async () => {
    const { xy } = await projections(page);
    let checked = 0;
    for (let i = 0; i < N && checked < 60; i += 331) {
      const x = xy[i * 2];
      const y = xy[i * 2 + 1];
      if (Number.isNaN(x) || x < 5 || y < 5 || x > 995 || y > 695) continue;
      const hit = await page.evaluate(([px, py]) => window.__sceneLab!.pick(px, py).index, [x, y]);
      expect(hit).not.toBeNull();
      // The winner covers the cursor: its centre lies within one sphere radius (< 12 px here).
      expect(Math.hypot(xy[hit! * 2] - x, xy[hit! * 2 + 1] - y)).toBeLessThan(12);
      checked++;
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('shift-drag lasso selects the points projected inside, without moving the camera', async () => {
    const before = await page.evaluate(() => window.__sceneLab!.getCamera());
    const corners: [number, number][] = [[380, 250], [560, 230], [640, 380], [520, 520], [360, 450]];
    await page.keyboard.down('Shift');
    await page.mouse.move(...corners[0]);
    await page.mouse.down();
    for (const c of [...corners.slice(1), corners[0]]) await page.mouse.move(c[0], c[1], { steps: 6 });
    await screenshotPixels(page, 'scene-lasso-drawing');
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await page.waitForFunction(() => window.__sceneLab!.events.lasso !== null);
    const selected = new Set((await lab(page).events()).lasso ?? []);
    const after = await page.evaluate(() => window.__sceneLab!.getCamera());
    expect(after.position).toEqual(before.position);

    const { xy } = await projections(page);
    const polygon = new Float32Array(corners.flat());
    const expected = new Set<number>();
    for (let i = 0; i < N; i++) if (insidePolygon(polygon, corners.length, xy[i * 2], xy[i * 2 + 1])) expected.add(i);
    expect(expected.size).toBeGreaterThan(500);
    let both = 0;
    for (const i of selected) if (expected.has(i)) both++;
    // Identical up to points within a pixel of the edge (the drag path is sampled).
    expect(both / (selected.size + expected.size - both)).toBeGreaterThan(0.99);
  });

  it('a filter fades the other clusters, and hide removes them', async () => {
    const base = colourCensus(await screenshotPixels(page, 'scene-filter-none'));
    const keep = base.perColour.indexOf(Math.max(...base.perColour));
    const others = (c: ReturnType<typeof colourCensus>) => c.perColour.reduce((a, b) => a + b, 0) - c.perColour[keep];
    await page.evaluate((c) => window.__sceneLab!.filterCluster(c), keep);
    // The scene (its own React renderer) applies the change a task or so later: census frames
    // until the expected picture shows, up to a cap, then check it.
    const faded = await censusUntil(page, 'scene-filter-fade', (c) => others(c) < others(base) * 0.1);
    expect(faded.perColour[keep]).toBeGreaterThan(base.perColour[keep] * 0.6);
    expect(others(faded)).toBeLessThan(others(base) * 0.1);
    await page.evaluate(() => window.__sceneLab!.setFilterMode('hide'));
    const hidden = await censusUntil(page, 'scene-filter-hide', (c) => c.lit < faded.lit);
    expect(hidden.lit).toBeLessThan(faded.lit);
    expect(hidden.perColour[keep]).toBeGreaterThan(base.perColour[keep] * 0.6);
    // Hidden points cannot be hovered: every hit is in the kept cluster.
    const hits = await page.evaluate(() => {
      const l = window.__sceneLab!;
      const out: number[] = [];
      for (let x = 10; x < 1000; x += 23) for (let y = 10; y < 700; y += 23) {
        const h = l.pick(x, y).index;
        if (h !== null) out.push(l.cloud.cluster[h]);
      }
      return out;
    });
    expect(hits.length).toBeGreaterThan(20);
    expect(new Set(hits)).toEqual(new Set([keep]));
    await page.evaluate(() => window.__sceneLab!.setFilterMode('fade'));
    await page.evaluate(() => window.__sceneLab!.filterCluster(null));
  });

  it('double-click focuses a point; moved points animate and stay pickable', async () => {
    const target = await isolatedOutlier(page);
    await page.mouse.dblclick(target.x, target.y);
    await page.waitForFunction((i) => window.__sceneLab!.events.doubleClick === i, target.index);
    // The flight is a damped spring advanced per drawn frame; a loaded machine draws fewer of
    // them, so wait until the camera has arrived, then check where it looks.
    await cameraAtRest(page);
    const offTarget = await page.evaluate((i) => {
      const lab = window.__sceneLab!;
      const t = lab.getCamera().target;
      const p = lab.cloud.data.positions.subarray(i * 3, i * 3 + 3);
      return Math.hypot(t[0] - p[0], t[1] - p[1], t[2] - p[2]);
    }, target.index);
    expect(offTarget).toBeLessThan(0.05);
    await screenshotPixels(page, 'scene-focused');

    await page.evaluate(() => window.__sceneLab!.resetView());
    // Shifting the layout sideways moves the lit pixels' centroid across the screen. Each frame is
    // drawn as of a chosen moment of the transition (not sampled as frames come, which software
    // GL draws a few per second): mid-way the centroid must lie in between, moving steadily, and
    // slowly near both ends, or the points jumped or moved without easing. morph() reports the
    // transition's own start, so the chosen moments do not depend on when the scene applied it.
    const transitionMs = 60_000;
    await page.evaluate((ms) => window.__sceneLab!.setTransitionMs(ms), transitionMs);
    const initial = await page.evaluate(() => window.__sceneLab!.litCentroidX());
    const { start } = await page.evaluate(() => window.__sceneLab!.morph());
    const fractions = [0, 0.25, 0.5, 0.75, 1];
    const at = await page.evaluate(
      ({ start, ms, fs }) => fs.map((f) => window.__sceneLab!.litCentroidX(start + f * ms)),
      { start, ms: transitionMs, fs: fractions },
    );
    const [first, end] = [at[0], at[at.length - 1]];
    // The transition starts where the points were (the floor grid and axes follow the new
    // bounds at once, a fraction of a pixel of the centroid).
    expect(Math.abs(first - initial)).toBeLessThan(2);
    expect(end - first).toBeGreaterThan(60);
    const share = at.map((x) => (x - first) / (end - first));
    for (let k = 1; k < share.length; k++) expect(share[k]).toBeGreaterThan(share[k - 1]);
    expect(share[2]).toBeGreaterThan(0.3);
    expect(share[2]).toBeLessThan(0.7);
    // Eased in and out: a quarter of the time covers much less than a quarter of the way
    // (cubic easing: 6 %), at both ends.
    expect(share[1]).toBeLessThan(0.15);
    expect(share[3]).toBeGreaterThan(0.85);
    await page.evaluate(() => window.__sceneLab!.setTransitionMs(600));
    await page.evaluate(() => window.__sceneLab!.ready());
    // Once over, frames drawn at the present show the end state.
    expect(Math.abs((await page.evaluate(() => window.__sceneLab!.litCentroidX())) - end)).toBeLessThan(0.5);
    await screenshotPixels(page, 'scene-morph-end');
    const moved = await isolatedOutlier(page);
    await page.mouse.move(moved.x, moved.y);
    await page.waitForFunction((i) => window.__sceneLab!.events.hover === i, moved.index, { timeout: 5000 });
    expect(errors).toEqual([]);
  });
});

describe('scene navigation', () => {
  it('flies with W, zooms with the wheel, and Home resets the view', async () => {
    const { page: p, errors: errs } = await openPage(browser, `${server.url}/scene-lab/index.html?n=3000`);
    await p.waitForFunction(() => window.__sceneLab !== undefined);
    await p.evaluate(() => window.__sceneLab!.ready());
    const cam = () => p.evaluate(() => window.__sceneLab!.getCamera());
    const dist = (c: { position: number[]; target: number[] }) => Math.hypot(...c.position.map((v, i) => v - c.target[i]));
    const home = await cam();
    const forward = home.target.map((v, i) => v - home.position[i]);

    await p.mouse.move(500, 350);
    // Flying advances per drawn frame (a loaded machine draws few): hold W until the camera has
    // gone some way, up to a cap, rather than for a set time.
    await p.keyboard.down('KeyW');
    await p.waitForTimeout(600);
    await p
      .waitForFunction(
        (h) => Math.hypot(...window.__sceneLab!.getCamera().target.map((v, i) => v - h[i])) > 0.6,
        home.target,
        { timeout: 15_000, polling: 50 },
      )
      .finally(() => p.keyboard.up('KeyW'));
    const flown = await cam();
    const moved = flown.target.map((v, i) => v - home.target[i]);
    // Camera and target moved together, along the view direction.
    expect(Math.hypot(...moved)).toBeGreaterThan(0.5);
    expect(moved.reduce((a, v, i) => a + v * forward[i], 0) / (Math.hypot(...moved) * Math.hypot(...forward))).toBeGreaterThan(0.99);
    expect(Math.abs(dist(flown) - dist(home)) / dist(home)).toBeLessThan(0.01);

    await p.mouse.wheel(0, -600);
    await expect.poll(async () => dist(await cam()), { timeout: 15_000 }).toBeLessThan(dist(home) * 0.9);

    await p.keyboard.press('Home');
    // The reset eases over a few hundred ms of frames; a loaded machine draws fewer of them, so
    // wait until the camera has arrived where the move is heading (not merely still between two
    // polls: a slow frame can look like rest mid-way).
    await p.waitForFunction((h) => Math.hypot(...window.__sceneLab!.getCameraGoal().target.map((v, i) => v - h[i])) < 0.05, home.target, { timeout: 10_000 });
    await cameraAtRest(p);
    const back = await cam();
    for (let i = 0; i < 3; i++) {
      expect(back.target[i]).toBeCloseTo(home.target[i], 1);
      expect(back.position[i]).toBeCloseTo(home.position[i], 1);
    }
    expect(errs).toEqual([]);
    await p.close();
  });
});

describe('scene overlays', () => {
  it('draws participants, pins and labels as scene objects', async () => {
    const shot = async (query: string, name: string) => {
      const { page: p, errors: errs } = await openPage(browser, `${server.url}/scene-lab/index.html?n=5000${query}`);
      await p.waitForFunction(() => window.__sceneLab !== undefined);
      await p.evaluate(() => window.__sceneLab!.ready());
      const px = await screenshotPixels(p, name);
      await p.close();
      expect(errs).toEqual([]);
      return px;
    };
    const plain = await shot('', 'scene-no-overlays');
    const withOverlays = await shot('&overlays=1', 'scene-overlays');
    const [ar, ag, ab] = [0xff, 0x3d, 0xcb];
    let avatar = 0;
    let newText = 0;
    for (let i = 0; i < withOverlays.data.length; i += 4) {
      const r = withOverlays.data[i];
      const g = withOverlays.data[i + 1];
      const b = withOverlays.data[i + 2];
      // The magenta head (shaded, so compare chromaticity) and near-white label text that the
      // same view without overlays does not have.
      const s = r + g + b;
      if (s > 150 && Math.hypot(r / s - ar / (ar + ag + ab), g / s - ag / (ar + ag + ab), b / s - ab / (ar + ag + ab)) < 0.04) avatar++;
      const wasText = plain.data[i] > 225 && plain.data[i + 1] > 230 && plain.data[i + 2] > 238;
      if (r > 225 && g > 230 && b > 238 && !wasText) newText++;
    }
    expect(avatar).toBeGreaterThan(80);
    expect(newText).toBeGreaterThan(150);

    // Standing where a participant stands (following them) does not put their avatar in front
    // of the eyes: it used to tint the whole view in their colour.
    const { page: p, errors: errs } = await openPage(browser, `${server.url}/scene-lab/index.html?n=5000&overlays=1`);
    await p.waitForFunction(() => window.__sceneLab !== undefined);
    await p.evaluate(() => window.__sceneLab!.ready());
    await p.evaluate(async () => {
      // Ada, the first lab avatar, looks from here at the centre; stand a hair behind her.
      const at = [Math.cos(0.35) * 11, 2.5, Math.sin(0.35) * 11].map((v) => v * 1.002) as [number, number, number];
      await window.__sceneLab!.setCamera({ position: at, target: [0, 0, 0] });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    const inside = await screenshotPixels(p, 'scene-inside-avatar');
    await p.close();
    expect(errs).toEqual([]);
    let tinted = 0;
    for (let i = 0; i < inside.data.length; i += 4) {
      const [r, g, b] = [inside.data[i], inside.data[i + 1], inside.data[i + 2]];
      const s = r + g + b;
      if (s > 60 && Math.hypot(r / s - ar / (ar + ag + ab), g / s - ag / (ar + ag + ab), b / s - ab / (ar + ag + ab)) < 0.08) tinted++;
    }
    expect(tinted / (inside.width * inside.height)).toBeLessThan(0.01);
  });
});

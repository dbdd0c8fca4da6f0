import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { ensureDemo } from '../../server/services/demo.ts';
import { postAnalysis, waitForAnalysis } from '../support/analysis-client.ts';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodePng, ensureClientBuild, launchBrowser, screenshotDir, screenshotPixels } from '../support/browser.ts';
import { cameraAtRest } from '../support/camera-rest.ts';
import { uploadAsset } from '../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { createSession, openSessionPage } from '../support/session-pages.ts';

/**
 * "First sight": what a person sees when a session opens, on three kinds of layout — the demo
 * (penguins, UMAP, the session the server makes on its first start), a one-blob table (cars,
 * PCA), a many-island one (Seattle weather, UMAP) and iris (start-page defaults) — at 1280×720. Measured from the page's own
 * projections (window.__mirage.screenPoints / placedLabels), at first view and after F:
 * the points fill at least half the canvas's height or width, the median sphere is 4–24 px
 * across, no cluster name covers more than 5% of any cluster's points, and at most 1% of the
 * drawn points sit under the legend. The Clusters panel shows every name whole (wrapped, in
 * its tooltip too) beside usable buttons, at 1280×720, 1024×700 and in a phone's drawer. Screenshots land
 * in tests/e2e/screenshots/first-sight-*.png.
 */
let server: RunningServer;
let browser: Browser;
let dataDir: string;
const sessions = new Map<string, { id: string; editToken: string }>();
const errors: string[] = [];

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-first-sight-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  const demo = await ensureDemo(server.deps);
  if (!demo?.analysisId) throw new Error('the demo session was not created');
  await waitForAnalysis(server.url, demo.analysisId);
  sessions.set('demo', demo);
  // Cars by PCA: one lumpy blob (sizes used to swell into one mass there); Seattle by the start
  // page's defaults (UMAP, k-means with automatic k): many islands.
  // Iris by the start page's defaults: three clusters, one of them (setosa) used to sit partly
  // under the legend at first view.
  const params = { cars: { reduction: { method: 'pca' as const } }, seattle: {}, iris: {} };
  for (const asset of ['cars', 'seattle', 'iris'] as const) {
    const dataset = await uploadAsset(server.url, asset);
    const started = await postAnalysis(server.url, dataset.id, params[asset]);
    await waitForAnalysis(server.url, started.id);
    sessions.set(asset, await createSession(server.url, { datasetId: dataset.id, analysisId: started.id, title: asset }));
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

interface Sight {
  /** Share of the canvas width / height spanned by the 1st–99th percentile of drawn points. */
  fillX: number;
  fillY: number;
  medianDiameter: number;
  drawn: number;
  /** Share of the drawn points whose centre lies on the canvas. */
  onCanvas: number;
  /** Per shown label: the largest share of one cluster's drawn points whose centres it covers. */
  labelCover: { text: string; worst: number }[];
  labelsShown: number;
  labels: number;
  /** Shown names whose box overlaps the legend drawn over the canvas. */
  underLegend: number;
  /** Share of the drawn points whose centre lies under the legend (its page box). */
  pointsUnderLegend: number;
}

/** What the page draws now, from its own projections. */
async function sight(page: Page): Promise<Sight> {
  return page.evaluate(() => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    const s = m.screenPoints();
    const xs: number[] = [];
    const ys: number[] = [];
    const ds: number[] = [];
    const clusterOf: number[] = [];
    for (let i = 0; i < s.x.length; i++) {
      if (!Number.isFinite(s.x[i])) continue;
      xs.push(s.x[i]);
      ys.push(s.y[i]);
      ds.push(s.diameter[i]);
      clusterOf.push(m.clusterOf(i));
    }
    const q = (values: number[], f: number) => [...values].sort((a, b) => a - b)[Math.round(f * (values.length - 1))];
    const totals = new Map<number, number>();
    for (const c of clusterOf) totals.set(c, (totals.get(c) ?? 0) + 1);
    const placed = m.placedLabels();
    const labelCover = placed
      .filter((l) => l.shown)
      .map((l) => {
        const inside = new Map<number, number>();
        for (let k = 0; k < xs.length; k++) {
          if (xs[k] >= l.box.x0 && xs[k] <= l.box.x1 && ys[k] >= l.box.y0 && ys[k] <= l.box.y1) inside.set(clusterOf[k], (inside.get(clusterOf[k]) ?? 0) + 1);
        }
        const worst = Math.max(0, ...[...inside].map(([c, n]) => n / totals.get(c)!));
        return { text: l.text, worst };
      });
    return {
      fillX: (q(xs, 0.99) - q(xs, 0.01)) / rect.width,
      fillY: (q(ys, 0.99) - q(ys, 0.01)) / rect.height,
      medianDiameter: q(ds, 0.5),
      drawn: xs.length,
      onCanvas: xs.filter((x, k) => x >= 0 && x <= rect.width && ys[k] >= 0 && ys[k] <= rect.height).length / xs.length,
      labelCover,
      labelsShown: placed.filter((l) => l.shown).length,
      underLegend: (() => {
        const g = document.querySelector('[data-testid=legend]')?.getBoundingClientRect();
        if (!g) return 0;
        const [x0, y0, x1, y1] = [g.left - rect.left, g.top - rect.top, g.right - rect.left, g.bottom - rect.top];
        return placed.filter((l) => l.shown && l.box.x0 < x1 && l.box.x1 > x0 && l.box.y0 < y1 && l.box.y1 > y0).length;
      })(),
      pointsUnderLegend: (() => {
        const g = document.querySelector('[data-testid=legend]')?.getBoundingClientRect();
        if (!g) return 0;
        const [x0, y0, x1, y1] = [g.left - rect.left, g.top - rect.top, g.right - rect.left, g.bottom - rect.top];
        return xs.filter((x, k) => x >= x0 && x <= x1 && ys[k] >= y0 && ys[k] <= y1).length / xs.length;
      })(),
      labels: placed.length,
    };
  });
}

/** Labels are placed by the frame loop: wait for a frame placed after the camera came to rest. */
async function settled(page: Page): Promise<void> {
  await cameraAtRest(page);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * The Clusters panel's rows against the legend's names: each row shows its name whole (wrapped,
 * never cut with "…"), its tooltip carries the full name, and its three buttons lie inside the
 * row at a usable size, beside the name without covering it.
 */
async function expectWholeNamesInPanel(page: Page, what: string): Promise<void> {
  const found = await page.evaluate(() => {
    const names = window.__mirage!.clusterLabels().map((l) => l.text);
    const rows = [...document.querySelectorAll<HTMLElement>('[data-panel=clusters] .cluster-row')].map((row) => {
      const label = row.querySelector<HTMLElement>('.cluster-label');
      const text = row.querySelector<HTMLElement>('.cluster-text')!.getBoundingClientRect();
      const box = row.getBoundingClientRect();
      const buttons = [...row.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
      return {
        title: row.title,
        label: label?.innerText ?? '',
        cut: label ? label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1 : false,
        buttonsFit: buttons.length === 3 && buttons.every((b) => b.width >= 36 && b.height >= 18 && b.left >= box.left && b.right <= box.right + 0.5 && b.left >= text.right - 0.5),
      };
    });
    return { names, rows };
  });
  const report = `${what}: ${JSON.stringify(found)}`;
  expect(found.names.length, report).toBeGreaterThan(0);
  for (const name of found.names) {
    const row = found.rows.find((r) => r.title.startsWith(`${name} — `));
    expect(row, `${report} — no row whose tooltip names ${name}`).toBeDefined();
    // The row shows the name after "C1 · " in full, as text a person reads (not only a tooltip).
    expect(row!.label.replace(/\s+/g, ' '), report).toBe(name.split(' · ').slice(1).join(' · '));
    expect(row!.cut, report).toBe(false);
    expect(row!.buttonsFit, report).toBe(true);
  }
}

function expectGoodSight(s: Sight, what: string): void {
  const report = `${what}: ${JSON.stringify(s)}`;
  expect(Math.max(s.fillX, s.fillY), report).toBeGreaterThanOrEqual(0.5);
  expect(s.onCanvas, report).toBeGreaterThanOrEqual(0.95);
  expect(s.medianDiameter, report).toBeGreaterThanOrEqual(4);
  expect(s.medianDiameter, report).toBeLessThanOrEqual(24);
  for (const l of s.labelCover) expect(l.worst, `${report} — label ${l.text}`).toBeLessThanOrEqual(0.05);
  expect(s.underLegend, report).toBe(0);
  // The framing keeps the points in the part of the canvas the legend leaves free.
  expect(s.pointsUnderLegend, report).toBeLessThanOrEqual(0.01);
}

describe.each(['demo', 'cars', 'seattle', 'iris'])('first sight of %s at 1280×720', (name) => {
  it('fills the canvas with visible spheres, names beside their clusters; F frames them again', async () => {
    const session = sessions.get(name)!;
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors, { width: 1280, height: 720 });
    await settled(page);
    const first = await sight(page);
    console.log(`first sight ${name}:`, JSON.stringify(first));
    await screenshotPixels(page, `first-sight-${name}`);
    expectGoodSight(first, `${name}, first view`);
    await expectWholeNamesInPanel(page, `${name}, Clusters panel`);
    expect(first.labels, 'coloured by cluster: names are on').toBeGreaterThan(0);
    expect(first.labelsShown).toBeGreaterThan(0);

    // A name cut short in the scene shows in full under the pointer.
    const named = (await page.evaluate(() => window.__mirage!.placedLabels())).find((l) => l.shown)!;
    const canvas = (await page.evaluate(() => window.__mirage!.canvasRect()))!;
    await page.mouse.move(canvas.left + (named.box.x0 + named.box.x1) / 2, canvas.top + (named.box.y0 + named.box.y1) / 2);
    await expect.poll(() => page.textContent('[data-testid=cluster-name-tip]')).toBe(named.text);

    // F at the first view (already framed) still visibly moves: in from farther out, to the same frame.
    const home = await page.evaluate(() => window.__mirage!.camera());
    const reach = (c: { position: number[]; target: number[] }) => Math.hypot(...c.position.map((v, i) => v - c.target[i]));
    // The farthest the camera gets, sampled every animation frame from just before the key.
    const farthest = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let most = 0;
          const start = performance.now();
          const sample = () => {
            const c = window.__mirage!.camera();
            most = Math.max(most, Math.hypot(...c.position.map((v, i) => v - c.target[i])));
            if (performance.now() - start < 1500) requestAnimationFrame(sample);
            else resolve(most);
          };
          sample();
        }),
    );
    await page.keyboard.press('KeyF');
    expect((await farthest) / reach(home)).toBeGreaterThan(1.05);
    const framed = await cameraAtRest(page);
    for (let i = 0; i < 3; i++) expect(framed.position[i]).toBeCloseTo(home.position[i], 3);

    // Look from elsewhere (drag to orbit, wheel to zoom out), then F frames the points again.
    const rect = (await page.evaluate(() => window.__mirage!.canvasRect()))!;
    const cx = rect.left + rect.width / 2;
    const cy = rect.top + rect.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 220, cy - 90, { steps: 8 });
    await page.mouse.up();
    await page.mouse.wheel(0, 900);
    const away = await settled(page).then(() => page.evaluate(() => window.__mirage!.camera()));
    await page.keyboard.press('KeyF');
    await page.waitForFunction(
      (a) => {
        const g = window.__mirage!.cameraGoal();
        return Math.hypot(...g.position.map((v, i) => v - a.position[i])) > 1e-3;
      },
      away,
      { timeout: 10_000 },
    );
    await settled(page);
    const again = await sight(page);
    console.log(`after F ${name}:`, JSON.stringify(again));
    await screenshotPixels(page, `first-sight-${name}-after-f`);
    expectGoodSight(again, `${name}, after F`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the snapshot export', () => {
  it('draws the names by the same rules: beside their clusters, off the points', async () => {
    const session = sessions.get('demo')!;
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors, { width: 1280, height: 720 });
    await settled(page);
    await page.click('[data-panel=export] .panel-toggle');
    await page.selectOption('[aria-label="Snapshot size"]', '1920x1080');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid=export-png]')]);
    const bytes = await readFile((await download.path())!);
    await writeFile(join(screenshotDir, 'first-sight-demo-snapshot.png'), bytes);
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('cluster names in the Clusters panel on narrower screens', () => {
  it('shows Seattle\'s names whole beside usable buttons on a 1024×700 projector and in a phone\'s drawer', async () => {
    const session = sessions.get('seattle')!;
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors, { width: 1024, height: 700 });
    await settled(page);
    await expectWholeNamesInPanel(page, 'seattle at 1024×700');
    // "hide" looks pressed only while its cluster is hidden.
    const hide = page.getByRole('button', { name: 'Hide C1' });
    expect(await page.locator('[data-panel=clusters] button[aria-pressed=true]').count()).toBe(0);
    await hide.click();
    await expect.poll(() => hide.getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-panel=clusters]').screenshot({ path: join(screenshotDir, 'first-sight-seattle-clusters-1024.png') });
    await hide.click();
    await expect.poll(() => hide.getAttribute('aria-pressed')).toBe('false');
    await page.context().close();

    const phone = await openSessionPage(browser, server.url, session, session.editToken, errors, { width: 390, height: 844 });
    await settled(phone);
    await phone.getByRole('button', { name: 'Toggle dashboard' }).click();
    await phone.locator('[data-panel=clusters] .cluster-row').first().waitFor({ state: 'visible' });
    await expectWholeNamesInPanel(phone, 'seattle in a phone drawer');
    await phone.locator('[data-panel=clusters]').screenshot({ path: join(screenshotDir, 'first-sight-seattle-clusters-phone.png') });
    expect(errors).toEqual([]);
    await phone.context().close();
  });
});

describe('first sight on a narrow screen', () => {
  it('the demo on a phone (390×844) still fills the canvas, names kept off the points', async () => {
    const session = sessions.get('demo')!;
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors, { width: 390, height: 844 });
    await settled(page);
    const s = await sight(page);
    console.log('first sight demo, phone:', JSON.stringify(s));
    await screenshotPixels(page, 'first-sight-demo-phone');
    expect(Math.max(s.fillX, s.fillY)).toBeGreaterThanOrEqual(0.5);
    expect(s.onCanvas).toBeGreaterThanOrEqual(0.95);
    for (const l of s.labelCover) expect(l.worst, l.text).toBeLessThanOrEqual(0.05);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

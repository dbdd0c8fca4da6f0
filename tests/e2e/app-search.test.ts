import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { loadAsset } from '../support/assets.ts';
import { decodePng, screenshotPixels, type Pixels } from '../support/browser.ts';
import { colourCensus } from '../support/colour-census.ts';
import { cameraAtRest } from '../support/camera-rest.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * Search as a user meets it: matches stand out in the scene (the rest fade, for this
 * participant only), the legend says what the rings mean, and the matches can become the
 * shared selection or be framed. Penguins with a PCA layout, one editor page.
 */
let server: RunningServer;
let fixture: SessionFixture | undefined;
let browser: Browser;
let tokens: SessionCreated;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'search', title: 'Search' });
  ({ server, browser, session: tokens } = fixture);
  page = await openSessionPage(browser, server.url, tokens, tokens.editToken, errors);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

/** Chromatic pixels of the scene (legend blanked) nearest each colour by chromaticity. */
async function sceneCensus(colours: string[], name: string): Promise<number[]> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = (await page.locator('.scene-area canvas').boundingBox())!;
  const legendBox = (await page.locator('[data-testid=legend]').boundingBox())!;
  const shot: Pixels = decodePng(await page.screenshot({ clip: box }));
  await screenshotPixels(page, name);
  const inLegend = (x: number, y: number) => {
    const [px, py] = [x + box.x, y + box.y];
    return px >= legendBox.x - 2 && px <= legendBox.x + legendBox.width + 2 && py >= legendBox.y - 2 && py <= legendBox.y + legendBox.height + 2;
  };
  return colourCensus(shot, colours, inLegend);
}

describe('search in the scene', () => {
  it('fades non-matches, explains the rings, selects and frames the matches', async () => {
    const legend = await page.evaluate(() => window.__mirage!.legend());
    expect(legend?.kind).toBe('categorical');
    const items = legend!.kind === 'categorical' ? legend!.items.filter((i) => i.key !== null) : [];
    const colours = items.map((i) => i.color);

    // Which clusters the Gentoo rows fall in, from the real table.
    const table = await loadAsset('penguins');
    const species = table.columns.find((c) => c.name === 'Species')!.data;
    if (species.type !== 'category') throw new Error('Species should be a category column');
    const gentoo = species.dictionary.findIndex((d) => d.toLowerCase().includes('gentoo'));
    const { matches, clusters } = await page.evaluate(() => {
      const m = window.__mirage!;
      const rows: number[] = [];
      const clusters: number[] = [];
      for (let p = 0; p < m.count; p++) {
        rows.push(m.rowOf(p));
        clusters.push(m.clusterOf(p));
      }
      return { matches: rows, clusters };
    });
    const perCluster = new Map<number, number>();
    let expected = 0;
    matches.forEach((row, p) => {
      if (species.codes[row] !== gentoo) return;
      expected++;
      perCluster.set(clusters[p], (perCluster.get(clusters[p]) ?? 0) + 1);
    });
    // Clusters holding most of the matches: their colours should own the scene once others fade.
    const matchedKeys = new Set([...perCluster].filter(([, n]) => n >= expected * 0.1).map(([k]) => k));
    const matchedIdx = items.map((it, k) => (matchedKeys.has(Number(it.key)) ? k : -1)).filter((k) => k >= 0);
    expect(matchedIdx.length).toBeGreaterThan(0);
    expect(matchedIdx.length).toBeLessThan(items.length);
    const share = (census: number[]) => matchedIdx.reduce((s, k) => s + census[k], 0) / Math.max(1, census.reduce((a, b) => a + b, 0));

    // Cluster names in the scene have borders in the cluster colours, which the census would count.
    if ((await page.evaluate(() => window.__mirage!.clusterLabels().length)) > 0) {
      await page.click('[data-testid=cluster-names-toggle]');
      await page.waitForFunction(() => window.__mirage!.clusterLabels().length === 0, undefined, { timeout: 10_000 });
    }
    const before = await sceneCensus(colours, 'app-search-before');
    await page.fill('#search-input', 'gentoo');
    await page.waitForSelector(`[data-testid=search-count][data-value="${expected}"]`, { timeout: 10_000 });
    // The fade is drawn by the scene a frame or more later (its own renderer, eased colours):
    // census fresh frames until the matches own the picture, up to a cap, then check.
    let after = await sceneCensus(colours, 'app-search-gentoo');
    for (const deadline = Date.now() + 10_000; share(after) <= 0.9 && Date.now() < deadline; ) {
      await page.waitForTimeout(150);
      after = await sceneCensus(colours, 'app-search-gentoo');
    }
    expect(share(before), `before: ${before.join(', ')}`).toBeLessThan(0.75);
    expect(share(after), `after: ${after.join(', ')}`).toBeGreaterThan(0.9);
    // Matches keep their colour: their clusters' pixels do not shrink much.
    const matchedPixels = (c: number[]) => matchedIdx.reduce((s, k) => s + c[k], 0);
    expect(matchedPixels(after)).toBeGreaterThan(matchedPixels(before) * 0.6);

    // The legend explains the anomaly halo and the search ring.
    await expect.poll(() => page.locator('[data-testid=legend-marks] [data-mark=search]').count()).toBe(1);
    expect(await page.locator('[data-testid=legend-marks] [data-mark=anomaly]').textContent()).toMatch(/anomaly \(top \d+(\.\d)?%\)/);
    expect(await page.locator('[data-testid=legend-marks] [data-mark=selected]').count()).toBe(0);
    // The scope select says what it does.
    expect(await page.locator('select.search-scope').getAttribute('title')).toMatch(/search/i);
    expect(await page.locator('select.search-scope option[value=""]').textContent()).toBe('all columns');

    // Select matches: the shared selection is exactly the matches.
    await page.click('[data-testid=search-select]');
    await page.waitForFunction((n) => document.querySelector('[data-testid=selected-count]')?.getAttribute('data-value') === String(n), expected, { timeout: 10_000 });
    const selectedRows = await page.evaluate(() => window.__mirage!.selectedRows());
    expect(selectedRows.every((r) => species.codes[r] === gentoo) && selectedRows.length === expected).toBe(true);
    await expect.poll(() => page.locator('[data-testid=legend-marks] [data-mark=selected]').count()).toBe(1);

    // Frame matches: the camera moves and every match lands on the canvas.
    const cameraBefore = await page.evaluate(() => window.__mirage!.camera().target);
    await page.click('[data-testid=search-frame]');
    await expect.poll(async () => JSON.stringify(await page.evaluate(() => window.__mirage!.camera().target)), { timeout: 10_000 }).not.toBe(JSON.stringify(cameraBefore));
    await cameraAtRest(page);
    const offCanvas = await page.evaluate((rows) => {
      const m = window.__mirage!;
      const rect = m.canvasRect()!;
      const wanted = new Set(rows);
      let off = 0;
      for (let p = 0; p < m.count; p++) {
        if (!wanted.has(m.rowOf(p))) continue;
        const at = m.project(p);
        if (!at || at.x < 0 || at.y < 0 || at.x > rect.width || at.y > rect.height) off++;
      }
      return off;
    }, selectedRows);
    expect(offCanvas).toBe(0);

    // With every column in scope, a number finds the rows holding it in any number column.
    const numberColumns = table.columns.flatMap((c) => (c.data.type === 'number' ? [c.data.values] : []));
    const holding = matches.filter((row) => numberColumns.some((values) => values[row] === 3750)).length;
    expect(holding).toBeGreaterThan(3);
    await page.fill('#search-input', '3750');
    await page.waitForSelector(`[data-testid=search-count][data-value="${holding}"]`, { timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { screenshotPixels, type Pixels } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * Cluster names floating in the scene, as a projector room sees them at 1280×720: drawn beside
 * their clusters by default (colour by cluster, few clusters), gone when the personal switch in
 * the legend is turned off, back when it is turned on.
 */
let server: RunningServer;
let fixture: SessionFixture | undefined;
let browser: Browser;
let tokens: SessionCreated;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'labels', title: 'Penguin labels' });
  ({ server, browser, session: tokens } = fixture);
  page = await openSessionPage(browser, server.url, tokens, tokens.editToken, errors, { width: 1280, height: 720 });
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Page-pixel boxes of the names the scene placed and draws (beside their clusters, clear of the legend). */
async function labelBoxes(): Promise<{ texts: string[]; boxes: Box[] }> {
  return page.evaluate(() => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    const boxes = m
      .placedLabels()
      .filter((l) => l.shown)
      .map((l) => ({ x0: rect.left + l.box.x0, y0: rect.top + l.box.y0, x1: rect.left + l.box.x1, y1: rect.top + l.box.y1 }));
    return { texts: m.clusterLabels().map((l) => l.text), boxes };
  });
}

/** Near-white, grey-ish pixels: the label text (#eef2f8); points are saturated palette colours. */
function textPixels(px: Pixels, box: Box): number {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(px.height, box.y1); y++) {
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(px.width, box.x1); x++) {
      const i = (y * px.width + x) * 4;
      const [r, g, b] = [px.data[i], px.data[i + 1], px.data[i + 2]];
      if (Math.min(r, g, b) > 200 && Math.max(r, g, b) - Math.min(r, g, b) < 30) n++;
    }
  }
  return n;
}

/**
 * Fewest / most text pixels over the boxes, from a fresh screenshot each try: the names are
 * placed by the frame loop, which a loaded machine runs late, so poll rather than pause.
 */
function textPixelsOver(boxes: Box[], name: string, pick: 'fewest' | 'most'): () => Promise<number> {
  return async () => {
    const px = await screenshotPixels(page, name);
    const counts = boxes.map((box) => textPixels(px, box));
    return pick === 'fewest' ? Math.min(...counts) : Math.max(...counts);
  };
}

describe('cluster names in the scene', () => {
  it('draws one name per cluster beside its points by default, with the legend text', async () => {
    const legend = await page.evaluate(() => window.__mirage!.legend());
    const { texts, boxes } = await labelBoxes();
    expect(texts.length).toBeGreaterThanOrEqual(2);
    const legendTexts = legend?.kind === 'categorical' ? legend.items.map((i) => i.label) : [];
    for (const t of texts) expect(legendTexts).toContain(t);
    expect(await page.isChecked('[data-testid=cluster-names-toggle]')).toBe(true);
    expect(boxes.length).toBeGreaterThanOrEqual(1);
    await expect.poll(textPixelsOver(boxes, 'labels-on', 'fewest'), { timeout: 10_000 }).toBeGreaterThan(40);
  });

  it('removes them when "names in scene" is turned off, and brings them back', async () => {
    const { boxes } = await labelBoxes();
    const on = await page.evaluate(() => window.__mirage!.clusterLabels().length);
    await page.click('[data-testid=cluster-names-toggle]');
    await page.waitForFunction(() => window.__mirage!.clusterLabels().length === 0, undefined, { timeout: 5000 });
    await expect.poll(textPixelsOver(boxes, 'labels-off', 'most'), { timeout: 10_000 }).toBeLessThan(10);

    await page.click('[data-testid=cluster-names-toggle]');
    await page.waitForFunction((n) => window.__mirage!.clusterLabels().length === n, on, { timeout: 5000 });
    await expect.poll(textPixelsOver(boxes, 'labels-again', 'fewest'), { timeout: 10_000 }).toBeGreaterThan(40);
    expect(errors).toEqual([]);
  });
});

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * Many clusters: wine (178 rows, 13 measured columns) with k-means k = 9, seen at 1280×800 and
 * at 1024×700. The cluster panel, the statistics dialog and compare must stay legible: nothing
 * wider than the screen, dialogs within it, long content scrolling in its own box.
 * Screenshots under tests/e2e/screenshots/insights-many-*.png.
 */
let fx: SessionFixture;
const errors: string[] = [];

beforeAll(async () => {
  fx = await startSessionFixture({ name: 'insights-many', title: 'Wine, nine clusters', asset: 'wine', params: { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 9 } } });
}, 240_000);

afterAll(async () => {
  await fx?.close();
});

/** The parts of `selector` that stick out of the window or of their own box, as "what: how much". */
async function overflows(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const root of els) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.right > width + 1) out.push(`${el.tagName}.${el.className}: right ${Math.round(r.right)} > ${width}`);
        const style = getComputedStyle(el);
        const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
        if (clipsX && el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis') out.push(`${el.tagName}.${el.className}: clipped ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return out.slice(0, 10);
  });
}

describe.each([
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
])('nine wine clusters at $width×$height', (viewport) => {
  let page: Page;
  const tag = `${viewport.width}x${viewport.height}`;

  beforeAll(async () => {
    page = await openSessionPage(fx.browser, fx.server.url, fx.session, fx.session.editToken, errors, viewport);
  }, 120_000);

  it('lists nine clusters in the panel, each with its paragraph, nothing sticking out', async () => {
    const panel = page.locator('[data-panel=clusters]');
    await panel.locator('[data-testid=cluster-about]').first().waitFor();
    expect(await panel.locator('li.cluster-item').count()).toBe(9);
    expect(await panel.locator('li.cluster-item .paragraph').count()).toBe(9);
    // Nine trait lists open would run to five screens: folded behind a link under each paragraph.
    expect(await panel.locator('.trait').count()).toBe(0);
    const toggle = panel.locator('li.cluster-item').first().locator('button.link', { hasText: /^\d+ traits?$/ });
    const listed = Number(/^\d+/.exec((await toggle.textContent())!)![0]);
    await toggle.click();
    expect(await panel.locator('li.cluster-item').first().locator('.trait').count()).toBe(listed);
    await panel.locator('li.cluster-item').first().locator('button.link', { hasText: 'hide traits' }).click();
    expect(await overflows(page, '[data-panel=clusters]')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(viewport.width);
    await page.screenshot({ path: join(screenshotDir, `insights-many-page-${tag}.png`) });
    await panel.screenshot({ path: join(screenshotDir, `insights-many-panel-${tag}.png`) });
  }, 60_000);

  it('shows the statistics of ten groups within the screen, the table scrolling in its own box', async () => {
    await page.locator('[data-panel=clusters] button', { hasText: 'statistics' }).click();
    const dialog = page.locator('[data-testid=cluster-stats-dialog]');
    const table = dialog.locator('[data-testid=cluster-stats-table]');
    await table.locator('tbody tr').first().waitFor();
    expect(await dialog.locator('.stats-controls input[type=checkbox]').count()).toBe(10);
    // A line above each column's block of ten rows.
    const columns = await table.locator('tbody tr').evaluateAll((rows) => new Set(rows.map((r) => r.getAttribute('data-column'))).size);
    expect(await table.locator('tbody tr.block-start').count()).toBe(columns - 1);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    // Its header stays in view while the rows scroll under it.
    const scroller = dialog.locator('.cluster-stats-scroll');
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
    const head = (await table.locator('thead th').first().boundingBox())!;
    const scrollBox = (await scroller.boundingBox())!;
    expect(head.y).toBeGreaterThanOrEqual(scrollBox.y - 1);
    await page.screenshot({ path: join(screenshotDir, `insights-many-stats-${tag}.png`) });
    // Ten groups make each column ten rows: the filter finds columns by name.
    await dialog.locator('[data-testid=stats-column-filter]').fill('phenols');
    expect(new Set(await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-column'))))).toEqual(new Set(['total_phenols', 'nonflavanoid_phenols']));
    expect(await table.locator('tbody tr').count()).toBe(20);
    expect(await dialog.locator('.stats-filter').textContent()).toContain('2 of 14 columns');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    await page.screenshot({ path: join(screenshotDir, `insights-many-stats-filtered-${tag}.png`) });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it('compares two of the nine clusters in a dialog within the screen', async () => {
    await page.locator('[data-panel=clusters] button', { hasText: 'compare' }).click();
    const dialog = page.locator('[data-testid=compare-dialog]');
    await dialog.waitFor();
    const clusters = await dialog.locator('[data-testid=compare-a] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v.startsWith('cluster:')));
    expect(clusters.length).toBe(9);
    await dialog.locator('[data-testid=compare-a]').selectOption(clusters[8]);
    await dialog.locator('[data-testid=compare-b]').selectOption('rest');
    await dialog.locator('button', { hasText: /^Compare$/ }).click();
    await dialog.locator('[data-testid=compare-result] .trait').first().waitFor({ timeout: 30_000 });
    const more = dialog.locator('[data-testid=compare-result] button', { hasText: /more trait/ });
    if ((await more.count()) > 0) await more.click();
    const box = (await dialog.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(await overflows(page, '[data-testid=compare-dialog]')).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `insights-many-compare-${tag}.png`) });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  }, 60_000);
});

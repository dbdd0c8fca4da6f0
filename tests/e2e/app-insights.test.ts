import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAnalysis, waitForAnalysis } from '../support/analysis-client.ts';
import { repoRoot, screenshotDir } from '../support/browser.ts';
import { ownerFetch, postJson } from '../support/http.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * Explained clusters in the interface: one penguin session (PCA + k-means), one editor page at
 * 1280×800. The cluster panel's paragraphs and traits, the per-cluster statistics table (sort,
 * CSV), comparing the selection with the rest, and the anomalies' nearest typical rows.
 * Screenshots under tests/e2e/screenshots/insights-*.png; the cluster panel's is also
 * docs/insights-clusters.png.
 */
let fx: SessionFixture;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  // k = 3: three clusters let a bookmark's selection and today's share a cluster (then vs now).
  fx = await startSessionFixture({ name: 'insights', title: 'Penguins, explained', params: { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 3 } } });
  page = await openSessionPage(fx.browser, fx.server.url, fx.session, fx.session.editToken, errors, { width: 1280, height: 800 });
}, 240_000);

afterAll(async () => {
  await fx?.close();
});

const numberIn = (text: string): number => Number(text.replace(/,/g, '').replace(/[^\d.eE+-].*$/, ''));

/** The groups of a statistics CSV as name → size ('all' first). */
function csvGroups(csv: string): Record<string, number> {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  return Object.fromEntries(parsed.data.map((r) => [r.cluster, Number(r.size)]));
}

/** The clusters as the panel shows them, name → size, with all analysed rows. */
async function panelGroups(p: Page): Promise<Record<string, number>> {
  const rows = await p.locator('[data-panel=clusters] .cluster-row').evaluateAll((els) =>
    els.map((el) => [el.querySelector('.cluster-name')!.childNodes[0]!.textContent!.trim(), el.querySelector('[data-testid=cluster-size]')!.textContent!] as const),
  );
  const total = await p.evaluate(() => window.__mirage!.count);
  return { all: total, ...Object.fromEntries(rows.map(([name, size]) => [name, numberIn(size)])) };
}

/** Clicks "Download CSV" in the open statistics dialog and reads the file. */
async function downloadStatsCsv(p: Page): Promise<string> {
  const dialog = p.locator('[data-testid=cluster-stats-dialog]');
  const [download] = await Promise.all([p.waitForEvent('download', { timeout: 30_000 }), dialog.locator('button', { hasText: 'Download CSV' }).click()]);
  return readFile((await download.path())!, 'utf8');
}

describe('explained clusters', () => {
  it('shows each cluster with its share, a paragraph and its traits; the Gentoo cluster is told by body mass or flipper length', async () => {
    const panel = page.locator('[data-panel=clusters]');
    await panel.locator('[data-testid=cluster-about]').first().waitFor();
    const abouts = await panel.locator('li.cluster-item:has([data-testid=cluster-about])').evaluateAll((els) =>
      els.map((el) => ({
        size: el.querySelector('[data-testid=cluster-size]')?.textContent ?? '',
        paragraph: el.querySelector('.paragraph')?.textContent ?? '',
        traits: [...el.querySelectorAll('.trait')].map((t) => ({ column: t.getAttribute('data-column'), kind: t.getAttribute('data-kind'), text: t.textContent })),
      })),
    );
    const report = JSON.stringify(abouts, null, 1);
    expect(abouts.length, report).toBeGreaterThanOrEqual(2);
    for (const a of abouts) {
      expect(a.size, report).toMatch(/^[\d,]+ points$/);
      // The paragraph opens with the size and the share: "214 penguins, 64% of all: …".
      expect(a.paragraph, report).toMatch(new RegExp(`^${a.size.replace(' points', '')} penguins, \\d+% of all: .{20,}`));
      expect(a.traits.length, report).toBeGreaterThan(0);
      expect(a.traits.length, report).toBeLessThanOrEqual(3);
    }
    const gentoo = abouts.find((a) => a.traits.some((t) => t.kind === 'mostly' && t.text?.includes('Gentoo')));
    expect(gentoo, report).toBeDefined();
    expect(gentoo!.paragraph, report).toMatch(/body mass|flipper length/i);
    // Traits in the column's units against the rest, with the effect size.
    const numeric = gentoo!.traits.find((t) => t.kind === 'higher' || t.kind === 'lower');
    // Each figure with the unit the column's name gives ("217.2 mm vs 191.9 mm"), as the paragraph writes them.
    expect(numeric?.text ?? '', report).toMatch(/[\d,.]+ (g|mm) vs [\d,.]+ (g|mm)d -?\d+\.\d/);

    await page.evaluate(() => document.querySelector('[data-panel=clusters]')?.scrollIntoView({ block: 'start' }));
    const shot = join(screenshotDir, 'insights-clusters.png');
    await panel.screenshot({ path: shot });
    if (process.env.DOCS_SHOTS) await copyFile(shot, join(repoRoot, 'docs', 'insights-clusters.png'));
  }, 60_000);

  it('opens the per-cluster statistics over the scene: sortable by any header, CSV with the right header, Esc closes', async () => {
    await page.locator('[data-panel=clusters] button', { hasText: 'statistics' }).click();
    const dialog = page.locator('[data-testid=cluster-stats-dialog]');
    const table = dialog.locator('[data-testid=cluster-stats-table]');
    await table.locator('tbody tr').first().waitFor();
    // Modal (the page behind is inert), the keyboard focus inside it.
    expect(await page.evaluate(() => document.querySelector('[data-testid=cluster-stats-dialog]')!.contains(document.activeElement))).toBe(true);
    expect(await page.evaluate(() => document.querySelector('[data-testid=cluster-stats-dialog]')!.matches(':modal'))).toBe(true);
    const groups = await dialog.locator('.stats-controls input[type=checkbox]').count();
    const columns = await table.locator('tbody tr').evaluateAll((rows) => new Set(rows.map((r) => r.getAttribute('data-column'))).size);
    expect(await table.locator('tbody tr').count()).toBe(groups * columns);

    const means = async () =>
      (await table.locator('tbody td[data-stat=mean]').allTextContents()).filter((t) => t.trim() !== '').map(numberIn);
    await table.locator('th[data-key=mean] button').click();
    expect(await table.locator('th[data-key=mean]').getAttribute('aria-sort')).toBe('descending');
    const down = await means();
    expect(down.length).toBeGreaterThan(4);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await table.locator('th[data-key=mean] button').click();
    expect(await table.locator('th[data-key=mean]').getAttribute('aria-sort')).toBe('ascending');
    const up = await means();
    expect(up).toEqual([...up].sort((a, b) => a - b));

    // Only one cluster: its rows alone.
    await dialog.locator('.stats-controls input[type=checkbox]').first().uncheck();
    expect(await table.locator('tbody tr').count()).toBe((groups - 1) * columns);
    await dialog.locator('.stats-controls button', { hasText: 'all' }).click();
    await page.screenshot({ path: join(screenshotDir, 'insights-stats-table.png') });

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), dialog.locator('button', { hasText: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/cluster-statistics\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const header = csv.split(/\r?\n/)[0]!.split(',');
    for (const name of ['count', 'mean', 'sd', 'min', 'q1', 'median', 'q3', 'max', 'missing']) expect(header, csv.slice(0, 200)).toContain(name);
    expect(csv).toContain('Body Mass (g)');
    // Clusters under the names and sizes the panel shows (C1…, not the analysis's 0-based ids).
    expect(csvGroups(csv)).toEqual(await panelGroups(page));

    const selectedBefore = await page.evaluate(() => window.__mirage!.selectedCount());
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.__mirage!.selectedCount())).toBe(selectedBefore);
    // Focus goes back to the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('statistics');
  }, 90_000);

  it('compares the selection with the rest: traits and a paragraph', async () => {
    const row = page.locator('[data-panel=clusters] .cluster-row').first();
    await row.locator('button', { hasText: 'select' }).click();
    await page.waitForFunction(() => window.__mirage!.selectedCount() > 0);
    await page.locator('[data-panel=clusters] button', { hasText: 'compare' }).click();
    const dialog = page.locator('[data-testid=compare-dialog]');
    await dialog.waitFor();
    expect(await dialog.locator('[data-testid=compare-a]').inputValue()).toBe('selection');
    expect(await dialog.locator('[data-testid=compare-b]').inputValue()).toBe('rest');
    await dialog.locator('button', { hasText: /^Compare$/ }).click();
    const result = dialog.locator('[data-testid=compare-result]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.locator('.trait').count()).toBeGreaterThan(0);
    expect((await result.locator('.paragraph').textContent())!.length).toBeGreaterThan(20);
    expect(await result.locator('.compare-sizes').textContent()).toMatch(/A: the selection \([\d,]+ points · [\d.]+%\) against B: the rest \([\d,]+ points · [\d.]+%\)/);
    await page.screenshot({ path: join(screenshotDir, 'insights-compare.png') });
    await dialog.locator('button[aria-label=Close]').click();
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it("compares a bookmark's saved selection with today's selection", async () => {
    // The first cluster is selected (previous test): save it with a bookmark, then select the second instead.
    const rows = page.locator('[data-panel=clusters] .cluster-row');
    const first = await page.evaluate(() => window.__mirage!.selectedRows());
    await page.locator('[data-panel=bookmarks] .panel-toggle').click();
    await page.locator('[data-panel=bookmarks] input[aria-label="Bookmark title"]').fill('First cluster');
    await page.locator('[data-panel=bookmarks] button', { hasText: 'save view' }).click();
    await page.locator('[data-testid=bookmarks] li', { hasText: 'First cluster' }).waitFor();
    await rows.nth(0).locator('button', { hasText: 'selected' }).click();
    await rows.nth(1).locator('button', { hasText: 'select' }).click();
    await page.waitForFunction((n) => window.__mirage!.selectedCount() > 0 && window.__mirage!.selectedRows()[0] !== n, first[0]);

    await page.locator('[data-panel=clusters] button', { hasText: 'compare' }).click();
    const dialog = page.locator('[data-testid=compare-dialog]');
    const bookmark = dialog.locator('[data-testid=compare-a] option', { hasText: 'First cluster' });
    expect(await bookmark.textContent()).toContain(`(${first.length} rows)`);
    await dialog.locator('[data-testid=compare-a]').selectOption({ label: (await bookmark.textContent())! });
    await dialog.locator('[data-testid=compare-b]').selectOption('selection');
    await dialog.locator('button', { hasText: /^Compare$/ }).click();
    const result = dialog.locator('[data-testid=compare-result]');
    await result.waitFor({ timeout: 30_000 });
    const sizes = (await result.locator('.compare-sizes').textContent())!;
    expect(sizes).toContain(`A: bookmark “First cluster” (${first.length} points`);
    expect(await result.locator('.trait').count()).toBeGreaterThan(0);
    // The bookmark's rows against the cluster they came from: the server's sentence, shown as is.
    const firstCluster = await dialog.locator('[data-testid=compare-b] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v.startsWith('cluster:'))!);
    await dialog.locator('[data-testid=compare-b]').selectOption(firstCluster);
    await dialog.locator('button', { hasText: /^Compare$/ }).click();
    await expect.poll(() => dialog.locator('[role=alert]').textContent(), { timeout: 30_000 }).toMatch(/overlap/);
    expect(await result.count()).toBe(0);
    // The focus fell to <body> when "Compare" disabled itself while asking; Esc still only closes the dialog.
    const selectedBefore = await page.evaluate(() => window.__mirage!.selectedCount());
    expect(selectedBefore).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => window.__mirage!.selectedCount())).toBe(selectedBefore);
  }, 60_000);

  it("compares then with now: a bookmark's selection against today's that shares rows, by the rows only in each", async () => {
    const rows = page.locator('[data-panel=clusters] .cluster-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const sizes = (await rows.locator('[data-testid=cluster-size]').allTextContents()).map(numberIn);
    // Then: C1 and C2 (C2 is selected since the previous test); now: C2 and C3.
    expect(await page.evaluate(() => window.__mirage!.selectedCount())).toBe(sizes[1]);
    await rows.nth(0).locator('button', { hasText: 'select' }).click();
    const selected = () => page.evaluate(() => window.__mirage!.selectedCount());
    await expect.poll(selected, { timeout: 15_000 }).toBe(sizes[0] + sizes[1]);
    await page.locator('[data-panel=bookmarks] input[aria-label="Bookmark title"]').fill('Then');
    await page.locator('[data-panel=bookmarks] button', { hasText: 'save view' }).click();
    await page.locator('[data-testid=bookmarks] li', { hasText: 'Then' }).waitFor();
    await rows.nth(0).locator('button', { hasText: 'selected' }).click();
    await rows.nth(2).locator('button', { hasText: 'select' }).click();
    await expect.poll(selected, { timeout: 15_000 }).toBe(sizes[1] + sizes[2]);

    await page.locator('[data-panel=clusters] button', { hasText: 'compare' }).click();
    const dialog = page.locator('[data-testid=compare-dialog]');
    const then = dialog.locator('[data-testid=compare-a] option', { hasText: 'bookmark “Then”' });
    await dialog.locator('[data-testid=compare-a]').selectOption({ label: (await then.textContent())! });
    await dialog.locator('[data-testid=compare-b]').selectOption('selection');
    await dialog.locator('button', { hasText: /^Compare$/ }).click();
    const result = dialog.locator('[data-testid=compare-result]');
    await result.waitFor({ timeout: 30_000 });
    // The rows only then (C1) against the rows only now (C3); C2's rows, in both, left out and counted.
    const heading = (await result.locator('.compare-sizes').textContent())!;
    expect(heading).toContain(`A: bookmark “Then” (${sizes[0].toLocaleString('en-US')} points`);
    expect(heading).toContain(`B: the selection (${sizes[2].toLocaleString('en-US')} points`);
    expect(await result.locator('[data-testid=compare-shared]').textContent()).toContain(`${sizes[1].toLocaleString('en-US')} rows in both left out`);
    expect(await result.locator('.trait').count()).toBeGreaterThan(0);
    expect(await dialog.locator('[role=alert]').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'insights-compare-then-now.png') });

    // Now only C2, all of it also then: nothing only now is left, said before asking the server.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await rows.nth(2).locator('button', { hasText: 'selected' }).click();
    await expect.poll(selected, { timeout: 15_000 }).toBe(sizes[1]);
    await page.locator('[data-panel=clusters] button', { hasText: 'compare' }).click();
    await dialog.locator('[data-testid=compare-a]').selectOption({ label: (await then.textContent())! });
    await dialog.locator('[data-testid=compare-b]').selectOption('selection');
    await dialog.locator('button', { hasText: /^Compare$/ }).click();
    await expect.poll(() => dialog.locator('[role=alert]').textContent(), { timeout: 10_000 }).toMatch(/Every row of the selection is also in the other group/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, 60_000);

  it('lists each top anomaly with reasons and its nearest typical rows; a click flies to one', async () => {
    await page.locator('[data-panel=anomalies] .panel-toggle').click();
    const entry = page.locator('.anomaly-entry').first();
    await entry.waitFor();
    const reasons = await page.locator('.anomaly-reasons').allTextContents();
    expect(reasons.every((r) => r.trim().length > 0), JSON.stringify(reasons)).toBe(true);
    const typical = entry.locator('[data-testid=typical-rows] button');
    expect(await typical.count()).toBeGreaterThan(0);
    const text = (await typical.first().textContent())!;
    const row = Number(/row (\d+)/.exec(text)![1]) - 1;
    await page.locator('[data-panel=anomalies]').screenshot({ path: join(screenshotDir, 'insights-anomalies.png') });
    await typical.first().click();
    await page.locator(`[data-testid=point-card][data-row="${row}"]`).waitFor({ timeout: 15_000 });
    expect(errors).toEqual([]);
  }, 60_000);

  it('a view link on a phone (390×844) reads the statistics and compares: the dialog fits the screen, the table scrolls inside it', async () => {
    const viewErrors: string[] = [];
    const phone = await openSessionPage(fx.browser, fx.server.url, fx.session, fx.session.viewToken, viewErrors, { width: 390, height: 844 });
    await phone.getByRole('button', { name: 'Toggle dashboard' }).click();
    await phone.locator('[data-panel=clusters] button', { hasText: 'statistics' }).click();
    const dialog = phone.locator('[data-testid=cluster-stats-dialog]');
    const table = dialog.locator('[data-testid=cluster-stats-table]');
    await table.locator('tbody tr').first().waitFor();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // The page itself never scrolls sideways; the table's own box does.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    const scroller = await dialog.locator('.cluster-stats-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroller.scroll).toBeGreaterThan(scroller.client);
    await phone.screenshot({ path: join(screenshotDir, 'insights-stats-phone.png') });
    await phone.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await phone.locator('[data-panel=clusters] button', { hasText: 'compare' }).click();
    const compare = phone.locator('[data-testid=compare-dialog]');
    await compare.locator('button', { hasText: /^Compare$/ }).click();
    await compare.locator('[data-testid=compare-result] .trait').first().waitFor({ timeout: 30_000 });
    await phone.screenshot({ path: join(screenshotDir, 'insights-compare-phone.png') });
    expect(viewErrors).toEqual([]);
    await phone.context().close();
  }, 90_000);

  it('after a re-bind the statistics CSV numbers and names the clusters as the page shows them', async () => {
    const next = await postAnalysis(fx.server.url, fx.datasetId, { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 4 } });
    expect((await waitForAnalysis(fx.server.url, next.id)).status).toBe('done');
    const rebound = await postJson(`${fx.server.url}/api/sessions/${fx.session.id}/analysis`, { analysisId: next.id }, 'PUT');
    expect(rebound.status, await rebound.text()).toBe(200);
    await page.waitForFunction((id) => window.__mirage?.analysisId === id, next.id, { timeout: 30_000 });
    await page.locator('[data-panel=clusters] .cluster-row').nth(3).waitFor();
    // The page shows some cluster under another number than the analysis's raw id: the case the mapping is for.
    const points = (await (await ownerFetch(`${fx.server.url}/api/analyses/${next.id}/points.json`)).json()) as { cluster: number[] };
    const shown = await page.evaluate((n) => Array.from({ length: n }, (_, p) => window.__mirage!.clusterOf(p)), points.cluster.length);
    expect(points.cluster.some((raw, p) => raw !== shown[p])).toBe(true);

    await page.locator('[data-panel=clusters] button', { hasText: 'statistics' }).click();
    await page.locator('[data-testid=cluster-stats-table] tbody tr').first().waitFor();
    const csv = await downloadStatsCsv(page);
    expect(csvGroups(csv)).toEqual(await panelGroups(page));
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  }, 120_000);
});

import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { assetPath } from '../support/assets.ts';
import { decodePng, ensureClientBuild, launchBrowser, screenshotPixels } from '../support/browser.ts';
import { colourCensus } from '../support/colour-census.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { ownerFetch } from '../support/http.ts';

/**
 * The explorer end to end, as a user drives it: real server on a temp DATA_DIR, the built
 * client, headless Chromium. One server and one browser serve every test in this file; the
 * session made through the start page in the first test is shared by the rest.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let session: { id: string; editUrl: string; datasetId: string } | null = null;
const pages: Page[] = [];

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-app-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

async function newPage(url: string, width = 1280, height = 800): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  pages.push(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

async function sessionReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
}

/** Screen position (page CSS pixels) of a point, or null when it is behind the camera. */
async function pointOnPage(page: Page, point: number): Promise<{ x: number; y: number } | null> {
  return page.evaluate((p) => {
    const m = window.__mirage!;
    const at = m.project(p);
    const rect = m.canvasRect();
    return at && rect ? { x: rect.left + at.x, y: rect.top + at.y } : null;
  }, point);
}

/** A point that is the front-most one under its own projected centre, so hovering it hovers it. */
async function pickablePoint(page: Page): Promise<number> {
  const point = await page.evaluate(() => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    // The pickable point nearest the middle of the canvas, clear of the legend.
    let best = -1;
    let bestD = Infinity;
    for (let p = 0; p < m.count; p++) {
      const at = m.project(p);
      if (!at || at.x < 380 || at.y < 60 || at.x > rect.width - 60 || at.y > rect.height - 60) continue;
      const d = Math.hypot(at.x - rect.width / 2, at.y - rect.height / 2);
      if (d < bestD && m.pick(at.x, at.y) === p) {
        best = p;
        bestD = d;
      }
    }
    return best;
  });
  expect(point).toBeGreaterThanOrEqual(0);
  return point;
}

/** Shift-drag a lasso polygon over the scene (page coordinates). */
async function lasso(page: Page, polygon: [number, number][]): Promise<void> {
  await page.keyboard.down('Shift');
  await page.mouse.move(polygon[0][0], polygon[0][1]);
  await page.mouse.down();
  for (const [x, y] of [...polygon.slice(1), polygon[0]]) await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

async function fetchRows(datasetId: string, rows: number[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const r of rows) {
    const page = (await (await ownerFetch(`${server.url}/api/datasets/${datasetId}/rows?offset=${r}&limit=1`)).json()) as { rows: Record<string, unknown>[] };
    out.push(page.rows[0]);
  }
  return out;
}

describe('explorer: from a file to a shared session', () => {
  it('uploads a CSV through the start page, runs the analysis and shows the clusters in their colours', async () => {
    const { page, errors } = await newPage(ownerLink(server.url));
    await page.setInputFiles('[data-testid=file-input]', assetPath('iris'));
    await page.waitForSelector('[data-testid=preview] tbody tr');
    const header = await page.textContent('[data-testid=preview] thead');
    expect(header).toContain('sepal_length');
    expect(await page.locator('[data-testid=preview] thead select').first().inputValue()).toBe('number');
    // Run is in the window without scrolling once a table is chosen (the table lists fold away).
    const runBox = (await page.locator('[data-testid=run]').boundingBox())!;
    expect(runBox.y + runBox.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(await page.locator('[data-testid=demos]').count()).toBe(0);
    // Each bar of a preview histogram says what it counts.
    expect(await page.locator('[data-testid=preview] thead th').first().locator('.mini-hist-bar title').first().textContent()).toMatch(/^4\.3 – [\d.]+ \(excl\.\): \d+ rows?$/);
    await page.click('[data-testid=run]');
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+\?token=/, { timeout: 90_000 });
    await sessionReady(page);

    const url = new URL(page.url());
    const datasetId = (await (await fetch(`${server.url}/api/sessions/${url.pathname.split('/')[2]}?token=${url.searchParams.get('token')}`)).json()) as { datasetId: string };
    session = { id: url.pathname.split('/')[2], editUrl: page.url(), datasetId: datasetId.datasetId };

    const legend = await page.evaluate(() => window.__mirage!.legend());
    expect(legend?.kind).toBe('categorical');
    const clusterColours = legend!.kind === 'categorical' ? legend!.items.filter((i) => i.key !== null).map((i) => i.color) : [];
    expect(clusterColours.length).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid=visible-count]').getAttribute('data-value')).toBe('150');

    // The scene without the legend (its swatches would count as points).
    const box = (await page.locator('.scene-area canvas').boundingBox())!;
    const legendBox = (await page.locator('[data-testid=legend]').boundingBox())!;
    const shot = decodePng(await page.screenshot({ clip: box }));
    for (let y = 0; y < shot.height; y++) {
      for (let x = 0; x < shot.width; x++) {
        const px = x + box.x;
        const py = y + box.y;
        if (px >= legendBox.x && px <= legendBox.x + legendBox.width && py >= legendBox.y && py <= legendBox.y + legendBox.height) {
          shot.data.fill(0, (y * shot.width + x) * 4, (y * shot.width + x) * 4 + 3);
        }
      }
    }
    await screenshotPixels(page, 'app-session-iris');
    const census = colourCensus(shot, clusterColours);
    const present = census.filter((n) => n >= 30).length;
    expect(present, `pixels per cluster colour: ${census.join(', ')}`).toBeGreaterThanOrEqual(clusterColours.length);
    // What the analysis did is said on the page: points, layout quality, features.
    const facts = await page.locator('[data-testid=analysis-facts]').textContent();
    expect(facts).toMatch(/150 of 150 rows/);
    expect(facts).toMatch(/trustworthiness 0\.9\d\d/);

    // Back on the start page, this browser's sessions are listed, and the link returns to this one.
    const { title } = (await (await fetch(`${server.url}/api/sessions/${session.id}?token=${url.searchParams.get('token')}`)).json()) as { title: string };
    await page.goto(`${server.url}/`);
    const recent = page.getByTestId('recent-sessions');
    await recent.waitFor();
    expect(await recent.locator('a').allTextContents()).toEqual([title]);
    await recent.locator('a').first().click();
    await page.waitForURL(session.editUrl);
    await sessionReady(page);
    expect(errors).toEqual([]);
  });

  it('hovering a point shows that row’s original values', async () => {
    expect(session).not.toBeNull();
    const { page } = await newPage(session!.editUrl);
    await sessionReady(page);
    const point = await pickablePoint(page);
    const row = await page.evaluate((p) => window.__mirage!.rowOf(p), point);
    const at = (await pointOnPage(page, point))!;
    await page.mouse.move(at.x - 3, at.y - 3);
    await page.mouse.move(at.x, at.y, { steps: 3 });
    const tooltip = page.locator(`[data-testid=tooltip][data-row="${row}"]`);
    await tooltip.waitFor({ timeout: 10_000 });
    await page.waitForFunction((r) => !document.querySelector(`[data-testid=tooltip][data-row="${r}"]`)?.textContent?.includes('loading'), row);
    const text = (await tooltip.textContent()) ?? '';
    const [expected] = await fetchRows(session!.datasetId, [row]);
    expect(text).toContain(`Row ${row + 1}`);
    for (const [key, value] of Object.entries(expected)) {
      expect(text).toContain(key);
      expect(text).toContain(String(value));
    }
  });

  it('exports a snapshot PNG of the requested size, and the lassoed rows as CSV', async () => {
    const { page } = await newPage(session!.editUrl);
    await sessionReady(page);
    await page.click('[data-panel=export] .panel-toggle');
    await page.selectOption('[aria-label="Snapshot size"]', '1280x720');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid=export-png]')]);
    const png = decodePng(await readFile((await download.path())!));
    expect([png.width, png.height]).toEqual([1280, 720]);
    let lit = 0;
    for (let i = 0; i < png.data.length; i += 4) if (Math.max(png.data[i], png.data[i + 1], png.data[i + 2]) > 90) lit++;
    expect(lit).toBeGreaterThan(2000);

    // Lasso a box around the middle of the cloud (the median of its points on screen: the home
    // view centres the cloud in the part of the canvas the legend leaves free, not on the canvas).
    const [cx, cy] = await page.evaluate(() => {
      const m = window.__mirage!;
      const r = m.canvasRect()!;
      const s = m.screenPoints();
      const median = (v: number[]) => {
        const drawn = v.filter(Number.isFinite).sort((a, b) => a - b);
        return drawn[Math.floor(drawn.length / 2)];
      };
      return [r.left + median(s.x), r.top + median(s.y)];
    });
    const polygon: [number, number][] = [
      [cx - 170, cy - 140],
      [cx + 170, cy - 140],
      [cx + 170, cy + 140],
      [cx - 170, cy + 140],
    ];
    const expected = await page.evaluate(
      (poly) => {
        const r = window.__mirage!.canvasRect()!;
        return window.__mirage!.lasso(poly.flatMap(([x, y]) => [x - r.left, y - r.top])).map((p) => window.__mirage!.rowOf(p)).sort((a, b) => a - b);
      },
      polygon,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(150);
    await lasso(page, polygon);
    await page.waitForFunction((n) => window.__mirage!.selectedCount() === n, expected.length);
    expect(await page.evaluate(() => window.__mirage!.selectedRows())).toEqual(expected);

    await page.selectOption('[aria-label="Rows to export"]', 'selected');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csv = Papa.parse<Record<string, string>>(await readFile((await csvDownload.path())!, 'utf8'), { header: true, skipEmptyLines: true });
    expect(csv.errors).toEqual([]);
    const truth = await fetchRows(session!.datasetId, expected);
    expect(csv.data.length).toBe(expected.length);
    // The row number first (the table has no identifier column: it joins the export back to
    // the file), the table's own columns exactly, then what the analysis says of each row.
    expect(csv.meta.fields?.[0]).toBe('row');
    expect(csv.data.map((r) => Number(r.row))).toEqual(expected.map((row) => row + 1));
    const own = csv.data.map(({ row: _row, cluster, anomaly_score, ...rest }) => rest);
    expect(own).toEqual(truth.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)]))));
    const clusterOfRow = await page.evaluate(() => {
      const m = window.__mirage!;
      return Object.fromEntries(Array.from({ length: m.count }, (_, p) => [m.rowOf(p), m.clusterOf(p)]));
    });
    expect(csv.data.map((r) => r.cluster)).toEqual(expected.map((row) => (clusterOfRow[row] < 0 ? 'Noise' : `C${clusterOfRow[row] + 1}`)));
    for (const r of csv.data) expect(Number(r.anomaly_score)).toBeGreaterThanOrEqual(0);
    for (const r of csv.data) expect(Number(r.anomaly_score)).toBeLessThanOrEqual(1);
  });

  it('opens a shipped demo dataset from the start page with its preview', async () => {
    const { page, errors } = await newPage(ownerLink(server.url));
    await page.getByTestId('demos').getByRole('button', { name: /Palmer penguins/ }).click();
    await page.waitForSelector('[data-testid=preview] tbody tr');
    const header = await page.locator('[data-testid=preview] thead').textContent();
    expect(header).toContain('Flipper Length (mm)');
    expect(header).toContain('Species');
    // Cars' names are unique per row: shown, but the "use" box says they cannot be a feature.
    await page.getByTestId('show-datasets').click();
    await page.getByTestId('demos').getByRole('button', { name: /^Cars/ }).click();
    const useName = page.locator('[aria-label="Use Name"]');
    await useName.waitFor();
    expect(await useName.isDisabled()).toBe(true);
    expect(await useName.isChecked()).toBe(false);
    expect(await page.locator('label.check', { has: useName }).getAttribute('title')).toMatch(/never a feature|not a feature/);
    // Read as a category, it can be used.
    await page.selectOption('[aria-label="Type of Name"]', 'category');
    expect(await useName.isDisabled()).toBe(false);
    expect(await useName.isChecked()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('says clearly what is wrong with a bad file or a bad link, and keeps working', async () => {
    const { page, errors } = await newPage(ownerLink(server.url));
    await page.setInputFiles('[data-testid=file-input]', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"rows": [1, 2') });
    const alert = page.locator('[role=alert]');
    await alert.waitFor({ timeout: 10_000 });
    expect((await alert.textContent())?.length).toBeGreaterThan(10);
    // The page still works: a good file after a bad one.
    await page.setInputFiles('[data-testid=file-input]', assetPath('iris'));
    await page.waitForSelector('[data-testid=preview] tbody tr');
    expect(await page.locator('[role=alert]').count()).toBe(0);

    const wrong = await newPage(`${server.url}/s/${session!.id}?token=not-the-token`);
    await wrong.page.locator('[role=alert]', { hasText: 'not valid' }).waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
    expect(wrong.errors).toEqual([]);
  });

  it('names each neighbour of a clicked point by its label column and where it differs', async () => {
    const { page, errors } = await newPage(session!.editUrl);
    await sessionReady(page);
    const point = await pickablePoint(page);
    const at = (await pointOnPage(page, point))!;
    await page.mouse.click(at.x, at.y);
    const items = page.locator('[data-testid=neighbours] li');
    await items.first().waitFor({ timeout: 10_000 });
    // Iris has no identifier or text column: the species names each neighbour, then its row.
    // At least one neighbour differs on a measurement, shown with its signed difference. The
    // columns arrive one request each, so wait until the list is complete, then check it.
    const named = /^(setosa|versicolor|virginica) row \d+ · .*distance \d/;
    const differs = /(sepal|petal)_(length|width) [\d.]+ \([+−][\d.]+\)/;
    const complete = (texts: string[]) => texts.length === 10 && texts.every((t) => named.test(t)) && texts.some((t) => differs.test(t));
    await expect.poll(async () => complete(await items.allTextContents()), { timeout: 15_000 }).toBe(true);
    const texts = await items.allTextContents();
    expect(texts.length).toBe(10);
    for (const t of texts) expect(t).toMatch(named);
    expect(texts.some((t) => differs.test(t))).toBe(true);
    await page.locator('[data-testid=neighbours]').locator('xpath=..').screenshot({ path: 'tests/e2e/screenshots/app-neighbour-labels.png' });
    expect(errors).toEqual([]);
  });

  it('a typed range bound keeps exactly the rows in range', async () => {
    const { page, errors } = await newPage(session!.editUrl);
    await sessionReady(page);
    const iris = Papa.parse<Record<string, string>>(await readFile(assetPath('iris'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const expected = iris.filter((r) => Number(r.petal_length) >= 4.35 && Number(r.petal_length) <= 5.05).length;
    await page.selectOption('[aria-label="Add a filter"]', 'petal_length');
    const min = page.locator('[aria-label="petal_length minimum value"]');
    const max = page.locator('[aria-label="petal_length maximum value"]');
    await min.waitFor();
    // Escape goes back to the filter's value without changing anything.
    await min.fill('6');
    await min.press('Escape');
    expect(await min.inputValue()).toBe('1');
    await min.fill('4.35');
    await min.press('Enter');
    await max.fill('5.05');
    await max.blur();
    await page.waitForFunction((n) => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === String(n), expected, { timeout: 10_000 });
    await page.screenshot({ path: 'tests/e2e/screenshots/app-range-bounds.png' });
    expect(expected).toBeGreaterThan(20);
    expect(expected).toBeLessThan(100);
    // A species checklist added now counts, per species, the rows the range keeps.
    const bySpecies = (name: string) => iris.filter((r) => r.species === name && Number(r.petal_length) >= 4.35 && Number(r.petal_length) <= 5.05).length;
    await page.selectOption('[aria-label="Add a filter"]', 'species');
    const checklist = page.locator('.checklist li');
    await expect.poll(() => checklist.count()).toBe(3);
    await expect
      .poll(async () => Object.fromEntries((await checklist.allTextContents()).map((t) => [t.replace(/[\d,]+$/, ''), Number(/([\d,]+)$/.exec(t)![1])])))
      .toEqual({ setosa: bySpecies('setosa'), versicolor: bySpecies('versicolor'), virginica: bySpecies('virginica') });
    await page.getByRole('button', { name: /^Remove filter/ }).last().click();
    await expect.poll(() => checklist.count()).toBe(0);
    // A view link sees the same bounds, and cannot type into them.
    const edit = new URL(session!.editUrl);
    const { viewToken } = (await (await fetch(`${server.url}/api/sessions/${session!.id}?token=${edit.searchParams.get('token')}`)).json()) as { viewToken: string };
    const viewer = await newPage(`${server.url}/s/${session!.id}?token=${viewToken}`);
    await sessionReady(viewer.page);
    const viewerMin = viewer.page.locator('[aria-label="petal_length minimum value"]');
    await viewerMin.waitFor();
    expect(await viewerMin.isDisabled()).toBe(true);
    expect(await viewer.page.locator('[aria-label="petal_length maximum value"]').inputValue()).toBe('5.05');
    expect(viewer.errors).toEqual([]);
    // A min above the max is held at the max: min ≤ max.
    await min.fill('9');
    await min.press('Enter');
    await page.waitForFunction(() => (document.querySelector('[aria-label="petal_length minimum value"]') as HTMLInputElement | null)?.value === '5.05');
    await page.getByRole('button', { name: /^Remove filter/ }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === '150');
    expect(errors).toEqual([]);
  });

  it('the legend folds away from the scene and comes back', async () => {
    const { page, errors } = await newPage(session!.editUrl);
    await sessionReady(page);
    const legend = page.getByTestId('legend');
    const open = (await legend.boundingBox())!;
    const items = await legend.locator('.legend-item').count();
    expect(items).toBeGreaterThanOrEqual(2);
    await legend.getByRole('button', { name: '▾' }).click();
    await expect.poll(() => legend.locator('.legend-item').count()).toBe(0);
    const folded = (await legend.boundingBox())!;
    expect(folded.height).toBeLessThan(open.height / 2);
    await legend.getByRole('button', { name: '▸' }).click();
    await expect.poll(() => legend.locator('.legend-item').count()).toBe(items);
    expect(errors).toEqual([]);
  });

  it('an anomaly filter starts by keeping exactly the orange-ringed points, and says what scores mean', async () => {
    const { page, errors } = await newPage(session!.editUrl);
    await sessionReady(page);
    const flagged = Number((await page.locator('[data-testid=legend-marks] [data-mark=anomaly] .legend-count').textContent()) ?? 'NaN');
    expect(flagged).toBeGreaterThan(0);
    await page.selectOption('[aria-label="Add a filter"]', '__anomaly');
    await page.waitForFunction((n) => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === String(n), flagged, { timeout: 10_000 });
    expect(await page.locator('[data-testid=anomaly-filter-hint]').textContent()).toMatch(/0 \(typical\) to 1 \(most unusual\)\. The orange-ringed top \d+(\.\d)?% score 0\.\d\d or more\./);
    await page.getByRole('button', { name: /^Remove filter/ }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === '150');
    // The top anomalies are named like neighbours: by the label column (iris: the species), then the row.
    const toggle = page.locator('[data-panel=anomalies] .panel-toggle');
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await expect.poll(() => page.locator('.anomaly-head').first().textContent()).toMatch(/^(setosa|versicolor|virginica) row \d+/);
    expect(errors).toEqual([]);
  });
});


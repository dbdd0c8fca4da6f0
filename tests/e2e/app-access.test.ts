import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../support/analysis-client.ts';
import { assetPath } from '../support/assets.ts';
import { ensureClientBuild, launchBrowser, screenshotDir } from '../support/browser.ts';
import { CONTENT_TYPES, postJson, uploadText } from '../support/http.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';

/**
 * Issue 15 in the browser: the start page belongs to the owner (the startup link gets in and
 * leaves the address bar clean), and a table whose names and cells are HTML and script is
 * shown as text everywhere it appears, with no dialog and nothing run.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let session: SessionCreated;

// Unquoted attributes: the payloads stay valid CSV cells (no comma, no quote).
const COLUMN = '<img src=x onerror=window.__pwned=1>species';
const VALUE = (name: string) => `<script>window.__pwned=2</script>${name}<b>!</b>`;
const TITLE = '<svg onload=window.__pwned=3>Iris';

interface Watched {
  page: Page;
  dialogs: string[];
  problems: string[];
  /** Every console error, whatever its cause (a refused API call logs one). */
  consoleErrors: string[];
}

async function watchedPage(url: string, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const problems: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // A policy that blocked something of our own would show here (and the page would be broken).
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()) && problems.push(m.text()));
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} ${m.location().url}`));
  await page.goto(url);
  return { page, dialogs, problems, consoleErrors };
}

/** Nothing of the payloads became markup: no element, no handler, no script ran. */
async function expectInert(w: Watched): Promise<void> {
  const found = await w.page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    injected: document.querySelectorAll('img[src="x"], [onerror], [onload], script:not([src]), b').length,
  }));
  expect(found).toEqual({ pwned: null, injected: 0 });
  expect(w.dialogs).toEqual([]);
  expect(w.problems).toEqual([]);
}

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-access-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  const csv = (await readFile(assetPath('iris'), 'utf8'))
    .replace(/^(.*),species\n/, `$1,${COLUMN}\n`)
    .replace(/,(setosa|versicolor|virginica)$/gm, (_m, name: string) => `,${VALUE(name)}`);
  const upload = await uploadText(server.url, csv, CONTENT_TYPES.csv, TITLE);
  expect(upload.status).toBe(201);
  const dataset = (await upload.json()) as { id: string };
  const analysis = await postAnalysis(server.url, dataset.id, { reduction: { method: 'pca' } });
  await waitForAnalysis(server.url, analysis.id);
  session = (await (await postJson(`${server.url}/api/sessions`, { datasetId: dataset.id, analysisId: analysis.id, title: TITLE })).json()) as SessionCreated;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('the start page belongs to the owner', () => {
  it('without the owner cookie it shows the way in and no dataset names', async () => {
    const w = await watchedPage(`${server.url}/`);
    const wayIn = w.page.getByTestId('way-in');
    await wayIn.waitFor({ timeout: 20_000 });
    expect(await wayIn.textContent()).toMatch(/owner link.*\?token=/);
    const text = (await w.page.locator('body').textContent()) ?? '';
    expect(text).not.toContain('Iris');
    expect(await w.page.locator('[data-testid=datasets], .drop-zone, [data-testid=demo-session]').count()).toBe(0);
    await w.page.screenshot({ path: join(screenshotDir, 'access-way-in.png') });
    await expectInert(w);
    // The page asks once whether it is the owner's (GET /api/access) and calls none of the
    // owner's API when it is not: no refused call, so nothing in the console.
    await w.page.waitForLoadState('networkidle');
    expect(w.consoleErrors).toEqual([]);
    await w.page.context().close();
  });

  it('with the startup link it works as before, the address bar shows no token, and the title is text', async () => {
    const w = await watchedPage(ownerLink(server.url));
    const list = w.page.getByTestId('datasets');
    await list.waitFor({ timeout: 20_000 });
    expect(w.page.url()).toBe(`${server.url}/`);
    expect(await list.textContent()).toContain(TITLE);
    // The preview of the chosen table: column names and cells as text.
    await list.locator('button').first().click();
    const preview = w.page.getByTestId('preview');
    await preview.waitFor();
    const shown = (await preview.textContent()) ?? '';
    expect(shown).toContain(COLUMN);
    expect(shown).toContain(VALUE('setosa'));
    // Reloading keeps the owner in (the cookie), still with nothing in the address bar.
    await w.page.reload();
    await w.page.getByTestId('datasets').waitFor();
    expect(w.page.url()).toBe(`${server.url}/`);
    await expectInert(w);
    await w.page.context().close();
  });
});

describe('user-supplied strings are text everywhere', () => {
  it('hover card, legend, neighbours, anomalies and selection statistics show the payloads as text; nothing runs', async () => {
    const w = await watchedPage(`${server.url}/s/${session.id}?token=${session.editToken}`);
    const { page } = w;
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__mirage!.ready());
    expect(await page.title()).toContain(TITLE);

    // A point the pointer can reach, clear of the panels.
    const point = await page.evaluate(() => {
      const m = window.__mirage!;
      const rect = m.canvasRect()!;
      let best = -1;
      let bestD = Infinity;
      for (let p = 0; p < m.count; p++) {
        const at = m.project(p);
        if (!at || at.x < 380 || at.y < 60 || at.x > rect.width - 60 || at.y > rect.height - 60) continue;
        const d = Math.hypot(at.x - rect.width / 2, at.y - rect.height / 2);
        if (d < bestD && m.pick(at.x, at.y) === p) [best, bestD] = [p, d];
      }
      const at = best < 0 ? null : m.project(best)!;
      return at && { p: best, x: rect.left + at.x, y: rect.top + at.y };
    });
    expect(point).not.toBeNull();
    const { x, y } = point!;

    // Hover card: the column name and the row's value.
    await page.mouse.move(x - 3, y - 3);
    await page.mouse.move(x, y, { steps: 3 });
    const tooltip = page.getByTestId('tooltip');
    await tooltip.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await tooltip.textContent()) ?? '', { timeout: 10_000 }).toContain(COLUMN);
    expect(await tooltip.textContent()).toMatch(/<script>window\.__pwned=2<\/script>(setosa|versicolor|virginica)<b>!<\/b>/);

    // Neighbours of a clicked point are named by the label column: the payload, as text.
    await page.mouse.click(x, y);
    const neighbours = page.locator('[data-testid=neighbours] li');
    await neighbours.first().waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await neighbours.allTextContents()).join('\n'), { timeout: 15_000 }).toContain('<script>window.__pwned=2</script>');


    // Top anomalies, named like neighbours.
    await page.locator('[data-panel=anomalies] .panel-toggle').click();
    await expect.poll(async () => (await page.locator('.anomaly-head').allTextContents()).join('\n'), { timeout: 10_000 }).toContain('<script>window.__pwned=2</script>');

    // Selection statistics of a lassoed region list the category's values.
    const rect = (await page.evaluate(() => window.__mirage!.canvasRect()))!;
    const [cx, cy] = [rect.left + rect.width / 2, rect.top + rect.height / 2];
    await page.keyboard.press('Escape');
    await page.keyboard.down('Shift');
    await page.mouse.move(cx - 200, cy - 160);
    await page.mouse.down();
    for (const [px, py] of [[cx + 200, cy - 160], [cx + 200, cy + 160], [cx - 200, cy + 160], [cx - 200, cy - 160]]) await page.mouse.move(px, py, { steps: 6 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const stats = page.getByTestId('selection-stats');
    await stats.waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await stats.textContent()) ?? '', { timeout: 10_000 }).toContain(COLUMN);

    // Legend (last: its longer items cover where the lasso started): coloured by the payload column, its items are the payload values.
    await page.selectOption('#enc-color', `col:${COLUMN}`);
    await expect.poll(async () => (await page.getByTestId('legend').textContent()) ?? '', { timeout: 10_000 }).toContain(VALUE('virginica'));
    expect(await page.getByTestId('legend').textContent()).toContain(COLUMN);

    await page.screenshot({ path: join(screenshotDir, 'access-payloads-as-text.png') });
    await expectInert(w);
    await page.context().close();
  }, 120_000);
});

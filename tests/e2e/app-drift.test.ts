import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { decodePng, ensureClientBuild, launchBrowser, repoRoot, screenshotDir } from '../support/browser.ts';
import { colourCensus } from '../support/colour-census.ts';
import { CONTENT_TYPES, uploadText } from '../support/http.ts';
import { cleanPenguinsCsv, penguinRows } from '../support/planted-penguins.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { SHIFT, shiftedPenguinsCsv } from '../support/shifted-penguins.ts';

/**
 * Issue 16's "what moved" proof in a browser: last year's penguins are on the server, this
 * year's (20 rows gone, body masses 15% heavier) are uploaded on the start page and compared
 * with them; the session shows both sources in two colours and the drift list puts body mass first.
 */
let server: RunningServer;
let browser: Browser;
let dataDir: string;
const errors: string[] = [];

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-drift-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

async function newPage(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return page;
}

describe('comparing two versions in one cloud', () => {
  it('colours both sources apart and lists the shifted column first', async () => {
    expect((await uploadText(server.url, cleanPenguinsCsv(), CONTENT_TYPES.csv, 'penguins-2025')).status).toBe(201);

    const page = await newPage(ownerLink(server.url));
    await page.setInputFiles('[data-testid=file-input]', { name: 'penguins-2026.csv', mimeType: 'text/csv', buffer: Buffer.from(shiftedPenguinsCsv()) });
    await page.waitForSelector('[data-testid=preview] tbody tr');
    const option = page.locator('[data-testid=compare-with] option');
    expect(await option.allTextContents()).toEqual(['penguins-2025 · 344 rows · 8 of 8 columns shared']);
    await page.locator('[data-testid=compare-run]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'drift-start-page.png') });
    await page.click('[data-testid=compare-run]');
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+\?token=/, { timeout: 120_000 });
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__mirage!.ready());

    // Coloured by source: one legend entry per dataset, in two different colours.
    const legend = await page.evaluate(() => window.__mirage!.legend());
    expect(legend?.kind).toBe('categorical');
    const items = legend!.kind === 'categorical' ? legend!.items : [];
    // Points are the rows with every feature present (the analysis drops the others by default;
    // the import reads one row's Sex "." as missing).
    const complete = penguinRows().map((row) => Object.values(row).every((v) => v !== null && v !== '' && v !== '.'));
    const kept = (from: number) => complete.slice(from).filter(Boolean).length;
    expect(items.map((i) => [i.label, i.count])).toEqual([
      ['penguins-2025', kept(0)],
      ['penguins-2026', kept(SHIFT.removed)],
    ]);
    expect(items[0].color).not.toBe(items[1].color);
    expect(await page.locator('[data-testid=legend] li').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('penguins-2025'), expect.stringContaining('penguins-2026')]));

    // Both colours are drawn in the scene (legend left out: its swatches are not points).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = (await page.locator('.scene-area canvas').boundingBox())!;
    const legendBox = (await page.locator('[data-testid=legend]').boundingBox())!;
    const shot = decodePng(await page.screenshot({ clip: box }));
    const census = colourCensus(shot, items.map((i) => i.color), (x, y) => {
      const [px, py] = [x + box.x, y + box.y];
      return px >= legendBox.x - 2 && px <= legendBox.x + legendBox.width + 2 && py >= legendBox.y - 2 && py <= legendBox.y + legendBox.height + 2;
    });
    expect(census[0], `pixels per source colour: ${census.join(', ')}`).toBeGreaterThan(200);
    expect(census[1], `pixels per source colour: ${census.join(', ')}`).toBeGreaterThan(200);

    // The drift list: the shifted column first and flagged, the only one flagged; rows removed by id.
    const panel = page.locator('[data-panel=drift]');
    await panel.locator('[data-testid=drift-columns] li').first().waitFor();
    const columns = await panel.locator('[data-testid=drift-columns] li').evaluateAll((lis) => lis.map((li) => ({ column: li.getAttribute('data-column'), drifted: li.classList.contains('drifted') })));
    expect(columns[0]).toEqual({ column: SHIFT.column, drifted: true });
    expect(columns.filter((c) => c.drifted)).toHaveLength(1);
    expect(await panel.locator('[data-testid=drift-rows]').textContent()).toMatch(/\+0 rows added, −20 removed \(matched by id; 344 → 324\)/);
    expect(await panel.locator('[data-testid=drift-fit]').textContent()).toMatch(/^Both versions embedded together \(joint UMAP fit\)/);
    expect(await panel.locator('[data-testid=drift-clusters] li').count()).toBeGreaterThan(1);

    const path = join(screenshotDir, 'drift-session.png');
    await page.screenshot({ path });
    if (process.env.DOCS_SHOTS) await copyFile(path, join(repoRoot, 'docs', 'drift.png'));
    await panel.locator('[data-testid=drift-clusters]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'drift-clusters.png') });
    expect(errors).toEqual([]);
  }, 300_000);
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { loadAsset } from '../support/assets.ts';
import { decodePng, ensureClientBuild, launchBrowser, openPage, screenshotDir } from '../support/browser.ts';
import { colourCensus } from '../support/colour-census.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { writeParquetFixture, writeXlsxFixture } from '../support/table-fixtures.ts';

/**
 * An Excel workbook with two sheets through the start page: the first sheet is read on upload,
 * the user picks the second in the sheet picker, sees its row count, runs, and sees its cloud.
 */
let server: RunningServer;
let dataDir: string;
let dir: string;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-excel-e2e-');
  dir = await mkdtemp(join(tmpdir(), 'mirage-excel-e2e-'));
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an Excel workbook on the start page', () => {
  it('uploads a two-sheet .xlsx, picks the second sheet, sees its row count and its cloud', async () => {
    const path = join(dir, 'field-notes.xlsx');
    await writeXlsxFixture([{ name: 'Penguins', table: await loadAsset('penguins') }, { name: 'Iris', table: await loadAsset('iris') }], path);
    const { page, errors } = await openPage(browser, ownerLink(server.url), 1280, 800);
    await page.setInputFiles('[data-testid=file-input]', { name: 'field-notes.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await readFile(path) });
    const picker = page.getByTestId('sheet-picker');
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('Penguins');
    expect(await picker.locator('option').allInnerTexts()).toEqual(['Penguins (344 rows)', 'Iris (150 rows)']);
    expect(await page.locator('#preview-title').innerText()).toMatch(/field-notes\s+344 rows/);
    await page.screenshot({ path: join(screenshotDir, 'start-excel-sheets.png') });

    await picker.selectOption('Iris');
    await expect.poll(() => page.locator('#preview-title').innerText(), { timeout: 30_000 }).toMatch(/field-notes · Iris\s+150 rows/);
    expect(await picker.inputValue()).toBe('Iris');
    expect(await page.locator('[data-testid=preview] thead').textContent()).toContain('sepal_length');
    await page.screenshot({ path: join(screenshotDir, 'start-excel-second-sheet.png') });

    await page.click('[data-testid=run]');
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+\?token=/, { timeout: 90_000 });
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__mirage!.ready());
    expect(await page.locator('[data-testid=visible-count]').getAttribute('data-value')).toBe('150');
    const legend = await page.evaluate(() => window.__mirage!.legend());
    const colours = legend?.kind === 'categorical' ? legend.items.filter((i) => i.key !== null).map((i) => i.color) : [];
    expect(colours.length).toBeGreaterThanOrEqual(2);
    const box = (await page.locator('.scene-area canvas').boundingBox())!;
    const shot = await page.screenshot({ clip: box, path: join(screenshotDir, 'session-excel-iris.png') });
    const census = colourCensus(decodePng(shot), colours);
    expect(census.filter((n) => n >= 30).length, `pixels per cluster colour: ${census.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });

  it('a Parquet file through the same drop zone says its types came from the file', async () => {
    const path = join(dir, 'cars.parquet');
    await writeParquetFixture(await loadAsset('cars'), path);
    const { page, errors } = await openPage(browser, ownerLink(server.url), 1280, 800);
    await page.setInputFiles('[data-testid=file-input]', { name: 'cars.parquet', mimeType: '', buffer: await readFile(path) });
    await page.getByTestId('types-from-file').waitFor();
    expect(await page.getByTestId('types-from-file').innerText()).toMatch(/keep the types the Parquet file declares/);
    expect(await page.locator('#preview-title').innerText()).toMatch(/cars\s+406 rows/);
    expect(await page.getByTestId('sheet-picker').count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'start-parquet.png') });
    expect(errors).toEqual([]);
  });
});

import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDescription, SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { ensureClientBuild, launchBrowser, repoRoot, screenshotDir } from '../support/browser.ts';
import { startDigitImageSession } from '../support/digit-image-session.ts';
import { digitImageTable, type DigitImageTable } from '../support/digit-images.ts';
import { ownerLink } from '../support/server-process.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';

/**
 * Issue 16's proof for images: the digits table with an image column and each row's own 8 × 8
 * pixels as a PNG kept with the dataset; hovering a point shows its thumbnail, served by our
 * server, while every request to another origin is aborted (no internet needed or used).
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let table: DigitImageTable;
let dataset: DatasetDescription;
let session: SessionCreated;

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-images-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  ({ table, dataset, session } = await startDigitImageSession(server.url, 400, 'Digits with images'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

/** A point that is the front-most one under its own projected centre, near the canvas middle. */
async function pickablePoint(page: Page): Promise<{ point: number; x: number; y: number }> {
  const found = await page.evaluate(() => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    let best: { point: number; x: number; y: number } | null = null;
    let bestD = Infinity;
    for (let p = 0; p < m.count; p++) {
      const at = m.project(p);
      if (!at || at.x < 380 || at.y < 60 || at.x > rect.width - 420 || at.y > rect.height - 320) continue;
      const d = Math.hypot(at.x - rect.width / 2, at.y - rect.height / 2);
      if (d < bestD && m.pick(at.x, at.y) === p) {
        best = { point: p, x: rect.left + at.x, y: rect.top + at.y };
        bestD = d;
      }
    }
    return best;
  });
  expect(found).not.toBeNull();
  return found!;
}

describe('image thumbnails', () => {
  it('hovering a point shows its digit, loaded from our server, with no request leaving it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const origin = new URL(server.url).origin;
    const aborted: string[] = [];
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin || route.request().url().startsWith('blob:') || route.request().url().startsWith('data:')) return route.continue();
      aborted.push(route.request().url());
      return route.abort();
    });
    const imageResponses: { url: string; status: number; type: string | null }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/images/')) imageResponses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? null });
    });
    await page.goto(`${server.url}/s/${session.id}?token=${session.viewToken}`);
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__mirage!.ready());

    const { point, x, y } = await pickablePoint(page);
    const row = await page.evaluate((p) => window.__mirage!.rowOf(p), point);
    await page.mouse.move(x - 3, y - 3);
    await page.mouse.move(x, y, { steps: 3 });
    const image = page.locator(`[data-testid=tooltip][data-row="${row}"] [data-testid=thumbnail] img`);
    await image.waitFor({ timeout: 15_000 });
    await page.waitForFunction(
      (r) => (document.querySelector(`[data-testid=tooltip][data-row="${r}"] [data-testid=thumbnail] img`) as HTMLImageElement | null)?.naturalWidth! > 0,
      row,
      { timeout: 10_000 },
    );
    const size = await image.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, h: img.naturalHeight, src: img.src, alt: img.alt }));
    expect(size.w).toBe(48);
    expect(size.h).toBe(48);
    expect(size.src.startsWith('blob:')).toBe(true);
    expect(size.alt).toContain(table.images[row].name);
    const served = imageResponses.find((r) => r.url === `${origin}/api/datasets/${dataset.id}/images/${table.images[row].name}`);
    expect(served).toMatchObject({ status: 200, type: 'image/png' });
    await mkdir(screenshotDir, { recursive: true });
    const shot = join(screenshotDir, 'thumbnails.png');
    await page.screenshot({ path: shot });
    if (process.env.DOCS_SHOTS) await copyFile(shot, join(repoRoot, 'docs', 'thumbnails.png'));

    // The clicked point's card shows the same image.
    await page.mouse.click(x, y);
    const cardImage = page.locator('[data-testid=focused-row]').locator('xpath=preceding-sibling::*[@data-testid="thumbnail"]//img');
    await cardImage.waitFor({ timeout: 15_000 });
    expect(await cardImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    await page.screenshot({ path: join(screenshotDir, 'thumbnails-card.png') });

    expect(aborted).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('the start page offers to add the images a new table names, and says how many are kept', async () => {
    const small = await digitImageTable(30);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(ownerLink(server.url));
    await page.setInputFiles('[data-testid=file-input]', { name: 'digits-small.csv', mimeType: 'text/csv', buffer: Buffer.from(small.csv) });
    await page.waitForSelector('[data-testid=preview] tbody tr');
    const offer = page.getByTestId('image-upload');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('image names images');
    await page.setInputFiles('[data-testid=image-input]', small.images.map((i) => ({ name: i.name, mimeType: 'image/png', buffer: Buffer.from(i.bytes) })));
    await page.getByTestId('image-count').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('image-count').textContent()).toBe('30 images kept with this dataset.');
    await page.screenshot({ path: join(screenshotDir, 'image-upload-start.png') });
    // A file that is not what its name says is refused in words, and nothing more is kept.
    await page.setInputFiles('[data-testid=image-input]', [{ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a png') }]);
    await expect.poll(() => page.locator('.image-upload [role=alert]').textContent(), { timeout: 10_000 }).toContain('does not hold the image its extension says');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

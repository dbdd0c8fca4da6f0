import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import { addAnnotation } from '../../shared/session/index.ts';
import type { RunningServer } from '../../server/server.ts';
import { Projector } from '../../server/insights/report/projection.ts';
import { DESKTOP_FOV } from '../../shared/scene/frame-pose.ts';
import { layoutPointSize } from '../../shared/scene/point-size.ts';
import { cameraAtRest } from '../support/camera-rest.ts';
import { repoRoot, screenshotDir } from '../support/browser.ts';
import { connectClient, waitFor, whenSynced, type TestClient } from '../support/collab-harness.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * The findings report end to end: a bookmark saved in the app, a note written through the
 * session document, "Download report" in the Export panel, and the file opened in Chromium with
 * every network request refused: the clusters, the bookmark's picture (decoded) and the note show.
 */
let server: RunningServer;
let fixture: SessionFixture | undefined;
let browser: Browser;
let tokens: SessionCreated;
let page: Page;
let writer: TestClient | undefined;
const errors: string[] = [];
const NOTE = 'Look here: <b>not bold</b> & heavy';

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'report', title: 'Penguin findings' });
  ({ server, browser, session: tokens } = fixture);
  page = await openSessionPage(browser, server.url, tokens, tokens.editToken, errors);
}, 180_000);

afterAll(async () => {
  writer?.destroy();
  await fixture?.close();
});

async function openPanel(id: string): Promise<void> {
  const toggle = page.locator(`[data-panel=${id}] .panel-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

describe('the findings report', () => {
  it('downloads from the Export panel and reads offline: clusters, the bookmark picture and its note', async () => {
    await cameraAtRest(page);
    // The note goes on the clustered point nearest the middle of the view the bookmark saves.
    const row = await page.evaluate(() => {
      const m = window.__mirage!;
      const rect = m.canvasRect()!;
      let best = -1;
      let bestOff = Infinity;
      for (let p = 0; p < m.count; p++) {
        const at = m.project(p);
        if (!at || m.clusterOf(p) < 0) continue;
        const off = Math.hypot(at.x - rect.width / 2, at.y - rect.height / 2);
        if (off < bestOff) [best, bestOff] = [p, off];
      }
      return m.rowOf(best);
    });
    // The report's projection and point sizes agree with the page's own, for the same pose and canvas.
    const seen = await page.evaluate(() => {
      const m = window.__mirage!;
      return { camera: m.camera(), rect: m.canvasRect()!, points: m.screenPoints(), rows: Array.from({ length: m.count }, (_, p) => m.rowOf(p)) };
    });
    const served = (await (await fetch(`${server.url}/api/analyses/${fixture!.analysisId}/points.json?token=${tokens.editToken}`)).json()) as { positions: [number, number, number][] };
    const projector = new Projector({ ...seen.camera, fov: DESKTOP_FOV }, seen.rect.width, seen.rect.height);
    const flat = Float32Array.from(served.positions.flat());
    const base = layoutPointSize(flat, served.positions.length);
    let worstPlace = 0;
    let worstSize = 0;
    served.positions.forEach((p, i) => {
      const at = projector.project(...p);
      if (!at || !Number.isFinite(seen.points.x[i])) return;
      worstPlace = Math.max(worstPlace, Math.hypot(at.x - seen.points.x[i], at.y - seen.points.y[i]));
      worstSize = Math.max(worstSize, Math.abs(Math.max(base * at.pxPerUnit, 2) - seen.points.diameter[i]));
    });
    expect(worstPlace).toBeLessThan(0.5);
    expect(worstSize).toBeLessThan(0.5);

    // The page's own picture of the view the bookmark saves, to hold beside the report's (tests/e2e/screenshots).
    await page.locator('canvas').first().screenshot({ path: join(screenshotDir, 'report-app-view.png') });
    await openPanel('bookmarks');
    await page.fill('[aria-label="Bookmark title"]', 'Whole colony');
    await page.locator('[data-panel=bookmarks] button[type=submit]').click();
    await page.locator('[data-testid=bookmarks] .bookmark-title', { hasText: 'Whole colony' }).waitFor({ timeout: 10_000 });

    writer = connectClient(`${server.url.replace('http', 'ws')}/yjs`, tokens.id, tokens.editToken);
    await whenSynced(writer);
    addAnnotation(writer.doc, { rowIndex: row, text: NOTE, author: 'Ana', color: '#ffb000' });
    await openPanel('annotations');
    await waitFor(() => page.evaluate(() => document.querySelector('[data-panel=annotations]')?.textContent?.includes('Look here') ?? false), 20_000, 'the note to reach the page');

    await openPanel('export');
    await page.locator('[data-panel=export]').screenshot({ path: join(screenshotDir, 'report-export-panel.png') });
    expect(await page.locator('[data-testid=export-report]').textContent()).toBe('Download report');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid=export-report]')]);
    expect(download.suggestedFilename()).toBe('penguin-findings-report.html');
    const html = await readFile((await download.path())!, 'utf8');

    const reader = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const offline = await reader.newPage();
    const requested: string[] = [];
    await offline.route('**', (route) => {
      requested.push(route.request().url());
      return route.abort();
    });
    await offline.setContent(html, { waitUntil: 'load' });

    const clusters = offline.locator('#clusters article.cluster');
    expect(await clusters.count()).toBeGreaterThan(1);
    await expect.poll(() => offline.locator('#clusters h2').isVisible()).toBe(true);
    const picture = offline.locator('#views img.snapshot.screen').first();
    await picture.scrollIntoViewIfNeeded();
    const size = await picture.evaluate((img: HTMLImageElement) => ({ complete: img.complete, width: img.naturalWidth, height: img.naturalHeight }));
    expect(size).toEqual({ complete: true, width: 1280, height: 720 });
    const bookmark = offline.locator('#views article.view', { hasText: 'Whole colony' });
    // The note is shown as text, under the bookmark whose view shows its point.
    await expect.poll(() => bookmark.locator('ul.notes li').first().textContent()).toContain(NOTE);
    expect(await bookmark.locator('ul.notes b').count()).toBe(0);
    expect(requested).toEqual([]);

    if (process.env.DOCS_SHOTS) await offline.screenshot({ path: join(repoRoot, 'docs', 'report.png'), fullPage: true, clip: await clipOf(offline) });
    await offline.screenshot({ path: join(screenshotDir, 'report-full.png'), fullPage: true });
    await offline.emulateMedia({ media: 'print' });
    await offline.screenshot({ path: join(screenshotDir, 'report-print.png'), fullPage: true });
    expect(await offline.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await offline.locator('#clusters').evaluate((s) => getComputedStyle(s).breakBefore)).toBe('page');
    // On paper the picture drawn on white stands in for the dark one.
    expect(await offline.locator('#views img.snapshot.screen').first().isVisible()).toBe(false);
    const paper = offline.locator('#views img.snapshot.print').first();
    expect(await paper.isVisible()).toBe(true);
    expect(await paper.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1280);
    await reader.close();
    expect(errors).toEqual([]);
  }, 180_000);
});

/** The top of the report down to the end of the first bookmark: cover, summary and a picture with its note. */
async function clipOf(p: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const bottom = await p.locator('#views article.view').first().evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
  return { x: 0, y: 0, width: 1200, height: Math.ceil(bottom + 16) };
}

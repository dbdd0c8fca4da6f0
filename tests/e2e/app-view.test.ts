import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { cameraAtRest } from '../support/camera-rest.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * Panels move this participant's view only through the session's view driver (on the desktop,
 * the orbit camera): flying to a cluster frames it, a bookmark brings the saved view back, a
 * top anomaly is brought to the middle. Penguins with a PCA layout, one editor page.
 */
let server: RunningServer;
let fixture: SessionFixture | undefined;
let browser: Browser;
let tokens: SessionCreated;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'view', title: 'View' });
  ({ server, browser, session: tokens } = fixture);
  page = await openSessionPage(browser, server.url, tokens, tokens.editToken, errors);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

async function openPanel(id: string): Promise<void> {
  const toggle = page.locator(`[data-panel=${id}] .panel-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

/** Canvas CSS pixels of every point of `cluster`, and the canvas size. */
async function clusterOnCanvas(cluster: number): Promise<{ at: ({ x: number; y: number } | null)[]; width: number; height: number }> {
  return page.evaluate((c) => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    const at: ({ x: number; y: number } | null)[] = [];
    for (let p = 0; p < m.count; p++) if (m.clusterOf(p) === c) at.push(m.project(p));
    return { at, width: rect.width, height: rect.height };
  }, cluster);
}

const off = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));

describe('panels move the view', () => {
  it('"fly to" a cluster frames all of it around the middle of the canvas', async () => {
    await openPanel('clusters');
    const fly = page.locator('[data-panel=clusters] button[aria-label^="Fly to"]');
    expect(await fly.count()).toBeGreaterThan(1);
    const before = await cameraAtRest(page);
    // The last cluster in the list: the home view is not already centred on it.
    const label = (await fly.last().getAttribute('aria-label'))!;
    // The button names the cluster as the page does: C<id + 1>, or Noise.
    const cluster = /Fly to Noise/.test(label) ? -1 : Number(/Fly to C(\d+)/.exec(label)?.[1]) - 1;
    expect(Number.isInteger(cluster)).toBe(true);
    await fly.last().click();
    await expect.poll(async () => off((await page.evaluate(() => window.__mirage!.cameraGoal())).target, before.target), { timeout: 10_000 }).toBeGreaterThan(1e-3);
    await cameraAtRest(page);
    const { at, width, height } = await clusterOnCanvas(cluster);
    expect(at.length).toBeGreaterThan(10);
    const inside = at.filter((p) => p !== null && p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) as { x: number; y: number }[];
    expect(inside.length).toBe(at.length);
    const cx = inside.reduce((s, p) => s + p.x, 0) / inside.length;
    const cy = inside.reduce((s, p) => s + p.y, 0) / inside.length;
    expect(Math.abs(cx - width / 2)).toBeLessThan(width * 0.15);
    expect(Math.abs(cy - height / 2)).toBeLessThan(height * 0.15);
  });

  it('a saved bookmark brings the same view back after the camera went elsewhere', async () => {
    const saved = await cameraAtRest(page);
    await openPanel('bookmarks');
    await page.fill('[aria-label="Bookmark title"]', 'Here');
    await page.locator('[data-panel=bookmarks] button[type=submit]').click();
    const entry = page.locator('[data-testid=bookmarks] .bookmark-title', { hasText: 'Here' });
    await entry.waitFor({ timeout: 10_000 });
    // Elsewhere: the first cluster instead of the last.
    await page.locator('[data-panel=clusters] button[aria-label^="Fly to"]').first().click();
    const away = await cameraAtRest(page);
    // The bookmark holds the camera of the moment it was saved, which may still have been
    // settling within cameraAtRest's tolerance: "the same view" is within a few thousandths.
    expect(off(away.target, saved.target)).toBeGreaterThan(0.1);
    await entry.click();
    await expect.poll(async () => off((await page.evaluate(() => window.__mirage!.cameraGoal())).target, saved.target), { timeout: 10_000 }).toBeLessThan(5e-3);
    const back = await cameraAtRest(page);
    expect(off(back.position, saved.position)).toBeLessThan(5e-3);
    expect(off(back.target, saved.target)).toBeLessThan(5e-3);
  });

  it('a top anomaly is brought to the middle of the canvas, its card open', async () => {
    await openPanel('anomalies');
    const item = page.locator('.anomaly-item').first();
    await item.waitFor({ timeout: 10_000 });
    const before = await cameraAtRest(page);
    await item.click();
    await expect.poll(async () => off((await page.evaluate(() => window.__mirage!.cameraGoal())).target, before.target), { timeout: 10_000 }).toBeGreaterThan(1e-3);
    await cameraAtRest(page);
    const row = Number((await item.textContent())!.match(/row (\d+)/)![1]) - 1;
    const at = await page.evaluate((r) => {
      const m = window.__mirage!;
      for (let p = 0; p < m.count; p++) if (m.rowOf(p) === r) return { at: m.project(p), rect: m.canvasRect()! };
      return null;
    }, row);
    expect(at?.at).not.toBeNull();
    expect(Math.abs(at!.at!.x - at!.rect.width / 2)).toBeLessThan(4);
    expect(Math.abs(at!.at!.y - at!.rect.height / 2)).toBeLessThan(4);
    await page.locator('[data-testid=point-card]').waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  });
});

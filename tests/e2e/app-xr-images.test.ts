import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { visualAngleDeg } from '../../client/xr/card-layout.ts';
import { CARD_FONT_PX } from '../../client/xr/card-texture.ts';
import { ensureClientBuild, launchBrowser, screenshotDir, screenshotPixels } from '../support/browser.ts';
import { startDigitImageSession, type DigitImageSession } from '../support/digit-image-session.ts';
import { imageForm } from '../support/digit-images.ts';
import { ownerFetch } from '../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { aimRightController, enterVr, nearestPoint, openHeadsetPage, type HeadsetPage, HEADSET_BROWSER } from '../support/xr-page.ts';

/**
 * Issue 16 in VR: the digits table with each row's PNG kept with the dataset; the right ray on a
 * known row's point floats a card with that row's values and its digit, loaded from our server
 * through the page's thumbnail loader, under WebXR emulation (IWER as a Quest 3), nothing
 * off-origin.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let digits: DigitImageSession;

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-xr-images-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser(HEADSET_BROWSER);
  digits = await startDigitImageSession(server.url, 400, 'Digits in VR');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

/** A headset on the session in VR, the pick index ready, and the point nearest the user (nothing of the cloud in front of it). */
async function inVrBesideNearest(errors: string[]): Promise<{ headset: HeadsetPage; target: Awaited<ReturnType<typeof nearestPoint>> }> {
  const { session } = digits;
  const headset = await openHeadsetPage(browser, `${server.url}/s/${session.id}?token=${session.viewToken}`, errors);
  await enterVr(headset.page);
  await headset.page.waitForFunction(() => window.__mirageXr!.pickReady(), undefined, { timeout: 30_000 });
  return { headset, target: await nearestPoint(headset.page) };
}

/** Aims the right ray at `point` and waits until its card's image is done (shown or failed). */
async function hoverUntilImage(page: Page, target: { point: number; world: [number, number, number] }): Promise<void> {
  await aimRightController(page, target.world);
  await page.waitForFunction((p) => window.__mirageXr!.hovered() === p, target.point, { timeout: 10_000 });
  await page.waitForFunction((p) => window.__mirageXr!.card().point === p && ['shown', 'failed'].includes(window.__mirageXr!.cardImage().state), target.point, { timeout: 15_000 });
}

/** Writes the card's texture as drawn to screenshots/`name`.png: the emulator's eyes show it only a few pixels high. */
async function saveCardTexture(page: Page, name: string): Promise<void> {
  const whole = await page.evaluate(() => {
    const c = window.__mirageXr!.cardImage();
    return { width: c.cardWidth, height: c.cardHeight, rgba: window.__mirageXr!.cardPixels(0, 0, c.cardWidth, c.cardHeight) };
  });
  const texture = new PNG({ width: whole.width, height: whole.height });
  texture.data.set(whole.rgba);
  await mkdir(screenshotDir, { recursive: true });
  await writeFile(join(screenshotDir, `${name}.png`), PNG.sync.write(texture));
}

describe('image thumbnails in VR', () => {
  it('the right ray on a row’s point shows its digit on the hover card, legibly, from our server only', async () => {
    const errors: string[] = [];
    const { headset, target } = await inVrBesideNearest(errors);
    const { page } = headset;
    const imageResponses: { url: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/images/')) imageResponses.push({ url: r.url(), status: r.status() });
    });
    await hoverUntilImage(page, target);

    // The card shows the hovered row, and the image its image column names, served by our server.
    const card = await page.evaluate(() => window.__mirageXr!.card());
    expect(card.lines[0]).toContain(`row ${target.row + 1}`);
    expect(imageResponses).toContainEqual({ url: `${new URL(server.url).origin}/api/datasets/${digits.dataset.id}/images/${digits.table.images[target.row].name}`, status: 200 });

    // The digit itself (48 × 48) drawn, scaled up to the image box, beside the lines.
    const image = await page.evaluate(() => window.__mirageXr!.cardImage());
    expect(image).toMatchObject({ state: 'shown', naturalWidth: 48, naturalHeight: 48 });
    const rect = image.rect!;
    expect(rect.width).toBeGreaterThan(0);
    expect(rect.height).toBe(rect.width);
    expect(rect.x + rect.width).toBeLessThanOrEqual(image.cardWidth);
    expect(rect.y + rect.height).toBeLessThanOrEqual(image.cardHeight);
    // Legible: the card's font spans CARD_FONT_PX texture pixels and card.textHeight metres, so the image spans at least 6°.
    const imageM = (rect.height / CARD_FONT_PX) * card.textHeight;
    expect(visualAngleDeg(imageM, card.distance)).toBeGreaterThanOrEqual(6);

    // The canvas holds the digit there, not the card's background: white paper and dark ink, as the PNG has them.
    const pixels = await page.evaluate((r) => window.__mirageXr!.cardPixels(r.x, r.y, r.width, r.height), rect);
    let paper = 0;
    let background = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i] > 200 && pixels[i + 1] > 200 && pixels[i + 2] > 200) paper++;
      if (Math.abs(pixels[i] - 12) < 6 && Math.abs(pixels[i + 1] - 16) < 6 && Math.abs(pixels[i + 2] - 24) < 6) background++;
    }
    const count = pixels.length / 4;
    expect(paper / count).toBeGreaterThan(0.3);
    expect(background / count).toBeLessThan(0.05);
    await screenshotPixels(page, 'xr-hover-card-image');
    await saveCardTexture(page, 'xr-card-texture-image');

    expect(headset.offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await headset.context.close();
  }, 150_000);

  it('an image that cannot be decoded says "no image" on the card, beside the row’s values', async () => {
    const errors: string[] = [];
    const { headset, target } = await inVrBesideNearest(errors);
    const { page } = headset;
    // The row's stored file replaced by one that begins as a PNG and is not one (the server checks the signature only).
    const name = digits.table.images[target.row].name;
    const good = digits.table.images[target.row].bytes;
    const broken = new Uint8Array(good.length);
    broken.set(good.subarray(0, 16));
    const replaced = await ownerFetch(`${server.url}/api/datasets/${digits.dataset.id}/images`, { method: 'POST', body: imageForm([{ name, bytes: broken }]) });
    expect(replaced.status).toBe(201);
    try {
      await hoverUntilImage(page, target);
      const card = await page.evaluate(() => window.__mirageXr!.card());
      expect(card.lines[0]).toContain(`row ${target.row + 1}`);
      expect(card.lines.length).toBeGreaterThan(2);
      expect(await page.evaluate(() => window.__mirageXr!.cardImage())).toMatchObject({ state: 'failed', rect: null });
      await saveCardTexture(page, 'xr-card-texture-no-image');
    } finally {
      const restored = await ownerFetch(`${server.url}/api/datasets/${digits.dataset.id}/images`, { method: 'POST', body: imageForm([{ name, bytes: good }]) });
      expect(restored.status).toBe(201);
    }
    expect(headset.offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    await headset.context.close();
  }, 150_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { ensureClientBuild, launchBrowser } from '../support/browser.ts';
import { uploadAsset } from '../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { postAnalysis, waitForAnalysis } from '../support/analysis-client.ts';
import { cameraAtRest } from '../support/camera-rest.ts';
import { createSession, openSessionPage } from '../support/session-pages.ts';

/**
 * Several participants in one session, each a real page on the real server: what one editor
 * does (filters, lasso, notes, bookmarks, undo) reaches the others; a view link sees it all
 * and can change nothing. One server, one browser, one session for the whole file.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let tokens: SessionCreated;
let alice: Page;
let bob: Page;
let viewer: Page;
const errors: string[] = [];

const open = (token: string): Promise<Page> => openSessionPage(browser, server.url, tokens, token, errors);

const count = (page: Page, id: 'visible-count' | 'selected-count') => page.locator(`[data-testid=${id}]`).getAttribute('data-value').then(Number);

async function eventually(page: Page, id: 'visible-count' | 'selected-count', expected: number): Promise<void> {
  await page.waitForFunction(([sel, n]) => document.querySelector(`[data-testid=${sel}]`)?.getAttribute('data-value') === String(n), [id, expected] as const, { timeout: 20_000 });
}

async function openPanel(page: Page, id: string): Promise<void> {
  const toggle = page.locator(`[data-panel=${id}] .panel-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

async function lassoCentre(page: Page, halfWidth: number, halfHeight: number): Promise<void> {
  const rect = (await page.evaluate(() => window.__mirage!.canvasRect()))!;
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const polygon = [
    [cx - halfWidth, cy - halfHeight],
    [cx + halfWidth, cy - halfHeight],
    [cx + halfWidth, cy + halfHeight],
    [cx - halfWidth, cy + halfHeight],
    [cx - halfWidth, cy - halfHeight],
  ];
  await page.keyboard.down('Shift');
  await page.mouse.move(polygon[0][0], polygon[0][1]);
  await page.mouse.down();
  for (const [x, y] of polygon.slice(1)) await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
}

/** Clicks a point that is front-most under its own centre (so the click lands on it). */
async function clickSomePoint(page: Page): Promise<number> {
  const hit = await page.evaluate(() => {
    const m = window.__mirage!;
    const rect = m.canvasRect()!;
    // The pickable point nearest the middle of the canvas (away from the legend).
    let best: { p: number; x: number; y: number; d: number } | null = null;
    for (let p = 0; p < m.count; p++) {
      const at = m.project(p);
      if (!at || at.x < 380 || at.y < 60 || at.x > rect.width - 60 || at.y > rect.height - 60) continue;
      const d = Math.hypot(at.x - rect.width / 2, at.y - rect.height / 2);
      if ((!best || d < best.d) && m.pick(at.x, at.y) === p) best = { p, x: rect.left + at.x, y: rect.top + at.y, d };
    }
    return best;
  });
  expect(hit).not.toBeNull();
  await page.mouse.click(hit!.x, hit!.y);
  return hit!.p;
}

/**
 * The server again on the port the pages reconnect to. Anything may take a freed port for a
 * moment (another test's server on port 0, a client socket): retry EADDRINUSE for ~20 s.
 */
async function restartOn(port: number): Promise<RunningServer> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      return await startTestServer(dataDir, { port });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-collab-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  const dataset = await uploadAsset(server.url, 'penguins');
  const started = await postAnalysis(server.url, dataset.id, { reduction: { method: 'pca' } });
  await waitForAnalysis(server.url, started.id);
  tokens = await createSession(server.url, { datasetId: dataset.id, analysisId: started.id, title: 'Penguin workshop' });
  [alice, bob, viewer] = [await open(tokens.editToken), await open(tokens.editToken), await open(tokens.viewToken)];
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('a session shared by two editors and a viewer', () => {
  it('sees each other in the people list, with roles', async () => {
    for (const page of [alice, bob, viewer]) {
      await openPanel(page, 'people');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=people] li').length === 3, undefined, { timeout: 20_000 });
    }
    const fromBob = (await bob.textContent('[data-testid=people]')) ?? '';
    expect(fromBob).toContain('viewer');
    expect(fromBob).toContain('editor');
    await alice.locator('[data-panel=clusters]').screenshot({ path: 'tests/e2e/screenshots/app-clusters.png' });
  });

  it('the top bar Share button opens the share panel with the links', async () => {
    expect(await viewer.locator('[data-testid=view-link]').count()).toBe(0); // collapsed at first
    await viewer.click('[data-testid=share-button]');
    const link = viewer.locator('[data-testid=view-link]');
    await link.waitFor();
    await viewer.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'view-link');
    expect(await link.inputValue()).toContain(tokens.viewToken);
    // This server listens on 127.0.0.1 only: the panel says nobody else can open the links, and how to change that.
    const warning = viewer.locator('[data-testid=share-warning]');
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/^These links only work on this computer\. .*HOST=0\.0\.0\.0.*PUBLIC_URL/);
    // The panel scrolls smoothly into view; wait for it to arrive rather than for a set time.
    await viewer.waitForFunction(() => {
      const r = document.querySelector('[data-testid=view-link]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, undefined, { timeout: 20_000 });
    expect(await link.isVisible()).toBe(true);
    const box = (await link.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewer.viewportSize()!.height);
    await viewer.screenshot({ path: 'tests/e2e/screenshots/app-viewer-share.png' });
  });

  it('a filter set by one editor changes the visible count everywhere', async () => {
    const total = await count(alice, 'visible-count');
    expect(total).toBeGreaterThan(300);
    // Hide the first cluster from the legend.
    await alice.locator('[data-testid=legend] .legend-item').first().click();
    const size = await alice.evaluate(() => {
      const legend = window.__mirage!.legend();
      return legend?.kind === 'categorical' ? legend.items[0].count : -1;
    });
    await eventually(alice, 'visible-count', total - size);
    await eventually(bob, 'visible-count', total - size);
    await eventually(viewer, 'visible-count', total - size);

    // A range filter moved with the keyboard on alice's page narrows bob's view too.
    await alice.selectOption('[aria-label="Add a filter"]', 'Body Mass (g)');
    const minThumb = alice.locator('[aria-label="Body Mass (g) minimum"]');
    await minThumb.waitFor();
    await minThumb.focus();
    for (let i = 0; i < 4; i++) await alice.keyboard.press('PageUp');
    await alice.keyboard.press('ArrowRight');
    await alice.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value')) < n,
      total - size,
      { timeout: 20_000 },
    );
    const narrowed = await count(alice, 'visible-count');
    expect(narrowed).toBeLessThan(total - size);
    expect(narrowed).toBeGreaterThan(0);
    await eventually(bob, 'visible-count', narrowed);
    await eventually(viewer, 'visible-count', narrowed);
  });

  it('a lasso selection, a note and a bookmark made by one editor appear for the others', async () => {
    await lassoCentre(alice, 200, 160);
    await alice.waitForFunction(() => window.__mirage!.selectedCount() > 0);
    const rows = await alice.evaluate(() => window.__mirage!.selectedRows());
    await bob.waitForFunction((n) => window.__mirage!.selectedCount() === n, rows.length);
    expect(await bob.evaluate(() => window.__mirage!.selectedRows())).toEqual(rows);
    await eventually(viewer, 'selected-count', rows.length);

    const point = await clickSomePoint(alice);
    const row = await alice.evaluate((p) => window.__mirage!.rowOf(p), point);
    await openPanel(alice, 'annotations');
    await alice.fill('[aria-label="Note text"]', 'Heavy Gentoo here');
    await alice.click('text=pin note');
    for (const page of [bob, viewer]) {
      await openPanel(page, 'annotations');
      await page.locator('[data-testid=notes]', { hasText: 'Heavy Gentoo here' }).waitFor({ timeout: 20_000 });
      expect(await page.textContent('[data-testid=notes]')).toContain(`row ${row + 1}`);
    }

    await openPanel(alice, 'bookmarks');
    await alice.fill('[aria-label="Bookmark title"]', 'Big birds');
    await alice.click('text=save view');
    for (const page of [bob, viewer]) {
      await openPanel(page, 'bookmarks');
      await page.locator('[data-testid=bookmarks]', { hasText: 'Big birds' }).waitFor({ timeout: 20_000 });
    }
  });

  it('undo takes back only my own change', async () => {
    const point = await clickSomePoint(bob);
    expect(point).toBeGreaterThanOrEqual(0);
    await bob.fill('[aria-label="Note text"]', 'Bob was here');
    await bob.click('text=pin note');
    await alice.locator('[data-testid=notes]', { hasText: 'Bob was here' }).waitFor({ timeout: 20_000 });
    // Alice's last change was the bookmark: her Ctrl+Z removes it, and leaves Bob's note alone.
    await alice.locator('.scene-area').hover();
    await alice.keyboard.press('Control+z');
    await bob.locator('[data-testid=bookmarks]', { hasText: 'Big birds' }).waitFor({ state: 'detached', timeout: 20_000 }).catch(async () => {
      expect(await bob.textContent('[data-testid=bookmarks]')).not.toContain('Big birds');
    });
    expect(await bob.textContent('[data-testid=bookmarks]')).not.toContain('Big birds');
    expect(await alice.textContent('[data-testid=notes]')).toContain('Bob was here');
    // Redo brings it back for everyone.
    await alice.keyboard.press('Control+Shift+z');
    await bob.locator('[data-testid=bookmarks]', { hasText: 'Big birds' }).waitFor({ timeout: 20_000 });
    // Ctrl+Z right after choosing in a dropdown (which keeps the focus) undoes that choice.
    await alice.focus('#enc-color');
    await alice.selectOption('#enc-color', 'anomaly');
    await bob.waitForFunction(() => document.querySelector<HTMLSelectElement>('#enc-color')?.value === 'anomaly', undefined, { timeout: 20_000 });
    expect(await alice.evaluate(() => document.activeElement?.id)).toBe('enc-color');
    await alice.keyboard.press('Control+z');
    await bob.waitForFunction(() => document.querySelector<HTMLSelectElement>('#enc-color')?.value === 'cluster', undefined, { timeout: 20_000 });
  });

  it('followers fly to where the presenter looks; roaming free keeps them put', async () => {
    await openPanel(alice, 'people');
    await alice.click('[data-panel=people] button:has-text("present")');
    await viewer.locator('[data-testid=people]', { hasText: 'presenting' }).waitFor({ timeout: 20_000 });
    // Alice flies to a point (double-click focus); bob and the viewer follow.
    const point = await clickSomePoint(alice);
    const at = await alice.evaluate((p) => {
      const m = window.__mirage!;
      const a = m.project(p)!;
      const r = m.canvasRect()!;
      return { x: r.left + a.x, y: r.top + a.y };
    }, point);
    const before = await alice.evaluate(() => window.__mirage!.cameraGoal());
    await alice.mouse.dblclick(at.x, at.y);
    await alice.waitForFunction((b) => Math.hypot(...window.__mirage!.cameraGoal().target.map((v, i) => v - b.target[i])) > 1e-3, before);
    const target = await cameraAtRest(alice);
    const near = (page: Page) =>
      page.waitForFunction(
        (t) => {
          const c = window.__mirage!.camera();
          return Math.hypot(...c.position.map((v, i) => v - t.position[i])) < 0.05 && Math.hypot(...c.target.map((v, i) => v - t.target[i])) < 0.05;
        },
        target,
        { timeout: 20_000 },
      );
    await near(bob);
    await near(viewer);
    // The viewer is told whom they follow; Esc roams free, the overlay's button follows again.
    const overlay = viewer.locator('[data-testid=follow-overlay]');
    expect(await overlay.textContent()).toMatch(/^Following .+ · Esc or drag to roam/);
    await viewer.screenshot({ path: 'tests/e2e/screenshots/app-viewer-following.png' });
    await viewer.keyboard.press('Escape');
    await overlay.locator('button', { hasText: /^follow / }).click();
    await overlay.filter({ hasText: 'Following' }).waitFor();
    // Bob stops following by orbiting himself (a drag on the scene, not a click); alice moves
    // again; bob stays where he was, the viewer follows.
    await openPanel(bob, 'people');
    // Bob's card of the point he clicked sits over the middle of the scene: a drag that starts
    // on it is the card's, not the scene's. He closes it first (× keeps following; Esc would not).
    const card = bob.locator('[data-testid=point-card] button[aria-label="Close the point details"]');
    if ((await card.count()) > 0) await card.click();
    const box = (await bob.evaluate(() => window.__mirage!.canvasRect()))!;
    await bob.mouse.move(box.left + box.width / 2, box.top + box.height / 2);
    await bob.mouse.down();
    await bob.mouse.move(box.left + box.width / 2 + 40, box.top + box.height / 2 + 10, { steps: 5 });
    await bob.mouse.up();
    await bob.locator('[data-testid=follow-overlay] button', { hasText: /^follow / }).waitFor();
    expect(await bob.locator('[data-panel=people] label:has-text("follow") input').isChecked()).toBe(false);
    const bobBefore = await cameraAtRest(bob); // a move already under way finishes
    await alice.keyboard.press('f');
    await alice.waitForFunction((t) => Math.hypot(...window.__mirage!.cameraGoal().position.map((v, i) => v - t.position[i])) > 0.1, target);
    const reset = await cameraAtRest(alice);
    expect(Math.hypot(...reset.position.map((v, i) => v - target.position[i]))).toBeGreaterThan(0.1);
    await viewer.waitForFunction(
      (t) => Math.hypot(...window.__mirage!.camera().position.map((v, i) => v - t.position[i])) < 0.05,
      reset,
      { timeout: 20_000 },
    );
    const bobAfter = await bob.evaluate(() => window.__mirage!.camera());
    expect(Math.hypot(...bobAfter.position.map((v, i) => v - bobBefore.position[i]))).toBeLessThan(0.01);
    await alice.click('[data-panel=people] button:has-text("stop presenting")');
  });

  it('a view link sees everything but cannot change anything', async () => {
    await viewer.screenshot({ path: 'tests/e2e/screenshots/app-viewer.png' });
    expect(errors).toEqual([]);
    expect(await viewer.locator('[data-testid=view-only]').isVisible()).toBe(true);
    expect(await viewer.locator('[aria-label="Add a filter"]').isDisabled()).toBe(true);
    expect(await viewer.locator('#enc-color').isDisabled()).toBe(true);
    expect(await viewer.locator('[data-panel=clusters] button', { hasText: 'select' }).first().isDisabled()).toBe(true);
    expect(await viewer.locator('[aria-label="Note text"]').count()).toBe(0);
    expect(await viewer.locator('[aria-label="Bookmark title"]').count()).toBe(0);
    const before = { visible: await count(alice, 'visible-count'), selected: await count(alice, 'selected-count') };

    await viewer.locator('[data-testid=legend] .legend-item').first().click({ force: true });
    expect(await viewer.textContent('[data-testid=scene-hint]')).not.toContain('lasso');
    expect(await alice.textContent('[data-testid=scene-hint]')).toContain('lasso');
    await lassoCentre(viewer, 120, 100);
    await viewer.locator('[data-testid=toast]', { hasText: 'only editors can select' }).waitFor({ timeout: 5_000 });
    await viewer.keyboard.press('Control+z');
    await viewer.keyboard.press('Escape');
    // Wait for proof that the server has dealt with all of that, not for a while: the viewer's
    // rename goes out on the same socket after anything those steps sent, and the server reads a
    // socket's messages in order, so once alice sees the new name the viewer's edits (if any) were
    // applied or dropped. Whatever it applied is relayed in order before bob's later bookmark.
    await openPanel(viewer, 'people');
    await viewer.fill('[aria-label="Your name"]', 'Quiet viewer');
    await viewer.press('[aria-label="Your name"]', 'Enter');
    await openPanel(alice, 'people');
    await alice.locator('[data-testid=people]', { hasText: 'Quiet viewer' }).waitFor({ timeout: 20_000 });
    await bob.fill('[aria-label="Bookmark title"]', 'After the viewer');
    await bob.click('text=save view');
    for (const page of [alice, viewer]) await page.locator('[data-testid=bookmarks]', { hasText: 'After the viewer' }).waitFor({ timeout: 20_000 });
    for (const page of [alice, bob, viewer]) {
      expect(await count(page, 'visible-count')).toBe(before.visible);
      expect(await count(page, 'selected-count')).toBe(before.selected);
    }
    expect(await alice.textContent('[data-testid=bookmarks]')).toContain('Big birds');
    expect(errors).toEqual([]);
  });

  it('keeps working while the server is away and merges on its return', async () => {
    const port = Number(new URL(server.url).port);
    await server.close();
    await alice.waitForFunction(() => document.querySelector('[data-testid=connection]')?.getAttribute('data-status') !== 'connected', undefined, { timeout: 15_000 });
    expect(await alice.textContent('[data-testid=connection]')).toMatch(/offline|connecting/);
    await clickSomePoint(alice);
    await alice.fill('[aria-label="Note text"]', 'written offline');
    await alice.click('text=pin note');
    await alice.locator('[data-testid=notes]', { hasText: 'written offline' }).waitFor();
    server = await restartOn(port);
    for (const page of [alice, bob, viewer]) {
      await page.waitForFunction(() => document.querySelector('[data-testid=connection]')?.getAttribute('data-status') === 'connected', undefined, { timeout: 20_000 });
    }
    await bob.locator('[data-testid=notes]', { hasText: 'written offline' }).waitFor({ timeout: 20_000 });
    await viewer.locator('[data-testid=notes]', { hasText: 'written offline' }).waitFor({ timeout: 20_000 });
  });
});

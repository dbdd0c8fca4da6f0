import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { ownerLink } from '../support/server-process.ts';

/**
 * The session page on narrow screens: a phone that scanned the view link's QR code (390×844)
 * and a 1024×700 projector. No top-bar control is clipped or covered, the phone's scene keeps
 * the whole width with the dashboard closed, ☰ opens the dashboard as a drawer over the scene
 * and closes it again. On the start page, every analysis option and Run are in view at once
 * at 1024×700 and 1280×800. Penguins with a PCA layout and a title too long for a phone.
 */
let fixture: SessionFixture;
const errors: string[] = [];
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1024, height: 700 };

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'narrow', title: 'Palmer penguins measured on three islands in 2007–2009' });
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

const open = (token: string, viewport: { width: number; height: number }) => openSessionPage(fixture.browser, fixture.server.url, fixture.session, token, errors, viewport);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}

/** Two frames, so a re-fit of the top bar (done once a frame) and the layout have settled. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

interface BarReport {
  scrollWidth: number;
  clientWidth: number;
  /** Shown controls whose box leaves the viewport or the bar, or whose centre something else covers. */
  problems: string[];
  /** Names of the controls shown (aria-label, test id or text). */
  shown: string[];
}

/** Every control the top bar shows: its box inside the viewport and the bar, and not covered. */
function topBarReport(page: Page): Promise<BarReport> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('header.top-bar')!;
    const barBox = bar.getBoundingClientRect();
    const problems: string[] = [];
    const shown: string[] = [];
    for (const el of bar.querySelectorAll<HTMLElement>('a, button, input, select, [data-testid=connection], [data-testid=view-only]')) {
      if (el.getClientRects().length === 0) continue;
      const name = el.getAttribute('aria-label') ?? el.dataset.testid ?? el.textContent?.trim() ?? el.tagName;
      shown.push(name);
      const box = el.getBoundingClientRect();
      const inside = box.left >= 0 && box.top >= 0 && box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
      const inBar = box.left >= barBox.left - 0.5 && box.right <= barBox.right + 0.5 && box.top >= barBox.top - 0.5 && box.bottom <= barBox.bottom + 0.5;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!inside || !inBar) problems.push(`${name} at ${Math.round(box.left)}–${Math.round(box.right)} × ${Math.round(box.top)}–${Math.round(box.bottom)}`);
      else if (!hit || !(el === hit || el.contains(hit))) problems.push(`${name} covered by ${hit?.className ?? 'nothing'}`);
    }
    return { scrollWidth: bar.scrollWidth, clientWidth: bar.clientWidth, problems, shown };
  });
}

/** The scene canvas's width, and whether the dashboard shows with its first panel's header usable. */
function layout(page: Page): Promise<{ canvas: number; viewport: number; sidebar: boolean; panelUsable: boolean }> {
  return page.evaluate(() => {
    const canvas = document.querySelector('.scene-area canvas')!.getBoundingClientRect();
    const sidebar = document.querySelector<HTMLElement>('aside.sidebar')!;
    const toggle = document.querySelector<HTMLElement>('[data-panel=clusters] .panel-toggle');
    let panelUsable = false;
    if (toggle && toggle.getClientRects().length > 0) {
      const box = toggle.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      panelUsable = box.left >= 0 && box.right <= innerWidth && box.bottom <= innerHeight && hit !== null && toggle.contains(hit);
    }
    return { canvas: canvas.width, viewport: innerWidth, sidebar: sidebar.getClientRects().length > 0, panelUsable };
  });
}

async function expectBarFits(page: Page): Promise<BarReport> {
  await settled(page);
  const report = await topBarReport(page);
  expect(report.problems).toEqual([]);
  expect(report.scrollWidth).toBeLessThanOrEqual(report.clientWidth);
  return report;
}

describe('the session page on a phone', () => {
  it('shows a view link with the whole width for the cloud and a drawer for the dashboard', async () => {
    const page = await open(fixture.session.viewToken, PHONE);
    const report = await expectBarFits(page);
    for (const name of ['Toggle dashboard', 'share-button', 'connection', 'view-only']) expect(report.shown).toContain(name);
    // Nothing is scrolled sideways: the page is exactly the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);

    // First load on a phone: the dashboard starts closed and the canvas has (nearly) the full width.
    const closed = await layout(page);
    expect(closed.sidebar).toBe(false);
    expect(closed.canvas).toBeGreaterThanOrEqual(0.9 * PHONE.width);
    await shot(page, 'narrow-phone-viewer');

    // ☰ opens the dashboard over the scene: a panel is usable and the canvas keeps its width.
    await page.getByRole('button', { name: 'Toggle dashboard' }).click();
    await settled(page);
    const opened = await layout(page);
    expect(opened.sidebar).toBe(true);
    expect(opened.panelUsable).toBe(true);
    expect(opened.canvas).toBe(closed.canvas);
    await shot(page, 'narrow-phone-drawer');
    // The top bar stays usable above the open drawer, and ☰ closes it again.
    await expectBarFits(page);
    await page.getByRole('button', { name: 'Toggle dashboard' }).click();
    await settled(page);
    expect((await layout(page)).sidebar).toBe(false);

    // The drawer's own close button, and Share, which opens the drawer at the share panel.
    await page.getByRole('button', { name: 'Toggle dashboard' }).click();
    await page.getByTestId('close-dashboard').click();
    await settled(page);
    expect((await layout(page)).sidebar).toBe(false);
    // Esc closes the drawer too.
    await page.getByRole('button', { name: 'Toggle dashboard' }).click();
    await settled(page);
    expect((await layout(page)).sidebar).toBe(true);
    await page.keyboard.press('Escape');
    await settled(page);
    expect((await layout(page)).sidebar).toBe(false);
    await page.getByTestId('share-button').click();
    await page.locator('[data-panel=share] .panel-body').waitFor({ state: 'visible' });
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-panel=share]')!.getBoundingClientRect();
      return box.top >= 0 && box.top < innerHeight && box.right <= innerWidth;
    });
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it('keeps an editor\'s top bar whole while a search shows its matches and buttons', async () => {
    const page = await open(fixture.session.editToken, PHONE);
    let report = await expectBarFits(page);
    for (const name of ['Toggle dashboard', 'share-button', 'connection', 'Undo', 'Redo']) expect(report.shown).toContain(name);
    expect(report.shown).not.toContain('view-only');
    await page.fill('#search-input', 'Gentoo');
    await page.getByTestId('search-frame').waitFor();
    report = await expectBarFits(page);
    for (const name of ['search-select', 'search-frame', 'Toggle dashboard', 'share-button']) expect(report.shown).toContain(name);
    expect(Number(await page.getByTestId('search-count').getAttribute('data-value'))).toBeGreaterThan(0);
    expect((await layout(page)).canvas).toBeGreaterThanOrEqual(0.9 * PHONE.width);
    await shot(page, 'narrow-phone-editor-search');
    await page.context().close();
    expect(errors).toEqual([]);
  });
});

describe('the session page on a 1024×700 projector', () => {
  it('fits the whole top bar beside the open dashboard, for an editor and a viewer, searching or not', async () => {
    for (const [role, token] of [
      ['editor', fixture.session.editToken],
      ['viewer', fixture.session.viewToken],
    ] as const) {
      const page = await open(token, PROJECTOR);
      let report = await expectBarFits(page);
      expect(report.clientWidth).toBe(PROJECTOR.width);
      for (const name of ['Toggle dashboard', 'share-button', 'connection']) expect(report.shown).toContain(name);
      if (role === 'editor') expect(report.shown).toEqual(expect.arrayContaining(['Undo', 'Redo']));
      else expect(report.shown).toContain('view-only');
      // Wider than the drawer breakpoint: the dashboard is a column, open from the start.
      const desk = await layout(page);
      expect(desk.sidebar).toBe(true);
      expect(desk.panelUsable).toBe(true);
      expect(desk.canvas).toBeGreaterThanOrEqual(0.55 * PROJECTOR.width);
      await shot(page, `narrow-projector-${role}`);

      await page.fill('#search-input', 'Gentoo');
      await page.getByTestId('search-frame').waitFor();
      report = await expectBarFits(page);
      expect(report.shown).toContain('search-frame');
      await shot(page, `narrow-projector-${role}-search`);
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });
});

describe('the start page on short screens', () => {
  it('shows every analysis option and Run at once, nothing under the Run bar', async () => {
    for (const viewport of [PROJECTOR, { width: 1280, height: 800 }]) {
      const context = await fixture.browser.newContext({ viewport });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(ownerLink(fixture.server.url));
      await page.locator('.dataset-item').first().click();
      await page.locator('.analyse-card [data-testid=run]').waitFor();
      await settled(page);
      const found = await page.evaluate(() => {
        const bar = document.querySelector('.run-bar')!.getBoundingClientRect();
        const problems: string[] = [];
        let count = 0;
        for (const el of document.querySelectorAll<HTMLElement>('.analyse-card input, .analyse-card select, .analyse-card button')) {
          count++;
          const box = el.getBoundingClientRect();
          const name = (el as HTMLInputElement).value || el.id || el.textContent || el.tagName;
          const inView = box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
          const underBar = !bar.height || el.closest('.run-bar') ? false : box.bottom > bar.top && box.top < bar.bottom;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          if (!inView || underBar || !hit || !(hit === el || el.contains(hit))) problems.push(`${name} at ${Math.round(box.top)}–${Math.round(box.bottom)}`);
        }
        return { problems, count, scrolled: document.querySelector('.start-page')!.scrollTop };
      });
      // Title, missing values, three layouts, three clusterings and Run.
      expect(found.count).toBeGreaterThanOrEqual(9);
      expect(found.problems).toEqual([]);
      expect(found.scrolled).toBe(0);
      await shot(page, `narrow-start-${viewport.width}`);
      await context.close();
    }
    expect(errors).toEqual([]);
  });
});

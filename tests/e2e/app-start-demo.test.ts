import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { ensureDemo } from '../../server/services/demo.ts';
import type { SessionRecord } from '../../server/store/session-store.ts';
import { contrastRatio } from '../../shared/encodings/contrast.ts';
import { hexToRgb, SCENE_BACKGROUND } from '../../shared/encodings/palettes.ts';
import { decodePng, ensureClientBuild, launchBrowser, screenshotDir } from '../support/browser.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { join } from 'node:path';

/**
 * A new user at the start page of a server that made its demo session on first start (as
 * `npm start` does on an empty DATA_DIR), then the small things of that session's dashboard:
 * flagged anomalies, legend counts under a filter, the colour ramp's dark end, note levels.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let demo: SessionRecord;
const errors: string[] = [];

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-start-demo-e2e-');
  server = await startTestServer(dataDir);
  demo = (await ensureDemo(server.deps))!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

async function newPage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return page;
}

async function openPanel(page: Page, id: string): Promise<void> {
  const toggle = page.locator(`[data-panel=${id}] .panel-toggle`);
  if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

describe('the start page of a server with a demo session', () => {
  it('links the demo session (edit and view) and lists the penguins once', async () => {
    const page = await newPage(ownerLink(server.url));
    const card = page.getByTestId('demo-session');
    await card.waitFor();
    const origin = new URL(server.url).origin;
    expect(await card.getByTestId('demo-edit-link').getAttribute('href')).toBe(`${origin}/s/${demo.id}?token=${demo.editToken}`);
    expect(await card.getByTestId('demo-view-link').getAttribute('href')).toBe(`${origin}/s/${demo.id}?token=${demo.viewToken}`);
    expect(await card.innerText()).toContain('Palmer penguins (demo)');
    await page.getByTestId('datasets').waitFor();
    await page.getByTestId('demos').waitFor();
    const names = async (list: string) => page.getByTestId(list).locator('.dataset-name').allInnerTexts();
    expect(await names('datasets')).toEqual(['Palmer penguins']);
    await expect.poll(() => names('demos')).toEqual(['Iris', 'Cars', 'Seattle weather', 'Superstore orders']);
    await page.screenshot({ path: join(screenshotDir, 'start-demo-session.png') });

    await card.getByTestId('demo-edit-link').click();
    await page.waitForURL(`**/s/${demo.id}?token=${demo.editToken}`);
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 90_000 });
    await page.evaluate(() => window.__mirage!.ready());
    expect(await page.locator('[data-role]').first().getAttribute('data-role')).toBe('edit');
    expect(errors).toEqual([]);
  });
});

describe('the demo session’s dashboard', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage(`${server.url}/s/${demo.id}?token=${demo.editToken}`);
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 90_000 });
    await page.evaluate(() => window.__mirage!.ready());
  });

  it('top anomalies mark the flagged rows and say how many of those listed are flagged', async () => {
    await openPanel(page, 'anomalies');
    const caption = (await page.getByTestId('anomaly-caption').innerText()).trim();
    const [, flagged, listed] = /^(\d+) of (\d+) listed (?:are|is) flagged/.exec(caption)!;
    // 342 penguins with measurements, the top 2% flagged: 7, of 20 listed.
    expect([Number(flagged), Number(listed)]).toEqual([7, 20]);
    const marks = await page.locator('.anomaly-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-flagged')));
    expect(marks.slice(0, 7)).toEqual(Array(7).fill('true'));
    expect(marks.slice(7).every((m) => m === 'false')).toBe(true);
    expect(await page.locator('.anomaly-item.flagged .tag.warn').first().innerText()).toMatch(/^flagged 0\.\d\d$/);
  });

  it('legend counts read "n of N visible" under a filter, and long names wrap instead of ending in …', async () => {
    const legend = page.getByTestId('legend');
    await expect.poll(() => legend.locator('.legend-item').count()).toBeGreaterThanOrEqual(3);
    expect(await legend.locator('.legend-count').first().innerText()).toMatch(/^\d+$/);
    // A click on the first cluster hides it (a shared cluster filter).
    await legend.locator('.legend-item').first().click();
    await legend.getByTestId('legend-visible-head').waitFor();
    const counts = (await legend.locator('.legend-items .legend-count').allInnerTexts()).map((t) => /^(\d+) of (\d+)$/.exec(t.trim())!.slice(1).map(Number));
    expect(counts[0][0]).toBe(0);
    const visible = Number(await page.getByTestId('visible-count').getAttribute('data-value'));
    expect(counts.reduce((s, [v]) => s + v, 0)).toBe(visible);
    expect(counts.reduce((s, [, n]) => s + n, 0)).toBe(342);
    expect(await legend.locator('[data-mark=anomaly] .legend-count').innerText()).toMatch(/^\d+ of 7$/);
    // Every name is shown whole: nothing clipped, no ellipsis.
    const clipped = await legend.locator('.legend-label, .legend-title-text').evaluateAll((els) =>
      els.filter((el) => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis').map((el) => el.textContent),
    );
    expect(clipped).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'legend-visible-counts.png') });
    await legend.locator('.legend-item').first().click();
    await expect.poll(() => legend.getByTestId('legend-visible-head').count()).toBe(0);
  });

  it('the anomaly colour ramp keeps its dark end readable on the scene background (3:1)', async () => {
    await openPanel(page, 'encoding');
    await page.focus('#enc-color');
    await page.selectOption('#enc-color', 'anomaly');
    const bar = page.locator('[data-testid=legend] .colour-bar');
    await bar.waitFor();
    const png = decodePng(await bar.screenshot({ path: join(screenshotDir, 'anomaly-colour-bar.png') }));
    const y = Math.floor(png.height / 2);
    const at = (x: number): [number, number, number] => {
      const i = (y * png.width + x) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    const background = hexToRgb(SCENE_BACKGROUND);
    // Two pixels in from the rounded edge: the ramp's darkest colour as drawn.
    expect(contrastRatio(at(2), background)).toBeGreaterThanOrEqual(3);
    expect(contrastRatio(at(png.width - 3), background)).toBeGreaterThan(contrastRatio(at(2), background));
    await page.screenshot({ path: join(screenshotDir, 'anomaly-colours.png') });
  });

  it('informational notes do not look like warnings; rows left out do', async () => {
    await openPanel(page, 'analysis');
    const notes = page.getByTestId('analysis-notes').locator('li');
    await notes.first().waitFor();
    const read = await notes.evaluateAll((items) => items.map((li) => ({ level: li.getAttribute('data-level'), text: li.textContent ?? '', color: getComputedStyle(li).color })));
    const warnings = read.filter((n) => n.level === 'warning');
    const infos = read.filter((n) => n.level === 'info');
    // Two penguins have no measurements: left out, a warning; the clustering note is information.
    expect(warnings.map((n) => n.text)).toEqual([expect.stringMatching(/^Warning: 2 of 344 rows had a missing feature value and were left out/)]);
    expect(infos.length).toBeGreaterThan(0);
    expect(new Set(infos.map((n) => n.color)).size).toBe(1);
    expect(infos[0].color).not.toBe(warnings[0].color);
    expect(errors).toEqual([]);
  });
});

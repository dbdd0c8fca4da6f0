import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { ensureClientBuild, launchBrowser, repoRoot, screenshotDir } from '../support/browser.ts';
import { CONTENT_TYPES, postJson, uploadText } from '../support/http.ts';
import { COLUMNS, PLANTED, cleanPenguinsCsv, plantedPenguinsCsv } from '../support/planted-penguins.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';

/**
 * The Data quality panel on a defective table uploaded through the start page: the planted
 * findings are listed with their counts, a rule added in the panel answers its count, and
 * "select" puts the rows breaking it into the shared selection that a second page sees.
 */
let server: RunningServer;
let browser: Browser;
let dataDir: string;
const errors: string[] = [];

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-quality-e2e-');
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

async function sessionReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
}

describe('the Data quality panel', () => {
  it('shows the planted findings and what the new version broke, counts a new rule, and selects its rows for a viewer too', async () => {
    // The clean table was uploaded before under the same name, with a rule on body mass.
    const clean = await uploadText(server.url, cleanPenguinsCsv(), CONTENT_TYPES.csv, 'penguins');
    const cleanId = ((await clean.json()) as { id: string }).id;
    expect((await postJson(`${server.url}/api/datasets/${cleanId}/rules`, { kind: 'range', column: COLUMNS.mass, min: 2000, max: 7000 })).status).toBe(201);

    const start = await newPage(ownerLink(server.url));
    await start.setInputFiles('[data-testid=file-input]', { name: 'penguins.csv', mimeType: 'text/csv', buffer: Buffer.from(plantedPenguinsCsv()) });
    await start.waitForSelector('[data-testid=preview] tbody tr');
    // 5 columns with missing values and the 5 planted defects; the re-upload is said to replace the first.
    const day = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
    expect(await start.locator('#preview-title + p [data-testid=dataset-quality]').textContent()).toBe(`10 quality findings · 2 alerts · this replaces penguins of ${day}`);

    await start.screenshot({ path: join(screenshotDir, 'quality-start-page.png') });
    await start.click('[data-testid=run]');
    await start.waitForURL(/\/s\/[A-Za-z0-9_-]+\?token=/, { timeout: 90_000 });
    await sessionReady(start);
    const editor = start;
    await editor.click('[data-panel=quality] .panel-toggle');
    await editor.waitForSelector('[data-testid=quality-finding]');
    const alerts = editor.locator('[data-testid=quality-alerts]');
    expect(await alerts.getAttribute('role')).toBe('alert');
    expect(await alerts.locator('li').allTextContents()).toEqual([
      `Rule "${COLUMNS.mass} between 2000 and 7000" is broken by 20 rows (0 in the previous version).`,
      `${COLUMNS.flipper}: the mean moved from 200.9 to 210.8 (+0.7 sd of the previous version).`,
    ]);
    const findings = await editor.$$eval('[data-testid=quality-finding]', (items) =>
      items.map((li) => ({ kind: li.closest('[data-kind]')!.getAttribute('data-kind'), column: li.getAttribute('data-column'), count: Number(li.getAttribute('data-count')) })),
    );
    const planted = findings.filter((f) => f.kind !== 'missing');
    expect(planted).toEqual([
      { kind: 'unparsed-values', column: COLUMNS.beakDepth, count: PLANTED.beakWords.size },
      { kind: 'mixed-magnitudes', column: COLUMNS.mass, count: PLANTED.massInKg.length },
      { kind: 'duplicate-ids', column: 'id', count: PLANTED.reusedIds.length },
      { kind: 'duplicate-rows', column: '', count: PLANTED.duplicateOf.length },
      { kind: 'outliers', column: COLUMNS.flipper, count: PLANTED.flipperTimesTen.length },
    ]);
    expect(await editor.locator('[data-kind=unparsed-values]').textContent()).toContain('"unknown", "n.a.", "see notes"');
    // The session's analysis dropped the rows with a missing feature: the panel says which columns.
    expect(await editor.locator('[data-testid=quality-effect]').textContent()).toMatch(/^This analysis left out \d+ rows with a missing feature \(by column: .*Sex 11/);

    // A rule: flipper lengths between 150 and 250 mm.
    await editor.selectOption('#rule-column', COLUMNS.flipper);
    await editor.selectOption('#rule-kind', 'range');
    await editor.fill('#rule-min', '150');
    await editor.fill('[aria-label=maximum]', '250');
    await editor.click('[data-testid=add-rule]');
    const rule = editor.locator('[data-testid=quality-rule]', { hasText: `${COLUMNS.flipper} between 150 and 250` });
    await rule.waitFor();
    expect(await rule.getAttribute('data-violations')).toBe('2');
    expect(await editor.locator('[data-testid=quality-rule]').count()).toBe(2);

    // A bad pattern gets the server's sentence, and no rule.
    await editor.selectOption('#rule-column', 'Species');
    await editor.selectOption('#rule-kind', 'pattern');
    await editor.fill('#rule-pattern', '(a+)+');
    await editor.click('[data-testid=add-rule]');
    await editor.waitForSelector('[data-testid=rule-form] [role=alert]');
    expect(await editor.locator('[data-testid=rule-form] [role=alert]').textContent()).toContain('could take very long');
    expect(await editor.locator('[data-testid=quality-rule]').count()).toBe(2);

    // The second page is a viewer's: counts only, no buttons, and the editor's selection arrives.
    const link = new URL(editor.url());
    const sessionId = link.pathname.split('/')[2];
    const { viewToken } = (await (await fetch(`${server.url}/api/sessions/${sessionId}?token=${link.searchParams.get('token')}`)).json()) as { viewToken: string };
    const second = await newPage(`${server.url}/s/${sessionId}?token=${viewToken}`);
    await sessionReady(second);
    await second.click('[data-panel=quality] .panel-toggle');
    await second.waitForSelector('[data-testid=quality-rule]');
    expect(await second.locator('[data-testid=quality-rule]').count()).toBe(2);
    expect(await second.locator('[data-panel=quality] [data-testid=select-rows]').count()).toBe(0);
    expect(await second.locator('[data-testid=rule-form]').count()).toBe(0);
    expect(await second.locator('[data-testid=quality-rule]', { hasText: `${COLUMNS.flipper} between 150 and 250` }).textContent()).toContain('2 rows');
    await rule.locator('[data-testid=select-rows]').click();
    await second.waitForFunction(() => window.__mirage!.selectedCount() === 2, undefined, { timeout: 20_000 });
    expect(await second.evaluate(() => window.__mirage!.selectedRows())).toEqual([...PLANTED.flipperTimesTen]);
    expect(await editor.evaluate(() => window.__mirage!.selectedRows())).toEqual([...PLANTED.flipperTimesTen]);

    // The picture for docs/: the panel alone, the others folded, tall enough to hold it.
    await editor.locator('[data-kind=outliers] summary').click();
    for (const id of await editor.$$eval('[data-panel]', (ps) => ps.map((p) => p.getAttribute('data-panel')!))) {
      if (id !== 'quality' && (await editor.locator(`[data-panel="${id}"] .panel-toggle`).getAttribute('aria-expanded')) === 'true') await editor.click(`[data-panel="${id}"] .panel-toggle`);
    }
    await editor.setViewportSize({ width: 1280, height: 2200 });
    await editor.locator('[data-panel=quality]').screenshot({ path: join(screenshotDir, 'quality-panel.png') });
    if (process.env.DOCS_SHOTS) await editor.locator('[data-panel=quality]').screenshot({ path: join(repoRoot, 'docs', 'quality-panel.png') });
    expect(errors).toEqual([]);
  }, 240_000);
});

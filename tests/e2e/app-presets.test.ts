import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoOccurrenceAnswer } from '../../shared/insights/co-occurrence.ts';
import { indicesFromRanges } from '../../shared/session/ranges.ts';
import { repoRoot, screenshotDir } from '../support/browser.ts';
import { postJson } from '../support/http.ts';
import { ownerLink } from '../support/server-process.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * Issue 16's presets seen in the browser: the start page's customer-segments card turns the
 * shipped transactions sample into a cloud of customers coloured by segment; a co-occurrence rule
 * clicked by an editor selects its rows on a viewer's page too.
 */
let fixture: SessionFixture;
const errors: string[] = [];

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'presets', title: 'Penguins rules' });
}, 300_000);
afterAll(async () => {
  await fixture?.close();
});

async function sessionReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
}

describe('customer segments (RFM) from the start page', () => {
  it('pre-fills the columns, says what is wrong with a bad pick, and opens a session of customers coloured by segment', async () => {
    const context = await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(ownerLink(fixture.server.url));
    await page.locator('[data-testid=demos] button', { hasText: 'Superstore orders' }).click();
    await page.waitForSelector('[data-testid=rfm-card]');
    expect(await page.inputValue('[data-testid=rfm-customer]')).toBe('Customer ID');
    expect(await page.inputValue('[data-testid=rfm-date]')).toBe('Order Date');
    expect(await page.inputValue('[data-testid=rfm-amount]')).toBe('Sales');

    await page.selectOption('[data-testid=rfm-date]', 'Region');
    expect(await page.textContent('[data-testid=rfm-problem]')).toBe('"Region" holds category values, not dates.');
    expect(await page.isDisabled('[data-testid=rfm-run]')).toBe(true);
    await page.selectOption('[data-testid=rfm-date]', 'Order Date');
    expect(await page.locator('[data-testid=rfm-problem]').count()).toBe(0);
    await page.locator('[data-testid=rfm-card]').screenshot({ path: join(screenshotDir, 'rfm-card.png') });
    await page.screenshot({ path: join(screenshotDir, 'rfm-start-page.png'), fullPage: true });

    await page.click('[data-testid=rfm-run]');
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+\?token=/, { timeout: 120_000 });
    await sessionReady(page);
    const legend = page.locator('[data-testid=legend]');
    await legend.waitFor();
    expect(await legend.locator('.legend-title-text').textContent()).toBe('segment');
    const labels = await legend.locator('.legend-items .legend-label').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['champions', 'loyal', 'at risk', 'hibernating', 'new', 'potential loyalists']));
    expect(labels).toHaveLength(10);
    // The customers are the cloud: 397 points.
    expect(await page.evaluate(() => window.__mirage!.count)).toBe(397);
    await page.screenshot({ path: join(screenshotDir, 'rfm-session.png') });
    if (process.env.DOCS_SHOTS) await page.screenshot({ path: join(repoRoot, 'docs', 'segments.png') });
    await context.close();
    expect(errors).toEqual([]);
  }, 240_000);
});

describe('co-occurrence rules in a session', () => {
  it('lists rules for all points; a rule clicked by an editor selects its rows for a viewer too', async () => {
    const { server, browser, session, analysisId } = fixture;
    const editor = await openSessionPage(browser, server.url, session, session.editToken, errors);
    const viewer = await openSessionPage(browser, server.url, session, session.viewToken, errors);
    await editor.click('[data-panel=co-occurrence] .panel-toggle');
    await editor.click('[data-testid=find-rules]');
    const rule = editor.locator('[data-testid=co-rule]', { hasText: 'Island = Torgersen ⇒ Species = Adelie' });
    await rule.waitFor();
    expect(await rule.textContent()).toMatch(/support 1[45]% · confidence 100% · lift 2\.3 · \d+ rows/);
    expect(await editor.textContent('[data-testid=rules-about]')).toBe('In all 333 points, by lift, over Species, Island, Sex. Click a rule to select its rows.');

    const answer = (await (await postJson(`${server.url}/api/analyses/${analysisId}/co-occurrences`, { group: { kind: 'all' } })).json()) as CoOccurrenceAnswer;
    const expected = answer.rules.find((r) => r.if.length === 1 && r.if[0].value === 'Torgersen' && r.then.value === 'Adelie');
    expect(expected).toBeDefined();
    await rule.click();
    const rows = [...indicesFromRanges(expected?.rows ?? [])];
    await viewer.waitForFunction((n) => window.__mirage!.selectedCount() === n, rows.length, { timeout: 20_000 });
    expect(await viewer.evaluate(() => window.__mirage!.selectedRows())).toEqual(rows);

    // The viewer reads rules but cannot select with them.
    await viewer.click('[data-panel=co-occurrence] .panel-toggle');
    await viewer.click('[data-testid=find-rules]');
    await viewer.locator('[data-testid=co-rule]').first().waitFor();
    expect(await viewer.locator('[data-testid=co-rule]').first().isDisabled()).toBe(true);

    // Rules of the selection only (the Torgersen penguins).
    await editor.selectOption('[data-testid=co-group]', 'selection');
    await editor.click('[data-testid=find-rules]');
    // Island and species are the same for all 47: only values that still vary can go together (none here).
    await editor.waitForFunction(() => document.querySelector('[data-testid=rules-about]')?.textContent?.includes('the selection (47 rows)'));
    expect(await editor.textContent('[data-testid=rules-about]')).toBe('No values go together in the selection (47 rows) (a rule needs 5% support, 50% confidence and lift above 1).');
    expect(await editor.locator('[data-testid=co-rule]').count()).toBe(0);
    // One cluster: its rows only (counted here from the page's own cluster of each point).
    await editor.selectOption('[data-testid=co-group]', '0');
    await editor.click('[data-testid=find-rules]');
    await editor.waitForFunction(() => document.querySelector('[data-testid=rules-about]')?.textContent?.includes('C1 ('));
    const members = await editor.evaluate(() => Array.from({ length: window.__mirage!.count }, (_, p) => p).filter((p) => window.__mirage!.clusterOf(p) === 0).length);
    expect(await editor.textContent('[data-testid=rules-about]')).toContain(`C1 (${members} rows)`);
    await editor.selectOption('[data-testid=co-group]', 'all');
    await editor.click('[data-testid=find-rules]');
    await editor.waitForFunction(() => document.querySelector('[data-testid=rules-about]')?.textContent?.startsWith('In all'));
    await editor.locator('[data-panel=co-occurrence]').screenshot({ path: join(screenshotDir, 'co-occurrence-panel.png') });
    expect(errors).toEqual([]);
  }, 240_000);
});

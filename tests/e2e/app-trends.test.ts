import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * The Trends panel on a k-means analysis of the Seattle weather table, opened by a viewer: one
 * chart per cluster with its forecast and held-out error in words; choosing a column's mean
 * recharts them.
 */
let fixture: SessionFixture;
const errors: string[] = [];

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'trends', title: 'Seattle trends', asset: 'seattle', params: { reduction: { method: 'pca' }, clustering: { method: 'kmeans', k: 4 } } });
}, 300_000);

afterAll(async () => {
  await fixture?.close();
});

describe('the Trends panel', () => {
  it('shows one chart per cluster with its forecast error, and recharts a column’s mean', async () => {
    const page = await openSessionPage(fixture.browser, fixture.server.url, fixture.session, fixture.session.viewToken, errors);
    const clusters = await page.locator('.cluster-list .cluster-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cluster')));
    expect(clusters).toHaveLength(4);
    await page.click('[data-panel=clusters] .panel-toggle'); // make room: the trends panel sits below
    await page.click('[data-panel=trends] .panel-toggle');
    await page.waitForSelector('[data-testid=trend-chart]');
    const rows = page.locator('.trend-row');
    expect(await rows.evaluateAll((items) => items.map((r) => r.getAttribute('data-cluster')))).toEqual(clusters);
    expect(await page.locator('[data-testid=trend-chart]').count()).toBe(4);
    expect(await page.locator('.trend-forecast').count()).toBe(4);
    for (const text of await page.locator('.trend-error').allTextContents()) expect(text).toMatch(/^forecast error on the last 6 months: ±\d+% \(off by [\d.,]+ rows? on average\)$/);
    expect(await page.locator('.trends-range').textContent()).toContain('Jan 2012 – Dec 2015, then 6 months forecast');
    await page.locator('[data-panel=trends]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir, 'trends.png') });

    await page.selectOption('#trend-value', 'temp_max');
    await page.waitForFunction(() => document.querySelector('[data-testid=trend-chart]')?.getAttribute('aria-label')?.includes('mean temp_max'));
    expect(await page.locator('[data-testid=trend-chart]').count()).toBe(4);
    for (const text of await page.locator('.trend-error').allTextContents()) expect(text).toMatch(/^forecast error on the last 6 months: ±\d+% \(off by [\d.,]+ on average\)$/);
    expect(errors).toEqual([]);
  }, 180_000);
});


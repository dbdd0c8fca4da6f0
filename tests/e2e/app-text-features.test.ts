import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { assetPath } from '../support/assets.ts';
import { ensureClientBuild, launchBrowser, screenshotDir } from '../support/browser.ts';
import { ownerFetch } from '../support/http.ts';
import { ownerLink, removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';

/**
 * Free text as features, as a user asks for it: the package table uploaded through the start
 * page, its Description ticked as words and the other columns unticked, the analysis run; the
 * analysis used the words and the legend names clusters by them.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-text-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('free text as features', () => {
  it('a ticked text column becomes word features and the clusters are named by their words', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(ownerLink(server.url));
    await page.setInputFiles('[data-testid=file-input]', assetPath('debianPackages'));
    await page.waitForSelector('[data-testid=preview] tbody tr');
    const options = page.getByTestId('text-features');
    await options.waitFor();
    expect(await options.textContent()).toContain('use the words of Description as features');
    const box = options.locator('input[type=checkbox]');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    // Words alone: the other columns left out (their "use" boxes unticked), so the layout and the
    // clusters are the descriptions' (with everything on, the heavy-tailed sizes set the clusters).
    for (const column of ['Section', 'Priority', 'Architecture', 'Installed-Size (KiB)', 'Dependencies']) await page.getByLabel(`Use ${column}`, { exact: true }).uncheck();
    expect(await page.locator('.run-form').textContent()).toContain('1 of 7 columns will be features');
    await page.screenshot({ path: join(screenshotDir, 'text-features-start.png') });
    await page.click('[data-testid=run]');
    await page.waitForURL(/\/s\/[A-Za-z0-9_-]+\?token=/, { timeout: 120_000 });
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__mirage!.ready());

    const url = new URL(page.url());
    const sessionId = url.pathname.split('/')[2];
    const { analysisId } = (await (await fetch(`${server.url}/api/sessions/${sessionId}?token=${url.searchParams.get('token')}`)).json()) as { analysisId: string };
    const analysis = (await (await ownerFetch(`${server.url}/api/analyses/${analysisId}`)).json()) as {
      params: { text?: { columns: string[] } };
      result: { features: { column: string; encoding: string }[]; clusters: { label: string }[] };
    };
    expect(analysis.params.text?.columns).toEqual(['Description']);
    expect(analysis.result.features.find((f) => f.column === 'Description')?.encoding).toBe('tfidf-svd');
    const worded = analysis.result.clusters.filter((c) => c.label.includes('words:'));
    expect(worded.length).toBeGreaterThan(0);
    const legend = (await page.getByTestId('legend').textContent()) ?? '';
    expect(legend).toContain(worded[0].label);
    await page.screenshot({ path: join(screenshotDir, 'text-features-session.png') });
    expect(errors).toEqual([]);
  }, 240_000);
});

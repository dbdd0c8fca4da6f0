import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { waitForAnalysis, postAnalysis } from '../support/analysis-client.ts';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureClientBuild, launchBrowser, screenshotDir } from '../support/browser.ts';
import { uploadAsset } from '../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { createSession, openSessionPage } from '../support/session-pages.ts';

/**
 * A session the server refuses to join (here: full, one seat) says why in the top bar instead of
 * a bare "refused", retries by itself and offers to reconnect; once a seat frees, the page gets
 * live with the shared state.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let tokens: SessionCreated;
const errors: string[] = [];

async function open(token: string): Promise<{ page: Page; context: BrowserContext }> {
  const page = await openSessionPage(browser, server.url, tokens, token, errors);
  return { page, context: page.context() };
}

const connection = (page: Page) => page.locator('[data-testid=connection]');
const whenStatus = (page: Page, status: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid=connection]')?.getAttribute('data-status') === s, status, { timeout: 15_000 });

beforeAll(async () => {
  await ensureClientBuild();
  await mkdir(screenshotDir, { recursive: true });
  dataDir = await tempDataDir('mirage-refusal-e2e-');
  server = await startTestServer(dataDir, { collabMaxConnections: 1 });
  browser = await launchBrowser();
  const dataset = await uploadAsset(server.url, 'penguins');
  const started = await postAnalysis(server.url, dataset.id, { reduction: { method: 'pca' } });
  await waitForAnalysis(server.url, started.id);
  tokens = await createSession(server.url, { datasetId: dataset.id, analysisId: started.id, title: 'One seat' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dataDir) await removeDir(dataDir);
});

describe('a refused connection', () => {
  it('says the session is full, and reconnects live once a seat frees', async () => {
    const first = await open(tokens.editToken);
    await whenStatus(first.page, 'connected');
    await first.page.locator('[data-testid=visible-count]').waitFor();

    const second = await open(tokens.editToken);
    // A full session is retried by itself (refused again while the seat is taken), saying so.
    await second.page.waitForFunction(
      () => document.querySelector('[data-testid=connection]')?.textContent === 'session is full, retrying…',
      undefined,
      { timeout: 15_000 },
    );
    await expect(connection(second.page).getAttribute('data-status')).resolves.toBe('refused');
    await second.page.locator('header.top-bar').screenshot({ path: join(screenshotDir, 'session-full.png') });
    // The manual way back stays offered while refused (it hides during a retry attempt).
    // The refused page still shows the session's title (from the HTTP answer, not the document).
    await expect(second.page.locator('.session-title').textContent()).resolves.toBe('One seat');
    const reconnect = second.page.getByRole('button', { name: 'reconnect' });
    await reconnect.waitFor({ state: 'visible', timeout: 15_000 });

    // While the second page is out, the first one hides a cluster: the second gets it on reconnect.
    const total = Number(await second.page.locator('[data-testid=visible-count]').getAttribute('data-value'));
    await first.page.locator('[data-testid=legend] .legend-item').first().click();
    const hidden = await first.page.evaluate(() => {
      const legend = window.__mirage!.legend();
      return legend?.kind === 'categorical' ? legend.items[0].count : -1;
    });
    expect(hidden).toBeGreaterThan(0);
    await expect(second.page.locator('[data-testid=visible-count]').getAttribute('data-value')).resolves.toBe(String(total));
    await first.context.close();
    // Live again once the seat frees: by the button, or by a retry of its own if one fires first
    // (then the button is gone and the click is moot).
    await Promise.race([reconnect.click().catch(() => undefined), whenStatus(second.page, 'connected')]);
    await whenStatus(second.page, 'connected');
    await expect(reconnect.count()).resolves.toBe(0);
    await second.page.waitForFunction((n) => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === String(n), total - hidden, { timeout: 10_000 });
    await second.context.close();
    expect(errors).toEqual([]);
  });
});

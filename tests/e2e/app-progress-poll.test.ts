import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.ts';
import { postAnalysis } from '../support/analysis-client.ts';
import { ensureClientBuild, launchBrowser, screenshotDir } from '../support/browser.ts';
import { ownerFetch, uploadAsset, uploadText } from '../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { createSession } from '../support/session-pages.ts';
import { generateMixture, mixtureToCsv } from '../support/synthetic.ts';

/**
 * The server caps analysis event streams per client (issue 15). A session page refused its
 * stream (429) must still follow the analysis: it polls, shows the wait, and opens the cloud when
 * the analysis is done. The analysis is held queued behind a slow one (one at a time), so the
 * page is sure to find it unfinished; the test holds the client's only stream seat.
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;

describe('a session page whose progress stream is refused', () => {
  beforeAll(async () => {
    await ensureClientBuild();
    dataDir = await tempDataDir('mirage-progress-poll-e2e-');
    server = await startTestServer(dataDir, { concurrency: 1, eventsMaxPerClient: 1 });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await removeDir(dataDir);
  });

  it('polls the analysis instead, shows it waiting, and opens the cloud when it is done', async () => {
    const slowUpload = await uploadText(server.url, mixtureToCsv(generateMixture({ rows: 5_000, seed: 3 })), 'text/csv', 'slow');
    const slow = (await slowUpload.json()) as { id: string };
    const blocker = await postAnalysis(server.url, slow.id, { reduction: { method: 'tsne' }, seed: 5 });
    const penguins = await uploadAsset(server.url, 'penguins');
    const analysis = await postAnalysis(server.url, penguins.id, { reduction: { method: 'pca' } });
    expect((await (await ownerFetch(`${server.url}/api/analyses/${analysis.id}`)).json()).status).toBe('queued');

    // The client's one stream seat, held for the whole test.
    const seat = new AbortController();
    const held = await ownerFetch(`${server.url}/api/analyses/${blocker.id}/events`, { signal: seat.signal });
    expect(held.status).toBe(200);

    const session = await createSession(server.url, { datasetId: penguins.id, analysisId: analysis.id, title: 'Polling' });
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const refused = page.waitForResponse((r) => r.url().includes(`/api/analyses/${analysis.id}/events`), { timeout: 60_000 });
    await page.goto(`${server.url}/s/${session.id}?token=${session.editToken}`);
    expect((await refused).status()).toBe(429);
    // Polls follow the refusal while the analysis waits behind the slow one.
    await page.waitForResponse((r) => r.url().endsWith(`/api/analyses/${analysis.id}`) && r.status() === 200, { timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(screenshotDir, 'progress-poll-waiting.png') });
    expect(await page.locator('body').innerText()).not.toMatch(/Lost the connection/);

    // Freeing the queue lets the analysis run; the page finds it done by polling and opens.
    expect((await ownerFetch(`${server.url}/api/analyses/${blocker.id}`, { method: 'DELETE' })).status).toBe(200);
    await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
    await page.evaluate(() => window.__mirage!.ready());
    await page.screenshot({ path: join(screenshotDir, 'progress-poll-open.png') });
    expect(errors).toEqual([]);
    seat.abort();
    await context.close();
  });
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import { decodeBuffer } from '../../shared/binary.ts';
import type { RunningServer } from '../../server/server.ts';
import { postAnalysis, waitForAnalysis } from '../support/analysis-client.ts';
import { ensureClientBuild, launchBrowser, screenshotDir } from '../support/browser.ts';
import { CONTENT_TYPES, ownerFetch, uploadText } from '../support/http.ts';
import { removeDir, startTestServer, tempDataDir } from '../support/server-process.ts';
import { createSession, openSessionPage } from '../support/session-pages.ts';
import { generateMixture, mixtureToCsv } from '../support/synthetic.ts';

/**
 * Issue 13's proof: two pages in one session over a 50,000-row table. The editor re-analyses
 * with UMAP (moving the session to the run at once, as the re-analyse form does); the OTHER page (a view link) shows the first cloud (the PCA start, before the
 * neighbour search), then intermediate layouts that differ from each other, with the stage
 * named over the cloud, then the new clusters and anomaly rings while the run still scores and
 * describes them, under the numbers and colours the final re-bind gives them, and ends on
 * exactly the stored result (positions.bin).
 */
let server: RunningServer;
let dataDir: string;
let browser: Browser;
let tokens: SessionCreated;
let datasetId: string;
let editor: Page;
let other: Page;
const errors: string[] = [];

/** What the other page shows at one moment: the pending analysis and a digest of the positions it draws. */
interface Moment {
  analysisId: string;
  pending: { analysisId: string; state: string; stage: string | null; layouts: number; clusters: boolean; anomalies: boolean } | null;
  banner: string | null;
  digest: number;
  /** Colours of every 500th point (while clusters are shown ahead of the result). */
  colours: string[];
}

const SAMPLE_EVERY = 500;

const moment = (page: Page): Promise<Moment> =>
  page.evaluate((every) => {
    const m = window.__mirage!;
    const p = m.pending();
    let digest = 0;
    for (const v of m.positions()) digest += v;
    const colours: string[] = [];
    if (p?.clusters) for (let i = 0; i < m.count; i += every) colours.push(m.colourOf(i));
    return {
      analysisId: m.analysisId,
      pending: p && { analysisId: p.analysisId, state: p.state, stage: p.stage, layouts: p.layouts.length, clusters: p.clusters, anomalies: p.anomalies },
      banner: document.querySelector('[data-testid=pending-stage]')?.textContent ?? null,
      digest,
      colours,
    };
  }, SAMPLE_EVERY);

beforeAll(async () => {
  await ensureClientBuild();
  dataDir = await tempDataDir('mirage-progressive-e2e-');
  server = await startTestServer(dataDir);
  browser = await launchBrowser();
  const csv = mixtureToCsv(generateMixture({ rows: 50_000, numeric: 10, categorical: 1, clusters: 6, seed: 21 }));
  datasetId = ((await (await uploadText(server.url, csv, CONTENT_TYPES.csv, 'mixture-50k.csv')).json()) as { id: string }).id;
  const first = await postAnalysis(server.url, datasetId, { reduction: { method: 'pca' }, clustering: { method: 'kmeans' } });
  await waitForAnalysis(server.url, first.id);
  tokens = await createSession(server.url, { datasetId, analysisId: first.id, title: 'Fifty thousand rows' });
  editor = await openSessionPage(browser, server.url, tokens, tokens.editToken, errors);
  other = await openSessionPage(browser, server.url, tokens, tokens.viewToken, errors);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeDir(dataDir);
});

describe('progressive results for every participant', () => {
  it("the other page watches the editor's UMAP settle, then shows the stored result", async () => {
    const before = await moment(other);
    // What the editor's re-analyse form does (app-reanalyse.test.ts drives the form itself), with
    // 60 epochs instead of 200 so that the run stays short on a busy 2-core machine: still a
    // dozen layouts apart, each visibly different from the last.
    const run = await postAnalysis(server.url, datasetId, { reduction: { method: 'umap', nEpochs: 60 }, clustering: { method: 'kmeans' } });
    const moved = await fetch(`${server.url}/api/sessions/${tokens.id}/analysis`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.editToken}` },
      body: JSON.stringify({ analysisId: run.id }),
    });
    expect(moved.status).toBe(202);

    // Poll the other page until it shows the new analysis, keeping every distinct cloud it drew meanwhile.
    const seen: Moment[] = [];
    let shot = false;
    let shotAhead = false;
    await mkdir(screenshotDir, { recursive: true });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const now = await moment(other);
      if (now.analysisId !== before.analysisId) break;
      if (now.pending) seen.push(now);
      if (!shot && now.pending && now.pending.layouts >= 3 && now.pending.stage === 'reduce') {
        await other.screenshot({ path: join(screenshotDir, 'progressive-mid-settle.png') });
        shot = true;
      }
      if (!shotAhead && now.pending?.anomalies) {
        await other.screenshot({ path: join(screenshotDir, 'progressive-clusters-ahead.png') });
        shotAhead = true;
      }
      if (Date.now() > deadline) throw new Error(`the other page never moved to the new analysis (last: ${JSON.stringify(now)})`);
      await other.waitForTimeout(150);
    }
    const target = run.id;
    expect(seen.every((m) => m.pending!.analysisId === target)).toBe(true);
    expect(await other.evaluate(() => window.__mirage!.analysisId)).toBe(target);

    // The stage was named over the cloud while the layout was computed.
    expect(seen.some((m) => m.pending!.stage === 'reduce' && m.banner === 'Computing the 3D layout')).toBe(true);
    // A first cloud, then at least three more distinct ones, each drawn by the scene (its positions differ).
    const layoutsApplied = Math.max(...seen.map((m) => m.pending!.layouts));
    expect(layoutsApplied).toBeGreaterThanOrEqual(4);
    const drawn = new Set(seen.filter((m) => m.pending!.layouts > 0).map((m) => m.digest));
    expect(drawn.size).toBeGreaterThanOrEqual(4);
    expect(drawn.has(before.digest)).toBe(false);
    const log = await other.evaluate(() => window.__mirage!.pending());
    expect(log).toBeNull(); // moved: nothing pending any more

    // The clusters came ahead of the result: shown while the run was still pending (before its
    // end), with the stage saying so, and they are the final clusters under the final numbers
    // (the re-bind's matching by shared rows): same number and colour for every point.
    const ahead = await other.evaluate((id) => window.__mirage!.shownAhead(id), target);
    expect(ahead?.clusters).not.toBeNull();
    expect(ahead!.clusters!.fraction).toBeLessThan(1);
    expect(ahead!.anomalies).not.toBeNull();
    expect(ahead!.anomalies!.fraction).toBeLessThan(1);
    const finalClusters = await other.evaluate(() => Array.from({ length: window.__mirage!.count }, (_, p) => window.__mirage!.clusterOf(p)));
    expect(ahead!.clusters!.cluster).toEqual(finalClusters);
    const storedFlags = decodeBuffer(await (await ownerFetch(`${server.url}/api/analyses/${target}/anomaly-flag.bin`)).arrayBuffer()).data;
    expect(ahead!.anomalies!.flagged).toBe(Array.from(storedFlags).filter((f) => f === 1).length);
    expect(ahead!.anomalies!.flagged).toBeGreaterThan(0);
    const early = seen.filter((m) => m.pending!.clusters);
    expect(early.length).toBeGreaterThan(0);
    expect(early.some((m) => m.banner?.startsWith('Clusters ready') || m.banner?.startsWith('Clusters and anomalies ready'))).toBe(true);
    const finalColours = await other.evaluate((every) => Array.from({ length: Math.ceil(window.__mirage!.count / every) }, (_, k) => window.__mirage!.colourOf(k * every)), SAMPLE_EVERY);
    expect(early.at(-1)!.colours).toEqual(finalColours);

    // The final positions are the stored result, point for point.
    const stored = decodeBuffer(await (await ownerFetch(`${server.url}/api/analyses/${target}/positions.bin`)).arrayBuffer()).data;
    const shown = await other.evaluate(() => window.__mirage!.positions());
    expect(shown.length).toBe(stored.length);
    let maxDiff = 0;
    for (let i = 0; i < stored.length; i++) maxDiff = Math.max(maxDiff, Math.abs(shown[i] - stored[i]));
    expect(maxDiff).toBe(0);
    // The editor's page moved too.
    await expect.poll(() => editor.evaluate(() => window.__mirage!.analysisId), { timeout: 10_000 }).toBe(target);
    expect(shot).toBe(true);
    expect(errors).toEqual([]);
  }, 150_000);
});

import type { Browser, Page } from 'playwright-core';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { ServerConfig } from '../../server/config.ts';
import type { RunningServer } from '../../server/server.ts';
import { postAnalysis, waitForAnalysis } from './analysis-client.ts';
import type { AssetName } from './assets.ts';
import { ensureClientBuild, launchBrowser, type BrowserOptions } from './browser.ts';
import { postJson, uploadAsset } from './http.ts';
import { removeDir, startTestServer, tempDataDir } from './server-process.ts';

/** Creates a session over an analysed dataset through the API, as the start page does. */
export async function createSession(baseUrl: string, body: { datasetId: string; analysisId: string; title: string }): Promise<SessionCreated> {
  const response = await postJson(`${baseUrl}/api/sessions`, body);
  if (response.status !== 201) throw new Error(`creating a session: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SessionCreated;
}

/**
 * One participant: a fresh browser context (own identity and storage) on the session page,
 * returned once the scene is drawn and pickable. Page errors and CSP refusals land in `errors`.
 */
export async function openSessionPage(
  browser: Browser,
  baseUrl: string,
  session: { id: string },
  token: string,
  errors: string[],
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  // A CSP refusal is no page error, only a console line, yet what it refused silently did not happen
  // (the snapshot's full-size render once stayed upscaled that way).
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(`CSP: ${m.text()}`);
  });
  await page.goto(`${baseUrl}/s/${session.id}?token=${token}`);
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
  return page;
}

/** A real server on a temp DATA_DIR, a browser, and one session over an analysed asset. */
export interface SessionFixture {
  server: RunningServer;
  browser: Browser;
  session: SessionCreated;
  datasetId: string;
  analysisId: string;
  close(): Promise<void>;
}

export async function startSessionFixture(options: {
  name: string;
  title: string;
  asset?: AssetName;
  params?: AnalysisParamsInput;
  config?: Partial<ServerConfig>;
  browser?: BrowserOptions;
}): Promise<SessionFixture> {
  await ensureClientBuild();
  const dataDir = await tempDataDir(`mirage-${options.name}-e2e-`);
  const server = await startTestServer(dataDir, options.config);
  const browser = await launchBrowser(options.browser);
  const close = async () => {
    await browser.close();
    await server.close();
    await removeDir(dataDir);
  };
  try {
    const dataset = await uploadAsset(server.url, options.asset ?? 'penguins');
    const started = await postAnalysis(server.url, dataset.id, options.params ?? { reduction: { method: 'pca' } });
    await waitForAnalysis(server.url, started.id);
    const session = await createSession(server.url, { datasetId: dataset.id, analysisId: started.id, title: options.title });
    return { server, browser, session, datasetId: dataset.id, analysisId: started.id, close };
  } catch (error) {
    await close();
    throw error;
  }
}

import type { Browser, Page } from 'playwright-core';
import type { SessionCreated } from '../../shared/api-types.ts';
import { postJson } from './http.ts';

/** Creates a session over an analysed dataset through the API, as the start page does. */
export async function createSession(baseUrl: string, body: { datasetId: string; analysisId: string; title: string }): Promise<SessionCreated> {
  const response = await postJson(`${baseUrl}/api/sessions`, body);
  if (response.status !== 201) throw new Error(`creating a session: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SessionCreated;
}

/**
 * One participant: a fresh browser context (own identity and storage) on the session page,
 * returned once the scene is drawn and pickable. Page errors land in `errors`.
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
  await page.goto(`${baseUrl}/s/${session.id}?token=${token}`);
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
  return page;
}

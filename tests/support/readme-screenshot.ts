/**
 * Retakes docs/screenshot.png from this build, the way a new user first meets the product: a
 * fresh DATA_DIR, `npm start`'s entry point creating the demo session, its edit link opened at
 * 1400×860, the camera at rest: the first view, as it opens.
 *
 *   node --import tsx tests/support/readme-screenshot.ts
 */
import { join } from 'node:path';
import { cameraAtRest } from './camera-rest.ts';
import { ensureClientBuild, launchBrowser, repoRoot } from './browser.ts';
import { removeDir, startServerChild, tempDataDir } from './server-process.ts';

const dataDir = await tempDataDir('mirage-readme-shot-');
await ensureClientBuild();
const server = await startServerChild(dataDir, { DEMO: '1' });
const browser = await launchBrowser();
try {
  const editLink = await waitForLine(() => server.output(), /edit link: (http:\/\/\S+)/);
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  // tsx (unlike vitest) wraps named inner functions in a `__name` helper; give the page one that does nothing.
  await page.addInitScript('window.__name = (f) => f;');
  await page.goto(editLink);
  await page.waitForFunction(() => (window.__mirage?.screenPoints().x.length ?? 0) > 0, undefined, { timeout: 120_000 });
  await cameraAtRest(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(repoRoot, 'docs', 'screenshot.png') });
  console.log('wrote docs/screenshot.png');
} finally {
  await browser.close();
  await server.stop();
  await removeDir(dataDir);
}

async function waitForLine(read: () => string, pattern: RegExp, timeoutMs = 120_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read());
    if (match) return match[1];
    if (Date.now() > end) throw new Error(`no line matching ${pattern} in the server's output:\n${read()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

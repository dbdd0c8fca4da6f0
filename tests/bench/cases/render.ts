import { createRandom } from '../../../shared/random.ts';
import { launchBrowser, openPage, serveDirectory } from '../../support/browser.ts';

export interface RenderCaseArgs {
  /** Built client to serve (the suite's own build, so no test run can rebuild it mid-way). */
  clientDir: string;
  n: number;
  renderer: 'ours' | 'stock';
  /** Per-fragment sphere depth for ours (default on). */
  depth?: 'on' | 'off';
  /** Points drawn while the camera moves (ours; default all). */
  budget?: number;
  /** How long to orbit while timing animation frames, ms. */
  frameMs: number;
  /** Synchronous renders (render + 1-pixel read-back) to time. */
  renders: number;
  /** Hover picks to time, at seeded random cursor positions over the middle of the view. */
  picks: number;
}

/**
 * One configuration of the scene lab in headless Chromium (software WebGL2 on machines
 * without a GPU): frame times while orbiting, synchronous render time, and hover-pick time
 * per event.
 */
export async function labRender(args: RenderCaseArgs): Promise<Record<string, number | string>> {
  const server = await serveDirectory(args.clientDir);
  const browser = await launchBrowser();
  try {
    const query = `n=${args.n}&renderer=${args.renderer}&depth=${args.depth ?? 'on'}&budget=${args.budget ?? 'Infinity'}`;
    const { page, errors } = await openPage(browser, `${server.url}/scene-lab/index.html?${query}`, 1280, 800);
    page.setDefaultTimeout(600_000);
    await page.waitForFunction(() => window.__sceneLab !== undefined);
    await page.evaluate(() => window.__sceneLab!.ready());
    const timings = await page.evaluate(() => window.__sceneLab!.timings);
    const random = createRandom(args.n);
    const cursors: [number, number][] = [];
    for (let i = 0; i < args.picks; i++) cursors.push([320 + random() * 640, 200 + random() * 400]);
    const picks = await page.evaluate((c) => window.__sceneLab!.pickMany(c), cursors);
    const render = await page.evaluate((r) => window.__sceneLab!.renderTime(r), args.renders);
    const lasso =
      args.renderer === 'ours'
        ? await page.evaluate(() => window.__sceneLab!.lasso([400, 250, 880, 230, 900, 560, 380, 600]).ms)
        : '–';
    const frames = await page.evaluate((ms) => window.__sceneLab!.measureFrames(ms), args.frameMs);
    const heap = await page.evaluate(() => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN);
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      generateMs: timings.generateMs,
      pickReadyMs: timings.pickReadyMs,
      renderMedianMs: render.medianMs,
      frameMeanMs: frames.meanMs,
      frameP95Ms: frames.p95Ms,
      fps: frames.fps,
      frames: frames.frames,
      pickMeanMs: picks.meanMs,
      pickP95Ms: picks.p95Ms,
      pickMaxMs: picks.maxMs,
      pickHits: picks.hits,
      lassoMs: lasso,
      jsHeapMB: Number.isFinite(heap) ? heap / 2 ** 20 : '–',
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

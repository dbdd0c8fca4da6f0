import { launchBrowser, serveDirectory } from '../../support/browser.ts';
import { installEmulatedHeadset } from '../../support/xr-page.ts';

export interface XrFrameArgs {
  clientDir: string;
  n: number;
  /** The VR point budget for this row (null: every point; JSON has no Infinity). */
  vrBudget: number | null;
  /** How long to time frames, desktop and then in the session, ms (and at least 3 frame intervals each). */
  frameMs: number;
}

/**
 * Frame time of the immersive mode's scene in headless Chromium (SwiftShader: software GL), on
 * the scene lab's `?xr=1` page: first the canvas's own frame loop on the desktop (one view,
 * 1280×720), then, in the same page, inside an immersive-vr session emulated by IWER as a Quest
 * 3 (two eyes at the headset's resolution, the same loader as the XR e2e, tests/support/xr-page.ts).
 * Figures are intervals between drawn frames.
 */
export async function xrFrame(args: XrFrameArgs): Promise<Record<string, number | string>> {
  const server = await serveDirectory(args.clientDir);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await installEmulatedHeadset(context);
    const page = await context.newPage();
    page.setDefaultTimeout(600_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/scene-lab/index.html?n=${args.n}&xr=1&vrBudget=${args.vrBudget ?? 'Infinity'}`);
    await page.waitForFunction(() => window.__xrLab !== undefined);
    // Warm up (shader compile, first uploads) before timing.
    await page.evaluate(() => window.__xrLab!.measureFrames(1000));
    const desktop = await page.evaluate((ms) => window.__xrLab!.measureFrames(ms, 3), args.frameMs);
    await page.evaluate(() => window.__xrLab!.enterVr());
    await page.evaluate(() => window.__xrLab!.measureFrames(1000));
    const xr = await page.evaluate((ms) => window.__xrLab!.measureFrames(ms, 3), args.frameMs);
    const drawn = await page.evaluate(() => window.__xrLab!.drawn());
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    if (!xr.presenting) throw new Error('the XR session did not start');
    return {
      desktopMeanMs: desktop.meanMs,
      desktopP95Ms: desktop.p95Ms,
      desktopFrames: desktop.frames,
      xrMeanMs: xr.meanMs,
      xrP95Ms: xr.p95Ms,
      xrFrames: xr.frames,
      drawn: Number.isFinite(drawn) ? drawn : args.n,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

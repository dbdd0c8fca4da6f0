import type { Page } from 'playwright-core';

/**
 * Waits until the page's camera has arrived where its eased move is heading, and returns that
 * pose: on a session page (`window.__mirage`) or the scene lab (`window.__sceneLab`). Moves
 * advance per drawn frame, and a loaded machine draws few, so a fixed pause can end mid-flight.
 * "Arrived" is exact: camera-controls snaps onto its goal once the remaining step is below 1e-5,
 * so anything looser (1e-3 here once) can return a frame short of it.
 */
export async function cameraAtRest(page: Page, timeout = 20_000): Promise<{ position: number[]; target: number[] }> {
  await page.waitForFunction(
    () => {
      const m = window.__mirage;
      const lab = window.__sceneLab;
      const [now, goal] = m ? [m.camera(), m.cameraGoal()] : [lab!.getCamera(), lab!.getCameraGoal()];
      const off = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));
      return off(now.position, goal.position) < 1e-9 && off(now.target, goal.target) < 1e-9;
    },
    undefined,
    { timeout, polling: 100 },
  );
  return page.evaluate(() => window.__mirage?.camera() ?? window.__sceneLab!.getCamera());
}

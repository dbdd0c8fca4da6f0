import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visualAngleDeg } from '../../client/xr/card-layout.ts';
import { assetPath } from '../support/assets.ts';
import { CONTENT_TYPES, ownerFetch, postJson, uploadText } from '../support/http.ts';
import { generateMixture, mixtureToCsv } from '../support/synthetic.ts';
import { screenshotPixels } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { aimRightController, clickPanel, enterVr, moveController, nearestPoint, openHeadsetPage, type HeadsetPage, HEADSET_BROWSER } from '../support/xr-page.ts';

/**
 * The VR panel's Insights and Time pages under WebXR emulation (IWER as a Quest 3), with a
 * desktop page of the same session on the same real server: an answer a desktop editor shares
 * appears on the panel and its Apply changes what the desktop shows; on Seattle weather the
 * headset drives the shared timeline and the desktop (and the headset's own cloud) follow.
 */
const visible = (page: Page) => page.evaluate(() => window.__mirage!.visibleCount());
async function settlesAt(page: Page, expected: number): Promise<void> {
  await page.waitForFunction((n) => window.__mirage!.visibleCount() === n, expected, { timeout: 20_000 });
}
const panel = (page: Page) => page.evaluate(() => window.__mirageXr!.panel());

describe('the VR panel’s Insights page', () => {
  const QUESTION = 'show penguins heavier than 5 kg on Biscoe';
  const errors: string[] = [];
  const desktopErrors: string[] = [];
  let fixture: SessionFixture;
  let headset: HeadsetPage;
  let desktop: Page;
  /** Penguins over 5,000 g on Biscoe, counted from the shipped file (what the answer keeps). */
  const heavyOnBiscoe = () =>
    (JSON.parse(readFileSync(assetPath('penguins'), 'utf8')) as Record<string, unknown>[]).filter((r) => typeof r['Body Mass (g)'] === 'number' && r['Body Mass (g)'] > 5000 && r.Island === 'Biscoe').length;

  beforeAll(async () => {
    fixture = await startSessionFixture({ name: 'xr-insights', title: 'Insights in VR', browser: HEADSET_BROWSER });
    const { browser, server, session } = fixture;
    headset = await openHeadsetPage(browser, `${server.url}/s/${session.id}?token=${session.editToken}`, errors);
    desktop = await openSessionPage(browser, server.url, session, session.editToken, desktopErrors);
  }, 180_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it('shows the paragraph of the cluster the ray pointed at, the desktop’s own paragraph', async () => {
    const { page } = headset;
    await enterVr(page);
    await clickPanel(page, 'page:insights');
    expect((await panel(page)).page).toBe('insights');
    // The View page's buttons went with it: the panel shows one page at a time.
    expect((await panel(page)).buttons).not.toContain('colour:cluster');
    const target = await nearestPoint(page);
    await aimRightController(page, target.world);
    await page.waitForFunction((c) => window.__mirageXr!.panel().shown.cluster === c, target.cluster, { timeout: 20_000 });
    const shown = await panel(page);
    const desktopParagraph = await desktop.locator(`.cluster-item[data-cluster="${target.cluster}"] [data-testid=cluster-about] .paragraph`).textContent();
    expect(shown.shown.paragraph.length).toBeGreaterThan(20);
    expect(shown.shown.paragraph).toBe(desktopParagraph);
  }, 120_000);

  it('lists an answer a desktop editor shares; Apply on the panel changes the desktop’s visible count', async () => {
    const { page } = headset;
    const total = await visible(desktop);
    const input = desktop.locator('[data-testid=ask-input]');
    await input.fill(QUESTION);
    await input.press('Enter');
    await desktop.locator('[data-panel=ask] [data-testid=answer][data-state=answered]').waitFor({ timeout: 30_000 });
    await desktop.locator('[data-testid=share-answer]').click();
    await page.waitForFunction(() => window.__mirageXr!.panel().shown.answers.length === 1, undefined, { timeout: 20_000 });
    const [id] = (await panel(page)).shown.answers;
    expect(await visible(desktop)).toBe(total);
    await clickPanel(page, `answer:${id}:apply`);
    await settlesAt(desktop, heavyOnBiscoe());
    await settlesAt(page, heavyOnBiscoe());
    // Applied: the button has nothing left to do.
    await page.waitForFunction((k) => !window.__mirageXr!.panel().buttons.includes(k), `answer:${id}:apply`, { timeout: 10_000 });
    // Legible: the panel's body text spans at least 1° from the eyes.
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const at = (await page.evaluate(() => window.__mirageXr!.panelButtonWorld('page:insights')))!;
    expect(visualAngleDeg((await panel(page)).textHeight, Math.hypot(at[0] - head[0], at[1] - head[1], at[2] - head[2]))).toBeGreaterThanOrEqual(1);
    // The left controller down at the hip, out of the way of the panel in the picture.
    await moveController(page, 'left', [-0.25, 0.8, -0.1]);
    await page.waitForTimeout(400);
    await screenshotPixels(page, 'xr-panel-insights');
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);

  it('says over every page that a re-analysis is under way for everyone, and once cancelled that the session keeps its analysis', async () => {
    const { page } = headset;
    const { server } = fixture;
    const pendingLine = () => page.evaluate(() => window.__mirageXr!.panel().shown.pending);
    // The only worker kept busy (t-SNE's longest schedule on 20k rows, cancelled below), so the
    // re-analysis waits in the queue for as long as the steps take on any machine.
    const csv = mixtureToCsv(generateMixture({ rows: 20_000, numeric: 12, categorical: 0, clusters: 8 }));
    const busy = (await (await uploadText(server.url, csv, CONTENT_TYPES.csv, 'busy')).json()) as { id: string };
    const blocker = (await (await postJson(`${server.url}/api/datasets/${busy.id}/analyses`, { reduction: { method: 'tsne', nEpochs: 2000 } })).json()) as { id: string };
    try {
      const reanalyse = desktop.locator('[data-testid=reanalyse]');
      await reanalyse.locator('input[name=reanalyse-reduction][value=tsne]').check();
      await reanalyse.locator('[data-testid=reanalyse-run]').click();
      await page.waitForFunction(() => window.__mirageXr!.panel().shown.pending.startsWith('Re-analysing for everyone: Waiting for a free worker'), undefined, { timeout: 20_000 });
      expect(await pendingLine()).toMatch(/\(0%\)$/);
      // The line stands under the tabs of whichever page is shown.
      await clickPanel(page, 'page:view');
      expect(await pendingLine()).toMatch(/^Re-analysing for everyone/);
      await moveController(page, 'left', [-0.25, 0.8, -0.1]);
      await page.waitForTimeout(400);
      await screenshotPixels(page, 'xr-panel-pending');
      await reanalyse.locator('[data-testid=reanalyse-cancel]').click();
      await page.waitForFunction(() => window.__mirageXr!.panel().shown.pending === 'The re-analysis was cancelled; the session keeps its analysis.', undefined, { timeout: 20_000 });
      expect(await page.evaluate(() => window.__mirage!.analysisId)).toBe(fixture.analysisId);
      await clickPanel(page, 'page:insights');
    } finally {
      await ownerFetch(`${server.url}/api/analyses/${blocker.id}`, { method: 'DELETE' });
    }
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 120_000);
});

describe('the VR panel’s Time page', () => {
  const errors: string[] = [];
  const desktopErrors: string[] = [];
  let fixture: SessionFixture;
  let headset: HeadsetPage;
  let desktop: Page;
  const dates = readFileSync(assetPath('seattle'), 'utf8').trim().split('\n').slice(1).map((l) => Date.parse(`${l.split(',')[0]}T00:00:00Z`));
  const [first, last] = [dates[0], dates[dates.length - 1]];
  const upTo = (t: number) => dates.filter((d) => d <= t).length;
  /**
   * The XR cloud's points at its moment, once it agrees with `n` (the desktop's count at the same
   * moment), within one point: the shader compares times in float32, and a step of a tenth of
   * the span lands exactly on a day's midnight, where the last day may round either side.
   */
  async function headsetCloudAt(page: Page, n: number): Promise<void> {
    const agrees = await page.waitForFunction((n) => Math.abs((window.__mirageXr!.timeShown() ?? -9) - n) <= 1, n, { timeout: 20_000 }).then(() => true, () => false);
    expect(agrees, `the headset's cloud shows ${await page.evaluate(() => window.__mirageXr!.timeShown())} points; the desktop counts ${n}`).toBe(true);
  }

  beforeAll(async () => {
    fixture = await startSessionFixture({ name: 'xr-time', title: 'Seattle in VR', asset: 'seattle', browser: HEADSET_BROWSER });
    const { browser, server, session } = fixture;
    headset = await openHeadsetPage(browser, `${server.url}/s/${session.id}?token=${session.editToken}`, errors);
    desktop = await openSessionPage(browser, server.url, session, session.editToken, desktopErrors, { width: 1400, height: 860 });
  }, 240_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it('starts the room’s timeline from the panel; steps move the desktop and the headset’s cloud to the same moment', async () => {
    const { page } = headset;
    await enterVr(page);
    expect(await page.evaluate(() => window.__mirageXr!.timeShown())).toBeNull();
    await clickPanel(page, 'page:time');
    await clickPanel(page, 'time:start:date');
    await settlesAt(desktop, 1);
    await clickPanel(page, 'time:window:all');
    await desktop.waitForFunction(() => (document.querySelector('[data-testid=timeline-window]') as HTMLSelectElement | null)?.value === 'all', undefined, { timeout: 10_000 });
    await clickPanel(page, 'time:forward');
    const step = first + (last - first) / 10;
    await settlesAt(desktop, upTo(step));
    await headsetCloudAt(page, upTo(step));
    expect((await panel(page)).shown.moment).toBe(await desktop.locator('[data-testid=timeline-date]').textContent());
    await clickPanel(page, 'time:forward');
    await settlesAt(desktop, upTo(first + (2 * (last - first)) / 10));
    await clickPanel(page, 'time:back');
    await settlesAt(desktop, upTo(step));
    await headsetCloudAt(page, upTo(step));
  }, 180_000);

  it('sets the speed, plays and pauses for the room from the panel; the desktop and the headset’s cloud follow', async () => {
    const { page } = headset;
    const speedIs = (v: string) => desktop.waitForFunction((v) => (document.querySelector('[data-testid=timeline-speed]') as HTMLSelectElement | null)?.value === v, v, { timeout: 10_000 });
    await clickPanel(page, 'time:faster');
    await speedIs('2');
    // Played at half speed (the rest of the range takes over a minute and a half): a slow machine's clicks come well before the end.
    await clickPanel(page, 'time:slower');
    await clickPanel(page, 'time:slower');
    await speedIs('0.5');
    const before = await visible(desktop);
    await clickPanel(page, 'time:play');
    await desktop.locator('[data-testid=timeline][data-playing=true]').waitFor({ timeout: 10_000 });
    await desktop.waitForFunction((n) => window.__mirage!.visibleCount() > n + 10, before, { timeout: 20_000 });
    // Paused from the panel while it plays: a frame drawn late (software GL, a loaded machine) no
    // longer turns the press into no click (the panel rays have no short click limit: xr-store.ts).
    await clickPanel(page, 'time:play');
    await desktop.locator('[data-testid=timeline][data-playing=false]').waitFor({ timeout: 10_000 });
    // Paused: both pages and the headset's cloud hold the same moment.
    const shown = Date.parse(`${await desktop.locator('[data-testid=timeline-date]').textContent()}T00:00:00Z`);
    await page.waitForFunction(() => window.__mirageXr!.panel().shown.playing === false, undefined, { timeout: 10_000 });
    const paused = await visible(desktop);
    expect(Math.abs(paused - upTo(shown))).toBeLessThanOrEqual(1);
    await settlesAt(page, paused);
    await headsetCloudAt(page, paused);
  }, 180_000);

  it('scrubs alone (the desktop stays) and comes back to the room', async () => {
    const { page } = headset;
    const room = await visible(desktop);
    await clickPanel(page, 'time:alone');
    await page.waitForFunction(() => window.__mirageXr!.panel().shown.alone, undefined, { timeout: 10_000 });
    await clickPanel(page, 'time:forward');
    await page.waitForFunction((n) => window.__mirage!.visibleCount() > n, room, { timeout: 20_000 });
    expect(await visible(desktop)).toBe(room);
    // Legible, and seen: the Time page while alone.
    const head = await page.evaluate(() => window.__mirageXr!.head());
    const at = (await page.evaluate(() => window.__mirageXr!.panelButtonWorld('time:play')))!;
    expect(visualAngleDeg((await panel(page)).textHeight, Math.hypot(at[0] - head[0], at[1] - head[1], at[2] - head[2]))).toBeGreaterThanOrEqual(1);
    await moveController(page, 'left', [-0.25, 0.8, -0.1]);
    await page.waitForTimeout(400);
    await screenshotPixels(page, 'xr-panel-time');
    await clickPanel(page, 'time:back-to-room');
    await settlesAt(page, room);
    expect(await visible(desktop)).toBe(room);
    expect(errors).toEqual([]);
    expect(desktopErrors).toEqual([]);
  }, 180_000);
});

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, screenshotPixels } from '../support/browser.ts';
import { startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { enterVr, openHeadsetPage, type HeadsetPage } from '../support/xr-page.ts';

/**
 * The immersive shell under WebXR emulation (IWER as a Quest 3, see xr-page.ts), on a page served
 * from 127.0.0.1 (a secure context) with nothing from the internet.
 */
let fixture: SessionFixture;
const errors: string[] = [];
let headset: HeadsetPage;

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'xr', title: 'In VR' });
  headset = await openHeadsetPage(fixture.browser, `${fixture.server.url}/s/${fixture.session.id}?token=${fixture.session.editToken}`, errors);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

describe('the immersive shell', () => {
  it('enters VR from the page button; both controllers appear; no page errors, nothing off-origin, one three', async () => {
    const { page } = headset;
    await enterVr(page);
    // The cloud stands in front of the user: its points are ahead (−z) of the head, above the floor.
    const spot = await page.evaluate(() => ({ head: window.__mirageXr!.head(), p: window.__mirageXr!.pointWorld(0) }));
    expect(spot.p).not.toBeNull();
    expect(spot.p![2]).toBeLessThan(spot.head[2] - 0.5);
    expect(spot.p![1]).toBeGreaterThan(0.3);
    // Let a few frames draw, then look at both eyes.
    await page.waitForTimeout(500);
    const shot = await screenshotPixels(page, 'xr-both-eyes');
    expect(shot.width).toBe(1280);

    expect(errors).toEqual([]);
    expect(headset.offOrigin).toEqual([]);
    const threes = execFileSync('npm', ['ls', 'three', '--parseable', '--all'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter((line) => /node_modules\/three$/.test(line));
    expect(new Set(threes).size).toBe(1);
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAY_THROUGH_MS } from '../../shared/session/index.ts';
import { PLAYBACK_STEP_MS } from '../../client/session/playback-clock.ts';
import { assetPath } from '../support/assets.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * The timeline on Seattle weather (one row a day, 2012–2015), two real pages in one session on
 * a real server: the presenter plays it and the other page's visible count follows in step; a
 * participant leaves to scrub alone (the presenter's count does not move) and comes back.
 */
let fixture: SessionFixture;
let presenter: Page;
let participant: Page;
const errors: string[] = [];
const DAY = 86_400_000;
const dates = readFileSync(assetPath('seattle'), 'utf8').trim().split('\n').slice(1).map((l) => Date.parse(`${l.split(',')[0]}T00:00:00Z`));
const span = dates[dates.length - 1] - dates[0];

const visible = (page: Page) => page.evaluate(() => window.__mirage!.visibleCount());
async function settlesAt(page: Page, expected: number): Promise<void> {
  await page.waitForFunction((n) => window.__mirage!.visibleCount() === n, expected, { timeout: 20_000 });
}

beforeAll(async () => {
  fixture = await startSessionFixture({ name: 'timeline', title: 'Seattle through time', asset: 'seattle' });
  const open = () => openSessionPage(fixture.browser, fixture.server.url, fixture.session, fixture.session.editToken, errors, { width: 1400, height: 860 });
  presenter = await open();
  participant = await open();
}, 240_000);

afterAll(async () => {
  await fixture?.close();
});

describe('timeline', () => {
  it('turns on for everyone, paused at the first day', async () => {
    expect(await visible(participant)).toBe(dates.length);
    await presenter.locator('[data-testid=timeline-start]').click();
    for (const page of [presenter, participant]) {
      await page.locator('[data-testid=timeline-play]:not([disabled])').waitFor({ timeout: 20_000 });
      await settlesAt(page, 1);
      expect(await page.locator('[data-testid=timeline-date]').textContent()).toBe('2012-01-01');
    }
  });

  it('plays for the room: the other page counts the same rows at the same moment (one step of slack)', async () => {
    await presenter.locator('[data-testid=timeline-window]').selectOption('all');
    await presenter.locator('[data-testid=timeline-speed]').selectOption('2');
    await participant.waitForFunction(() => (document.querySelector('[data-testid=timeline-speed]') as HTMLSelectElement | null)?.value === '2');
    await presenter.locator('[data-testid=timeline-play]').click();
    await participant.locator('[data-testid=timeline][data-playing=true]').waitFor({ timeout: 10_000 });
    // Rows one step adds at 2× (one row a day): the counts of two pages may differ by that.
    const rowsPerStep = Math.ceil(((span / PLAY_THROUGH_MS) * 2 * PLAYBACK_STEP_MS) / DAY);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      await presenter.waitForTimeout(1200);
      const t0 = Date.now();
      const [a, b] = await Promise.all([visible(presenter), visible(participant)]);
      const skewRows = Math.ceil(((span / PLAY_THROUGH_MS) * 2 * (Date.now() - t0)) / DAY);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(rowsPerStep + skewRows);
      seen.push(b);
    }
    // It moved on the other page, in step, without anyone there touching anything.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
    await presenter.locator('[data-testid=timeline-play]').click();
    await participant.locator('[data-testid=timeline][data-playing=false]').waitFor({ timeout: 10_000 });
    const paused = await visible(presenter);
    await settlesAt(participant, paused);
    // The count is what the CSV holds up to the date shown.
    const shown = Date.parse(`${await participant.locator('[data-testid=timeline-date]').textContent()}T00:00:00Z`);
    expect(Math.abs(paused - dates.filter((t) => t <= shown).length)).toBeLessThanOrEqual(1);
  });

  it('lets a participant scrub alone, leaving the room as it is, and come back', async () => {
    const room = await visible(presenter);
    await participant.locator('[data-testid=timeline-leave]').click();
    await participant.locator('[data-testid=timeline][data-alone=true]').waitFor();
    await participant.locator('[data-testid=timeline-scrub]').fill(String(Date.UTC(2013, 0, 1)));
    await settlesAt(participant, dates.filter((t) => t <= Date.UTC(2013, 0, 1)).length);
    expect(await participant.locator('[data-testid=timeline-date]').textContent()).toBe('2013-01-01');
    expect(await participant.locator('[data-testid=timeline-status]').textContent()).toContain('Scrubbing alone');
    await presenter.waitForTimeout(600);
    expect(await visible(presenter)).toBe(room);
    expect(await presenter.locator('[data-testid=timeline]').getAttribute('data-alone')).toBe('false');
    await participant.locator('[data-testid=timeline-back]').click();
    await settlesAt(participant, room);
  });

  it('shows a trailing window and fades what left it (screenshot), and turns off for everyone', async () => {
    await presenter.locator('[data-testid=timeline-window]').selectOption({ label: '3 months' });
    await presenter.locator('[data-testid=timeline-scrub]').fill(String(Date.UTC(2014, 6, 1)));
    const inWindow = dates.filter((t) => t <= Date.UTC(2014, 6, 1) && t > Date.UTC(2014, 6, 1) - 91 * DAY).length;
    await settlesAt(presenter, inWindow);
    await settlesAt(participant, inWindow);
    const legend = await presenter.evaluate(() => window.__mirage!.legend());
    if (legend?.kind === 'categorical') expect(legend.items.reduce((n, item) => n + (item.visible ?? item.count), 0) + (legend.otherVisible ?? 0)).toBe(inWindow);
    await presenter.waitForTimeout(400);
    await presenter.screenshot({ path: process.env.TIMELINE_SHOT ?? join(tmpdir(), 'mirage-timeline.png') });
    await presenter.locator('[data-testid=timeline-stop]').click();
    await settlesAt(participant, dates.length);
    await settlesAt(presenter, dates.length);
    expect(errors).toEqual([]);
  });
});

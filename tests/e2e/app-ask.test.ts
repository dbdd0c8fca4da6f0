import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPath } from '../support/assets.ts';
import { screenshotDir } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * "Ask the data" in a session, each participant a real page on the real server and its real
 * ask route: an editor asks a filter question and applies it for everyone (a second page's
 * visible count becomes the answer's count; undo brings the previous view back), shares the
 * answer to the room (the second page lists it), and a view link reads answers but applies none.
 */
const QUESTION = 'show penguins heavier than 5 kg on Biscoe';
const errors: string[] = [];
let fixture: SessionFixture;
let alice: Page;
let bob: Page;
let viewer: Page;

/** Penguins over 5,000 g on Biscoe, counted from the shipped file (what the answer must keep). */
function heavyOnBiscoe(): number {
  const rows = JSON.parse(readFileSync(assetPath('penguins'), 'utf8')) as Record<string, unknown>[];
  return rows.filter((r) => typeof r['Body Mass (g)'] === 'number' && r['Body Mass (g)'] > 5000 && r.Island === 'Biscoe').length;
}

const visible = (page: Page) => page.locator('[data-testid=visible-count]').getAttribute('data-value').then(Number);

async function visibleBecomes(page: Page, expected: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === String(n), expected, { timeout: 20_000 });
}

async function ask(page: Page, question: string): Promise<void> {
  const input = page.locator('[data-testid=ask-input]');
  await input.fill(question);
  await input.press('Enter');
  await page.locator('[data-panel=ask] [data-testid=answer][data-state=answered]').waitFor({ timeout: 30_000 });
}

describe('ask the data', () => {
  beforeAll(async () => {
    fixture = await startSessionFixture({ name: 'ask', title: 'Ask penguins' });
    const { browser, server, session } = fixture;
    alice = await openSessionPage(browser, server.url, session, session.editToken, errors);
    bob = await openSessionPage(browser, server.url, session, session.editToken, errors);
    viewer = await openSessionPage(browser, server.url, session, session.viewToken, errors);
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('offers example questions from the dataset under the empty box', async () => {
    const examples = await alice.locator('[data-panel=ask] .ask-examples button').allInnerTexts();
    expect(examples).toHaveLength(3);
    // Built from this dataset's columns: each names one of them.
    const columns = ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];
    expect(examples.filter((q) => columns.some((c) => q.includes(c)) || /cluster \d/.test(q))).toHaveLength(3);
  });

  it('an editor asks a filter question and applies it: the other page shows the rows the answer counted', async () => {
    const expected = heavyOnBiscoe();
    const total = await visible(bob);
    await ask(alice, QUESTION);
    const proposal = alice.locator('[data-panel=ask] [data-testid=answer] [data-testid=proposal]');
    expect(Number(await proposal.getAttribute('data-count'))).toBe(expected);
    expect(await proposal.innerText()).toContain(`keeps ${expected} rows`);
    expect(await proposal.innerText()).toMatch(/Body Mass \(g\).*Island is Biscoe/);
    // Every one of those rows is in the cloud (the analysis dropped none of them): the words say no more.
    await proposal.and(alice.locator('[data-in-cloud]')).waitFor();
    expect(Number(await proposal.getAttribute('data-in-cloud'))).toBe(expected);
    // The answer cites the columns it used, as chips.
    const chips = await alice.locator('[data-panel=ask] [data-testid=answer] [data-testid=citations] button').allInnerTexts();
    expect(chips.join(' ')).toContain('Body Mass (g)');

    expect(await proposal.getAttribute('data-applied')).toBe('false');
    await proposal.locator('[data-testid=apply-answer]').click();
    await visibleBecomes(bob, expected);
    await visibleBecomes(alice, expected);
    await visibleBecomes(viewer, expected);
    expect(await bob.locator('[data-panel=filters] .filter-list > li').count()).toBe(2);
    // The card reads the document: applied now, so the button has nothing left to do.
    await proposal.and(alice.locator('[data-applied=true]')).waitFor();
    expect(await proposal.locator('[data-testid=apply-answer]').count()).toBe(0);
    expect(await proposal.innerText()).toContain('shown to everyone');

    // One undo takes the whole apply back, for everyone; redo brings it again.
    await alice.locator('button[aria-label=Undo]').click();
    await visibleBecomes(bob, total);
    await proposal.and(alice.locator('[data-applied=false]')).waitFor();
    await alice.locator('button[aria-label=Redo]').click();
    await visibleBecomes(bob, expected);
    await proposal.and(alice.locator('[data-applied=true]')).waitFor();
  });

  it('an editor shares the answer to the room: the others list it, a view link without Apply', async () => {
    await alice.locator('[data-testid=share-answer]').click();
    await alice.locator('[data-testid=answer-shared]').waitFor();
    expect(await alice.locator('[data-testid=share-answer]').count()).toBe(0);
    for (const page of [bob, viewer]) {
      const item = page.locator('[data-testid=shared-answers] .shared-answer');
      await item.first().waitFor({ timeout: 20_000 });
      expect(await item.count()).toBe(1);
      expect(await item.locator('.shared-question').innerText()).toBe(QUESTION);
      expect(await item.innerText()).toContain(`keeps ${heavyOnBiscoe()} rows`);
    }
    // Applied already: no Apply for anyone; Bob gets it back once the filters change.
    expect(await bob.locator('[data-testid=shared-answers] [data-testid=apply-answer]').count()).toBe(0);
    expect(await viewer.locator('[data-testid=shared-answers] [data-testid=apply-answer]').count()).toBe(0);
    expect(await viewer.locator('[data-testid=shared-answers] .shared-remove').count()).toBe(0);
    // Everyone reads that the room's filters are this answer now.
    expect(await viewer.locator('[data-testid=shared-answers] [data-testid=proposal]').getAttribute('data-applied')).toBe('true');
    await alice.locator('[data-panel=ask]').screenshot({ path: join(screenshotDir, 'ask-panel.png') });

    // A viewer asks too (asking changes nothing shared), reads the proposal, and has no button to apply it.
    await ask(viewer, QUESTION);
    expect(await viewer.locator('[data-panel=ask] [data-testid=answer] [data-testid=proposal]').count()).toBe(1);
    expect(await viewer.locator('[data-panel=ask] [data-testid=apply-answer]').count()).toBe(0);
    expect(await viewer.locator('[data-testid=share-answer]').count()).toBe(0);
  });

  it('the presenter walks the room through a shared answer: one click applies it for everyone', async () => {
    // Clear the filters from Bob's page, then Bob presents and opens the shared answer.
    await bob.locator('[data-panel=filters] .filter-list button[aria-label^=Remove]').first().click();
    await bob.locator('[data-panel=filters] .filter-list button[aria-label^=Remove]').first().click();
    await bob.locator('[data-testid=shared-answers] [data-testid=apply-answer]').waitFor();
    await viewer.locator('[data-testid=shared-answers] [data-testid=proposal][data-applied=false]').waitFor();
    expect(await viewer.locator('[data-testid=shared-answers] [data-testid=apply-answer]').count()).toBe(0);
    const total = await visible(alice);
    expect(total).toBeGreaterThan(heavyOnBiscoe());
    await bob.locator('[data-panel=people] button', { hasText: /^present$/ }).first().click();
    await bob.locator('[data-testid=shared-answers] .shared-answer-open').first().click();
    await visibleBecomes(alice, heavyOnBiscoe());
    expect(await bob.locator('[data-panel=ask] [data-testid=answer] .answer-question').innerText()).toBe(QUESTION);
  });

  it("says when an answer's rows are not in the cloud (rows the analysis dropped)", async () => {
    // The analysis drops rows with missing values: the 11 penguins without a sex are counted, never shown.
    await ask(alice, 'how many rows have missing Sex?');
    const proposal = alice.locator('[data-panel=ask] [data-testid=answer] [data-testid=proposal]');
    await proposal.and(alice.locator('[data-in-cloud]')).waitFor();
    expect(await proposal.getAttribute('data-in-cloud')).toBe('0');
    expect(await proposal.innerText()).toContain('keeps 11 rows, none of them in the cloud');
    expect(errors).toEqual([]);
  });
});

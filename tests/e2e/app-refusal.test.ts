import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionCreated } from '../../shared/api-types.ts';
import type { RunningServer } from '../../server/server.ts';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { screenshotDir } from '../support/browser.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * A session the server refuses to join (here: full, one seat) says why in the top bar instead of
 * a bare "refused", retries by itself and offers to reconnect; once a seat frees, the page gets
 * live with the shared state.
 */
let server: RunningServer;
let fixture: SessionFixture | undefined;
let browser: Browser;
let tokens: SessionCreated;
const errors: string[] = [];

async function open(token: string): Promise<{ page: Page; context: BrowserContext }> {
  const page = await openSessionPage(browser, server.url, tokens, token, errors);
  return { page, context: page.context() };
}

const whenStatus = (page: Page, status: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid=connection]')?.getAttribute('data-status') === s, status, { timeout: 15_000 });

beforeAll(async () => {
  await mkdir(screenshotDir, { recursive: true });
  fixture = await startSessionFixture({ name: 'refusal', title: 'One seat', config: { collabMaxConnections: 1 } });
  ({ server, browser, session: tokens } = fixture);
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

describe('a refused connection', () => {
  it('says the session is full, and reconnects live once a seat frees', async () => {
    const first = await open(tokens.editToken);
    await whenStatus(first.page, 'connected');
    await first.page.locator('[data-testid=visible-count]').waitFor();

    const second = await open(tokens.editToken);
    // A full session is retried by itself (refused again while the seat is taken), saying so.
    // Text and status read together: a retry between two reads would show 'connecting'.
    await second.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid=connection]');
        return el?.textContent === 'session is full, retrying…' && el.getAttribute('data-status') === 'refused';
      },
      undefined,
      { timeout: 15_000 },
    );
    await second.page.locator('header.top-bar').screenshot({ path: join(screenshotDir, 'session-full.png') });
    // The manual way back stays offered while refused (it hides during a retry attempt).
    // The refused page still shows the session's title (from the HTTP answer, not the document).
    await expect(second.page.locator('.session-title').textContent()).resolves.toBe('One seat');
    const reconnect = second.page.getByRole('button', { name: 'reconnect' });
    await reconnect.waitFor({ state: 'visible', timeout: 15_000 });

    // While the second page is out, the first one hides a cluster: the second gets it on reconnect.
    const total = Number(await second.page.locator('[data-testid=visible-count]').getAttribute('data-value'));
    await first.page.locator('[data-testid=legend] .legend-item').first().click();
    const hidden = await first.page.evaluate(() => {
      const legend = window.__mirage!.legend();
      return legend?.kind === 'categorical' ? legend.items[0].count : -1;
    });
    expect(hidden).toBeGreaterThan(0);
    await expect(second.page.locator('[data-testid=visible-count]').getAttribute('data-value')).resolves.toBe(String(total));
    await first.context.close();
    // Live again once the seat frees: by the button, or by a retry of its own. A retry that
    // reaches the server before it has freed the seat is refused again (and y-websocket reports
    // the socket open before the refusal closes it), so 'connected' alone proves nothing: only a
    // real sync brings the hidden cluster. Press reconnect whenever it is offered until then.
    await expect
      .poll(
        async () => {
          if (await reconnect.isVisible()) await reconnect.click({ timeout: 1000 }).catch(() => undefined);
          return second.page.evaluate(() => {
            const status = document.querySelector('[data-testid=connection]')?.getAttribute('data-status');
            return `${status} ${document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value')}`;
          });
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(`connected ${total - hidden}`);
    await reconnect.waitFor({ state: 'detached', timeout: 10_000 });
    await second.context.close();
    expect(errors).toEqual([]);
  });
});

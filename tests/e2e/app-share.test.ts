import { networkInterfaces } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDescription } from '../../shared/api-types.ts';
import { openSessionPage, startSessionFixture, type SessionFixture } from '../support/session-pages.ts';

/**
 * The Share panel as a workshop presenter meets it: opened at localhost, the links must still
 * open on everybody else's device, and the link the Share button hands over first is the view link.
 */
const errors: string[] = [];

/** Share button → the panel's links, in page order, once the server's answer is in. */
async function shareLinks(page: Page): Promise<{ focused: string | null; order: string[]; view: string; edit: string; qr: string }> {
  await page.click('[data-testid=share-button]');
  await page.locator('[data-testid=view-link]').waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'view-link');
  // The QR is drawn for the final link only (it carries the link it encodes).
  await page.waitForFunction(() => {
    const qr = document.querySelector('[data-panel=share] img.qr');
    return qr !== null && qr.getAttribute('data-link') === document.querySelector<HTMLInputElement>('[data-testid=view-link]')!.value;
  });
  return page.evaluate(() => {
    const panel = document.querySelector('[data-panel=share]')!;
    const value = (id: string) => panel.querySelector<HTMLInputElement>(`[data-testid=${id}]`)!.value;
    return {
      focused: document.activeElement?.getAttribute('data-testid') ?? null,
      order: [...panel.querySelectorAll('input[data-testid]')].map((i) => i.getAttribute('data-testid')!),
      view: value('view-link'),
      edit: value('edit-link'),
      qr: panel.querySelector('img.qr')!.getAttribute('data-link')!,
    };
  });
}

describe('share links with PUBLIC_URL set', () => {
  let fixture: SessionFixture;
  beforeAll(async () => {
    fixture = await startSessionFixture({ name: 'share-public', title: 'Share via PUBLIC_URL', config: { publicUrl: 'https://mirage.example.org' } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('an editor at localhost gets the view link first and focused, and every link and the QR on PUBLIC_URL', async () => {
    const { server, browser, session } = fixture;
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors);
    const links = await shareLinks(page);
    expect(links.focused).toBe('view-link');
    expect(links.order).toEqual(['view-link', 'edit-link']);
    expect(links.view).toBe(`https://mirage.example.org/s/${session.id}?token=${session.viewToken}`);
    expect(links.edit).toBe(`https://mirage.example.org/s/${session.id}?token=${session.editToken}`);
    expect(links.qr).toBe(links.view);
    expect(await page.locator('[data-testid=share-origin-note]').innerText()).toBe('Links use mirage.example.org (PUBLIC_URL) so others can open them.');
    expect(await page.locator('[data-panel=share]').innerText()).toMatch(/Edit link\s*gives edit rights/);
    expect(await page.locator('[data-testid=share-warning]').count()).toBe(0);
    await page.context().close();
    expect(errors).toEqual([]);
  });
});

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

describe.skipIf(lanAddress === undefined)('share links from localhost on a server listening on all interfaces', () => {
  let fixture: SessionFixture;
  beforeAll(async () => {
    fixture = await startSessionFixture({ name: 'share-lan', title: 'Share on the LAN', config: { host: '0.0.0.0' } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('the links and the QR use this machine’s network address, and that address opens the session', async () => {
    const { server, browser, session } = fixture;
    expect(server.url).toMatch(/^http:\/\/localhost:/);
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors);
    const links = await shareLinks(page);
    const view = new URL(links.view);
    expect(view.hostname).not.toBe('localhost');
    expect(view.port).toBe(String(server.port));
    expect(links.qr).toBe(links.view);
    expect(await page.locator('[data-testid=share-origin-note]').innerText()).toContain(`Links use ${view.hostname} so others on your network can open them.`);
    // Through the network address, as another device would: the page and the session both answer.
    expect((await fetch(links.view)).status).toBe(200);
    const described = (await (await fetch(`${view.origin}/api/sessions/${session.id}?token=${view.searchParams.get('token')}`)).json()) as SessionDescription;
    expect(described.role).toBe('view');
    await page.context().close();
    expect(errors).toEqual([]);
  });
});

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

/** This machine's non-internal IPv4 addresses, from the interface table. */
const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
  .map((i) => i!.address);

describe.skipIf(lanAddresses.length === 0)('share links from localhost on a server listening on all interfaces', () => {
  let fixture: SessionFixture;
  beforeAll(async () => {
    fixture = await startSessionFixture({ name: 'share-lan', title: 'Share on the LAN', config: { host: '0.0.0.0' } });
  });
  afterAll(async () => {
    await fixture?.close();
  });

  it('the links and the QR use this machine’s network address, on the port whose socket serves every interface, and the link opens the session', async () => {
    const { server, browser, session } = fixture;
    expect(server.url).toMatch(/^http:\/\/localhost:/);
    const page = await openSessionPage(browser, server.url, session, session.editToken, errors);
    const links = await shareLinks(page);
    const view = new URL(links.view);
    // One of this machine's own network addresses, from the interface table…
    expect(lanAddresses).toContain(view.hostname);
    expect(view.port).toBe(String(server.port));
    // …on a port whose socket listens on the wildcard address, so it answers there: proved
    // without connecting to a non-loopback address (tests talk to loopback only).
    expect(server.address).toMatchObject({ address: '0.0.0.0', port: server.port });
    expect(links.qr).toBe(links.view);
    expect(await page.locator('[data-testid=share-origin-note]').innerText()).toContain(`Links use ${view.hostname} so others on your network can open them.`);
    // The link's path and token on that same socket (through loopback): the page and the session both answer.
    const local = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${local}${view.pathname}${view.search}`)).status).toBe(200);
    const described = (await (await fetch(`${local}/api/sessions/${session.id}?token=${view.searchParams.get('token')}`)).json()) as SessionDescription;
    expect(described.role).toBe('view');
    await page.context().close();
    expect(errors).toEqual([]);
  });
});

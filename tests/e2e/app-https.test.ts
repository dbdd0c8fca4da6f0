import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XR_PROFILES_PATH, type ProfilesList } from '../../shared/xr-assets.ts';
import { screenshotPixels } from '../support/browser.ts';
import { startSessionFixture, type SessionFixture } from '../support/session-pages.ts';
import { httpsGet } from '../support/tls.ts';

/**
 * A workshop room without internet: the session page over HTTPS on loopback (the certificate is
 * the server's self-signed one, ignored by the test browser as a participant accepts it once),
 * the Yjs socket over wss on the same origin, every off-origin request aborted, and the XR input
 * profiles served by our own server.
 */
let fixture: SessionFixture;
let base: string;
let cert: string;
const errors: string[] = [];
/** Requests to any other origin: aborted and listed (nothing may need the internet). */
const offOrigin: string[] = [];

const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
  .map((i) => i!.address);

beforeAll(async () => {
  // Every interface (as `npm start`), so the Share panel has network addresses to offer.
  fixture = await startSessionFixture({ name: 'https', title: 'Over HTTPS', config: { httpsPort: 0, host: '0.0.0.0' } });
  base = `https://127.0.0.1:${fixture.server.https!.port}`;
  cert = await readFile(fixture.server.https!.certificate.path, 'utf8');
}, 180_000);

afterAll(async () => {
  await fixture?.close();
});

async function participant(token: string): Promise<{ context: BrowserContext; page: Page; sockets: string[] }> {
  const context = await fixture.browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === base) return route.continue();
    offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/s/${fixture.session.id}?token=${token}`);
  await page.waitForFunction(() => window.__mirage !== undefined, undefined, { timeout: 60_000 });
  await page.evaluate(() => window.__mirage!.ready());
  return { context, page, sockets };
}

const visible = (page: Page) => page.locator('[data-testid=visible-count]').getAttribute('data-value').then(Number);

describe('the session over HTTPS', () => {
  it('loads the session in a secure context and syncs an edit to a second page over wss, with nothing off-origin', async () => {
    const alice = await participant(fixture.session.editToken);
    const bob = await participant(fixture.session.editToken);
    expect(await alice.page.evaluate(() => window.isSecureContext)).toBe(true);
    const socketPrefix = `wss://127.0.0.1:${fixture.server.https!.port}/yjs/${fixture.session.id}?`;
    for (const p of [alice, bob]) expect(p.sockets.some((url) => url.startsWith(socketPrefix))).toBe(true);

    const total = await visible(alice.page);
    expect(total).toBeGreaterThan(300);
    // An edit on alice's page (hide the first cluster in the legend) reaches bob's page.
    await alice.page.locator('[data-testid=legend] .legend-item').first().click();
    const hidden = await alice.page.evaluate(() => {
      const legend = window.__mirage!.legend();
      return legend?.kind === 'categorical' ? legend.items[0].count : -1;
    });
    expect(hidden).toBeGreaterThan(0);
    for (const p of [alice.page, bob.page]) {
      await p.waitForFunction((n) => document.querySelector('[data-testid=visible-count]')?.getAttribute('data-value') === String(n), total - hidden, { timeout: 20_000 });
    }

    // The Share panel on this loopback page offers the headset link: the view link over https on a
    // network address; the QR code carries it.
    await alice.page.click('[data-testid=share-button]');
    if (lanAddresses.length > 0) {
      const headset = new URL(await alice.page.locator('[data-testid=headset-link]').inputValue());
      expect(headset.protocol).toBe('https:');
      expect(lanAddresses).toContain(headset.hostname);
      expect(headset.port).toBe(String(fixture.server.https!.port));
      expect(headset.searchParams.get('token')).toBe(fixture.session.viewToken);
      await alice.page.waitForFunction((link) => document.querySelector('[data-panel=share] img.qr')?.getAttribute('data-link') === link, headset.href);
      await screenshotPixels(alice.page, 'https-share-panel');
    }

    await alice.context.close();
    await bob.context.close();
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('serves the XR input profiles: profilesList.json, each listed profile JSON and its models, and the hand models', async () => {
    const at = (path: string) => httpsGet(`${base}${XR_PROFILES_PATH}${path}`, cert);
    const listed = await at('profilesList.json');
    expect(listed).toMatchObject({ status: 200, contentType: expect.stringMatching(/^application\/json/) });
    const list = JSON.parse(listed.body) as ProfilesList;
    expect(Object.keys(list)).toEqual(['meta-quest-touch-plus', 'generic-trigger', 'generic-hand']);
    const models = new Set<string>(['generic-hand/left.glb', 'generic-hand/right.glb']);
    for (const entry of Object.values(list)) {
      const profile = await at(entry.path);
      expect(profile.status).toBe(200);
      const layouts = (JSON.parse(profile.body) as { layouts: Record<string, { assetPath: string }> }).layouts;
      expect(Object.keys(layouts).length).toBeGreaterThan(0);
      const dir = entry.path.slice(0, entry.path.lastIndexOf('/') + 1);
      for (const layout of Object.values(layouts)) models.add(`${dir}${layout.assetPath}`);
    }
    expect(models.size).toBeGreaterThanOrEqual(7);
    for (const model of models) {
      const answer = await at(model);
      expect(answer.status, model).toBe(200);
      expect(answer.contentType).toBe('model/gltf-binary');
      expect(answer.bytes.subarray(0, 4).toString('ascii')).toBe('glTF');
    }
  });
});

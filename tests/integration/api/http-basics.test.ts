import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/server.ts';
import { removeDir, startTestServer, tempDataDir } from '../../support/server-process.ts';
import { ownerFetch } from '../../support/http.ts';

let server: RunningServer;
let dataDir: string;
let clientDir: string;

beforeAll(async () => {
  dataDir = await tempDataDir();
  // A stand-in build output: these tests are about headers, not about the client itself.
  clientDir = await mkdtemp(join(tmpdir(), 'client-'));
  await mkdir(join(clientDir, 'assets'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Data Mirage</title>');
  await writeFile(join(clientDir, 'assets', 'app-1234abcd.js'), 'console.log(1)');
  await mkdir(join(clientDir, 'scene-lab'));
  await writeFile(join(clientDir, 'scene-lab', 'index.html'), '<!doctype html><title>Scene lab</title>');
  server = await startTestServer(dataDir, { clientDir, allowedOrigins: ['https://workshop.example'] });
});
afterAll(async () => {
  await server.close();
  await removeDir(dataDir);
  await rm(clientDir, { recursive: true, force: true });
});

describe('HTTP basics', () => {
  it('refuses to start on a port in use with a clear error, leaving the running server alone', async () => {
    const other = await tempDataDir();
    try {
      await expect(startTestServer(other, { port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(await (await ownerFetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });
    } finally {
      await removeDir(other);
    }
  });

  it('answers health', async () => {
    expect(await (await ownerFetch(`${server.url}/api/health`)).json()).toEqual({ ok: true });
  });

  it('serves pages revalidated and hashed assets cached for good, with secure headers', async () => {
    for (const path of ['/', '/s/someSession1?token=x']) {
      const page = await ownerFetch(server.url + path);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      // WebXR must stay allowed: no Permissions-Policy that would block xr-spatial-tracking.
      expect(page.headers.get('permissions-policy') ?? '').not.toMatch(/xr-spatial-tracking=\(\)/);
    }
    const asset = await ownerFetch(`${server.url}/assets/app-1234abcd.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('serves the developer scene lab only when SCENE_LAB is on', async () => {
    for (const path of ['/scene-lab/index.html', '/scene-lab/', '/scene-lab']) {
      const hidden = await ownerFetch(server.url + path);
      expect(hidden.status).toBe(404);
      expect(await hidden.text()).not.toContain('Scene lab');
    }
    const other = await tempDataDir();
    const lab = await startTestServer(other, { clientDir, sceneLab: true });
    try {
      const page = await ownerFetch(`${lab.url}/scene-lab/index.html`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Scene lab</title>');
    } finally {
      await lab.close();
      await removeDir(other);
    }
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await ownerFetch(`${server.url}/api/health`, { headers: { origin: 'https://workshop.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://workshop.example');
    const other = await ownerFetch(`${server.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

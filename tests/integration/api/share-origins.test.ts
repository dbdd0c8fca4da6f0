import { networkInterfaces } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShareOrigins } from '../../../shared/api-types.ts';
import type { RunningServer } from '../../../server/server.ts';
import { waitFor } from '../../support/collab-harness.ts';
import { removeDir, startServerChild, startTestServer, tempDataDir, type ServerChild } from '../../support/server-process.ts';
import { ownerFetch } from '../../support/http.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function serve(overrides: Parameters<typeof startTestServer>[1]): Promise<RunningServer> {
  const dataDir = await tempDataDir('mirage-share-');
  const server = await startTestServer(dataDir, overrides);
  cleanups.push(async () => {
    await server.close();
    await removeDir(dataDir);
  });
  return server;
}

async function origins(url: string): Promise<ShareOrigins> {
  const response = await ownerFetch(`${url}/api/share-origins`);
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return (await response.json()) as ShareOrigins;
}

const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal);

describe('GET /api/share-origins', () => {
  it('answers PUBLIC_URL when it is set', async () => {
    const server = await serve({ publicUrl: 'https://mirage.example.org' });
    expect(await origins(server.url)).toEqual({ origins: ['https://mirage.example.org'], source: 'public-url' });
  });

  it('answers none on loopback only', async () => {
    const server = await serve({ host: '127.0.0.1' });
    expect(await origins(server.url)).toEqual({ origins: [], source: 'local-only' });
  });

  it('on all interfaces answers the interface table’s addresses with the port it listens on, all served by its socket', async () => {
    const server = await serve({ host: '0.0.0.0' });
    const answer = await origins(server.url);
    // The socket listens on the wildcard address: the kernel hands it connections to every
    // interface's address on that port, so each offered origin reaches this server. Proved from
    // the socket and the interface table; tests never connect to a non-loopback address.
    expect(server.address).toMatchObject({ address: '0.0.0.0', port: server.port });
    if (lanAddresses.length === 0) {
      expect(answer).toEqual({ origins: [], source: 'no-network' });
      return;
    }
    expect(answer.source).toBe('network');
    expect(answer.origins.map((o) => new URL(o).hostname).sort()).toEqual(lanAddresses.map((i) => i!.address).sort());
    for (const origin of answer.origins) {
      const url = new URL(origin);
      expect(url.port).toBe(String(server.port));
      expect(url.pathname).toBe('/');
    }
    // The same port on loopback is this server (a wildcard socket covers loopback too).
    expect(await (await ownerFetch(`http://127.0.0.1:${server.port}/api/health`)).json()).toEqual({ ok: true });
  });
});

describe('startup output', () => {
  it('prints the demo links for other devices on PUBLIC_URL, after the local ones', async () => {
    const dataDir = await tempDataDir('mirage-share-demo-');
    const child: ServerChild = await startServerChild(dataDir, { DEMO: '1', PUBLIC_URL: 'https://mirage.example.org/' });
    cleanups.push(async () => {
      await child.stop();
      await removeDir(dataDir);
    });
    await waitFor(() => /for other devices, edit link/.test(child.output()), 30_000, 'the demo links');
    const out = child.output();
    expect(out).toContain('Other devices (phones, headsets, other laptops) open it at https://mirage.example.org\n');
    const local = /^ {2}view link: (\S+)$/m.exec(out)![1];
    const shared = /for other devices, view link: (\S+)/.exec(out)![1];
    expect(local.startsWith(`${child.url}/s/`)).toBe(true);
    expect(shared).toBe(local.replace(child.url, 'https://mirage.example.org'));
    expect(out).toMatch(/for other devices, edit link: https:\/\/mirage\.example\.org\/s\/\S+ \(gives edit rights\)/);
  });

  it('says when only this computer can open the links, and how to change that', async () => {
    const dataDir = await tempDataDir('mirage-share-local-');
    const child = await startServerChild(dataDir); // HOST=127.0.0.1, no demo
    cleanups.push(async () => {
      await child.stop();
      await removeDir(dataDir);
    });
    await waitFor(() => /Only this computer/.test(child.output()), 10_000, 'the hint');
    expect(child.output()).toMatch(/Only this computer can open these links \(HOST=127\.0\.0\.1\)\. To share with other devices set HOST=0\.0\.0\.0 .* or PUBLIC_URL/);
  });

  it('refuses a PUBLIC_URL with a path, in one line, exiting 2', async () => {
    const dataDir = await tempDataDir('mirage-share-bad-');
    cleanups.push(() => removeDir(dataDir));
    const failure = await startServerChild(dataDir, { PUBLIC_URL: 'https://mirage.example.org/mirage' }).then(
      (started) => started.stop().then(() => 'started'),
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/^server exited early \(2\): Configuration error: PUBLIC_URL must be an origin such as https:\/\/mirage\.example\.org with no path/);
  });
});

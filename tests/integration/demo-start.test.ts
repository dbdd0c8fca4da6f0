import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoDataset, DemoSessionInfo, SessionDescription } from '../../shared/api-types.ts';
import { waitForAnalysis } from '../support/analysis-client.ts';
import { waitFor } from '../support/collab-harness.ts';
import { removeDir, startServerChild, startTestServer, tempDataDir, type ServerChild } from '../support/server-process.ts';
import { importDemoDataset } from '../../server/services/demo-datasets.ts';
import { ownerFetch } from '../support/http.ts';

let child: ServerChild | null = null;
let dataDir = '';

afterAll(async () => {
  await child?.stop();
  await removeDir(dataDir);
});

function links(output: string): { edit: string; view: string } | null {
  const edit = /edit link: (\S+)/.exec(output)?.[1];
  const view = /view link: (\S+)/.exec(output)?.[1];
  return edit && view ? { edit, view } : null;
}

describe('first start on an empty DATA_DIR', () => {
  it('creates the demo session, prints its links, and reuses them on the next start', async () => {
    dataDir = await tempDataDir('mirage-demo-');
    child = await startServerChild(dataDir, { DEMO: '1' });
    const first = child;
    await waitFor(() => links(first.output()) !== null, 30_000, 'the demo links');
    const printed = links(first.output())!;
    const editUrl = new URL(printed.edit);
    const sessionId = editUrl.pathname.split('/').pop()!;
    const session = (await (await ownerFetch(`${child.url}/api/sessions/${sessionId}?token=${editUrl.searchParams.get('token')}`)).json()) as SessionDescription;
    expect(session).toMatchObject({ role: 'edit', title: 'Palmer penguins (demo)' });
    const viewToken = new URL(printed.view).searchParams.get('token');
    expect(((await (await ownerFetch(`${child.url}/api/sessions/${sessionId}?token=${viewToken}`)).json()) as SessionDescription).role).toBe('view');
    const analysis = await waitForAnalysis(child.url, session.analysisId!);
    expect(analysis.status).toBe('done');
    expect(analysis.result!.pointCount).toBe(342);
    expect(analysis.result!.clusters.map((c) => c.label).join(' ')).toMatch(/Gentoo/);
    // The start page learns the same two links from this server…
    const demo = (await (await ownerFetch(`${child.url}/api/demo-session`)).json()) as DemoSessionInfo;
    expect(demo.session).toEqual({ id: sessionId, title: 'Palmer penguins (demo)', editToken: editUrl.searchParams.get('token'), viewToken });
    // …and lists the penguins once: the demo picker knows the table is already here.
    const { demos } = (await (await ownerFetch(`${child.url}/api/demo-datasets`)).json()) as { demos: DemoDataset[] };
    expect(demos.find((d) => d.key === 'penguins')!.datasetId).toBe(session.datasetId);
    expect(demos.filter((d) => d.datasetId !== undefined)).toHaveLength(1);
    await child.stop();

    child = await startServerChild(dataDir, { DEMO: '1' });
    const second = child;
    await waitFor(() => links(second.output()) !== null, 30_000, 'the demo links again');
    expect(links(second.output())).toEqual({ edit: printed.edit.replace(first.url, second.url), view: printed.view.replace(first.url, second.url) });
    const { datasets } = (await (await ownerFetch(`${child.url}/api/datasets`)).json()) as { datasets: unknown[] };
    expect(datasets).toHaveLength(1);
    expect(((await (await ownerFetch(`${child.url}/api/demo-session`)).json()) as DemoSessionInfo).session?.id).toBe(sessionId);
    // Once its table is deleted, the start page no longer offers a session with nothing left to show.
    expect((await ownerFetch(`${child.url}/api/datasets/${session.datasetId}`, { method: 'DELETE' })).status).toBe(204);
    const after = await ownerFetch(`${child.url}/api/demo-session`);
    expect(await after.json()).toEqual({ session: null });
    // Plain http beside https on one host: no HSTS, which would force every port of the host onto TLS.
    expect(after.headers.get('strict-transport-security')).toBeNull();
  });

  it('a server without a demo session says so (null) and offers every demo table', async () => {
    const other = await tempDataDir('mirage-no-demo-');
    const plain = await startServerChild(other); // DEMO=0
    try {
      expect(await (await ownerFetch(`${plain.url}/api/demo-session`)).json()).toEqual({ session: null });
      const { demos } = (await (await ownerFetch(`${plain.url}/api/demo-datasets`)).json()) as { demos: DemoDataset[] };
      expect(demos.every((d) => d.datasetId === undefined)).toBe(true);
    } finally {
      await plain.stop();
      await removeDir(other);
    }
  });
});

describe('a DATA_DIR from before demo imports were remembered', () => {
  it('knows its first-start penguins from demo.json: listed once, asked again answers them', async () => {
    const dir = await tempDataDir('mirage-legacy-demo-');
    const server = await startTestServer(dir);
    try {
      // As the first start of an older version left it: the penguins imported, only demo.json.
      const penguins = (await importDemoDataset(server.deps.importer, join(dir, 'uploads'), 'penguins'))!;
      await writeFile(join(dir, 'demo.json'), JSON.stringify({ datasetId: penguins.id, analysisId: 'gone', sessionId: 'gone' }));
      const { demos } = (await (await ownerFetch(`${server.url}/api/demo-datasets`)).json()) as { demos: DemoDataset[] };
      expect(demos.find((d) => d.key === 'penguins')!.datasetId).toBe(penguins.id);
      const again = await ownerFetch(`${server.url}/api/demo-datasets/penguins`, { method: 'POST' });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { id: string }).id).toBe(penguins.id);
      // Its session is gone: no demo session to link.
      expect(await (await ownerFetch(`${server.url}/api/demo-session`)).json()).toEqual({ session: null });
    } finally {
      await server.close();
      await removeDir(dir);
    }
  });
});

describe('a start that cannot listen', () => {
  it('says the port is in use, in one line without a stack, and exits 2', async () => {
    const running = child ?? (child = await startServerChild((dataDir ||= await tempDataDir())));
    const port = new URL(running.url).port;
    const otherDir = await tempDataDir();
    const failed = await startServerChild(otherDir, { PORT: port })
      .then(
        (started) => started.stop().then(() => 'started'),
        (error: Error) => error.message,
      )
      .finally(() => removeDir(otherDir));
    expect(failed).toMatch(/^server exited early \(2\): Cannot listen on 127\.0\.0\.1:\d+: the address is already in use\. Set PORT/);
    expect(failed).not.toMatch(/\n\s+at /);
  });
});

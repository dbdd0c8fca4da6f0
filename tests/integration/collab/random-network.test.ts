import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRandom, randomInt, type Random } from '../../../shared/random.ts';
import {
  initSessionDoc,
  readView,
  readFilters,
  readSelection,
  readAnnotations,
  readBookmarks,
  readPresenter,
  setEncoding,
  setFilter,
  updateFilter,
  removeFilter,
  setSelection,
  rangesFromIndices,
  addAnnotation,
  removeAnnotation,
  addBookmark,
  moveBookmark,
  setPresenterPose,
  setPresenter,
  type Encoding,
} from '../../../shared/session/index.ts';
import {
  connectClient,
  sleep,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type TestClient,
  type TestServer,
} from '../../support/collab-harness.ts';

/**
 * In the spirit of yjs' tests/testHelper.js: several replicas, a seeded sequence of random
 * edits through the accessors and random disconnects/reconnects, then everyone must converge
 * (with each other and with the server's stored document).
 */
const SESSION = 'session-random-01';
const EDIT = 'edit-token-iiiiiiiiiiii';
const VIEW = 'view-token-jjjjjjjjjjjj';
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;

beforeAll(async () => {
  data = await tempDataDir();
  server = await startCollabServer(data.dir, new Map([[SESSION, { edit: EDIT, view: VIEW }]]), { compactAfterBytes: 4096 });
  await server.collab.createSessionDocument(SESSION, (doc) => initSessionDoc(doc, { datasetId: 'iris0001', title: 'Random' }));
});

afterAll(async () => {
  await server.close();
  await data.remove();
});

function snapshot(doc: Y.Doc): string {
  return JSON.stringify([readView(doc), readFilters(doc), readSelection(doc), readAnnotations(doc), readBookmarks(doc), readPresenter(doc)]);
}

const ENCODINGS: Encoding[] = [
  { by: 'cluster' },
  { by: 'anomaly', scale: 'sqrt' },
  { by: 'column', column: 'petal_length', palette: 'viridis' },
  { by: 'constant', value: '#336699' },
];

function randomEdit(client: TestClient, random: Random, name: string): void {
  const doc = client.doc;
  const pick = <T,>(items: readonly T[]): T => items[randomInt(random, items.length)];
  switch (randomInt(random, 8)) {
    case 0:
      setEncoding(doc, 'color', pick(ENCODINGS));
      break;
    case 1:
      setFilter(doc, { kind: 'range', column: 'sepal_width', min: randomInt(random, 3), max: 3 + randomInt(random, 3), enabled: true, author: name });
      break;
    case 2: {
      const filters = readFilters(doc);
      if (filters.length === 0) break;
      const f = pick(filters);
      if (randomInt(random, 2) === 0) removeFilter(doc, f.id);
      else updateFilter(doc, f.id, { enabled: !f.enabled });
      break;
    }
    case 3:
      setSelection(doc, { clusters: [randomInt(random, 3)], points: rangesFromIndices(Array.from({ length: 20 }, () => randomInt(random, 150))), author: name });
      break;
    case 4:
      addAnnotation(doc, { rowIndex: randomInt(random, 150), text: `${name} ${randomInt(random, 1000)}`, author: name, color: '#aa0000' });
      break;
    case 5: {
      const notes = readAnnotations(doc);
      if (notes.length > 0) removeAnnotation(doc, pick(notes).id);
      break;
    }
    case 6: {
      const marks = readBookmarks(doc);
      if (marks.length > 1 && randomInt(random, 2) === 0) moveBookmark(doc, pick(marks).id, randomInt(random, marks.length));
      else addBookmark(doc, { title: `${name} view`, camera: { position: [randomInt(random, 9), 0, 5], target: [0, 0, 0] }, view: readView(doc), filters: readFilters(doc), author: name });
      break;
    }
    default:
      if (randomInt(random, 4) === 0) setPresenter(doc, { clientId: doc.clientID, name });
      else setPresenterPose(doc, { position: [random(), random(), random()], target: [0, 0, 0] });
  }
}

describe('random network', () => {
  it('converges after seeded random edits, disconnects and reconnects', async () => {
    const random = createRandom(42);
    const clients = Array.from({ length: 4 }, () => connectClient(server.wsBase, SESSION, EDIT));
    const viewer = connectClient(server.wsBase, SESSION, VIEW);
    try {
      await Promise.all([...clients, viewer].map((c) => whenSynced(c)));
      for (let step = 0; step < 300; step++) {
        const i = randomInt(random, clients.length);
        const client = clients[i];
        const roll = randomInt(random, 20);
        if (roll === 0 && client.provider.shouldConnect) client.provider.disconnect();
        else if (roll === 1 && !client.provider.shouldConnect) client.provider.connect();
        else randomEdit(client, random, `c${i}`);
        // Let the network interleave messages a little, at seeded moments.
        if (randomInt(random, 10) === 0) await sleep(randomInt(random, 15));
      }
      for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
      await Promise.all(clients.map((c) => whenSynced(c)));
      const target = () => snapshot(clients[0].doc);
      // Equal snapshots alone can pass while an update that changes no visible value (a write
      // that a concurrent one supersedes, the same value set again) is still in flight: converged
      // also means every replica and the server hold the same updates, i.e. equal state vectors.
      const stateVector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
      const converged = async (): Promise<boolean> => {
        const want = stateVector(clients[0].doc);
        if (![...clients, viewer].every((c) => snapshot(c.doc) === target() && stateVector(c.doc) === want)) return false;
        return (await server.collab.withDocument(SESSION, (doc) => stateVector(doc))) === want;
      };
      await waitFor(converged, 20_000, 'all replicas and the server to converge');
      const stored = await server.collab.withDocument(SESSION, (doc) => ({ snapshot: snapshot(doc), stateVector: stateVector(doc) }));
      expect(stored).toEqual({ snapshot: target(), stateVector: stateVector(clients[0].doc) });
      // Edits of every kind happened.
      expect(readAnnotations(clients[0].doc).length + readBookmarks(clients[0].doc).length).toBeGreaterThan(0);
    } finally {
      for (const c of clients) c.destroy();
      viewer.destroy();
    }
    // And the stored document survives a restart intact.
    const before = await server.collab.withDocument(SESSION, (doc) => snapshot(doc));
    await server.close();
    server = await startCollabServer(data.dir, new Map([[SESSION, { edit: EDIT, view: VIEW }]]));
    expect(await server.collab.withDocument(SESSION, (doc) => snapshot(doc))).toBe(before);
  });
});

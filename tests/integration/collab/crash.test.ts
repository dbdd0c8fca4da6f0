import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { initSessionDoc } from '../../../shared/session/index.ts';
import { parseFrames } from '../../../server/collab/log-frames.ts';
import { createRandom, randomInt } from '../../../shared/random.ts';
import { startCollabChild, type CollabChild } from '../../support/collab-child.ts';
import { connectClient, sleep, tempDataDir, waitFor, whenSynced } from '../../support/collab-harness.ts';
import { SessionStorage } from '../../../server/collab/session-storage.ts';

const SESSION = 'session-crash-01';
const EDIT = 'edit-token-gggggggggggg';
const VIEW = 'view-token-hhhhhhhhhhhh';
let data: Awaited<ReturnType<typeof tempDataDir>>;
let child: CollabChild | null = null;

beforeEach(async () => {
  data = await tempDataDir();
  // The session's initial document, as createSessionDocument would have stored it.
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'penguins01', title: 'Crash test' });
  const dir = join(data.dir, 'sessions', SESSION);
  await mkdir(dir, { recursive: true });
  const { storage } = await SessionStorage.open(dir);
  await storage.compact(Y.encodeStateAsUpdate(doc));
  await storage.close();
});

afterEach(async () => {
  await child?.kill();
  child = null;
  await data.remove();
});

/** Keys of the `edits` map a replica holds. */
const editsOf = (doc: Y.Doc): string[] => [...doc.getMap('edits').keys()];

describe('durability under kill -9', () => {
  it('keeps every edit another client received when the server is killed mid-burst', async () => {
    // A small compaction threshold, so the kill may land in a compaction as well as an append.
    child = await startCollabChild(data.dir, SESSION, EDIT, VIEW, undefined, { COLLAB_COMPACT_AFTER_BYTES: '16384' });
    const writer = connectClient(child.wsBase, SESSION, EDIT);
    const watcher = connectClient(child.wsBase, SESSION, VIEW);
    await Promise.all([whenSynced(writer), whenSynced(watcher)]);
    const edits = writer.doc.getMap('edits');
    const watched = watcher.doc.getMap('edits');

    // Acknowledged edits: each one waits until the other client has it.
    for (let i = 0; i < 40; i++) {
      edits.set(`ack-${i}`, { i, payload: 'x'.repeat(200) });
      await waitFor(() => watched.has(`ack-${i}`), 10_000, `edit ${i} relayed`);
    }
    // Then a burst with no waiting, killed at a seeded random moment in the middle of it.
    const random = createRandom(20261124);
    const killAfter = 20 + randomInt(random, 60);
    let burst = 0;
    const burstLoop = (async () => {
      while (child && burst < 10_000) {
        edits.set(`burst-${burst}`, { burst, payload: 'y'.repeat(randomInt(random, 400)) });
        burst++;
        if (burst % 5 === 0) await sleep(1);
      }
    })();
    await waitFor(() => [...watched.keys()].some((k) => k.startsWith('burst-')), 10_000, 'burst under way');
    await sleep(killAfter);
    await child.kill();
    child = null;
    await burstLoop;
    const received = editsOf(watcher.doc);
    writer.destroy();
    watcher.destroy();
    expect(received.filter((k) => k.startsWith('ack-'))).toHaveLength(40);
    expect(received.some((k) => k.startsWith('burst-'))).toBe(true);

    // No file is torn: the log parses to its last byte and the state file loads.
    const dir = join(data.dir, 'sessions', SESSION);
    const log = await readFile(join(dir, 'ydoc.log'));
    expect(parseFrames(log).validBytes).toBe(log.length);
    const loaded = await SessionStorage.open(dir);
    await loaded.storage.close();
    expect(loaded.tornBytes).toBe(0);

    // A restarted server holds everything the watcher had received.
    child = await startCollabChild(data.dir, SESSION, EDIT, VIEW);
    const reader = connectClient(child.wsBase, SESSION, VIEW);
    try {
      await whenSynced(reader);
      const reloaded = new Set(editsOf(reader.doc));
      const missing = received.filter((k) => !reloaded.has(k));
      expect(missing).toEqual([]);
      expect(reloaded.size).toBeGreaterThanOrEqual(received.length);
    } finally {
      reader.destroy();
    }
  });

  it('loads the rest of a log whose tail a crash tore', async () => {
    child = await startCollabChild(data.dir, SESSION, EDIT, VIEW);
    const writer = connectClient(child.wsBase, SESSION, EDIT);
    const watcher = connectClient(child.wsBase, SESSION, VIEW);
    await Promise.all([whenSynced(writer), whenSynced(watcher)]);
    for (let i = 0; i < 10; i++) {
      writer.doc.getMap('edits').set(`e${i}`, i);
      await waitFor(() => watcher.doc.getMap('edits').has(`e${i}`));
    }
    writer.destroy();
    watcher.destroy();
    await child.kill();
    child = null;
    // Simulate power loss mid-append: the last record lost its last bytes.
    const logPath = join(data.dir, 'sessions', SESSION, 'ydoc.log');
    const log = await readFile(logPath);
    await writeFile(logPath, log.subarray(0, log.length - 2));
    child = await startCollabChild(data.dir, SESSION, EDIT, VIEW);
    const reader = connectClient(child.wsBase, SESSION, VIEW);
    try {
      await whenSynced(reader);
      expect(editsOf(reader.doc).sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8']);
    } finally {
      reader.destroy();
    }
  });
});

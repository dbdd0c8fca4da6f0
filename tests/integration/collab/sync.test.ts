import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SERVER_ORIGIN } from '../../../server/collab/index.ts';
import {
  initSessionDoc,
  readView,
  readFilters,
  readSelection,
  readAnnotations,
  readBookmarks,
  readPresenter,
  readMeta,
  setEncoding,
  setFilter,
  setSelection,
  addAnnotation,
  addBookmark,
  setPresenter,
  setPresenterPose,
  rangesFromIndices,
  rebindAnalysis,
  DEFAULT_VIEW,
  sanitizeAwarenessState,
  initialAwarenessState,
} from '../../../shared/session/index.ts';
import {
  connectClient,
  startCollabServer,
  tempDataDir,
  waitFor,
  whenSynced,
  type SessionTokens,
  type TestServer,
} from '../../support/collab-harness.ts';

const SESSION = 'session-sync-01';
const tokens: SessionTokens = { edit: 'edit-token-aaaaaaaaaaaa', view: 'view-token-bbbbbbbbbbbb' };
let server: TestServer;
let data: Awaited<ReturnType<typeof tempDataDir>>;

beforeAll(async () => {
  data = await tempDataDir();
  server = await startCollabServer(data.dir, new Map([[SESSION, tokens]]));
  await server.collab.createSessionDocument(SESSION, (doc) =>
    initSessionDoc(doc, { datasetId: 'penguins01', analysisId: 'analysis01', title: 'Penguins' }),
  );
});

afterAll(async () => {
  await server.close();
  await data.remove();
});

/** Everything the accessors can read, for comparing replicas. */
function snapshot(doc: Y.Doc): unknown {
  return {
    meta: readMeta(doc),
    view: readView(doc),
    filters: readFilters(doc),
    selection: readSelection(doc),
    annotations: readAnnotations(doc),
    bookmarks: readBookmarks(doc),
    presenter: readPresenter(doc),
  };
}

describe('collaboration server with stock y-websocket clients', () => {
  it('delivers the initial document and converges on edits of every type from two editors', async () => {
    const a = connectClient(server.wsBase, SESSION, tokens.edit);
    const b = connectClient(server.wsBase, SESSION, tokens.edit);
    try {
      await Promise.all([whenSynced(a), whenSynced(b)]);
      expect(readMeta(b.doc)).toMatchObject({ datasetId: 'penguins01', analysisId: 'analysis01', title: 'Penguins' });
      expect(readView(b.doc)).toEqual(DEFAULT_VIEW);

      const camera = { position: [0, 0, 4] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
      setEncoding(a.doc, 'color', { by: 'column', column: 'species' });
      setEncoding(b.doc, 'size', { by: 'anomaly', scale: 'sqrt' });
      setFilter(a.doc, { kind: 'range', column: 'body_mass_g', min: 3000, max: null, enabled: true, author: 'A' });
      setFilter(b.doc, { kind: 'set', column: 'island', values: ['Biscoe'], enabled: true, author: 'B' });
      setSelection(b.doc, { clusters: [1], points: rangesFromIndices([5, 6, 7, 100]), author: 'B' });
      addAnnotation(a.doc, { rowIndex: 12, text: 'heavy', author: 'A', color: '#ff8800' });
      addAnnotation(b.doc, { position: [1, 2, 3], text: 'empty region', author: 'B', color: '#0088ff' });
      addBookmark(a.doc, { title: 'Start', camera, view: readView(a.doc), filters: [], author: 'A' });
      setPresenter(b.doc, { clientId: b.doc.clientID, name: 'B' });
      setPresenterPose(b.doc, { position: [1, 1, 1], target: [0, 0, 0] });
      // Which analysis a session shows is the server's to change (an editor writing it is refused).
      await server.collab.withDocument(SESSION, (doc) => rebindAnalysis(doc, 'analysis02', SERVER_ORIGIN));

      await waitFor(() => JSON.stringify(snapshot(a.doc)) === JSON.stringify(snapshot(b.doc)), 10_000, 'convergence');
      expect(readView(a.doc)).toMatchObject({ color: { by: 'column', column: 'species' }, size: { by: 'anomaly', scale: 'sqrt' } });
      expect(readFilters(a.doc)).toHaveLength(2);
      expect(readSelection(a.doc).points).toEqual([5, 8, 100, 101]);
      expect(readAnnotations(a.doc).map((n) => n.text).sort()).toEqual(['empty region', 'heavy']);
      expect(readBookmarks(a.doc).map((m) => m.title)).toEqual(['Start']);
      expect(readPresenter(a.doc)).toMatchObject({ clientId: b.doc.clientID, pose: { position: [1, 1, 1] } });
      expect(readMeta(a.doc).analysisId).toBe('analysis02');
      // The server's copy, which storage holds, is the same document.
      const serverSnapshot = await server.collab.withDocument(SESSION, (doc) => snapshot(doc));
      expect(serverSnapshot).toEqual(snapshot(a.doc));
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('relays awareness both ways, shows viewers, and sets roles from the token', async () => {
    const editor = connectClient(server.wsBase, SESSION, tokens.edit);
    const viewer = connectClient(server.wsBase, SESSION, tokens.view);
    try {
      await Promise.all([whenSynced(editor), whenSynced(viewer)]);
      editor.provider.awareness.setLocalState({ ...initialAwarenessState('Ada', '#ff0000', 'desktop'), hovered: 3 });
      // The viewer claims to be an editor and adds junk: the server corrects and cleans it.
      viewer.provider.awareness.setLocalState({
        ...initialAwarenessState('Vic', '#00ff00', 'vr'),
        role: 'editor',
        head: { position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] },
        junk: 'x'.repeat(100),
      });
      const stateOf = (client: typeof editor, id: number) => sanitizeAwarenessState(client.provider.awareness.getStates().get(id));
      await waitFor(() => stateOf(editor, viewer.doc.clientID)?.name === 'Vic', 10_000, 'viewer presence at editor');
      await waitFor(() => stateOf(viewer, editor.doc.clientID)?.name === 'Ada', 10_000, 'editor presence at viewer');
      const seenViewer = editor.provider.awareness.getStates().get(viewer.doc.clientID) as Record<string, unknown>;
      expect(seenViewer.role).toBe('viewer');
      expect(seenViewer.junk).toBeUndefined();
      expect(seenViewer.head).toEqual({ position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] });
      expect(viewer.provider.awareness.getStates().get(editor.doc.clientID)).toMatchObject({ role: 'editor', hovered: 3 });

      // Leaving removes the participant for the others.
      viewer.provider.disconnect();
      await waitFor(() => !editor.provider.awareness.getStates().has(viewer.doc.clientID), 10_000, 'viewer removal');
    } finally {
      editor.destroy();
      viewer.destroy();
    }
  });
});

import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writesServerOwnedMeta } from '../../../server/collab/server-owned-meta.ts';
import { addAnnotation, initSessionDoc, rebindAnalysis, setEncoding, setFilter, setTitle, writePendingAnalysis } from '../../../shared/session/index.ts';

/** The server's document and an editor's copy of it; `edit` returns the update the editor would send. */
function pair(): { server: Y.Doc; edit: (change: (doc: Y.Doc) => void) => Uint8Array } {
  const server = new Y.Doc();
  initSessionDoc(server, { datasetId: 'datasetA1', analysisId: 'analysisA1', title: 'Iris' });
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
  return {
    server,
    edit(change) {
      const before = Y.encodeStateVector(editor);
      change(editor);
      return Y.encodeStateAsUpdate(editor, before);
    },
  };
}

describe('writesServerOwnedMeta', () => {
  it("finds an editor's write of the analysis, the dataset or the cluster numbering, replaced or deleted", () => {
    const writes: ((doc: Y.Doc) => void)[] = [
      (doc) => doc.getMap('meta').set('analysisId', 'analysisB1'),
      (doc) => rebindAnalysis(doc, 'analysisB1', null, new Map([[0, 1]])),
      (doc) => doc.getMap('meta').set('datasetId', 'datasetB1'),
      (doc) => doc.getMap('meta').delete('analysisId'),
      (doc) => doc.getMap('meta').set('clusterIds', { analysisId: 'analysisB1', shown: [] }),
      // The analysis everyone follows while it runs: also the server's to say.
      (doc) => writePendingAnalysis(doc, { analysisId: 'analysisB1', state: 'running', since: 1 }),
    ];
    for (const write of writes) {
      const { server, edit } = pair();
      expect(writesServerOwnedMeta(server, edit(write)), write.toString()).toBe(true);
    }
  });

  it("finds an editor's removal of the pending analysis the server wrote", () => {
    const { server } = pair();
    writePendingAnalysis(server, { analysisId: 'analysisB1', state: 'failed', since: 1, message: 'out of memory' });
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(editor);
    writePendingAnalysis(editor, null);
    expect(writesServerOwnedMeta(server, Y.encodeStateAsUpdate(editor, before))).toBe(true);
  });

  it('lets a re-send of what the server already has through (a client back from offline)', () => {
    const { server } = pair();
    expect(writesServerOwnedMeta(server, Y.encodeStateAsUpdate(server))).toBe(false);
  });

  it('lets every other edit through (title, view, filters, notes)', () => {
    const edits: ((doc: Y.Doc) => void)[] = [
      (doc) => setTitle(doc, 'Iris workshop'),
      (doc) => setEncoding(doc, 'color', { by: 'column', column: 'species' }),
      (doc) => setFilter(doc, { kind: 'range', column: 'petal_length', min: 1, max: null, enabled: true, author: 'A' }),
      (doc) => addAnnotation(doc, { rowIndex: 3, text: 'analysisId', author: 'A', color: '#ff8800' }),
    ];
    for (const change of edits) {
      const { server, edit } = pair();
      const update = edit(change);
      expect(writesServerOwnedMeta(server, update), change.toString()).toBe(false);
      Y.applyUpdate(server, update); // and it applies
    }
  });
});

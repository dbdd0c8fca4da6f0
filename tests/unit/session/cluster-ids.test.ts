import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBookmark,
  applyBookmark,
  DEFAULT_VIEW,
  readBookmarks,
  readFilters,
  setFilter,
  displayedClusterIds,
  initSessionDoc,
  lowestFreeIds,
  mapClusterIds,
  onSessionChange,
  readClusterIds,
  readMeta,
  rebindAnalysis,
  LIMITS,
  SessionDocError,
} from '../../../shared/session/index.ts';

const fresh = () => {
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'dataset01', analysisId: 'analysis01' });
  return doc;
};

describe('cluster ids in the session document', () => {
  it('a re-bind writes the mapping in the same transaction as the analysis id; without one, raw ids show', () => {
    const doc = fresh();
    expect(readClusterIds(doc)).toBeNull();
    expect(displayedClusterIds(readClusterIds(doc), 'analysis01', [0, 1, 1, -1])).toEqual(new Map([[0, 0], [1, 1]]));
    const seen: unknown[] = [];
    onSessionChange(doc, () => seen.push([readMeta(doc).analysisId, readClusterIds(doc)?.analysisId]));
    rebindAnalysis(doc, 'analysis02', 'server', new Map([[0, 2], [1, 0], [2, 5]]));
    expect(seen).toEqual([['analysis02', 'analysis02']]);
    const stored = readClusterIds(doc)!;
    expect([...stored.shown]).toEqual([[0, 2], [1, 0], [2, 5]]);
    expect([...mapClusterIds(Int32Array.from([0, 1, 2, -1]), stored.shown)]).toEqual([2, 0, 5, -1]);
    // A mapping is for its analysis only: another one shows raw ids.
    expect(displayedClusterIds(stored, 'analysis09', [0, 1])).toEqual(new Map([[0, 0], [1, 1]]));
    // A re-bind without a mapping removes the old one.
    rebindAnalysis(doc, 'analysis03');
    expect(readClusterIds(doc)).toBeNull();
  });

  it('writers refuse mappings readers would reject', () => {
    const doc = fresh();
    const bad = [new Map([[0, 1], [1, 1]]), new Map([[-1, 0]]), new Map([[0, 1.5]]), new Map([[0, LIMITS.clusterIds]])];
    for (const map of bad) expect(() => rebindAnalysis(doc, 'analysis02', null, map)).toThrow(SessionDocError);
    expect(readMeta(doc).analysisId).toBe('analysis01');
  });

  it('junk written by a hostile client reads as no mapping (raw ids), never as merged clusters', () => {
    const doc = fresh();
    const junk: unknown[] = [
      null,
      42,
      'x',
      [],
      { analysisId: 'analysis01' },
      { analysisId: 'analysis01', raw: [0, 1], shown: [3, 3] }, // two clusters as one
      { analysisId: 'analysis01', raw: [0, 0], shown: [1, 2] },
      { analysisId: 'analysis01', raw: [0], shown: [1, 2] },
      { analysisId: 'analysis01', raw: [0], shown: [1e9] }, // would build a billion legend levels
      { analysisId: 'analysis01', raw: ['0'], shown: [1] },
      { analysisId: 'a'.repeat(1000), raw: [0], shown: [1] },
      JSON.parse('{"__proto__": {"analysisId": "analysis01"}, "raw": [0], "shown": [1]}'),
    ];
    for (const value of junk) {
      doc.getMap('meta').set('clusterIds', value);
      expect(readClusterIds(doc)).toBeNull();
    }
    const ymap = new Y.Map<unknown>();
    doc.getMap('meta').set('clusterIds', ymap);
    ymap.set('analysisId', 'analysis01');
    ymap.set('raw', [0, 1]);
    ymap.set('shown', [1, 0]);
    // A Y.Map reads like the plain object it holds.
    expect([...readClusterIds(doc)!.shown]).toEqual([[0, 1], [1, 0]]);
  });

  it('a raw id the stored mapping lacks takes the lowest free number, so no two clusters share one', () => {
    const stored = { analysisId: 'analysis01', shown: new Map([[0, 1], [2, 0]]) };
    expect(displayedClusterIds(stored, 'analysis01', [0, 1, 2, 3, -1])).toEqual(new Map([[0, 1], [1, 2], [2, 0], [3, 3]]));
    expect(lowestFreeIds(3, new Set([0, 2, 3]))).toEqual([1, 4, 5]);
  });
});

describe('bookmarks and cluster numbers', () => {
  const camera = { position: [0, 0, 3] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
  const save = (doc: Y.Doc, analysisId: string, values: number[]) =>
    addBookmark(doc, { title: 'b', camera, view: DEFAULT_VIEW, filters: [{ id: 'f1', kind: 'cluster', values, enabled: true, author: 'a', createdAt: 1 }], author: 'a', analysisId });
  const clusterValues = (doc: Y.Doc) => readFilters(doc).flatMap((f) => (f.kind === 'cluster' ? f.values : []));

  it('a cluster filter saved on an analysis names the same clusters when the session comes back to it under other numbers', () => {
    const doc = fresh();
    // Saved while analysis01 showed raw ids: clusters 0 and 2 shown, plus noise.
    const first = save(doc, 'analysis01', [-1, 0, 2]);
    expect(readBookmarks(doc)[0].clusterIds).toBeUndefined();
    rebindAnalysis(doc, 'analysis02', null, new Map([[0, 0], [1, 1]]));
    // Back on analysis01, numbered against analysis02's: raw 0 → 1, raw 1 → 0, raw 2 → 3.
    rebindAnalysis(doc, 'analysis01', null, new Map([[0, 1], [1, 0], [2, 3]]));
    applyBookmark(doc, first, null, 'analysis01');
    expect(clusterValues(doc)).toEqual([-1, 1, 3]);

    // Saved under that numbering (shown 1 = raw 0), applied under yet another one.
    setFilter(doc, { kind: 'cluster', values: [1], enabled: true, author: 'a' });
    const second = save(doc, 'analysis01', [1]);
    expect(readBookmarks(doc).find((b) => b.id === second)!.clusterIds).toEqual({ raw: [0, 1, 2], shown: [1, 0, 3] });
    rebindAnalysis(doc, 'analysis01', null, new Map([[0, 4], [1, 0]]));
    applyBookmark(doc, second, null, 'analysis01');
    expect(clusterValues(doc)).toEqual([4]);
    // A cluster with no number now (raw 2 lost its mapping) is left out rather than misnamed.
    applyBookmark(doc, first, null, 'analysis01');
    expect(clusterValues(doc)).toEqual([-1, 4]);
  });

  it('junk in a bookmark\'s recorded numbers reads as none', () => {
    const doc = fresh();
    const id = save(doc, 'analysis01', [0]);
    const entry = doc.getArray('bookmarks').get(0) as Y.Map<unknown>;
    for (const junk of [5, 'x', { raw: [0, 1], shown: [2, 2] }, { raw: [0], shown: [-3] }]) {
      entry.set('clusterIds', junk);
      expect(readBookmarks(doc).find((b) => b.id === id)!.clusterIds).toBeUndefined();
    }
  });
});

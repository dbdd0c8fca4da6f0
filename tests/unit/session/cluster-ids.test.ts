import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
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

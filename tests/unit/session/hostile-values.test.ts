import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initSessionDoc,
  readMeta,
  readView,
  readFilters,
  readSelection,
  readAnnotations,
  readBookmarks,
  readPresenter,
  sanitizeAwarenessState,
  rebindAnalysis,
  DEFAULT_VIEW,
  LIMITS,
} from '../../../shared/session/index.ts';

/** What a hostile client can write: anything, at any key, with raw Yjs calls. */
const GARBAGE: unknown[] = [null, 42, -1, 1.5, 'x', '', true, [], [1, 'a'], {}, { by: 'column' }, { kind: 'range' },
  new Uint8Array([1, 2]), JSON.parse('{"__proto__": {"by": "cluster"}, "kind": "cluster"}'), 'a'.repeat(100_000), [Number.MAX_VALUE, -0]];

describe('readers against garbage written by a hostile client', () => {
  it('reads every part as a default or skips the entry, never throws', () => {
    const doc = new Y.Doc();
    initSessionDoc(doc, { datasetId: 'dataset01', title: 'T' });
    const good = { kind: 'cluster', values: [1], enabled: true, author: 'Ada', createdAt: 1 };
    let n = 0;
    for (const g of GARBAGE) {
      doc.transact(() => {
        for (const key of ['position', 'color', 'size', 'opacity', 'pointScale', 'filterMode']) doc.getMap('view').set(key, g);
        for (const key of ['datasetId', 'analysisId', 'title', 'createdAt', 'schemaVersion']) doc.getMap('meta').set(key, g);
        doc.getMap('filters').set(`bad${n}`, g);
        const nested = new Y.Map<unknown>();
        nested.set('kind', g);
        doc.getMap('filters').set(`nested${n}`, nested);
        for (const key of ['clusters', 'points', 'author', 'updatedAt']) doc.getMap('selection').set(key, g);
        doc.getArray('annotations').push([g]);
        doc.getArray('bookmarks').push([g]);
        for (const key of ['clientId', 'name', 'pose', 'updatedAt']) doc.getMap('presenter').set(key, g);
        n++;
      });
      const view = readView(doc);
      // Some garbage (42, 1.5) is a legal point scale; everything else must be the default.
      expect({ ...view, pointScale: 1 }).toEqual(DEFAULT_VIEW);
      expect(view.pointScale > 0 && view.pointScale <= LIMITS.pointScaleMax).toBe(true);
      expect(typeof readMeta(doc).title).toBe('string');
      expect(readFilters(doc)).toEqual([]);
      expect(readSelection(doc).points).toEqual([]);
      expect(readAnnotations(doc)).toEqual([]);
      expect(readBookmarks(doc)).toEqual([]);
      expect(readPresenter(doc).pose).toBeNull();
    }
    // A valid entry among the garbage still reads, and writers still work on top of garbage.
    doc.getMap('filters').set('good0001', good);
    expect(readFilters(doc)).toEqual([{ ...good, id: 'good0001' }]);
    rebindAnalysis(doc, 'analysis02');
    expect(readMeta(doc).analysisId).toBe('analysis02');
  });

  it('drops only the bad field of a view and keeps the good ones', () => {
    const doc = new Y.Doc();
    doc.getMap('view').set('color', { by: 'anomaly', palette: 'viridis' });
    doc.getMap('view').set('size', { by: 'constant', value: -4 });
    doc.getMap('view').set('pointScale', Infinity);
    expect(readView(doc)).toEqual({ ...DEFAULT_VIEW, color: { by: 'anomaly', palette: 'viridis' } });
  });

  it('sanitizes awareness states field by field and bounds their size', () => {
    const state = sanitizeAwarenessState({
      name: '  Ada ',
      color: 'not-a-colour',
      role: 'editor',
      device: 'vr',
      head: { position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] },
      hands: [{ position: [0.2, 1, -0.3], quaternion: [0, 0, 0, 1] }, { position: [0, 0, 0], quaternion: [0, 0, 'x', 1] }],
      rays: [{ origin: [0, 1, 0], direction: [0, 0, -1] }],
      hovered: 17,
      camera: 'x',
      extra: 'dropped',
    });
    expect(state).toEqual({
      name: 'Ada',
      color: '#888888',
      role: 'editor',
      device: 'vr',
      head: { position: [0, 1.6, 0], quaternion: [0, 0, 0, 1] },
      // One malformed hand drops the list (field by field, not entry by entry).
      hands: [],
      rays: [{ origin: [0, 1, 0], direction: [0, 0, -1] }],
      hovered: 17,
      camera: null,
    });
    expect(sanitizeAwarenessState({})).toMatchObject({ name: 'Anonymous', role: 'viewer', rays: [] });
    expect(sanitizeAwarenessState({ rays: Array(LIMITS.awarenessRays + 1).fill({ origin: [0, 0, 0], direction: [0, 0, 1] }) })?.rays).toEqual([]);
    expect(sanitizeAwarenessState({ hands: Array(LIMITS.awarenessHands + 1).fill({ position: [0, 0, 0], quaternion: [0, 0, 0, 1] }) })?.hands).toEqual([]);
    expect(sanitizeAwarenessState({ hands: [{ position: [0.2, 1, -0.3], quaternion: [0, 0, 0, 1] }] })?.hands).toEqual([{ position: [0.2, 1, -0.3], quaternion: [0, 0, 0, 1] }]);
    expect(sanitizeAwarenessState({ name: 'x'.repeat(LIMITS.awarenessBytes) })).toBeNull();
    for (const g of [null, 1, 'x', [1]]) expect(sanitizeAwarenessState(g)).toBeNull();
  });
});

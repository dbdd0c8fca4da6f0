import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initSessionDoc,
  readMeta,
  readView,
  setEncoding,
  setPositionSource,
  setPointScale,
  setFilterMode,
  setFilter,
  updateFilter,
  setFilterEnabled,
  removeFilter,
  readFilters,
  setSelection,
  readSelection,
  rangesFromIndices,
  addAnnotation,
  readAnnotations,
  updateAnnotationText,
  removeAnnotation,
  addBookmark,
  readBookmarks,
  moveBookmark,
  renameBookmark,
  applyBookmark,
  removeBookmark,
  setPresenter,
  setPresenterPose,
  readPresenter,
  rebindAnalysis,
  setTitle,
  onSessionChange,
  DEFAULT_VIEW,
  SessionDocError,
  type SessionPart,
} from '../../../shared/session/index.ts';

function newSession(): Y.Doc {
  const doc = new Y.Doc();
  initSessionDoc(doc, { datasetId: 'penguins01', analysisId: 'analysis01', title: 'Penguins', createdAt: 1000 });
  return doc;
}

/** Two replicas that exchange every update, like clients behind a server. */
function linkedPair(): [Y.Doc, Y.Doc] {
  const a = newSession();
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'));
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'));
  return [a, b];
}

describe('session document accessors', () => {
  it('initialises meta and the default view', () => {
    const doc = newSession();
    expect(readMeta(doc)).toEqual({ schemaVersion: 1, datasetId: 'penguins01', analysisId: 'analysis01', title: 'Penguins', createdAt: 1000 });
    expect(readView(doc)).toEqual(DEFAULT_VIEW);
    expect(readView(new Y.Doc())).toEqual(DEFAULT_VIEW);
    setTitle(doc, 'Renamed');
    expect(readMeta(doc).title).toBe('Renamed');
  });

  it('writes view encodings and rejects invalid ones', () => {
    const doc = newSession();
    setEncoding(doc, 'color', { by: 'column', column: 'species', palette: 'tableau10' });
    setEncoding(doc, 'size', { by: 'anomaly', scale: 'sqrt' });
    setEncoding(doc, 'opacity', { by: 'constant', value: 0.5 });
    setPositionSource(doc, { by: 'columns', x: 'bill_length_mm', y: 'bill_depth_mm', z: 'body_mass_g' });
    setPointScale(doc, 2.5);
    setFilterMode(doc, 'hide');
    expect(readView(doc)).toEqual({
      position: { by: 'columns', x: 'bill_length_mm', y: 'bill_depth_mm', z: 'body_mass_g' },
      color: { by: 'column', column: 'species', palette: 'tableau10' },
      size: { by: 'anomaly', scale: 'sqrt' },
      opacity: { by: 'constant', value: 0.5 },
      pointScale: 2.5,
      filterMode: 'hide',
    });
    expect(() => setEncoding(doc, 'color', { by: 'column' })).toThrow(SessionDocError);
    expect(() => setEncoding(doc, 'opacity', { by: 'constant', value: 3 })).toThrow(SessionDocError);
    expect(() => setEncoding(doc, 'color', { by: 'constant', value: 'red; background:url(x)' })).toThrow(SessionDocError);
    expect(() => setPointScale(doc, Number.NaN)).toThrow(SessionDocError);
  });

  it('merges concurrent edits of different fields of one filter', () => {
    const [a, b] = linkedPair();
    const id = setFilter(a, { kind: 'range', column: 'body_mass_g', min: 3000, max: 5000, enabled: true, author: 'Ada' });
    expect(readFilters(b)).toHaveLength(1);
    // Concurrent: disconnect by applying to fresh copies, then exchange.
    const a2 = new Y.Doc();
    const b2 = new Y.Doc();
    Y.applyUpdate(a2, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(b2, Y.encodeStateAsUpdate(b));
    updateFilter(a2, id, { min: 3500 });
    setFilterEnabled(b2, id, false);
    Y.applyUpdate(a2, Y.encodeStateAsUpdate(b2));
    Y.applyUpdate(b2, Y.encodeStateAsUpdate(a2));
    for (const doc of [a2, b2]) {
      expect(readFilters(doc)).toEqual([
        { id, kind: 'range', column: 'body_mass_g', min: 3500, max: 5000, enabled: false, author: 'Ada', createdAt: expect.any(Number) },
      ]);
    }
    expect(() => updateFilter(a, id, { min: 6000 })).toThrow(/min must not exceed max/);
    // Changing a filter's kind drops the old kind's fields.
    setFilter(a, { id, kind: 'set', column: 'species', values: ['Adelie', null], enabled: true, author: 'Ada' });
    expect(readFilters(b)[0]).toEqual({ id, kind: 'set', column: 'species', values: ['Adelie', null], enabled: true, author: 'Ada', createdAt: expect.any(Number) });
    removeFilter(b, id);
    expect(readFilters(a)).toEqual([]);
  });

  it('stores selections as ranges and rebinding drops cluster state only', () => {
    const [a, b] = linkedPair();
    setSelection(a, { clusters: [2, 0, 2], points: rangesFromIndices([1, 2, 3, 10]), author: 'Ada' });
    expect(readSelection(b)).toMatchObject({ clusters: [0, 2], points: [1, 4, 10, 11], author: 'Ada' });
    expect(() => setSelection(a, { points: [3, 1], author: 'Ada' })).toThrow(SessionDocError);
    setFilter(a, { kind: 'cluster', values: [1], enabled: true, author: 'Ada' });
    setFilter(a, { kind: 'anomaly', min: 0.8, max: null, enabled: true, author: 'Ada' });
    rebindAnalysis(b, 'analysis02');
    expect(readMeta(a).analysisId).toBe('analysis02');
    expect(readSelection(a)).toMatchObject({ clusters: [], points: [1, 4, 10, 11] });
    expect(readFilters(a).map((f) => f.kind)).toEqual(['anomaly']);
  });

  it('adds, edits and removes annotations', () => {
    const [a, b] = linkedPair();
    const id1 = addAnnotation(a, { rowIndex: 42, text: 'odd one', author: 'Ada', color: '#ff0000' });
    const id2 = addAnnotation(b, { position: [1, 2, 3], text: 'gap here', author: 'Bo', color: '#00ff00' });
    expect(() => addAnnotation(a, { text: 'nowhere', author: 'Ada', color: '#ff0000' })).toThrow(SessionDocError);
    expect(() => addAnnotation(a, { rowIndex: 1, position: [0, 0, 0], text: 'both', author: 'Ada', color: '#ff0000' })).toThrow(SessionDocError);
    updateAnnotationText(b, id1, 'odd one out');
    expect(readAnnotations(a).map((n) => [n.id, n.text, n.rowIndex, n.position])).toEqual([
      [id1, 'odd one out', 42, null],
      [id2, 'gap here', null, [1, 2, 3]],
    ]);
    removeAnnotation(a, id1);
    expect(readAnnotations(b).map((n) => n.id)).toEqual([id2]);
  });

  it('keeps a bookmark tour in order and applies a bookmark', () => {
    const [a, b] = linkedPair();
    const camera = { position: [0, 0, 5] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
    const view = { ...DEFAULT_VIEW, color: { by: 'anomaly' as const } };
    const filters = [{ id: 'filter0001', kind: 'anomaly' as const, min: 0.9, max: null, enabled: true, author: 'Ada', createdAt: 5 }];
    const first = addBookmark(a, { title: 'Overview', camera, view: DEFAULT_VIEW, filters: [], author: 'Ada' });
    const second = addBookmark(a, { title: 'Outliers', camera, view, filters, author: 'Ada' });
    moveBookmark(b, second, 0);
    renameBookmark(b, first, 'Start');
    expect(readBookmarks(a).map((m) => m.title)).toEqual(['Outliers', 'Start']);
    expect(applyBookmark(b, second)).toEqual(camera);
    expect(readView(a).color).toEqual({ by: 'anomaly' });
    expect(readFilters(a)).toEqual(filters);
    removeBookmark(a, first);
    expect(readBookmarks(b).map((m) => m.id)).toEqual([second]);
  });

  it('tracks the presenter and its pose', () => {
    const [a, b] = linkedPair();
    setPresenter(a, { clientId: 123, name: 'Ada' });
    setPresenterPose(a, { position: [1, 1, 1], target: [0, 0, 0] });
    expect(readPresenter(b)).toMatchObject({ clientId: 123, name: 'Ada', pose: { position: [1, 1, 1], target: [0, 0, 0] } });
    setPresenter(b, null);
    expect(readPresenter(a)).toMatchObject({ clientId: null, pose: null });
  });

  it('reports which parts a transaction changed', () => {
    const doc = newSession();
    const seen: Array<[string[], unknown]> = [];
    const off = onSessionChange(doc, (parts: ReadonlySet<SessionPart>, origin) => seen.push([[...parts].sort(), origin]));
    setEncoding(doc, 'size', { by: 'anomaly' }, 'me');
    const id = setFilter(doc, { kind: 'cluster', values: [1], enabled: true, author: 'Ada' }, 'me');
    setFilterEnabled(doc, id, false, 'me'); // a nested Y.Map change reports its root
    off();
    setPointScale(doc, 3);
    expect(seen).toEqual([[['view'], 'me'], [['filters'], 'me'], [['filters'], 'me']]);
  });
});

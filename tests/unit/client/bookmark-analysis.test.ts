import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, addBookmark, applyBookmark, readBookmarks, readFilters, staleClusterFilters } from '../../../shared/session/index.ts';
import type { Filter } from '../../../shared/session/types.ts';

const camera = { position: [0, 0, 5] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
const clusterFilter: Filter = { id: 'filter0001', kind: 'cluster', values: [0, 2], enabled: true, author: 'Ada', createdAt: 5 };
const rangeFilter: Filter = { id: 'filter0002', kind: 'range', column: 'bill_length_mm', min: 40, max: null, enabled: true, author: 'Ada', createdAt: 6 };

function saved(analysisId?: string): { doc: Y.Doc; id: string } {
  const doc = new Y.Doc();
  const id = addBookmark(doc, { title: 'Adelie', camera, view: DEFAULT_VIEW, filters: [clusterFilter, rangeFilter], author: 'Ada', ...(analysisId ? { analysisId } : {}) });
  return { doc, id };
}

describe('bookmarks across re-analyses', () => {
  it('records the analysis a view was saved on', () => {
    const { doc } = saved('first');
    expect(readBookmarks(doc)[0]!.analysisId).toBe('first');
  });

  it('applies every filter on the analysis it was saved on', () => {
    const { doc, id } = saved('first');
    expect(applyBookmark(doc, id, null, 'first')).toEqual(camera);
    expect(readFilters(doc)).toEqual([clusterFilter, rangeFilter]);
  });

  it('leaves the cluster filter out on another analysis and keeps the rest', () => {
    const { doc, id } = saved('first');
    const bookmark = readBookmarks(doc)[0]!;
    expect(staleClusterFilters(bookmark, 'second')).toEqual([clusterFilter]);
    applyBookmark(doc, id, null, 'second');
    expect(readFilters(doc)).toEqual([rangeFilter]);
    // The bookmark itself is untouched: back on its own analysis it is whole again.
    expect(readBookmarks(doc)[0]!.filters).toEqual([clusterFilter, rangeFilter]);
  });

  it('reads and applies bookmarks written before the analysis was recorded as they always were', () => {
    const { doc, id } = saved();
    const bookmark = readBookmarks(doc)[0]!;
    expect('analysisId' in bookmark).toBe(false);
    expect(staleClusterFilters(bookmark, 'second')).toEqual([]);
    applyBookmark(doc, id, null, 'second');
    expect(readFilters(doc)).toEqual([clusterFilter, rangeFilter]);
  });

  it('drops a damaged analysis id instead of the bookmark', () => {
    const doc = new Y.Doc();
    const id = addBookmark(doc, { title: 'x', camera, view: DEFAULT_VIEW, filters: [], author: 'Ada' });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    (other.getArray('bookmarks').get(0) as Y.Map<unknown>).set('analysisId', 42);
    expect(readBookmarks(other).map((b) => [b.id, b.analysisId])).toEqual([[id, undefined]]);
  });
});

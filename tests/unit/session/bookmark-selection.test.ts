import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, LIMITS, addBookmark, moveBookmark, readBookmarks } from '../../../shared/session/index.ts';
import { SessionDocError } from '../../../shared/session/errors.ts';

const camera = { position: [0, 0, 5] as [number, number, number], target: [0, 0, 0] as [number, number, number] };
const base = { title: 'Gentoo', camera, view: DEFAULT_VIEW, filters: [], author: 'Ada' };

describe('a bookmark keeps the selection it was saved with', () => {
  it('stores the rows as canonical ranges and reads them back, also after a move', () => {
    const doc = new Y.Doc();
    const id = addBookmark(doc, { ...base, selection: [3, 5, 10, 11] });
    addBookmark(doc, { ...base, title: 'other' });
    expect(readBookmarks(doc)[0]!.selection).toEqual([3, 5, 10, 11]);
    moveBookmark(doc, id, 1);
    expect(readBookmarks(doc).map((b) => b.selection)).toEqual([undefined, [3, 5, 10, 11]]);
  });

  it('reads bookmarks saved without a selection (old ones, or nothing selected) without the field', () => {
    const doc = new Y.Doc();
    addBookmark(doc, base);
    addBookmark(doc, { ...base, selection: [] });
    expect(readBookmarks(doc).map((b) => 'selection' in b)).toEqual([false, false]);
  });

  it('refuses ranges that are not canonical or past the size limit, with a sentence', () => {
    const doc = new Y.Doc();
    expect(() => addBookmark(doc, { ...base, selection: [5, 3] })).toThrow(SessionDocError);
    expect(() => addBookmark(doc, { ...base, selection: [0, 2, 1, 4] })).toThrow(/canonical row ranges/);
    const tooMany = Array.from({ length: LIMITS.rangeNumbers + 2 }, (_, i) => i * 2);
    expect(() => addBookmark(doc, { ...base, selection: tooMany })).toThrow(SessionDocError);
    expect(readBookmarks(doc)).toEqual([]);
  });

  it('reads a damaged selection written by another client as absent and keeps the bookmark', () => {
    const doc = new Y.Doc();
    const id = addBookmark(doc, { ...base, selection: [1, 2] });
    (doc.getArray('bookmarks').get(0) as Y.Map<unknown>).set('selection', ['x', 4]);
    expect(readBookmarks(doc).map((b) => [b.id, b.selection])).toEqual([[id, undefined]]);
  });
});

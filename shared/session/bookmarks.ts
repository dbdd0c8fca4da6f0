import * as Y from 'yjs';
import { newEntryId } from './entry-id.ts';
import { SessionDocError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { bookmarksArray, plain, mapFrom, assignFields } from './roots.ts';
import { cameraSchema, filterSchema, idSchema, nameSchema, timeSchema } from './schema.ts';
import { isCanonicalRanges } from './ranges.ts';
import { parseView, writeView } from './view.ts';
import { replaceFilters } from './filters.ts';
import { clusterIdsValue, parseClusterIds, readClusterIds } from './cluster-ids.ts';
import type { Bookmark, Camera, Filter, RowRanges, ViewState } from './types.ts';

/**
 * Bookmarks are saved views (camera + view + filters, and the selection's rows) in tour order. Each is a Y.Map so a
 * rename merges with a concurrent reorder; a reorder is delete + insert of a copy (Yjs cannot
 * move a shared type), so readers drop later duplicates of an id.
 */
export interface BookmarkInput {
  title: string;
  camera: Camera;
  view: ViewState;
  filters: Filter[];
  author: string;
  /** The analysis the view was saved on: its cluster ids mean nothing on another one. */
  analysisId?: string;
  /**
   * The rows selected when it was saved, as canonical row ranges (dataset rows, as the
   * selection stores its points; selected clusters resolved to their rows, since cluster ids
   * mean nothing on another analysis). Left out when nothing was selected.
   */
  selection?: RowRanges;
  id?: string;
  createdAt?: number;
}

function parseBookmark(value: unknown): Bookmark | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const id = idSchema.safeParse(v.id);
  const camera = cameraSchema.safeParse(v.camera);
  const title = typeof v.title === 'string' && v.title.length <= LIMITS.titleLength ? v.title : null;
  if (!id.success || !camera.success || title === null || typeof v.view !== 'object' || v.view === null) return null;
  const filters = Array.isArray(v.filters)
    ? v.filters.flatMap((f) => {
        const parsed = filterSchema.safeParse(f);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  const analysisId = idSchema.safeParse(v.analysisId);
  // Canonical and within LIMITS.rangeNumbers, else read as absent (the bookmark itself stays).
  const selection = isCanonicalRanges(plain(v.selection)) ? (plain(v.selection) as RowRanges) : [];
  const clusterIds = analysisId.success ? parseClusterIds({ ...(plain(v.clusterIds) as object), analysisId: analysisId.data }) : null;
  return {
    id: id.data,
    title,
    camera: camera.data,
    view: parseView(v.view),
    filters,
    author: nameSchema.safeParse(v.author).data ?? '',
    createdAt: timeSchema.safeParse(v.createdAt).data ?? 0,
    // Only when recorded, so old bookmarks read exactly as before.
    ...(analysisId.success ? { analysisId: analysisId.data } : {}),
    ...(selection.length > 0 ? { selection } : {}),
    ...(clusterIds ? { clusterIds: { raw: [...clusterIds.shown.keys()], shown: [...clusterIds.shown.values()] } } : {}),
  };
}

export function readBookmarks(doc: Y.Doc): Bookmark[] {
  const out: Bookmark[] = [];
  const seen = new Set<string>();
  for (const entry of bookmarksArray(doc)) {
    const bookmark = parseBookmark(plain(entry));
    if (bookmark && !seen.has(bookmark.id)) {
      seen.add(bookmark.id);
      out.push(bookmark);
    }
  }
  return out;
}

function validInput(input: BookmarkInput): Bookmark {
  const bookmark = parseBookmark({ ...input, id: input.id ?? newEntryId(), createdAt: input.createdAt ?? Date.now() });
  if (!bookmark || bookmark.filters.length !== input.filters.length || bookmark.author !== input.author || bookmark.analysisId !== input.analysisId || (bookmark.selection?.length ?? 0) !== (input.selection?.length ?? 0)) {
    throw new SessionDocError('invalid_bookmark', 'invalid bookmark (title, camera, view, filters, author, analysis id or selection: canonical row ranges within the size limit)');
  }
  return bookmark;
}

/**
 * Appends a bookmark to the tour (or inserts it at `index`). Returns its id. Saved on the
 * analysis the session shows, it records the numbers that analysis's clusters have now.
 */
export function addBookmark(doc: Y.Doc, input: BookmarkInput, origin: unknown = null, index?: number): string {
  const valid = validInput(input);
  const numbering = readClusterIds(doc);
  const { raw, shown } = numbering && valid.analysisId === numbering.analysisId ? clusterIdsValue(numbering.analysisId, numbering.shown) : { raw: null, shown: null };
  const bookmark: Bookmark = raw && shown ? { ...valid, clusterIds: { raw, shown } } : valid;
  doc.transact(() => {
    const array = bookmarksArray(doc);
    const at = index === undefined ? array.length : Math.max(0, Math.min(index, array.length));
    array.insert(at, [mapFrom({ ...bookmark })]);
  }, origin);
  return bookmark.id;
}

function indexOf(array: Y.Array<unknown>, id: string): number {
  for (let i = 0; i < array.length; i++) {
    const entry = plain(array.get(i)) as { id?: unknown } | null;
    if (typeof entry === 'object' && entry !== null && entry.id === id) return i;
  }
  return -1;
}

export function renameBookmark(doc: Y.Doc, id: string, title: string, origin: unknown = null): void {
  if (typeof title !== 'string' || title.length > LIMITS.titleLength) {
    throw new SessionDocError('invalid_bookmark', `a title is at most ${LIMITS.titleLength} characters`);
  }
  doc.transact(() => {
    const array = bookmarksArray(doc);
    const entry = array.get(indexOf(array, id));
    if (entry instanceof Y.Map) assignFields(entry, { title });
  }, origin);
}

/** Moves a bookmark to position `toIndex` of the tour (index counted after removal). */
export function moveBookmark(doc: Y.Doc, id: string, toIndex: number, origin: unknown = null): void {
  const bookmark = readBookmarks(doc).find((b) => b.id === id);
  if (!bookmark) throw new SessionDocError('unknown_bookmark', `no bookmark ${id}`);
  doc.transact(() => {
    const array = bookmarksArray(doc);
    array.delete(indexOf(array, id), 1);
    array.insert(Math.max(0, Math.min(toIndex, array.length)), [mapFrom({ ...bookmark })]);
  }, origin);
}

export function removeBookmark(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => {
    const array = bookmarksArray(doc);
    for (let i = array.length - 1; i >= 0; i--) {
      const entry = plain(array.get(i)) as { id?: unknown } | null;
      if (typeof entry === 'object' && entry !== null && entry.id === id) array.delete(i, 1);
    }
  }, origin);
}

/**
 * The bookmark's filters that cannot be applied on `analysisId`: its cluster filters, when it
 * was saved on another analysis (cluster ids are numbered afresh by each clustering). A bookmark
 * that does not say where it was saved (written before this was recorded) keeps them all.
 */
export function staleClusterFilters(bookmark: Bookmark, analysisId: string | null | undefined): Filter[] {
  if (!analysisId || !bookmark.analysisId || bookmark.analysisId === analysisId) return [];
  return bookmark.filters.filter((f) => f.kind === 'cluster');
}

/**
 * Makes a bookmark's view and filters the shared ones, in one transaction. The camera is
 * returned for the caller to fly to (cameras are per participant, or the presenter's pose).
 * Given the session's current `analysisId`, cluster filters saved on another analysis are left
 * out (see staleClusterFilters; the caller says so).
 */
export function applyBookmark(doc: Y.Doc, id: string, origin: unknown = null, analysisId?: string | null): Camera {
  const bookmark = readBookmarks(doc).find((b) => b.id === id);
  if (!bookmark) throw new SessionDocError('unknown_bookmark', `no bookmark ${id}`);
  const filters = bookmarkFilters(doc, bookmark, analysisId);
  doc.transact(() => {
    writeView(doc, bookmark.view, origin);
    replaceFilters(doc, filters, origin);
  }, origin);
  return bookmark.camera;
}

/**
 * The filters applying `bookmark` now gives, on the session's current `analysisId`: its cluster
 * filters saved on another analysis left out, the rest renumbered to the clusters' numbers now
 * (applyBookmark writes these; the findings report draws the bookmark's picture with them).
 */
export function bookmarkFilters(doc: Y.Doc, bookmark: Bookmark, analysisId?: string | null): Filter[] {
  const stale = new Set(staleClusterFilters(bookmark, analysisId));
  return bookmark.filters.filter((f) => !stale.has(f)).map((f) => (f.kind === 'cluster' ? renumbered(f, bookmark, doc) : f));
}

/**
 * A cluster filter saved on this analysis, in the numbers its clusters have now: saved number →
 * raw id (through the numbering the bookmark recorded; none recorded = raw ids) → number now
 * (through the document's; none = raw ids). A cluster without a number now is left out; noise
 * stays -1. Bookmarks that do not say where they were saved keep their numbers as they are.
 */
function renumbered(filter: Extract<Filter, { kind: 'cluster' }>, bookmark: Bookmark, doc: Y.Doc): Filter {
  if (!bookmark.analysisId) return filter;
  const rawOf = new Map<number, number>();
  if (bookmark.clusterIds) bookmark.clusterIds.shown.forEach((shown, k) => rawOf.set(shown, bookmark.clusterIds!.raw[k]));
  const now = readClusterIds(doc);
  const nowOf = now && now.analysisId === bookmark.analysisId ? now.shown : null;
  const values = filter.values.flatMap((v) => {
    if (v < 0) return [v];
    const raw = bookmark.clusterIds ? rawOf.get(v) : v;
    if (raw === undefined) return [];
    const shown = nowOf ? nowOf.get(raw) : raw;
    return shown === undefined ? [] : [shown];
  });
  return { ...filter, values };
}

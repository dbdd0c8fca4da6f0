import type * as Y from 'yjs';
import { SessionDocError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { normalizeRanges, isCanonicalRanges } from './ranges.ts';
import { selectionMap, plain } from './roots.ts';
import { clusterIdSchema, nameSchema, timeSchema } from './schema.ts';
import type { Selection } from './types.ts';

export const EMPTY_SELECTION: Selection = { clusters: [], points: [], author: null, updatedAt: 0 };

export function readSelection(doc: Y.Doc): Selection {
  const map = selectionMap(doc);
  const clusters = plain(map.get('clusters'));
  return {
    clusters: readClusterIds(clusters),
    points: normalizeRanges(plain(map.get('points'))),
    author: nameSchema.safeParse(map.get('author')).data ?? null,
    updatedAt: timeSchema.safeParse(map.get('updatedAt')).data ?? 0,
  };
}

function readClusterIds(value: unknown): number[] {
  if (!Array.isArray(value) || value.length > LIMITS.clusterIds) return [];
  const ids = value.filter((v): v is number => clusterIdSchema.safeParse(v).success);
  return [...new Set(ids)].sort((a, b) => a - b);
}

export interface SelectionChange {
  clusters?: number[];
  /** Canonical row ranges (build them with rangesFromIndices / rangesUnion). */
  points?: number[];
  author: string;
}

/**
 * Replaces the selected clusters and/or points (fields left out keep their value). Ranges are
 * checked to be canonical so every reader agrees on what is selected.
 */
export function setSelection(doc: Y.Doc, change: SelectionChange, origin: unknown = null): void {
  if (change.clusters !== undefined) {
    const ok = Array.isArray(change.clusters) && change.clusters.length <= LIMITS.clusterIds &&
      change.clusters.every((c) => clusterIdSchema.safeParse(c).success);
    if (!ok) throw new SessionDocError('invalid_selection', 'selected clusters must be integer ids ≥ -1');
  }
  if (change.points !== undefined && !isCanonicalRanges(change.points)) {
    throw new SessionDocError('invalid_selection', 'selected points must be canonical row ranges (see rangesFromIndices)');
  }
  if (!nameSchema.safeParse(change.author).success) throw new SessionDocError('invalid_author', 'invalid author name');
  doc.transact(() => {
    const map = selectionMap(doc);
    if (change.clusters !== undefined) map.set('clusters', [...new Set(change.clusters)].sort((a, b) => a - b));
    if (change.points !== undefined) map.set('points', change.points);
    map.set('author', change.author);
    map.set('updatedAt', Date.now());
  }, origin);
}

export function clearSelection(doc: Y.Doc, author: string, origin: unknown = null): void {
  setSelection(doc, { clusters: [], points: [], author }, origin);
}

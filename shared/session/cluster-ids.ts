import type * as Y from 'yjs';
import { SessionDocError } from './errors.ts';
import { LIMITS } from './limits.ts';
import { metaMap, plain } from './roots.ts';
import { idSchema } from './schema.ts';

/**
 * The numbers (and so the colours) a session shows the clusters of its current analysis with:
 * raw cluster id of that analysis → displayed id. The server writes it when it re-binds the
 * session (matched against the clusters shown before), in the same transaction as the new
 * `meta.analysisId`, so everyone — later joiners and a restarted server too — shows the same
 * numbers. Stored in `meta` as `clusterIds: { analysisId, raw: number[], shown: number[] }`.
 * Absent (a session's first analysis) or for another analysis, raw ids are shown as they are.
 */
export interface ClusterIds {
  analysisId: string;
  shown: ReadonlyMap<number, number>;
}

const KEY = 'clusterIds';

/** Displayed ids are small: readers build per-id tables up to the largest one. */
const validId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < LIMITS.clusterIds;

/** A stored mapping read as `{ analysisId, shown }`, or null when anything about it is off. */
export function parseClusterIds(value: unknown): ClusterIds | null {
  if (typeof value !== 'object' || value === null) return null;
  const { analysisId, raw, shown } = value as { analysisId?: unknown; raw?: unknown; shown?: unknown };
  if (!idSchema.safeParse(analysisId).success || !Array.isArray(raw) || !Array.isArray(shown)) return null;
  if (raw.length !== shown.length || raw.length > LIMITS.clusterIds) return null;
  if (!raw.every(validId) || !shown.every(validId)) return null;
  // Two raw clusters shown as one (or one shown twice) would merge groups: read as absent.
  if (new Set(raw).size !== raw.length || new Set(shown).size !== shown.length) return null;
  return { analysisId: analysisId as string, shown: new Map(raw.map((r: number, k) => [r, shown[k] as number])) };
}

/** The stored mapping, or null when there is none or it is not valid (then raw ids show). */
export function readClusterIds(doc: Y.Doc): ClusterIds | null {
  return parseClusterIds(plain(metaMap(doc).get(KEY)));
}

/** The value rebindAnalysis stores; throws on a mapping readers would reject. */
export function clusterIdsValue(analysisId: string, shown: ReadonlyMap<number, number>): { analysisId: string; raw: number[]; shown: number[] } {
  const raw = [...shown.keys()].sort((a, b) => a - b);
  const value = { analysisId, raw, shown: raw.map((r) => shown.get(r)!) };
  if (!parseClusterIds(value)) throw new SessionDocError('invalid_cluster_ids', 'cluster ids are distinct integers from 0, one displayed id per raw id');
  return value;
}

export const CLUSTER_IDS_KEY = KEY;

/** The `count` lowest ids ≥ 0 not in `used`, ascending. */
export function lowestFreeIds(count: number, used: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let id = 0; out.length < count; id++) if (!used.has(id)) out.push(id);
  return out;
}

/**
 * The complete mapping for `analysisId`'s clusters (`rawIds`: per-point ids, repeats and noise
 * allowed): the stored one
 * when it is for this analysis, raw ids otherwise. A raw id the stored mapping lacks (a junk
 * write) takes the lowest free id, so two clusters never share a number.
 */
export function displayedClusterIds(stored: ClusterIds | null, analysisId: string, rawIds: ArrayLike<number>): Map<number, number> {
  const out = new Map<number, number>();
  const known = stored && stored.analysisId === analysisId ? stored.shown : null;
  const missing: number[] = [];
  const distinct = new Set<number>();
  for (let i = 0; i < rawIds.length; i++) if (rawIds[i] >= 0) distinct.add(rawIds[i]);
  for (const raw of [...distinct].sort((a, b) => a - b)) {
    const shown = known ? known.get(raw) : raw;
    if (shown === undefined) missing.push(raw);
    else out.set(raw, shown);
  }
  const free = lowestFreeIds(missing.length, new Set(known ? known.values() : out.values()));
  missing.forEach((raw, k) => out.set(raw, free[k]));
  return out;
}

/** Per-point displayed ids (noise and unknown ids stay as they are). */
export function mapClusterIds(cluster: ArrayLike<number>, shown: ReadonlyMap<number, number>): Int32Array {
  const out = new Int32Array(cluster.length);
  for (let i = 0; i < cluster.length; i++) out[i] = shown.get(cluster[i]) ?? cluster[i];
  return out;
}

/** How a cluster is named wherever it shows: C1, C2, … (displayed id + 1); -1 is noise. */
export function clusterName(id: number): string {
  return id < 0 ? 'Noise' : `C${id + 1}`;
}

/**
 * A cluster's label under its displayed number: the analysis labels a cluster without
 * distinctive traits by its raw number ("Cluster 3"), which is renumbered; other labels stay.
 */
export function displayedClusterLabel(label: string, raw: number, shown: number): string {
  return label === `Cluster ${raw + 1}` ? `Cluster ${shown + 1}` : label;
}

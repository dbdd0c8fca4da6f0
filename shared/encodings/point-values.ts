import { clusterName } from '../session/cluster-ids.ts';
import type { Encoding } from '../session/index.ts';
import type { PointContext } from './point-context.ts';

/** The legend title of colour by cluster: how legend readers tell clusters from a column's levels. */
export const CLUSTER_TITLE = 'Cluster';

/**
 * The per-point values an encoding reads, before any palette or scale: categories as codes with
 * their labels and counts, or numbers (NaN = missing). Colour, size, opacity and the legend all
 * start from here.
 */
export type PointValues =
  | {
      kind: 'categorical';
      /** Per point: index into `labels`, -1 = missing (or noise for clusters). */
      codes: Int32Array;
      labels: string[];
      /** Points per label. */
      counts: Uint32Array;
      /** Label keys for filters: cluster ids for clusters, dictionary values for columns. */
      keys: (string | number)[];
      missingLabel: string;
      missingCount: number;
    }
  | { kind: 'continuous'; values: Float64Array; temporal: boolean; title: string };

export type ValuesResult = { values: PointValues; title: string } | { pending: string } | null;

export function valuesFor(enc: Encoding, ctx: PointContext): ValuesResult {
  if (enc.by === 'cluster') return { values: clusterValues(ctx), title: CLUSTER_TITLE };
  if (enc.by === 'anomaly') return { values: { kind: 'continuous', values: Float64Array.from(ctx.anomaly), temporal: false, title: 'Anomaly score' }, title: 'Anomaly score' };
  if (enc.by !== 'column' || !enc.column) return null;
  const column = ctx.columns.get(enc.column);
  if (!column) return { pending: enc.column };
  const n = ctx.count;
  if (column.type === 'number' || column.type === 'datetime') {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = column.values[ctx.rowIndex[i]];
    return { values: { kind: 'continuous', values, temporal: column.type === 'datetime', title: enc.column }, title: enc.column };
  }
  if (column.type === 'text') {
    // Free text read as rows (never the case for server columns, which arrive as codes).
    const dict = new Map<string, number>();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = column.values[ctx.rowIndex[i]];
      if (v === null) codes[i] = -1;
      else {
        let c = dict.get(v);
        if (c === undefined) dict.set(v, (c = dict.size));
        codes[i] = c;
      }
    }
    return { values: categorical(codes, [...dict.keys()], [...dict.keys()], 'missing'), title: enc.column };
  }
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = column.codes[ctx.rowIndex[i]];
  return { values: categorical(codes, column.dictionary, column.dictionary, 'missing'), title: enc.column };
}

function categorical(codes: Int32Array, labels: string[], keys: (string | number)[], missingLabel: string): PointValues {
  const counts = new Uint32Array(labels.length);
  let missingCount = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c >= 0 && c < labels.length) counts[c]++;
    else missingCount++;
  }
  return { kind: 'categorical', codes, labels, counts, keys, missingLabel, missingCount };
}

/** Cluster ids are codes as they are (0 = largest); noise (-1) is the "missing" level. */
export function clusterValues(ctx: PointContext): PointValues {
  let maxId = -1;
  for (let i = 0; i < ctx.count; i++) if (ctx.cluster[i] > maxId) maxId = ctx.cluster[i];
  for (const id of ctx.clusterLabels.keys()) if (id > maxId) maxId = id;
  const labels: string[] = [];
  const keys: number[] = [];
  for (let id = 0; id <= maxId; id++) {
    const label = ctx.clusterLabels.get(id);
    labels.push(label ? `${clusterName(id)} · ${label}` : clusterName(id));
    keys.push(id);
  }
  return categorical(Int32Array.from(ctx.cluster), labels, keys, 'noise');
}

/** How clusters are named everywhere in the UI (and in the server's statistics CSV): 1-based, noise by name. */
export { clusterName };

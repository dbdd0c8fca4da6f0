import type { ColumnData } from '../../shared/table.ts';

/**
 * Descriptive statistics of a column among selected points versus the rest: what the selection
 * panel shows to say how a selection differs.
 */
export interface NumericStats {
  count: number;
  missing: number;
  mean: number;
  std: number;
  min: number;
  max: number;
}

export type ColumnComparison =
  | { column: string; kind: 'numeric'; selected: NumericStats; rest: NumericStats; /** Cohen's d of selected vs rest. */ effect: number; temporal: boolean }
  | { column: string; kind: 'categorical'; top: { value: string; selectedShare: number; restShare: number }[]; effect: number };

function numeric(acc: { n: number; sum: number; sq: number; min: number; max: number; missing: number }): NumericStats {
  const mean = acc.n > 0 ? acc.sum / acc.n : Number.NaN;
  const variance = acc.n > 1 ? (acc.sq - acc.n * mean * mean) / (acc.n - 1) : 0;
  return { count: acc.n, missing: acc.missing, mean, std: Math.sqrt(Math.max(0, variance)), min: acc.n ? acc.min : Number.NaN, max: acc.n ? acc.max : Number.NaN };
}

export function compareColumn(name: string, column: ColumnData, rowIndex: Uint32Array, selected: Uint8Array): ColumnComparison | null {
  const n = rowIndex.length;
  if (column.type === 'number' || column.type === 'datetime') {
    const acc = [0, 1].map(() => ({ n: 0, sum: 0, sq: 0, min: Infinity, max: -Infinity, missing: 0 }));
    for (let i = 0; i < n; i++) {
      const v = column.values[rowIndex[i]];
      const a = acc[selected[i] ? 0 : 1];
      if (Number.isNaN(v)) {
        a.missing++;
        continue;
      }
      a.n++;
      a.sum += v;
      a.sq += v * v;
      if (v < a.min) a.min = v;
      if (v > a.max) a.max = v;
    }
    const s = numeric(acc[0]);
    const r = numeric(acc[1]);
    const pooled = Math.sqrt(((s.count - 1) * s.std ** 2 + (r.count - 1) * r.std ** 2) / Math.max(1, s.count + r.count - 2));
    const effect = pooled > 0 && s.count > 0 && r.count > 0 ? (s.mean - r.mean) / pooled : 0;
    return { column: name, kind: 'numeric', selected: s, rest: r, effect, temporal: column.type === 'datetime' };
  }
  if (column.type === 'text') return null;
  const levels = column.dictionary.length;
  const inSel = new Float64Array(levels + 1);
  const inRest = new Float64Array(levels + 1);
  let selTotal = 0;
  let restTotal = 0;
  for (let i = 0; i < n; i++) {
    const c = column.codes[rowIndex[i]];
    const slot = c < 0 ? levels : c;
    if (selected[i]) {
      inSel[slot]++;
      selTotal++;
    } else {
      inRest[slot]++;
      restTotal++;
    }
  }
  const rows = Array.from({ length: levels + 1 }, (_, k) => ({
    value: k === levels ? 'missing' : column.dictionary[k],
    selectedShare: selTotal ? inSel[k] / selTotal : 0,
    restShare: restTotal ? inRest[k] / restTotal : 0,
  })).filter((r) => r.selectedShare > 0 || r.restShare > 0);
  rows.sort((a, b) => b.selectedShare - a.selectedShare || b.restShare - a.restShare);
  const effect = rows.reduce((m, r) => Math.max(m, Math.abs(r.selectedShare - r.restShare)), 0);
  return { column: name, kind: 'categorical', top: rows.slice(0, 4), effect };
}

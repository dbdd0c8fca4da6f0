import type { AnomalyDescription, AnomalyReason } from '../../../shared/analysis-result.ts';
import { isMissing, type Column } from '../../../shared/table.ts';
import type { Matrix } from '../matrix.ts';
import { columnWords, formatAmount, formatShare } from '../../../shared/column-units.ts';
import { nearestTypical } from './nearest-typical.ts';

const MAX_REASONS = 3;
/** A value this many SD from the typical rows' mean is unusual on its own. */
const Z_UNUSUAL = 1;
/** A category held by under this share of rows is rare. */
const RARE_SHARE = 0.05;

type Scored = AnomalyReason & { strength: number };

/**
 * Why the top-scoring points look anomalous, in the columns' own units: their values far from
 * the typical (non-flagged) rows (|z| ≥ 1, z against the typical rows' mean and SD) and their
 * rare categories (< 5% of rows). An anomaly can be unusual only in its combination of ordinary
 * values; it then still gets its most deviating values, so every listed anomaly has a reason.
 * Each also lists its nearest typical rows in feature space (what it would look like if normal).
 */
export function describeAnomalies(
  columns: Column[],
  rowIndex: Uint32Array,
  scores: Float32Array,
  flags: Uint8Array,
  features: Matrix,
  top = 20,
): AnomalyDescription[] {
  const order = topScores(scores, top);
  // With nothing flagged (or everything), every analysed point counts as typical.
  const anyTypical = flags.some((f) => f === 0);
  const typical = (p: number) => !anyTypical || flags[p] === 0;
  const numeric = columns.flatMap((column) => {
    const d = column.data;
    if (d.type !== 'number' && d.type !== 'datetime') return [];
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (let p = 0; p < rowIndex.length; p++) {
      const v = d.values[rowIndex[p]];
      if (!typical(p) || Number.isNaN(v)) continue;
      n++;
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    const std = Math.sqrt(Math.max(0, sq / n - mean * mean));
    return n > 0 && std > 0 ? [{ column, type: d.type, values: d.values, mean, std, ...columnWords(column.name) }] : [];
  });
  const categorical = columns.flatMap((column) => {
    const d = column.data;
    if (d.type !== 'category' && d.type !== 'boolean') return [];
    const counts = new Float64Array(d.dictionary.length);
    for (const r of rowIndex) if (d.codes[r] >= 0) counts[d.codes[r]]++;
    return [{ column, codes: d.codes, dictionary: d.dictionary, counts, ...columnWords(column.name) }];
  });

  return order.map((p) => {
    const row = rowIndex[p];
    const candidates: Scored[] = [];
    for (const s of numeric) {
      const v = s.values[row];
      if (Number.isNaN(v)) continue;
      const z = (v - s.mean) / s.std;
      const value = s.type === 'datetime' ? new Date(v).toISOString() : v;
      const text = `${s.label} ${formatAmount(v, s.unit, s.type)} vs ${formatAmount(s.mean, s.unit, s.type)} typically (z = ${z.toFixed(1)})`;
      candidates.push({ column: s.column.name, value, z, typicalMean: s.mean, text, strength: Math.abs(z) });
    }
    for (const s of categorical) {
      const code = s.codes[row];
      if (code < 0) continue;
      const share = s.counts[code] / rowIndex.length;
      const text = `${s.label} ${s.dictionary[code]}, held by ${formatShare(share)} of rows`;
      // A category under 5% is about as surprising as a value 2 SD out, rarer ones more.
      candidates.push({ column: s.column.name, value: s.dictionary[code], share, text, strength: share < RARE_SHARE ? 2 + (RARE_SHARE - share) * 40 : 0 });
    }
    if (candidates.length === 0) {
      // Every feature of the row was missing (filled in by the analysis): that is the story.
      for (const column of columns) {
        if (isMissing(column.data, row)) candidates.push({ column: column.name, value: 'missing', text: `${columnWords(column.name).label} missing (filled in)`, strength: 0 });
      }
    }
    candidates.sort((a, b) => b.strength - a.strength);
    const unusual = candidates.filter((c) => (c.z !== undefined ? Math.abs(c.z) >= Z_UNUSUAL : c.share! < RARE_SHARE));
    // Unusual only as a combination: its most deviating values are still what sets it apart.
    const reasons = (unusual.length > 0 ? unusual : candidates.slice(0, 2)).slice(0, MAX_REASONS);
    return {
      point: p,
      rowIndex: row,
      score: scores[p],
      reasons: reasons.map(({ strength: _s, ...r }) => r),
      typical: nearestTypical(features, p, flags, anyTypical).map((t) => ({ rowIndex: rowIndex[t.point], distance: t.distance })),
    };
  });
}

/** The `top` highest-scoring points, highest first (ties: lower index first): a selection, not a sort of every point. */
function topScores(scores: Float32Array, top: number): number[] {
  const best: number[] = [];
  const before = (p: number, q: number) => scores[p] > scores[q] || (scores[p] === scores[q] && p < q);
  for (let p = 0; p < scores.length; p++) {
    if (best.length === top && !before(p, best[top - 1])) continue;
    let i = best.length < top ? best.length : top - 1;
    if (best.length < top) best.push(p);
    while (i > 0 && before(p, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = p;
  }
  return best;
}

import type { AnomalyDescription, AnomalyReason } from '../../../shared/analysis-result.ts';
import type { Column } from '../../../shared/table.ts';

/**
 * Why the top-scoring points look anomalous: their most extreme numeric values (|z| ≥ 1, most
 * extreme first) and their rare categories (held by under 5% of rows). Cheap: column statistics once, then a few columns per listed point.
 */
export function describeAnomalies(columns: Column[], rowIndex: Uint32Array, scores: Float32Array, top = 20): AnomalyDescription[] {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]).slice(0, top);
  const numeric = columns.flatMap((c) => {
    if (c.data.type !== 'number' && c.data.type !== 'datetime') return [];
    const values = c.data.values;
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (const r of rowIndex) {
      const v = values[r];
      if (Number.isNaN(v)) continue;
      n++;
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    const std = Math.sqrt(Math.max(0, sq / n - mean * mean));
    return std > 0 ? [{ column: c, values, mean, std }] : [];
  });
  const categorical = columns.flatMap((c) => {
    if (c.data.type !== 'category' && c.data.type !== 'boolean') return [];
    const counts = new Float64Array(c.data.dictionary.length);
    for (const r of rowIndex) if (c.data.codes[r] >= 0) counts[c.data.codes[r]]++;
    return [{ column: c, codes: c.data.codes, dictionary: c.data.dictionary, counts }];
  });
  return order.map((p) => {
    const row = rowIndex[p];
    const reasons: (AnomalyReason & { strength: number })[] = [];
    for (const s of numeric) {
      const v = s.values[row];
      if (Number.isNaN(v)) continue;
      const z = (v - s.mean) / s.std;
      // Every value competes: when none is extreme alone, the least ordinary ones still explain most.
      if (Math.abs(z) >= 1) reasons.push({ column: s.column.name, value: s.column.data.type === 'datetime' ? new Date(v).toISOString() : v, z, strength: Math.abs(z) });
    }
    for (const s of categorical) {
      const code = s.codes[row];
      if (code < 0) continue;
      const share = s.counts[code] / rowIndex.length;
      // A category held by under 5% of rows is about as surprising as a value 2 SD out.
      if (share < 0.05) reasons.push({ column: s.column.name, value: s.dictionary[code], share, strength: 2 + (0.05 - share) * 40 });
    }
    reasons.sort((a, b) => b.strength - a.strength);
    return { point: p, rowIndex: row, score: scores[p], reasons: reasons.slice(0, 3).map(({ strength: _s, ...r }) => r) };
  });
}

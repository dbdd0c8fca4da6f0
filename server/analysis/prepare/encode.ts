import type { Column } from '../../../shared/table.ts';
import type { FeatureEncoding } from '../../../shared/analysis-result.ts';
import { createMatrix, type Matrix } from '../matrix.ts';

export interface EncodedFeatures {
  matrix: Matrix;
  encodings: FeatureEncoding[];
}

export const DEFAULT_ONE_HOT_MAX_LEVELS = 12;

/**
 * Numbers and dates are scaled (z-score by default); categories become one-hot columns up to a
 * cardinality cap and a frequency code above it (one-hot of 500 levels would swamp every other
 * feature); booleans are 0/1 scaled like numbers. Rows are taken in `rowIndex` order and must
 * have no missing values left.
 */
export function encodeFeatures(
  columns: Column[],
  rowIndex: Uint32Array,
  normalization: 'zscore' | 'minmax',
  oneHotMaxLevels = DEFAULT_ONE_HOT_MAX_LEVELS,
): EncodedFeatures {
  const n = rowIndex.length;
  const plans = columns.map((c) => planColumn(c, rowIndex, normalization, oneHotMaxLevels));
  const width = plans.reduce((s, p) => s + p.encoding.outputs.length, 0);
  const matrix = createMatrix(n, width);
  let offset = 0;
  for (const plan of plans) {
    plan.write(matrix, offset);
    offset += plan.encoding.outputs.length;
  }
  return { matrix, encodings: plans.map((p) => p.encoding) };
}

interface ColumnPlan {
  encoding: FeatureEncoding;
  write(m: Matrix, offset: number): void;
}

function planColumn(column: Column, rowIndex: Uint32Array, normalization: 'zscore' | 'minmax', maxLevels: number): ColumnPlan {
  const data = column.data;
  const n = rowIndex.length;
  if (data.type === 'text') throw new Error(`Text column "${column.name}" cannot be encoded as a feature.`);
  if (data.type === 'category' && usedLevels(data.codes, rowIndex).length <= maxLevels) {
    const levels = usedLevels(data.codes, rowIndex);
    const slot = new Int32Array(data.dictionary.length).fill(-1);
    levels.forEach((code, k) => (slot[code] = k));
    return {
      encoding: { column: column.name, type: data.type, encoding: 'one-hot', outputs: levels.map((c) => `${column.name}=${data.dictionary[c]}`) },
      write(m, offset) {
        for (let r = 0; r < n; r++) m.data[r * m.cols + offset + slot[data.codes[rowIndex[r]]]] = 1;
      },
    };
  }
  const raw = new Float64Array(n);
  let encoding: FeatureEncoding['encoding'] = normalization;
  if (data.type === 'category') {
    const counts = new Float64Array(data.dictionary.length);
    for (let r = 0; r < n; r++) counts[data.codes[rowIndex[r]]]++;
    for (let r = 0; r < n; r++) raw[r] = counts[data.codes[rowIndex[r]]] / n;
    encoding = 'frequency';
  } else if ('codes' in data) {
    for (let r = 0; r < n; r++) raw[r] = data.codes[rowIndex[r]];
  } else {
    for (let r = 0; r < n; r++) raw[r] = data.values[rowIndex[r]];
  }
  const { center, scale } = normalization === 'zscore' ? meanStd(raw) : minRange(raw);
  return {
    encoding: { column: column.name, type: data.type, encoding, outputs: [column.name], center, scale },
    write(m, offset) {
      for (let r = 0; r < n; r++) m.data[r * m.cols + offset] = (raw[r] - center) / scale;
    },
  };
}

function usedLevels(codes: Int32Array, rowIndex: Uint32Array): number[] {
  const seen = new Set<number>();
  for (const r of rowIndex) seen.add(codes[r]);
  return [...seen].sort((a, b) => a - b);
}

function meanStd(values: Float64Array): { center: number; scale: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  const std = Math.sqrt(sq / values.length);
  return { center: mean, scale: std > 0 ? std : 1 };
}

function minRange(values: Float64Array): { center: number; scale: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { center: min, scale: max > min ? max - min : 1 };
}

import type { Column } from '../../../shared/table.ts';
import type { FeatureEncoding } from '../../../shared/analysis-result.ts';
import { createMatrix, type Matrix } from '../matrix.ts';
import { NEIGHBOUR_STEP_K, neighbourStep } from './neighbour-step.ts';

export interface EncodedFeatures {
  matrix: Matrix;
  encodings: FeatureEncoding[];
  /**
   * The continuous features' neighbour step (median distance to the 15th nearest row) that
   * discrete columns were weighed against; absent when there were no continuous features.
   */
  neighbourStep?: { k: number; distance: number };
}

export const DEFAULT_ONE_HOT_MAX_LEVELS = 12;

/**
 * Numbers and dates are scaled (z-score by default); categories become one-hot columns up to a
 * cardinality cap and a frequency code above it (one-hot of 500 levels would swamp every other
 * feature); booleans are 0/1 scaled like numbers. Rows are taken in `rowIndex` order and must
 * have no missing values left.
 *
 * Discrete columns (categories, booleans) are then weighed so that two rows differing in one
 * of them lie one neighbour step apart (`discreteWeight`): a category puts a fixed distance
 * between rows while the distances between neighbouring rows shrink as a table grows, so at
 * full weight an unrelated 12-level column cut each group of a 100k-row table into islands.
 */
export function encodeFeatures(
  columns: Column[],
  rowIndex: Uint32Array,
  normalization: 'zscore' | 'minmax',
  oneHotMaxLevels = DEFAULT_ONE_HOT_MAX_LEVELS,
  /** Other features (text) will be weighed against the step too: measure it even without discrete columns. */
  stepWanted = false,
): EncodedFeatures {
  const n = rowIndex.length;
  const plans = columns.map((c) => planColumn(c, rowIndex, normalization, oneHotMaxLevels));
  const step = continuousStep(plans, n, stepWanted);
  const width = plans.reduce((s, p) => s + p.encoding.outputs.length, 0);
  const matrix = createMatrix(n, width);
  let offset = 0;
  for (const plan of plans) {
    if (plan.gap !== undefined) plan.encoding.weight = discreteWeight(step, plan.gap);
    plan.write(matrix, offset, plan.encoding.weight ?? 1);
    offset += plan.encoding.outputs.length;
  }
  return { matrix, encodings: plans.map((p) => p.encoding), ...(step > 0 && { neighbourStep: { k: NEIGHBOUR_STEP_K, distance: step } }) };
}

/**
 * The weight of a discrete column whose levels lie `gap` apart unweighted: one neighbour step
 * of the continuous features over the gap, so a differing category moves a row as far as its
 * 15th nearest neighbour — a category that goes with the numeric structure still separates
 * it, one unrelated to it cannot split an island. Never above 1 (a column never weighs more
 * than it did unweighted: √2 between two one-hot levels), and 1 when there is no continuous
 * scale to weigh against (no numbers or dates, or most rows with 15 exact duplicates).
 */
export function discreteWeight(step: number, gap: number): number {
  if (!(step > 0) || !(gap > 0)) return 1;
  return Math.min(1, step / gap);
}

interface ColumnPlan {
  encoding: FeatureEncoding;
  /** Discrete columns: distance between two rows that differ in this column alone, unweighted. */
  gap?: number;
  /** Continuous columns: the scaled value of row r. */
  scaled?: (r: number) => number;
  write(m: Matrix, offset: number, weight: number): void;
}

function continuousStep(plans: ColumnPlan[], n: number, stepWanted: boolean): number {
  const continuous = plans.filter((p) => p.scaled !== undefined);
  const discrete = stepWanted || plans.some((p) => p.gap !== undefined);
  if (!discrete || continuous.length === 0) return 0;
  const d = continuous.length;
  const values = new Float32Array(n * d);
  continuous.forEach((p, t) => {
    for (let r = 0; r < n; r++) values[r * d + t] = p.scaled!(r);
  });
  return neighbourStep(values, n, d);
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
      gap: Math.SQRT2,
      write(m, offset, weight) {
        for (let r = 0; r < n; r++) m.data[r * m.cols + offset + slot[data.codes[rowIndex[r]]]] = weight;
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
  const plan: ColumnPlan = {
    encoding: { column: column.name, type: data.type, encoding, outputs: [column.name], center, scale },
    write(m, offset, weight) {
      for (let r = 0; r < n; r++) m.data[r * m.cols + offset] = (weight * (raw[r] - center)) / scale;
    },
  };
  // A boolean's two values lie 1 / scale apart; a frequency code has no fixed gap between
  // levels, so its typical one: two rows' root-mean-square difference, √2 · sd / scale.
  if (data.type === 'boolean') plan.gap = 1 / scale;
  else if (data.type === 'category') plan.gap = (Math.SQRT2 * meanStd(raw).scale) / scale;
  else plan.scaled = (r) => (raw[r] - center) / scale;
  return plan;
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

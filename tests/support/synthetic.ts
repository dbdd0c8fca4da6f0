import { createRandom, randomInt, randomNormal } from '../../shared/random.ts';
import { createMatrix, type Matrix } from '../../server/analysis/matrix.ts';

/**
 * A Gaussian mixture shaped like a real table: `numeric` numeric columns, `categorical`
 * categorical columns whose values lean on the cluster, and the known cluster of every row.
 * The same generator feeds benchmarks and tests, so the figures compare like with like.
 */
export interface MixtureSpec {
  rows: number;
  numeric?: number;
  categorical?: number;
  clusters?: number;
  /** Spread of cluster centres relative to the within-cluster standard deviation of 1. */
  separation?: number;
  seed?: number;
  /**
   * Adds one category column `unrelated` of this many equally likely levels, drawn
   * independently of the groups (from its own random stream, so the other columns are the
   * same with or without it): a column that carries nothing about the structure.
   */
  unrelatedLevels?: number;
}

export interface Mixture {
  /** rows × numeric, raw (not z-scored). */
  numeric: Matrix;
  /** One array of category labels per categorical column. */
  categorical: string[][];
  labels: Int32Array;
  numericNames: string[];
  categoricalNames: string[];
}

export function generateMixture(spec: MixtureSpec): Mixture {
  const { rows, numeric = 20, categorical = 3, clusters = 10, separation = 6, seed = 42, unrelatedLevels } = spec;
  const random = createRandom(seed);
  const centres = Array.from({ length: clusters }, () =>
    Array.from({ length: numeric }, () => randomNormal(random) * separation),
  );
  const scales = Array.from({ length: numeric }, (_, j) => 1 + (j % 5) * 10);
  const offsets = Array.from({ length: numeric }, (_, j) => j * 3);
  const m = createMatrix(rows, numeric);
  const labels = new Int32Array(rows);
  const categoricalValues = Array.from({ length: categorical }, () => new Array<string>(rows));
  for (let i = 0; i < rows; i++) {
    const c = randomInt(random, clusters);
    labels[i] = c;
    for (let j = 0; j < numeric; j++) {
      m.data[i * numeric + j] = (centres[c][j] + randomNormal(random)) * scales[j] + offsets[j];
    }
    for (let q = 0; q < categorical; q++) {
      // 70% of rows take their cluster's level, the rest a random one of 4 + q levels.
      const levels = 4 + q;
      const level = random() < 0.7 ? c % levels : randomInt(random, levels);
      categoricalValues[q][i] = `level-${level}`;
    }
  }
  const categoricalNames = Array.from({ length: categorical }, (_, q) => `cat${q}`);
  if (unrelatedLevels !== undefined) {
    const other = createRandom(seed ^ 0x1b873593);
    categoricalValues.push(Array.from({ length: rows }, () => `u${randomInt(other, unrelatedLevels)}`));
    categoricalNames.push('unrelated');
  }
  return {
    numeric: m,
    categorical: categoricalValues,
    labels,
    numericNames: Array.from({ length: numeric }, (_, j) => `x${j}`),
    categoricalNames,
  };
}

/** z-score every column in place (what the pipeline's default normalisation does). */
export function zScoreColumns(m: Matrix): Matrix {
  for (let j = 0; j < m.cols; j++) {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < m.rows; i++) sum += m.data[i * m.cols + j];
    const mean = sum / m.rows;
    for (let i = 0; i < m.rows; i++) sq += (m.data[i * m.cols + j] - mean) ** 2;
    const std = Math.sqrt(sq / m.rows) || 1;
    for (let i = 0; i < m.rows; i++) m.data[i * m.cols + j] = (m.data[i * m.cols + j] - mean) / std;
  }
  return m;
}

/** The mixture as CSV text (header + rows), for ingest tests and benchmarks. */
export function mixtureToCsv(mix: Mixture): string {
  const header = [...mix.numericNames, ...mix.categoricalNames].join(',');
  const lines = [header];
  const { rows, cols, data } = mix.numeric;
  for (let i = 0; i < rows; i++) {
    const cells: string[] = [];
    for (let j = 0; j < cols; j++) cells.push(data[i * cols + j].toPrecision(6));
    for (const column of mix.categorical) cells.push(column[i]);
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

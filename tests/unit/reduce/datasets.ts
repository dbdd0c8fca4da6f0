import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMatrix, type Matrix } from '../../../server/analysis/matrix.ts';
import { generateMixture, zScoreColumns } from '../../support/synthetic.ts';

/**
 * The real and synthetic tables the reduction tests measure, as z-scored feature matrices
 * with their known labels. The reference figures pinned in the tests were computed on exactly
 * these matrices (exported as CSV and fed to numpy / scikit-learn 1.2.1).
 */
export interface Labelled {
  x: Matrix;
  labels: Int32Array;
}

const assets = (name: string) => fileURLToPath(new URL(`../../../assets/datasets/${name}`, import.meta.url));

function fromRows(rows: number[][], classes: string[]): Labelled {
  const x = createMatrix(rows.length, rows[0].length);
  rows.forEach((r, i) => x.data.set(r, i * x.cols));
  const names = [...new Set(classes)];
  return { x: zScoreColumns(x), labels: Int32Array.from(classes, (c) => names.indexOf(c)) };
}

/** Iris: the 4 measurements of 150 flowers, label = species. */
export function iris(): Labelled {
  const lines = readFileSync(assets('iris.csv'), 'utf8').trim().split('\n').slice(1);
  const cells = lines.map((l) => l.split(','));
  return fromRows(cells.map((c) => c.slice(0, 4).map(Number)), cells.map((c) => c[4]));
}

/** Palmer penguins: the 4 body measurements of the 342 birds that have all of them, label = species. */
export function penguins(): Labelled {
  const records = JSON.parse(readFileSync(assets('penguins.json'), 'utf8')) as Record<string, unknown>[];
  const keys = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
  const complete = records.filter((r) => keys.every((k) => typeof r[k] === 'number'));
  return fromRows(complete.map((r) => keys.map((k) => r[k] as number)), complete.map((r) => String(r.Species)));
}

/** `rows` rows of 20 numeric columns in 10 overlapping clusters (separation 2, not the easy 6). */
export function overlappingMixture(rows = 2500): Labelled {
  const mix = generateMixture({ rows, numeric: 20, categorical: 0, separation: 2, seed: 7 });
  return { x: zScoreColumns(mix.numeric), labels: mix.labels };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matrixFromRows, type Matrix } from '../../../server/analysis/matrix.ts';
import { zScoreColumns } from '../../support/synthetic.ts';

/**
 * The labelled real tables the quality tests run on, prepared the way the scikit-learn
 * references were computed: numeric measurement columns, rows with a missing value dropped,
 * every column z-scored (population standard deviation, as StandardScaler).
 */
export interface Labelled {
  x: Matrix;
  labels: Int32Array;
}

const asset = (name: string) => fileURLToPath(new URL(`../../../assets/datasets/${name}`, import.meta.url));

function encode(species: string[]): Int32Array {
  const names = [...new Set(species)];
  return Int32Array.from(species, (s) => names.indexOf(s));
}

export function penguins(): Labelled {
  const columns = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];
  const rows = JSON.parse(readFileSync(asset('penguins.json'), 'utf8')) as Record<string, unknown>[];
  const kept = rows.filter((r) => columns.every((c) => typeof r[c] === 'number'));
  return {
    x: zScoreColumns(matrixFromRows(kept.map((r) => columns.map((c) => r[c] as number)))),
    labels: encode(kept.map((r) => String(r.Species))),
  };
}

export function iris(): Labelled {
  const [header, ...lines] = readFileSync(asset('iris.csv'), 'utf8').trim().split('\n');
  const names = header.split(',');
  const speciesAt = names.indexOf('species');
  const cells = lines.map((l) => l.split(','));
  return {
    x: zScoreColumns(matrixFromRows(cells.map((c) => c.filter((_, j) => j !== speciesAt).map(Number)))),
    labels: encode(cells.map((c) => c[speciesAt])),
  };
}

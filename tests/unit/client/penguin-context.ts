import type { PointContext } from '../../../shared/encodings/point-context.ts';
import type { ColumnData, Table } from '../../../shared/table.ts';
import { loadAsset } from '../../support/assets.ts';

/**
 * A PointContext built from the real penguins table the way an analysis would see it: points
 * are the rows with every measurement present (dataset order), "clusters" are the species and
 * the "anomaly score" is body mass scaled to [0, 1], so expected values are easy to count.
 */
export interface PenguinFixture {
  table: Table;
  ctx: PointContext;
  column(name: string): ColumnData;
}

let cached: Promise<PenguinFixture> | null = null;

export function penguins(): Promise<PenguinFixture> {
  cached ??= build();
  return cached;
}

async function build(): Promise<PenguinFixture> {
  const table = await loadAsset('penguins');
  const column = (name: string): ColumnData => {
    const c = table.columns.find((col) => col.name === name);
    if (!c) throw new Error(`no column ${name}`);
    return c.data;
  };
  const mass = column('Body Mass (g)');
  const species = column('Species');
  if (mass.type !== 'number' || species.type !== 'category') throw new Error('unexpected penguin types');
  const rows: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (!Number.isNaN(mass.values[r])) rows.push(r);
  const rowIndex = Uint32Array.from(rows);
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    min = Math.min(min, mass.values[r]);
    max = Math.max(max, mass.values[r]);
  }
  const ctx: PointContext = {
    count: rows.length,
    rowIndex,
    cluster: Int32Array.from(rows, (r) => species.codes[r]),
    anomaly: Float32Array.from(rows, (r) => (mass.values[r] - min) / (max - min)),
    anomalyFlag: Uint8Array.from(rows, (r) => (mass.values[r] > 6000 ? 1 : 0)),
    columns: new Map(table.columns.map((c) => [c.name, c.data])),
    clusterLabels: new Map(species.dictionary.map((label, id) => [id, label])),
  };
  return { table, ctx, column };
}

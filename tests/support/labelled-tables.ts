import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { Table } from '../../shared/table.ts';
import { ingest } from '../../server/ingest/index.ts';
import { loadAsset, type AssetName } from './assets.ts';
import { generateMixture, mixtureToCsv, type MixtureSpec } from './synthetic.ts';

/**
 * The labelled tables the clustering defaults are measured on: a real table (or a mixture) as
 * the ingest path reads it, the analysis request a user would make with the known label left
 * out of the features, and the known label of every analysed point.
 */
export interface LabelledTable {
  name: string;
  table: Table;
  /** What the user asks for beyond the defaults: the label column excluded (it would leak). */
  params: AnalysisParamsInput;
  truth(rowIndex: Uint32Array): Int32Array;
}

interface AssetCase {
  asset: AssetName;
  label: string;
  /** Features when not every other column (penguins: the body measurements). */
  features?: string[];
  name: string;
}

export const ASSET_CASES: AssetCase[] = [
  { name: 'penguins, 4 measurements', asset: 'penguins', label: 'Species', features: ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'] },
  { name: 'penguins, all columns', asset: 'penguins', label: 'Species' },
  { name: 'iris', asset: 'iris', label: 'species' },
  { name: 'wine', asset: 'wine', label: 'cultivar' },
  { name: 'breast cancer', asset: 'breastCancer', label: 'diagnosis' },
  { name: 'Seattle weather', asset: 'seattle', label: 'weather' },
  { name: 'cars, vs origin', asset: 'cars', label: 'Origin' },
  { name: 'digits', asset: 'digits', label: 'digit' },
];

export async function assetTable(c: AssetCase): Promise<LabelledTable> {
  const table = await loadAsset(c.asset);
  const column = table.columns.find((col) => col.name === c.label);
  if (!column || column.data.type !== 'category') throw new Error(`${c.asset}: label column ${c.label} is not a category`);
  const codes = column.data.codes;
  const params: AnalysisParamsInput = c.features ? { features: c.features } : { columns: { [c.label]: { exclude: true } } };
  return { name: c.name, table, params, truth: (rowIndex) => Int32Array.from(rowIndex, (r) => codes[r]) };
}

/** A Gaussian mixture read through ingest as CSV (its numeric columns raw, categories as text). */
export async function mixtureTable(spec: MixtureSpec, name: string): Promise<LabelledTable> {
  const mix = generateMixture(spec);
  const csv = mixtureToCsv(mix);
  const { table } = await ingest(
    (async function* () {
      yield csv;
    })(),
    { fileName: 'mixture.csv' },
  );
  return { name, table, params: {}, truth: (rowIndex) => Int32Array.from(rowIndex, (r) => mix.labels[r]) };
}

import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { DatasetDetail, DemoDataset } from '../../shared/api-types.ts';
import type { DatasetImporter } from './import-dataset.ts';

/** The real datasets in assets/datasets (see SOURCES.md there) that anyone can open in one click. */
export const DEMO_DATASETS: (DemoDataset & { file: string })[] = [
  { key: 'penguins', name: 'Palmer penguins', file: 'penguins.json', format: 'json', rows: 344, description: 'Body measurements of three penguin species on three Antarctic islands.' },
  { key: 'iris', name: 'Iris', file: 'iris.csv', format: 'csv', rows: 150, description: "Fisher's iris flowers: sepal and petal sizes of three species." },
  { key: 'cars', name: 'Cars', file: 'cars.json', format: 'json', rows: 406, description: 'Fuel economy, power and weight of cars from the USA, Europe and Japan, 1970–1982.' },
  { key: 'seattle-weather', name: 'Seattle weather', file: 'seattle-weather.csv', format: 'csv', rows: 1461, description: 'Daily temperature, rain and wind in Seattle, 2012–2015.' },
  {
    key: 'superstore-orders',
    name: 'Superstore orders',
    file: 'superstore-orders.csv',
    format: 'csv',
    rows: 4947,
    description: "Order lines of Tableau's sample store (fictional customers), 2014–2017: try the customer segments (RFM) preset on it.",
  },
];

export function demoAssetPath(file: string): string {
  return fileURLToPath(new URL(`../../assets/datasets/${file}`, import.meta.url));
}

/** Imports a demo asset through the same path as an upload (the importer consumes a copy). */
export async function importDemoDataset(importer: DatasetImporter, uploadsDir: string, key: string): Promise<DatasetDetail | null> {
  const demo = DEMO_DATASETS.find((d) => d.key === key);
  if (!demo) return null;
  await mkdir(uploadsDir, { recursive: true });
  const copy = join(uploadsDir, `.tmp-demo-${randomBytes(4).toString('hex')}`);
  await copyFile(demoAssetPath(demo.file), copy);
  return importer.importFile({ path: copy, bytes: 0, contentType: demo.format === 'json' ? 'application/json' : 'text/csv', fileName: demo.file }, demo.name);
}

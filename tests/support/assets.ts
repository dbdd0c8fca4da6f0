import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../server/ingest/index.ts';
import type { Table } from '../../shared/table.ts';

export const ASSETS = {
  penguins: 'penguins.json',
  iris: 'iris.csv',
  cars: 'cars.json',
  seattle: 'seattle-weather.csv',
  digits: 'digits.csv',
  wine: 'wine.csv',
  breastCancer: 'breast-cancer.csv',
} as const;

export function assetPath(name: keyof typeof ASSETS): string {
  return fileURLToPath(new URL(`../../assets/datasets/${ASSETS[name]}`, import.meta.url));
}

/** A demo dataset read through the real ingest path. */
export async function loadAsset(name: keyof typeof ASSETS): Promise<Table> {
  const path = assetPath(name);
  return (await ingest(createReadStream(path), { fileName: path })).table;
}

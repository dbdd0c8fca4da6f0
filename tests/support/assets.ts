import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../server/ingest/index.ts';
import type { Table } from '../../shared/table.ts';

/** The demo datasets: the API tests upload and analyse every one of them. */
export const ASSETS = {
  penguins: 'penguins.json',
  iris: 'iris.csv',
  cars: 'cars.json',
  seattle: 'seattle-weather.csv',
} as const;

/**
 * Labelled tables shipped only to measure clustering quality (see assets/datasets/SOURCES.md),
 * kept out of ASSETS so the tests that run every demo table do not run these too.
 */
export const QUALITY_ASSETS = {
  digits: 'digits.csv',
  wine: 'wine.csv',
  breastCancer: 'breast-cancer.csv',
  /** Free text (package descriptions) beside numbers and categories: the text-features tests. */
  debianPackages: 'debian-packages.csv',
} as const;

export type AssetName = keyof typeof ASSETS | keyof typeof QUALITY_ASSETS;

export function assetPath(name: AssetName): string {
  const file = name in ASSETS ? ASSETS[name as keyof typeof ASSETS] : QUALITY_ASSETS[name as keyof typeof QUALITY_ASSETS];
  return fileURLToPath(new URL(`../../assets/datasets/${file}`, import.meta.url));
}

/** A demo or quality dataset read through the real ingest path. */
export async function loadAsset(name: AssetName): Promise<Table> {
  const path = assetPath(name);
  return (await ingest(createReadStream(path), { fileName: path })).table;
}

import { readFileSync } from 'node:fs';
import { assetPath } from './assets.ts';

/**
 * The real penguins table with defects planted at known rows, as CSV, for the quality report's
 * tests (unit, API, browser). Every planted defect is listed in PLANTED with its exact rows.
 */
type Cell = string | number | null;
type Row = Record<string, Cell>;

const BEAK_DEPTH = 'Beak Depth (mm)';
const FLIPPER = 'Flipper Length (mm)';
const MASS = 'Body Mass (g)';

export const PLANTED = {
  /** Copies of these source rows are appended at the end (rows 344, 345, 346). */
  duplicateOf: [12, 22, 32],
  /** Rows whose id repeats an earlier row's id (rows 50 and 51). */
  reusedIds: [100, 101],
  /** Words written into the beak depth (a number column), fewer than 5%: read as missing by the import. */
  beakWords: new Map([
    [5, 'unknown'],
    [6, 'n.a.'],
    [7, 'see notes'],
  ]),
  /** Flipper lengths typed ten times too long (out of any sensible range). */
  flipperTimesTen: [200, 201],
  /** Body masses written in kilograms instead of grams. */
  massInKg: Array.from({ length: 20 }, (_, i) => 250 + i),
} as const;

export const COLUMNS = { beakDepth: BEAK_DEPTH, flipper: FLIPPER, mass: MASS } as const;

export function penguinRows(): Row[] {
  return JSON.parse(readFileSync(assetPath('penguins'), 'utf8')) as Row[];
}

/** The clean table as CSV, with an `id` column 1..n in front (no defects). */
export function cleanPenguinsCsv(): string {
  return toCsv(penguinRows().map((row, i) => ({ id: i + 1, ...row })));
}

/** The defective copy (see PLANTED). */
export function plantedPenguinsCsv(): string {
  return toCsv(plantedRows());
}

export function plantedRows(): Row[] {
  const rows: Row[] = penguinRows().map((row, i) => ({ id: i + 1, ...row }));
  for (const [i, r] of PLANTED.reusedIds.entries()) rows[r].id = rows[50 + i].id;
  for (const [r, word] of PLANTED.beakWords) rows[r][BEAK_DEPTH] = word;
  for (const r of PLANTED.flipperTimesTen) rows[r][FLIPPER] = (rows[r][FLIPPER] as number) * 10;
  for (const r of PLANTED.massInKg) rows[r][MASS] = (rows[r][MASS] as number) / 1000;
  const n = rows.length;
  for (const [i, r] of PLANTED.duplicateOf.entries()) rows.push({ ...rows[r], id: n + i + 1 });
  return rows;
}

export function toCsv(rows: Row[]): string {
  const header = Object.keys(rows[0]);
  const cell = (v: Cell) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header.map(cell).join(','), ...rows.map((row) => header.map((h) => cell(row[h])).join(','))].join('\n') + '\n';
}

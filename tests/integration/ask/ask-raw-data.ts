import { readFile } from 'node:fs/promises';
import type { ProposedFilter } from '../../../shared/insights/ask.ts';
import { assetPath, type AssetName } from '../../support/assets.ts';

/**
 * The shipped datasets read straight from their files, apart from the server's ingest, so the
 * ask fixture's expected figures do not come from the code under test.
 */
export type RawValue = string | number | null;
export type RawRow = Record<string, RawValue>;

/** Cells a person would call missing: empty, null and the usual placeholders (the penguins' "."). */
export function isMissingRaw(v: RawValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && /^(|\.|na|n\/a|nan|null|none|-|\?)$/i.test(v.trim()));
}

export function num(row: RawRow, column: string): number {
  const v = row[column];
  if (isMissingRaw(v)) return NaN;
  return typeof v === 'number' ? v : Number(v);
}

/** JSON arrays of objects as they are; CSV (the Seattle file has no quoted fields) split by commas. */
export async function readRawRows(name: AssetName): Promise<RawRow[]> {
  const path = assetPath(name);
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.json')) return JSON.parse(text) as RawRow[];
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] === '' || cells[i] === undefined ? null : Number.isNaN(Number(cells[i])) ? cells[i] : Number(cells[i])]));
  });
}

/** The rows a list of proposed filters keeps (ranges inclusive, missing fails a range; null in a set keeps missing). */
export function keptBy(filters: readonly ProposedFilter[], rows: RawRow[]): Set<number> {
  const kept = new Set<number>();
  rows.forEach((row, i) => {
    const ok = filters.every((f) => {
      const v = row[f.column];
      if (f.kind === 'range') {
        const x = num(row, f.column);
        return !Number.isNaN(x) && (f.min === undefined || x >= f.min) && (f.max === undefined || x <= f.max);
      }
      if (isMissingRaw(v)) return f.values.includes(null);
      return f.values.some((w) => w !== null && String(w) === String(v));
    });
    if (ok) kept.add(i);
  });
  return kept;
}

/** Modified z (Iglewicz and Hoaglin): 0.6745 (x − median) / MAD; MAD 0 → mean absolute deviation × 1.2533. */
export function robustZ(rows: RawRow[], column: string): number[] {
  const values = rows.map((r) => num(r, column));
  const present = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const med = medianOf(present);
  const deviations = present.map((v) => Math.abs(v - med)).sort((a, b) => a - b);
  const mad = medianOf(deviations);
  const meanAd = deviations.reduce((a, b) => a + b, 0) / deviations.length;
  return values.map((v) => {
    if (Number.isNaN(v)) return 0;
    if (mad > 0) return (0.6745 * (v - med)) / mad;
    if (meanAd > 0) return (v - med) / (1.2533 * meanAd);
    return 0;
  });
}

function medianOf(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Numbers written in a text ("5,076 g", "−1.5", "3.2k" is not one): thousands separators dropped. */
export function numbersIn(text: string): number[] {
  return [...text.replaceAll('−', '-').matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replaceAll(',', ''))).filter((v) => Number.isFinite(v));
}

import { COLUMNS, penguinRows, toCsv } from './planted-penguins.ts';

/**
 * Two versions of the real penguins table for drift tests: the first with an `id` column 1..n
 * (what cleanPenguinsCsv gives), and a later one that lost its first REMOVED rows and whose body
 * masses were all recorded 15% heavier (a planted shift in one column; the others unchanged).
 */
export const SHIFT = { column: COLUMNS.mass, factor: 1.15, removed: 20 } as const;

export function shiftedPenguinsCsv(): string {
  const rows = penguinRows().map((row, i): Record<string, string | number | null> => ({ id: i + 1, ...row }));
  return toCsv(
    rows.slice(SHIFT.removed).map((row) => {
      const mass = row[SHIFT.column];
      return { ...row, [SHIFT.column]: typeof mass === 'number' ? Math.round(mass * SHIFT.factor) : mass };
    }),
  );
}

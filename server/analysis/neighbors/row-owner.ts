/**
 * Which of two threads writes a row's heaps when both offer the same list of pairs: blocks of
 * 64 rows alternate, so the threads split the work evenly even where the pairs are local (rows
 * are in tree order) and never write one cache line together. Each thread offers a row's
 * candidates in list order, as one thread would: the heaps are the same either way.
 */
export type RowOwner = 0 | 1 | typeof ALL_ROWS;

/** One thread writes every row. */
export const ALL_ROWS = -1;

export function ownsRow(owner: RowOwner, row: number): boolean {
  return owner === ALL_ROWS || ((row >> 6) & 1) === owner;
}

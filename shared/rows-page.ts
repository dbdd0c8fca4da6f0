/**
 * How many cells (rows × columns) one answer of GET /api/datasets/:id/rows may hold. The server
 * refuses more with 413; the client sizes its pages with rowsPerPage so it never asks for more.
 * One 10,000-row page of a 2,000-column table was 189 MB of JSON and held the server for 11 s;
 * 250,000 cells is a few MB, and still a full 10,000-row page for tables of up to 25 columns.
 */
export const MAX_ROW_CELLS = 250_000;

/** Rows one request may ask for, whatever the width. */
export const MAX_ROWS_PER_PAGE = 10_000;

/** The largest page of rows of a table with this many columns that the server answers. */
export function rowsPerPage(columnCount: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_PAGE, Math.floor(MAX_ROW_CELLS / Math.max(1, columnCount))));
}

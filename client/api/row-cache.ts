import { rowsPerPage } from '../../shared/rows-page.ts';
import { getRows, type Row } from './datasets.ts';

/**
 * Original rows by dataset row index, fetched one page at a time and kept in a small LRU, so a
 * hover tooltip over the same points costs one request each at most.
 */
export class RowCache {
  private readonly rows = new Map<number, Row>();
  private readonly pending = new Map<number, Promise<Row>>();

  constructor(
    private readonly datasetId: string,
    private readonly capacity = 2000,
  ) {}

  peek(rowIndex: number): Row | undefined {
    return this.rows.get(rowIndex);
  }

  get(rowIndex: number): Promise<Row> {
    const hit = this.rows.get(rowIndex);
    if (hit) {
      this.rows.delete(rowIndex);
      this.rows.set(rowIndex, hit);
      return Promise.resolve(hit);
    }
    let request = this.pending.get(rowIndex);
    if (!request) {
      request = getRows(this.datasetId, rowIndex, 1).then((page) => {
        const row = page.rows[0] ?? {};
        this.put(rowIndex, row);
        return row;
      });
      request.finally(() => this.pending.delete(rowIndex)).catch(() => undefined);
      this.pending.set(rowIndex, request);
    }
    return request;
  }

  private put(rowIndex: number, row: Row): void {
    this.rows.set(rowIndex, row);
    while (this.rows.size > this.capacity) this.rows.delete(this.rows.keys().next().value!);
  }
}

/**
 * The rows at sorted dataset indices, fetched in contiguous pages of at most rowsPerPage rows
 * (the server caps a page's rows × columns): a selection of ranges costs one request per range
 * piece, not one per row.
 */
export async function fetchRowsAt(
  dataset: { id: string; columns: readonly unknown[] },
  sortedRows: ArrayLike<number>,
  onProgress?: (done: number) => void,
): Promise<Row[]> {
  const out: Row[] = [];
  const page = rowsPerPage(dataset.columns.length);
  let i = 0;
  while (i < sortedRows.length) {
    const start = sortedRows[i];
    let j = i + 1;
    // Take rows while they stay within one page; gaps are fetched and dropped when small.
    while (j < sortedRows.length && sortedRows[j] - start < page && sortedRows[j] - sortedRows[j - 1] <= 64) j++;
    const end = sortedRows[j - 1] + 1;
    const got = await getRows(dataset.id, start, end - start);
    for (let k = i; k < j; k++) out.push(got.rows[sortedRows[k] - start] ?? {});
    i = j;
    onProgress?.(i);
  }
  return out;
}

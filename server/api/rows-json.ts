import { cellValue, type Table } from '../../shared/table.ts';

/** Cells serialised between two turns of the event loop: a few milliseconds of work. */
const CELLS_PER_CHUNK = 10_000;

/**
 * The rows answer `{ offset, limit, total, rows }` as a stream of JSON text, a slice of rows at a
 * time with a turn of the event loop between slices. A page of the largest allowed size is then
 * never one long block of main-thread work (health checks, sessions and other requests are
 * answered in between), and a client that reads slowly holds one slice of text, not the page.
 */
export function rowsJsonStream(head: { offset: number; limit: number; total: number }, table: Table): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rowsPerChunk = Math.max(1, Math.floor(CELLS_PER_CHUNK / Math.max(1, table.columns.length)));
  let next = 0;
  let opened = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(encoder.encode(`${JSON.stringify(head).slice(0, -1)},"rows":[`));
        return;
      }
      // Let pending I/O (other requests) run before the next slice.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const end = Math.min(table.rowCount, next + rowsPerChunk);
      const parts: string[] = [];
      for (let r = next; r < end; r++) parts.push(JSON.stringify(rowObject(table, r)));
      const text = (next > 0 && parts.length > 0 ? ',' : '') + parts.join(',');
      next = end;
      controller.enqueue(encoder.encode(next >= table.rowCount ? `${text}]}` : text));
      if (next >= table.rowCount) controller.close();
    },
  });
}

function rowObject(table: Table, r: number): Record<string, unknown> {
  // A null-prototype object: a column named __proto__ stays an ordinary key.
  const row: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const column of table.columns) row[column.name] = cellValue(column.data, r);
  return row;
}

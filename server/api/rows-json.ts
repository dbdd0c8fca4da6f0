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
  // Each row is written as text straight from the columns (no row objects): the keys are
  // encoded once, and a column named __proto__ is just a key in the text.
  const keys = table.columns.map((column, i) => `${i > 0 ? ',' : ''}${JSON.stringify(column.name)}:`);
  const rowText = (r: number) => {
    let text = '{';
    for (let i = 0; i < keys.length; i++) text += keys[i] + JSON.stringify(cellValue(table.columns[i].data, r));
    return `${text}}`;
  };
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
      for (let r = next; r < end; r++) parts.push(rowText(r));
      const text = (next > 0 && parts.length > 0 ? ',' : '') + parts.join(',');
      next = end;
      controller.enqueue(encoder.encode(next >= table.rowCount ? `${text}]}` : text));
      if (next >= table.rowCount) controller.close();
    },
  });
}

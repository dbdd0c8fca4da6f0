import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Column, ColumnData, Table } from '../../../shared/table.ts';
import { IngestError, type IngestErrorCode } from '../../../server/ingest/errors.ts';

/** Text or bytes as a stream of `size`-byte chunks (1 cuts every character and quoted field). */
export async function* chunked(data: string | Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  const bytes = typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'utf8')) : data;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function asset(name: string): AsyncIterable<Uint8Array> {
  return createReadStream(fileURLToPath(new URL(`../../../assets/datasets/${name}`, import.meta.url)));
}

export function column(table: Table, name: string): Column {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column "${name}" in ${table.columns.map((c) => c.name).join(', ')}`);
  return found;
}

export function numbers(table: Table, name: string): number[] {
  const data = column(table, name).data;
  if (data.type !== 'number' && data.type !== 'datetime') throw new Error(`"${name}" is ${data.type}`);
  return [...data.values];
}

/** Category/boolean/text cells as strings (null = missing). */
export function strings(table: Table, name: string): (string | null)[] {
  const data: ColumnData = column(table, name).data;
  if (data.type === 'text') return data.values;
  if (data.type === 'category' || data.type === 'boolean') return [...data.codes].map((c) => (c < 0 ? null : data.dictionary[c]));
  throw new Error(`"${name}" is ${data.type}`);
}

/** `name:type` per column (a list, not an object: a column may well be called __proto__). */
export function types(table: Table): string[] {
  return table.columns.map((c) => `${c.name}:${c.data.type}`);
}

export async function expectIngestError(work: Promise<unknown>, code: IngestErrorCode, message?: RegExp): Promise<IngestError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  const ingestError = error as IngestError;
  expect(ingestError.code).toBe(code);
  if (message) expect(ingestError.message).toMatch(message);
  return ingestError;
}

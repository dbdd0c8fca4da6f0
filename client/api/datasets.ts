import type { DatasetDescription, DatasetDetail, DemoDataset, ImageUploadResult } from '../../shared/api-types.ts';
import type { ColumnData, ColumnType } from '../../shared/table.ts';
import { ApiRequestError, getBinary, getJson, request, seg } from './http.ts';

export type Row = Record<string, unknown>;

export interface RowsPage {
  offset: number;
  limit: number;
  total: number;
  rows: Row[];
}

export const listDatasets = (): Promise<DatasetDescription[]> =>
  getJson<{ datasets: DatasetDescription[] }>('/api/datasets').then((r) => r.datasets);

export const listDemoDatasets = (): Promise<DemoDataset[]> => getJson<{ demos: DemoDataset[] }>('/api/demo-datasets').then((r) => r.demos);

/** Imports one of the shipped demo tables as a new dataset. */
export async function importDemoDataset(key: string): Promise<DatasetDescription> {
  const response = await request(`/api/demo-datasets/${seg(key)}`, { method: 'POST' });
  return (await response.json()) as DatasetDescription;
}

export const getDataset = (id: string): Promise<DatasetDetail> => getJson<DatasetDetail>(`/api/datasets/${seg(id)}`);

export const getRows = (id: string, offset: number, limit: number, signal?: AbortSignal): Promise<RowsPage> =>
  getJson<RowsPage>(`/api/datasets/${seg(id)}/rows?offset=${offset}&limit=${limit}`, signal);

/** Parquet, Arrow IPC and Excel files: sent as bytes, the server tells them apart by their first bytes. */
const BINARY_EXTENSION = /\.(parquet|pq|arrow|arrows|feather|ipc|xlsx|xlsm)$/i;

/**
 * Sends a file as it is (the server detects CSV / TSV / JSON / Parquet / Arrow / xlsx); the name
 * travels as ?name=, an Excel sheet to read as ?sheet= (default: the first sheet with rows).
 */
export async function uploadDataset(file: File, options: { sheet?: string } = {}): Promise<DatasetDescription> {
  const base = file.name.replace(/\.(csv|tsv|txt|json|parquet|pq|arrow|arrows|feather|ipc|xlsx|xlsm)$/i, '') || file.name;
  const name = options.sheet === undefined ? base : `${base} · ${options.sheet}`;
  const lower = file.name.toLowerCase();
  const type = BINARY_EXTENSION.test(lower)
    ? 'application/octet-stream'
    : lower.endsWith('.json')
    ? 'application/json'
    : lower.endsWith('.tsv')
      ? 'text/tab-separated-values'
      : file.type === 'application/json'
        ? 'application/json'
        : 'text/csv';
  const sheet = options.sheet === undefined ? '' : `&sheet=${encodeURIComponent(options.sheet)}`;
  const response = await request(`/api/datasets?name=${encodeURIComponent(name)}${sheet}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body: file,
  });
  return (await response.json()) as DatasetDescription;
}

/** Image files kept with a dataset (one request: all stored or none). */
export async function uploadImages(datasetId: string, files: readonly File[]): Promise<ImageUploadResult> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const response = await request(`/api/datasets/${seg(datasetId)}/images`, { method: 'POST', body: form });
  return (await response.json()) as ImageUploadResult;
}

/**
 * One dataset column decoded into the shared columnar form (indexed by dataset row). Text
 * columns arrive as dictionary codes like categories and are kept that way: the client only
 * looks values up and searches them, and codes make both cheap.
 */
export async function getColumn(datasetId: string, name: string, declared: ColumnType, signal?: AbortSignal): Promise<ColumnData> {
  const decoded = await getBinary(`/api/datasets/${seg(datasetId)}/columns/${seg(name)}`, signal);
  if (decoded.kind === 'category') {
    if (!(decoded.data instanceof Int32Array)) throw new ApiRequestError('bad_column', `Column "${name}" has codes of the wrong type.`, 0);
    return { type: declared === 'boolean' ? 'boolean' : 'category', codes: decoded.data, dictionary: decoded.dictionary ?? [] };
  }
  if (!(decoded.data instanceof Float64Array)) throw new ApiRequestError('bad_column', `Column "${name}" is not float64.`, 0);
  return decoded.kind === 'datetime' ? { type: 'datetime', values: decoded.data } : { type: 'number', values: decoded.data };
}

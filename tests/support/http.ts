import { readFile } from 'node:fs/promises';
import type { DatasetDescription } from '../../shared/api-types.ts';
import { assetPath, type ASSETS } from './assets.ts';

export const CONTENT_TYPES = { json: 'application/json', csv: 'text/csv', tsv: 'text/tab-separated-values' } as const;

export async function uploadText(baseUrl: string, body: string | Uint8Array<ArrayBuffer>, contentType: string, name?: string): Promise<Response> {
  const query = name ? `?name=${encodeURIComponent(name)}` : '';
  return fetch(`${baseUrl}/api/datasets${query}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

export async function uploadMultipart(baseUrl: string, body: string | Uint8Array<ArrayBuffer>, fileName: string, type = 'application/octet-stream'): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([body], { type }), fileName);
  return fetch(`${baseUrl}/api/datasets`, { method: 'POST', body: form });
}

export async function uploadAsset(baseUrl: string, name: keyof typeof ASSETS): Promise<DatasetDescription> {
  const path = assetPath(name);
  const type = path.endsWith('.json') ? CONTENT_TYPES.json : CONTENT_TYPES.csv;
  const response = await uploadText(baseUrl, new Uint8Array(await readFile(path)), type, name);
  if (response.status !== 201) throw new Error(`upload of ${name} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as DatasetDescription;
}

export async function postJson(url: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Expects the documented error shape and returns its code. */
export async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not an error body: ${JSON.stringify(body)}`);
  }
  if (/\bat .*\(.*:\d+:\d+\)/.test(body.error.message)) throw new Error(`stack trace leaked: ${body.error.message}`);
  return body.error.code;
}

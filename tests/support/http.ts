import { readFile } from 'node:fs/promises';
import type { DatasetDescription } from '../../shared/api-types.ts';
import { assetPath, type AssetName } from './assets.ts';
import { TEST_OWNER_TOKEN } from './server-process.ts';

/** fetch with the test servers' owner token (Authorization: Bearer), as a tool or the CLI would call the API. */
export function ownerFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TEST_OWNER_TOKEN}`);
  return fetch(url, { ...init, headers });
}

export const CONTENT_TYPES = { json: 'application/json', csv: 'text/csv', tsv: 'text/tab-separated-values' } as const;

export async function uploadText(baseUrl: string, body: string | Uint8Array<ArrayBuffer>, contentType: string, name?: string): Promise<Response> {
  const query = name ? `?name=${encodeURIComponent(name)}` : '';
  return ownerFetch(`${baseUrl}/api/datasets${query}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

export async function uploadMultipart(baseUrl: string, body: string | Uint8Array<ArrayBuffer>, fileName: string, type = 'application/octet-stream'): Promise<Response> {
  const form = new FormData();
  form.set('file', new Blob([body], { type }), fileName);
  return ownerFetch(`${baseUrl}/api/datasets`, { method: 'POST', body: form });
}

export async function uploadAsset(baseUrl: string, name: AssetName): Promise<DatasetDescription> {
  const path = assetPath(name);
  const type = path.endsWith('.json') ? CONTENT_TYPES.json : CONTENT_TYPES.csv;
  const response = await uploadText(baseUrl, new Uint8Array(await readFile(path)), type, name);
  if (response.status !== 201) throw new Error(`upload of ${name} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as DatasetDescription;
}

/** A JSON request with the owner token (pass other headers, e.g. another token, to replace it). */
export async function postJson(url: string, body: unknown, method = 'POST', headers: Record<string, string> = {}): Promise<Response> {
  return ownerFetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
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

import type { DatasetDescription, SessionCreated } from '../../shared/api-types.ts';
import { postAnalysis, waitForAnalysis } from './analysis-client.ts';
import { digitImageTable, imageForm, type DigitImageTable } from './digit-images.ts';
import { CONTENT_TYPES, ownerFetch } from './http.ts';
import { createSession } from './session-pages.ts';

/** A session over the digits table with an image column, each row's PNG kept with the dataset. */
export interface DigitImageSession {
  table: DigitImageTable;
  dataset: DatasetDescription;
  session: SessionCreated;
}

/**
 * Uploads the digits table's first `count` rows (with their `image` column) and their PNGs to the
 * server under test, analyses it (PCA) and opens a session over it, as a user would through the API.
 */
export async function startDigitImageSession(serverUrl: string, count: number, title: string): Promise<DigitImageSession> {
  const table = await digitImageTable(count);
  const upload = await ownerFetch(`${serverUrl}/api/datasets?name=digits-with-images`, { method: 'POST', headers: { 'content-type': CONTENT_TYPES.csv }, body: table.csv });
  if (upload.status !== 201) throw new Error(`uploading the digits table: HTTP ${upload.status} ${await upload.text()}`);
  const dataset = (await upload.json()) as DatasetDescription;
  const images = await ownerFetch(`${serverUrl}/api/datasets/${dataset.id}/images`, { method: 'POST', body: imageForm(table.images) });
  if (images.status !== 201) throw new Error(`uploading the digit images: HTTP ${images.status} ${await images.text()}`);
  const analysis = await postAnalysis(serverUrl, dataset.id, { reduction: { method: 'pca' } });
  await waitForAnalysis(serverUrl, analysis.id);
  const session = await createSession(serverUrl, { datasetId: dataset.id, analysisId: analysis.id, title });
  return { table, dataset, session };
}

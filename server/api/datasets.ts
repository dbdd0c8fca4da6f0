import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { analysisParamsSchema } from '../../shared/analysis-params.ts';
import { MAX_ROW_CELLS, MAX_ROWS_PER_PAGE, rowsPerPage } from '../../shared/rows-page.ts';
import { BINARY_CONTENT_TYPE } from '../../shared/binary.ts';
import { principalOf } from '../auth/access.ts';
import { visibleAnalyses } from '../auth/permissions.ts';
import type { ApiDeps } from './deps.ts';
import { badRequest, HttpError } from './http-error.ts';
import { requesterKey } from '../auth/requester.ts';
import { readJsonBody } from './read-json.ts';
import { receiveUpload } from './receive-upload.ts';
import { rowsJsonStream } from './rows-json.ts';
import { sendFile } from './send-file.ts';

const rowsQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_ROWS_PER_PAGE).default(100),
});

/** 413 when a page would hold more than MAX_ROW_CELLS cells, with the page size that fits. */
function checkRowCells(rows: number, columns: number): void {
  if (rows * columns <= MAX_ROW_CELLS) return;
  const n = (x: number) => x.toLocaleString('en-US');
  throw new HttpError(
    413,
    'too_many_cells',
    `A page of rows holds at most ${n(MAX_ROW_CELLS)} cells (rows × columns); ${n(rows)} rows × ${n(columns)} columns is ${n(rows * columns)}. Ask for at most ${n(rowsPerPage(columns))} rows at a time.`,
  );
}

function replacesSentence(previous: { name: string; createdAt: string; datasetId: string }): string {
  const day = new Date(previous.createdAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `This replaces "${previous.name}" of ${day} (dataset ${previous.datasetId}): its rules were copied and checked; the earlier version is kept.`;
}

export function datasetsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.post('/', deps.guards.workspace, async (c) => {
    const name = c.req.query('name');
    if (name !== undefined && name.length > 200) throw badRequest('The dataset name is longer than 200 characters.');
    const replaces = c.req.query('replaces');
    if (replaces !== undefined && !deps.datasets.has(replaces)) {
      throw new HttpError(404, 'not_found', `?replaces names no dataset ("${replaces.slice(0, 80)}"); GET /api/datasets lists them.`);
    }
    const sheet = c.req.query('sheet');
    if (sheet !== undefined && (sheet.length === 0 || sheet.length > 200)) throw badRequest('?sheet= must name a sheet of the workbook (1 to 200 characters).');
    const upload = await receiveUpload(c.req.raw, join(deps.config.dataDir, 'uploads'), deps.config.maxUploadBytes);
    const detail = await deps.importer.importFile(upload, name, replaces, sheet);
    const description = deps.datasets.describe(detail.id);
    // Said in words too: a re-upload under the same name is a new version, not a surprise.
    const replacing = description.replaces && { ...description.replaces, message: replacesSentence(description.replaces) };
    return c.json({ ...description, ...(replacing ? { replaces: replacing } : {}) }, 201);
  });

  app.get('/', deps.guards.workspace, (c) => c.json({ datasets: deps.datasets.list() }));

  app.get('/:id', deps.guards.readDataset, (c) => c.json(deps.datasets.get(c.req.param('id'))));

  app.delete('/:id', deps.guards.workspace, async (c) => {
    const id = c.req.param('id');
    deps.datasets.get(id);
    for (const analysis of deps.analyses.listForDataset(id)) {
      await deps.jobs.cancel(analysis.id);
      await deps.analyses.delete(analysis.id);
    }
    await deps.datasets.delete(id);
    return c.body(null, 204);
  });

  app.get('/:id/rows', deps.guards.readDataset, async (c) => {
    const { offset, limit } = rowsQuery.parse(c.req.query());
    const id = c.req.param('id');
    const { rowCount, columns } = deps.datasets.get(id);
    const end = Math.min(rowCount, offset + limit);
    checkRowCells(Math.max(0, end - offset), columns.length);
    const table = await deps.datasets.readRows(id, offset, end);
    return c.body(rowsJsonStream({ offset, limit, total: rowCount }, table), 200, { 'content-type': 'application/json; charset=UTF-8' });
  });

  app.get('/:id/columns/:name', deps.guards.readDataset, (c) =>
    sendFile(deps.datasets.columnPath(c.req.param('id'), c.req.param('name')), BINARY_CONTENT_TYPE, {
      'cache-control': 'private, max-age=31536000, immutable',
    }),
  );

  app.get('/:id/analyses', deps.guards.readDataset, (c) => {
    const id = c.req.param('id');
    deps.datasets.get(id);
    return c.json({ analyses: visibleAnalyses(principalOf(c), deps.analyses.listForDataset(id)) });
  });

  app.post('/:id/analyses', deps.guards.runAnalysis, async (c) => {
    const datasetId = c.req.param('id');
    const dataset = deps.datasets.get(datasetId);
    const params = analysisParamsSchema.parse(await readJsonBody(c.req.raw));
    const known = new Set(dataset.columns.map((col) => col.name));
    const unknown = [...(params.features ?? []), ...Object.keys(params.columns ?? {}), ...(params.text?.columns ?? [])].find((name) => !known.has(name));
    if (unknown !== undefined) throw badRequest(`Unknown column "${unknown}". Columns are: ${[...known].join(', ')}.`, 'unknown_column');
    // Queue places are counted per requester (429 beyond ANALYSIS_MAX_QUEUED_PER_TOKEN).
    const { analysis, existing } = await deps.jobs.submit(datasetId, params, requesterKey(c));
    return c.json({ id: analysis.id, status: analysis.status, existing }, existing ? 200 : 202);
  });

  return app;
}

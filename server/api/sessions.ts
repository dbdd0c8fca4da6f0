import { Hono } from 'hono';
import { z } from 'zod';
import type { SessionDescription } from '../../shared/api-types.ts';
import type { ApiDeps } from './deps.ts';
import { principalOf } from '../auth/access.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json.ts';
import { LIMITS } from '../../shared/session/limits.ts';
import { reportDisposition } from '../insights/report/file-name.ts';
import { renderReport } from '../insights/report/render-report.ts';

const createBody = z
  .object({
    datasetId: z.string().min(1),
    analysisId: z.string().min(1).optional(),
    title: z.string().min(1).max(200).optional(),
    /** A column of the dataset the session starts coloured by (the RFM preset: its segments). */
    colorBy: z.string().min(1).max(LIMITS.columnLength).optional(),
  })
  .strict();
const rebindBody = z.object({ analysisId: z.string().min(1) }).strict();

export function sessionsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.post('/', deps.guards.workspace, async (c) => {
    const body = createBody.parse(await readJsonBody(c.req.raw));
    const record = await deps.sessionService.create(body);
    return c.json({ id: record.id, editToken: record.editToken, viewToken: record.viewToken }, 201);
  });

  /**
   * What a page needs to open a session; the token decides the role (the owner, holding no token
   * of the session, edits), and a wrong one learns nothing.
   */
  app.get('/:id', deps.guards.openSession, (c) => {
    const id = c.req.param('id');
    const record = deps.sessions.get(id);
    const role = deps.sessions.roleFor(id, c.req.query('token') ?? bearer(c.req.header('authorization'))) ?? (principalOf(c).kind === 'owner' ? 'edit' : null);
    if (!role) throw new HttpError(403, 'forbidden', 'This link is not valid for this session: ask for a new edit or view link.');
    if (!deps.datasets.has(record.datasetId)) {
      throw new HttpError(410, 'dataset_deleted', `The table of "${record.title}" was deleted from this workspace, so this session has nothing left to show.`);
    }
    const body: SessionDescription = { id, datasetId: record.datasetId, analysisId: record.analysisId, title: record.title, role, createdAt: record.createdAt };
    if (role === 'edit') body.viewToken = record.viewToken;
    return c.json(body);
  });

  /**
   * The findings report: one self-contained HTML file to download. Either of the session's links
   * (a view link is enough) or the owner; the guard answers 401/403, an unknown session is 404.
   */
  app.get('/:id/report', deps.guards.openSession, async (c) => {
    const input = await deps.reports.gather(c.req.param('id'));
    return c.body(renderReport(input), 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': reportDisposition(input.title),
      'cache-control': 'no-store',
    });
  });

  // The guard lets only this session's edit token (or the owner) through.
  app.put('/:id/analysis', deps.guards.editSession, async (c) => {
    const id = c.req.param('id');
    deps.sessions.get(id);
    const { analysisId } = rebindBody.parse(await readJsonBody(c.req.raw));
    const record = await deps.sessionService.rebind(id, analysisId);
    // Still running: the session shows its analysis until this one is done (202, pending).
    if (record.pendingAnalysisId === analysisId) return c.json({ id: record.id, analysisId: record.analysisId, pendingAnalysisId: analysisId }, 202);
    return c.json({ id: record.id, analysisId: record.analysisId });
  });

  return app;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

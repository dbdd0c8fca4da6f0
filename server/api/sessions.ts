import { Hono } from 'hono';
import { z } from 'zod';
import type { SessionDescription } from '../../shared/api-types.ts';
import type { ApiDeps } from './deps.ts';
import { HttpError } from './http-error.ts';
import { readJsonBody } from './read-json.ts';

const createBody = z
  .object({ datasetId: z.string().min(1), analysisId: z.string().min(1).optional(), title: z.string().min(1).max(200).optional() })
  .strict();
const rebindBody = z.object({ analysisId: z.string().min(1) }).strict();

export function sessionsRoutes(deps: ApiDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const body = createBody.parse(await readJsonBody(c.req.raw));
    const record = await deps.sessionService.create(body);
    return c.json({ id: record.id, editToken: record.editToken, viewToken: record.viewToken }, 201);
  });

  /** What a page needs to open a session; the token decides the role, and a wrong one learns nothing. */
  app.get('/:id', (c) => {
    const id = c.req.param('id');
    const record = deps.sessions.get(id);
    const role = deps.sessions.roleFor(id, c.req.query('token') ?? bearer(c.req.header('authorization')));
    if (!role) throw new HttpError(403, 'forbidden', 'This link is not valid for this session: ask for a new edit or view link.');
    const body: SessionDescription = { id, datasetId: record.datasetId, analysisId: record.analysisId, title: record.title, role, createdAt: record.createdAt };
    if (role === 'edit') body.viewToken = record.viewToken;
    return c.json(body);
  });

  app.put('/:id/analysis', async (c) => {
    const id = c.req.param('id');
    deps.sessions.get(id);
    if (deps.sessions.roleFor(id, c.req.query('token') ?? bearer(c.req.header('authorization'))) !== 'edit') {
      throw new HttpError(403, 'forbidden', 'Only an edit link may change the analysis of a session.');
    }
    const { analysisId } = rebindBody.parse(await readJsonBody(c.req.raw));
    const record = await deps.sessionService.rebind(id, analysisId);
    return c.json({ id: record.id, analysisId: record.analysisId });
  });

  return app;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

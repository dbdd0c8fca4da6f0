import type { Context, MiddlewareHandler } from 'hono';
import { decide, type Action } from './permissions.ts';
import { forbidden, unauthenticated } from './messages.ts';
import { principalOf } from './access.ts';

/** What the guards need to know about resources (the analysis store answers it). */
export interface AccessLookups {
  /** The dataset an analysis belongs to, or null for an unknown analysis. */
  analysisDataset(analysisId: string): string | null;
}

/**
 * One guard per kind of route, put in front of its handler (`app.get('/:id/rows', guards.readDataset, …)`):
 * the route says what it touches, permissions.ts decides, a refusal is 401 (no or wrong token)
 * or 403 (a token without that right). Unknown ids go on to the handler's 404 for the owner only;
 * a session token learns nothing about ids outside its session (403).
 */
export function createGuards(lookups: AccessLookups) {
  const guard =
    (what: string, action: (c: Context) => Action | Action[]): MiddlewareHandler =>
    async (c, next) => {
      // A route touching several resources needs the right to each.
      const decisions = [action(c)].flat().map((a) => decide(principalOf(c), a));
      if (decisions.includes('unauthenticated')) throw unauthenticated();
      if (decisions.includes('forbidden')) throw forbidden(what);
      await next();
    };
  const id = (c: Context): string => c.req.param('id') ?? '';
  const analysis = (c: Context): { analysisId: string; datasetId: string } => ({ analysisId: id(c), datasetId: lookups.analysisDataset(id(c)) ?? '' });
  return {
    workspace: guard('the workspace (its list of datasets, uploads, demos, new sessions)', () => ({ kind: 'workspace' })),
    readDataset: guard('this dataset', (c) => ({ kind: 'read-dataset', datasetId: id(c) })),
    /** Drift compares `:id` with `?against=`: whoever reads both (without `against`, just `:id`). */
    readDatasetAndAgainst: guard('both datasets (the one compared against too)', (c) => {
      const against = c.req.query('against');
      return [{ kind: 'read-dataset', datasetId: id(c) }, ...(against === undefined ? [] : [{ kind: 'read-dataset' as const, datasetId: against }])];
    }),
    runAnalysis: guard('analyses of this dataset (an edit link of a session on it may run them)', (c) => ({ kind: 'run-analysis', datasetId: id(c) })),
    editRules: guard('the rules of this dataset (an edit link of a session on it may change them)', (c) => ({ kind: 'edit-rules', datasetId: id(c) })),
    readAnalysis: guard('this analysis', (c) => ({ kind: 'read-analysis', ...analysis(c) })),
    /** Only whoever may run an analysis of its dataset may cancel it. */
    cancelAnalysis: guard('this analysis (cancelling needs an edit link of its dataset)', (c) => ({ kind: 'run-analysis', datasetId: analysis(c).datasetId })),
    openSession: guard('this session', (c) => ({ kind: 'open-session', sessionId: id(c) })),
    editSession: guard('this session for editing (it needs the edit link)', (c) => ({ kind: 'edit-session', sessionId: id(c) })),
    shareOrigins: guard('the share addresses', () => ({ kind: 'share-origins' })),
  };
}

export type Guards = ReturnType<typeof createGuards>;

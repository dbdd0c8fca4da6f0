import type { Principal } from './principal.ts';

/**
 * What a request wants to do, named by the resource it touches. Routes map onto these in
 * guards.ts; the decision itself is pure and tested directly.
 */
export type Action =
  /** The workspace as a whole: list, upload, delete, create sessions, demos. */
  | { kind: 'workspace' }
  /** Rows, columns and profile of one dataset. */
  | { kind: 'read-dataset'; datasetId: string }
  /** Start (or cancel) an analysis of one dataset. */
  | { kind: 'run-analysis'; datasetId: string }
  /** Add or delete the quality rules of one dataset. */
  | { kind: 'edit-rules'; datasetId: string }
  /** Description, events, arrays, neighbours of one analysis (of `datasetId`). */
  | { kind: 'read-analysis'; analysisId: string; datasetId: string }
  /** Open a session's page data (its description). */
  | { kind: 'open-session'; sessionId: string }
  /** Change what a session is bound to. */
  | { kind: 'edit-session'; sessionId: string }
  /** The addresses share links should use (network addresses of this machine). */
  | { kind: 'share-origins' };

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

export function decide(principal: Principal, action: Action): Decision {
  if (principal.kind === 'owner') return 'allow';
  if (principal.kind === 'none') return 'unauthenticated';
  const own = (datasetId: string) => principal.datasetId === datasetId;
  const edit = principal.role === 'edit';
  let allowed: boolean;
  switch (action.kind) {
    case 'workspace':
      allowed = false;
      break;
    case 'read-dataset':
      allowed = own(action.datasetId);
      break;
    case 'run-analysis':
      allowed = edit && own(action.datasetId);
      break;
    case 'edit-rules':
      // Like running an analysis: a change to the dataset's shared workspace, for its editors.
      allowed = edit && own(action.datasetId);
      break;
    case 'read-analysis':
      // An edit token may run any analysis of its dataset (and identical parameters answer the
      // existing analysis), so it may read them all; a view token only what its session showed.
      allowed = own(action.datasetId) && (edit || principal.analysisIds.includes(action.analysisId));
      break;
    case 'open-session':
      allowed = principal.sessionId === action.sessionId;
      break;
    case 'edit-session':
      allowed = edit && principal.sessionId === action.sessionId;
      break;
    case 'share-origins':
      // Every session page has a Share panel (a viewer passes the view link on): without these
      // addresses its links would point at localhost. They are this server's own addresses,
      // which anyone holding a link already reaches it by; no data, so any token will do.
      allowed = true;
      break;
  }
  return allowed ? 'allow' : 'forbidden';
}

/** The analyses of a list a principal may read (a view token: those its session is or was bound to). */
export function visibleAnalyses<T extends { id: string }>(principal: Principal, analyses: readonly T[]): T[] {
  if (principal.kind === 'session' && principal.role === 'view') return analyses.filter((a) => principal.analysisIds.includes(a.id));
  return [...analyses];
}

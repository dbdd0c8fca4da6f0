import type { DemoSessionInfo, SessionCreated, SessionDescription } from '../../shared/api-types.ts';
import { getJson, request, sendJson, seg } from './http.ts';

export const createSession = (body: { datasetId: string; analysisId?: string; title?: string; colorBy?: string }): Promise<SessionCreated> =>
  sendJson<SessionCreated>('/api/sessions', body);

/**
 * What the page needs to open a session. `viewToken` is read when the server hands it to edit
 * links (so an editor can share a view link); older servers leave it out.
 */
export type SessionInfo = SessionDescription & { viewToken?: string };

export const getSession = (id: string, token: string): Promise<SessionInfo> =>
  getJson<SessionInfo>(`/api/sessions/${seg(id)}?token=${encodeURIComponent(token)}`);

/** The demo session the server made on its first start (edit and view tokens), or null. */
export const getDemoSession = (): Promise<DemoSessionInfo> => getJson<DemoSessionInfo>('/api/demo-session');

export function sessionUrl(origin: string, id: string, token: string): string {
  return `${origin}/s/${seg(id)}?token=${encodeURIComponent(token)}`;
}

/** Points the session at another finished analysis of its dataset (edit token only); everyone follows. */
/** A finished analysis is shown at once; a running one becomes the session's pending analysis (pendingAnalysisId). */
export const rebindSession = (id: string, editToken: string, analysisId: string): Promise<{ id: string; analysisId: string; pendingAnalysisId?: string }> =>
  sendJson(`/api/sessions/${seg(id)}/analysis?token=${encodeURIComponent(editToken)}`, { analysisId }, 'PUT');

/** The session's findings report, one self-contained HTML file (either of its tokens, or the owner). */
export async function getReport(id: string): Promise<Blob> {
  return (await request(`/api/sessions/${seg(id)}/report`)).blob();
}

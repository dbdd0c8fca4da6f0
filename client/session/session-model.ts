import { createContext, useContext, type RefObject } from 'react';
import type { AnalysisDescription, DatasetDetail } from '../../shared/api-types.ts';
import type { AnalysisSummary } from '../../shared/analysis-result.ts';
import type { AnalysisArrays } from '../api/analyses.ts';
import type { RowCache } from '../api/row-cache.ts';
import type { SessionInfo } from '../api/sessions.ts';
import type { SessionConnection } from '../collab/connect-session.ts';
import type { Identity } from '../collab/identity.ts';
import type { Presence } from '../collab/presence.ts';
import type { CloudOutput } from '../encodings/cloud-builder.ts';
import type { SearchResult } from '../encodings/search.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';
import type { ColumnStore } from '../state/column-store.ts';
import type { ViewDriver } from './view-driver.ts';
import type { PendingView } from './use-pending-analysis.ts';

/** Everything a session page's panels need that does not change while the analysis stays. */
export interface SessionModel {
  info: SessionInfo;
  token: string;
  dataset: DatasetDetail;
  analysis: AnalysisDescription;
  summary: AnalysisSummary;
  arrays: AnalysisArrays;
  /** Displayed cluster id → the analysis's raw id, for the server's analysis routes. */
  rawClusterIds: ReadonlyMap<number, number>;
  ctx: PointContext;
  columns: ColumnStore;
  rows: RowCache;
  conn: SessionConnection;
  presence: Presence;
  identity: Identity;
  /** False for view links: every control that writes is disabled. */
  canEdit: boolean;
  /** This participant's view (the desktop camera or the XR rig), set by the shell that shows it. */
  view: RefObject<ViewDriver | null>;
}

export const SessionContext = createContext<SessionModel | null>(null);
/**
 * The scene's input and what panels show about it (counts, legend, search matches), with the
 * point context it was built from: the analysis's, or with the pending analysis's clusters and
 * anomalies shown ahead of its result (use-cloud.ts). What the cloud draws reads `ctx`.
 */
export type SessionCloud = CloudOutput & { search: SearchResult | null; ctx: PointContext };

export const CloudContext = createContext<SessionCloud | null>(null);

/** The analysis the session is moving to, as this page follows it (null: none). */
export const PendingContext = createContext<PendingView | null>(null);

export function useSession(): SessionModel {
  const model = useContext(SessionContext);
  if (!model) throw new Error('useSession outside a session page');
  return model;
}

export function useCloud(): SessionCloud {
  const cloud = useContext(CloudContext);
  if (!cloud) throw new Error('useCloud outside a session page');
  return cloud;
}

/**
 * The author name written into shared entries (filters, notes, bookmarks, selection): the name
 * others see for us (our stored name, numbered when another participant has it too).
 */
export function authorOf(model: SessionModel): string {
  return model.presence.name;
}

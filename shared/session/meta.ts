import type * as Y from 'yjs';
import { SessionDocError } from './errors.ts';
import { LIMITS, SCHEMA_VERSION } from './limits.ts';
import { metaMap, filtersMap, selectionMap, plain } from './roots.ts';
import { idSchema, timeSchema } from './schema.ts';
import { writeView, DEFAULT_VIEW } from './view.ts';
import { CLUSTER_IDS_KEY, clusterIdsValue } from './cluster-ids.ts';
import type { SessionMeta, ViewState } from './types.ts';

export interface InitSessionOptions {
  datasetId: string;
  analysisId?: string | null;
  title?: string;
  /** Overrides of the default view (e.g. colour by a label column the dataset has). */
  defaults?: Partial<ViewState>;
  /** Unix ms; injectable so initial states are reproducible in tests. */
  createdAt?: number;
}

/**
 * Writes the initial content of a new session in one transaction. Only the server calls this,
 * once, before any client connects (createSessionDocument); clients never initialise.
 */
export function initSessionDoc(doc: Y.Doc, options: InitSessionOptions, origin: unknown = null): void {
  if (!idSchema.safeParse(options.datasetId).success) {
    throw new SessionDocError('invalid_dataset_id', 'initSessionDoc needs a datasetId');
  }
  const title = (options.title ?? 'Untitled session').slice(0, LIMITS.titleLength);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('datasetId', options.datasetId);
    meta.set('analysisId', options.analysisId ?? null);
    meta.set('title', title);
    meta.set('createdAt', options.createdAt ?? Date.now());
    writeView(doc, { ...DEFAULT_VIEW, ...options.defaults }, origin);
  }, origin);
}

export function readMeta(doc: Y.Doc): SessionMeta {
  const meta = metaMap(doc);
  const str = (key: string, max: number): string | null => {
    const v = plain(meta.get(key));
    return typeof v === 'string' && v.length <= max ? v : null;
  };
  const version = meta.get('schemaVersion');
  return {
    schemaVersion: typeof version === 'number' && Number.isInteger(version) ? version : SCHEMA_VERSION,
    datasetId: str('datasetId', LIMITS.idLength) ?? '',
    analysisId: str('analysisId', LIMITS.idLength),
    title: str('title', LIMITS.titleLength) ?? 'Untitled session',
    createdAt: timeSchema.safeParse(meta.get('createdAt')).data ?? 0,
  };
}

export function setTitle(doc: Y.Doc, title: string, origin: unknown = null): void {
  if (typeof title !== 'string' || title.length > LIMITS.titleLength) {
    throw new SessionDocError('invalid_title', `a title is a string of at most ${LIMITS.titleLength} characters`);
  }
  doc.transact(() => metaMap(doc).set('title', title), origin);
}

/**
 * Points the session at another analysis of the same dataset. Row indices stay meaningful
 * (same dataset), cluster memberships do not: cluster filters and the cluster selection are
 * dropped (a kept "C2" would now name other rows). `clusterIds` (new raw id → displayed id,
 * see cluster-ids.ts) is written in the same transaction, so no one ever sees the new
 * analysis with the old numbering; without it the new analysis shows its raw ids.
 */
export function rebindAnalysis(doc: Y.Doc, analysisId: string, origin: unknown = null, clusterIds?: ReadonlyMap<number, number>): void {
  if (!idSchema.safeParse(analysisId).success) throw new SessionDocError('invalid_analysis_id', 'invalid analysis id');
  const ids = clusterIds ? clusterIdsValue(analysisId, clusterIds) : null;
  doc.transact(() => {
    metaMap(doc).set('analysisId', analysisId);
    if (ids) metaMap(doc).set(CLUSTER_IDS_KEY, ids);
    else metaMap(doc).delete(CLUSTER_IDS_KEY);
    const filters = filtersMap(doc);
    for (const [id, entry] of filters.entries()) {
      const kind = (plain(entry) as { kind?: unknown } | null)?.kind;
      if (kind === 'cluster') filters.delete(id);
    }
    const selection = selectionMap(doc);
    if (selection.has('clusters')) selection.set('clusters', []);
  }, origin);
}

import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { readFilters, readSelection, readView } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { usePeerHoverKey } from '../collab/use-peers.ts';
import { CloudBuilder } from '../encodings/cloud-builder.ts';
import { pointOfRow } from '../../shared/encodings/point-context.ts';
import { looksLikeDate, looksNumeric, searchPoints } from '../encodings/search.ts';
import { useUi } from '../state/ui-store.ts';
import type { PlaybackClock } from './playback-clock.ts';
import type { PointContext } from '../../shared/encodings/point-context.ts';
import type { SessionCloud, SessionModel } from './session-model.ts';
import type { PendingView } from './use-pending-analysis.ts';
import { usePlaybackSteps } from './use-playback.ts';

/**
 * Columns searched when the user did not pick one: everything that reads as words, and the
 * number or date columns too when the query reads as a number ("35.6") or a date ("2014-02");
 * only then, since each searched column must be loaded first.
 */
export function searchableColumns(model: SessionModel, query: string): string[] {
  const numeric = looksNumeric(query);
  const date = looksLikeDate(query);
  return model.dataset.columns
    .filter((c) => c.type === 'category' || c.type === 'text' || c.type === 'boolean' || c.identifier || (numeric && c.type === 'number') || (date && c.type === 'datetime'))
    .map((c) => c.name);
}

/** What the pending analysis has computed so far, on the points on show (usePendingAnalysis). */
export type LiveResults = Pick<PendingView, 'layout' | 'cluster' | 'anomaly' | 'anomalyFlag'>;

const NO_LABELS: ReadonlyMap<number, string> = new Map();

/**
 * The point context the cloud is built from: the analysis's, or with the pending analysis's
 * clusters and anomalies in place of its own as soon as they are computed (their labels come
 * with the result: until then the legend names the clusters C1, C2, …).
 */
function liveContext(ctx: PointContext, cluster: Int32Array | null, anomaly: Float32Array | null, anomalyFlag: Uint8Array | null): PointContext {
  if (!cluster && !anomaly) return ctx;
  return {
    ...ctx,
    ...(cluster ? { cluster, clusterLabels: NO_LABELS } : {}),
    ...(anomaly && anomalyFlag ? { anomaly, anomalyFlag } : {}),
  };
}

/**
 * The scene's input, rebuilt from the shared view, filters, selection, search and peers'
 * hovers. Heavy steps are memoised inside CloudBuilder; this hook only wires the inputs.
 * `live`: what the pending analysis has computed so far on these points (its latest layout,
 * then its clusters and anomalies), shown instead of the analysis's own while the session
 * moves to it (usePendingAnalysis).
 */
export function useCloudOutput(model: SessionModel, clock: PlaybackClock, live: LiveResults | null = null): SessionCloud {
  const liveLayout = live?.layout ?? null;
  const liveCluster = live?.cluster ?? null;
  const liveAnomaly = live?.anomaly ?? null;
  const liveFlag = live?.anomalyFlag ?? null;
  const ctx = useMemo(() => liveContext(model.ctx, liveCluster, liveAnomaly, liveFlag), [model, liveCluster, liveAnomaly, liveFlag]);
  const { doc, awareness } = model.conn;
  const view = useDocValue(doc, ['view'], readView);
  const filters = useDocValue(doc, ['filters'], readFilters);
  const selection = useDocValue(doc, ['selection'], readSelection);
  const columnsVersion = useSyncExternalStore(model.columns.subscribe, model.columns.getVersion);
  const searchQuery = useUi((s) => s.searchQuery);
  const searchColumn = useUi((s) => s.searchColumn);
  const dimUnselected = useUi((s) => s.dimUnselected);
  const hoveredKey = usePeerHoverKey(awareness);
  const builder = useRef<CloudBuilder | null>(null);
  builder.current ??= new CloudBuilder();

  const queryKind = `${looksNumeric(searchQuery)}${looksLikeDate(searchQuery)}`;
  const searchNames = useMemo(
    () => (searchColumn && model.columns.has(searchColumn) ? [searchColumn] : searchableColumns(model, searchQuery)),
    // queryKind stands for the query: the columns change only when its kind does.
    [model, searchColumn, queryKind],
  );
  useEffect(() => {
    if (searchQuery.trim()) model.columns.ensure(searchNames);
  }, [model, searchNames, searchQuery]);
  const search = useMemo(
    () => (searchQuery.trim() ? searchPoints(searchQuery, searchNames, model.ctx) : null),
    // columnsVersion: search again when a searched column arrives.
    [model, searchNames, searchQuery, columnsVersion],
  );

  const hoveredPoints = useMemo(
    () => (hoveredKey ? hoveredKey.split(',').map((r) => pointOfRow(model.arrays.rowIndex, Number(r))).filter((p) => p >= 0) : []),
    [model, hoveredKey],
  );
  const knownColumns = useMemo(() => new Set(model.dataset.columns.map((c) => c.name)), [model]);
  // The timeline's visible set: a new version at most once per playback step.
  const timeVersion = usePlaybackSteps(clock);
  const time = clock.timeState;

  const output = useMemo(
    () =>
      builder.current!.build({
        ctx,
        embedding: liveLayout ?? model.arrays.positions,
        view,
        filters,
        selection,
        search: search?.mask ?? null,
        hoveredByOthers: hoveredPoints,
        knownColumns,
        dimUnselected,
        time,
      }),
    // timeVersion stands for time's state array, changed in place.
    [ctx, liveLayout, view, filters, selection, search, hoveredPoints, knownColumns, columnsVersion, dimUnselected, time?.state, timeVersion],
  );
  const pendingKey = output.pending.join('\u0000');
  useEffect(() => {
    if (pendingKey) model.columns.ensure(pendingKey.split('\u0000'));
  }, [model, pendingKey]);
  return useMemo(() => ({ ...output, search, ctx }), [output, search, ctx]);
}

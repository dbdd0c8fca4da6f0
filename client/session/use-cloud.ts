import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { readFilters, readSelection, readView } from '../../shared/session/index.ts';
import { useDocValue } from '../collab/use-doc.ts';
import { usePeerHoverKey } from '../collab/use-peers.ts';
import { CloudBuilder } from '../encodings/cloud-builder.ts';
import { pointOfRow } from '../../shared/encodings/point-context.ts';
import { looksLikeDate, looksNumeric, searchPoints } from '../encodings/search.ts';
import { useUi } from '../state/ui-store.ts';
import type { PlaybackClock } from './playback-clock.ts';
import type { SessionCloud, SessionModel } from './session-model.ts';
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

/**
 * The scene's input, rebuilt from the shared view, filters, selection, search and peers'
 * hovers. Heavy steps are memoised inside CloudBuilder; this hook only wires the inputs.
 * `liveLayout`: the pending analysis's latest layout on these points, shown instead of the
 * analysis's own while the session moves to it (usePendingAnalysis).
 */
export function useCloudOutput(model: SessionModel, clock: PlaybackClock, liveLayout: Float32Array | null = null): SessionCloud {
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
        ctx: model.ctx,
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
    [model, liveLayout, view, filters, selection, search, hoveredPoints, knownColumns, columnsVersion, dimUnselected, time?.state, timeVersion],
  );
  const pendingKey = output.pending.join('\u0000');
  useEffect(() => {
    if (pendingKey) model.columns.ensure(pendingKey.split('\u0000'));
  }, [model, pendingKey]);
  return useMemo(() => ({ ...output, search }), [output, search]);
}

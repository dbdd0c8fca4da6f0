import { useEffect, useState } from 'react';
import { getNeighbours, type FeatureNeighbours } from '../api/analyses.ts';
import { useSession } from './session-model.ts';

export const NEIGHBOUR_COUNT = 10;

/**
 * What a neighbour answer belongs to. Point indices mean nothing across analyses (a re-bind
 * keeps the page mounted), so the analysis is part of the key for the cache and the state alike.
 */
export function neighbourKey(analysisId: string, point: number): string {
  return `${analysisId}:${point}`;
}

export interface NeighbourState {
  key: string | null;
  data: FeatureNeighbours | null;
  error: string | null;
}

export interface NeighbourView {
  data: FeatureNeighbours | null;
  error: string | null;
  loading: boolean;
}

/** What to show for `point` of `analysisId` given the last answer held: an answer for anything else is loading. */
export function neighbourView(state: NeighbourState, analysisId: string, point: number | null): NeighbourView {
  if (point === null) return { data: null, error: null, loading: false };
  if (state.key !== neighbourKey(analysisId, point)) return { data: null, error: null, loading: true };
  return { data: state.data, error: state.error, loading: false };
}

// The scene (links) and the panel (list) ask for the same point: one request serves both.
const cache = new Map<string, Promise<FeatureNeighbours>>();
function cachedNeighbours(analysisId: string, point: number): Promise<FeatureNeighbours> {
  const key = neighbourKey(analysisId, point);
  let hit = cache.get(key);
  if (!hit) {
    hit = getNeighbours(analysisId, point, NEIGHBOUR_COUNT);
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    if (cache.size > 200) cache.delete(cache.keys().next().value!);
  }
  return hit;
}

/** Nearest neighbours in feature space of the focused point (null = none focused). */
export function useNeighbours(point: number | null): NeighbourView {
  const model = useSession();
  const analysisId = model.analysis.id;
  const [state, setState] = useState<NeighbourState>({ key: null, data: null, error: null });
  useEffect(() => {
    if (point === null) return;
    const abort = new AbortController();
    const key = neighbourKey(analysisId, point);
    cachedNeighbours(analysisId, point)
      .then((data) => {
        if (!abort.signal.aborted) setState({ key, data, error: null });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ key, data: null, error: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [analysisId, point]);
  return neighbourView(state, analysisId, point);
}

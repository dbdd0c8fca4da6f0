import { useEffect, useState } from 'react';
import { getNeighbours, type FeatureNeighbours } from '../api/analyses.ts';
import { useSession } from './session-model.ts';

export const NEIGHBOUR_COUNT = 10;

// The scene (links) and the panel (list) ask for the same point: one request serves both.
const cache = new Map<string, Promise<FeatureNeighbours>>();
function cachedNeighbours(analysisId: string, point: number): Promise<FeatureNeighbours> {
  const key = `${analysisId}:${point}`;
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
export function useNeighbours(point: number | null): { data: FeatureNeighbours | null; error: string | null; loading: boolean } {
  const model = useSession();
  const [state, setState] = useState<{ point: number | null; data: FeatureNeighbours | null; error: string | null }>({ point: null, data: null, error: null });
  useEffect(() => {
    if (point === null) return;
    const abort = new AbortController();
    cachedNeighbours(model.analysis.id, point)
      .then((data) => setState({ point, data, error: null }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ point, data: null, error: error instanceof Error ? error.message : String(error) });
      });
    return () => abort.abort();
  }, [model, point]);
  if (point === null) return { data: null, error: null, loading: false };
  if (state.point !== point) return { data: null, error: null, loading: true };
  return { data: state.data, error: state.error, loading: false };
}

import { useEffect, useState, type DependencyList } from 'react';

export interface Loaded<T> {
  /** The last value loaded (kept while a newer one loads, so a panel does not flash empty). */
  value: T | null;
  /** The last load's failure, in the server's words. */
  error: string | null;
}

/**
 * Loads a value from the server whenever `deps` change, cancelling the load it replaces (its
 * answer never lands after a newer one's); `load` null loads nothing. The one way the session's
 * panels fetch what they show (quality, drift…).
 */
export function useLoaded<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ value: null, error: null });
  useEffect(() => {
    if (!load) return;
    const abort = new AbortController();
    load(abort.signal).then(
      (value) => {
        if (!abort.signal.aborted) setState({ value, error: null });
      },
      (e: unknown) => {
        if (!abort.signal.aborted) setState((s) => ({ value: s.value, error: e instanceof Error ? e.message : String(e) }));
      },
    );
    return () => abort.abort();
    // The caller's deps decide when to load again; `load` is a new closure every render.
  }, deps);
  return state;
}

import { useEffect, useRef, useState } from 'react';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { AnalysisProgress, DatasetDetail } from '../../shared/api-types.ts';
import { startAnalysis } from '../api/analyses.ts';
import { watchAnalysis } from '../api/analysis-events.ts';
import { createSession, sessionUrl } from '../api/sessions.ts';
import { AnalysisProgressView } from '../app/analysis-progress.tsx';
import { rememberViewToken } from '../app/view-tokens.ts';
import type { ColumnOverrides } from './data-preview.tsx';

type Reduction = 'umap' | 'tsne' | 'pca';
type Clustering = 'kmeans' | 'dbscan' | 'hdbscan';

const REDUCTIONS: { value: Reduction; label: string; hint: string }[] = [
  { value: 'umap', label: 'UMAP', hint: 'keeps local and global structure; the default' },
  { value: 'tsne', label: 't-SNE', hint: 'tight local groups; slower' },
  { value: 'pca', label: 'PCA', hint: 'linear, instant, axes mean something' },
];
const CLUSTERINGS: { value: Clustering; label: string; hint: string }[] = [
  { value: 'kmeans', label: 'k-means, k chosen automatically', hint: 'round groups of similar size' },
  { value: 'hdbscan', label: 'HDBSCAN', hint: 'groups of any shape and density; leaves noise' },
  { value: 'dbscan', label: 'DBSCAN', hint: 'one density for all groups; leaves noise' },
];

/** Analysis options with sensible defaults already chosen, one Run button, then progress and the session. */
export function RunForm(props: { detail: DatasetDetail; overrides: ColumnOverrides }) {
  const [missing, setMissing] = useState<'drop' | 'impute'>(props.detail.columns.some((c) => c.missing > 0) && props.detail.rowCount < 200 ? 'impute' : 'drop');
  const [reduction, setReduction] = useState<Reduction>('umap');
  const [clustering, setClustering] = useState<Clustering>('kmeans');
  const [title, setTitle] = useState(props.detail.name);
  const [running, setRunning] = useState<{ progress: AnalysisProgress | null; layout: Float32Array | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const run = async () => {
    setError(null);
    const params: AnalysisParamsInput = { missing, reduction: { method: reduction }, clustering: { method: clustering } };
    if (Object.keys(props.overrides).length > 0) params.columns = props.overrides;
    try {
      setRunning({ progress: null, layout: null });
      const started = await startAnalysis(props.detail.id, params);
      const open = async () => {
        const session = await createSession({ datasetId: props.detail.id, analysisId: started.id, title: title.trim() || props.detail.name });
        rememberViewToken(session.id, session.viewToken);
        location.assign(sessionUrl(location.origin, session.id, session.editToken));
      };
      stop.current = watchAnalysis(started.id, {
        onProgress: (_s, progress) => setRunning((r) => ({ layout: r?.layout ?? null, progress })),
        onLayout: (layout) => setRunning((r) => ({ progress: r?.progress ?? null, layout })),
        onDone: () => void open().catch((e: unknown) => fail(e)),
        onFailed: (a) => fail(new Error(a.error?.message ?? 'The analysis failed.')),
        onError: (m) => fail(new Error(m)),
      });
    } catch (e) {
      fail(e);
    }
  };
  const fail = (e: unknown) => {
    setRunning(null);
    setError(e instanceof Error ? e.message : String(e));
  };

  const used = props.detail.columns.filter((c) => !(props.overrides[c.name]?.exclude ?? false) && !c.identifier && (props.overrides[c.name]?.type ?? c.type) !== 'text').length;
  return (
    <form
      className="run-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!running) void run();
      }}
    >
      <fieldset disabled={running !== null}>
        <label htmlFor="run-title">Session title</label>
        <input id="run-title" type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="run-missing">Missing values</label>
        <select id="run-missing" value={missing} onChange={(e) => setMissing(e.target.value as 'drop' | 'impute')}>
          <option value="drop">drop rows with missing features</option>
          <option value="impute">fill in (median / most frequent)</option>
        </select>
        <span className="label">Layout</span>
        <div className="choice-list" role="radiogroup" aria-label="Layout">
          {REDUCTIONS.map((r) => (
            <label key={r.value} className="choice">
              <input type="radio" name="reduction" value={r.value} checked={reduction === r.value} onChange={() => setReduction(r.value)} />
              <span>
                {r.label} <span className="muted small">{r.hint}</span>
              </span>
            </label>
          ))}
        </div>
        <span className="label">Clusters</span>
        <div className="choice-list" role="radiogroup" aria-label="Clusters">
          {CLUSTERINGS.map((c) => (
            <label key={c.value} className="choice">
              <input type="radio" name="clustering" value={c.value} checked={clustering === c.value} onChange={() => setClustering(c.value)} />
              <span>
                {c.label} <span className="muted small">{c.hint}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="small muted">
          {used} of {props.detail.columns.length} columns will be features (identifiers and free text are left out).
        </p>
        <button type="submit" className="primary" data-testid="run">
          Run analysis
        </button>
      </fieldset>
      {running && <AnalysisProgressView progress={running.progress} layout={running.layout} />}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

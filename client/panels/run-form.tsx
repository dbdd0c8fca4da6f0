import { useState } from 'react';
import type { AnalysisParamsInput } from '../../shared/analysis-params.ts';
import type { DatasetDetail } from '../../shared/api-types.ts';
import { ChoiceList } from './choice-list.tsx';
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

/** Analysis options with sensible defaults already chosen, and the one Run button. */
export function RunForm(props: { detail: DatasetDetail; overrides: ColumnOverrides; running: boolean; onRun: (params: AnalysisParamsInput, title: string) => void }) {
  // Small tables lose too much by dropping incomplete rows: fill them in by default there.
  const [missing, setMissing] = useState<'drop' | 'impute'>(props.detail.columns.some((c) => c.missing > 0) && props.detail.rowCount < 200 ? 'impute' : 'drop');
  const [reduction, setReduction] = useState<Reduction>('umap');
  const [clustering, setClustering] = useState<Clustering>('kmeans');
  const [title, setTitle] = useState(props.detail.name);

  const submit = () => {
    const params: AnalysisParamsInput = { missing, reduction: { method: reduction }, clustering: { method: clustering } };
    if (Object.keys(props.overrides).length > 0) params.columns = props.overrides;
    props.onRun(params, title.trim() || props.detail.name);
  };

  const used = props.detail.columns.filter((c) => !(props.overrides[c.name]?.exclude ?? false) && !c.identifier && (props.overrides[c.name]?.type ?? c.type) !== 'text').length;
  return (
    <form
      className="run-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.running) submit();
      }}
    >
      <fieldset disabled={props.running}>
        <label htmlFor="run-title">Session title</label>
        <input id="run-title" type="text" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        <label htmlFor="run-missing">Missing values</label>
        <select id="run-missing" value={missing} onChange={(e) => setMissing(e.target.value as 'drop' | 'impute')}>
          <option value="drop">drop rows with missing features</option>
          <option value="impute">fill in (median / most frequent)</option>
        </select>
        <span className="label">Layout</span>
        <ChoiceList name="reduction" label="Layout" options={REDUCTIONS} value={reduction} onChange={setReduction} />
        <span className="label">Clusters</span>
        <ChoiceList name="clustering" label="Clusters" options={CLUSTERINGS} value={clustering} onChange={setClustering} />
        <p className="small muted">
          {used} of {props.detail.columns.length} columns will be features (identifiers and free text are left out).
        </p>
        <button type="submit" className="primary" data-testid="run">
          {props.running ? 'Running…' : 'Run analysis'}
        </button>
      </fieldset>
    </form>
  );
}

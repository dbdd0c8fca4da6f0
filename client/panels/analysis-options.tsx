import type { ClusteringMethod, ReductionMethod } from '../../shared/analysis-params.ts';
import type { AnalysisChoices, MissingPolicy } from '../session/analysis-choices.ts';
import { ChoiceList } from './choice-list.tsx';

const REDUCTIONS: { value: ReductionMethod; label: string; hint: string }[] = [
  { value: 'umap', label: 'UMAP', hint: 'keeps local and global structure; the default' },
  { value: 'tsne', label: 't-SNE', hint: 'tight local groups; slower' },
  { value: 'pca', label: 'PCA', hint: 'linear, instant, axes mean something' },
];
const CLUSTERINGS: { value: ClusteringMethod; label: string; hint: string }[] = [
  { value: 'kmeans', label: 'k-means', hint: 'round groups of similar size; k chosen automatically' },
  { value: 'hdbscan', label: 'HDBSCAN', hint: 'groups of any shape and density; leaves noise' },
  { value: 'dbscan', label: 'DBSCAN', hint: 'one density for all groups; leaves noise' },
];

/**
 * The analysis choices both pages offer (missing values, layout, clusters). `idPrefix` keeps
 * element ids and radio names unique; the enclosing fieldset disables them while a run is on.
 */
export function AnalysisOptions(props: { idPrefix: string; value: AnalysisChoices; onChange: (value: AnalysisChoices) => void }) {
  const { value, onChange } = props;
  const missingId = `${props.idPrefix}-missing`;
  return (
    <>
      <label htmlFor={missingId}>Missing values</label>
      <select id={missingId} value={value.missing} onChange={(e) => onChange({ ...value, missing: e.target.value as MissingPolicy })}>
        <option value="drop">drop rows with missing features</option>
        <option value="impute">fill in (median / most frequent)</option>
      </select>
      <span className="label">Layout</span>
      <ChoiceList name={`${props.idPrefix}-reduction`} label="Layout" options={REDUCTIONS} value={value.reduction} onChange={(reduction) => onChange({ ...value, reduction })} />
      <span className="label">Clusters</span>
      <ChoiceList name={`${props.idPrefix}-clustering`} label="Clusters" options={CLUSTERINGS} value={value.clustering} onChange={(clustering) => onChange({ ...value, clustering })} />
    </>
  );
}

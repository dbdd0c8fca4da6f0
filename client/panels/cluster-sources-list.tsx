import { clusterName } from '../../shared/encodings/point-values.ts';
import { formatNumber } from '../../shared/encodings/legend.ts';
import type { ClusterSources } from '../encodings/cluster-sources.ts';

/**
 * Each cluster's points split by dataset, as a stacked bar and the current dataset's share:
 * a cluster made mostly of one side's rows is what grew (or shrank) between the two.
 */
export function ClusterSourcesList({ clusters, labels, colors }: { clusters: ClusterSources[]; labels: [string, string]; colors: [string, string] }) {
  const overall = clusters.reduce((s, c) => s + c.counts[1], 0) / Math.max(1, clusters.reduce((s, c) => s + c.total, 0));
  return (
    <ul className="drift-clusters" data-testid="drift-clusters">
      {clusters.map((c) => {
        const share = c.total > 0 ? c.counts[1] / c.total : 0;
        // Ten points more than the overall mix either way is worth a word.
        const moved = share - overall > 0.1 ? 'grew' : overall - share > 0.1 ? 'shrank' : null;
        return (
          <li key={c.cluster} data-cluster={c.cluster}>
            <span className="drift-cluster-name">{clusterName(c.cluster)}</span>
            <span className="drift-stack" title={`${labels[0]}: ${formatNumber(c.counts[0])} · ${labels[1]}: ${formatNumber(c.counts[1])}`}>
              <span style={{ width: `${(1 - share) * 100}%`, background: colors[0] }} />
              <span style={{ width: `${share * 100}%`, background: colors[1] }} />
            </span>
            <span className="small drift-share">
              {Math.round(share * 100)}% current{moved && <span className={`tag${moved === 'grew' ? ' warn' : ''}`}>{moved}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

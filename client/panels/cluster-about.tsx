import type { ClusterDescription } from '../../shared/analysis-result.ts';
import type { ColumnType } from '../../shared/table.ts';
import { groupSizeText } from '../session/cluster-size-text.ts';
import { TraitList } from './trait-list.tsx';

/**
 * What sets one cluster apart, under its row: size and share, the analysis's paragraph first
 * (read at a glance), then the traits as a compact list. Analyses stored before paragraphs
 * and shares existed show what they have (their share is worked out from the sizes).
 */
export function ClusterAbout(props: { cluster: ClusterDescription; pointCount: number; types: ReadonlyMap<string, ColumnType>; hidden: boolean }) {
  const { cluster } = props;
  const share = typeof cluster.share === 'number' ? cluster.share : cluster.size / Math.max(1, props.pointCount);
  return (
    <div className={`cluster-about${props.hidden ? ' hidden-cluster' : ''}`} data-testid="cluster-about">
      <span className="cluster-size-line">{groupSizeText(cluster.size, share)}</span>
      {typeof cluster.paragraph === 'string' && cluster.paragraph !== '' && <p className="paragraph">{cluster.paragraph}</p>}
      <TraitList traits={cluster.traits} types={props.types} />
    </div>
  );
}

import type { ClusterDescription } from '../../shared/analysis-result.ts';
import type { ColumnType } from '../../shared/table.ts';
import { groupSizeText } from '../session/cluster-size-text.ts';
import { TraitList } from './trait-list.tsx';

/**
 * What sets one cluster apart, under its row (which says its size): the analysis's paragraph
 * first, read at a glance (it opens with the size and share: "214 penguins, 64% of all: …"),
 * then the traits as a compact list (`traitsFolded`: behind a link, when many clusters would
 * make the panel too long to scan). Analyses stored before paragraphs existed show the size
 * and share in a line instead.
 */
export function ClusterAbout(props: { cluster: ClusterDescription; pointCount: number; types: ReadonlyMap<string, ColumnType>; hidden: boolean; traitsFolded?: boolean }) {
  const { cluster } = props;
  const paragraph = typeof cluster.paragraph === 'string' ? cluster.paragraph : '';
  // Analyses stored before shares were recorded: the share from the sizes.
  const share = typeof cluster.share === 'number' ? cluster.share : cluster.size / Math.max(1, props.pointCount);
  return (
    <div className={`cluster-about${props.hidden ? ' hidden-cluster' : ''}`} data-testid="cluster-about">
      {paragraph !== '' ? <p className="paragraph">{paragraph}</p> : <span className="small muted">{groupSizeText(cluster.size, share)}</span>}
      {/* Folded whole only under a paragraph, which already gives the strongest three in words. */}
      <TraitList traits={cluster.traits} types={props.types} folded={props.traitsFolded && paragraph !== '' ? 0 : undefined} />
    </div>
  );
}
